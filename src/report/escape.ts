/**
 * Output neutralisation: one function per output kind, for every value a user wrote (entity names and ids, item words,
 * file names, notes, metric keys, pack texts, the `found` of a diagnostic, a parser's message). Submissions come from
 * strangers in CI, and what zcpark prints lands in job logs, annotations, job summaries and artifacts:
 *
 * - `termText`: terminal and stderr (tables, diagnostics, progress, summaries). Every control (C0, DEL, C1), line and
 *   paragraph separator, bidi override or isolate, lone surrogate and noncharacter is shown as an escape (`\n`,
 *   `\x1b`, `\u202e`), so no value can start a line, move the cursor, set the clipboard (OSC 52) or reorder text.
 * - `ghData` / `ghProp`: a GitHub workflow command's message and properties: `termText`, then GitHub's own escaping
 *   (`%`, CR, LF; and `:` `,` in properties), so no value can end the annotation or begin a `::command::` line.
 * - `mdText` / `mdCode`: Markdown text and code spans: `termText`, and every character that could open a link, an
 *   image, emphasis, a heading, a table cell or raw HTML is backslash-escaped (autolinks are broken at `:` and `@`).
 * - `xmlText`: XML and HTML text and attributes: `termText` (which also removes every character XML 1.0 forbids),
 *   then the five entities.
 * - `jsonText`: JSON text as JSON.stringify writes it, with DEL, C1 controls, separators, bidi marks and noncharacters
 *   written as \\u escapes too (JSON.stringify escapes only C0): the parsed values are the same, the text is inert.
 * - `csvFile`: CSV cells: `termText` (a CSV is read in logs too), quoted as needed, and defused against formula
 *   injection (Excel runs `=`, `+`, `-`, `@`).
 */

import { stringify } from 'csv-stringify/sync';

/** Everything a terminal or a log viewer would act on or reorder rather than print. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b' };

const visible = (c: string): string => {
  const named = NAMED[c];
  if (named) return named;
  const k = c.charCodeAt(0);
  return k < 0x100 ? `\\x${k.toString(16).padStart(2, '0')}` : `\\u${k.toString(16).padStart(4, '0')}`;
};

const text = (s: unknown): string => (s === null || s === undefined ? '' : typeof s === 'string' ? s : String(s));

/** A value for a terminal or a log line: controls, separators and bidi marks shown as escapes. */
export function termText(s: unknown): string {
  const t = text(s);
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(t) ? t.replace(UNSAFE, visible) : t;
}

/** Every string in a plain JSON-like value passed through `f` (a report or a batch view before a renderer sees it). */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  const go = (v: unknown): unknown => {
    if (typeof v === 'string') return f(v);
    if (Array.isArray(v)) return v.map(go);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, f(k), { value: go(x), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return go(value) as T;
}

/** The message of a GitHub workflow command (`::error …::message`). */
export const ghData = (s: unknown): string => termText(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property value of a GitHub workflow command (`file=…,title=…`). */
export const ghProp = (s: unknown): string => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Markdown text (inline, in a table cell or not): nothing in it can become markup, a link, an image or HTML. */
export function mdText(s: unknown): string {
  // left as written where they cannot open anything: `_` inside a word (coal_equivalent), `&` that starts no entity,
  // `<` before no tag, autolink or comment ("<= 0.2"), `>` after the start (only a first `>` opens a quote)
  return termText(text(s).replace(/[\\`*[\]!|~@]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|&(?=#?[A-Za-z0-9]+;)|<(?=[A-Za-z/!?])|^>/gu, '\\$&'))
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** A Markdown code span holding `s` verbatim (a fence longer than any run of backticks inside; `|` escaped for tables). */
export function mdCode(s: unknown): string {
  const t = termText(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** XML or HTML text or attribute value: no character XML 1.0 forbids, no markup, no live control. */
export const xmlText = (s: unknown): string =>
  termText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;
/** JSON text (from JSON.stringify) with every character a terminal would act on written as a \\u escape: same values. */
export function jsonText(json: string): string {
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** A CSV cell's text: `termText`, and a leading `=`, `+`, `-` or `@` defused by a `'` (Excel would run it as a formula). */
function csvText(x: unknown): string {
  const s = termText(x);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * Rows as a CSV file Excel opens as it is: a UTF-8 BOM (Chinese names), CRLF after every row. Numbers and booleans
 * are written as JavaScript writes them; any other value goes through `csvText`, and csv-stringify quotes it when it
 * holds a comma or a quote (line breaks never reach it: `termText` shows them as `\n`). `verbatim(text, column)`
 * names the strings written as they are, never defused (a threshold's operator such as `==` is not user text).
 */
export function csvFile(rows: readonly (readonly unknown[])[], verbatim?: (text: string, column: number) => boolean): string {
  return stringify(rows as unknown[][], {
    bom: true,
    record_delimiter: '\r\n',
    cast: {
      boolean: (b) => String(b),
      number: (n) => String(n),
      bigint: (n) => String(n),
      string: (t, context) => (verbatim?.(t, context.index) ? t : csvText(t)),
      date: (d) => csvText(d),
      object: (o) => csvText(o),
    },
  });
}
