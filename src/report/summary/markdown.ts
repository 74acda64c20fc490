/** The batch summary as GitHub-flavoured Markdown. */
import { num } from '../formats/display.js';
import { mdCode, mdText } from '../escape.js';
import { label, type LabelKey } from '../i18n.js';
import { where, type BatchView, type SummaryFormat } from './format.js';

/** A reviewer's summary: counts, ranking, core-indicator spread, most failed indicators, broken inputs. */
export function renderBatchMarkdown(v: BatchView): string {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(v.lang ?? 'en', k, a);
  const s = v.summary;
  const esc = (x: unknown) => (x === null || x === undefined ? '—' : mdText(x));
  const out = [
    `# ${L('batch_title', { n: s.total })}`,
    '',
    `| ${L('pass')} | ${L('fail')} | ${L('incomplete')} | ${v.lang === 'zh' ? '无效' : 'invalid'} |`,
    `|---:|---:|---:|---:|`,
    `| ${s.pass} | ${s.fail} | ${s.incomplete} | ${s.invalid} |`,
    '',
  ];
  out.push(
    `## ${L('ranking')}`,
    '',
    `| ${L('rank')} | id | ${L('name')} | ${L('score')} | ${L('grade')} | ${L('verdict')} | ${L('source')} |`,
    '|---:|---|---|---:|---|---|---|',
  );
  for (const r of s.ranking)
    out.push(
      `| ${r.rank} | ${esc(r.id)} | ${esc(r.name)} | ${r.score === null ? '—' : num(r.score, 1)} | ${esc(r.grade)} | ${L(r.verdict as LabelKey)} | ${esc(where(r))} |`,
    );
  const dist = Object.entries(s.core_distribution);
  if (dist.length) {
    out.push('', `## ${L('core_indicators')}`, '', `| ${L('indicator')} | n | min | p25 | median | p75 | max |`, '|---|---:|---:|---:|---:|---:|---:|');
    for (const [id, d] of dist)
      out.push(`| ${esc(id)} | ${d.n} | ${num(d.min, 4)} | ${num(d.p25, 4)} | ${num(d.median, 4)} | ${num(d.p75, 4)} | ${num(d.max, 4)} |`);
  }
  if (s.most_failed.length) {
    out.push('', `## ${L('most_failed')}`, '', `| ${L('indicator')} | ${L('submissions')} |`, '|---|---:|');
    for (const f of s.most_failed) out.push(`| ${esc(f.id)} | ${f.count} |`);
  }
  if (v.errors.length) {
    out.push('', `## ${L('invalid_inputs')}`, '');
    for (const e of v.errors)
      for (const d of e.errors)
        out.push(
          `- ${mdCode(`${d.file ?? e.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field ? ` [${d.field}]` : ''}`)} ${esc(d.code)}: ${esc(d.message)}`,
        );
  }
  return `${out.join('\n')}\n`;
}

export const markdown: SummaryFormat = {
  name: 'markdown',
  extensions: ['.md'],
  summaryExtension: 'md',
  perReport: { format: 'markdown', extension: 'md' },
  render: renderBatchMarkdown,
};
