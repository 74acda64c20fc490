/** The batch summary as CSV: one row per submission. */
import { rankOrder } from '../batch.js';
import { csvFile } from '../escape.js';
import { firstError, type BatchView, type SummaryFormat } from './format.js';

/**
 * One row per submission in rank order (invalid ones last), UTF-8 with a BOM so Excel opens Chinese names correctly:
 * rank, region, total tce, the core indicators' values, every indicator's status (the indicator × park matrix)
 * and the codes of each submission's warnings.
 */
export function renderBatchCsv(v: BatchView): string {
  const coreIds = [...new Set(v.entries.flatMap((e) => e.core.map((c) => c.id)))].sort();
  const order = rankOrder(v.entries, v.summary.rank_by);
  const rankOf = new Map<number, number>();
  order.forEach((i, k) => rankOf.set(i, v.summary.ranking[k]!.rank));
  const allIds = [...new Set(order.flatMap((i) => v.entries[i]!.statuses.map((x) => x.id)))].filter((id) => !coreIds.includes(id));
  const head = [
    'rank',
    'file',
    'row',
    'id',
    'name',
    'profile',
    'type',
    'region',
    'total_tce',
    'verdict',
    'score',
    'grade',
    ...coreIds.flatMap((id) => [`${id}`, `${id}_status`]),
    ...allIds.map((id) => `${id}_status`),
    'failed_indicators',
    'warnings',
    'warning_codes',
    'error',
  ];
  const lines: unknown[][] = [head];
  for (const i of order) {
    const e = v.entries[i]!;
    const core = coreIds.flatMap((id) => {
      const c = e.core.find((x) => x.id === id);
      return [c?.value ?? null, c?.status ?? null];
    });
    const rest = allIds.map((id) => e.statuses.find((x) => x.id === id)?.status ?? null);
    lines.push([
      rankOf.get(i)!,
      e.file,
      e.row ?? null,
      e.id,
      e.name,
      e.profile,
      e.type,
      e.region,
      e.total_tce,
      e.verdict,
      e.score,
      e.grade,
      ...core,
      ...rest,
      e.failed.join(' '),
      e.warnings,
      e.warning_codes.join(' '),
      null,
    ]);
  }
  for (const e of v.errors) {
    lines.push([
      null,
      e.file,
      e.row ?? null,
      null,
      null,
      null,
      null,
      null,
      null,
      'invalid',
      null,
      null,
      ...coreIds.flatMap(() => [null, null]),
      ...allIds.map(() => null),
      null,
      null,
      null,
      firstError(e),
    ]);
  }
  return csvFile(lines);
}

export const csv: SummaryFormat = { name: 'csv', extensions: ['.csv'], summaryExtension: 'csv', render: renderBatchCsv };
