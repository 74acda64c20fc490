/**
 * `zcpark trend`: one entity over several years (README § zcpark trend). Pure: it takes each year's evaluation
 * (the engine's evaluate() output) and returns the trend object, or coded errors naming the files. The order the
 * years are given in never matters: they are sorted by year (and file) first.
 */
import { diag, localize, type Lang } from '../diagnostics/codes.js';
import { Rational } from '../model/rational.js';
import type { Diagnostic, MetricValue, Submission } from '../model/types.js';
import type { Report } from '../report/types.js';
import type { ExprValue } from '../score/expr.js';
import type { CompiledProfile } from '../score/profile.js';
import { namesOf } from '../score/expr.js';
import { expectedCut, ROOT_DIGITS } from './path.js';
import { CHANGE_FIGURES, type ChangeFigure, type Trend, type TrendChange, type TrendTarget, type TrendWhy, type TrendYear } from '../report/trend/types.js';
import { trendWhy } from '../report/i18n.js';

/** One year's evaluation. */
export interface TrendInput {
  file: string;
  report: Report;
  submission: Submission;
  /** The pack the year was evaluated with (every year's must be the same: checked by id). */
  profile: CompiledProfile;
  lookup: (name: string) => ExprValue | undefined;
}

export interface TrendOptions {
  version: string;
  baseYear?: number;
  factorsYear?: number;
  /** The language of the trend's own warnings (each year's come in the language it was evaluated in). */
  lang?: Lang;
}

/** Reduction targets whose progress is the cut of an intensity. */
const REDUCTION_TARGETS: Record<string, 'carbon_intensity' | 'energy_intensity'> = {
  carbon_intensity_reduction: 'carbon_intensity',
  energy_intensity_reduction: 'energy_intensity',
};

const EMISSIONS = 'energy_t';
const ENERGY = 'energy_total_tce - feedstock_tce';

/** The economy field the pack's intensity indicators divide by: gdp unless they read only another economy.<k>. */
export function economyField(profile: CompiledProfile): string {
  const read = new Set<string>();
  for (const d of profile.indicators) {
    if (!(d.id in REDUCTION_TARGETS)) continue;
    for (const n of namesOf(profile.compiled.get(d.id)!.formula)) if (n.name.startsWith('economy.')) read.add(n.name.slice('economy.'.length));
  }
  return read.size === 0 || read.has('gdp') ? 'gdp' : [...read].sort()[0]!;
}

interface YearFigures {
  input: TrendInput;
  year: number;
  values: Record<ChangeFigure, Rational | undefined>;
  priceYear: number | undefined;
}

const num = (x: Rational | undefined): number | null => (x === undefined ? null : x.toNumber());
const rat = (v: ExprValue | undefined): Rational | undefined => (v instanceof Rational ? v : undefined);
const money = (m: MetricValue | undefined): { value: Rational; priceYear?: number } | undefined =>
  m?.kind === 'number' ? { value: m.value, ...(m.priceYear !== undefined ? { priceYear: m.priceYear } : {}) } : undefined;

