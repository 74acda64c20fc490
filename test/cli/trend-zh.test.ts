/**
 * `zcpark trend --lang zh` (README § zcpark trend): the table, Markdown and HTML of the hand-checked city
 * (fixtures/trend/city, figures derived in test/cli/trend.test.ts) in Chinese, byte for byte against goldens, and no
 * English word left in the table beyond ids, units, file names and formula text. The JSON stays English: a reason the
 * core gives carries its code and arguments (`why`, `missing_why`) beside the English text.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trend } from '../../src/report/trend/types.js';
import { golden, unversioned } from '../helpers/golden.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const CITY = 'fixtures/trend/city';
let table: string;
let tmp: string;
beforeAll(() => {
  const r = runCli(['trend', CITY, '-f', 'table', '--lang', 'zh']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  table = r.stdout;
  tmp = mkdtempSync(join(tmpdir(), 'zcpark-trend-zh-'));
}, 30_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The ASCII words a Chinese trend may hold: the ids of the entity, its region and pack (TREND-CITY, CN-ZJ,
 * carbon-peaking-city), the target's id, the units (t, tCO2, tce, t/万元), the names in the intensity formulas
 * (energy_t, energy_total_tce, feedstock_tce, economy.gdp) and the pack's R mark of recalled values.
 */
const ALLOWED = new Set([
  'TREND',
  'CITY',
  'CN',
  'ZJ',
  'carbon',
  'peaking',
  'city',
  'carbon_intensity_reduction',
  't',
  'tCO2',
  'tce',
  'energy_t',
  'energy_total_tce',
  'feedstock_tce',
  'economy',
  'gdp',
  'R',
]);

describe('trend --lang zh', () => {
  it('matches the Chinese golden table, Markdown and HTML', () => {
    expect(unversioned(table)).toBe(golden('trend.zh.txt'));
    expect(unversioned(runCli(['trend', CITY, '-f', 'markdown', '--lang', 'zh']).stdout)).toBe(golden('trend.zh.md'));
    expect(unversioned(runCli(['trend', CITY, '-f', 'html', '--lang', 'zh']).stdout)).toBe(golden('trend.zh.html'));
  }, 30_000);

  it('leaves no English word in the table but ids, units, file names and formula names', () => {
    // the entity's name is the user's own text (the fixture's "Trend test city") and the target's file a path
    const text = table.replaceAll('Trend test city', '').replaceAll(`${CITY}/city-2023.yaml`, '');
    const words = [...new Set(text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [])].sort();
    expect(words.filter((w) => !ALLOWED.has(w))).toEqual([]);
    // and the Chinese is there: headings, verdicts, the target's progress, the peak
    for (const s of ['年份', '碳排放强度较 2020 年累计', '进度滞后', '符合进度', '基准年 2020', '排放峰值：2021 年', '★ 单位地区生产总值二氧化碳排放降低率'])
      expect(table).toContain(s);
  });

  it('words a missing change in Chinese from its code, while the JSON keeps its English text beside the code', () => {
    // 2021's GDP at 2021 prices against 2020's at 2020 prices: no intensity change, no target progress (trend.test.ts)
    const dir = join(tmp, 'prices');
    mkdirSync(dir, { recursive: true });
    const src = (y: number) => readFileSync(join(ROOT, CITY, `city-${y}.yaml`), 'utf8');
    writeFileSync(join(dir, 'p-2020.yaml'), src(2020));
    writeFileSync(
      join(dir, 'p-2021.yaml'),
      src(2021).replace('gdp: { value: 1100, unit: 万元, price_year: 2020 }', 'gdp: { value: 1200, unit: 万元, price_year: 2021 }'),
    );
    const json = runCli(['trend', dir, '--allow-outside', tmp, '-f', 'json']);
    expect(json.code).toBe(0);
    const t = JSON.parse(json.stdout) as Trend;
    const why = { code: 'price_years_differ', args: { from_year: 2020, from_price_year: 2020, to_year: 2021, to_price_year: 2021 } };
    const english =
      "GDP figures at different prices (2020: at 2020 prices; 2021: at 2021 prices): an intensity change needs both at one year's constant prices";
    expect(t.years[1]!.changes.carbon_intensity).toEqual({
      yoy: null,
      cumulative: null,
      missing: { yoy: english, cumulative: english },
      missing_why: { yoy: why, cumulative: why },
    });
    expect(t.targets[0]!.by_year[0]).toMatchObject({ status: 'missing', reason: english, why });
    const zh = runCli(['trend', dir, '--allow-outside', tmp, '-f', 'table', '--lang', 'zh']).stdout;
    const said = '两年经济总量的价格基准不同（2020 年按 2020 年价；2021 年按 2021 年价），强度变化须按同一年份不变价比较';
    expect(zh).toContain(`2021 年碳排放强度同比：${said}`);
    expect(zh).toContain(`2021 年：${said}`);
    expect(zh).not.toContain('GDP figures');
    const md = runCli(['trend', dir, '--allow-outside', tmp, '-f', 'markdown', '--lang', 'zh']).stdout;
    expect(md).toContain(`| 缺少数据（${said}） |`);
  }, 30_000);

  it("says the trend's own warning in Chinese", () => {
    // neither year's GDP gives a price year: ZC-W-PRICE-YEAR from the trend itself, beside each year's own
    const dir = join(tmp, 'unpriced');
    mkdirSync(dir, { recursive: true });
    for (const y of [2020, 2021])
      writeFileSync(join(dir, `u-${y}.yaml`), readFileSync(join(ROOT, CITY, `city-${y}.yaml`), 'utf8').replace(', price_year: 2020 }', ' }'));
    const zh = runCli(['trend', dir, '--allow-outside', tmp, '-f', 'table', '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('3 条提示：');
    expect(zh.stdout).toContain('economy.gdp 在 2020、2021 年未注明 price_year：假定两者按同一年份不变价计（趋势的强度变化 对二者进行比较）');
    const en = JSON.parse(runCli(['trend', dir, '--allow-outside', tmp, '-f', 'json']).stdout) as Trend;
    expect(en.warnings[2]!.message).toContain(
      "economy.gdp without a price_year in 2020, 2021: the two are assumed to be at the same constant prices (the trend's intensity changes compares them)",
    );
  }, 30_000);

  it('keeps the English formats as they were', () => {
    const en = runCli(['trend', CITY, '-f', 'table']).stdout;
    expect(en).toContain('│ carbon_intensity vs 2020      │    — │ -3.64 % │  -8.7 % │ -13.04 % │');
    expect(en).toContain('peak: 2021, 2,420 tCO2 gross — peaked (every later year is lower)');
    expect(en).not.toMatch(/达峰|年份|基准年|结论/);
  }, 30_000);
});
