/** The report as CSV: one row per indicator, Excel-safe (UTF-8 BOM, formula injection defused). */
import type { Report } from '../types.js';
import { csvCell } from '../escape.js';
import type { RenderOptions, ReportFormat } from './format.js';

export function renderCsv(r: Report, opts: RenderOptions): string {
  return renderCsvMany([r], opts);
}

/** Several reports as one table (one BOM, one header): each row names its submission. */
export function renderCsvMany(reports: readonly Report[], _opts: RenderOptions): string {
  const head = ['submission', 'profile', 'year', 'indicator', 'name', 'name_zh', 'value', 'unit', 'op', 'threshold', 'basis', 'status', 'core', 'weight', 'points', 'reason'];
  const rows = reports.flatMap((r) => r.indicators.map((i) => [r.submission.id, r.submission.profile, r.submission.year, i.id, i.name, i.name_zh, i.value, i.unit, i.threshold?.op ?? null, i.threshold?.value ?? null, i.threshold?.basis ?? null, i.status, i.core, i.weight, i.points, i.reason ?? null]));
  return `\ufeff${[head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const csv: ReportFormat = { name: 'csv', extensions: ['.csv'], render: renderCsv, renderMany: renderCsvMany };
