/**
 * The boundary balances (README § How the numbers are made, "One boundary"): electricity and heat are
 * balanced once over every row of the submission, as annex 4 of 发改环资〔2025〕910号 accounts for the park
 * as a whole ("园区电力与热力净受入"). Pure functions of the summed flows; no factors, no diagnostics.
 */
import { Rational } from '../model/rational.js';

const R0 = Rational.ZERO;

/** Electricity flows (MWh) that cross or stay inside the boundary, by vocabulary item. */
export const ELECTRICITY_ITEMS = [
  'grid',
  'green_trade',
  'direct_green',
  'onsite_renewable',
  'onsite_fossil',
  'green_certificate',
  'export',
  'export_renewable',
] as const;
/** Heat flows (GJ) by vocabulary item. */
export const HEAT_ITEMS = ['purchased', 'purchased_renewable', 'onsite_renewable', 'onsite_fossil', 'export', 'export_renewable'] as const;
export type ElectricityItem = (typeof ELECTRICITY_ITEMS)[number];
export type HeatItem = (typeof HEAT_ITEMS)[number];
export type ElectricityFlows = Record<ElectricityItem, Rational>;
export type HeatFlows = Record<HeatItem, Rational>;

// built once and copied (a copy is ~7× cheaper than building from the item list (measured), and every entity starts from one)
const ZERO_ELECTRICITY = Object.freeze(Object.fromEntries(ELECTRICITY_ITEMS.map((k) => [k, R0])) as ElectricityFlows);
const ZERO_HEAT = Object.freeze(Object.fromEntries(HEAT_ITEMS.map((k) => [k, R0])) as HeatFlows);
export const noElectricity = (): ElectricityFlows => ({ ...ZERO_ELECTRICITY });
export const noHeat = (): HeatFlows => ({ ...ZERO_HEAT });

export function sumElectricity(parts: Iterable<ElectricityFlows>): ElectricityFlows {
  const t = noElectricity();
  for (const p of parts) for (const k of ELECTRICITY_ITEMS) t[k] = t[k].add(p[k]);
  return t;
}
export function sumHeat(parts: Iterable<HeatFlows>): HeatFlows {
  const t = noHeat();
  for (const p of parts) for (const k of HEAT_ITEMS) t[k] = t[k].add(p[k]);
  return t;
}

/** A flow balance that cannot hold: which rule, the figure found and the bound it breaks. */
export interface BalanceProblem {
  /** The flow sent out beyond its source (its first row is where the problem is shown). */
  item: 'export' | 'export_renewable';
  rule: string;
  /** The rule as a Chinese message says it. */
  rule_zh: string;
  found: Rational;
  allowed: Rational;
}

export interface ElectricityBalance {
  flows: ElectricityFlows;
  /** grid + green_trade + direct_green + onsite_renewable + onsite_fossil */
  supply: Rational;
  /** supply − export − export_renewable */
  consumed: Rational;
  /** The MWh that carry energy (tce): supply without onsite_fossil (its fuel is counted), output deducted (GB/T 2589). */
  energyMwh: Rational;
  /** min(green_certificate, grid) */
  credited: Rational;
  /** green_trade + direct_green + (onsite_renewable − export_renewable) + credited */
  green: Rational;
  /** min(green, consumed) */
  clean: Rational;
  certificatesCapped: boolean;
  cleanCapped: boolean;
  /** export > onsite_fossil while renewable power is generated inside (part of it may be renewable). */
  exportMaybeRenewable: boolean;
  problems: BalanceProblem[];
}

