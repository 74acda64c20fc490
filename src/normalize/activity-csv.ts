/**
 * Activity CSVs → activity rows. A small file is decoded and parsed whole (the fast path of csv-fast.ts or
 * csv-parse's sync API); a large one is streamed (csv-stream.ts) and its rows are summed on the fly, so a
 * 1 GB metering dump is read in flat memory. Both feed the same ingest, so headers, rows and messages are
 * checked by one piece of code.
 *
 * Problems are capped per file (the first 100 errors and 100 warnings are shown, then one line says how
 * many more there were): a file with a million bad rows must not hold a million messages.
 */
import { diag, MAX_PROBLEMS } from '../diagnostics/codes.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { ActivityRow, Diagnostic } from '../model/types.js';
import { Rational, type RunningSum } from '../model/rational.js';
import { parseCsv, readHeader } from '../parse/csv.js';
import { encodingError, streamCsv, streamFast, type CsvConsumer } from '../parse/csv-stream.js';
import { decodeText, mixedUtf8 } from '../parse/decode.js';
import { outOfRange, readNumber } from '../parse/number.js';
import { isZip, ZIP_AS_CSV } from '../parse/sniff.js';
import { normalizeActivityRow, type RowContext } from './activity.js';
import type { Site } from './quantity.js';

/** One sheet of a workbook: its cells as text (null: empty), rows from row 1 and columns from A, as positioned in the sheet. */
export interface SheetTable {
  name: string;
  rows: readonly (readonly (string | null)[])[];
}

/**
 * Where an activity table comes from: a CSV's bytes all at once, or chunk by chunk (each call starts from the
 * beginning); or a workbook's sheet, already read (the CLI reads workbooks).
 */
export type CsvSource = { bytes: Uint8Array } | { chunks: () => Iterable<Uint8Array> } | { sheet: SheetTable };

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export const columnLetters = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : columnLetters(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));

/** How many rows below the first filled one a header is looked for (title rows, a blank line, notes above the table). */
const HEADER_SEARCH_ROWS = 10;

/** The first `n` bytes of a chunked source (fewer when it is shorter). */
function head(chunks: Iterable<Uint8Array>, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let got = 0;
  for (const c of chunks) {
    const take = Math.min(n - got, c.length);
    out.set(c.subarray(0, take), got);
    got += take;
    if (got >= n) break;
  }
  return out.subarray(0, got);
}

/**
 * A sheet as an activity table. Its header is the first row that names the required columns, within
 * HEADER_SEARCH_ROWS rows of the first filled one (title rows above it are skipped); without one, the first filled
 * row is read as the header and reported as a CSV's would be, saying that it looks like a title when it has a
 * single filled cell. Columns with an empty header cell are not read; empty rows are skipped. Positions are the
 * sheet's: the row number, and the cell (`能耗!C7`) as the field.
 */
