/**
 * The table of accounting figures: each output named once, with its unit, its place in the JSON report
 * and its formula. Rule-pack formula names, the report builder and the trace all read this table, so a
 * formula name and the report field it stands for cannot drift apart.
 */
import { Rational } from '../model/rational.js';
import type { AccountResult } from './result.js';

export interface Figure {
  /** The name rule-pack formulas use. */
  name: string;
  unit: 'tce' | 'tCO2' | 'MWh' | 'GJ' | 'ratio';
  /** Dotted path in the JSON report. */
  path: string;
  /** How the figure is made, in words a reviewer can check (shown by --explain). */
  formula: string;
  /** Older formula names that still read this figure. */
  aliases?: string[];
  /** Undefined when the figure has no value (a share of nothing). */
  value: (a: AccountResult) => Rational | undefined;
}

const ratio = (num: Rational, den: Rational): Rational | undefined => (den.isZero() ? undefined : num.div(den));
const cat = (a: AccountResult, c: 'fuel' | 'transport' | 'electricity' | 'heat' | 'process' | 'waste') => a.co2ByCategory.get(c)!;
const tceOf = (a: AccountResult, c: 'fuel' | 'transport' | 'electricity' | 'heat') => a.energyByCategory.get(c)!;
/** Clean energy without natural gas and LNG, whatever the profile's definition of clean. */
const nonFossil = (a: AccountResult) => a.energyCleanTce.sub(a.cleanIncludesGas ? a.energyGasTce : Rational.ZERO);

