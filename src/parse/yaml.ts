/** YAML (and JSON) documents parsed with their positions, so every diagnostic can point at line:column. */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../model/types.js';

export type Path = readonly (string | number)[];

export interface ParsedDocument {
  file: string;
  value: unknown;
  /** Line/column (1-based) of the value at `path`, or of its key when `key` is set; nearest ancestor otherwise. */
  locate(path: Path, key?: boolean): { line: number; column: number } | undefined;
  diagnostics: Diagnostic[];
}

/** Parses YAML/JSON text; syntax errors become diagnostics, never exceptions. */
export function parseYaml(file: string, text: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  for (const e of doc.errors) {
    const code = e.code === 'DUPLICATE_KEY' ? 'ZC-E-YAML-DUPLICATE-KEY' : /\.json$/i.test(file) ? 'ZC-E-JSON-SYNTAX' : 'ZC-E-YAML-SYNTAX';
    const found = code === 'ZC-E-YAML-DUPLICATE-KEY' ? /"?([^"]+)"?$/.exec(text.slice(e.pos[0], e.pos[1]))?.[1] : undefined;
    diagnostics.push(diag(code, { reason: e.message.split('\n')[0], found }, at(e.pos[0])));
  }
  let value: unknown;
  if (diagnostics.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      diagnostics.push(diag('ZC-E-YAML-SYNTAX', { reason: (e as Error).message }, { file, line: 1, column: 1 }));
    }
  }
  return {
    file,
    value,
    diagnostics,
    locate: (path, key = false) => locate(doc, path, key, at),
  };
}

function locate(
  doc: Document,
  path: Path,
  key: boolean,
  at: (offset: number) => { file: string; line: number; column: number },
): { line: number; column: number } | undefined {
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
