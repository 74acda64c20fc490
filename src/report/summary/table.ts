/** The batch summary as terminal tables (cli-table3 + chalk). */
import { Chalk } from 'chalk';
import { num } from '../formats/display.js';
import { DEFAULT_WIDTH, fitTable } from '../formats/fit.js';
import { mapStrings, termText } from '../escape.js';
import { label, type LabelKey } from '../i18n.js';
import type { BatchView, SummaryFormat } from './format.js';

/** The terminal view. */
export function renderBatchTable(view: BatchView, color: boolean): string {
  // every user value (ids, names, files, messages) shown with its controls escaped: see ../escape.ts
  const v = { ...view, summary: mapStrings(view.summary, termText), errors: mapStrings(view.errors, termText) };
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(v.lang ?? 'en', k, a);
  const zh = v.lang === 'zh';
  const c = new Chalk({ level: color ? 1 : 0 });
  const style = { head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true };
  const s = v.summary;
  const lines = [
    zh
      ? c.bold(L('batch_counts', { n: s.total, pass: s.pass, fail: s.fail, incomplete: s.incomplete, invalid: s.invalid }))
      : c.bold(
          `${s.total} submissions: ${c.green(`${s.pass} pass`)}, ${c.red(`${s.fail} fail`)}, ${c.yellow(`${s.incomplete} incomplete`)}, ${s.invalid ? c.red(`${s.invalid} invalid`) : '0 invalid'}`,
        ),
  ];
  const shown = s.ranking.slice(0, 50);
  const rows = shown.map((r) => [
    String(r.rank),
    r.id,
    r.name,
    r.score === null ? '—' : num(r.score, 1),
    r.grade ?? '—',
    r.verdict === 'pass' ? c.green(L('pass')) : r.verdict === 'fail' ? c.red(L('fail')) : c.yellow(L('incomplete')),
  ]);
  if (shown.length)
    lines.push(
      fitTable(['#', 'id', L('name'), L('score'), L('grade'), L('verdict')], rows, {
        total: v.width ?? DEFAULT_WIDTH,
        flex: 2,
        colAligns: ['right', 'left', 'left', 'right', 'left', 'left'],
        style,
      }),
    );
  if (s.ranking.length > shown.length) lines.push(c.dim(L('more_ranked', { n: s.ranking.length - shown.length })));
  for (const [id, d] of Object.entries(s.core_distribution))
    lines.push(`${id}: n=${d.n} min ${num(d.min, 4)} · p25 ${num(d.p25, 4)} · median ${num(d.median, 4)} · p75 ${num(d.p75, 4)} · max ${num(d.max, 4)}`);
  if (s.most_failed.length)
    lines.push(
      `${L('most_failed_inline')}: ${s.most_failed
        .slice(0, 5)
        .map((f) => `${f.id} (${f.count})`)
        .join(', ')}`,
    );
  if (v.errors.length) {
    lines.push(c.red(zh ? `${L('invalid_count', { n: v.errors.length })}：` : `${v.errors.length} invalid input${v.errors.length === 1 ? '' : 's'}:`));
    for (const e of v.errors)
      for (const d of e.errors)
        lines.push(
          `  ${c.bold(`${d.file ?? e.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field ? ` [${d.field}]` : ''}`)}  ${d.message}  ${c.dim(d.code)}`,
        );
  }
  return `${lines.join('\n')}\n`;
}

export const table: SummaryFormat = {
  name: 'table',
  extensions: ['.txt'],
  summaryExtension: 'txt',
  perReport: { format: 'table', extension: 'txt' },
  render: (v, opts) => renderBatchTable(v, opts.color),
};
