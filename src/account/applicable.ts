/**
 * The factors that would apply to a reporting year and province, layered as the engine layers them (the user's
 * --factors file, a pack's pinned grid factor, the built-in sets): what `zcpark factors --year` lists. With a pack, the
 * grid factor and electricity energy value it uses; without one, every grid series and both energy values.
 */
import type { Category, Diagnostic, FactorEntry, ProfileAccounting } from '../model/types.js';
import { layeredResolver, type FactorKind, type ResolvedFactor } from './factors.js';

/** One factor that applies: what was asked for and the entry (and value) that answers it. */
export interface AppliedFactor {
  kind: FactorKind;
  category: Category;
  item: string;
  factor: ResolvedFactor;
}

export interface ApplicableQuery {
  year: number;
  /** An ISO 3166-2:CN province code. */
  region?: string;
  /** The entries of a --factors file. */
  factorsFile?: FactorEntry[];
  pack?: { id: string; accounting: ProfileAccounting };
  builtinFactors: FactorEntry[];
  gridRegionOf: (province: string) => string | undefined;
  /** The dimension of a unit symbol (the unit registry's). */
  dimensionOf: (unit: string) => string | undefined;
  /** The fuel items of the vocabulary, in its order. */
  fuelItems: Iterable<string>;
}

export function applicableFactors(q: ApplicableQuery): { factors: AppliedFactor[]; warnings: Diagnostic[] } {
  const resolver = layeredResolver(q);
  const queries: { kind: FactorKind; category: Category; item: string; series?: string }[] = [];
  const grid = q.pack?.accounting.grid;
  for (const series of grid ? ['series' in grid ? grid.series : 'average'] : ['average', 'residual', 'fossil', 'ets'])
    queries.push({ kind: 'co2', category: 'electricity', item: 'grid', series });
  for (const item of q.pack ? [q.pack.accounting.electricityEnergy] : ['calorific', 'coal_equivalent'])
    queries.push({ kind: 'energy', category: 'electricity', item });
  for (const item of ['purchased', 'onsite_renewable']) for (const kind of ['energy', 'co2'] as const) queries.push({ kind, category: 'heat', item });
  for (const item of q.fuelItems) for (const kind of ['energy', 'co2'] as const) queries.push({ kind, category: 'fuel', item });
  const factors = queries.flatMap((x) => {
    const factor = resolver.resolve(x);
    return factor ? [{ kind: x.kind, category: x.category, item: x.item, factor }] : [];
  });
  return { factors, warnings: resolver.warnings };
}
