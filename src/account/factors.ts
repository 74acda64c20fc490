/** Factor resolution: row → submission `factors` → `--factors` file → built-in (vintage, then province → grid region → national). */
import { diag } from '../diagnostics/codes.js';
import type { Category, Diagnostic, FactorEntry, FactorValue, ProfileAccounting } from '../model/types.js';

export type FactorKind = 'co2' | 'energy';

export interface FactorQuery {
  kind: FactorKind;
  category: Category;
  item: string;
  series?: string;
  /** Prefer entries whose unit is per this dimension (a fuel in m3, t or tce). */
  dimension?: string;
}

export interface ResolvedFactor {
  entry: FactorEntry;
  value: FactorValue;
  /** Stable id used by the trace and `factors_used`. */
  id: string;
}

export interface ResolverOptions {
  year: number;
  region?: string;
  /** Province code → regional grid code (regions.yaml). */
  gridRegionOf: (province: string) => string | undefined;
  /** Factor entries by precedence: submission `factors`, then `--factors` file, then the profile's pin, then built-ins. */
  layers: FactorEntry[][];
}

/** Builds the id a factor is known by in traces: origin:set:category/item[series]@region:year. */
export const factorId = (e: FactorEntry, kind: FactorKind): string =>
  `${e.origin}:${e.set}:${kind}:${e.category}/${e.item}${e.series ? `[${e.series}]` : ''}${e.region ? `@${e.region}` : ''}${e.year ? `:${e.year}` : ''}`;

const NONE: FactorEntry[] = [];
/** Each layer's entries by category|item, built once per layer (the built-in layer is shared by every submission). */
const layerIndex = new WeakMap<FactorEntry[], Map<string, FactorEntry[]>>();
function byItem(layer: FactorEntry[]): Map<string, FactorEntry[]> {
  let index = layerIndex.get(layer);
  if (!index) {
    index = new Map();
    for (const e of layer) {
      const k = `${e.category}|${e.item}`;
      const list = index.get(k);
      if (list) list.push(e);
      else index.set(k, [e]);
    }
    layerIndex.set(layer, index);
  }
  return index;
}

/** Resolves factors with caching; warnings (vintage, geography fallbacks) are emitted once per factor used. */
export class FactorResolver {
  private readonly cache = new Map<string, ResolvedFactor | undefined>();
  private readonly warned = new Set<string>();
  readonly warnings: Diagnostic[] = [];

  constructor(
    private readonly opts: ResolverOptions,
    /** Dimension of a unit symbol (the unit registry's), to match entries to the quantity. */
    private readonly dimensionOf: (unit: string) => string | undefined = () => undefined,
  ) {}

