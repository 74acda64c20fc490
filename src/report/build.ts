/** Builds the report object from exact results; the only place exact rationals become JSON numbers. */
import { EMITTING, ENERGY_CATEGORIES, type AccountResult } from '../account/result.js';
import { co2eFigures, FIGURES } from '../account/figures.js';
import type { GoodFigures } from '../account/goods.js';
import type { Rational } from '../model/rational.js';
import type { Diagnostic, Submission } from '../model/types.js';
import { localize, type Lang } from '../diagnostics/codes.js';
import type { CompiledProfile } from '../score/profile.js';
import type { ScoreResult } from '../score/score.js';
import type { EntityReport, FactorUsed, Report, ReportIndicator, ReportWarning } from './types.js';

const n = (x: Rational): number => x.toNumber();
const record = (m: ReadonlyMap<string, Rational>): Record<string, number> => Object.fromEntries([...m.keys()].sort().map((k) => [k, n(m.get(k)!)]));

export interface BuildInput {
  version: string;
  submission: Submission;
  profile: CompiledProfile;
  account: AccountResult;
  score: ScoreResult;
  warnings: Diagnostic[];
  explain: boolean;
  lang: Lang;
  /** The goods' embedded emissions (EU CBAM), when the submission declares goods. */
  goods?: GoodFigures[];
}

/** Sets an own, enumerable property whatever its name (JSON.stringify writes it like any other). */
const own = <T>(o: Record<string, T>, key: string, value: T): void => {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
};

/** The report contract (schemas/report.schema.json), with keys in a fixed order so the same input gives the same bytes. */
export function buildReport(input: BuildInput): Report {
  const { submission: s, profile, account: a, score } = input;
  const byEntity: Record<string, EntityReport> = {};
  for (const [name, f] of a.byEntity) {
    const co2 = (c: (typeof EMITTING)[number]) => f.co2.get(c)!;
    const gross = EMITTING.reduce((acc, c) => acc.add(co2(c)), f.sinks.sub(f.sinks));
    const energy = ENERGY_CATEGORIES.reduce((acc, c) => acc.add(f.tce.get(c)!), f.sinks.sub(f.sinks));
    // defineProperty, not assignment: an entity may be called "__proto__" (assignment would swap the prototype
    // and lose the entity from the report while its tonnes stay in the totals)
    own(byEntity, name, {
      energy_tce: n(energy),
      clean_tce: n(f.cleanTce),
      feedstock_tce: n(f.feedstockTce),
      fuel_t: n(co2('fuel')),
      transport_t: n(co2('transport')),
      electricity_t: n(co2('electricity')),
      heat_t: n(co2('heat')),
      process_t: n(co2('process')),
      waste_t: n(co2('waste')),
      gross_t: n(gross),
      sinks_t: n(f.sinks),
      offsets_t: n(f.offsets),
      net_t: n(gross.sub(f.sinks).sub(f.offsets)),
    });
  }
  const indicators: ReportIndicator[] = score.indicators.map((r) => {
    const def = profile.indicators.find((d) => d.id === r.id)!;
    const value = r.value === undefined ? null : typeof r.value === 'boolean' ? r.value : n(r.value);
    const ind: ReportIndicator = {
      id: r.id,
      name: input.lang === 'zh' ? def.name.zh : def.name.en,
      name_zh: def.name.zh,
      value,
      unit: def.unit ?? null,
      threshold: r.threshold
        ? {
            op: r.threshold.op,
            value: typeof r.threshold.value === 'boolean' ? r.threshold.value : n(r.threshold.value),
            basis: r.threshold.basis,
            ...(r.threshold.label ? { label: r.threshold.label } : {}),
          }
        : null,
      status: r.status,
      core: r.core,
      weight: r.weight,
      points: n(r.points),
    };
    if (r.reason) ind.reason = r.reason;
    if (r.missing?.length) ind.missing = [...new Set(r.missing)];
    if (def.source) ind.source = def.source;
    return ind;
  });
  const factorsUsed: FactorUsed[] = [...a.factorsUsed.values()]
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((f) => {
      const e = f.entry;
      return {
        id: f.id,
        kind: f.kind,
        category: e.category,
        item: e.item,
        ...(e.series ? { series: e.series } : {}),
        ...(e.region ? { region: e.region } : {}),
        ...(e.year ? { year: e.year } : {}),
        value: n(f.value.value),
        unit: f.value.unitText,
        source: e.source,
        ...(e.confidence ? { confidence: e.confidence } : {}),
        origin: e.origin,
        ...(e.derivation ? { derivation: e.derivation } : {}),
      };
    });
  const budget = s.budget
    ? {
        total_t: s.budget.total ? n(s.budget.total) : null,
        used_t: n(a.grossT),
        remaining_t: s.budget.total ? n(s.budget.total.sub(a.grossT)) : null,
        by_category: Object.fromEntries(
          [...s.budget.byCategory.keys()].sort().map((c) => {
            const b = s.budget!.byCategory.get(c)!;
            const used = a.co2ByCategory.get(c as 'fuel') ?? b.sub(b);
            return [c, { budget_t: n(b), used_t: n(used), remaining_t: n(b.sub(used)) }];
          }),
        ),
      }
    : null;
  const { energy, emissions } = figureSections(a);
  const report: Report = {
    format: 'zcpark-report/1',
    tool: { name: 'zcpark', version: input.version },
    submission: {
      id: s.entity.id,
      name: s.entity.name,
      file: s.file,
      profile: profile.id,
      profile_title: profile.title,
      ...(profile.title_zh ? { profile_title_zh: profile.title_zh } : {}),
      year: s.year,
      type: s.entity.type,
      region: s.entity.region ?? null,
    },
    // by_item right after by_category, where it has always been
    energy: Object.fromEntries(
      Object.entries(energy).flatMap(([k, v]) =>
        k === 'by_category'
          ? [
              [k, v],
              ['by_item', record(a.energyByItem)],
            ]
          : [[k, v]],
      ),
    ) as Report['energy'],
    emissions: {
      ...emissions,
      by_entity: byEntity,
      by_category: Object.fromEntries(EMITTING.map((c) => [c, n(a.co2ByCategory.get(c)!)])),
      sinks_by_item: record(a.sinksByItem),
      offsets_by_item: record(a.offsetsByItem),
      avoided_by_item: record(a.avoidedByItem),
      ...(a.avoidedT.isZero() ? {} : { avoided_note: AVOIDED_NOTE }),
      co2e_t: record(a.co2e),
      includes_co2e: co2eFigures(a),
    } as Report['emissions'],
    indicators,
    score: score.score === undefined ? null : n(score.score),
    grade: score.grade ?? null,
    verdict: score.verdict,
    budget,
    sectors: profile.sectorView === 'gpc' ? gpcSectors(a) : null,
    ...(input.goods ? { goods: input.goods.map(goodReport) } : {}),
    exemptions: Object.fromEntries([...s.exemptions.keys()].sort().map((k) => [k, s.exemptions.get(k)!.reason])),
    factors_used: factorsUsed,
    warnings: input.warnings.map((d) => toWarning(d, input.lang)),
  };
  if (input.explain) report.trace = a.trace;
  return report;
}

