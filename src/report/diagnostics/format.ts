/**
 * The shape of a diagnostics format of `validate`, and what every one renders: the findings of each file checked. One
 * file per format in this folder exports a DiagnosticsFormat, and index.ts lists it.
 */
import type { Lang } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../model/types.js';
import { countLine } from './lines.js';

export interface FileResult {
  file: string;
  kind: 'submission' | 'factors' | 'profile' | 'config' | 'activity' | 'roster' | 'unknown';
  diagnostics: Diagnostic[];
}

export interface DiagnosticsOptions {
  color: boolean;
  lang: Lang;
  /** --max-warnings: every format says when a run fails on warnings alone. */
  maxWarnings?: number;
  /** zcpark's version, which SARIF names as the tool's. */
  version: string;
}

export interface DiagnosticsFormat {
  /** The value of `validate --format`. */
  name: string;
  /** File extensions of -o that choose this format, with their dot, lower case. */
  extensions: readonly string[];
  render: (results: FileResult[], opts: DiagnosticsOptions) => string;
}

/** The number of errors of one file. */
export const errorsOf = (r: FileResult) => r.diagnostics.filter((d) => d.severity === 'error').length;

/** The counts of a run. */
export function summary(results: FileResult[]) {
  const all = results.flatMap((r) => r.diagnostics);
  const invalid = results.filter((r) => errorsOf(r) > 0).length;
  return {
    files: results.length,
    valid: results.length - invalid,
    invalid,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
  };
}

const PLAIN = { bad: (s: string) => s, good: (s: string) => s };

/**
 * The count of a run: "3 files checked: 1 invalid; 2 errors, 1 warning", its verdict painted by `paint` (a colour on
 * a terminal).
 */
export function filesLine(results: FileResult[], lang: Lang, paint: { bad: (s: string) => string; good: (s: string) => string } = PLAIN): string {
  const s = summary(results);
  const count = countLine(
    results.flatMap((r) => r.diagnostics),
    lang,
  );
  if (lang === 'zh') return `已检查 ${s.files} 个文件：${s.invalid ? paint.bad(`${s.invalid} 个无效`) : paint.good('全部有效')}；${count}`;
  return `${s.files} file${s.files === 1 ? '' : 's'} checked: ${s.invalid ? paint.bad(`${s.invalid} invalid`) : paint.good('all valid')}; ${count}`;
}

/** The count of a run in one plain line, and why warnings fail it. */
export function checkedLine(results: FileResult[], maxWarnings: number | undefined, lang: Lang = 'en'): string {
  const over = overMax(results, maxWarnings, lang);
  return `${filesLine(results, lang)}${over ? `${lang === 'zh' ? '；' : '; '}${over}` : ''}`;
}

/** The sentence that says why a run with no errors fails: more warnings than --max-warnings allows. */
export function overMax(results: FileResult[], maxWarnings: number | undefined, lang: Lang = 'en'): string | undefined {
  if (maxWarnings === undefined) return undefined;
  const n = summary(results).warnings;
  if (n <= maxWarnings) return undefined;
  return lang === 'zh'
    ? `${n} 条提示，超过 --max-warnings ${maxWarnings} 允许的数量：检查不通过`
    : `${n} warning${n === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings} allows: the check fails`;
}