function readSheet(file: string, sheet: SheetTable, ctx: RowContext, rows: ActivityRow[], out: Diagnostic[]): void {
  const filled = (r: readonly (string | null)[] | undefined) => (r ?? []).some((c) => c !== null && c.trim() !== '');
  const first = sheet.rows.findIndex(filled);
  const headerOf = (i: number) => {
    const cols: number[] = [];
    (sheet.rows[i] ?? []).forEach((c, j) => {
      if (c !== null && c.trim() !== '') cols.push(j);
    });
    return cols;
  };
  let at = first;
  for (let i = Math.max(first, 0); first >= 0 && i < Math.min(sheet.rows.length, first + HEADER_SEARCH_ROWS + 1); i++) {
    const names = headerOf(i)
      .map((j) => sheet.rows[i]![j]!.normalize('NFKC').trim())
      .map((n) => ctx.vocabulary.columnAliases.get(n) ?? ctx.vocabulary.columnAliases.get(n.toLowerCase()) ?? n.toLowerCase());
    if (REQUIRED_COLUMNS.every((c) => names.includes(c))) {
      at = i;
      break;
    }
  }
  const start = out.length;
  const ingest = new Ingest(file, ctx, rows, out, false);
  const cols = at >= 0 ? headerOf(at) : [];
  const headerLine = at + 1;
  const diagnostics: Diagnostic[] = [];
  const { rawHeader, header, duplicate } = readHeader(
    file,
    cols.map((j) => sheet.rows[at]![j]!),
    ctx.vocabulary.columnAliases,
    diagnostics,
  );
  const letterOf = new Map<string, string>();
  cols.forEach((j, k) => {
    letterOf.set(rawHeader[k]!, columnLetters(j));
    if (!letterOf.has(header[k]!)) letterOf.set(header[k]!, columnLetters(j));
  });
  if (!duplicate) ingest.header(rawHeader, header);
  for (const d of diagnostics) ingest.problem(d);
  const headerEnd = out.length;
  if (!duplicate && at >= 0) {
    for (let i = at + 1; i < sheet.rows.length; i++) {
      const r = sheet.rows[i]!;
      if (!filled(r)) continue;
      ingest.cells(i + 1, (f) => {
        const k = header.indexOf(f);
        return k < 0 ? undefined : (r[cols[k]!] ?? '');
      });
    }
  }
  ingest.end();
  const titleLike = at === first && first >= 0 && headerOf(first).length === 1;
  for (let k = start; k < out.length; k++) {
    const d = out[k]!;
    if (d.file !== file) continue;
    if (k < headerEnd && d.line === 1) {
      d.line = headerLine || 1;
      d.row = headerLine || 1;
      if (d.code === 'ZC-E-CSV-HEADER' && titleLike)
        d.message += ` (row ${headerLine} of sheet "${sheet.name}" has a single filled cell, like a title; zcpark looks for the header row in the ${HEADER_SEARCH_ROWS} rows below it, and none names the required columns)`;
    }
    const letter = d.field !== undefined ? letterOf.get(d.field) : undefined;
    if (d.line !== undefined) d.field = letter ? `${sheet.name}!${letter}${d.line}` : (d.field ?? `${sheet.name}!${d.line}`);
  }
}

export const REQUIRED_COLUMNS = ['category', 'item', 'quantity', 'unit'] as const;
export const ACTIVITY_COLUMNS = ['entity', 'category', 'item', 'quantity', 'unit', 'factor', 'factor_unit', 'use', 'note'];
export { MAX_PROBLEMS };
/** Distinct rows remembered per streamed file for the duplicate-row warning (memory stays bounded). */
const MAX_DUPLICATE_KEYS = 100_000;

/** Reads one activity CSV, appending its valid rows (or their sums, when streamed) and its problems. */
export function readActivityCsv(file: string, source: CsvSource, ctx: RowContext, rows: ActivityRow[], out: Diagnostic[]): void {
  if ('sheet' in source) {
    readSheet(file, source.sheet, ctx, rows, out);
    return;
  }
  if ('bytes' in source ? isZip(source.bytes) : isZip(head(source.chunks(), 4))) {
    // an .xlsx saved or renamed as .csv: said so, rather than "NUL bytes"
    out.push(diag('ZC-E-FILE-ENCODING', { path: file, reason: ZIP_AS_CSV }, { file, line: 1 }));
    return;
  }
  if ('bytes' in source) {
    const ingest = new Ingest(file, ctx, rows, out, false);
    const decoded = decodeText(source.bytes);
    if ('error' in decoded) {
      out.push(diag('ZC-E-FILE-ENCODING', { path: file, reason: decoded.error }, { file, line: decoded.line ?? 1 }));
      return;
    }
    const csv = parseCsv(file, decoded.text, ctx.vocabulary.columnAliases);
    const duplicate = csv.diagnostics.some((d) => d.code === 'ZC-E-CSV-DUPLICATE-HEADER');
    // the header first: a foreign file's row problems are not reported (see Ingest.header)
    if (!duplicate) ingest.header(csv.rawHeader, csv.header);
    for (const d of csv.diagnostics) ingest.problem(d);
    if (!duplicate) {
      for (const k of csv.skipped) ingest.skipped(k.line, k.fields);
      for (const r of csv.rows) ingest.cells(r.line, (f) => r.cells.get(f));
    }
    ingest.end();
    return;
  }
  // streamed: the strict fast reader first, csv-parse's stream API at the first irregularity; a file that stops
  // being UTF-8 part-way is read again as GB18030. Each attempt starts from a clean state.
  const taintedBefore = new Set(ctx.tainted);
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    if (encoding === 'gb18030') {
      // the bytes stopped being UTF-8: a GB18030 file, or a UTF-8 file with a damaged line (decode.ts decides alike)
      const mixed = mixedUtf8(source.chunks());
      if (mixed) {
        out.push(diag('ZC-E-FILE-ENCODING', { path: file, reason: mixed.error }, { file, line: mixed.line ?? 1 }));
        return;
      }
    }
    for (const reader of [streamFast, streamCsv]) {
      const fileRows: ActivityRow[] = [];
      const fileOut: Diagnostic[] = [];
      ctx.tainted.clear();
      for (const t of taintedBefore) ctx.tainted.add(t);
      const ingest = new Ingest(file, ctx, fileRows, fileOut, true);
      const r = reader(file, source.chunks(), ctx.vocabulary.columnAliases, ingest, encoding);
      if ('irregular' in r) continue;
      if ('retry' in r) break;
      if ('error' in r) {
        // the first problem met in file order may not be the one decode.ts names first for the whole file
        out.push(diag('ZC-E-FILE-ENCODING', { path: file, reason: encodingError(source.chunks()) ?? r.error }, { file, line: 1 }));
        return;
      }
      ingest.end();
      // a loop, not push(...): a dump of a million meters has a million sums, too many for one call's arguments
      for (const r of fileRows) rows.push(r);
      for (const d of fileOut) out.push(d);
      return;
    }
  }
}