export const FIGURES: readonly Figure[] = [
  {
    name: 'energy_total_tce',
    unit: 'tce',
    path: 'energy.total_tce',
    formula: 'fuel_tce + transport_tce + electricity_tce + heat_tce (feedstock included)',
    value: (a) => a.energyTotalTce,
  },
  {
    name: 'energy_clean_tce',
    unit: 'tce',
    path: 'energy.clean_tce',
    formula: 'clean electricity + clean heat + clean fuels (natural gas and LNG where the profile counts them)',
    value: (a) => a.energyCleanTce,
  },
  {
    name: 'clean_share',
    unit: 'ratio',
    path: 'energy.clean_share',
    formula: 'energy_clean_tce / energy_total_tce',
    value: (a) => ratio(a.energyCleanTce, a.energyTotalTce),
  },
  { name: 'energy_nonfossil_tce', unit: 'tce', path: 'energy.nonfossil_tce', formula: 'energy_clean_tce without natural gas and LNG', value: nonFossil },
  {
    name: 'nonfossil_share',
    unit: 'ratio',
    path: 'energy.nonfossil_share',
    formula: 'energy_nonfossil_tce / energy_total_tce',
    value: (a) => ratio(nonFossil(a), a.energyTotalTce),
  },
  {
    name: 'feedstock_tce',
    unit: 'tce',
    path: 'energy.feedstock_tce',
    formula: 'Σ fuel rows used as feedstock (use: feedstock): quantity × standard-coal coefficient',
    value: (a) => a.feedstockTce,
  },
  {
    name: 'energy_fuel_tce',
    unit: 'tce',
    path: 'energy.by_category.fuel',
    formula: 'Σ fuel rows: quantity × standard-coal coefficient',
    value: (a) => tceOf(a, 'fuel'),
  },
  {
    name: 'energy_transport_tce',
    unit: 'tce',
    path: 'energy.by_category.transport',
    formula: 'Σ transport rows: quantity × standard-coal coefficient',
    value: (a) => tceOf(a, 'transport'),
  },
  {
    name: 'energy_electricity_tce',
    unit: 'tce',
    path: 'energy.by_category.electricity',
    formula: '(grid + green_trade + direct_green + onsite_renewable − export − export_renewable) MWh × electricity coefficient',
    value: (a) => tceOf(a, 'electricity'),
  },
  {
    name: 'energy_heat_tce',
    unit: 'tce',
    path: 'energy.by_category.heat',
    formula: '(purchased + purchased_renewable + onsite_renewable − export − export_renewable) GJ × heat coefficient',
    value: (a) => tceOf(a, 'heat'),
  },
  {
    name: 'electricity_mwh',
    unit: 'MWh',
    path: 'energy.electricity.consumed_mwh',
    formula: 'grid + green_trade + direct_green + onsite_renewable + onsite_fossil − export − export_renewable',
    value: (a) => a.electricity.consumed,
  },
  { name: 'grid_mwh', unit: 'MWh', path: 'energy.electricity.grid_mwh', formula: 'Σ electricity/grid rows', value: (a) => a.electricity.flows.grid },
  {
    name: 'green_trade_mwh',
    unit: 'MWh',
    path: 'energy.electricity.green_trade_mwh',
    formula: 'Σ electricity/green_trade rows',
    value: (a) => a.electricity.flows.green_trade,
  },
  {
    name: 'direct_green_mwh',
    unit: 'MWh',
    path: 'energy.electricity.direct_green_mwh',
    formula: 'Σ electricity/direct_green rows',
    value: (a) => a.electricity.flows.direct_green,
  },
  {
    name: 'onsite_renewable_mwh',
    unit: 'MWh',
    path: 'energy.electricity.onsite_renewable_mwh',
    formula: 'Σ electricity/onsite_renewable rows',
    value: (a) => a.electricity.flows.onsite_renewable,
  },
  {
    name: 'onsite_fossil_mwh',
    unit: 'MWh',
    path: 'energy.electricity.onsite_fossil_mwh',
    formula: 'Σ electricity/onsite_fossil rows',
    value: (a) => a.electricity.flows.onsite_fossil,
  },
  { name: 'export_mwh', unit: 'MWh', path: 'energy.electricity.export_mwh', formula: 'Σ electricity/export rows', value: (a) => a.electricity.flows.export },
  {
    name: 'export_renewable_mwh',
    unit: 'MWh',
    path: 'energy.electricity.export_renewable_mwh',
    formula: 'Σ electricity/export_renewable rows',
    value: (a) => a.electricity.flows.export_renewable,
  },
  {
    name: 'green_certificate_mwh',
    unit: 'MWh',
    path: 'energy.electricity.green_certificate_mwh',
    formula: 'Σ electricity/green_certificate rows',
    value: (a) => a.electricity.flows.green_certificate,
  },
  {
    name: 'credited_certificate_mwh',
    unit: 'MWh',
    path: 'energy.electricity.credited_certificate_mwh',
    formula: 'min(green_certificate, grid)',
    value: (a) => a.electricity.credited,
  },
  {
    name: 'green_mwh',
    unit: 'MWh',
    path: 'energy.electricity.green_mwh',
    formula: 'green_trade + direct_green + onsite_renewable − export_renewable + credited certificates',
    value: (a) => a.electricity.green,
  },
  {
    name: 'green_electricity_mwh',
    unit: 'MWh',
    path: 'energy.electricity.green_consumed_mwh',
    formula: 'min(green_mwh, electricity_mwh)',
    value: (a) => a.electricity.clean,
  },
  {
    name: 'heat_gj',
    unit: 'GJ',
    path: 'energy.heat.consumed_gj',
    formula: 'purchased + purchased_renewable + onsite_renewable + onsite_fossil − export − export_renewable',
    value: (a) => a.heat.consumed,
  },
  { name: 'heat_purchased_gj', unit: 'GJ', path: 'energy.heat.purchased_gj', formula: 'Σ heat/purchased rows', value: (a) => a.heat.flows.purchased },
  {
    name: 'heat_purchased_renewable_gj',
    unit: 'GJ',
    path: 'energy.heat.purchased_renewable_gj',
    formula: 'Σ heat/purchased_renewable rows',
    value: (a) => a.heat.flows.purchased_renewable,
  },
  {
    name: 'heat_onsite_renewable_gj',
    unit: 'GJ',
    path: 'energy.heat.onsite_renewable_gj',
    formula: 'Σ heat/onsite_renewable rows',
    aliases: ['heat_renewable_gj'],
    value: (a) => a.heat.flows.onsite_renewable,
  },
  {
    name: 'heat_onsite_fossil_gj',
    unit: 'GJ',
    path: 'energy.heat.onsite_fossil_gj',
    formula: 'Σ heat/onsite_fossil rows',
    value: (a) => a.heat.flows.onsite_fossil,
  },
  { name: 'heat_export_gj', unit: 'GJ', path: 'energy.heat.export_gj', formula: 'Σ heat/export rows', value: (a) => a.heat.flows.export },
  {
    name: 'heat_export_renewable_gj',
    unit: 'GJ',
    path: 'energy.heat.export_renewable_gj',
    formula: 'Σ heat/export_renewable rows',
    value: (a) => a.heat.flows.export_renewable,
  },
  {
    name: 'heat_clean_gj',
    unit: 'GJ',
    path: 'energy.heat.clean_gj',
    formula: 'purchased_renewable + onsite_renewable − export_renewable',
    value: (a) => a.heat.clean,
  },
  {
    name: 'fuel_t',
    unit: 'tCO2',
    path: 'emissions.fuel_t',
    formula: 'Σ fuel rows used as fuel: quantity × CO2 factor (feedstock rows: none)',
    value: (a) => cat(a, 'fuel'),
  },
  {
    name: 'electricity_t',
    unit: 'tCO2',
    path: 'emissions.electricity_t',
    formula:
      '(grid − credited certificates) MWh × grid factor (grid rows with a row factor at their own), − export × grid factor where the profile credits exports',
    value: (a) => cat(a, 'electricity'),
  },
  {
    name: 'heat_t',
    unit: 'tCO2',
    path: 'emissions.heat_t',
    formula: 'purchased GJ × heat factor (rows with a row factor at their own), − export × heat factor where the profile credits exports; non-fossil heat 0',
    value: (a) => cat(a, 'heat'),
  },
  { name: 'process_t', unit: 'tCO2', path: 'emissions.process_t', formula: 'Σ process rows', value: (a) => cat(a, 'process') },
  { name: 'transport_t', unit: 'tCO2', path: 'emissions.transport_t', formula: 'Σ transport rows: quantity × CO2 factor', value: (a) => cat(a, 'transport') },
  { name: 'waste_t', unit: 'tCO2', path: 'emissions.waste_t', formula: 'Σ waste rows', value: (a) => cat(a, 'waste') },
  { name: 'energy_t', unit: 'tCO2', path: 'emissions.energy_t', formula: 'fuel_t + transport_t + electricity_t + heat_t', value: (a) => a.energyT },
  { name: 'gross_t', unit: 'tCO2', path: 'emissions.gross_t', formula: 'energy_t + process_t + waste_t', value: (a) => a.grossT },
  { name: 'sinks_t', unit: 'tCO2', path: 'emissions.sinks_t', formula: 'Σ sink rows', value: (a) => a.sinksT },
  { name: 'offsets_t', unit: 'tCO2', path: 'emissions.offsets_t', formula: 'Σ offset rows', value: (a) => a.offsetsT },
  { name: 'net_t', unit: 'tCO2', path: 'emissions.net_t', formula: 'gross_t − sinks_t − offsets_t', value: (a) => a.netT },
  {
    name: 'avoided_t',
    unit: 'tCO2',
    path: 'emissions.avoided_t',
    formula: 'Σ avoided rows (tonnes given, or quantity × row factor): a memo ledger, never subtracted from gross_t or net_t',
    value: (a) => a.avoidedT,
  },
];

/** The aggregates of CO2 figures, so a figure that holds CO2e makes every aggregate above it hold CO2e too. */
const AGGREGATES: [string, string[]][] = [
  ['energy_t', ['fuel_t', 'transport_t', 'electricity_t', 'heat_t']],
  ['gross_t', ['energy_t', 'process_t', 'waste_t']],
  ['net_t', ['gross_t', 'sinks_t', 'offsets_t']],
];

/** The emissions figures that hold tonnes entered in CO2e units (other gases at their GWP), in report order. */
export function co2eFigures(a: AccountResult): string[] {
  const holds = new Set([...a.co2e].filter(([, t]) => !t.isZero()).map(([f]) => f));
  for (const [agg, parts] of AGGREGATES) if (parts.some((p) => holds.has(p))) holds.add(agg);
  return FIGURES.filter((f) => f.unit === 'tCO2' && holds.has(f.name)).map((f) => f.name);
}

/** Every name a formula may use for a figure of the table (aliases included). */
export const FIGURE_NAMES: readonly string[] = FIGURES.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
