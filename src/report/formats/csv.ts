/** The report as CSV: one row per indicator, Excel-safe (UTF-8 BOM, formula injection defused). */
import type { Report } from '../types.js';
import { csvFile } from '../escape.js';
import type { RenderOptions, ReportFormat } from './format.js';

export function renderCsv(r: Report, opts: RenderOptions): string {
  return renderCsvMany([r], opts);
}

/** Several reports as one table (one BOM, one header): each row names its submission. */
/**
 * A threshold's comparison is one of the pack schema's operators, never user text: written as it is (`==`, `>=`),
 * not defused into `'==` as a user value starting with `=` is.
 */
const OPS = new Set(['<=', '>=', '<', '>', '==']);
const OP_COLUMN = 8;

export function renderCsvMany(reports: readonly Report[], _opts: RenderOptions): string {
  const head = [
    'submission',
    'profile',
    'year',
    'indicator',
    'name',
    'name_zh',
    'value',
    'unit',
    'op',
    'threshold',
    'basis',
    'status',
    'core',
    'weight',
    'points',
    'reason',
  ];
  const rows = reports.flatMap((r) => [
    ...r.indicators.map((i) => [
      r.submission.id,
      r.submission.profile,
      r.submission.year,
      i.id,
      i.name,
      i.name_zh,
      i.value,
      i.unit,
      i.threshold?.op ?? null,
      i.threshold?.value ?? null,
      i.threshold?.basis ?? null,
      i.status,
      i.core,
      i.weight,
      i.points,
      i.reason ?? null,
    ]),
    // one row per good (EU CBAM): its SEE, the rest of its figures in the reason column; unscored
    ...(r.goods ?? []).map((g) => [
      r.submission.id,
      r.submission.profile,
      r.submission.year,
      `good.${g.id}`,
      g.name,
      g.name,
      g.see_total,
      'tCO2e/t',
      null,
      null,
      null,
      g.see_total === null ? 'missing' : 'pass',
      false,
      0,
      0,
      `CN ${g.cn_code}; ${g.category}; produced ${g.produced_t} t; SEE direct ${g.see_direct ?? '—'}, indirect ${g.see_indirect ?? '—'}; chargeable ${g.chargeable_see ?? '—'}; embedded ${g.embedded_t ?? '—'} t; communicated share ${g.communicated_share ?? '—'}`,
    ]),
    // the avoided-emissions memo ledger: never netted
    ...(r.emissions.avoided_t
      ? [
          [
            r.submission.id,
            r.submission.profile,
            r.submission.year,
            'memo.avoided_t',
            'avoided emissions (memo, not netted)',
            '避免排放（备忘项，不抵扣）',
            r.emissions.avoided_t,
            'tCO2e',
            null,
            null,
            null,
            'memo',
            false,
            0,
            0,
            r.emissions.avoided_note ?? null,
          ],
        ]
      : []),
  ]);
  return csvFile([head, ...rows], (t, j) => j === OP_COLUMN && OPS.has(t));
}

export const csv: ReportFormat = { name: 'csv', extensions: ['.csv'], render: renderCsv, renderMany: renderCsvMany };