/** A valid row's shape (everything but the quantity): rows of a known shape skip the full check. */
interface Shape {
  /** The running sum the shape's rows go to (shared by spellings of the same entity, item and unit). */
  acc: Sum;
}

/** A running sum of rows: the first row (its ref and fields) plus the exact total and counts. */
interface Sum {
  row: ActivityRow;
  total: RunningSum;
  rows: number;
  nonZero: number;
  lastLine: number;
  /** Quantities as written, seen so far, with their line (the duplicate-row warning). */
  seen: Map<string, number>;
}

/** The checks and bookkeeping of one activity CSV, fed header first, then rows in file order. */
class Ingest implements CsvConsumer {
  private columns: string[] | undefined;
  /** Column index by canonical name, and the indexes of the shape's columns (-1: absent). */
  private at: Record<string, number> | undefined;
  private shapeAt: number[] | undefined;
  private stop = false;
  /** The header is no activity table's: nothing more of the file is reported. */
  private foreign = false;
  /** Where this file's problems start in `out` (shared with the rest of the submission). */
  private readonly firstProblem: number;
  private rowCount = 0;
  private skippedCount = 0;
  private shown = { error: 0, warning: 0 };
  private hidden = { error: 0, warning: 0 };
  private readonly shapes = new Map<string, Shape>();
  private readonly sums = new Map<string, Sum>();
  /** Entries in every Sum's `seen`, bounded so memory stays flat. */
  private seenCount = 0;

  constructor(
    private readonly file: string,
    private readonly ctx: RowContext,
    private readonly rows: ActivityRow[],
    private readonly out: Diagnostic[],
    /** Sum rows of the same entity, item, unit and row factor (streamed files): memory flat in the row count. */
    private readonly aggregate: boolean,
  ) {
    this.firstProblem = out.length;
  }

  /** Whether another problem of this severity would still be shown (so a hidden one need not be built). */
  private wants(sev: 'error' | 'warning'): boolean {
    if (this.shown[sev] < MAX_PROBLEMS) return true;
    this.hidden[sev]++;
    return false;
  }

  problem(d: Diagnostic): void {
    if (this.foreign && d.code !== 'ZC-E-CSV-HEADER') return;
    const sev = d.severity === 'error' ? 'error' : 'warning';
    if (this.shown[sev] < MAX_PROBLEMS) {
      this.shown[sev]++;
      this.out.push(d);
    } else this.hidden[sev]++;
  }

