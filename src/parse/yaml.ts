/** YAML (and JSON) documents parsed with their positions, so every diagnostic can point at line:column. */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../model/types.js';

export type Path = readonly (string | number)[];

/** A position inside a document: YAML line/column, or a CSV row with its column name. */
export interface Position {
  line: number;
  column?: number;
  row?: number;
  field?: string;
}

export interface ParsedDocument {
  file: string;
  value: unknown;
  /** Position (1-based) of the value at `path`, or of its key when `key` is set; nearest ancestor otherwise. */
  locate(path: Path, key?: boolean): Position | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML, or strict JSON for a .json file. Syntax errors become diagnostics, never exceptions:
 * the first syntax error only (the parser's follow-on errors are noise), and every duplicate key,
 * which is not fatal (the rest of the document is still checked).
 */
export function parseYaml(file: string, text: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const isJson = /\.json$/i.test(file);
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const diagnostics: Diagnostic[] = [];
  const jsonError = isJson ? strictJsonError(text) : undefined;
  if (jsonError) {
    diagnostics.push(diag('ZC-E-JSON-SYNTAX', { reason: jsonError.message }, at(jsonError.offset)));
    return { file, value: undefined, diagnostics, locate: () => undefined };
  }
  const syntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  if (syntax) {
    const line = text.split(/\r\n|\r|\n/)[at(syntax.pos[0]).line - 1] ?? '';
    const hint = /^\s*\t/.test(line) || syntax.code === 'TAB_AS_INDENT' ? ' (indent with spaces: YAML does not allow tabs)' : '';
    diagnostics.push(diag('ZC-E-YAML-SYNTAX', { reason: `${syntax.message.split('\n')[0]}${hint}` }, at(syntax.pos[0])));
    return { file, value: undefined, diagnostics, locate: () => undefined };
  }
  for (const e of doc.errors) {
    const key = /^\s*["']?([^"':\n]*)/.exec(text.slice(e.pos[0]))?.[1]?.trim() ?? '';
    diagnostics.push(diag('ZC-E-YAML-DUPLICATE-KEY', { found: key }, at(e.pos[0])));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    diagnostics.push(diag(isJson ? 'ZC-E-JSON-SYNTAX' : 'ZC-E-YAML-SYNTAX', { reason: (e as Error).message }, { file, line: 1, column: 1 }));
  }
  return {
    file,
    value,
    diagnostics,
    locate: (path, key = false) => locate(doc, path, key, at),
  };
}

/** JSON.parse's verdict with the offset it names (Node 20: "… in JSON at position N"). */
function strictJsonError(text: string): { message: string; offset: number } | undefined {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected token/, 'unexpected character');
    return { message: /^Unexpected (string|number)/.test(reason) ? `${reason} (a missing comma or colon just before it?)` : reason, offset: pos ? Number(pos[1]) : 0 };
  }
}

function locate(
  doc: Document,
  path: Path,
  key: boolean,
  at: (offset: number) => { file: string; line: number; column: number },
): Position | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNodeWithRange(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (last && key && isNodeWithRange(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      if (isNodeWithRange(pair.value)) best = pair.value;
      else if (isNodeWithRange(pair.key)) best = pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (isNodeWithRange(node)) best = node;
      else break;
    } else break;
  }
  if (!best?.range) return undefined;
  const p = at(best.range[0]);
  return { line: p.line, column: p.column };
}

const isNodeWithRange = (n: unknown): n is Node =>
  typeof n === 'object' && n !== null && 'range' in n && Array.isArray((n as Node).range);
