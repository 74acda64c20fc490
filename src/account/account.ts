/** The accounting engine (accounting.md): energy in tce, CO2 by category and entity, exact, with a trace. */
import { diag } from '../diagnostics/codes.js';
import { Rational } from '../model/rational.js';
import type { ActivityRow, Diagnostic, FactorValue, ProfileAccounting, SourceRef } from '../model/types.js';
import type { Vocabulary } from '../model/vocabulary.js';
import type { UnitRegistry } from '../units/registry.js';
import type { FactorKind, FactorResolver, ResolvedFactor } from './factors.js';
import type { Trace, TraceRow } from './trace.js';

const R0 = Rational.ZERO;
const ELECTRICITY_ITEMS = ['grid', 'green_trade', 'direct_green', 'onsite_renewable', 'export', 'green_certificate'] as const;
const HEAT_ITEMS = ['purchased', 'export', 'onsite_renewable'] as const;
type ElectricityItem = (typeof ELECTRICITY_ITEMS)[number];
type HeatItem = (typeof HEAT_ITEMS)[number];
/** Categories whose CO2 makes up gross_t, in report order. */
export const EMITTING = ['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'] as const;
/** Categories whose energy makes up energy_total_tce. */
export const ENERGY_CATEGORIES = ['fuel', 'transport', 'electricity', 'heat'] as const;

/** Exact figures of one entity (enterprise, building, …). */
export interface EntityFigures {
  co2: Map<(typeof EMITTING)[number], Rational>;
  tce: Map<(typeof ENERGY_CATEGORIES)[number], Rational>;
  cleanTce: Rational;
  sinks: Rational;
  offsets: Rational;
}

/** Everything the accounting produces, exact. */
export interface AccountResult {
  energyTotalTce: Rational;
  energyCleanTce: Rational;
  /** tce of natural gas and LNG, whether or not the profile counts them as clean. */
  energyGasTce: Rational;
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
  sinksByItem: Map<string, Rational>;
  offsetsByItem: Map<string, Rational>;
  byEntity: Map<string, EntityFigures>;
  electricity: Record<ElectricityItem | 'consumed' | 'green' | 'green_consumed' | 'credited_certificates', Rational>;
  heat: Record<HeatItem | 'consumed', Rational>;
  water: Map<string, Rational>;
  factorsUsed: Map<string, ResolvedFactor & { kind: FactorKind }>;
  diagnostics: Diagnostic[];
  trace: Trace;
}

export interface AccountContext {
  units: UnitRegistry;
  vocabulary: Vocabulary;
  resolver: FactorResolver;
  accounting: ProfileAccounting;
  /** Build the calculation trace's text (--explain). */
  trace?: boolean;
  /** Entities whose balances are not checked because one of their rows was invalid. */
  skipBalances?: ReadonlySet<string>;
}

interface EntityState {
  fig: EntityFigures;
  elec: Record<ElectricityItem, Rational>;
  /** Σ over grid rows of MWh × (row factor or default grid factor) is computed at finish; rows with own factors kept here. */
  gridOverrideT: Rational;
  gridOverrideMwh: Rational;
  heat: Record<HeatItem, Rational>;
  heatOverrideT: Rational;
  heatOverrideGj: Rational;
  refs: { electricity: string[]; heat: string[]; certificates: string[] };
}

const refText = (r: SourceRef): string => `${r.file}:${r.line ?? r.row ?? 0}`;
const show = (x: Rational): string => x.toString();

/**
 * Accumulates rows one at a time (so a streamed CSV never has to be held) and produces the figures at `finish()`.
 * Nothing is rounded: every figure is an exact rational.
 */
