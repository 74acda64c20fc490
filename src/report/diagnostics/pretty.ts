/** Findings as the terminal shows them: file:line:col, severity, message, code; then a count. */
import { Chalk } from 'chalk';
import type { Lang } from '../../diagnostics/codes.js';
import { countLine, formatDiagnostics } from './lines.js';
import { overMax, summary, type DiagnosticsFormat, type FileResult } from './format.js';

function pretty(results: FileResult[], color: boolean, lang: Lang, maxWarnings?: number): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    out.push(formatDiagnostics(r.diagnostics, color, lang));
  }
  const s = summary(results);
  const all = results.flatMap((r) => r.diagnostics);
  if (lang === 'zh') {
    const verdict = s.invalid ? c.red(`${s.invalid} 个无效`) : c.green('全部有效');
    out.push(`已检查 ${s.files} 个文件：${verdict}；${countLine(all, lang)}\n`);
  } else {
    const verdict = s.invalid ? c.red(`${s.invalid} invalid`) : c.green('all valid');
    out.push(`${s.files} file${s.files === 1 ? '' : 's'} checked: ${verdict}; ${countLine(all)}\n`);
  }
  const over = overMax(results, maxWarnings, lang);
  if (over) out.push(`${c.red(over)}\n`);
  return out.join('');
}

export const prettyFormat: DiagnosticsFormat = { name: 'pretty', extensions: ['.txt', '.log'], render: (r, o) => pretty(r, o.color, o.lang, o.maxWarnings) };
