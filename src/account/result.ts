/** What the accounting produces: exact figures of the boundary and of each entity. */
import type { Rational } from '../model/rational.js';
import type { Diagnostic } from '../model/types.js';
import type { FlowFactors, Flows } from './allocation.js';
import type { ElectricityBalance, HeatBalance } from './boundary.js';
import type { SourceRef } from '../model/types.js';
import type { FactorKind, ResolvedFactor } from './factors.js';
import type { Trace } from './trace.js';

/** Categories whose CO2 makes up gross_t, in report order. */
export const EMITTING = ['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'] as const;
/** Categories whose energy makes up energy_total_tce. */
export const ENERGY_CATEGORIES = ['fuel', 'transport', 'electricity', 'heat'] as const;

/** Exact figures of one entity (enterprise, building, operator, …): its own rows plus its share of the boundary's adjustments. */
export interface EntityFigures {
  co2: Map<(typeof EMITTING)[number], Rational>;
  tce: Map<(typeof ENERGY_CATEGORIES)[number], Rational>;
  cleanTce: Rational;
  feedstockTce: Rational;
  sinks: Rational;
  offsets: Rational;
}

/** Everything the accounting produces, exact. */
export interface AccountResult {
  energyTotalTce: Rational;
  energyCleanTce: Rational;
  /** tce of natural gas and LNG, whether or not the profile counts them as clean. */
  energyGasTce: Rational;
  /** The profile counts natural gas and LNG as clean (so non-fossil = clean − gas). */
  cleanIncludesGas: boolean;
  /** tce of fuel used as feedstock (原料用能): in energyTotalTce, with no combustion CO2. */
  feedstockTce: Rational;
  /** Activity rows per category (GPC sector coverage). */
  rowsByCategory: Map<string, number>;
  energyByCategory: Map<string, Rational>;
  energyByItem: Map<string, Rational>;
  co2ByCategory: Map<(typeof EMITTING)[number], Rational>;
  energyT: Rational;
  grossT: Rational;
  sinksT: Rational;
  offsetsT: Rational;
  netT: Rational;
  /** Emissions avoided elsewhere by the boundary's products (a memo ledger: never in gross or net). */
  avoidedT: Rational;
  avoidedByItem: Map<string, Rational>;
  /** Tonnes entered in CO2e units (other gases at their GWP) inside each base figure (waste_t, process_t, …). */
  co2e: Map<string, Rational>;
  sinksByItem: Map<string, Rational>;
  offsetsByItem: Map<string, Rational>;
  byEntity: Map<string, EntityFigures>;
  /** The boundary's electricity balance (MWh). */
  electricity: ElectricityBalance;
  /** The boundary's heat balance (GJ). */
  heat: HeatBalance;
  water: Map<string, Rational>;
  factorsUsed: Map<string, ResolvedFactor & { kind: FactorKind }>;
  diagnostics: Diagnostic[];
  trace: Trace;
  /** Each entity's own electricity and heat rows (MWh, GJ), before any boundary adjustment. */
  entityFlows: Map<string, Flows>;
  /** The per-unit factors the flows were valued at, and how the trace shows them ("0.5703 tCO2/MWh"). */
  flowFactors: FlowFactors;
  flowFactorText: { grid?: string; heat?: string };
  /** The first row of each flow and item ("electricity/grid"), in input order. */
  flowRefs: ReadonlyMap<string, SourceRef>;
}