export class Accounting {
  private readonly entities = new Map<string, EntityState>();
  private readonly energyByItem = new Map<string, Rational>();
  private gasTce = R0;
  private readonly rowsByCategory = new Map<string, number>();
  private readonly sinksByItem = new Map<string, Rational>();
  private readonly offsetsByItem = new Map<string, Rational>();
  private readonly water = new Map<string, Rational>();
  private readonly factorsUsed = new Map<string, ResolvedFactor & { kind: FactorKind }>();
  private readonly figureRows = new Map<string, string[]>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly traceRows: TraceRow[] = [];

  constructor(private readonly ctx: AccountContext) {}

  private get tracing(): boolean {
    return this.ctx.trace === true;
  }

  /** Adds one normalised activity row. */
  add(row: ActivityRow): void {
    const st = this.entity(row.entity);
    const ref = refText(row.ref);
    // the trace's text is built only for --explain (it costs more than the arithmetic)
    const t: TraceRow | undefined = this.ctx.trace
      ? { ref, entity: row.entity, category: row.category, item: row.item, quantity: `${show(row.quantity.value)} ${row.quantity.unit}`, steps: [] }
      : undefined;
    if (t && row.note) t.note = row.note;
    if (t && row.merged && row.merged.rows > 1) t.note = `sum of ${row.merged.rows} rows of a streamed file, lines ${row.ref.line}–${row.merged.lastLine}`;
    if (t) this.traceRows.push(t);
    // a row of quantity 0 reports nothing, so it does not make a sector covered
    const nonZero = row.merged ? row.merged.nonZero : row.quantity.value.isZero() ? 0 : 1;
    if (nonZero) this.rowsByCategory.set(row.category, (this.rowsByCategory.get(row.category) ?? 0) + nonZero);
    switch (row.category) {
      case 'fuel':
      case 'transport':
        this.addFuel(row, st, t, ref);
        break;
      case 'electricity':
      case 'heat':
        this.addFlow(row, st, t, ref, row.category);
        break;
      case 'process':
      case 'waste':
        this.addDirect(row, st, t, ref);
        break;
      case 'sink':
      case 'offset': {
        const tonnes = this.toUnit(row.quantity.value, row.quantity.unit, 'tCO2');
        t?.steps.push({ figure: 'tonnes', value: show(tonnes), formula: `${t!.quantity} = ${show(tonnes)} tCO2` });
        const byItem = row.category === 'sink' ? this.sinksByItem : this.offsetsByItem;
        add(byItem, row.item, tonnes);
        if (row.category === 'sink') st.fig.sinks = st.fig.sinks.add(tonnes);
        else st.fig.offsets = st.fig.offsets.add(tonnes);
        this.noteRow(`emissions.${row.category === 'sink' ? 'sinks_t' : 'offsets_t'}`, ref);
        break;
      }
      case 'water': {
        const m3 = this.toBaseOf(row.quantity.value, row.quantity.unit);
        add(this.water, row.item, m3);
        t?.steps.push({ figure: 'water_m3', value: show(m3), formula: `${t!.quantity} = ${show(m3)} ${this.baseUnit(row.quantity.unit)} (carried, not accounted)` });
        break;
      }
    }
  }

