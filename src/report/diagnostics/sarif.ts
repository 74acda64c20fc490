/**
 * `validate -f sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads. One run, tool.driver "zcpark"
 * with a rule per code used, one result per finding: ruleId (the code), level, the message, and the file relative to
 * the working folder with its line and column. A run that fails on --max-warnings alone says so in
 * invocations[0].toolExecutionNotifications. Same input, same bytes: no time stamps.
 */
import { CODES, localize, type Lang } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../model/types.js';
import { jsonText } from '../escape.js';
import { overMax, type DiagnosticsFormat, type FileResult } from './format.js';
import { byPosition } from './lines.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A path as a URI reference: relative paths stay relative (GitHub resolves them against the checkout), each segment percent-encoded. */
export function fileUri(file: string): string {
  const encoded = file
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  return /^[A-Za-z]:\//.test(file) ? `file:///${encoded.replace('%3A', ':')}` : file.startsWith('/') ? `file://${encoded}` : encoded;
}

/** The catalogue's message template with its blanks shown as "…", for the rule's description. */
const template = (code: string): string | undefined => (CODES as Record<string, { en: string }>)[code]?.en.replace(/\{[a-z_]+\}/g, '…');

export function renderSarif(results: readonly FileResult[], opts: { lang: Lang; version: string; over?: string }): string {
  const all: { d: Diagnostic; file: string }[] = [];
  for (const r of results) for (const d of [...r.diagnostics].sort(byPosition)) all.push({ d, file: d.file ?? r.file });
  const codes = [...new Set(all.map((x) => x.d.code))].sort();
  const rules = codes.map((id) => {
    const text = template(id);
    const severity = (CODES as Record<string, { severity: string }>)[id]?.severity;
    return {
      id,
      name: id,
      ...(text ? { shortDescription: { text } } : {}),
      ...(severity ? { defaultConfiguration: { level: severity === 'error' ? 'error' : 'warning' } } : {}),
    };
  });
  const sarifResults = all.map(({ d, file }) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: localize(d, opts.lang) },
    locations:
      file === '<stdin>'
        ? []
        : [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(file) },
                ...(d.line ? { region: { startLine: d.line, ...(d.column ? { startColumn: d.column } : {}) } } : {}),
              },
            },
          ],
  }));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'zcpark', version: opts.version, rules } },
        invocations: [
          {
            executionSuccessful: true,
            ...(opts.over ? { toolExecutionNotifications: [{ level: 'error', message: { text: opts.over } }] } : {}),
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return `${jsonText(JSON.stringify(log, null, 2))}\n`;
}

export const sarifFormat: DiagnosticsFormat = {
  name: 'sarif',
  extensions: ['.sarif'],
  render: (results, opts) => {
    const over = overMax(results, opts.maxWarnings, opts.lang);
    return renderSarif(results, { lang: opts.lang, version: opts.version, ...(over ? { over } : {}) });
  },
};
