/** Long-format activity CSV → rows of named cells with their line numbers; every problem reported. */
import { parse, type CsvError } from 'csv-parse/sync';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../model/types.js';

export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  cells: Map<string, string>;
}

export interface ParsedCsv {
  file: string;
  header: string[];
  rows: CsvRow[];
  /** Records skipped for a structural error, with their fields when csv-parse could read them. */
  skipped: { line: number; fields?: string[] }[];
  diagnostics: Diagnostic[];
}

/**
 * Parses CSV text; headers are mapped through `aliases` (e.g. 消费量 → quantity).
 * Ragged rows and unclosed quotes are reported with their line, never merged or dropped silently.
 */
export function parseCsv(file: string, text: string, aliases: ReadonlyMap<string, string>): ParsedCsv {
  const diagnostics: Diagnostic[] = [];
  const skipped: ParsedCsv['skipped'] = [];
  const records = parse(text, {
    info: true,
    raw: true,
    bom: true,
    skip_empty_lines: true,
    max_record_size: 1_000_000,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      const line = Number((err as unknown as { lines?: number }).lines ?? 0);
      diagnostics.push(diag('ZC-E-CSV-PARSE', { reason: explain(err) }, { file, line, row: line }));
      const fields = (err as unknown as { record?: unknown }).record;
      skipped.push(Array.isArray(fields) ? { line, fields: fields.map(String) } : { line });
    },
  });
  const rows: CsvRow[] = [];
  const first = records[0] as unknown as { record: string[] } | undefined;
  if (!first) return { file, header: [], rows, skipped, diagnostics };
  const header = first.record.map((h) => {
    const name = h.normalize('NFKC').trim();
    return aliases.get(name) ?? aliases.get(name.toLowerCase()) ?? name.toLowerCase();
  });
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) diagnostics.push(diag('ZC-E-CSV-DUPLICATE-HEADER', { found: h }, { file, line: 1, row: 1, field: h }));
    seen.add(h);
  }
  for (const r of records.slice(1) as unknown as { record: string[]; info: { lines: number }; raw: string }[]) {
    const newlines = (r.raw.replace(/\r?\n$|\r$/, '').match(/\r\n|\r|\n/g) ?? []).length;
    const cells = new Map<string, string>();
    header.forEach((h, i) => cells.set(h, r.record[i] ?? ''));
    rows.push({ line: r.info.lines - newlines, cells });
  }
  return { file, header, rows, skipped, diagnostics };
}

/** csv-parse's errors in the words of someone fixing a spreadsheet. */
function explain(err: CsvError): string {
  const e = err as unknown as { code: string; record?: unknown[]; columns?: unknown[] };
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = /got (\d+)/.exec(err.message)?.[1];
      const expected = /expect (\d+)/.exec(err.message)?.[1];
      return `the row has ${got ?? 'a different number of'} fields but the header has ${expected ?? 'another number'}; the row is skipped (a number with a thousands separator must be quoted: "1,234.5")`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field opened here is never closed; everything after it would be swallowed, so the file is cut here';
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return `a quote appears inside an unquoted field (${err.message}); quote the whole field and double inner quotes ("")`;
    case 'CSV_MAX_RECORD_SIZE':
      return 'a record is larger than 1,000,000 characters (an unclosed quote, or not a CSV file)';
    default:
      return err.message;
  }
}