  private addFuel(row: ActivityRow, st: EntityState, t: TraceRow | undefined, ref: string): void {
    const cat = row.category as 'fuel' | 'transport';
    const def = this.ctx.vocabulary.itemDef(cat, row.item);
    // energy (tce)
    let tce: Rational | undefined;
    const qUnit = this.ctx.units.get(row.quantity.unit);
    if (qUnit.dimension === 'coal') {
      tce = this.toUnit(row.quantity.value, row.quantity.unit, 'tce');
      t?.steps.push({ figure: 'tce', value: show(tce), formula: `${t!.quantity} = ${show(tce)} tce` });
    } else {
      const f = this.factorFor('energy', row, undefined);
      if (f) {
        tce = this.apply(row, f.value, 'tce');
        t?.steps.push({ figure: 'tce', value: show(tce), formula: `${t!.quantity} × ${show(f.value.value)} ${f.value.unitText} = ${show(tce)} tce`, factor: f.id });
      }
    }
    if (tce) {
      st.fig.tce.set(cat, st.fig.tce.get(cat)!.add(tce));
      add(this.energyByItem, `${cat}.${row.item}`, tce);
      if (def?.gas) this.gasTce = this.gasTce.add(tce);
      const clean = !!def?.clean || (!!def?.gas && this.ctx.accounting.cleanIncludesGas);
      if (clean) st.fig.cleanTce = st.fig.cleanTce.add(tce);
      this.noteRow(`energy.${cat}_tce`, ref);
    }
    // CO2
    const f = this.factorFor('co2', row, row.factor);
    if (f) {
      const co2 = this.apply(row, f.value, 'tCO2');
      st.fig.co2.set(cat, st.fig.co2.get(cat)!.add(co2));
      t?.steps.push({ figure: 'co2_t', value: show(co2), formula: `${t!.quantity} × ${show(f.value.value)} ${f.value.unitText} = ${show(co2)} tCO2`, factor: f.id });
      this.noteRow(`emissions.${cat}_t`, ref);
    }
  }

  private addDirect(row: ActivityRow, st: EntityState, t: TraceRow | undefined, ref: string): void {
    const cat = row.category as 'process' | 'waste';
    let co2: Rational | undefined;
    if (this.ctx.units.get(row.quantity.unit).dimension === 'emissions' && !row.factor) {
      co2 = this.toUnit(row.quantity.value, row.quantity.unit, 'tCO2');
      t?.steps.push({ figure: 'co2_t', value: show(co2), formula: `${t!.quantity} reported directly = ${show(co2)} tCO2` });
    } else {
      const f = this.factorFor('co2', row, row.factor);
      if (f) {
        co2 = this.apply(row, f.value, 'tCO2');
        t?.steps.push({ figure: 'co2_t', value: show(co2), formula: `${t!.quantity} × ${show(f.value.value)} ${f.value.unitText} = ${show(co2)} tCO2`, factor: f.id });
      }
    }
    if (co2) {
      st.fig.co2.set(cat, st.fig.co2.get(cat)!.add(co2));
      this.noteRow(`emissions.${cat}_t`, ref);
    }
  }

  /**
   * Electricity and heat rows are tallied per entity and item (their balances are computed at finish);
   * a row factor is allowed on the one item bought from outside (grid power, purchased heat).
   */
  private addFlow(row: ActivityRow, st: EntityState, t: TraceRow | undefined, ref: string, flow: 'electricity' | 'heat'): void {
    const unit = flow === 'electricity' ? 'MWh' : 'GJ';
    const amount = this.toUnit(row.quantity.value, row.quantity.unit, unit);
    const tally = (flow === 'electricity' ? st.elec : st.heat) as Record<string, Rational>;
    tally[row.item] = tally[row.item]!.add(amount);
    t?.steps.push({ figure: flow === 'electricity' ? 'mwh' : 'gj', value: show(amount), formula: `${t!.quantity} = ${show(amount)} ${unit}` });
    st.refs[flow].push(ref);
    if (row.item === 'green_certificate') st.refs.certificates.push(ref);
    if (!row.factor) return;
    const bought = flow === 'electricity' ? 'grid' : 'purchased';
    if (row.item !== bought) {
      this.error('ZC-E-FACTOR-INVALID', { where: `${flow}/${row.item} row`, reason: `a row factor applies to ${flow}/${bought} rows only, not ${row.item}` }, row.ref);
      return;
    }
    const co2 = this.apply(row, row.factor, 'tCO2');
    if (flow === 'electricity') {
      st.gridOverrideT = st.gridOverrideT.add(co2);
      st.gridOverrideMwh = st.gridOverrideMwh.add(amount);
    } else {
      st.heatOverrideT = st.heatOverrideT.add(co2);
      st.heatOverrideGj = st.heatOverrideGj.add(amount);
    }
    const f = this.rowFactor(row, row.factor);
    t?.steps.push({ figure: 'co2_t', value: show(co2), formula: `${show(amount)} ${unit} × ${show(row.factor.value)} ${row.factor.unitText} (row factor) = ${show(co2)} tCO2`, factor: f.id });
  }

