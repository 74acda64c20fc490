/**
 * Terminal tables that fit the terminal: column widths from the cells' display widths (string-width: CJK characters
 * take two columns, colour codes none), shrunk to the width available, and cells wrapped between words (and between
 * CJK characters, which need no spaces), never inside a word unless the word alone is wider than its column.
 * cli-table3 then only draws the borders around cells already wrapped.
 */
import Table from 'cli-table3';
import stringWidth from 'string-width';

/** The width of terminal tables when the output is not a terminal (a file, a pipe) and COLUMNS is not set. */
export const DEFAULT_WIDTH = 100;
/** Narrower than this, tables are drawn at this width (and the terminal wraps them). */
const MIN_WIDTH = 40;

const CJK = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;
const TOKENS = new RegExp(`${CJK.source}|(?:(?!${CJK.source})\\S)+`, 'g');

/** The pieces a line may break between: words, and each CJK character; with whether a space came before each. */
function tokens(line: string): { text: string; space: boolean }[] {
  const out: { text: string; space: boolean }[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKENS)) {
    out.push({ text: m[0], space: m.index! > last && /\s/.test(line.slice(last, m.index!)) });
    last = m.index! + m[0].length;
  }
  return out;
}

/** The widest piece of a cell (its narrowest column without breaking a word). */
const minWidth = (cell: string): number => Math.max(1, ...cell.split('\n').flatMap((l) => tokens(l).map((t) => stringWidth(t.text))));
const naturalWidth = (cell: string): number => Math.max(1, ...cell.split('\n').map((l) => stringWidth(l)));
const indentOf = (cell: string): number => Math.max(0, ...cell.split('\n').map((l) => /^[ ]*/.exec(l)![0].length));

