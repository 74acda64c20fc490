/** The in-memory model every stage shares: positions, diagnostics, submissions, factors, profiles. */
import type { Rational } from './rational.js';

/** Where something came from: a YAML node (line/column) or a CSV cell (row/field), 1-based. */
export interface SourceRef {
  file: string;
  line?: number;
  column?: number;
  row?: number;
  field?: string;
}

export type Severity = 'error' | 'warning';

/** One finding. Codes are public API: `ZC-<E|W>-<AREA>-<WHAT>`. */
export interface Diagnostic extends Partial<SourceRef> {
  code: string;
  severity: Severity;
  message: string;
  found?: string;
  allowed?: string;
  suggestion?: string;
}

export type Category = 'fuel' | 'transport' | 'electricity' | 'heat' | 'process' | 'waste' | 'sink' | 'offset' | 'avoided' | 'water';

export type EntityType = 'park' | 'city' | 'county' | 'district' | 'installation';

/** A quantity with an exact value and a canonical unit symbol from the registry. */
export interface Quantity {
  value: Rational;
  unit: string;
}

/** A compound factor unit such as tCO2/MWh: numerator and denominator are registry symbols. */
export interface FactorUnit {
  numerator: string;
  denominator: string;
}

export type Confidence = 'C' | 'S' | 'R';
export type FactorOrigin = 'row' | 'submission' | 'factors-file' | 'profile' | 'builtin';

/** One factor (CO2 per unit, or tce per unit) with its provenance. */
export interface FactorValue {
  value: Rational;
  unit: FactorUnit;
  /** The unit as written, e.g. "tCO2/万m3". */
  unitText: string;
}

export interface FactorEntry {
  category: Category;
  item: string;
  series?: string;
  region?: string;
  year?: number;
  co2?: FactorValue;
  energy?: FactorValue;
  source: string;
  confidence?: Confidence;
  derivation?: string;
  note?: string;
  origin: FactorOrigin;
  /** Factor-set id, or the file the entry came from. */
  set: string;
  ref?: SourceRef;
}

export interface ActivityRow {
  entity: string;
  category: Category;
  item: string;
  quantity: Quantity;
  /** Row-level emission-factor override. */
  factor?: FactorValue;
  /**
   * A heat row metered in mass (steam in tonnes): the enthalpy that turns it into GJ, from the row's own
   * factor (GJ/t) or the vocabulary's default for low-pressure saturated steam (with its source).
   */
  enthalpy?: { value: FactorValue; source?: string; confidence?: Confidence };
  /** A fuel row used as feedstock (原料用能): its tce counts, with no combustion CO2. Absent: used as fuel. */
  use?: 'feedstock';
  note?: string;
  ref: SourceRef;
  /**
   * Rows of a streamed CSV summed into this one (same entity, item, unit and row factor); `ref` is the first.
   * Accounting is linear in the quantity, so the sum gives exactly the figures of the rows one by one.
   */
  merged?: { rows: number; nonZero: number; lastLine: number };
}

/** A reported metric: a number in its dimension's base unit, or a boolean task flag. */
export type MetricValue =
  | {
      kind: 'number';
      value: Rational;
      unit: string;
      /** economy/baseline money: the year whose constant prices the figure is at (`price_year`). */
      priceYear?: number;
      /** targets: the year the target is for (`{ value: 18%, year: 2025 }`); a bare value has none. */
      year?: number;
    }
  | { kind: 'boolean'; value: boolean };

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  region?: string;
}

export interface Budget {
  total?: Rational;
  byCategory: Map<string, Rational>;
}

/** A precursor a good's process consumes: made here (`good`) or bought, with the values its producer communicated. */
export interface GoodPrecursor {
  /** The id of a good made here. */
  good?: string;
  /** A bought precursor's name. */
  name?: string;
  /** Tonnes consumed. */
  quantity: Rational;
  /** Bought: communicated specific embedded emissions, tCO2e per tonne. */
  seeDirect?: Rational;
  seeIndirect?: Rational;
  source?: string;
  ref: SourceRef;
}

/** A good made in the installation (EU CBAM): its production process is an entity of the activity rows. */
export interface Good {
  id: string;
  name: string;
  /** As written, and as digits. */
  cnText: string;
  cn: string;
  /** The aggregated category (cement, fertilisers, iron_and_steel, aluminium, hydrogen). */
  category: string;
  /** Annex II: only direct emissions are charged. */
  directOnly: boolean;
  process: string;
  /** Activity level, tonnes. */
  produced: Rational;
  precursors: GoodPrecursor[];
  ref: SourceRef;
  processRef: SourceRef;
}

/** A submission after normalisation: exact numbers, canonical units and vocabulary, positions kept. */
export interface Submission {
  file: string;
  profile?: string;
  entity: Entity;
  year: number;
  economy: Map<string, MetricValue>;
  baseline: Map<string, MetricValue>;
  targets: Map<string, MetricValue>;
  metrics: Map<string, MetricValue>;
  exemptions: Map<string, { reason: string; ref?: SourceRef }>;
  budget?: Budget;
  factors: FactorEntry[];
  activity: ActivityRow[];
  activityFiles: string[];
  /** Goods made here, in an order where every precursor made here comes before the goods that use it. */
  goods: Good[];
}

/** A factor set as loaded from a file (schemas/factors.schema.json). */
export interface FactorSet {
  id: string;
  title: string;
  file?: string;
  entries: FactorEntry[];
}

export type ThresholdOp = '<=' | '<' | '>=' | '>' | '==';

export interface Threshold {
  when?: string;
  op: ThresholdOp;
  value: number | boolean | string;
  /** Shown in the report when this band applies (e.g. "no official band below 20万 tce"). */
  warning?: { code: string; message: string; message_zh?: string };
  label?: string;
  /** The submission's own `targets.<id>` replaces `value` when present (carbon-peaking pilots set their own). */
  target?: string;
}

export interface IndicatorDef {
  id: string;
  name: { en: string; zh: string };
  unit?: string;
  formula: string;
  core: boolean;
  weight: number;
  thresholds: Threshold[];
  source?: string;
  confidence?: Confidence;
  note?: string;
  exemptable: boolean;
}

export type GridFactorChoice = { series: 'average' | 'residual' | 'fossil' } | { pinned: Rational; unit: string; source: string; confidence?: Confidence };

export interface ProfileAccounting {
  electricityEnergy: 'calorific' | 'coal_equivalent';
  grid: GridFactorChoice;
  creditNetExports: boolean;
  cleanIncludesGas: boolean;
  /** co2: thresholds are CO2-only (CO2e entering an indicator is warned); co2e: every gas in CO2e. */
  gases: 'co2' | 'co2e';
}

export interface Profile {
  id: string;
  /** Report view of sectors for city inventories (GPC: stationary energy, transport, waste, IPPU, AFOLU). */
  sectorView?: 'gpc';
  /** goods: the pack scores nothing and evaluates the submission's goods (their embedded emissions, EU CBAM). */
  evaluates?: 'goods';
  title: string;
  /** The pack's title in Chinese, where it gives one. */
  title_zh?: string;
  source: string;
  file?: string;
  accounting: ProfileAccounting;
  indicators: IndicatorDef[];
  grades: { grade: string; min: number }[];
}