  /** Computes the electricity and heat balances and every aggregate. */
  finish(): AccountResult {
    const balances: Trace['balances'] = [];
    const elecTotals = Object.fromEntries([...ELECTRICITY_ITEMS, 'consumed', 'green', 'green_consumed', 'credited_certificates'].map((k) => [k, R0])) as AccountResult['electricity'];
    const heatTotals = Object.fromEntries([...HEAT_ITEMS, 'consumed'].map((k) => [k, R0])) as AccountResult['heat'];
    const names = [...this.entities.keys()].sort();
    for (const name of names) {
      const st = this.entities.get(name)!;
      const b: Trace['balances'][number] = { entity: name };
      if (ELECTRICITY_ITEMS.some((k) => !st.elec[k].isZero())) {
        const lines = this.electricityBalance(name, st);
        b.electricity = lines.lines;
        for (const k of ELECTRICITY_ITEMS) elecTotals[k] = elecTotals[k].add(st.elec[k]);
        elecTotals.consumed = elecTotals.consumed.add(lines.consumed);
        elecTotals.green = elecTotals.green.add(lines.green);
        elecTotals.green_consumed = elecTotals.green_consumed.add(lines.green.min(lines.consumed));
        elecTotals.credited_certificates = elecTotals.credited_certificates.add(lines.credited);
      }
      if (HEAT_ITEMS.some((k) => !st.heat[k].isZero())) {
        const h = this.heatBalance(name, st);
        b.heat = h.lines;
        for (const k of HEAT_ITEMS) heatTotals[k] = heatTotals[k].add(st.heat[k]);
        heatTotals.consumed = heatTotals.consumed.add(h.consumed);
      }
      if (b.electricity || b.heat) balances.push(b);
    }

    const co2ByCategory = new Map(EMITTING.map((c) => [c, R0] as [typeof c, Rational]));
    const energyByCategory = new Map<string, Rational>(ENERGY_CATEGORIES.map((c) => [c, R0]));
    let cleanTce = R0, sinks = R0, offsets = R0;
    for (const st of this.entities.values()) {
      for (const c of EMITTING) co2ByCategory.set(c, co2ByCategory.get(c)!.add(st.fig.co2.get(c)!));
      for (const c of ENERGY_CATEGORIES) energyByCategory.set(c, energyByCategory.get(c)!.add(st.fig.tce.get(c)!));
      cleanTce = cleanTce.add(st.fig.cleanTce);
      sinks = sinks.add(st.fig.sinks);
      offsets = offsets.add(st.fig.offsets);
    }
    const electricityT = co2ByCategory.get('electricity')!;
    if (electricityT.isNegative()) this.diagnostics.push(diag('ZC-W-ELEC-NET-EXPORT', { found: electricityT.toNumber() }));
    const energyT = ['fuel', 'transport', 'electricity', 'heat'].reduce((a, c) => a.add(co2ByCategory.get(c as 'fuel')!), R0);
    const grossT = energyT.add(co2ByCategory.get('process')!).add(co2ByCategory.get('waste')!);
    const energyTotal = [...energyByCategory.values()].reduce((a, x) => a.add(x), R0);
    const netT = grossT.sub(sinks).sub(offsets);

    const figures: Trace['figures'] = {};
    const fig = (key: string, value: Rational, formula: string) => {
      if (!this.tracing) return;
      const rows = this.figureRows.get(key);
      figures[key] = { value: show(value), formula, ...(rows ? { rows } : {}) };
    };
    for (const c of ENERGY_CATEGORIES) fig(`energy.${c}_tce`, energyByCategory.get(c)!, c === 'electricity' ? 'Σ entities: consumed MWh × electricity coefficient' : c === 'heat' ? 'Σ entities: consumed GJ × heat coefficient' : `Σ ${c} rows: quantity × standard-coal coefficient`);
    fig('energy.total_tce', energyTotal, 'fuel_tce + transport_tce + electricity_tce + heat_tce');
    fig('energy.clean_tce', cleanTce, 'green electricity (≤ consumed) + renewable heat + clean fuels' + (this.ctx.accounting.cleanIncludesGas ? ' (natural gas and LNG included)' : ''));
    for (const c of EMITTING) fig(`emissions.${c}_t`, co2ByCategory.get(c)!, c === 'electricity' ? `Σ entities: (grid − credited certificates − export) MWh × grid factor${this.ctx.accounting.creditNetExports ? ' (net exports credited)' : ', floored at 0 per entity'}` : c === 'heat' ? 'Σ entities: max(0, purchased − export) GJ × heat factor' : `Σ ${c} rows`);
    fig('emissions.energy_t', energyT, 'fuel_t + transport_t + electricity_t + heat_t');
    fig('emissions.gross_t', grossT, 'energy_t + process_t + waste_t');
    fig('emissions.sinks_t', sinks, 'Σ sink rows');
    fig('emissions.offsets_t', offsets, 'Σ offset rows');
    fig('emissions.net_t', netT, 'gross_t − sinks_t − offsets_t');

    return {
      energyTotalTce: energyTotal,
      energyCleanTce: cleanTce,
      energyGasTce: this.gasTce,
      rowsByCategory: this.rowsByCategory,
      energyByCategory,
      energyByItem: this.energyByItem,
      co2ByCategory,
      energyT,
      grossT,
      sinksT: sinks,
      offsetsT: offsets,
      netT,
      sinksByItem: this.sinksByItem,
      offsetsByItem: this.offsetsByItem,
      byEntity: new Map(names.map((n) => [n, this.entities.get(n)!.fig])),
      electricity: elecTotals,
      heat: heatTotals,
      water: this.water,
      factorsUsed: this.factorsUsed,
      diagnostics: [...this.diagnostics, ...this.ctx.resolver.warnings],
      trace: { rows: this.traceRows, balances, figures },
    };
  }

