/** The labels of the human formats in English and Chinese: one catalogue (diagnostic messages live in diagnostics/codes.ts). */
import type { Lang } from '../diagnostics/codes.js';
import type { TrendWhy } from './trend/types.js';

const LABELS = {
  verdict: ['Verdict', '结论'],
  score: ['score', '得分'],
  grade: ['grade', '等级'],
  pass: ['pass', '达标'],
  fail: ['fail', '未达标'],
  missing: ['missing', '缺少数据'],
  not_applicable: ['not applicable', '不适用'],
  incomplete: ['incomplete', '数据不全'],
  PASS: ['PASS', '通过'],
  FAIL: ['FAIL', '未通过'],
  INCOMPLETE: ['INCOMPLETE', '数据不全'],
  profile: ['profile', '规则包'],
  indicator: ['Indicator', '指标'],
  indicators: ['Indicators', '指标'],
  value: ['Value', '数值'],
  threshold: ['Threshold', '阈值'],
  status: ['Status', '状态'],
  points: ['Points', '分值'],
  gap: ['gap', '差距'],
  note: ['note', '说明'],
  unscored: ['unscored', '不计分'],
  own_target: ['own target', '自定目标'],
  core_note: ['★ core indicator: the verdict passes only when every core indicator passes', '★ 核心指标：全部核心指标达标，结论才为通过'],
  because: ['because', '原因'],
  core_misses: ['the core indicator {id} {what}', '核心指标 {id} {what}'],
  misses: ['{value} misses {op} {threshold}', '{value} 未满足 {op} {threshold}'],
  cannot_compute: ['cannot be computed ({reason})', '无法计算（{reason}）'],
  no_band: ['no threshold band applies', '无适用的阈值档'],
  sinks_not_counted: ['sinks and offsets are reported below but do not enter this indicator', '碳汇与抵消量在下方列出，但不计入该指标'],
  emissions: ['Emissions (tCO2)', '碳排放（tCO2）'],
  tonnes: ['tonnes', '吨'],
  share_of_gross: ['share of gross', '占总排放'],
  gross: ['gross', '总排放'],
  co2e_note: [
    '{figures} include {t} t entered in CO2e (other gases at their GWP): those figures are tCO2e, the others tCO2',
    '{figures} 含以二氧化碳当量填报的 {t} 吨（其他温室气体按 GWP 折算）：这些数值为 tCO2e，其余为 tCO2',
  ],
  sinks: ['sinks', '碳汇'],
  offsets: ['offsets', '抵消'],
  net: ['net', '净排放'],
  energy: ['Energy (tce)', '能源消费（tce）'],
  share: ['share', '占比'],
  total: ['total', '合计'],
  clean: ['clean', '清洁能源'],
  other: ['other', '其他'],
  electricity_mwh: ['electricity MWh', '用电量 MWh'],
  green_mwh: ['green MWh (consumed)', '绿色电力 MWh（已消费）'],
  top_entities: ['Top entities', '主要排放主体'],
  largest_emitters: ['Largest emitters', '主要排放主体'],
  gross_tco2: ['gross tCO2', '总排放 tCO2'],
  energy_tce: ['energy tce', '能耗 tce'],
  more: ['{n} more', '其余 {n} 个'],
  warnings: ['Warnings', '提示'],
  warning: ['warning', '提示'],
  factors_used: ['Factors used', '所用因子'],
  factor: ['factor', '因子'],
  vintage: ['vintage', '年份'],
  source: ['source', '来源'],
  factors_count: ['Factors used: {n} (see --format json, or --explain for the full trace)', '所用因子：{n} 个（完整计算过程见 --format json 或 --explain）'],
  trace: ['Calculation trace', '计算过程'],
  charts: ['Charts', '图表'],
  chart_waterfall: ['Emissions from gross to net (tCO2)', '从总排放到净排放（tCO2）'],
  chart_mix: ['Energy mix (tce)', '能源结构（tce）'],
  chart_bullets: ['Indicators against their thresholds', '指标与阈值对比'],
  chart_emitters: ['Largest emitters (gross tCO2)', '主要排放主体（总排放 tCO2）'],
  category: ['category', '类别'],
  fuel: ['fuel', '化石燃料'],
  transport: ['transport', '交通'],
  electricity: ['electricity', '电力'],
  heat: ['heat', '热力'],
  process: ['process', '工业过程'],
  waste: ['waste', '废弃物'],
  why_core: ['The core indicator {name} {what}. The verdict follows the core indicators only.', '核心指标“{name}”{what}。结论仅由核心指标决定。'],
  is_against: ['is {value} against {op} {threshold}', '为 {value}，要求 {op} {threshold}'],
  is_status: ['is {status}', '状态为{status}'],
  footer: ['every figure is exact to the input; display rounded', '所有数字按输入精确计算，仅显示时取整'],
  batch_title: ['zcpark batch: {n} submissions', 'zcpark 批量评价：{n} 份申报'],
  batch_counts: [
    '{n} submissions: {pass} pass, {fail} fail, {incomplete} incomplete, {invalid} invalid',
    '{n} 份申报：{pass} 份通过，{fail} 份未通过，{incomplete} 份数据不全，{invalid} 份无效',
  ],
  ranking: ['Ranking', '排名'],
  rank: ['rank', '名次'],
  name: ['name', '名称'],
  core_indicators: ['Core indicators', '核心指标'],
  most_failed: ['Most often failed', '最常未达标的指标'],
  most_failed_inline: ['most often failed', '最常未达标'],
  submissions: ['submissions', '份数'],
  invalid_inputs: ['Invalid inputs', '无效输入'],
  invalid_count: ['{n} invalid input(s)', '{n} 份无效输入'],
  region: ['region', '地区'],
  indicator_matrix: ['Indicators by submission', '各申报的指标达标情况'],
  ranked_by_verdict: ['Ranked by verdict (pass, incomplete, fail), then by score.', '先按结论（达标、数据不全、未达标）排序，再按得分排序。'],
  ranked_by_score: ['Ranked by score alone (--rank-by score); the verdict decides.', '仅按得分排序（--rank-by score）；是否达标以结论为准。'],
  more_ranked: ['… {n} more (see -f json, csv or markdown)', '… 其余 {n} 份（见 -f json、csv 或 markdown）'],
  // zcpark trend (src/report/trend/): the figures, changes, target progress and the peak
  trend_year: ['year', '年份'],
  trend_profile: ['profile', '规则包'],
  trend_base_year: ['base year', '基准年'],
  trend_factors_own: ["factors: each year's own vintage", '排放因子：各年采用当年版本'],
  trend_factors_year: ['factors: the {year} vintage for every year (--factors-year)', '排放因子：各年统一采用 {year} 年版本（--factors-year）'],
  trend_intensities: [
    'intensities: carbon = {emissions} / {economy} (t/万元), energy = ({energy}) / {economy} (tce/万元)',
    '强度口径：碳排放强度 = {emissions} / {economy}（t/万元），能耗强度 = ({energy}) / {economy}（tce/万元）',
  ],
  trend_energy_tce: ['energy tce', '能源消费总量 tce'],
  trend_feedstock_tce: ['feedstock tce', '原料用能 tce'],
  trend_gross_tco2: ['gross tCO2', '总排放 tCO2'],
  trend_energy_tco2: ['energy tCO2', '能源活动排放 tCO2'],
  trend_net_tco2: ['net tCO2', '净排放 tCO2'],
  trend_gdp: ['GDP 万元', '{economy} 万元'],
  trend_carbon_unit: ['t/万元', '碳排放强度 t/万元'],
  trend_energy_unit: ['tce/万元', '能耗强度 tce/万元'],
  trend_verdict: ['verdict', '结论'],
  trend_prices: ['{value} ({year} prices)', '{value}（{year} 年价）'],
  trend_no_price_year: ['{value} (no price year)', '{value}（未注明价格年份）'],
  trend_change: ['change', '变化'],
  trend_yoy: ['{figure} year-on-year', '{figure}同比'],
  trend_vs_base: ['{figure} vs {year}', '{figure}较 {year} 年累计'],
  trend_note_yoy: ['{year} {figure} year-on-year: {reason}', '{year} 年{figure}同比：{reason}'],
  trend_note_cumulative: ['{year} {figure} cumulative: {reason}', '{year} 年{figure}累计：{reason}'],
  trend_target_head: [
    '{id}: {value} by {year} from the base year (even yearly rate), measured on {figure}; target read from {file}',
    '{id}：目标年 {year} 年较基准年下降 {value}（按年均等比例下降），以{figure}衡量；目标取自 {file}',
  ],
  trend_expected_cut: ['expected cut', '按进度应达降幅'],
  trend_actual_cut: ['actual cut', '实际累计降幅'],
  trend_gap: ['gap', '差距'],
  trend_status: ['status', '进度'],
  trend_points: ['{value} pt', '{value} 个百分点'],
  trend_on_track: ['on track', '符合进度'],
  trend_behind: ['behind', '进度滞后'],
  trend_missing: ['missing', '缺少数据'],
  trend_no_target: [
    'no reduction target with a year (targets: { carbon_intensity_reduction: { value: 18%, year: 2025 } }) in the latest submission',
    '最新一年的申报中没有带目标年的下降目标（如 targets: { carbon_intensity_reduction: { value: 18%, year: 2025 } }）',
  ],
  trend_no_target_html: ['No reduction target with a year in the latest submission.', '最新一年的申报中没有带目标年的下降目标。'],
  trend_peak: ['peak: {year}, {gross} tCO2 gross — {status}', '排放峰值：{year} 年，总排放 {gross} tCO2 — {status}'],
  trend_peaked: ['peaked (every later year is lower)', '已达峰（其后各年均低于峰值）'],
  trend_not_yet: ['not yet (the highest year is the last, or a later year is not lower)', '尚未达峰（排放最高的是最后一年，或其后某年并未降低）'],
  trend_insufficient: ['insufficient (fewer than 3 years)', '数据不足（少于 3 年）'],
  trend_peak_note: [
    "information only: the pilot plan judges pilots on their measures, not on the peak's timing",
    '仅供参考：试点方案以各项试点任务和措施评估试点，不以达峰时间作为评判依据',
  ],
  trend_indicator: ['indicator', '指标'],
  trend_legend: [
    '✓ pass  ✗ fail  ? missing  – not applicable; ★ core. Reference values marked R in the pack are recalled, not yet checked against the text.',
    '✓ 达标  ✗ 未达标  ? 缺少数据  – 不适用；★ 核心指标。规则包中标为 R 的参考值凭记忆录入，尚未与原文核对。',
  ],
  trend_core_note: [
    '★ core indicator. Reference values marked R in the pack are recalled, not yet checked against the text.',
    '★ 核心指标。规则包中标为 R 的参考值凭记忆录入，尚未与原文核对。',
  ],
  trend_year_note: ['{year}: {text}', '{year} 年：{text}'],
  trend_warnings: ['{n} warning(s):', '{n} 条提示：'],
  trend_chart_emissions: ['Emissions by year (tCO2)', '各年碳排放（tCO2）'],
  trend_chart_path: ['{figure} ({unit}) against the path to {value} by {year}', '{figure}（{unit}）与 {year} 年下降 {value} 的目标路径对比'],
  trend_actual: ['{figure} (actual)', '{figure}（实际）'],
  trend_expected_path: ['expected path', '目标路径'],
  trend_chart_mix: ['Energy mix by year (tce)', '各年能源结构（tce）'],
  trend_feedstock: ['feedstock', '原料用能'],
  trend_figures_by_year: ['Figures by year', '各年数据'],
  trend_changes: ['Changes', '变化'],
  trend_targets: ['Targets', '目标进度'],
  trend_peak_head: ['Peak', '达峰情况'],
  trend_indicators_by_year: ['Indicators by year', '各年指标'],
  trend_method_zh: ['{formula}', '{formula}：先以精确分数计算 (1 − r)^(t − base)，再以整数运算开方至 {digits} 位小数（向下取整），最后取最接近的双精度浮点数'],
  trend_title: ['zcpark trend {from}–{to}', 'zcpark 趋势 {from}–{to}'],
  // the figures a trend follows, by their JSON names
  fig_energy_total_tce: ['energy_total_tce', '能源消费总量'],
  fig_feedstock_tce: ['feedstock_tce', '原料用能'],
  fig_gross_t: ['gross_t', '总排放'],
  fig_energy_t: ['energy_t', '能源活动排放'],
  fig_net_t: ['net_t', '净排放'],
  fig_carbon_intensity: ['carbon_intensity', '碳排放强度'],
  fig_energy_intensity: ['energy_intensity', '能耗强度'],
  // why a change or a target's progress has no value (the core's `why` codes, README § zcpark trend)
  why_no_value: ['no {figure} in {year} (no economy figure, or it is 0)', '{year} 年无{figure}（缺少经济总量数据，或其为 0）'],
  why_zero_base: ['{figure} is 0 in {year}: no relative change', '{year} 年{figure}为 0：无法计算相对变化'],
  why_price_years_differ: [
    "GDP figures at different prices ({from}; {to}): an intensity change needs both at one year's constant prices",
    '两年经济总量的价格基准不同（{from}；{to}），强度变化须按同一年份不变价比较',
  ],
  why_at_prices: ['{year}: at {price_year} prices', '{year} 年按 {price_year} 年价'],
  why_no_price_year: ['{year}: no price_year', '{year} 年未注明 price_year'],
  why_target_not_after_base: ['the target year {target_year} is not after the base year {base_year}', '目标年 {target_year} 不晚于基准年 {base_year}'],
  why_reduction_above_100: ['a reduction above 100 % has no path', '降幅超过 100 %，无下降路径'],
} as const satisfies Record<string, readonly [string, string]>;

