/** Findings as one zcpark-validate/1 JSON document. */
import { localize, type Lang } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../model/types.js';
import { jsonText } from '../escape.js';
import { byPosition } from './lines.js';
import { errorsOf, overMax, summary, type DiagnosticsFormat, type FileResult } from './format.js';

function json(results: FileResult[], lang: Lang, maxWarnings?: number): string {
  const clean = (d: Diagnostic) => {
    const o: Record<string, unknown> = { code: d.code, severity: d.severity, message: localize(d, lang) };
    for (const k of ['file', 'line', 'column', 'row', 'field', 'found', 'allowed', 'suggestion'] as const) if (d[k] !== undefined) o[k] = d[k];
    return o;
  };
  return `${jsonText(
    JSON.stringify(
      {
        format: 'zcpark-validate/1',
        summary: {
          ...summary(results),
          ...(maxWarnings === undefined ? {} : { max_warnings: maxWarnings, over_max_warnings: overMax(results, maxWarnings) !== undefined }),
        },
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
    ),
  )}\n`;
}

export const jsonFormat: DiagnosticsFormat = { name: 'json', extensions: ['.json'], render: (r, o) => json(r, o.lang, o.maxWarnings) };