  private electricityBalance(name: string, st: EntityState) {
    const tr = this.tracing;
    const e = st.elec;
    const lines: string[] = [];
    const consumed = e.grid.add(e.green_trade).add(e.direct_green).add(e.onsite_renewable).sub(e.export);
    tr && lines.push(`consumed = grid ${show(e.grid)} + green_trade ${show(e.green_trade)} + direct_green ${show(e.direct_green)} + onsite_renewable ${show(e.onsite_renewable)} − export ${show(e.export)} = ${show(consumed)} MWh`);
    if (consumed.isNegative()) {
      if (this.skips(name)) return { lines, consumed: R0, green: R0, credited: R0 };
      this.error('ZC-E-ELEC-BALANCE', { entity: name, found: consumed.toNumber() }, this.firstRef(st.refs.electricity));
      return { lines, consumed: R0, green: R0, credited: R0 };
    }
    const credited = e.green_certificate.min(e.grid);
    if (e.green_certificate.cmp(e.grid) > 0 && !this.skips(name)) {
      this.diagnostics.push(diag('ZC-W-CERT-EXCESS', { entity: name, found: e.green_certificate.toNumber(), allowed: e.grid.toNumber() }, this.firstRef(st.refs.certificates)));
    }
    const green = e.green_trade.add(e.direct_green).add(e.onsite_renewable).add(credited);
    tr && lines.push(`green = green_trade + direct_green + onsite_renewable + min(certificates ${show(e.green_certificate)}, grid) = ${show(green)} MWh`);
    // CO2: grid rows at their own or the default grid factor, minus credited certificates and exports at the default factor
    let co2 = st.gridOverrideT;
    const atDefault = e.grid.sub(st.gridOverrideMwh).sub(credited).sub(e.export);
    if (!atDefault.isZero()) {
      const f = this.gridFactor();
      if (f) {
        const part = atDefault.mul(this.factorPer(f.value, 'MWh', 'tCO2'));
        co2 = co2.add(part);
        tr && lines.push(`electricity_t = (grid ${show(e.grid.sub(st.gridOverrideMwh))} − credited certificates ${show(credited)} − export ${show(e.export)}) MWh × ${show(f.value.value)} ${f.value.unitText}${st.gridOverrideMwh.isZero() ? '' : ` + row-factor grid ${show(st.gridOverrideT)} tCO2`} = ${show(co2)} tCO2`);
      }
    } else if (!st.gridOverrideMwh.isZero()) {
      tr && lines.push(`electricity_t = row-factor grid rows ${show(co2)} tCO2`);
    }
    if (co2.isNegative() && !this.ctx.accounting.creditNetExports) {
      tr && lines.push(`electricity_t floored at 0 (was ${show(co2)}; the profile does not credit net exports)`);
      this.diagnostics.push(diag('ZC-W-ELEC-EXPORT-FLOORED', { entity: name, found: show(e.export), allowed: show(e.grid.sub(credited)) }, this.firstRef(st.refs.electricity)));
      co2 = R0;
    }
    st.fig.co2.set('electricity', co2);
    const coef = this.electricityCoefficient();
    const clean = green.min(consumed);
    if (green.cmp(consumed) > 0 && !this.skips(name)) {
      this.diagnostics.push(diag('ZC-W-CLEAN-CAPPED', { entity: name, found: green.toNumber(), allowed: consumed.toNumber() }, this.firstRef(st.refs.electricity)));
    }
    if (coef) {
      const per = this.factorPer(coef.value, 'MWh', 'tce');
      const tce = consumed.mul(per);
      st.fig.tce.set('electricity', tce);
      st.fig.cleanTce = st.fig.cleanTce.add(clean.mul(per));
      tr && lines.push(`electricity_tce = ${show(consumed)} MWh × ${show(coef.value.value)} ${coef.value.unitText} = ${show(tce)} tce; clean ${show(clean)} MWh = ${show(clean.mul(per))} tce`);
      add(this.energyByItem, 'electricity.consumed', tce);
    }
    return { lines, consumed, green, credited };
  }

