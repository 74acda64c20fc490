/** The trace text (--explain) of the boundary balances and of each entity's share of them. */
import { Rational } from '../model/rational.js';
import type { FlowFactors, FlowFigures, Flows } from './allocation.js';
import type { ElectricityBalance, HeatBalance } from './boundary.js';

const show = (x: Rational): string => x.toString();
const nonZero = (o: Record<string, Rational>): boolean => Object.values(o).some((x) => !x.isZero());

/** Said once in every trace: how entity figures relate to the boundary. */
export const ALLOCATION_RULE =
  'Electricity and heat are balanced once for the whole boundary (annex 4 of 发改环资〔2025〕910号: the park accounts for its net inflow as a whole). ' +
  "Each entity's figures are its own rows plus a share of each boundary adjustment pro rata to the rows that caused it: " +
  'credited certificates to certificate holders by their certificates, the clean-electricity cap to every entity by its green power. Entities sum to the boundary exactly.';

export interface FactorText {
  grid?: string;
  heat?: string;
  electricityTce?: string;
  heatTce?: string;
}

export function explainBoundary(
  b: Flows,
  eb: ElectricityBalance,
  hb: HeatBalance,
  w: FlowFigures,
  f: FactorText,
  k: FlowFactors,
): { electricity?: string[]; heat?: string[] } {
  const out: { electricity?: string[]; heat?: string[] } = {};
  const e = b.elec;
  if (nonZero(e)) {
    const lines: string[] = [];
    lines.push(
      `supply = grid ${show(e.grid)} + green_trade ${show(e.green_trade)} + direct_green ${show(e.direct_green)} + onsite_renewable ${show(e.onsite_renewable)} + onsite_fossil ${show(e.onsite_fossil)} = ${show(eb.supply)} MWh`,
    );
    lines.push(`consumed = supply ${show(eb.supply)} − export ${show(e.export)} − export_renewable ${show(e.export_renewable)} = ${show(eb.consumed)} MWh`);
    lines.push(`credited certificates = min(green_certificate ${show(e.green_certificate)}, grid ${show(e.grid)}) = ${show(eb.credited)} MWh`);
    lines.push(
      `green = green_trade + direct_green + onsite_renewable − export_renewable + credited certificates = ${show(eb.green)} MWh; clean = min(green, consumed) = ${show(eb.clean)} MWh`,
    );
    if (f.electricityTce)
      lines.push(
        `electricity_tce = (supply − onsite_fossil − export − export_renewable) ${show(eb.energyMwh)} MWh × ${f.electricityTce} = ${show(w.electricityTce)} tce (onsite_fossil: its fuel is counted; output deducted, GB/T 2589)`,
      );
    const gridPart = e.grid.sub(b.gridRowMwh);
    const exportPart = k.creditExports ? ` − export ${show(e.export)}` : '';
    const rowPart = b.gridRowMwh.isZero() ? '' : ` + grid rows with their own factor ${show(b.gridRowT)} tCO2`;
    lines.push(
      f.grid
        ? `electricity_t = (grid ${show(gridPart)} − credited certificates ${show(eb.credited)}${exportPart}) MWh × ${f.grid}${rowPart} = ${show(w.electricityT)} tCO2` +
            (k.creditExports
              ? ' (exports credited: annex 4 E电 = Σ受入×Ef − Σ送出×Ef; renewable power sent out counts 0)'
              : ' (exports do not enter under this profile)')
        : `electricity_t = ${show(w.electricityT)} tCO2${rowPart ? ' (grid rows with their own factor)' : ''}`,
    );
    out.electricity = lines;
  }
  const h = b.heat;
  if (nonZero(h)) {
    const lines: string[] = [];
    lines.push(
      `consumed = purchased ${show(h.purchased)} + purchased_renewable ${show(h.purchased_renewable)} + onsite_renewable ${show(h.onsite_renewable)} + onsite_fossil ${show(h.onsite_fossil)} − export ${show(h.export)} − export_renewable ${show(h.export_renewable)} = ${show(hb.consumed)} GJ`,
    );
    if (f.heatTce)
      lines.push(
        `heat_tce = (consumed − onsite_fossil) ${show(hb.energyGj)} GJ × ${f.heatTce} = ${show(w.heatTce)} tce; clean heat = purchased_renewable + onsite_renewable − export_renewable = ${show(hb.clean)} GJ`,
      );
    const exportPart = k.creditExports ? ` − export ${show(h.export)}` : '';
    const rowPart = b.heatRowGj.isZero() ? '' : ` + rows with their own factor ${show(b.heatRowT)} tCO2`;
    lines.push(
      f.heat
        ? `heat_t = (purchased ${show(h.purchased.sub(b.heatRowGj))}${exportPart}) GJ × ${f.heat}${rowPart} = ${show(w.heatT)} tCO2 (non-fossil heat counts 0)`
        : `heat_t = ${show(w.heatT)} tCO2`,
    );
    out.heat = lines;
  }
  return out;
}

export function explainEntity(fl: Flows, eb: ElectricityBalance, s: FlowFigures, k: FlowFactors): { electricity?: string[]; heat?: string[] } {
  const out: { electricity?: string[]; heat?: string[] } = {};
  const e = fl.elec;
  if (nonZero(e)) {
    const own = Object.entries(e)
      .filter(([, v]) => !v.isZero())
      .map(([i, v]) => `${i} ${show(v)}`)
      .join(', ');
    const lines = [`own rows (MWh): ${own}`];
    if (!e.green_certificate.isZero())
      lines.push(
        `credited certificates = ${show(e.green_certificate)} / ${show(eb.flows.green_certificate)} × boundary ${show(eb.credited)} = ${show(s.creditedMwh)} MWh`,
      );
    if (!s.greenMwh.isZero())
      lines.push(
        eb.cleanCapped
          ? `clean = green ${show(s.greenMwh)} × consumed ${show(eb.consumed)} / green ${show(eb.green)} = ${show(s.cleanMwh)} MWh`
          : `clean = green ${show(s.greenMwh)} MWh`,
      );
    lines.push(
      `electricity_t = ${show(s.electricityT)} tCO2; electricity_tce = ${show(s.electricityTce)} tce${k.creditExports && !e.export.isZero() ? ' (its export credited)' : ''}`,
    );
    out.electricity = lines;
  }
  const h = fl.heat;
  if (nonZero(h)) {
    const own = Object.entries(h)
      .filter(([, v]) => !v.isZero())
      .map(([i, v]) => `${i} ${show(v)}`)
      .join(', ');
    out.heat = [`own rows (GJ): ${own}`, `heat_t = ${show(s.heatT)} tCO2; heat_tce = ${show(s.heatTce)} tce; clean heat ${show(s.cleanHeatGj)} GJ`];
  }
  return out;
}
