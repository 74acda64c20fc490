/** The trend contract (schemas/trend.schema.json, `zcpark-trend/1`): what every trend renderer reads. */
import type { ReportIndicator, ReportWarning } from '../types.js';

/**
 * Why a change or a target's progress has no value, as a stable code and its arguments: the human formats word it in
 * the language asked for (report/i18n.ts `trendWhy`); the `reason`/`missing` text beside it is its English wording.
 */
export type TrendWhy =
  | { code: 'no_value' | 'zero_base'; args: { figure: ChangeFigure; year: number } }
  | { code: 'price_years_differ'; args: { from_year: number; from_price_year: number | null; to_year: number; to_price_year: number | null } }
  | { code: 'target_year_not_after_base'; args: { target_year: number; base_year: number } }
  | { code: 'reduction_above_100'; args: Record<string, never> };

/** A relative change (−0.05 = 5 % lower); null where there is no base, with the reason when it is not simply the first year. */
export interface TrendChange {
  yoy: number | null;
  cumulative: number | null;
  missing?: { yoy?: string; cumulative?: string };
  missing_why?: { yoy?: TrendWhy; cumulative?: TrendWhy };
}

/** The figures whose changes are given, in this order. */
export const CHANGE_FIGURES = ['energy_total_tce', 'feedstock_tce', 'gross_t', 'energy_t', 'net_t', 'carbon_intensity', 'energy_intensity'] as const;
export type ChangeFigure = (typeof CHANGE_FIGURES)[number];

export interface TrendYear {
  year: number;
  file: string;
  energy_total_tce: number;
  feedstock_tce: number;
  gross_t: number;
  energy_t: number;
  net_t: number;
  clean_share: number | null;
  nonfossil_share: number | null;
  /** The energy mix: tce by category (fuel, transport, electricity, heat). */
  energy_by_category: Record<string, number>;
  /** The economy figure both intensities divide by (economy.gdp; economy.industrial_added_value for a park pack). */
  gdp: { value_10k_cny: number; price_year: number | null; field: string } | null;
  /** t/万元: the emissions figure named by `intensity.emissions` per 10,000 CNY. */
  carbon_intensity: number | null;
  /** tce/万元: energy_total_tce − feedstock_tce per 10,000 CNY. */
  energy_intensity: number | null;
  changes: Record<ChangeFigure, TrendChange>;
  indicators: ReportIndicator[];
  score: number | null;
  grade: string | null;
  verdict: 'pass' | 'fail' | 'incomplete';
}

export interface TrendTargetYear {
  year: number;
  expected: number;
  actual: number | null;
  gap: number | null;
  status: 'on_track' | 'behind' | 'missing';
  reason?: string;
  why?: TrendWhy;
}

export interface TrendTarget {
  id: string;
  /** The intensity the target's cut is measured on. */
  figure: 'carbon_intensity' | 'energy_intensity';
  value: number;
  year: number;
  /** The submission the target was read from (the latest year's). */
  file: string;
  by_year: TrendTargetYear[];
  reason?: string;
  why?: TrendWhy;
}

export interface Trend {
  format: 'zcpark-trend/1';
  tool: { name: 'zcpark'; version: string };
  entity: { id: string; name: string; type: string; region: string | null };
  profile: string;
  profile_title: string;
  /** The pack's Chinese title, where it has one. */
  profile_title_zh?: string;
  base_year: number;
  /** null: each year with its own factor vintage; a year: every year with that year's vintage (--factors-year). */
  factors_year: number | null;
  /** What the intensities divide: the emissions figure, the energy figure, the economy field. */
  intensity: { emissions: string; energy: string; economy: string };
  years: TrendYear[];
  targets: TrendTarget[];
  peak: { year: number; gross_t: number; status: 'peaked' | 'not_yet' | 'insufficient' };
  /** The method of the expected path's fractional power. */
  method: { expected_path: string };
  warnings: ReportWarning[];
}
