/**
 * What kind of zcpark file a text is, told without parsing it: the one place that sniffs. Documents (YAML/JSON) are
 * told by their `format:` key; CSVs by their header line: a roster has an `id` column and no `category` column, a
 * factor set a `source` column and a `co2` or `energy` column, and anything else is activity data.
 */
import { parseCsv } from './csv.js';
import { decodeText } from './decode.js';

/** A zcpark file's kind; `unknown` is a document without a zcpark `format:` key. */
export type FileKind = 'submission' | 'factors' | 'profile' | 'config' | 'roster' | 'activity' | 'unknown';

const FORMAT_KEY = /^[ \t]*["']?format["']?[ \t]*:[ \t]*["']?(zcpark[\w./-]*)/m;

/** A document's `format:` value and the offset of its line, read without parsing. */
export function formatKey(text: string): { format: string; at: number } | undefined {
  const m = FORMAT_KEY.exec(text);
  return m ? { format: m[1]!, at: m.index } : undefined;
}

/** What a YAML/JSON text is, by its `format:` key: undefined for a stranger. */
export function documentKind(text: string): 'submission' | 'factors' | 'profile' | 'config' | undefined {
  const f = formatKey(text)?.format;
  if (!f) return undefined;
  if (f.startsWith('zcpark-factors/')) return 'factors';
  if (f.startsWith('zcpark-profile/')) return 'profile';
  // zcpark.config.yaml: `validate .` in a project finds it beside the submissions
  if (f.startsWith('zcpark-config/')) return 'config';
  return 'submission';
}

/** Why a zip archive (an .xlsx saved or renamed as .csv) is not read as a CSV: said so, rather than "NUL bytes". */
export const ZIP_AS_CSV =
  'it is a zip archive, such as an Excel workbook (.xlsx), not a CSV text. List the workbook under its .xlsx name (zcpark reads its first sheet, or file.xlsx#Sheet name), or save the sheet as CSV';

/** True when bytes start like a zip archive (an .xlsx, .docx, .zip …). */
export const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** True for a workbook's file name. */
export const isWorkbookName = (name: string): boolean => /\.xlsx$/i.test(name);

/** `file.xlsx#Sheet name` → the path and the sheet; undefined when the path names no workbook. */
export function splitWorkbook(path: string): { path: string; sheet?: string } | undefined {
  const m = /^(.*\.xlsx)(?:#(.*))?$/i.exec(path);
  if (!m) return undefined;
  return { path: m[1]!, ...(m[2] !== undefined && m[2] !== '' ? { sheet: m[2] } : {}) };
}

/** True for a CSV file name (the extension decides between a document and a table). */
export const isCsvName = (name: string): boolean => /\.csv$/i.test(name);

/** True when a CSV header is a roster's: an `id` column and no `category` column. */
export const isRosterHeader = (header: readonly string[]): boolean => header.includes('id') && !header.includes('category');

/**
 * The column names of a CSV text's first line as parseCsv would name them (BOM dropped; NFKC, trimmed, lower case),
 * read without parsing the file; undefined when the line has a quote, which only a parse reads right.
 */
export function headerColumns(text: string): string[] | undefined {
  const line = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/, 1)[0]!;
  return line.includes('"') ? undefined : line.split(',').map((c) => c.normalize('NFKC').trim().toLowerCase());
}

/** A factor set in CSV form has a source column and a co2 or energy column. */
export function isFactorHeader(text: string): boolean {
  const header = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/, 1)[0]!
    .toLowerCase()
    .split(',')
    .map((h) => h.trim());
  return header.includes('source') && (header.includes('co2') || header.includes('energy'));
}

/**
 * The column names of a CSV's first line from the first bytes of the file (`head`, the whole file when `complete`).
 * `columns` is undefined when no line ends within `head` and the file goes on (no roster's header is that long), or
 * when the line has a quote (only a parse reads that right: `quoted` is then the line's text); `error` when the line
 * cannot be decoded (or the file is a zip archive).
 */
export function csvHead(head: Uint8Array, complete: boolean): { columns?: string[]; quoted?: string; error?: string } {
  if (isZip(head)) return { error: ZIP_AS_CSV };
  let end = head.indexOf(10);
  if (end < 0) end = head.indexOf(13);
  if (end < 0 && !complete) {
    // no line within the head: no roster, whatever follows; a binary file (NUL bytes) is still said to be one
    const decoded = decodeText(head);
    return 'error' in decoded ? { error: decoded.error } : {};
  }
  if (end < 0) end = head.length;
  // UTF-16BE: the line feed is the second byte of its code unit
  if (head[0] === 0xfe && head[1] === 0xff && end < head.length) end++;
  const decoded = decodeText(head.subarray(0, end));
  if ('error' in decoded) return { error: decoded.error };
  const columns = headerColumns(decoded.text);
  return columns ? { columns } : { quoted: decoded.text };
}

/**
 * Whether a large CSV is activity data, to be streamed: neither a factor set nor a roster (those are read whole),
 * judged from its first bytes (as UTF-8: a header is ASCII).
 */
export function isActivityHead(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head);
  const columns = headerColumns(text);
  return !isFactorHeader(text) && !(columns ? isRosterHeader(columns) : false);
}

/**
 * The column names of a CSV's header from what csvHead read (a quoted header line parsed as a CSV line), or undefined
 * when no line ended within the head.
 */
export function headColumns(head: { columns?: string[]; quoted?: string }): string[] | undefined {
  return head.columns ?? (head.quoted !== undefined ? parseCsv('', head.quoted, new Map()).header : undefined);
}