/** Said wherever avoided emissions are reported. */
export const AVOIDED_NOTE =
  'Avoided emissions are a memo ledger: they are not netted, never subtracted from gross_t or net_t (GHG Protocol keeps avoided emissions out of an inventory).';

const orNull = (x: Rational | undefined): number | null => (x === undefined ? null : n(x));

/** One good of the report's `goods` section (README § EU CBAM). */
function goodReport(g: GoodFigures): NonNullable<Report['goods']>[number] {
  return {
    id: g.good.id,
    name: g.good.name,
    cn_code: g.good.cnText,
    category: g.category,
    produced_t: n(g.good.produced),
    attributed_direct_t: n(g.attributedDirectT),
    attributed_indirect_t: n(g.attributedIndirectT),
    precursors: g.precursors.map((p) => ({
      good: p.good ?? null,
      name: p.name,
      quantity_t: n(p.quantityT),
      see_direct: orNull(p.seeDirect),
      see_indirect: orNull(p.seeIndirect),
      direct_t: orNull(p.directT),
      indirect_t: orNull(p.indirectT),
      origin: p.origin,
      source: p.source,
    })),
    see_direct: orNull(g.seeDirect),
    see_indirect: orNull(g.seeIndirect),
    see_total: orNull(g.seeTotal),
    chargeable_see: orNull(g.chargeableSee),
    embedded_t: orNull(g.embeddedT),
    communicated_share: g.seeTotal === undefined ? null : g.communicatedShare === undefined ? 0 : n(g.communicatedShare),
  };
}

/** The report's `energy` and `emissions` figures, each at the path the figure table gives it (null: no value). */
function figureSections(a: AccountResult): { energy: Record<string, unknown>; emissions: Record<string, unknown> } {
  const root: Record<string, Record<string, unknown>> = { energy: {}, emissions: {} };
  for (const f of FIGURES) {
    const path = f.path.split('.');
    let node: Record<string, unknown> = root;
    for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    const v = f.value(a);
    node[path[path.length - 1]!] = v === undefined ? null : n(v);
  }
  return { energy: root.energy!, emissions: root.emissions! };
}

/**
 * GPC sectors (GHG Protocol for Cities, WRI/C40/ICLEI 2014, as recalled [R]): I stationary energy = fuel (scope 1) + grid electricity and heat (scope 2),
 * II transportation, III waste, IV IPPU = process, V AFOLU removals = sinks. BASIC = I + II + III;
 * BASIC+ adds IPPU and the AFOLU net (removals subtracted).
 */
function gpcSectors(a: AccountResult): NonNullable<Report['sectors']> {
  const co2 = (c: (typeof EMITTING)[number]) => a.co2ByCategory.get(c)!;
  const scope2 = co2('electricity').add(co2('heat'));
  const stationary = co2('fuel').add(scope2);
  const basic = stationary.add(co2('transport')).add(co2('waste'));
  return {
    I_stationary_energy: { total_t: n(stationary), scope1_t: n(co2('fuel')), scope2_t: n(scope2) },
    II_transportation: { total_t: n(co2('transport')) },
    III_waste: { total_t: n(co2('waste')) },
    IV_ippu: { total_t: n(co2('process')) },
    V_afolu: { removals_t: n(a.sinksT) },
    basic_t: n(basic),
    basic_plus_t: n(basic.add(co2('process')).sub(a.sinksT)),
  };
}

function toWarning(d: Diagnostic, lang: Lang): ReportWarning {
  const w: ReportWarning = { code: d.code, message: localize(d, lang) };
  if (d.file) w.file = d.file;
  if (d.line) w.line = d.line;
  if (d.column) w.column = d.column;
  if (d.field) w.field = d.field;
  return w;
}
