/** Findings as JUnit XML for CI dashboards. */
import { localize, type Lang } from '../../diagnostics/codes.js';
import { xmlText } from '../escape.js';
import { byPosition } from './lines.js';
import { overMax, type DiagnosticsFormat, type FileResult } from './format.js';

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
        cases.push(
          `    <testcase classname="zcpark.validate.${xml(r.kind)}" name="${xml(name)}">\n      <failure type="${xml(d.code)}" message="${xml(d.message)}">${xml(`${where}${d.field ? ` [${d.field}]` : ''}: ${d.message}`)}</failure>\n    </testcase>`,
        );
      } else {
        cases.push(
          `    <testcase classname="zcpark.validate.${xml(r.kind)}" name="${xml(name)}">\n      <system-out>${xml(`warning ${where}: ${d.message}`)}</system-out>\n    </testcase>`,
        );
      }
    }
  }
  const over = overMax(results, maxWarnings, lang);
  if (over) {
    // one failing case for the run as a whole: the warnings themselves pass, their number does not
    tests++;
    failures++;
    cases.push(
      `    <testcase classname="zcpark.validate" name="--max-warnings ${maxWarnings}">\n      <failure type="max-warnings" message="${xml(over)}">${xml(over)}</failure>\n    </testcase>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zcpark validate" tests="${tests}" failures="${failures}">\n  <testsuite name="zcpark validate" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}

export const junitFormat: DiagnosticsFormat = { name: 'junit', extensions: ['.xml'], render: (r, o) => junit(r, o.lang, o.maxWarnings) };
