/** Findings as the terminal shows them: file:line:col, severity, message, code; then a count. */
import { Chalk } from 'chalk';
import type { Lang } from '../../diagnostics/codes.js';
import { formatDiagnostics } from './lines.js';
import { filesLine, overMax, type DiagnosticsFormat, type FileResult } from './format.js';

function pretty(results: FileResult[], color: boolean, lang: Lang, maxWarnings?: number): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    out.push(formatDiagnostics(r.diagnostics, color, lang));
  }
  out.push(`${filesLine(results, lang, { bad: (t) => c.red(t), good: (t) => c.green(t) })}\n`);
  const over = overMax(results, maxWarnings, lang);
  if (over) out.push(`${c.red(over)}\n`);
  return out.join('');
}

export const prettyFormat: DiagnosticsFormat = { name: 'pretty', extensions: ['.txt', '.log'], render: (r, o) => pretty(r, o.color, o.lang, o.maxWarnings) };
