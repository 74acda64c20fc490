/** YAML (and JSON) documents parsed with their positions, so every diagnostic can point at line:column. */
import {
  Composer,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { jsonErrorOffset } from './json-offset.js';
import { diag } from '../diagnostics/codes.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { Rational } from '../model/rational.js';
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
 * Nesting deeper than this is refused while lexing, before the parser builds anything: a submission
 * needs about six levels, and `yaml` otherwise spends seconds and a gigabyte on a 2 MB `[[[[…` file
 * before its stack overflows (reliability probes, perf-reliability.md §4).
 */
export const MAX_DEPTH = 64;
/** Alias expansions allowed by toJS (yaml weighs each alias by the size of what it expands to). */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses YAML, or strict JSON for a .json file. Syntax errors become diagnostics, never exceptions:
 * the first syntax error only (the parser's follow-on errors are noise), and every duplicate key,
 * which is not fatal (the rest of the document is still checked).
 * Numbers the YAML number rules would bend (0x10, 0o17, .inf, .nan, 1e309, digits beyond a double's
 * precision) are handed on as the text that was written, so the strict number reader decides about
 * them exactly as it does for CSV cells: one message, in the user's own spelling, and no rounding.
 */
export function parseYaml(file: string, text: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const isJson = /\.json$/i.test(file);
  const syntaxCode = isJson ? 'ZC-E-JSON-SYNTAX' : 'ZC-E-YAML-SYNTAX';
  const failed = (reason: string, reason_zh: string, offset: number): ParsedDocument => ({
    file,
    value: undefined,
    diagnostics: [diag(syntaxCode, { reason, reason_zh }, at(offset))],
    locate: () => undefined,
  });
  // YAML counts a lone CR as a line break; `yaml` does not. Same length, so every offset stays put.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  const parsed = composeDocument(source, lineCounter);
  if ('tooDeep' in parsed) {
    return failed(
      `the document is nested more than ${MAX_DEPTH} levels deep here (a submission needs about 6); it is not read further`,
      `文档在此处嵌套超过 ${MAX_DEPTH} 层（申报文件约需 6 层）；不再继续读取`,
      parsed.tooDeep,
    );
  }
  const doc = parsed.doc;
  const diagnostics: Diagnostic[] = [];
  const jsonError = isJson ? strictJsonError(source) : undefined;
  if (jsonError) return failed(jsonError.message, jsonError.message_zh, jsonError.offset);
  const syntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  if (syntax) {
    const line = source.split('\n')[at(syntax.pos[0]).line - 1] ?? '';
    const tabs = /^\s*\t/.test(line) || syntax.code === 'TAB_AS_INDENT';
    const hint = tabs ? ' (indent with spaces: YAML does not allow tabs)' : '';
    const reason =
      syntax.code === 'MULTIPLE_DOCS'
        ? 'a second document starts here; a file holds one document (remove the `---` line, or split the file)'
        : syntax.code === 'RESOURCE_EXHAUSTION'
          ? 'the document is too deeply nested or too large for the parser'
          : `${parserReason(syntax.message)}${hint}`;
    const reasonZh =
      syntax.code === 'MULTIPLE_DOCS'
        ? '此处开始了第二个文档；一个文件只能有一个文档（请删除 `---` 行，或拆分文件）'
        : syntax.code === 'RESOURCE_EXHAUSTION'
          ? '文档嵌套过深或过大，解析器无法处理'
          : `${yamlReasonZh(syntax.code, parserReason(syntax.message))}${tabs && syntax.code !== 'TAB_AS_INDENT' ? '（请用空格缩进：YAML 不允许制表符）' : ''}`;
    return failed(reason, reasonZh, syntax.pos[0]);
  }
  for (const e of doc.errors) {
    const key = /^\s*["']?([^"':\n]*)/.exec(source.slice(e.pos[0]))?.[1]?.trim() ?? '';
    diagnostics.push(diag('ZC-E-YAML-DUPLICATE-KEY', { found: key }, at(e.pos[0])));
  }
  if (parsed.oddNumbers) keepNumbersAsWritten(doc);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = (e as Error).message;
    if (/alias/i.test(message)) {
      // a billion-laughs document: aliases that expand to far more than the file holds
      const alias = firstAlias(doc);
      diagnostics.push(
        diag(
          syntaxCode,
          {
            reason: `aliases expand to more than ${MAX_ALIAS_COUNT.toLocaleString('en-US')} nodes (an alias bomb?); write the repeated values out instead of *${alias?.name ?? 'alias'}`,
            reason_zh: `别名展开后超过 ${MAX_ALIAS_COUNT.toLocaleString('en-US')} 个节点（别名炸弹？）；请直接写出重复的值，不要用 *${alias?.name ?? 'alias'}`,
          },
          alias ? at(alias.offset) : { file, line: 1, column: 1 },
        ),
      );
    } else {
      diagnostics.push(
        diag(syntaxCode, { reason: parserReason(message), reason_zh: yamlReasonZh(undefined, parserReason(message)) }, { file, line: 1, column: 1 }),
      );
    }
    return { file, value: undefined, diagnostics, locate: () => undefined };
  }
  return {
    file,
    value,
    diagnostics,
    locate: (path, key = false) => locate(doc, path, key, at),
  };
}

/**
 * parseDocument(), with a depth check on the way in: the lexer's tokens are counted as they pass
 * into the parser, and lexing stops at the first token nested deeper than MAX_DEPTH.
 * Depth is block levels (a stack of indentation columns, plus one per `- ` or `? ` on a line) plus
 * flow levels (open `[` and `{`); scalars are skipped whole, so brackets inside text never count.
 */
function composeDocument(source: string, lineCounter: LineCounter): { doc: Document; oddNumbers: boolean } | { tooDeep: number } {
  const parser = new Parser(lineCounter.addNewLine);
  const tokens = [];
  lineCounter.addNewLine(0);
  let offset = 0;
  let column = 0;
  let flow = 0;
  let lineHasContent = false;
  let scalarNext = false;
  let oddNumbers = false;
  const block: number[] = [];
  for (const lexeme of new Lexer().lex(source)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    // markers (document, scalar, flow end) are the lexer's own and take no room in the source
    const marker = lexeme === '\x02' || lexeme === '\x1f' || lexeme === '\x18';
    const here = offset;
    const startColumn = column;
    if (!marker) {
      offset += lexeme.length;
      const nl = lexeme.lastIndexOf('\n');
      column = nl >= 0 ? lexeme.length - nl - 1 : column + lexeme.length;
    }
    if (scalarNext) {
      scalarNext = false; // a scalar's source: its brackets never count
      if (!oddNumbers && ODD_NUMBER.test(lexeme)) oddNumbers = true;
      continue;
    }
    if (lexeme === '\x02' || lexeme === '---' || lexeme === '...') {
      block.length = 0;
      flow = 0;
      lineHasContent = lexeme === '---';
      continue;
    }
    if (lexeme === '' || lexeme === '\n' || lexeme === '\r\n') {
      lineHasContent = false;
      continue;
    }
    const c = lexeme[0];
    if (c === ' ' || c === '\t' || c === '#' || c === '\ufeff' || lexeme === '\x18') continue;
    if (lexeme === '\x1f') scalarNext = true;
    let depth = block.length + flow;
    if (flow === 0 && !lineHasContent) {
      // the first content of a line closes the block levels at or right of its column
      while (block.length && block[block.length - 1]! >= startColumn) block.pop();
      block.push(startColumn);
      depth = block.length;
    }
    lineHasContent = true;
    if (flow === 0 && (lexeme === '-' || lexeme === '?')) {
      block.push(startColumn + 1); // a compact `- - x` nests one level per indicator
      depth = block.length;
    } else if (lexeme === '[' || lexeme === '{') {
      flow++;
      depth++;
    } else if ((lexeme === ']' || lexeme === '}') && flow > 0) flow--;
    if (depth > MAX_DEPTH) return { tooDeep: here };
  }
  for (const token of parser.end()) tokens.push(token);
  // as parseDocument(): the first document, and an error where a second one starts
  let doc: Document | undefined;
  // uniqueKeys off: yaml compares each key with every earlier one (a 2 MB mapping took seconds); duplicateKeys does it in linear time
  for (const d of new Composer({ uniqueKeys: false, strict: true, prettyErrors: false, logLevel: 'error' }).compose(tokens, true, source.length)) {
    if (!doc) doc = d as Document;
    else {
      doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  duplicateKeys(doc!);
  return { doc: doc!, oddNumbers };
}

/**
 * yaml's uniqueKeys check in linear time: a scalar key whose value (===, so 1 and "1" differ, as in yaml) an earlier key
 * of the same mapping has gives a DUPLICATE_KEY error at the key, where yaml puts it. Nesting is bounded (MAX_DEPTH).
 */
function duplicateKeys(doc: Document): void {
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      checkKeys(doc, node.items);
      for (const p of node.items) {
        walk(p.key);
        walk(p.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    }
  };
  walk(doc.contents);
}

function checkKeys(doc: Document, items: readonly Pair[]): void {
  if (items.length < 2) return;
  const duplicate = (pair: Pair) => {
    const at = (pair.key as Node).range?.[0] ?? 0;
    doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  };
  if (items.length <= 16) {
    // a submission's mappings are small: comparing pairs allocates nothing
    for (let i = 1; i < items.length; i++) {
      const k = items[i]!.key;
      if (!isScalar(k)) continue;
      for (let j = 0; j < i; j++) {
        const e = items[j]!.key;
        if (isScalar(e) && e.value === k.value) {
          duplicate(items[i]!);
          break;
        }
      }
    }
    return;
  }
  const seen = new Set<unknown>();
  for (const pair of items) {
    if (!isScalar(pair.key)) continue;
    if (seen.has(pair.key.value)) duplicate(pair);
    else seen.add(pair.key.value);
  }
}

/** A plain scalar YAML might read as a number other than the decimal written: hex, octal, .inf, .nan, an exponent, 16+ digits. */
const ODD_NUMBER = /^[-+]?(\.(inf|nan)$|0[xo]|\.?\d[\d.]*e|[\d.]{16})/i;

/** Plain YAML numbers that are not exactly the decimal written become that text (see parseYaml). */
function keepNumbersAsWritten(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'number' || node.type !== 'PLAIN') return;
      const written = (node as { source?: string }).source;
      if (typeof written !== 'string') return;
      const exact = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(written) ? Rational.parseDecimal(written.replace(/^\+/, '')) : undefined;
      if (exact && Number.isFinite(node.value) && exact.equals(Rational.fromNumber(node.value))) return;
      node.value = written;
    },
  });
}

