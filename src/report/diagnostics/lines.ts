/** Diagnostics as terminal lines (file:line:col, severity, message, code), their order, and the count line. */
import { Chalk } from 'chalk';
import type { Diagnostic } from '../../model/types.js';
import { localize, type Lang } from '../../diagnostics/codes.js';
import { termText } from '../escape.js';

/** Code-unit order: the same on every machine whatever its locale (and no ICU collator to start, ~10 ms). */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A file's "N more not shown" line comes after the problems it follows; other lines without a position come first. */
const lineOf = (d: Diagnostic): number => d.line ?? (d.code === 'ZC-E-ERRORS-CAPPED' || d.code === 'ZC-W-WARNINGS-CAPPED' ? Infinity : 0);

/** Position order: file, line, column, then the CSV column's name and the code, so every command prints the same order. */
export const byPosition = (a: Diagnostic, b: Diagnostic) =>
  cmp(a.file ?? '', b.file ?? '') || lineOf(a) - lineOf(b) || (a.column ?? 0) - (b.column ?? 0) || cmp(a.field ?? '', b.field ?? '') || cmp(a.code, b.code);

/** One line per diagnostic, sorted by file and position so the output is stable. */
export function formatDiagnostics(ds: readonly Diagnostic[], color: boolean, lang: Lang = 'en'): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const sorted = [...ds].sort(byPosition);
  return sorted
    .map((d) => {
      // file names, fields and messages carry user text: controls are shown as escapes (../escape.ts)
      const where = d.file
        ? termText(`${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field && !d.column ? ` [${d.field}]` : ''}`)
        : '';
      const sev = d.severity === 'error' ? c.red(lang === 'zh' ? '错误' : 'error') : c.yellow(lang === 'zh' ? '提示' : 'warning');
      return `${where ? `${c.bold(where)}  ` : ''}${sev}  ${termText(localize(d, lang))}  ${c.dim(termText(d.code))}\n`;
    })
    .join('');
}

/** "2 errors, 1 warning" (2 个错误，1 条提示) */
export function countLine(ds: readonly Diagnostic[], lang: Lang = 'en'): string {
  const e = ds.filter((d) => d.severity === 'error').length;
  const w = ds.length - e;
  return lang === 'zh' ? `${e} 个错误，${w} 条提示` : `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`;
}

/** A warning code found in many reports of a batch: how many submissions have it, the first few ids, one example. */
export interface WarningDigest {
  code: string;
  n: number;
  ids: string[];
  example: Diagnostic;
}

/** One line per warning code of a batch, in the order given (bounded whatever the batch size). */
export function warningDigestLines(rows: readonly WarningDigest[], color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  return rows
    .map((w) => {
      const where = w.example.file ? `${w.example.file}${w.example.line ? `:${w.example.line}` : ''}${w.example.field ? ` [${w.example.field}]` : ''}: ` : '';
      const who = `${w.ids.join(', ')}${w.n > w.ids.length ? `, … ${w.n - w.ids.length} more` : ''}`;
      // ids, files and messages are user text: controls shown as escapes
      return `${c.yellow('warning')}  ${w.n} submission${w.n === 1 ? '' : 's'} (${termText(who)}), e.g. ${termText(where)}${termText(w.example.message)}  ${c.dim(termText(w.code))}\n`;
    })
    .join('');
}
