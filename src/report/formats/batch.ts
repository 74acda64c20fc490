/** Batch renderers: the summary of a run as a terminal table, JSON (zcpark-batch/1), CSV or Markdown. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { BatchEntry, BatchError, BatchSummary } from '../batch.js';
import { num } from './display.js';
import { STYLE } from './style.js';
import type { Lang } from '../../diagnostics/codes.js';
import { label, type LabelKey } from '../i18n.js';
import { xmlEscape } from './svg.js';
import { csvCell, jsonText, mapStrings, mdCode, mdText, termText } from '../escape.js';

export interface BatchView {
  summary: BatchSummary;
  entries: readonly BatchEntry[];
  errors: readonly BatchError[];
  /** Pretty JSON text of each report, in input order (only for the json format). */
  reportTexts?: readonly string[];
  /** File name of each entry's own report under --out-dir (parallel to entries), for links. */
  links?: readonly string[];
  lang?: Lang;
}

/** The batch summary as one self-contained HTML page: counts, a ranking linking each park's report, broken inputs. */
export function renderBatchHtml(v: BatchView): string {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(v.lang ?? 'en', k, a);
  const s = v.summary;
  const link = new Map<string, string>();
  v.entries.forEach((e, i) => {
    const l = v.links?.[i];
    if (l) link.set(`${e.file}|${e.row ?? ''}|${e.id}`, l);
  });
  const rows = s.ranking.map((r) => {
    const href = link.get(`${r.file}|${r.row ?? ''}|${r.id}`);
    const name = href ? `<a href="${xmlEscape(href)}">${xmlEscape(r.name)}</a>` : xmlEscape(r.name);
    return `<tr><td class="num">${r.rank}</td><td>${xmlEscape(r.id)}</td><td>${name}</td><td class="num">${r.score === null ? '—' : num(r.score, 1)}</td><td>${xmlEscape(r.grade ?? '—')}</td><td class="st-${r.verdict}">${L(r.verdict as LabelKey)}</td><td><small>${xmlEscape(where(r))}</small></td></tr>`;
  });
  const dist = Object.entries(s.core_distribution).map(([id, d]) => `<tr><td>${xmlEscape(id)}</td><td class="num">${d.n}</td><td class="num">${num(d.min, 4)}</td><td class="num">${num(d.median, 4)}</td><td class="num">${num(d.max, 4)}</td></tr>`);
  const errs = v.errors.flatMap((e) => e.errors.map((d) => `<li><code>${xmlEscape(`${d.file ?? e.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field ? ` [${d.field}]` : ''}`)}</code> ${xmlEscape(d.code)}: ${xmlEscape(d.message)}</li>`));
  return `<!doctype html>
<html lang="${v.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${L('batch_title', { n: s.total })}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${L('batch_title', { n: s.total })}</h1>
<p>${xmlEscape(L('batch_counts', { n: s.total, pass: s.pass, fail: s.fail, incomplete: s.incomplete, invalid: s.invalid }))}</p>
<h2>${L('ranking')}</h2>
<table><thead><tr><th class="num">${L('rank')}</th><th>id</th><th>${L('name')}</th><th class="num">${L('score')}</th><th>${L('grade')}</th><th>${L('verdict')}</th><th>${L('source')}</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${dist.length ? `<h2>${L('core_indicators')}</h2><table><thead><tr><th>${L('indicator')}</th><th class="num">n</th><th class="num">min</th><th class="num">median</th><th class="num">max</th></tr></thead><tbody>${dist.join('')}</tbody></table>` : ''}
${s.most_failed.length ? `<h2>${L('most_failed')}</h2><ul>${s.most_failed.map((f) => `<li>${xmlEscape(f.id)}: ${f.count}</li>`).join('')}</ul>` : ''}
${errs.length ? `<h2>${L('invalid_inputs')}</h2><ul>${errs.join('')}</ul>` : ''}
</body>
</html>
`;
}

const where = (e: { file: string; row?: number }) => `${e.file}${e.row !== undefined ? `:${e.row}` : ''}`;
const firstError = (e: BatchError) => {
  const d = e.errors[0];
  return d ? `${d.code}${d.field ? ` [${d.field}]` : ''}: ${d.message}` : '';
};

/**
 * `{ format, summary, results, errors }`, the report texts spliced in with their indentation, piece by piece (one
 * report at a time) so a caller can write 10,000 reports (170 MB) without building the whole text: joined into one
 * string, with each report split into lines to indent it, the run peaked at 1.5 GB.
 */
export function* batchJsonChunks(v: BatchView): Generator<string> {
  const summary = jsonText(JSON.stringify(v.summary, null, 2)).replace(/\n/g, '\n  ');
  const errors = jsonText(JSON.stringify(v.errors, null, 2)).replace(/\n/g, '\n  ');
  const texts = v.reportTexts ?? [];
  yield `{\n  "format": "zcpark-batch/1",\n  "summary": ${summary},\n  "results": [`;
  for (let i = 0; i < texts.length; i++) yield `${i ? ',' : ''}\n    ${texts[i]!.trimEnd().replace(/\n/g, '\n    ')}`;
  yield `${texts.length ? '\n  ' : ''}],\n  "errors": ${errors}\n}\n`;
}


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