  /** The factor for a query, or undefined when no layer has one. Transport falls back to the fuel entries. */
  resolve(q: FactorQuery): ResolvedFactor | undefined {
    const key = `${q.kind}|${q.category}|${q.item}|${q.series ?? ''}|${q.dimension ?? ''}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const categories: Category[] = q.category === 'transport' ? ['transport', 'fuel'] : [q.category];
    let found: ResolvedFactor | undefined;
    outer: for (const layer of this.opts.layers) {
      for (const category of categories) {
        found = this.pick(layer, { ...q, category });
        if (found) break outer;
      }
    }
    this.cache.set(key, found);
    return found;
  }

  private pick(layer: FactorEntry[], q: FactorQuery): ResolvedFactor | undefined {
    let candidates = (byItem(layer).get(`${q.category}|${q.item}`) ?? NONE).filter(
      // an entry without a series (a user's own factor, a profile pin) serves every series
      (e) => e[q.kind] !== undefined && (e.series === undefined || e.series === q.series),
    );
    if (candidates.length === 0) return undefined;
    // entries per the quantity's own dimension first; otherwise keep all, and the caller reports the mismatch
    const sameDimension = candidates.filter((e) => this.dimensionOf(e[q.kind]!.unit.denominator) === q.dimension);
    if (q.dimension && sameDimension.length > 0) candidates = sameDimension;
    const what = `${q.category}/${q.item}${q.series ? ` (${q.series})` : ''} ${q.kind === 'co2' ? 'CO2' : 'energy'} factor`;
    // vintage: the latest dated entry ≤ reporting year; timeless entries when nothing is dated
    const dated = candidates.filter((e) => e.year !== undefined);
    let pool = candidates.filter((e) => e.year === undefined);
    if (dated.length > 0) {
      const eligible = dated.filter((e) => e.year! <= this.opts.year);
      const years = (eligible.length ? eligible : dated).map((e) => e.year!);
      const vintage = eligible.length ? Math.max(...years) : Math.min(...years);
      pool = dated.filter((e) => e.year === vintage);
    }
    // geography: province, then its grid region, then national (CN or no region)
    const province = this.opts.region;
    const grid = province ? this.opts.gridRegionOf(province) : undefined;
    const byRegion = (r: string | undefined) => pool.find((e) => (r === undefined ? e.region === undefined || e.region === 'CN' : e.region === r));
    const chosen = (province && byRegion(province)) || (grid && byRegion(grid)) || byRegion(undefined);
    if (!chosen) return undefined;
    // warnings only for the entry actually used (a layer that has nothing for this region says nothing)
    if (chosen.year !== undefined && chosen.year !== this.opts.year) {
      this.warnOnce(
        `v|${what}|${chosen.year}`,
        diag('ZC-W-FACTOR-VINTAGE', {
          what,
          year: this.opts.year,
          vintage: chosen.year,
          relation: chosen.year < this.opts.year ? 'the latest earlier one' : 'the earliest, which is later than the reporting year',
          relation_zh: chosen.year < this.opts.year ? '此前最近的版本' : '最早的版本，晚于报告年份',
        }),
      );
    }
    const hasRegional = pool.some((e) => e.region !== undefined && e.region !== 'CN');
    if (province && chosen.region !== province && hasRegional) {
      this.warnOnce(`g|${what}`, diag('ZC-W-FACTOR-GEOGRAPHY', { what, wanted: province, year: chosen.year ?? '', used: chosen.region ?? 'national' }));
    }
    return { entry: chosen, value: chosen[q.kind]!, id: factorId(chosen, q.kind) };
  }

  private warnOnce(key: string, d: Diagnostic): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push(d);
  }
}

/**
 * The resolver of one evaluation, its layers in the engine's order: the submission's own factors, a --factors file,
 * the pack's pinned grid factor, the built-in sets (evaluate and `zcpark factors --year` alike).
 */
export function layeredResolver(o: {
  year: number;
  region?: string;
  submissionFactors?: FactorEntry[];
  factorsFile?: FactorEntry[];
  pack?: { id: string; accounting: ProfileAccounting };
  builtinFactors: FactorEntry[];
  gridRegionOf: (province: string) => string | undefined;
  dimensionOf: (unit: string) => string | undefined;
}): FactorResolver {
  return new FactorResolver(
    {
      year: o.year,
      ...(o.region ? { region: o.region } : {}),
      gridRegionOf: o.gridRegionOf,
      layers: [o.submissionFactors ?? [], o.factorsFile ?? [], o.pack ? pinnedFactors(o.pack.accounting, o.pack.id) : [], o.builtinFactors],
    },
    o.dimensionOf,
  );
}

/** The factors a pack pins (its grid factor), as a layer between the user's factors and the built-in ones. */
export function pinnedFactors(acc: ProfileAccounting, profileId: string): FactorEntry[] {
  return 'pinned' in acc.grid
    ? [
        {
          category: 'electricity',
          item: 'grid',
          co2: { value: acc.grid.pinned, unit: { numerator: 'tCO2', denominator: 'MWh' }, unitText: acc.grid.unit },
          source: acc.grid.source,
          ...(acc.grid.confidence ? { confidence: acc.grid.confidence } : {}),
          origin: 'profile',
          set: profileId,
        },
      ]
    : [];
}
