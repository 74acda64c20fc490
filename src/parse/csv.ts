/** Long-format activity CSV → rows of named cells with their line numbers; every problem reported. */
import { parse, type CsvError } from 'csv-parse/sync';
import { diag } from '../diagnostics/codes.js';
import { fastCsv } from './csv-fast.js';
import type { Diagnostic } from '../model/types.js';

export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  cells: Map<string, string>;
}

export interface ParsedCsv {
  file: string;
  /** Canonical column names (Chinese aliases mapped), in file order. */
  header: string[];
  /** The header cells as the user wrote them. */
  rawHeader: string[];
  rows: CsvRow[];
  /** Records skipped for a structural error, with their fields when csv-parse could read them. */
  skipped: { line: number; fields?: string[] }[];
  diagnostics: Diagnostic[];
}

/** csv-parse's options for activity CSVs, whole or streamed. */
export const CSV_PARSE_OPTIONS = {
  bom: true,
  skip_empty_lines: true,
  max_record_size: 1_000_000,
  skip_records_with_error: true,
  record_delimiter: ['\r\n', '\n', '\r'],
} as const;

/** The line a record starts on: as many lines before its end as its quoted cells contain line breaks. */
export function recordStart(record: readonly string[], endLine: number): number {
  let breaks = 0;
  for (const cell of record) if (cell.includes('\n') || cell.includes('\r')) breaks += (cell.match(/\r\n|\r|\n/g) ?? []).length;
  return endLine - breaks;
}

/**
 * A skipped record: its line (csv-parse reports an unclosed quote at the end of the file; it opened in the
 * record after the last good one) and its fields when csv-parse could read them.
 */
export function skipOf(err: CsvError, lastGoodLine: number): { err: CsvError; line: number; fields?: string[] } {
  const e = err as unknown as { code: string; lines?: number; record?: unknown };
  const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? lastGoodLine + 1 : Number(e.lines ?? 0);
  return { err, line, ...(Array.isArray(e.record) ? { fields: e.record.map(String) } : {}) };
}

/**
 * Parses CSV text; headers are mapped through `aliases` (e.g. 消费量 → quantity).
 * Ragged rows and unclosed quotes are reported with their line, never merged or dropped silently;
 * a repeated column is an error and no row is read (which copy is meant cannot be known).
 */
export function parseCsv(file: string, text: string, aliases: ReadonlyMap<string, string>): ParsedCsv {
  const diagnostics: Diagnostic[] = [];
  const skipped: ParsedCsv['skipped'] = [];
  const fast = fastCsv(text);
  if (fast) return fromRecords(file, fast.records, fast.starts, aliases, [], diagnostics);
  let lastLine = 0;
  // csv-parse may report one bad record more than once; its errors are phrased once the header is known
  const raw: { err: CsvError; line: number; fields?: string[] }[] = [];
  const seen = new Set<number>();
  // line numbers come from on_record's context (info/raw would cost ~20 % of a batch run):
  // a record starts as many lines before its end as its quoted cells contain line breaks
  const starts: number[] = [];
  const records = parse(text, {
    ...CSV_PARSE_OPTIONS,
    on_record: (record: string[], context: { lines: number }) => {
      lastLine = context.lines;
      starts.push(recordStart(record, context.lines));
      return record;
    },
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      const s = skipOf(err, lastLine);
      if (seen.has(s.line)) return;
      seen.add(s.line);
      raw.push(s);
    },
  } as never) as unknown as string[][];
  const rawHeader = records[0] ? records[0].map((h) => h.normalize('NFKC').trim()) : [];
  for (const r of raw) {
    diagnostics.push(csvParseError(r.err, rawHeader, file, r.line));
    skipped.push(r.fields ? { line: r.line, fields: r.fields } : { line: r.line });
  }
  mergeRaggedRuns(diagnostics);
  return fromRecords(file, records, starts, aliases, skipped, diagnostics);
}

/** Header mapping, duplicate-column check and rows, from records with their start lines. */
function fromRecords(
  file: string,
  records: string[][],
  starts: number[],
  aliases: ReadonlyMap<string, string>,
  skipped: ParsedCsv['skipped'],
  diagnostics: Diagnostic[],
): ParsedCsv {
  const rows: CsvRow[] = [];
  const first = records[0];
  if (!first) return { file, header: [], rawHeader: [], rows, skipped, diagnostics };
  const { rawHeader, header, duplicate } = readHeader(file, first, aliases, diagnostics);
  if (duplicate) return { file, header, rawHeader, rows, skipped, diagnostics };
  for (let k = 1; k < records.length; k++) {
    const record = records[k]!;
    const cells = new Map<string, string>();
    header.forEach((h, i) => cells.set(h, record[i] ?? ''));
    rows.push({ line: starts[k]!, cells });
  }
  return { file, header, rawHeader, rows, skipped, diagnostics };
}

