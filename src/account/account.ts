/**
 * The accounting engine (README § How the numbers are made): energy in tce and CO2 by category, exact.
 * Rows are added one at a time (a streamed CSV is never held); `finish()` balances electricity and heat
 * once at the boundary (boundary.ts), allocates the boundary figures to entities (allocation.ts) and
 * writes the trace (explain.ts). Figures are named once, in figures.ts.
 */
import { diag } from '../diagnostics/codes.js';
import { Rational } from '../model/rational.js';
import type { ActivityRow, Diagnostic, FactorValue, ProfileAccounting, SourceRef } from '../model/types.js';
import type { Vocabulary } from '../model/vocabulary.js';
import type { UnitRegistry } from '../units/registry.js';
import { flowFigures, hasFlows, type FlowFactors, type FlowFigures, type Flows } from './allocation.js';
import { electricityBalance, heatBalance, noElectricity, noHeat, sumElectricity, sumHeat, type ElectricityBalance, type HeatBalance } from './boundary.js';
import { explainBoundary, explainEntity, ALLOCATION_RULE, type FactorText } from './explain.js';
import type { FactorKind, FactorResolver, ResolvedFactor } from './factors.js';
import { FIGURES } from './figures.js';
import { EMITTING, ENERGY_CATEGORIES, type AccountResult, type EntityFigures } from './result.js';
import type { Trace, TraceRow } from './trace.js';

const R0 = Rational.ZERO;
export { EMITTING, ENERGY_CATEGORIES, type AccountResult, type EntityFigures };
export interface AccountContext {
  units: UnitRegistry;
  vocabulary: Vocabulary;
  resolver: FactorResolver;
  accounting: ProfileAccounting;
  /** Build the calculation trace's text (--explain). */
  trace?: boolean;
  /** Entities that lost a row to an error: the boundary balances are then not checked (one cause, one message). */
  skipBalances?: ReadonlySet<string>;
  /** The submission declares goods (EU CBAM): heat sent out is valued, and own-plant power may carry its factor. */
  goods?: boolean;
}