  header(rawHeader: string[], header: string[]): void {
    const { file, ctx } = this;
    const required = REQUIRED_COLUMNS.map(
      (c) =>
        `${c} (${[...ctx.vocabulary.columnAliases]
          .filter(([a, k]) => k === c && a !== c)
          .map(([a]) => a)
          .join('/')})`,
    ).join(', ');
    const required_zh = REQUIRED_COLUMNS.map(
      (c) =>
        `${c}（${[...ctx.vocabulary.columnAliases]
          .filter(([a, k]) => k === c && a !== c)
          .map(([a]) => a)
          .join('/')}）`,
    ).join('、');
    if (rawHeader.length === 0) {
      this.problem(
        diag(
          'ZC-E-CSV-HEADER',
          {
            problem: 'the file is empty: no header row',
            problem_zh: '文件为空：没有表头行',
            found: '(nothing)',
            found_zh: '（无）',
            allowed: required,
            allowed_zh: required_zh,
          },
          { file, line: 1, row: 1 },
        ),
      );
      this.stop = true;
      return;
    }
    const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length === REQUIRED_COLUMNS.length && !header.includes('entity')) {
      // not an activity table at all (a key, a .env file, /etc/passwd): said without quoting a byte of it, and its rows
      // are not looked at either (their messages would name its columns)
      this.foreign = true;
      // what was reported before the header (a streamed file's broken first record) goes too: it would name its cells
      this.out.splice(this.firstProblem);
      this.shown = { error: 0, warning: 0 };
      this.hidden = { error: 0, warning: 0 };
      this.problem(
        diag(
          'ZC-E-CSV-HEADER',
          {
            problem: 'not a zcpark activity CSV: its first line names none of the activity columns',
            problem_zh: '不是 zcpark 活动数据 CSV：其第一行没有任何活动数据列',
            found: `${rawHeader.length} column${rawHeader.length === 1 ? '' : 's'}, none of them an activity column`,
            found_zh: `${rawHeader.length} 列，均不是活动数据列`,
            allowed: required,
            allowed_zh: required_zh,
          },
          { file, line: 1, row: 1 },
        ),
      );
      this.stop = true;
      return;
    }
    if (missing.length) {
      this.problem(
        diag(
          'ZC-E-CSV-HEADER',
          {
            problem: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
            problem_zh: `缺少 ${missing.join(', ')} 列`,
            found: excerpt(rawHeader.join(', '), 120),
            allowed: required,
            allowed_zh: required_zh,
          },
          { file, line: 1, row: 1, field: missing[0] },
        ),
      );
      this.stop = true;
      return;
    }
    header.forEach((h, i) => {
      if (ACTIVITY_COLUMNS.includes(h)) return;
      const raw = rawHeader[i] ?? h;
      const s = suggest(raw, [...ctx.vocabulary.columnAliases.keys()]);
      this.problem(
        diag(
          'ZC-W-CSV-UNKNOWN-COLUMN',
          { found: raw, hint: didYouMean(s), suggestion: s, allowed: ACTIVITY_COLUMNS.join(', ') },
          { file, line: 1, row: 1, field: raw },
        ),
      );
    });
    this.columns = header;
    const at: Record<string, number> = Object.create(null) as Record<string, number>;
    header.forEach((h, i) => {
      if (at[h] === undefined) at[h] = i;
    });
    this.at = at;
    this.shapeAt = SHAPE_FIELDS.map((f) => at[f] ?? -1);
  }

  skipped(_line: number, fields: string[] | undefined): void {
    this.skippedCount++;
    // a skipped record's entity lost a row; an unreadable one may belong to anyone
    const entityAt = this.columns ? this.columns.indexOf('entity') : -1;
    this.ctx.tainted.add(fields ? (entityAt >= 0 && fields[entityAt]?.trim().normalize('NFC')) || this.ctx.defaultEntity : '*');
  }

  /** A record from the stream: cells in header order. */
  record(cells: string[], line: number): void {
    const columns = this.columns;
    if (!columns || this.stop) return;
    const at = this.at!;
    if (this.aggregate) {
      // the hot path of a metering dump: a row whose shape was valid before needs only its quantity read
      const key = shapeKeyOf(cells, this.shapeAt!);
      const shape = this.shapes.get(key);
      if (shape) {
        const raw = at.quantity === undefined ? '' : (cells[at.quantity] ?? '');
        const n = readNumber(raw);
        if (n && !n.percent && !outOfRange(n.value) && !n.value.isNegative()) {
          this.rowCount++;
          this.addTo(shape.acc, n.value, raw.trim(), line);
          return;
        }
      }
    }
    this.cells(line, (f) => {
      const i = at[f];
      return i === undefined ? undefined : (cells[i] ?? '');
    });
  }

  /** One row, its cells read by column name. */
  cells(line: number, cell: (field: string) => string | undefined): void {
    if (this.stop) return;
    this.rowCount++;
    const { file, ctx } = this;
    if (this.aggregate) {
      const key = shapeKey(cell);
      const local: Diagnostic[] = [];
      const row = normalizeActivityRow(cell, siteOf(file, line), { file, line, row: line }, ctx, local);
      for (const d of local) this.problem(d);
      if (!row) return;
      const acc = this.sumFor(row);
      // remembered only when the row raised nothing: then a row of the same shape differs only in its quantity
      if (local.length === 0 && !this.shapes.has(key) && this.shapes.size < MAX_DUPLICATE_KEYS) this.shapes.set(key, { acc });
      this.addTo(acc, row.quantity.value, (cell('quantity') ?? '').trim(), line);
      return;
    }
    const local: Diagnostic[] = [];
    const row = normalizeActivityRow(cell, siteOf(file, line), { file, line, row: line }, ctx, local);
    for (const d of local) this.problem(d);
    if (row) this.rows.push(row);
  }

  /** The running sum for a checked row (its first row when new). */
  private sumFor(row: ActivityRow): Sum {
    const key = sumKey(row);
    let acc = this.sums.get(key);
    if (!acc) {
      const first: ActivityRow = { ...row, quantity: { value: Rational.ZERO, unit: row.quantity.unit } };
      this.sums.set(key, (acc = { row: first, total: { n: 0, d: 1, big: null }, rows: 0, nonZero: 0, lastLine: row.ref.line!, seen: new Map() }));
    }
    return acc;
  }

  /** Adds a checked quantity to its sum; warns about a repeat of an earlier row (as the whole-file check does). */
  private addTo(acc: Sum, value: Rational, quantityText: string, line: number): void {
    const first = acc.seen.get(quantityText);
    if (first !== undefined) {
      if (this.wants('warning')) {
        const r = acc.row;
        this.problem(
          diag(
            'ZC-W-ROW-DUPLICATE',
            { first: `${this.file}:${first}`, entity: r.entity, category: r.category, item: r.item, found: `${value.toString()} ${r.quantity.unit}` },
            { file: this.file, line, row: line },
          ),
        );
      }
    } else if (this.seenCount < MAX_DUPLICATE_KEYS) {
      acc.seen.set(quantityText, line);
      this.seenCount++;
    }
    Rational.accumulate(acc.total, value);
    acc.rows++;
    if (!value.isZero()) acc.nonZero++;
    acc.lastLine = line;
  }

  end(): void {
    const { file } = this;
    if (this.columns && this.rowCount === 0 && this.skippedCount === 0)
      this.problem(diag('ZC-W-NO-ACTIVITY', { what: `${file} has a header but no rows`, what_zh: `${file} 只有表头，没有数据行` }, { file, line: 1, row: 1 }));
    // sums in the order their first row appeared: deterministic, and the trace follows the file
    for (const acc of this.sums.values()) {
      const row: ActivityRow = {
        ...acc.row,
        quantity: { value: Rational.sumValue(acc.total), unit: acc.row.quantity.unit },
        merged: { rows: acc.rows, nonZero: acc.nonZero, lastLine: acc.lastLine },
      };
      if (acc.rows > 1) delete row.note; // one row's note does not describe a sum
      this.rows.push(row);
    }
    if (this.hidden.error) this.out.push(diag('ZC-E-ERRORS-CAPPED', { file, shown: MAX_PROBLEMS, more: this.hidden.error }, { file }));
    if (this.hidden.warning) this.out.push(diag('ZC-W-WARNINGS-CAPPED', { file, shown: MAX_PROBLEMS, more: this.hidden.warning }, { file }));
  }
}