/** The first alias of a document, with its offset. */
function firstAlias(doc: Document): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      found = { name: node.source, offset: node.range?.[0] ?? 0 };
      return visit.BREAK;
    },
  });
  return found;
}

/** JSON.parse's verdict with the offset it names ("… in JSON at position N"), or else the one jsonErrorOffset finds. */
function strictJsonError(text: string): { message: string; message_zh: string; offset: number } | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  try {
    JSON.parse(body);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    // V8 quotes the text around the error ("{"a": SECRET"... is not valid JSON): only the character itself is kept
    const reason = parserReason(
      message
        .replace(/ in JSON at position \d+.*$/s, '')
        .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
        .replace(/^Unexpected token/, 'unexpected character'),
    );
    return {
      message: /^Unexpected (string|number)/.test(reason)
        ? `${reason} (a missing comma or colon just before it?)`
        : /^unexpected character '[A-Za-z]'/.test(reason)
          ? `${reason} (text is written in double quotes; JSON's only bare words are true, false and null)`
          : reason,
      message_zh: jsonReasonZh(reason),
      // Node 20 names no position for an unexpected character: the scanner finds it
      offset: bom + (pos ? Number(pos[1]) : (jsonErrorOffset(body) ?? 0)),
    };
  }
}

/**
 * The Chinese of a `yaml` parser error, by its error code (the message for the ones not listed). `reason` is the
 * English message already made safe by parserReason; a token it quotes is quoted again.
 */