interface EntityState {
  fig: EntityFigures;
  flows: Flows;
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
  private readonly firstRows = new Map<string, SourceRef>();

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
    if (t && row.use) t.use = row.use;
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
        this.noteRow(row.category === 'sink' ? 'sinks_t' : 'offsets_t', ref);
        this.noteCo2e(row.category === 'sink' ? 'sinks_t' : 'offsets_t', row.quantity.unit, tonnes);
        break;
      }
      case 'avoided':
        this.addAvoided(row, t, ref);
        break;
      case 'water': {
        const m3 = this.toBaseOf(row.quantity.value, row.quantity.unit);
        add(this.water, row.item, m3);
        t?.steps.push({
          figure: 'water_m3',
          value: show(m3),
          formula: `${t!.quantity} = ${show(m3)} ${this.baseUnit(row.quantity.unit)} (carried, not accounted)`,
        });
        break;
      }
    }
  }

  /**
   * A fuel or transport row: tce by the standard-coal coefficient; CO2 by its factor unless the fuel is used
   * as feedstock (annex 4 counts fuel used as fuel: a feedstock row adds tce and feedstock_tce, no combustion CO2).
   */
  private addFuel(row: ActivityRow, st: EntityState, t: TraceRow | undefined, ref: string): void {
    const cat = row.category as 'fuel' | 'transport';
    const def = this.ctx.vocabulary.itemDef(cat, row.item);
    const feedstock = row.use === 'feedstock';
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
        t?.steps.push({
          figure: 'tce',
          value: show(tce),
          formula: `${t!.quantity} × ${show(f.value.value)} ${f.value.unitText} = ${show(tce)} tce`,
          factor: f.id,
        });
      }
    }
    if (tce) {
      st.fig.tce.set(cat, st.fig.tce.get(cat)!.add(tce));
      add(this.energyByItem, `${cat}.${row.item}`, tce);
      if (def?.gas) this.gasTce = this.gasTce.add(tce);
      const clean = !!def?.clean || (!!def?.gas && this.ctx.accounting.cleanIncludesGas);
      if (clean) st.fig.cleanTce = st.fig.cleanTce.add(tce);
      this.noteRow(`energy_${cat}_tce`, ref);
      if (feedstock) {
        st.fig.feedstockTce = st.fig.feedstockTce.add(tce);
        this.noteRow('feedstock_tce', ref);
      }
    }
    if (feedstock) {
      t?.steps.push({
        figure: 'co2_t',
        value: '0',
        formula: 'used as feedstock (原料用能): no combustion CO2; CO2 the process releases belongs in process rows',
      });
      return;
    }
    // CO2
    const f = this.factorFor('co2', row, row.factor);
    if (f) {
      const co2 = this.apply(row, f.value, 'tCO2');
      st.fig.co2.set(cat, st.fig.co2.get(cat)!.add(co2));
      t?.steps.push({
        figure: 'co2_t',
        value: show(co2),
        formula: `${t!.quantity} × ${show(f.value.value)} ${f.value.unitText} = ${show(co2)} tCO2`,
        factor: f.id,
      });
      this.noteRow(`${cat}_t`, ref);
      this.noteCo2e(`${cat}_t`, f.value.unit.numerator, co2);
    }
  }

  private addDirect(row: ActivityRow, st: EntityState, t: TraceRow | undefined, ref: string): void {
    const cat = row.category as 'process' | 'waste';
    let co2: Rational | undefined;
    let unit = row.factor?.unit.numerator;
    if (this.ctx.units.get(row.quantity.unit).dimension === 'emissions' && !row.factor) {
      co2 = this.toUnit(row.quantity.value, row.quantity.unit, 'tCO2');
      unit = row.quantity.unit;
      t?.steps.push({ figure: 'co2_t', value: show(co2), formula: `${t!.quantity} reported directly = ${show(co2)} tCO2` });
    } else {
      const f = this.factorFor('co2', row, row.factor);
      if (f) {
        co2 = this.apply(row, f.value, 'tCO2');
        t?.steps.push({
          figure: 'co2_t',
          value: show(co2),
          formula: `${t!.quantity} × ${show(f.value.value)} ${f.value.unitText} = ${show(co2)} tCO2`,
          factor: f.id,
        });
      }
    }
    if (co2) {
      st.fig.co2.set(cat, st.fig.co2.get(cat)!.add(co2));
      this.noteRow(`${cat}_t`, ref);
      if (unit) this.noteCo2e(`${cat}_t`, unit, co2);
    }
  }

  /**
   * An avoided-emissions row (wind turbines, PV modules shipped …): tonnes given, or quantity × its row factor.
   * A memo ledger: added to avoided_t only, never to gross or net.
   */
  private addAvoided(row: ActivityRow, t: TraceRow | undefined, ref: string): void {
    let tonnes: Rational | undefined;
    if (this.ctx.units.get(row.quantity.unit).dimension === 'emissions' && !row.factor) {
      tonnes = this.toUnit(row.quantity.value, row.quantity.unit, 'tCO2');
      t?.steps.push({ figure: 'tonnes', value: show(tonnes), formula: `${t!.quantity} reported directly = ${show(tonnes)} t (memo: never netted)` });
    } else {
      const f = this.factorFor('co2', row, row.factor);
      if (f) {
        tonnes = this.apply(row, f.value, 'tCO2');
        t?.steps.push({
          figure: 'tonnes',
          value: show(tonnes),
          formula: `${t!.quantity} × ${show(f.value.value)} ${f.value.unitText} = ${show(tonnes)} t (memo: never netted)`,
          factor: f.id,
        });
      }
    }
    if (!tonnes) return;
    add(this.avoidedByItem, row.item, tonnes);
    this.noteRow('avoided_t', ref);
  }
  private readonly avoidedByItem = new Map<string, Rational>();

  /** Tonnes entered in a CO2e unit (other gases at their GWP) are counted, and the figure says it holds CO2e. */
  private noteCo2e(figure: string, unit: string, tonnes: Rational): void {
    if (this.ctx.units.get(unit).co2e) add(this.co2e, figure, tonnes);
  }
  private readonly co2e = new Map<string, Rational>();

  /**
   * Electricity and heat rows are tallied per entity and item; they are balanced at the boundary in finish().
   * A row factor is allowed on the one item bought from outside at a fossil factor (grid power, purchased heat).
   */
  private addFlow(row: ActivityRow, st: EntityState, t: TraceRow | undefined, ref: string, flow: 'electricity' | 'heat'): void {
    const unit = flow === 'electricity' ? 'MWh' : 'GJ';
    const amount = row.enthalpy ? this.steamGj(row, row.enthalpy, t) : this.toUnit(row.quantity.value, row.quantity.unit, unit);
    const tally = (flow === 'electricity' ? st.flows.elec : st.flows.heat) as Record<string, Rational>;
    tally[row.item] = tally[row.item]!.add(amount);
    if (!row.enthalpy)
      t?.steps.push({ figure: flow === 'electricity' ? 'mwh' : 'gj', value: show(amount), formula: `${t!.quantity} = ${show(amount)} ${unit}` });
    // the first row of each flow and item, in input order: where a boundary finding is shown
    if (!this.firstRows.has(flow)) this.firstRows.set(flow, row.ref);
    if (!this.firstRows.has(`${flow}/${row.item}`)) this.firstRows.set(`${flow}/${row.item}`, row.ref);
    this.noteRow(flow === 'electricity' ? 'electricity_mwh' : 'heat_gj', ref);
    if (!row.factor) return;
    const bought = flow === 'electricity' ? 'grid' : 'purchased';
    if (flow === 'electricity' && row.item === 'onsite_fossil' && this.ctx.goods) {
      // the installation's own plant: its factor values the power its processes use (goods' indirect emissions)
      const co2 = this.apply(row, row.factor, 'tCO2');
      st.flows.ownPowerRowT = st.flows.ownPowerRowT.add(co2);
      st.flows.ownPowerRowMwh = st.flows.ownPowerRowMwh.add(amount);
      const f = this.rowFactor(row, row.factor);
      t?.steps.push({
        figure: 'co2_t',
        value: show(co2),
        formula: `${show(amount)} MWh × ${show(row.factor.value)} ${row.factor.unitText} (row factor of the own plant) = ${show(co2)} tCO2, for the goods' indirect emissions only (the boundary counts the plant's fuel)`,
        factor: f.id,
      });
      return;
    }
    if (row.item !== bought) {
      this.error(
        'ZC-E-FACTOR-INVALID',
        {
          where: `${flow}/${row.item} row`,
          where_zh: `${flow}/${row.item} 行`,
          reason: `a row factor applies to ${flow}/${bought} rows only, not ${row.item}${flow === 'electricity' && row.item === 'onsite_fossil' ? " (an own plant's factor is read for goods, when the submission declares goods)" : ''}`,
          reason_zh: `行内因子只适用于 ${flow}/${bought} 行，不适用于 ${row.item}${flow === 'electricity' && row.item === 'onsite_fossil' ? '（申报文件声明了货物时，自备电厂的因子用于货物核算）' : ''}`,
        },
        row.ref,
      );
      return;
    }
    const co2 = this.apply(row, row.factor, 'tCO2');
    this.noteCo2e(`${flow}_t`, row.factor.unit.numerator, co2);
    if (flow === 'electricity') {
      st.flows.gridRowT = st.flows.gridRowT.add(co2);
      st.flows.gridRowMwh = st.flows.gridRowMwh.add(amount);
    } else {
      st.flows.heatRowT = st.flows.heatRowT.add(co2);
      st.flows.heatRowGj = st.flows.heatRowGj.add(amount);
    }
    const f = this.rowFactor(row, row.factor);
    t?.steps.push({
      figure: 'co2_t',
      value: show(co2),
      formula: `${show(amount)} ${unit} × ${show(row.factor.value)} ${row.factor.unitText} (row factor) = ${show(co2)} tCO2`,
      factor: f.id,
    });
  }

  /** Steam in tonnes → GJ at its enthalpy (the row's own, or the vocabulary's default, which is listed and warned once). */
  private steamGj(row: ActivityRow, e: NonNullable<ActivityRow['enthalpy']>, t: TraceRow | undefined): Rational {
    const u = this.ctx.units;
    const gj = row.quantity.value
      .mul(u.ratio(u.get(row.quantity.unit), u.get(e.value.unit.denominator)))
      .mul(e.value.value)
      .mul(u.ratio(u.get(e.value.unit.numerator), u.get('GJ')));
    let id: string;
    if (e.source) {
      id = 'builtin:vocabulary:energy:heat/steam_enthalpy';
      if (!this.factorsUsed.has(id)) {
        this.factorsUsed.set(id, {
          id,
          value: e.value,
          kind: 'energy',
          entry: {
            category: 'heat',
            item: 'steam_enthalpy',
            energy: e.value,
            source: e.source,
            ...(e.confidence ? { confidence: e.confidence } : {}),
            origin: 'builtin',
            set: 'vocabulary',
          },
        });
        this.diagnostics.push(diag('ZC-W-STEAM-ENTHALPY', { found: `${show(e.value.value)} ${e.value.unitText}`, source: e.source }, row.ref));
      }
    } else id = this.rowFactor(row, e.value, 'energy').id;
    t?.steps.push({
      figure: 'gj',
      value: show(gj),
      formula: `${t!.quantity} × ${show(e.value.value)} ${e.value.unitText} (${e.source ? 'default enthalpy of low-pressure saturated steam' : 'row enthalpy'}) = ${show(gj)} GJ`,
      factor: id,
    });
    return gj;
  }

  /** Balances electricity and heat at the boundary, allocates them to entities, and sums every aggregate. */
  finish(): AccountResult {
    const names = [...this.entities.keys()].sort();
    const states = names.map((n) => this.entities.get(n)!);
    const boundary: Flows = {
      elec: sumElectricity(states.map((s) => s.flows.elec)),
      heat: sumHeat(states.map((s) => s.flows.heat)),
      gridRowT: states.reduce((a, s) => a.add(s.flows.gridRowT), R0),
      gridRowMwh: states.reduce((a, s) => a.add(s.flows.gridRowMwh), R0),
      heatRowT: states.reduce((a, s) => a.add(s.flows.heatRowT), R0),
      heatRowGj: states.reduce((a, s) => a.add(s.flows.heatRowGj), R0),
      ownPowerRowT: states.reduce((a, s) => a.add(s.flows.ownPowerRowT), R0),
      ownPowerRowMwh: states.reduce((a, s) => a.add(s.flows.ownPowerRowMwh), R0),
    };
    const eb = electricityBalance(boundary.elec);
    const hb = heatBalance(boundary.heat);
    const checked = this.checkBalances(eb, hb);
    const { factors, text: factorText } = checked
      ? this.flowFactors(boundary, eb, hb)
      : { factors: { creditExports: this.ctx.accounting.creditNetExports }, text: {} };
    const whole = flowFigures(boundary, eb, factors);

    const tracing = this.tracing;
    const balances: Trace['balances'] = { rule: ALLOCATION_RULE, boundary: {}, entities: [] };
    if (tracing && hasFlows(boundary)) balances.boundary = explainBoundary(boundary, eb, hb, whole, factorText, factors);
    for (const [i, st] of states.entries()) {
      if (!hasFlows(st.flows)) continue;
      const share = flowFigures(st.flows, eb, factors);
      this.applyShare(st, share);
      if (tracing) balances.entities.push({ entity: names[i]!, ...explainEntity(st.flows, eb, share, factors) });
    }
    if (!whole.electricityTce.isZero()) add(this.energyByItem, 'electricity.consumed', whole.electricityTce);
    if (!whole.heatTce.isZero()) add(this.energyByItem, 'heat.consumed', whole.heatTce);

    const co2ByCategory = new Map(EMITTING.map((c) => [c, R0] as [typeof c, Rational]));
    const energyByCategory = new Map<string, Rational>(ENERGY_CATEGORIES.map((c) => [c, R0]));
    let cleanTce = R0,
      feedstockTce = R0,
      sinks = R0,
      offsets = R0;
    for (const st of states) {
      for (const c of EMITTING) co2ByCategory.set(c, co2ByCategory.get(c)!.add(st.fig.co2.get(c)!));
      for (const c of ENERGY_CATEGORIES) energyByCategory.set(c, energyByCategory.get(c)!.add(st.fig.tce.get(c)!));
      cleanTce = cleanTce.add(st.fig.cleanTce);
      feedstockTce = feedstockTce.add(st.fig.feedstockTce);
      sinks = sinks.add(st.fig.sinks);
      offsets = offsets.add(st.fig.offsets);
    }
    const electricityT = co2ByCategory.get('electricity')!;
    if (electricityT.isNegative()) this.diagnostics.push(diag('ZC-W-ELEC-NET-EXPORT', { found: electricityT.toNumber() }));
    const energyT = ENERGY_CATEGORIES.reduce((a, c) => a.add(co2ByCategory.get(c)!), R0);
    const grossT = energyT.add(co2ByCategory.get('process')!).add(co2ByCategory.get('waste')!);
    const energyTotal = [...energyByCategory.values()].reduce((a, x) => a.add(x), R0);

    const result: AccountResult = {
      energyTotalTce: energyTotal,
      energyCleanTce: cleanTce,
      energyGasTce: this.gasTce,
      cleanIncludesGas: this.ctx.accounting.cleanIncludesGas,
      feedstockTce,
      rowsByCategory: this.rowsByCategory,
      energyByCategory,
      energyByItem: this.energyByItem,
      co2ByCategory,
      energyT,
      grossT,
      sinksT: sinks,
      offsetsT: offsets,
      netT: grossT.sub(sinks).sub(offsets),
      avoidedT: [...this.avoidedByItem.values()].reduce((x, y) => x.add(y), R0),
      avoidedByItem: this.avoidedByItem,
      co2e: this.co2e,
      sinksByItem: this.sinksByItem,
      offsetsByItem: this.offsetsByItem,
      byEntity: new Map(names.map((n) => [n, this.entities.get(n)!.fig])),
      electricity: eb,
      heat: hb,
      water: this.water,
      factorsUsed: this.factorsUsed,
      diagnostics: [...this.diagnostics, ...this.ctx.resolver.warnings],
      trace: { rows: this.traceRows, balances, figures: {} },
      entityFlows: new Map(names.map((n) => [n, this.entities.get(n)!.flows])),
      flowFactors: factors,
      flowFactorText: factorText,
      flowRefs: this.firstRows,
    };
    if (tracing) {
      for (const f of FIGURES) {
        const v = f.value(result);
        if (v === undefined) continue;
        const rows = this.figureRows.get(f.name);
        result.trace.figures[f.path] = { value: show(v), formula: f.formula, ...(rows ? { rows } : {}) };
      }
    }
    return result;
  }

  /** An entity's electricity and heat figures: its share of the boundary (allocation.ts). */
  private applyShare(st: EntityState, s: FlowFigures): void {
    st.fig.co2.set('electricity', s.electricityT);
    st.fig.co2.set('heat', s.heatT);
    st.fig.tce.set('electricity', s.electricityTce);
    st.fig.tce.set('heat', s.heatTce);
    st.fig.cleanTce = st.fig.cleanTce.add(s.cleanTce);
  }

  /**
   * The boundary's checks: errors when a balance cannot hold (then no figure is valued on it), warnings for
   * certificates beyond grid power, green power beyond consumption and exports that may be renewable.
   * Returns false when an error was found. Skipped when a row was lost (its error says why).
   */
  private checkBalances(eb: ElectricityBalance, hb: HeatBalance): boolean {
    if (this.ctx.skipBalances && this.ctx.skipBalances.size > 0) return true;
    const at = (key: string) => this.firstRows.get(key);
    for (const p of eb.problems)
      this.error('ZC-E-ELEC-BALANCE', { rule: p.rule, rule_zh: p.rule_zh, found: show(p.found), allowed: show(p.allowed) }, at(`electricity/${p.item}`));
    for (const p of hb.problems)
      this.error('ZC-E-HEAT-BALANCE', { rule: p.rule, rule_zh: p.rule_zh, found: show(p.found), allowed: show(p.allowed) }, at(`heat/${p.item}`));
    if (eb.problems.length || hb.problems.length) return false;
    const f = eb.flows;
    if (eb.certificatesCapped)
      this.diagnostics.push(
        diag('ZC-W-CERT-EXCESS', { found: f.green_certificate.toNumber(), allowed: f.grid.toNumber() }, at('electricity/green_certificate')),
      );
    if (eb.cleanCapped) this.diagnostics.push(diag('ZC-W-CLEAN-CAPPED', { found: eb.green.toNumber(), allowed: eb.consumed.toNumber() }, at('electricity')));
    if (eb.exportMaybeRenewable)
      this.diagnostics.push(
        diag(
          'ZC-W-EXPORT-SOURCE',
          { found: f.export.toNumber(), allowed: f.onsite_fossil.toNumber(), renewable: f.onsite_renewable.toNumber() },
          at('electricity/export'),
        ),
      );
    return true;
  }

  /**
   * Resolves just the factors the boundary's flows are valued at (so `factors_used` lists no factor that was not
   * applied), per unit of the flow and as the trace shows them ("0.8325 tCO2/MWh").
   */
  private flowFactors(b: Flows, eb: ElectricityBalance, hb: HeatBalance): { factors: FlowFactors; text: FactorText } {
    const heatRefs = (): string[] => {
      const r = this.firstRows.get('heat');
      return r ? [refText(r)] : [];
    };
    const credit = this.ctx.accounting.creditNetExports;
    const e = b.elec,
      h = b.heat;
    const k: FlowFactors = { creditExports: credit };
    const text: FactorText = {};
    const shown = (f: ResolvedFactor) => `${show(f.value.value)} ${f.value.unitText}`;
    const needsGrid = !e.grid.sub(b.gridRowMwh).isZero() || !eb.credited.isZero() || (credit && !e.export.isZero());
    if (needsGrid) {
      const g = this.gridFactor();
      if (g) ((k.grid = this.factorPer(g.value, 'MWh', 'tCO2')), (text.grid = shown(g)));
    }
    // goods value heat sent out by their processes at the heat factor (Em_H,exp), whatever the profile credits
    const needsHeat = !h.purchased.sub(b.heatRowGj).isZero() || ((credit || this.ctx.goods === true) && !h.export.isZero());
    if (needsHeat) {
      const f = this.resolve({ kind: 'co2', category: 'heat', item: 'purchased' }, heatRefs());
      if (f) ((k.heat = this.factorPer(f.value, 'GJ', 'tCO2')), (text.heat = shown(f)));
    }
    const elecEnergy = ['grid', 'green_trade', 'direct_green', 'onsite_renewable', 'export', 'export_renewable'] as const;
    if (elecEnergy.some((i) => !e[i].isZero()) || !eb.clean.isZero()) {
      const c = this.electricityCoefficient();
      if (c) ((k.electricityTce = this.factorPer(c.value, 'MWh', 'tce')), (text.electricityTce = shown(c)));
    }
    const heatEnergy = ['purchased', 'purchased_renewable', 'onsite_renewable', 'export', 'export_renewable'] as const;
    if (heatEnergy.some((i) => !h[i].isZero()) || !hb.clean.isZero()) {
      const c = this.resolve({ kind: 'energy', category: 'heat', item: 'purchased' }, heatRefs());
      if (c) ((k.heatTce = this.factorPer(c.value, 'GJ', 'tce')), (text.heatTce = shown(c)));
    }
    return { factors: k, text };
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
      this.error(
        'ZC-E-UNIT-DIMENSION',
        {
          where: `${row.category}/${row.item} quantity`,
          found: row.quantity.unit,
          dimension: q.dimension,
          allowed: `${den.dimension} units such as ${f.value.unit.denominator}, to match the ${kind === 'co2' ? 'CO2' : 'energy'} factor ${f.value.unitText} (${f.id}); or give the row its own factor`,
        },
        row.ref,
      );
      return undefined;
    }
    return f;
  }

  private rowFactor(row: ActivityRow, value: FactorValue, kind: FactorKind = 'co2'): ResolvedFactor {
    const id = `row:${refText(row.ref)}:${kind}:${row.category}/${row.item}`;
    const r: ResolvedFactor = {
      id,
      value,
      entry: {
        category: row.category,
        item: row.item,
        [kind]: value,
        source: `row ${kind === 'co2' ? 'factor' : 'enthalpy'} at ${refText(row.ref)}`,
        origin: 'row',
        set: row.ref.file,
        ref: row.ref,
      },
    };
    this.factorsUsed.set(id, { ...r, kind });
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
      const [hint, hint_zh] =
        q.kind === 'energy'
          ? [
              '; give the quantity in tce, or add an energy factor (tce per unit) under `factors`',
              '；请以 tce 填报数量，或在 `factors` 下添加折标系数（每单位的 tce）',
            ]
          : ['; add a `factor` + `factor_unit` to the row, or a `factors` entry', '；请在该行填写 `factor` 和 `factor_unit`，或添加一条 `factors`'];
      this.error(
        'ZC-E-FACTOR-MISSING',
        {
          where: row ? `${row.category}/${row.item} row` : (refs[0] ?? 'factor library'),
          where_zh: row ? `${row.category}/${row.item} 行` : (refs[0] ?? '因子库'),
          kind: q.kind === 'co2' ? 'CO2' : 'energy',
          kind_zh: q.kind === 'co2' ? ' CO2 ' : '折标',
          category: q.category,
          item: q.item,
          hint,
          hint_zh,
        },
        row?.ref ?? this.firstRef(refs),
      );
    }
    return undefined;
  }

  /** quantity (row unit) × factor (num/den) → result in `target` (tce or tCO2), exactly. */
  private apply(row: ActivityRow, f: FactorValue, target: 'tce' | 'tCO2'): Rational {
    return row.quantity.value
      .mul(this.ctx.units.ratio(this.ctx.units.get(row.quantity.unit), this.ctx.units.get(f.unit.denominator)))
      .mul(this.factorPer(f, f.unit.denominator, target));
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
          feedstockTce: R0,
          sinks: R0,
          offsets: R0,
        },
        flows: { elec: noElectricity(), heat: noHeat(), gridRowT: R0, gridRowMwh: R0, heatRowT: R0, heatRowGj: R0, ownPowerRowT: R0, ownPowerRowMwh: R0 },
      };
      this.entities.set(name, st);
    }
    return st;
  }
}

function add(m: Map<string, Rational>, key: string, x: Rational): void {
  m.set(key, (m.get(key) ?? R0).add(x));
}
