/**
 * Entities are an allocation of the boundary (README § How the numbers are made, "One boundary"): an
 * entity's electricity and heat figures are those of its own rows, plus its share of each boundary
 * adjustment pro rata to the rows that caused it:
 *   - the certificate credit min(certificates, grid) goes to certificate holders pro rata to their certificates;
 *   - the clean-electricity cap (green ≤ consumed) scales every entity's green power by consumed / green.
 * Every other term is linear in the rows, so the entities sum to the boundary exactly. Applied to the
 * boundary's own flows, the same function gives the boundary figures.
 */
import { Rational } from '../model/rational.js';
import type { ElectricityBalance, ElectricityFlows, HeatFlows } from './boundary.js';

const R0 = Rational.ZERO;

/** The flows of one entity (or of the whole boundary), with the grid and heat rows that carry their own factor. */
export interface Flows {
  elec: ElectricityFlows;
  heat: HeatFlows;
  /** CO2 and MWh of grid rows with a row factor (they count at their own factor). */
  gridRowT: Rational;
  gridRowMwh: Rational;
  /** CO2 and GJ of purchased-heat rows with a row factor. */
  heatRowT: Rational;
  heatRowGj: Rational;
  /**
   * CO2 and MWh of `onsite_fossil` rows with a row factor: the installation's own plant, read only for the goods'
   * indirect emissions (EU CBAM); the boundary counts that plant's fuel, not its power.
   */
  ownPowerRowT: Rational;
  ownPowerRowMwh: Rational;
}

/** Per-unit factors the flows are valued at; a factor absent here is not needed (or missing, already reported). */
export interface FlowFactors {
  /** The profile's grid factor, tCO2 per MWh. */
  grid?: Rational;
  /** Fossil heat, tCO2 per GJ. */
  heat?: Rational;
  /** Electricity energy coefficient, tce per MWh. */
  electricityTce?: Rational;
  /** Heat energy coefficient, tce per GJ. */
  heatTce?: Rational;
  /** The profile credits exports (annex 4's net inflow: Σ受入×Ef − Σ送出×Ef). */
  creditExports: boolean;
}

export interface FlowFigures {
  /** Certificates credited (MWh): the entity's share of min(certificates, grid). */
  creditedMwh: Rational;
  /** Green power (MWh) before the clean cap, and clean power (MWh) after it. */
  greenMwh: Rational;
  cleanMwh: Rational;
  electricityT: Rational;
  electricityTce: Rational;
  heatT: Rational;
  heatTce: Rational;
  cleanHeatGj: Rational;
  /** Clean electricity and clean heat, tce. */
  cleanTce: Rational;
}

/** The share `part / whole` of `amount` (0 when nothing was entered). */
const share = (part: Rational, whole: Rational, amount: Rational): Rational => (whole.isZero() || part.isZero() ? R0 : amount.mul(part).div(whole));

/** The figures of `f` (an entity's flows, or the boundary's) given the boundary balances. */
export function flowFigures(f: Flows, eb: ElectricityBalance, k: FlowFactors): FlowFigures {
  const e = f.elec,
    h = f.heat;
  const creditedMwh = share(e.green_certificate, eb.flows.green_certificate, eb.credited);
  const greenMwh = e.green_trade.add(e.direct_green).add(e.onsite_renewable).sub(e.export_renewable).add(creditedMwh);
  const cleanMwh = eb.cleanCapped ? share(greenMwh, eb.green, eb.clean) : greenMwh;
  // CO2: grid rows at their own factor or the profile's; credited certificates and (where credited) exports at the profile's
  const atGridFactor = e.grid
    .sub(f.gridRowMwh)
    .sub(creditedMwh)
    .sub(k.creditExports ? e.export : R0);
  const electricityT = f.gridRowT.add(k.grid ? atGridFactor.mul(k.grid) : R0);
  const atHeatFactor = h.purchased.sub(f.heatRowGj).sub(k.creditExports ? h.export : R0);
  const heatT = f.heatRowT.add(k.heat ? atHeatFactor.mul(k.heat) : R0);
  // energy: output deducted, own fossil generation adds nothing (its fuel is counted)
  const energyMwh = e.grid.add(e.green_trade).add(e.direct_green).add(e.onsite_renewable).sub(e.export).sub(e.export_renewable);
  const energyGj = h.purchased.add(h.purchased_renewable).add(h.onsite_renewable).sub(h.export).sub(h.export_renewable);
  const cleanHeatGj = h.purchased_renewable.add(h.onsite_renewable).sub(h.export_renewable);
  const eTce = k.electricityTce ?? R0,
    hTce = k.heatTce ?? R0;
  return {
    creditedMwh,
    greenMwh,
    cleanMwh,
    electricityT,
    electricityTce: energyMwh.mul(eTce),
    heatT,
    heatTce: energyGj.mul(hTce),
    cleanHeatGj,
    cleanTce: cleanMwh.mul(eTce).add(cleanHeatGj.mul(hTce)),
  };
}

/** True when `f` has a flow that any figure is valued on (so an entity with none gets no balance lines). */
export const hasFlows = (f: Flows): boolean => Object.values(f.elec).some((x) => !x.isZero()) || Object.values(f.heat).some((x) => !x.isZero());