  private heatBalance(name: string, st: EntityState) {
    const tr = this.tracing;
    const h = st.heat;
    const lines: string[] = [];
    const consumed = h.purchased.add(h.onsite_renewable).sub(h.export);
    tr && lines.push(`consumed = purchased ${show(h.purchased)} + onsite_renewable ${show(h.onsite_renewable)} − export ${show(h.export)} = ${show(consumed)} GJ`);
    if (consumed.isNegative()) {
      if (this.skips(name)) return { lines, consumed: R0 };
      this.error('ZC-E-HEAT-BALANCE', { entity: name, found: consumed.toNumber() }, this.firstRef(st.refs.heat));
      return { lines, consumed: R0 };
    }
    let co2 = st.heatOverrideT;
    const atDefault = h.purchased.sub(st.heatOverrideGj).sub(h.export);
    if (!atDefault.isZero()) {
      const f = this.resolve({ kind: 'co2', category: 'heat', item: 'purchased' }, st.refs.heat);
      if (f) co2 = co2.add(atDefault.mul(this.factorPer(f.value, 'GJ', 'tCO2')));
      if (f) tr && lines.push(`heat_t = max(0, (purchased ${show(h.purchased.sub(st.heatOverrideGj))} − export ${show(h.export)}) GJ × ${show(f.value.value)} ${f.value.unitText}${st.heatOverrideGj.isZero() ? '' : ` + row-factor ${show(st.heatOverrideT)} tCO2`})`);
    }
    if (co2.isNegative()) co2 = R0;
    st.fig.co2.set('heat', co2);
    const coef = this.resolve({ kind: 'energy', category: 'heat', item: 'purchased' }, st.refs.heat);
    if (coef) {
      const per = this.factorPer(coef.value, 'GJ', 'tce');
      const tce = consumed.mul(per);
      const clean = h.onsite_renewable.min(consumed).mul(per);
      st.fig.tce.set('heat', tce);
      st.fig.cleanTce = st.fig.cleanTce.add(clean);
      add(this.energyByItem, 'heat.consumed', tce);
      tr && lines.push(`heat_tce = ${show(consumed)} GJ × ${show(coef.value.value)} ${coef.value.unitText} = ${show(tce)} tce; clean (renewable heat) ${show(clean)} tce`);
    }
    tr && lines.push(`heat_t = ${show(co2)} tCO2`);
    return { lines, consumed };
  }

