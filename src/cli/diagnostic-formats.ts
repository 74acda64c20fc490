/** Diagnostics of `validate` as pretty text, JSON, GitHub workflow annotations, JUnit XML or SARIF. */
import { Chalk } from 'chalk';
import type { Diagnostic } from '../model/types.js';
import { localize, type Lang } from '../diagnostics/codes.js';
import { byPosition, countLine, formatDiagnostics } from './diagnostics.js';
import { ghData, ghProp, jsonText, xmlText } from '../report/escape.js';
import { renderSarif } from './sarif.js';

export interface FileResult {
  file: string;
  kind: 'submission' | 'factors' | 'profile' | 'activity' | 'roster' | 'unknown';
  diagnostics: Diagnostic[];
}


const errorsOf = (r: FileResult) => r.diagnostics.filter((d) => d.severity === 'error').length;

function summary(results: FileResult[]) {
  const all = results.flatMap((r) => r.diagnostics);
  const invalid = results.filter((r) => errorsOf(r) > 0).length;
  return { files: results.length, valid: results.length - invalid, invalid, errors: all.filter((d) => d.severity === 'error').length, warnings: all.filter((d) => d.severity === 'warning').length };
}

/** The sentence that says why a run with no errors fails: more warnings than --max-warnings allows. */
function overMax(results: FileResult[], maxWarnings: number | undefined): string | undefined {
  if (maxWarnings === undefined) return undefined;
  const n = summary(results).warnings;
  return n > maxWarnings ? `${n} warning${n === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings} allows: the check fails` : undefined;
}

function pretty(results: FileResult[], color: boolean, lang: Lang, maxWarnings?: number): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    out.push(formatDiagnostics(r.diagnostics, color, lang));
  }
  const s = summary(results);
  const all = results.flatMap((r) => r.diagnostics);
  const verdict = s.invalid ? c.red(`${s.invalid} invalid`) : c.green('all valid');
  out.push(`${s.files} file${s.files === 1 ? '' : 's'} checked: ${verdict}; ${countLine(all)}\n`);
  const over = overMax(results, maxWarnings);
  if (over) out.push(`${c.red(over)}\n`);
  return out.join('');
}

function json(results: FileResult[], lang: Lang, maxWarnings?: number): string {
  const clean = (d: Diagnostic) => {
    const o: Record<string, unknown> = { code: d.code, severity: d.severity, message: localize(d, lang) };
    for (const k of ['file', 'line', 'column', 'row', 'field', 'found', 'allowed', 'suggestion'] as const) if (d[k] !== undefined) o[k] = d[k];
    return o;
  };
  return `${jsonText(JSON.stringify(
    {
      format: 'zcpark-validate/1',
      summary: { ...summary(results), ...(maxWarnings === undefined ? {} : { max_warnings: maxWarnings, over_max_warnings: overMax(results, maxWarnings) !== undefined }) },
      files: results.map((r) => ({
        file: r.file,
        kind: r.kind,
        valid: errorsOf(r) === 0,
        errors: errorsOf(r),
        warnings: r.diagnostics.length - errorsOf(r),
        diagnostics: [...r.diagnostics].sort(byPosition).map(clean),
      })),
    },
    null,
    2,
  ))}\n`;
}

/** GitHub workflow commands: ghData/ghProp (../report/escape.ts) show controls as escapes, then escape %, CR, LF (and ':' ',' in properties). */

function github(results: FileResult[], lang: Lang, maxWarnings?: number): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of [...r.diagnostics].sort(byPosition)) {
      const props = [`file=${ghProp(d.file ?? r.file)}`];
      if (d.line) props.push(`line=${d.line}`);
      if (d.column) props.push(`col=${d.column}`);
      props.push(`title=${ghProp(d.code)}`);
      lines.push(`::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${ghData(localize(d, lang))}\n`);
    }
  }
  const s = summary(results);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const over = overMax(results, maxWarnings);
  // an annotation, so a job that fails on warnings alone says why on its summary page
  if (over) lines.push(`::error title=${ghProp('zcpark validate --max-warnings')}::${ghData(over)}\n`);
  lines.push(`${plural(s.files, 'file')} checked: ${s.invalid} invalid, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}\n`);
  return lines.join('');
}

/** XML text and attributes: no character XML 1.0 forbids (U+FFFE, lone surrogates, controls are shown as escapes), entities escaped. */
const xml = xmlText;

/** JUnit: one test case per file that is clean, one per diagnostic otherwise (errors fail, warnings pass with output). */
function junit(results: FileResult[], lang: Lang, maxWarnings?: number): string {
  const cases: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const r of results) {
    if (r.diagnostics.length === 0) {
      tests++;
      cases.push(`    <testcase classname="zcpark.validate.${xml(r.kind)}" name="${xml(r.file)}"/>`);
      continue;
    }
    for (const d0 of [...r.diagnostics].sort(byPosition)) {
      const d = { ...d0, message: localize(d0, lang) };
      tests++;
      const where = `${d.file ?? r.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}`;
      const name = `${where} ${d.code}`;
      if (d.severity === 'error') {
        failures++;
        cases.push(`    <testcase classname="zcpark.validate.${xml(r.kind)}" name="${xml(name)}">\n      <failure type="${xml(d.code)}" message="${xml(d.message)}">${xml(`${where}${d.field ? ` [${d.field}]` : ''}: ${d.message}`)}</failure>\n    </testcase>`);
      } else {
        cases.push(`    <testcase classname="zcpark.validate.${xml(r.kind)}" name="${xml(name)}">\n      <system-out>${xml(`warning ${where}: ${d.message}`)}</system-out>\n    </testcase>`);
      }
    }
  }
  const over = overMax(results, maxWarnings);
  if (over) {
    // one failing case for the run as a whole: the warnings themselves pass, their number does not
    tests++;
    failures++;
    cases.push(`    <testcase classname="zcpark.validate" name="--max-warnings ${maxWarnings}">\n      <failure type="max-warnings" message="${xml(over)}">${xml(over)}</failure>\n    </testcase>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zcpark validate" tests="${tests}" failures="${failures}">\n  <testsuite name="zcpark validate" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}

/** Renders the results of a validate run in one of pretty, json, github, junit, sarif (./sarif.ts). */
export function renderDiagnostics(format: string, results: FileResult[], opts: { color: boolean; lang: Lang; maxWarnings?: number }): string {
  switch (format) {
    case 'json': return json(results, opts.lang, opts.maxWarnings);
    case 'github': return github(results, opts.lang, opts.maxWarnings);
    case 'junit': return junit(results, opts.lang, opts.maxWarnings);
    case 'sarif': {
      const over = overMax(results, opts.maxWarnings);
      return renderSarif(results, { lang: opts.lang, ...(over ? { over } : {}) });
    }
    default: return pretty(results, opts.color, opts.lang, opts.maxWarnings);
  }
}
