/** The trend as CSV: one row per year (Excel-safe: UTF-8 BOM, formula injection defused). */
import type { Trend } from './types.js';
import { CHANGE_FIGURES } from './types.js';
import { csvFile } from '../escape.js';
import type { TrendFormat } from './common.js';

export const name = 'csv';
export const extensions = ['.csv'] as const;

export function render(t: Trend): string {
  const ids = t.years[t.years.length - 1]!.indicators.map((i) => i.id);
  const head = [
    'entity',
    'profile',
    'base_year',
    'factors_year',
    'year',
    'file',
    'energy_total_tce',
    'feedstock_tce',
    'gross_t',
    'energy_t',
    'net_t',
    'clean_share',
    'nonfossil_share',
    'gdp_10k_cny',
    'gdp_price_year',
    'carbon_intensity',
    'energy_intensity',
    ...CHANGE_FIGURES.flatMap((k) => [`${k}_yoy`, `${k}_cumulative`]),
    ...t.targets.flatMap((g) => [`${g.id}_expected`, `${g.id}_actual`, `${g.id}_gap`, `${g.id}_status`]),
    ...ids.flatMap((id) => [`${id}`, `${id}_status`]),
    'score',
    'grade',
    'verdict',
    'peak_year',
    'peak_status',
  ];
  const rows = t.years.map((y) => [
    t.entity.id,
    t.profile,
    t.base_year,
    t.factors_year,
    y.year,
    y.file,
    y.energy_total_tce,
    y.feedstock_tce,
    y.gross_t,
    y.energy_t,
    y.net_t,
    y.clean_share,
    y.nonfossil_share,
    y.gdp?.value_10k_cny ?? null,
    y.gdp?.price_year ?? null,
    y.carbon_intensity,
    y.energy_intensity,
    ...CHANGE_FIGURES.flatMap((k) => [
      y.changes[k].yoy ?? (y.changes[k].missing?.yoy ? 'missing' : null),
      y.changes[k].cumulative ?? (y.changes[k].missing?.cumulative ? 'missing' : null),
    ]),
    ...t.targets.flatMap((g) => {
      const b = g.by_year.find((v) => v.year === y.year);
      return b ? [b.expected, b.actual, b.gap, b.status] : [null, null, null, null];
    }),
    ...ids.flatMap((id) => {
      const i = y.indicators.find((v) => v.id === id);
      return i ? [i.value, i.status] : [null, null];
    }),
    y.score,
    y.grade,
    y.verdict,
    t.peak.year,
    t.peak.status,
  ]);
  return csvFile([head, ...rows]);
}

export const format: TrendFormat = { name, extensions, render };
