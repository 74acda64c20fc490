/** The report as CSV: one row per indicator, Excel-safe (UTF-8 BOM, formula injection defused). */
import type { Report } from '../types.js';
import { csvCell } from './batch.js';
import type { RenderOptions } from './index.js';

export function renderCsv(r: Report, _opts: RenderOptions): string {
  const head = ['submission', 'profile', 'year', 'indicator', 'name', 'name_zh', 'value', 'unit', 'op', 'threshold', 'basis', 'status', 'core', 'weight', 'points', 'reason'];
  const rows = r.indicators.map((i) => [r.submission.id, r.submission.profile, r.submission.year, i.id, i.name, i.name_zh, i.value, i.unit, i.threshold?.op ?? null, i.threshold?.value ?? null, i.threshold?.basis ?? null, i.status, i.core, i.weight, i.points, i.reason ?? null]);
  return `\ufeff${[head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