const siteOf =
  (file: string, line: number) =>
  (field: string): Site => ({ where: `row ${line}, column ${field}`, where_zh: `第 ${line} 行，${field} 列`, ref: { file, line, row: line, field } });

const SHAPE_FIELDS = ['entity', 'category', 'item', 'unit', 'factor', 'factor_unit', 'use'];
const shapeKey = (cell: (f: string) => string | undefined): string => SHAPE_FIELDS.map((f) => cell(f) ?? '\u0000').join('\u0001');
/** The same key from a record and the shape columns' indexes (no closure: this runs once per row). */
function shapeKeyOf(cells: string[], at: number[]): string {
  let k = '';
  for (let j = 0; j < at.length; j++) {
    const i = at[j]!;
    k += `${j ? '\u0001' : ''}${i < 0 ? '\u0000' : (cells[i] ?? '')}`;
  }
  return k;
}
const sumKey = (r: ActivityRow): string =>
  `${r.entity}\u0001${r.category}\u0001${r.item}\u0001${r.quantity.unit}\u0001${r.factor ? `${r.factor.value.toString()} ${r.factor.unitText}` : ''}\u0001${r.use ?? ''}\u0001${r.enthalpy ? `${r.enthalpy.value.value.toString()} ${r.enthalpy.value.unitText}` : ''}`;