/** A reviewer's summary: counts, ranking, core-indicator spread, most failed indicators, broken inputs. */
export function renderBatchMarkdown(v: BatchView): string {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(v.lang ?? 'en', k, a);
  const s = v.summary;
  const esc = (x: unknown) => (x === null || x === undefined ? '—' : mdText(x));
  const out = [`# ${L('batch_title', { n: s.total })}`, '', `| ${L('pass')} | ${L('fail')} | ${L('incomplete')} | ${v.lang === 'zh' ? '无效' : 'invalid'} |`, `|---:|---:|---:|---:|`, `| ${s.pass} | ${s.fail} | ${s.incomplete} | ${s.invalid} |`, ''];
  out.push(`## ${L('ranking')}`, '', `| ${L('rank')} | id | ${L('name')} | ${L('score')} | ${L('grade')} | ${L('verdict')} | ${L('source')} |`, '|---:|---|---|---:|---|---|---|');
  for (const r of s.ranking) out.push(`| ${r.rank} | ${esc(r.id)} | ${esc(r.name)} | ${r.score === null ? '—' : num(r.score, 1)} | ${esc(r.grade)} | ${L(r.verdict as LabelKey)} | ${esc(where(r))} |`);
  const dist = Object.entries(s.core_distribution);
  if (dist.length) {
    out.push('', `## ${L('core_indicators')}`, '', `| ${L('indicator')} | n | min | p25 | median | p75 | max |`, '|---|---:|---:|---:|---:|---:|---:|');
    for (const [id, d] of dist) out.push(`| ${esc(id)} | ${d.n} | ${num(d.min, 4)} | ${num(d.p25, 4)} | ${num(d.median, 4)} | ${num(d.p75, 4)} | ${num(d.max, 4)} |`);
  }
  if (s.most_failed.length) {
    out.push('', `## ${L('most_failed')}`, '', `| ${L('indicator')} | ${L('submissions')} |`, '|---|---:|');
    for (const f of s.most_failed) out.push(`| ${esc(f.id)} | ${f.count} |`);
  }
  if (v.errors.length) {
    out.push('', `## ${L('invalid_inputs')}`, '');
    for (const e of v.errors) for (const d of e.errors) out.push(`- ${mdCode(`${d.file ?? e.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field ? ` [${d.field}]` : ''}`)} ${esc(d.code)}: ${esc(d.message)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The terminal view. */
export function renderBatchTable(view: BatchView, color: boolean): string {
  // every user value (ids, names, files, messages) shown with its controls escaped: see ../escape.ts
  const v = { ...view, summary: mapStrings(view.summary, termText), errors: mapStrings(view.errors, termText) };
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(v.lang ?? 'en', k, a);
  const zh = v.lang === 'zh';
  const c = new Chalk({ level: color ? 1 : 0 });
  const style = { head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true };
  const s = v.summary;
  const lines = [zh ? c.bold(L('batch_counts', { n: s.total, pass: s.pass, fail: s.fail, incomplete: s.incomplete, invalid: s.invalid })) : c.bold(`${s.total} submissions: ${c.green(`${s.pass} pass`)}, ${c.red(`${s.fail} fail`)}, ${c.yellow(`${s.incomplete} incomplete`)}, ${s.invalid ? c.red(`${s.invalid} invalid`) : '0 invalid'}`)];
  const t = new Table({ head: ['#', 'id', L('name'), L('score'), L('grade'), L('verdict')], style, colAligns: ['right', 'left', 'left', 'right', 'left', 'left'], colWidths: [6, 24, 40, 8, 7, 12], wordWrap: true });
  const shown = s.ranking.slice(0, 50);
  for (const r of shown) t.push([String(r.rank), r.id, r.name, r.score === null ? '—' : num(r.score, 1), r.grade ?? '—', r.verdict === 'pass' ? c.green(L('pass')) : r.verdict === 'fail' ? c.red(L('fail')) : c.yellow(L('incomplete'))]);
  if (shown.length) lines.push(t.toString());
  if (s.ranking.length > shown.length) lines.push(c.dim(L('more_ranked', { n: s.ranking.length - shown.length })));
  for (const [id, d] of Object.entries(s.core_distribution)) lines.push(`${id}: n=${d.n} min ${num(d.min, 4)} · p25 ${num(d.p25, 4)} · median ${num(d.median, 4)} · p75 ${num(d.p75, 4)} · max ${num(d.max, 4)}`);
  if (s.most_failed.length) lines.push(`${L('most_failed_inline')}: ${s.most_failed.slice(0, 5).map((f) => `${f.id} (${f.count})`).join(', ')}`);
  if (v.errors.length) {
    lines.push(c.red(zh ? `${L('invalid_count', { n: v.errors.length })}：` : `${v.errors.length} invalid input${v.errors.length === 1 ? '' : 's'}:`));
    for (const e of v.errors) for (const d of e.errors) lines.push(`  ${c.bold(`${d.file ?? e.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field ? ` [${d.field}]` : ''}`)}  ${d.message}  ${c.dim(d.code)}`);
  }
  return `${lines.join('\n')}\n`;
}