export function electricityBalance(f: ElectricityFlows): ElectricityBalance {
  const supply = f.grid.add(f.green_trade).add(f.direct_green).add(f.onsite_renewable).add(f.onsite_fossil);
  const sent = f.export.add(f.export_renewable);
  const consumed = supply.sub(sent);
  const energyMwh = supply.sub(f.onsite_fossil).sub(sent);
  const credited = f.green_certificate.min(f.grid);
  const green = f.green_trade.add(f.direct_green).add(f.onsite_renewable).sub(f.export_renewable).add(credited);
  // each type of power sent out must have a source inside (annex 4 values 送出 by its type); together the two
  // rules imply consumed ≥ 0, which is checked on its own only as a safeguard
  const problems: BalanceProblem[] = [];
  if (f.export_renewable.cmp(f.onsite_renewable) > 0)
    problems.push({
      item: 'export_renewable',
      rule: 'export_renewable ≤ onsite_renewable (renewable power sent out must be generated inside)',
      rule_zh: 'export_renewable ≤ onsite_renewable（上网的可再生电力必须在边界内发出）',
      found: f.export_renewable,
      allowed: f.onsite_renewable,
    });
  if (f.export.cmp(f.onsite_fossil.add(f.grid)) > 0)
    problems.push({
      item: 'export',
      rule: 'export ≤ onsite_fossil + grid (non-renewable power sent out must come from a fuel-fired unit inside or pass through from the grid)',
      rule_zh: 'export ≤ onsite_fossil + grid（上网的非可再生电力必须来自边界内的燃料发电机组，或来自电网转供）',
      found: f.export,
      allowed: f.onsite_fossil.add(f.grid),
    });
  if (problems.length === 0 && consumed.isNegative())
    problems.push({
      item: f.export.isZero() ? 'export_renewable' : 'export',
      rule: 'export + export_renewable ≤ grid + green_trade + direct_green + onsite_renewable + onsite_fossil',
      rule_zh: 'export + export_renewable ≤ grid + green_trade + direct_green + onsite_renewable + onsite_fossil',
      found: sent,
      allowed: supply,
    });
  const clean = consumed.isNegative() ? R0 : green.min(consumed);
  return {
    flows: f,
    supply,
    consumed,
    energyMwh,
    credited,
    green,
    clean,
    certificatesCapped: f.green_certificate.cmp(f.grid) > 0,
    cleanCapped: green.cmp(consumed) > 0,
    exportMaybeRenewable: f.export.cmp(f.onsite_fossil) > 0 && !f.onsite_renewable.isZero(),
    problems,
  };
}

export interface HeatBalance {
  flows: HeatFlows;
  /** purchased + purchased_renewable + onsite_renewable + onsite_fossil − export − export_renewable */
  consumed: Rational;
  /** The GJ that carry energy (tce): without onsite_fossil (its fuel is counted), output deducted. */
  energyGj: Rational;
  /** purchased_renewable + onsite_renewable − export_renewable */
  clean: Rational;
  problems: BalanceProblem[];
}

export function heatBalance(h: HeatFlows): HeatBalance {
  const supply = h.purchased.add(h.purchased_renewable).add(h.onsite_renewable).add(h.onsite_fossil);
  const sent = h.export.add(h.export_renewable);
  const consumed = supply.sub(sent);
  const renewable = h.purchased_renewable.add(h.onsite_renewable);
  const problems: BalanceProblem[] = [];
  if (h.export_renewable.cmp(renewable) > 0)
    problems.push({
      item: 'export_renewable',
      rule: 'export_renewable ≤ onsite_renewable + purchased_renewable (non-fossil heat sent out must be made or received as non-fossil)',
      rule_zh: 'export_renewable ≤ onsite_renewable + purchased_renewable（外供的非化石热力必须是自产或购入的非化石热力）',
      found: h.export_renewable,
      allowed: renewable,
    });
  else if (consumed.isNegative())
    problems.push({
      item: h.export.isZero() ? 'export_renewable' : 'export',
      rule: 'export + export_renewable ≤ purchased + purchased_renewable + onsite_renewable + onsite_fossil',
      rule_zh: 'export + export_renewable ≤ purchased + purchased_renewable + onsite_renewable + onsite_fossil',
      found: sent,
      allowed: supply,
    });
  return { flows: h, consumed, energyGj: supply.sub(h.onsite_fossil).sub(sent), clean: renewable.sub(h.export_renewable), problems };
}
