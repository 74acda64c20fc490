/** Findings as GitHub workflow annotations (::error file=…,line=…,col=…::). */
import { localize, type Lang } from '../../diagnostics/codes.js';
import { ghData, ghProp } from '../escape.js';
import { byPosition } from './lines.js';
import { overMax, summary, type DiagnosticsFormat, type FileResult } from './format.js';

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
  const over = overMax(results, maxWarnings, lang);
  // an annotation, so a job that fails on warnings alone says why on its summary page
  if (over) lines.push(`::error title=${ghProp('zcpark validate --max-warnings')}::${ghData(over)}\n`);
  lines.push(
    lang === 'zh'
      ? `已检查 ${s.files} 个文件：${s.invalid} 个无效，${s.errors} 个错误，${s.warnings} 条提示\n`
      : `${plural(s.files, 'file')} checked: ${s.invalid} invalid, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}\n`,
  );
  return lines.join('');
}

export const githubFormat: DiagnosticsFormat = { name: 'github', extensions: [], render: (r, o) => github(r, o.lang, o.maxWarnings) };