  /** The profile's grid factor: user overrides first, then the pin or the chosen MEE/NBS series. */
  private gridFactor(): ResolvedFactor | undefined {
    const g = this.ctx.accounting.grid;
    const series = 'pinned' in g ? 'fossil' : g.series;
    return this.resolve({ kind: 'co2', category: 'electricity', item: 'grid', series }, []);
  }

  private electricityCoefficient(): ResolvedFactor | undefined {
    return this.resolve({ kind: 'energy', category: 'electricity', item: this.ctx.accounting.electricityEnergy }, []);
  }

  /** Row factor first, then the resolver; reports a missing factor once per category/item/kind. */
  private factorFor(kind: FactorKind, row: ActivityRow, rowFactor: FactorValue | undefined): ResolvedFactor | undefined {
    const q = this.ctx.units.get(row.quantity.unit);
    const f = rowFactor ? this.rowFactor(row, rowFactor) : this.resolve({ kind, category: row.category, item: row.item, dimension: q.dimension }, [], row);
    if (!f) return undefined;
    const den = this.ctx.units.get(f.value.unit.denominator);
    if (den.dimension !== q.dimension) {
      // one message per row, although both its energy and CO2 factors disagree with the unit
      if (this.dimensionReported.has(row)) return undefined;
      this.dimensionReported.add(row);
      this.error('ZC-E-UNIT-DIMENSION', { where: `${row.category}/${row.item} quantity`, found: row.quantity.unit, dimension: q.dimension, allowed: `${den.dimension} units such as ${f.value.unit.denominator}, to match the ${kind === 'co2' ? 'CO2' : 'energy'} factor ${f.value.unitText} (${f.id}); or give the row its own factor` }, row.ref);
      return undefined;
    }
    return f;
  }

  private rowFactor(row: ActivityRow, value: FactorValue): ResolvedFactor {
    const id = `row:${refText(row.ref)}:co2:${row.category}/${row.item}`;
    const r: ResolvedFactor = { id, value, entry: { category: row.category, item: row.item, co2: value, source: `row factor at ${refText(row.ref)}`, origin: 'row', set: row.ref.file, ref: row.ref } };
    this.factorsUsed.set(id, { ...r, kind: 'co2' });
    return r;
  }

  private readonly missing = new Set<string>();
  private readonly dimensionReported = new WeakSet<ActivityRow>();
  private resolve(q: Parameters<FactorResolver['resolve']>[0], refs: string[], row?: ActivityRow): ResolvedFactor | undefined {
    const f = this.ctx.resolver.resolve(q);
    if (f) {
      if (!this.factorsUsed.has(f.id)) this.factorsUsed.set(f.id, { ...f, kind: q.kind });
      return f;
    }
    const key = `${q.kind}|${q.category}|${q.item}`;
    if (!this.missing.has(key)) {
      this.missing.add(key);
      const hint = q.kind === 'energy' ? '; give the quantity in tce, or add an energy factor (tce per unit) under `factors`' : '; add a `factor` + `factor_unit` to the row, or a `factors` entry';
      this.error('ZC-E-FACTOR-MISSING', { where: row ? `${row.category}/${row.item} row` : (refs[0] ?? 'factor library'), kind: q.kind === 'co2' ? 'CO2' : 'energy', category: q.category, item: q.item, hint }, row?.ref ?? this.firstRef(refs));
    }
    return undefined;
  }