/** The header record: cells as written (NFKC, trimmed), canonical names, and a repeated column reported. */
export function readHeader(
  file: string,
  first: readonly string[],
  aliases: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
): { rawHeader: string[]; header: string[]; duplicate: boolean } {
  const rawHeader = first.map((h) => h.normalize('NFKC').trim());
  const header = rawHeader.map((name) => aliases.get(name) ?? aliases.get(name.toLowerCase()) ?? name.toLowerCase());
  const firstAt = new Map<string, number>();
  let duplicate = false;
  header.forEach((h, i) => {
    const j = firstAt.get(h);
    if (j === undefined) firstAt.set(h, i);
    else {
      duplicate = true;
      const same = rawHeader[j] === rawHeader[i];
      const both = same ? `"${rawHeader[i]}" twice` : `"${rawHeader[j]}" and "${rawHeader[i]}"`;
      const bothZh = same ? `“${rawHeader[i]}”两次` : `“${rawHeader[j]}”和“${rawHeader[i]}”`;
      diagnostics.push(diag('ZC-E-CSV-DUPLICATE-HEADER', { found: h, spellings: both, spellings_zh: bothZh }, { file, line: 1, row: 1, field: rawHeader[i] }));
    }
  });
  return { rawHeader, header, duplicate };
}

/** The arguments of a ragged row's message: its field count, the header's, and the likely cause. */
interface Ragged {
  got: number;
  expected: number;
  why: string;
  why_zh: string;
}

/** csv-parse's errors in the words of someone fixing a spreadsheet, in English and Chinese (the `reason` arguments of ZC-E-CSV-PARSE). */
export function explain(err: CsvError, header: readonly string[]): { reason: string; reason_zh: string; ragged?: Ragged } {
  const e = err as unknown as { code: string; column?: number };
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = Number(/got (\d+)/.exec(err.message)?.[1]);
      const expected = Number(/expect (\d+)/.exec(err.message)?.[1]);
      const [why, why_zh] =
        got > expected
          ? [
              'an unquoted comma inside a cell? a number with a thousands separator must be quoted: "1,234.5"',
              '单元格中有未加引号的逗号？带千位分隔符的数字须加引号："1,234.5"',
            ]
          : ['a missing cell? every row needs a (possibly empty) cell for each column', '缺少单元格？每行的每一列都需要一个单元格（可以为空）'];
      return {
        reason: `the row has ${got} fields but the header has ${expected}; the row is skipped (${why})`,
        reason_zh: `该行有 ${got} 个字段，而表头有 ${expected} 个；已跳过该行（${why_zh}）`,
        ragged: { got, expected, why, why_zh },
      };
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        reason: 'a quoted field opened in this row is never closed; everything after it would be swallowed, so the rest of the file is not read',
        reason_zh: '此行开始的带引号字段没有结束引号；其后的内容都会被吞并，因此文件其余部分未读取',
      };
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'INVALID_OPENING_QUOTE': {
      const name = typeof e.column === 'number' ? header[e.column] : undefined;
      return {
        reason: `a quote appears inside an unquoted cell${name ? ` in column ${name}` : ''}; quote the whole cell and double the inner quotes ("")`,
        reason_zh: `${name ? `${name} 列中` : ''}未加引号的单元格内出现引号；请给整个单元格加引号，并把其中的引号写两遍（""）`,
      };
    }
    case 'CSV_MAX_RECORD_SIZE':
      return {
        reason: 'a record is larger than 1,000,000 characters (an unclosed quote, or not a CSV file)',
        reason_zh: '一条记录超过 1,000,000 个字符（引号未闭合，或不是 CSV 文件）',
      };
    default:
      return { reason: err.message, reason_zh: `CSV 解析器报告：${err.message}` };
  }
}

/** The diagnostic of a CSV parse error at a row. */
export function csvParseError(err: CsvError, header: readonly string[], file: string, line: number): Diagnostic {
  const { ragged, ...reason } = explain(err, header);
  return diag('ZC-E-CSV-PARSE', ragged ? { ...reason, ragged } : reason, { file, line, row: line });
}

/**
 * Consecutive rows with the same field-count problem have one cause (usually the header, or an export
 * that dropped a column): they are reported as one range, not one message per row.
 */
function mergeRaggedRuns(ds: Diagnostic[]): void {
  for (let i = 0; i < ds.length; i++) {
    if (!isRagged(ds[i]!)) continue;
    let j = i;
    while (j + 1 < ds.length && ds[j + 1]!.message === ds[i]!.message && ds[j + 1]!.line === ds[j]!.line! + 1) j++;
    if (j === i) continue;
    ds[i] = raggedRun(ds[i]!, ds[j]!.line!);
    ds.splice(i + 1, j - i);
  }
}

const raggedOf = (d: Diagnostic): Ragged | undefined => (d as Diagnostic & { args?: { ragged?: Ragged } }).args?.ragged;
/** A field-count error, which joins a run with the same message on the next line. */
export const isRagged = (d: Diagnostic): boolean => raggedOf(d) !== undefined;
/** The one diagnostic for a run of ragged rows from `first`'s line to `lastLine`. */
export function raggedRun(first: Diagnostic, lastLine: number): Diagnostic {
  const r = raggedOf(first)!;
  const n = lastLine - first.line! + 1;
  const run = diag('ZC-E-CSV-PARSE', {
    reason: `rows ${first.line}–${lastLine} (${n} rows) have ${r.got} fields but the header has ${r.expected}; they are skipped (${r.why})`,
    reason_zh: `第 ${first.line}–${lastLine} 行（共 ${n} 行）有 ${r.got} 个字段，而表头有 ${r.expected} 个；均已跳过（${r.why_zh}）`,
  });
  const out = { ...first, message: run.message };
  Object.defineProperty(out, 'args', { value: (run as Diagnostic & { args?: unknown }).args, enumerable: false });
  return out;
}
