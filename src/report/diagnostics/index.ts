/** The registry of `validate`'s output formats (format.ts says what a format is). */
import type { DiagnosticsFormat, DiagnosticsOptions, FileResult } from './format.js';
import { githubFormat } from './github.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { prettyFormat } from './pretty.js';
import { sarifFormat } from './sarif.js';

export type { DiagnosticsFormat, DiagnosticsOptions, FileResult } from './format.js';
export { checkedLine } from './format.js';

/** In the order `--help` and error messages list them. */
export const DIAGNOSTICS_FORMATS: readonly DiagnosticsFormat[] = [prettyFormat, jsonFormat, githubFormat, junitFormat, sarifFormat];

/** A format by name. */
export const DIAGNOSTICS_FORMAT: Readonly<Record<string, DiagnosticsFormat>> = Object.fromEntries(DIAGNOSTICS_FORMATS.map((f) => [f.name, f]));

/** Renders the results of a validate run in a format of the registry (pretty for a name it does not know). */
export function renderDiagnostics(format: string, results: FileResult[], opts: DiagnosticsOptions): string {
  return (DIAGNOSTICS_FORMAT[format] ?? prettyFormat).render(results, opts);
}