  /** quantity (row unit) × factor (num/den) → result in `target` (tce or tCO2), exactly. */
  private apply(row: ActivityRow, f: FactorValue, target: 'tce' | 'tCO2'): Rational {
    return row.quantity.value.mul(this.ctx.units.ratio(this.ctx.units.get(row.quantity.unit), this.ctx.units.get(f.unit.denominator))).mul(this.factorPer(f, f.unit.denominator, target));
  }

  private readonly perCache = new WeakMap<FactorValue, Map<string, Rational>>();

  /** A factor expressed per `per` unit in `target` units, e.g. tCO2/万kWh → tCO2 per MWh (cached per factor). */
  private factorPer(f: FactorValue, per: string, target: 'tce' | 'tCO2'): Rational {
    let byKey = this.perCache.get(f);
    if (!byKey) this.perCache.set(f, (byKey = new Map()));
    const key = `${per}|${target}`;
    const hit = byKey.get(key);
    if (hit) return hit;
    const u = this.ctx.units;
    const numeratorToTarget = u.ratio(u.get(f.unit.numerator), u.get(target));
    const perToDen = u.ratio(u.get(per), u.get(f.unit.denominator));
    const r = f.value.mul(numeratorToTarget).mul(perToDen);
    byKey.set(key, r);
    return r;
  }

  private toUnit(value: Rational, from: string, to: string): Rational {
    return value.mul(this.ctx.units.ratio(this.ctx.units.get(from), this.ctx.units.get(to)));
  }
  private toBaseOf(value: Rational, unit: string): Rational {
    return this.ctx.units.toBase(value, this.ctx.units.get(unit));
  }
  private baseUnit(unit: string): string {
    return this.ctx.units.dimensions.get(this.ctx.units.get(unit).dimension)!;
  }

  private noteRow(figure: string, ref: string): void {
    if (!this.tracing) return;
    const list = this.figureRows.get(figure);
    if (list) list.push(ref);
    else this.figureRows.set(figure, [ref]);
  }

  private skips(entity: string): boolean {
    return !!this.ctx.skipBalances && (this.ctx.skipBalances.has(entity) || this.ctx.skipBalances.has('*'));
  }

  private firstRef(refs: string[]): SourceRef | undefined {
    const r = refs[0];
    if (!r) return undefined;
    const i = r.lastIndexOf(':');
    return { file: r.slice(0, i), line: Number(r.slice(i + 1)) };
  }

  private error(code: Parameters<typeof diag>[0], args: Record<string, unknown>, ref?: SourceRef): void {
    this.diagnostics.push(diag(code, args, ref));
  }

  private entity(name: string): EntityState {
    let st = this.entities.get(name);
    if (!st) {
      st = {
        fig: {
          co2: new Map(EMITTING.map((c) => [c, R0] as [typeof c, Rational])),
          tce: new Map(ENERGY_CATEGORIES.map((c) => [c, R0] as [typeof c, Rational])),
          cleanTce: R0,
          sinks: R0,
          offsets: R0,
        },
        elec: Object.fromEntries(ELECTRICITY_ITEMS.map((k) => [k, R0])) as Record<ElectricityItem, Rational>,
        gridOverrideT: R0,
        gridOverrideMwh: R0,
        heat: Object.fromEntries(HEAT_ITEMS.map((k) => [k, R0])) as Record<HeatItem, Rational>,
        heatOverrideT: R0,
        heatOverrideGj: R0,
        refs: { electricity: [], heat: [], certificates: [] },
      };
      this.entities.set(name, st);
    }
    return st;
  }
}

function add(m: Map<string, Rational>, key: string, x: Rational): void {
  m.set(key, (m.get(key) ?? R0).add(x));
}