const YAML_ZH: Record<string, string> = {
  BAD_INDENT: '缩进不正确：同一层级的各项须从同一列开始',
  TAB_AS_INDENT: '不能用制表符缩进（请用空格缩进：YAML 不允许制表符）',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不正确：键后须有冒号和空格，值的缩进须一致',
  MULTILINE_IMPLICIT_KEY: '键不能跨行：是否缺少冒号，或引号未闭合？',
  UNEXPECTED_TOKEN: '此处出现意外的字符',
  BAD_SCALAR_START: '该值以 YAML 的特殊字符开头，请给整个值加引号',
  BAD_DQ_ESCAPE: '双引号字符串中有无效的转义序列',
  BLOCK_IN_FLOW: '方括号或花括号内不能有“键: 值”的块结构（各项之间是否缺少逗号？）',
  KEY_OVER_1024_CHARS: '键超过 1024 个字符',
  MULTIPLE_ANCHORS: '一个节点只能有一个锚点（&）',
  MULTIPLE_TAGS: '一个节点只能有一个标签（!）',
  BAD_ALIAS: '别名（*）引用了不存在的锚点',
  ALIAS_PROPS: '别名（*）不能带锚点或标签',
  TAG_RESOLVE_FAILED: '无法识别的标签（!）',
  BAD_DIRECTIVE: '无效的 YAML 指令（%）',
  NON_STRING_KEY: '键必须是文字',
};
export function yamlReasonZh(code: string | undefined, reason: string): string {
  if (/^Missing closing .?quote/.test(reason)) return '字符串缺少结束引号';
  if (/^Flow (sequence|map|mapping) in block collection must be sufficiently indented/.test(reason)) return '方括号或花括号未闭合，或其后的行缩进不足';
  if (/^Implicit map keys need to be followed by map values/.test(reason)) return '键后缺少冒号（每个键须写成“键: 值”）';
  if (/^Missing , between flow/.test(reason)) return '方括号或花括号中的各项之间缺少逗号';
  if (/^Comments must be separated/.test(reason)) return '注释符 # 前须有空格';
  if (/^Sequence item without - indicator/.test(reason)) return '列表项缺少“- ”';
  if (code === 'MISSING_CHAR') return '缺少必需的字符（冒号、逗号、引号或结束括号）';
  if (/^Implicit keys need to be on a single line/.test(reason)) return YAML_ZH.MULTILINE_IMPLICIT_KEY!;
  if (/^Nested mappings are not allowed in compact mappings/.test(reason)) return '同一行不能写嵌套的映射：是否缺少换行或引号？';
  return (code && YAML_ZH[code]) ?? `YAML 解析器报告：${reason}`;
}

