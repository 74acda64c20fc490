/** The unit registry (data in src/data/units.yaml): dimensions, exact sizes, aliases, compound factor units. */
import { Rational } from '../model/rational.js';
import type { FactorUnit } from '../model/types.js';

export interface UnitDef {
  symbol: string;
  dimension: string;
  /** Size in the dimension's base unit, exact. */
  size: Rational;
  /** CO2-equivalent (other gases at their GWP): the same size as tCO2, but kept apart from CO2-only figures. */
  co2e?: true;
}

export interface UnitsData {
  dimensions: Record<string, { base: string; zh?: string }>;
  units: Record<string, { dimension: string; size: string; aliases?: string[]; co2e?: boolean }>;
}

/** Looks units up by symbol or alias and converts between them exactly. */
export class UnitRegistry {
  private readonly bySpelling = new Map<string, UnitDef>();
  readonly dimensions: ReadonlyMap<string, string>;
  /** Dimension → its Chinese name (质量, 能量), for Chinese messages. */
  private readonly dimensionNamesZh: ReadonlyMap<string, string>;

  constructor(data: UnitsData) {
    this.dimensions = new Map(Object.entries(data.dimensions).map(([d, v]) => [d, v.base]));
    this.dimensionNamesZh = new Map(Object.entries(data.dimensions).map(([d, v]) => [d, v.zh ?? d]));
    for (const [symbol, u] of Object.entries(data.units)) {
      const size = Rational.parseDecimal(u.size);
      if (!size || !this.dimensions.has(u.dimension)) throw new Error(`units.yaml: bad unit ${symbol}`);
      const def: UnitDef = { symbol, dimension: u.dimension, size, ...(u.co2e ? { co2e: true as const } : {}) };
      for (const spelling of [symbol, ...(u.aliases ?? [])]) {
        if (this.bySpelling.has(spelling)) throw new Error(`units.yaml: ${spelling} defined twice`);
        this.bySpelling.set(spelling, def);
      }
    }
  }

  /** The unit a spelling denotes (exact match first, then NFKC/space-insensitive), or undefined. */
  lookup(spelling: string): UnitDef | undefined {
    return this.bySpelling.get(spelling) ?? this.bySpelling.get(spelling.normalize('NFKC').replace(/\s+/g, ''));
  }

  /** Every spelling, for "did you mean". */
  spellings(): string[] {
    return [...this.bySpelling.keys()];
  }

  /** The Chinese name of a dimension (质量 for mass); the id itself when it has none. */
  dimensionZh(dimension: string): string {
    return this.dimensionNamesZh.get(dimension) ?? dimension;
  }

  /** The canonical symbols of one dimension. */
  unitsOf(dimension: string): string[] {
    const seen = new Set<string>();
    for (const def of this.bySpelling.values()) if (def.dimension === dimension) seen.add(def.symbol);
    return [...seen];
  }

  private readonly ratios = new Map<string, Rational>();

  /** Exact factor that turns a quantity in `from` into `to` (same dimension required); cached per pair. */
  ratio(from: UnitDef, to: UnitDef): Rational {
    if (from.dimension !== to.dimension) throw new Error(`dimension mismatch ${from.symbol} → ${to.symbol}`);
    const key = `${from.symbol}\u0000${to.symbol}`;
    let r = this.ratios.get(key);
    if (!r) this.ratios.set(key, (r = from.size.div(to.size)));
    return r;
  }

  /** Value in the dimension's base unit. */
  toBase(value: Rational, unit: UnitDef): Rational {
    return value.mul(unit.size);
  }

  /** Parses "tCO2/万m3" into registry symbols; undefined when either side is unknown. */
  parseFactorUnit(text: string): FactorUnit | undefined {
    const parts = text.normalize('NFKC').replace(/\s+/g, '').split('/');
    if (parts.length !== 2) return undefined;
    const num = this.lookup(parts[0]!);
    const den = this.lookup(parts[1]!);
    if (!num || !den) return undefined;
    return { numerator: num.symbol, denominator: den.symbol };
  }

  /** The registry definition of a canonical symbol (throws when absent: a programming error). */
  get(symbol: string): UnitDef {
    const def = this.bySpelling.get(symbol);
    if (!def) throw new Error(`unknown unit symbol ${symbol}`);
    return def;
  }
}
