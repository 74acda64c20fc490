/** The batch summary as CSV: one row per submission. */
import { csvCell } from '../escape.js';
import { firstError, type BatchView, type SummaryFormat } from './format.js';

/** One row per submission (invalid ones too), UTF-8 with a BOM so Excel opens Chinese names correctly. */
export function renderBatchCsv(v: BatchView): string {
  const coreIds = [...new Set(v.entries.flatMap((e) => e.core.map((c) => c.id)))].sort();
  const head = ['file', 'row', 'id', 'name', 'profile', 'type', 'verdict', 'score', 'grade', ...coreIds.flatMap((id) => [`${id}`, `${id}_status`]), 'failed_indicators', 'warnings', 'error'];
  const lines = [head.map(csvCell).join(',')];
  for (const e of v.entries) {
    const core = coreIds.flatMap((id) => {
      const c = e.core.find((x) => x.id === id);
      return [c?.value ?? null, c?.status ?? null];
    });
    lines.push([e.file, e.row ?? null, e.id, e.name, e.profile, e.type, e.verdict, e.score, e.grade, ...core, e.failed.join(' '), e.warnings, null].map(csvCell).join(','));
  }
  for (const e of v.errors) {
    lines.push([e.file, e.row ?? null, null, null, null, null, 'invalid', null, null, ...coreIds.flatMap(() => [null, null]), null, null, firstError(e)].map(csvCell).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export const csv: SummaryFormat = { name: 'csv', extensions: ['.csv'], summaryExtension: 'csv', render: renderBatchCsv };
