/**
 * The reasons of `zcpark trend` (src/report/i18n.ts trendWhy): each code's English is the text the JSON has carried
 * since zcpark-trend/1 (written out here by hand from the former wording in src/trend/trend.ts), and its Chinese.
 */
import { describe, expect, it } from 'vitest';
import { trendWhy } from '../../src/report/i18n.js';
import type { TrendWhy } from '../../src/report/trend/types.js';

const cases: [TrendWhy, string, string][] = [
  [
    { code: 'no_value', args: { figure: 'carbon_intensity', year: 2021 } },
    'no carbon_intensity in 2021 (no economy figure, or it is 0)',
    '2021 年无碳排放强度（缺少经济总量数据，或其为 0）',
  ],
  [{ code: 'zero_base', args: { figure: 'net_t', year: 2020 } }, 'net_t is 0 in 2020: no relative change', '2020 年净排放为 0：无法计算相对变化'],
  [
    { code: 'price_years_differ', args: { from_year: 2020, from_price_year: null, to_year: 2022, to_price_year: 2020 } },
    "GDP figures at different prices (2020: no price_year; 2022: at 2020 prices): an intensity change needs both at one year's constant prices",
    '两年经济总量的价格基准不同（2020 年未注明 price_year；2022 年按 2020 年价），强度变化须按同一年份不变价比较',
  ],
  [
    { code: 'target_year_not_after_base', args: { target_year: 2020, base_year: 2020 } },
    'the target year 2020 is not after the base year 2020',
    '目标年 2020 不晚于基准年 2020',
  ],
  [{ code: 'reduction_above_100', args: {} }, 'a reduction above 100 % has no path', '降幅超过 100 %，无下降路径'],
];

describe('trend reasons', () => {
  it.each(cases)('%j in English and Chinese', (why, en, zh) => {
    expect(trendWhy('en', why)).toBe(en);
    expect(trendWhy('zh', why)).toBe(zh);
  });
});