export type LabelKey = keyof typeof LABELS;

/** A label in `lang`, with {placeholders} filled. */
export function label(lang: Lang, key: LabelKey, args: Record<string, string | number> = {}): string {
  const text = LABELS[key][lang === 'zh' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? ''));
}

/** An indicator's name in `lang`. */
export const indicatorName = (i: { name: string; name_zh: string }, lang: Lang): string => (lang === 'zh' ? i.name_zh : i.name);

/** A figure of a trend by its JSON name (gross_t): the name itself in English, its Chinese name in Chinese. */
export const figureName = (lang: Lang, figure: string): string => (`fig_${figure}` in LABELS ? label(lang, `fig_${figure}` as LabelKey) : figure);

/** Why a trend's change or target progress has no value, in `lang` (the core writes the English into the JSON). */
export function trendWhy(lang: Lang, why: TrendWhy): string {
  switch (why.code) {
    case 'no_value':
    case 'zero_base':
      return label(lang, `why_${why.code}`, { figure: figureName(lang, why.args.figure), year: why.args.year });
    case 'price_years_differ': {
      const at = (year: number, price_year: number | null) =>
        price_year === null ? label(lang, 'why_no_price_year', { year }) : label(lang, 'why_at_prices', { year, price_year });
      return label(lang, 'why_price_years_differ', {
        from: at(why.args.from_year, why.args.from_price_year),
        to: at(why.args.to_year, why.args.to_price_year),
      });
    }
    case 'target_year_not_after_base':
      return label(lang, 'why_target_not_after_base', why.args);
    case 'reduction_above_100':
      return label(lang, 'why_reduction_above_100');
  }
}