/** Wraps a cell's text to `width` display columns, between words and CJK characters. */
export function wrap(cell: string, width: number): string {
  const lines: string[] = [];
  for (const raw of cell.split('\n')) {
    // a leading indent (a non-core indicator's, beside the core ones' ★) is kept, and continuation lines hang under it
    const indent = /^[ ]*/.exec(raw)![0].slice(0, Math.max(0, width - 1));
    let line = indent;
    for (const t of tokens(raw)) {
      const joined = line.trim() === '' ? `${line}${t.text}` : `${line}${t.space ? ' ' : ''}${t.text}`;
      if (stringWidth(joined) <= width) {
        line = joined;
        continue;
      }
      if (line.trim() !== '') lines.push(line);
      line = stringWidth(indent + t.text) <= width ? indent + t.text : t.text;
      // a word wider than the column: broken, since nothing else fits
      while (stringWidth(line) > width) {
        let cut = 0;
        let w = 0;
        for (const ch of line) {
          const cw = stringWidth(ch);
          if (w + cw > width) break;
          w += cw;
          cut += ch.length;
        }
        if (cut === 0) break;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/**
 * Column widths (padding included) for a table at most `total` columns wide: each column as wide as its widest
 * line when that fits; otherwise the `flex` column (a name) gives way first down to a floor, then the others down
 * to their widest word, then the flex column down to its own widest word, and, when `breakAt` is given, every
 * column further down to that width, its longest words broken (a source's web address: wrapped, not cut, and not
 * off the screen).
 */
export function fitWidths(rows: readonly (readonly string[])[], total: number, flex: number, breakAt?: number): number[] {
  const n = rows[0]?.length ?? 0;
  const natural = Array.from({ length: n }, (_, j) => Math.max(...rows.map((r) => naturalWidth(r[j] ?? ''))) + 2);
  const min = Array.from({ length: n }, (_, j) => Math.max(...rows.map((r) => minWidth(r[j] ?? '') + indentOf(r[j] ?? ''))) + 2);
  const widths = [...natural];
  const avail = Math.max(MIN_WIDTH, total) - (n + 1);
  let excess = widths.reduce((a, b) => a + b, 0) - avail;
  const take = (j: number, floor: number) => {
    const give = Math.max(0, Math.min(excess, widths[j]! - floor));
    widths[j] = widths[j]! - give;
    excess -= give;
  };
  if (excess > 0) take(flex, Math.max(min[flex]!, Math.min(natural[flex]!, 24)));
  while (excess > 0) {
    // the other column with the most room above its widest word gives one column at a time
    let best = -1;
    for (let j = 0; j < n; j++) if (j !== flex && widths[j]! > min[j]! && (best < 0 || widths[j]! - min[j]! > widths[best]! - min[best]!)) best = j;
    if (best < 0) break;
    widths[best] = widths[best]! - 1;
    excess--;
  }
  if (excess > 0) take(flex, min[flex]!);
  if (excess > 0 && breakAt !== undefined) {
    take(flex, Math.min(min[flex]!, breakAt + 2));
    // then the widest of the others, a column at a time, down to the same width (a formula name is broken too)
    while (excess > 0) {
      let widest = -1;
      for (let j = 0; j < n; j++) if (widths[j]! > breakAt + 2 && (widest < 0 || widths[j]! > widths[widest]!)) widest = j;
      if (widest < 0) break;
      widths[widest] = widths[widest]! - 1;
      excess--;
    }
  }
  return widths;
}

/** A cli-table3 table of `head` and `rows` fitted into `total` columns (see fitWidths), cells wrapped. */
export function fitTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  opts: { total: number; flex: number; colAligns: ('left' | 'right')[]; style: Record<string, unknown>; breakAt?: number },
): string {
  const widths = fitWidths([head, ...rows], opts.total, opts.flex, opts.breakAt);
  const t = new Table({ head: head.map((h, j) => wrap(h, widths[j]! - 2)), style: opts.style, colAligns: opts.colAligns, colWidths: widths, wordWrap: false });
  for (const r of rows) {
    const cells = r.map((c, j) => wrap(c, widths[j]! - 2));
    if (!opts.style.compact) {
      t.push(cells);
      continue;
    }
    // a compact table draws no line between rows, so a row of N lines is drawn as N rows of one line, the same bytes:
    // cli-table3 re-measures a whole cell (and truncates it for a debug message) for every line of it it draws, which
    // made `zcpark factors --year` take 3.8 s on its tall source cells
    const lines = cells.map((c) => c.split('\n'));
    const height = Math.max(...lines.map((l) => l.length));
    for (let k = 0; k < height; k++) t.push(lines.map((l) => l[k] ?? ''));
  }
  return t.toString();
}

/**
 * A table of columns that must not wrap (numbers, by year) drawn within `total` columns: as it is when it fits,
 * else as several tables one under another, each with the first `keep` columns (the row labels) and as many of the
 * next columns as fit. A trend over many years reads down the page instead of running off its right edge.
 */
export function splitTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  opts: { total: number; keep: number; colAligns: readonly ('left' | 'right')[]; style: Record<string, unknown> },
): string {
  const draw = (cols: readonly number[]) => {
    const t = new Table({ head: cols.map((j) => head[j]!), style: opts.style, colAligns: cols.map((j) => opts.colAligns[j] ?? 'left') });
    for (const r of rows) t.push(cols.map((j) => r[j] ?? ''));
    return t.toString();
  };
  const widthOf = (table: string) => {
    const nl = table.indexOf('\n');
    return stringWidth(nl < 0 ? table : table.slice(0, nl));
  };
  const all = head.map((_, j) => j);
  const whole = draw(all);
  const avail = Math.max(MIN_WIDTH, opts.total);
  if (widthOf(whole) <= avail || head.length <= opts.keep + 1) return whole;
  const labels = all.slice(0, opts.keep);
  const parts: number[][] = [];
  let part: number[] = [];
  for (let j = opts.keep; j < head.length; j++) {
    if (part.length > 0 && widthOf(draw([...labels, ...part, j])) > avail) {
      parts.push(part);
      part = [];
    }
    part.push(j);
  }
  parts.push(part);
  return parts.map((p) => draw([...labels, ...p])).join('\n');
}
