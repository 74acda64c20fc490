/**
 * The Markdown job summary of a GitHub Actions step: appended to the file $GITHUB_STEP_SUMMARY names, when it is set,
 * by `validate` and `batch` (whatever -f). Every user text is escaped (mdText, mdCode) so a file name or message
 * cannot become a link, an image or HTML on the job page. The list of findings is capped: the annotations and the
 * command's own output have them all.
 */
import { appendFileSync } from 'node:fs';
import type { BatchError, BatchSummary } from '../report/batch.js';
import { mdCode, mdText, termText } from '../report/escape.js';
import type { FileResult } from '../report/diagnostics/index.js';
import { byPosition } from '../report/diagnostics/lines.js';

/** At most this many findings or rows are listed; one more line counts the rest. */
const MAX_ROWS = 50;

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Appends the summary when $GITHUB_STEP_SUMMARY is set; a failure to write is one line on stderr, never the run's end. */
export function stepSummary(render: () => string): void {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  try {
    appendFileSync(path, render());
  } catch (e) {
    process.stderr.write(`zcpark: the job summary could not be appended to $GITHUB_STEP_SUMMARY (${termText((e as Error).message)})\n`);
  }
}

/** `validate`: the counts, then the findings in position order (file, line, severity, code, message). */
export function validateSummary(results: readonly FileResult[], opts: { maxWarnings?: number }): string {
  const all = results.flatMap((r) => [...r.diagnostics].sort(byPosition));
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const invalid = results.filter((r) => r.diagnostics.some((d) => d.severity === 'error')).length;
  const over = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  const verdict = invalid ? `❌ ${invalid} invalid` : over ? `❌ more warnings than --max-warnings ${opts.maxWarnings} allows` : '✅ all valid';
  const out = [`## zcpark validate\n\n`, `${plural(results.length, 'file')} checked: ${verdict}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`];
  if (all.length) {
    out.push('\n| file | line | severity | code | message |\n|---|---|---|---|---|\n');
    for (const d of all.slice(0, MAX_ROWS)) {
      const at = d.line ? `${d.line}${d.column ? `:${d.column}` : ''}` : '';
      out.push(`| ${d.file ? mdCode(d.file) : ''} | ${at} | ${d.severity} | ${mdCode(d.code)} | ${mdText(d.message)} |\n`);
    }
    if (all.length > MAX_ROWS) out.push(`\n… and ${all.length - MAX_ROWS} more (the step's output lists them all)\n`);
  }
  return `${out.join('')}\n`;
}

/** `batch`: verdict counts, the ranking (first rows), and the inputs that could not be scored. */
export function batchSummary(summary: BatchSummary, errors: readonly BatchError[]): string {
  const out = [
    `## zcpark batch\n\n`,
    `${plural(summary.total, 'submission')}: ${summary.pass} pass, ${summary.fail} fail, ${summary.incomplete} incomplete, ${summary.invalid} invalid\n`,
  ];
  if (summary.ranking.length) {
    out.push('\n| rank | id | name | score | grade | verdict |\n|---|---|---|---|---|---|\n');
    for (const r of summary.ranking.slice(0, MAX_ROWS)) {
      out.push(`| ${r.rank} | ${mdCode(r.id)} | ${mdText(r.name)} | ${r.score === null ? '' : r.score.toFixed(1)} | ${r.grade ?? ''} | ${r.verdict} |\n`);
    }
    if (summary.ranking.length > MAX_ROWS) out.push(`\n… and ${summary.ranking.length - MAX_ROWS} more\n`);
  }
  if (errors.length) {
    out.push('\n| input | row | first problem |\n|---|---|---|\n');
    for (const e of errors.slice(0, MAX_ROWS)) {
      const first = e.errors[0];
      out.push(`| ${mdCode(e.file)} | ${e.row ?? ''} | ${first ? `${mdCode(first.code)} ${mdText(first.message)}` : ''} |\n`);
    }
    if (errors.length > MAX_ROWS) out.push(`\n… and ${errors.length - MAX_ROWS} more\n`);
  }
  return `${out.join('')}\n`;
}