/** Checks the inputs and builds the trend; errors name every file concerned. */
export function buildTrend(inputs: readonly TrendInput[], opts: TrendOptions): { trend?: Trend; diagnostics: Diagnostic[] } {
  const sorted = [...inputs].sort((a, b) => a.submission.year - b.submission.year || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const errors = checkInputs(sorted, opts);
  if (errors.length) return { diagnostics: errors };
  const profile = sorted[0]!.profile;
  const field = economyField(profile);
  const base = opts.baseYear ?? sorted[0]!.submission.year;

  const figures: YearFigures[] = sorted.map((input) => {
    const L = (n: string) => rat(input.lookup(n));
    const gdp = money(input.submission.economy.get(field));
    const div = (x: Rational | undefined) => (x === undefined || gdp === undefined || gdp.value.isZero() ? undefined : x.div(gdp.value));
    const total = L('energy_total_tce'),
      feed = L('feedstock_tce');
    return {
      input,
      year: input.submission.year,
      priceYear: gdp?.priceYear,
      values: {
        energy_total_tce: total,
        feedstock_tce: feed,
        gross_t: L('gross_t'),
        energy_t: L('energy_t'),
        net_t: L('net_t'),
        carbon_intensity: div(L(EMISSIONS)),
        energy_intensity: div(total && feed ? total.sub(feed) : undefined),
      },
    };
  });
  const baseIdx = figures.findIndex((f) => f.year === base);
  const warnings = sorted.flatMap((i) => i.report.warnings);
  const unpriced = figures.filter((f) => f.priceYear === undefined && f.values.carbon_intensity !== undefined);
  if (unpriced.length > 0) {
    const years = unpriced.map((f) => f.year);
    const d = diag(
      'ZC-W-PRICE-YEAR',
      {
        what: `economy.${field} without a price_year in ${years.join(', ')}`,
        what_zh: `economy.${field} 在 ${years.join('、')} 年未注明 price_year`,
        indicators: "the trend's intensity changes",
        indicators_zh: '趋势的强度变化',
      },
      { file: unpriced[0]!.input.file },
    );
    warnings.push({ code: d.code, message: localize(d, opts.lang ?? 'en'), file: unpriced[0]!.input.file });
  }

  const years: TrendYear[] = figures.map((f, i) => {
    const r = f.input.report;
    const changes = {} as Record<ChangeFigure, TrendChange>;
    for (const k of CHANGE_FIGURES) {
      const prev = i > baseIdx ? figures[i - 1] : undefined;
      const first = i > baseIdx ? figures[baseIdx] : undefined;
      const yoy = change(f, prev, k);
      const cumulative = change(f, first, k);
      const missing = { ...(yoy.why ? { yoy: trendWhy('en', yoy.why) } : {}), ...(cumulative.why ? { cumulative: trendWhy('en', cumulative.why) } : {}) };
      const missing_why = { ...(yoy.why ? { yoy: yoy.why } : {}), ...(cumulative.why ? { cumulative: cumulative.why } : {}) };
      changes[k] = {
        yoy: num(yoy.value),
        cumulative: num(cumulative.value),
        ...(Object.keys(missing).length ? { missing, missing_why } : {}),
      };
    }
    const gdp = money(f.input.submission.economy.get(field));
    return {
      year: f.year,
      file: f.input.file,
      energy_total_tce: num(f.values.energy_total_tce) ?? 0,
      feedstock_tce: num(f.values.feedstock_tce) ?? 0,
      gross_t: num(f.values.gross_t) ?? 0,
      energy_t: num(f.values.energy_t) ?? 0,
      net_t: num(f.values.net_t) ?? 0,
      clean_share: r.energy.clean_share,
      nonfossil_share: r.energy.nonfossil_share,
      energy_by_category: r.energy.by_category,
      gdp: gdp ? { value_10k_cny: gdp.value.toNumber(), price_year: gdp.priceYear ?? null, field } : null,
      carbon_intensity: num(f.values.carbon_intensity),
      energy_intensity: num(f.values.energy_intensity),
      changes,
      indicators: r.indicators,
      score: r.score,
      grade: r.grade,
      verdict: r.verdict,
    };
  });

  const latest = figures[figures.length - 1]!;
  const targets: TrendTarget[] = [];
  for (const id of [...latest.input.submission.targets.keys()].sort()) {
    const t = latest.input.submission.targets.get(id)!;
    const figure = REDUCTION_TARGETS[id];
    if (!figure || t.kind !== 'number' || t.year === undefined) continue;
    targets.push(progress(id, figure, t.value, t.year, latest.input.file, figures, baseIdx));
  }

  // the peak: the latest year of the highest gross_t
  let peak = figures[0]!;
  for (const f of figures) if (f.values.gross_t!.cmp(peak.values.gross_t!) >= 0) peak = f;
  const status = figures.length < 3 ? 'insufficient' : peak !== latest ? 'peaked' : 'not_yet';

  const s = latest.input.report.submission;
  const trend: Trend = {
    format: 'zcpark-trend/1',
    tool: { name: 'zcpark', version: opts.version },
    entity: { id: s.id, name: s.name, type: s.type, region: s.region },
    profile: profile.id,
    profile_title: profile.title,
    ...(profile.title_zh ? { profile_title_zh: profile.title_zh } : {}),
    base_year: base,
    factors_year: opts.factorsYear ?? null,
    intensity: { emissions: EMISSIONS, energy: ENERGY, economy: `economy.${field}` },
    years,
    targets,
    peak: { year: peak.year, gross_t: num(peak.values.gross_t) ?? 0, status },
    method: {
      expected_path: `1 − (1 − r)^((t − base)/(target − base)): (1 − r)^(t − base) as an exact fraction, its root by integer arithmetic to ${ROOT_DIGITS} decimal places (rounded down), then the nearest double`,
    },
    warnings,
  };
  return { trend, diagnostics: [] };
}

/** The relative change of a figure against an earlier year: x/x₀ − 1, or why there is none. */
function change(f: YearFigures, against: YearFigures | undefined, k: ChangeFigure): { value?: Rational; why?: TrendWhy } {
  if (!against) return {};
  const x = f.values[k],
    x0 = against.values[k];
  if (k === 'carbon_intensity' || k === 'energy_intensity') {
    const why = priceMismatch(f, against);
    if (why) return { why };
  }
  if (x === undefined || x0 === undefined) return { why: { code: 'no_value', args: { figure: k, year: x === undefined ? f.year : against.year } } };
  if (x0.isZero()) return x.isZero() ? { value: Rational.ZERO } : { why: { code: 'zero_base', args: { figure: k, year: against.year } } };
  return { value: x.div(x0).sub(Rational.ONE) };
}

/** GDP figures at different price years are not compared (a change in prices is not a cut). */
function priceMismatch(f: YearFigures, g: YearFigures): TrendWhy | undefined {
  if (f.priceYear === g.priceYear) return undefined;
  return { code: 'price_years_differ', args: { from_year: g.year, from_price_year: g.priceYear ?? null, to_year: f.year, to_price_year: f.priceYear ?? null } };
}

/** A reason as its code and its English wording (the JSON carries both). */
const because = (why: TrendWhy): { reason: string; why: TrendWhy } => ({ reason: trendWhy('en', why), why });

/** Progress of one reduction target with a year: expected and actual cumulative cuts from the base year. */
function progress(
  id: string,
  figure: 'carbon_intensity' | 'energy_intensity',
  r: Rational,
  year: number,
  file: string,
  figures: readonly YearFigures[],
  baseIdx: number,
): TrendTarget {
  const base = figures[baseIdx]!;
  const head = { id, figure, value: r.toNumber(), year, file };
  if (year <= base.year) return { ...head, by_year: [], ...because({ code: 'target_year_not_after_base', args: { target_year: year, base_year: base.year } }) };
  if (r.cmp(Rational.ONE) > 0) return { ...head, by_year: [], ...because({ code: 'reduction_above_100', args: {} }) };
  const by_year = figures.slice(baseIdx + 1).map((f) => {
    const expected = expectedCut(r, f.year - base.year, year - base.year);
    const c = change(f, base, figure);
    if (c.value === undefined)
      return {
        year: f.year,
        expected: expected.toNumber(),
        actual: null,
        gap: null,
        status: 'missing' as const,
        ...because(c.why ?? { code: 'no_value', args: { figure, year: f.year } }),
      };
    const actual = c.value.neg();
    const gap = actual.sub(expected);
    return {
      year: f.year,
      expected: expected.toNumber(),
      actual: actual.toNumber(),
      gap: gap.toNumber(),
      status: gap.isNegative() ? ('behind' as const) : ('on_track' as const),
    };
  });
  return { ...head, by_year };
}

/** One entity, one profile, one file a year, at least two years, none before the base year. */
function checkInputs(sorted: readonly TrendInput[], opts: TrendOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (sorted.length < 2) {
    out.push(
      diag(
        'ZC-E-TREND-TOO-FEW',
        { found: sorted.length === 0 ? 'none' : `only ${sorted[0]!.file} (${sorted[0]!.submission.year})` },
        sorted[0] ? { file: sorted[0].file } : undefined,
      ),
    );
    return out;
  }
  const first = sorted[0]!;
  for (const s of sorted.slice(1)) {
    if (s.submission.entity.id !== first.submission.entity.id) {
      out.push(diag('ZC-E-TREND-ENTITY', { found: s.submission.entity.id, other: first.submission.entity.id, first: first.file }, { file: s.file }));
    }
  }
  const byYear = new Map<number, TrendInput>();
  for (const s of sorted) {
    const other = byYear.get(s.submission.year);
    if (other) out.push(diag('ZC-E-TREND-YEAR-DUPLICATE', { year: s.submission.year, other: other.file }, { file: s.file }));
    else byYear.set(s.submission.year, s);
  }
  const profiles = new Map<string, string>();
  for (const s of sorted) if (!profiles.has(s.report.submission.profile)) profiles.set(s.report.submission.profile, s.file);
  if (profiles.size > 1) {
    for (const s of sorted) {
      if (s.report.submission.profile === first.report.submission.profile) continue;
      out.push(diag('ZC-E-TREND-PROFILE', { found: s.report.submission.profile, other: first.report.submission.profile, first: first.file }, { file: s.file }));
    }
  }
  if (opts.baseYear !== undefined) {
    if (!byYear.has(opts.baseYear)) {
      out.push(diag('ZC-E-TREND-BASE-YEAR', { found: opts.baseYear, allowed: [...byYear.keys()].join(', '), what: 'no submission is for the base year' }));
    }
    for (const s of sorted) {
      if (s.submission.year < opts.baseYear)
        out.push(
          diag(
            'ZC-E-TREND-BASE-YEAR',
            { found: s.submission.year, allowed: `${opts.baseYear} or later`, what: `the submission's year is before the base year ${opts.baseYear}` },
            { file: s.file },
          ),
        );
    }
  }
  return out;
}
