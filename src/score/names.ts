/** The names rule-pack formulas may read (README § How the numbers are made) and their values for one evaluation. */
import type { AccountResult } from '../account/account.js';
import { FIGURES, FIGURE_NAMES } from '../account/figures.js';
import { Rational } from '../model/rational.js';
import type { MetricValue, Submission } from '../model/types.js';
import { CATEGORIES, type Vocabulary } from '../model/vocabulary.js';
import type { ExprValue } from './expr.js';

/** Names with a fixed meaning, always defined after accounting: the figure table's names, plus the reporting year. */
export const ACCOUNT_NAMES: readonly string[] = [...FIGURE_NAMES, 'water_fresh_m3', 'water_reused_m3', 'year', 'budget_categories_within_share'];

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
export function buildLookup(a: AccountResult, s: Submission, vocabulary: Vocabulary): (name: string) => ExprValue | undefined {
  const fixed = new Map<string, Rational>();
  for (const f of FIGURES) {
    const v = f.value(a);
    if (v === undefined) continue;
    for (const name of [f.name, ...(f.aliases ?? [])]) fixed.set(name, v);
  }
  fixed.set('water_fresh_m3', a.water.get('fresh') ?? Rational.ZERO);
  fixed.set('water_reused_m3', a.water.get('reused') ?? Rational.ZERO);
  fixed.set('year', Rational.int(s.year));
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
    const prefix = name.slice(0, dot),
      key = name.slice(dot + 1);
    switch (prefix) {
      case 'metric':
        return metricValue(s.metrics.get(key));
      case 'economy':
        return metricValue(s.economy.get(key));
      case 'target':
        return metricValue(s.targets.get(key));
      case 'baseline':
        return metricValue(s.baseline.get(key.replace(/_(t|tce)$/, ''))) ?? metricValue(s.baseline.get(key));
      case 'budget':
        if (key === 'total_t') return s.budget?.total;
        return s.budget?.byCategory.get(key.replace(/_t$/, ''));
    }
    return undefined;
  };
}
