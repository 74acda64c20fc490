/** The names rule-pack formulas may read (README § How the numbers are made) and their values for one evaluation. */
import type { AccountResult } from '../account/account.js';
import { Rational } from '../model/rational.js';
import type { MetricValue, ProfileAccounting, Submission } from '../model/types.js';
import { CATEGORIES, type Vocabulary } from '../model/vocabulary.js';
import type { ExprValue } from './expr.js';

/** Names with a fixed meaning, always defined after accounting (0 when nothing feeds them). */
export const ACCOUNT_NAMES = [
  'energy_total_tce', 'energy_clean_tce', 'energy_nonfossil_tce', 'clean_share', 'nonfossil_share',
  'energy_fuel_tce', 'energy_transport_tce', 'energy_electricity_tce', 'energy_heat_tce',
  'electricity_mwh', 'green_electricity_mwh', 'grid_mwh', 'green_trade_mwh', 'direct_green_mwh',
  'onsite_renewable_mwh', 'export_mwh', 'green_certificate_mwh', 'credited_certificate_mwh',
  'heat_gj', 'heat_purchased_gj', 'heat_export_gj', 'heat_renewable_gj',
  'fuel_t', 'transport_t', 'electricity_t', 'heat_t', 'process_t', 'waste_t',
  'energy_t', 'gross_t', 'sinks_t', 'offsets_t', 'net_t',
  'water_fresh_m3', 'water_reused_m3', 'year', 'budget_categories_within_share',
] as const;

/** Prefixes whose names come from the submission (any id after the dot). */
export const PREFIXES = ['metric.', 'economy.', 'baseline.', 'target.', 'budget.'] as const;

/** All fixed names, including sink_<item>_t and offset_<item>_t for every vocabulary item. */
export function fixedNames(vocabulary: Vocabulary): string[] {
  const items = (c: 'sink' | 'offset') => [...(vocabulary.categories.get(c)?.items.keys() ?? [])].map((i) => `${c}_${i}_t`);
  return [...ACCOUNT_NAMES, ...items('sink'), ...items('offset'), ...CATEGORIES.map((c) => `rows_${c}`)];
}

/** True when `name` can ever have a value (used to reject packs with typos at load time). */
export function isKnownName(name: string, fixed: ReadonlySet<string>): boolean {
  return fixed.has(name) || PREFIXES.some((p) => name.startsWith(p) && name.length > p.length && /^[a-z][a-z0-9_]*$/.test(name.slice(p.length)));
}

const metricValue = (m: MetricValue | undefined): ExprValue | undefined => (m === undefined ? undefined : m.value);

/** The lookup function formulas are evaluated with. */
export function buildLookup(a: AccountResult, s: Submission, vocabulary: Vocabulary, acc: ProfileAccounting): (name: string) => ExprValue | undefined {
  const e = a.electricity;
  const fixed = new Map<string, Rational>([
    ['energy_total_tce', a.energyTotalTce],
    ['energy_clean_tce', a.energyCleanTce],
    ['energy_fuel_tce', a.energyByCategory.get('fuel')!],
    ['energy_transport_tce', a.energyByCategory.get('transport')!],
    ['energy_electricity_tce', a.energyByCategory.get('electricity')!],
    ['energy_heat_tce', a.energyByCategory.get('heat')!],
    ['electricity_mwh', e.consumed],
    ['green_electricity_mwh', e.green_consumed],
    ['grid_mwh', e.grid],
    ['green_trade_mwh', e.green_trade],
    ['direct_green_mwh', e.direct_green],
    ['onsite_renewable_mwh', e.onsite_renewable],
    ['export_mwh', e.export],
    ['green_certificate_mwh', e.green_certificate],
    ['credited_certificate_mwh', e.credited_certificates],
    ['heat_gj', a.heat.consumed],
    ['heat_purchased_gj', a.heat.purchased],
    ['heat_export_gj', a.heat.export],
    ['heat_renewable_gj', a.heat.onsite_renewable],
    ['energy_t', a.energyT],
    ['gross_t', a.grossT],
    ['sinks_t', a.sinksT],
    ['offsets_t', a.offsetsT],
    ['net_t', a.netT],
    ['water_fresh_m3', a.water.get('fresh') ?? Rational.ZERO],
    ['water_reused_m3', a.water.get('reused') ?? Rational.ZERO],
    ['year', Rational.int(s.year)],
  ]);
  for (const [c, v] of a.co2ByCategory) fixed.set(`${c}_t`, v);
  // non-fossil: clean energy without natural gas and LNG, whatever the profile's definition of clean
  const nonFossil = a.energyCleanTce.sub(acc.cleanIncludesGas ? a.energyGasTce : Rational.ZERO);
  fixed.set('energy_nonfossil_tce', nonFossil);
  if (!a.energyTotalTce.isZero()) {
    fixed.set('clean_share', a.energyCleanTce.div(a.energyTotalTce));
    fixed.set('nonfossil_share', nonFossil.div(a.energyTotalTce));
  }
  for (const c of CATEGORIES) fixed.set(`rows_${c}`, Rational.int(a.rowsByCategory.get(c) ?? 0));
  // share of budgeted categories whose CO2 stays within their budget (carbon-budget pack)
  if (s.budget && s.budget.byCategory.size > 0) {
    let within = 0;
    for (const [c, b] of s.budget.byCategory) if ((a.co2ByCategory.get(c as 'fuel') ?? Rational.ZERO).cmp(b) <= 0) within++;
    fixed.set('budget_categories_within_share', Rational.of(BigInt(within), BigInt(s.budget.byCategory.size)));
  }
  for (const c of ['sink', 'offset'] as const) {
    const byItem = c === 'sink' ? a.sinksByItem : a.offsetsByItem;
    for (const item of vocabulary.categories.get(c)?.items.keys() ?? []) fixed.set(`${c}_${item}_t`, byItem.get(item) ?? Rational.ZERO);
  }
  return (name) => {
    const f = fixed.get(name);
    if (f) return f;
    const dot = name.indexOf('.');
    if (dot < 0) return undefined;
    const prefix = name.slice(0, dot), key = name.slice(dot + 1);
    switch (prefix) {
      case 'metric': return metricValue(s.metrics.get(key));
      case 'economy': return metricValue(s.economy.get(key));
      case 'target': return metricValue(s.targets.get(key));
      case 'baseline': return metricValue(s.baseline.get(key.replace(/_(t|tce)$/, ''))) ?? metricValue(s.baseline.get(key));
      case 'budget':
        if (key === 'total_t') return s.budget?.total;
        return s.budget?.byCategory.get(key.replace(/_t$/, ''));
    }
    return undefined;
  };
}