/** The Chinese of a JSON.parse error (Node 20's V8 messages, as parserReason leaves them). */
export function jsonReasonZh(reason: string): string {
  const char = /^unexpected character '(.*)'$/.exec(reason);
  if (char) {
    return /^[A-Za-z]$/.test(char[1]!) ? `意外的字符“${char[1]}”（文本须写在双引号中；JSON 中不加引号的词只有 true、false 和 null）` : `意外的字符“${char[1]}”`;
  }
  const table: [RegExp, string][] = [
    [/^Unexpected number/, '意外的数字（前面是否缺少逗号或冒号？）'],
    [/^Unexpected string/, '意外的字符串（前面是否缺少逗号或冒号？）'],
    [/^Unexpected end of JSON input/, '文件意外结束（括号或引号未闭合？）'],
    [/^Unterminated string/, '字符串缺少结束引号'],
    [/^Expected ':' after property name/, '属性名后缺少冒号'],
    [/^Expected ',' or '}' after property value/, '属性值后缺少逗号或 }'],
    [/^Expected ',' or '\]' after array element/, '数组元素后缺少逗号或 ]'],
    [/^Expected double-quoted property name/, '此处应为双引号中的属性名（多了一个逗号？）'],
    [/^Expected property name or '}'/, '此处应为属性名或 }（属性名须写在双引号中）'],
    [/^Unexpected non-whitespace character after JSON/, 'JSON 文档结束后还有内容（一个文件只能有一个文档）'],
    [/^Bad control character in string literal/, '字符串中有控制字符（如制表符或换行）；请写成 \\t 或 \\n'],
    [/^Bad escaped character/, '字符串中有无效的转义字符'],
    [/^(Exponent part is missing a number|No number after minus sign|Unterminated fractional number)/, '数字的写法不正确'],
  ];
  const hit = table.find(([re]) => re.test(reason));
  return hit ? hit[1] : `JSON 解析器报告：${reason}`;
}

/** Source text quoted at the end of a `yaml` message: `…: "the token"`, or after one of these openings. */
const QUOTED_TAIL = /^(.*?): ("(?:[^"\\]|\\.)*")$/;
const SOURCE_TAIL =
  /^(Unresolved tag|Block scalar header includes extra characters|Not a YAML token|Unexpected token in block scalar header|Expected a flow scalar value, but found): (.*)$/;

/**
 * A parser's message made safe to show: its first line only (yaml adds a code frame of the source below it), and
 * any source text it quotes cut to a short escaped excerpt, so a key file or a password file given as a document is
 * never printed back.
 */
export function parserReason(message: string): string {
  const first = message.split('\n')[0]!;
  const quoted = QUOTED_TAIL.exec(first);
  let out = first;
  if (quoted) {
    let token = quoted[2]!;
    try {
      token = JSON.parse(token) as string;
    } catch {
      /* shown as it is, shortened */
    }
    out = `${quoted[1]}: "${excerpt(token)}"`;
  } else {
    const tail = SOURCE_TAIL.exec(first);
    if (tail) out = `${tail[1]}: ${excerpt(tail[2]!)}`;
  }
  return excerpt(out, 200);
}

/** A large mapping's pairs by key text (the first of duplicates), built on the first look-up: locating every key of it stays linear. */
const PAIRS = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let pairs = PAIRS.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !pairs.has(String(p.key.value))) pairs.set(String(p.key.value), p as Pair);
    PAIRS.set(map, pairs);
  }
  return pairs;
}

function locate(doc: Document, path: Path, key: boolean, at: (offset: number) => { file: string; line: number; column: number }): Position | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNodeWithRange(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      // an index only for a large mapping: building one for every small mapping cost 35 MB and 4 % over 10,000 submissions
      const name = String(seg);
      const pair = node.items.length > 16 ? pairsOf(node).get(name) : node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === name);
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

const isNodeWithRange = (n: unknown): n is Node => typeof n === 'object' && n !== null && 'range' in n && Array.isArray((n as Node).range);
