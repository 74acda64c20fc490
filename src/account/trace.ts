/** The calculation trace (`--explain`): every row's conversions and every figure's formula. */

/** One step of a row's calculation, e.g. CO2 = 12.5 t × 3.1451 tCO2/t. */
export interface TraceStep {
  figure: 'tce' | 'co2_t' | 'mwh' | 'gj' | 'tonnes' | 'water_m3';
  value: string;
  formula: string;
  factor?: string;
}

export interface TraceRow {
  ref: string;
  entity: string;
  category: string;
  item: string;
  quantity: string;
  /** `feedstock` for fuel used as feedstock (no combustion CO2). */
  use?: string;
  note?: string;
  steps: TraceStep[];
}

/** How one reported figure was made: formula, the figures or rows it sums, and its exact value. */
export interface TraceFigure {
  value: string;
  formula: string;
  rows?: string[];
  factors?: string[];
}

/** How an indicator was computed: its formula, the value of every name it read, the threshold band chosen. */
export interface TraceIndicator {
  formula: string;
  inputs: Record<string, string | boolean | null>;
  value: string | boolean | null;
  threshold?: string;
}

export interface Trace {
  rows: TraceRow[];
  /** The boundary's electricity and heat balances, and each entity's share of them (the rule says how). */
  balances: {
    rule: string;
    boundary: { electricity?: string[]; heat?: string[] };
    entities: { entity: string; electricity?: string[]; heat?: string[] }[];
  };
  figures: Record<string, TraceFigure>;
  indicators?: Record<string, TraceIndicator>;
  /** Each good's embedded emissions, step by step (EU CBAM), by good id. */
  goods?: Record<string, string[]>;
}
