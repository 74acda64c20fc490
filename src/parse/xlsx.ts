/**
 * Excel workbooks (.xlsx): one sheet's cells as text. read-excel-file (a maintained reader: fflate for the zip, saxen
 * for the XML) does the reading; before it sees a byte, the archive is inflated once as a stream, counting what it
 * really holds (not what its headers claim): more than MAX_ENTRIES entries or MAX_UNCOMPRESSED bytes in all (a zip
 * bomb) is refused. Workbooks are named `file.xlsx` (the first sheet) or `file.xlsx#Sheet name`.
 */
import { Unzip, UnzipInflate } from 'fflate';

export const MAX_UNCOMPRESSED = 256 * 1024 * 1024;
export const MAX_ENTRIES = 10_000;

/** The answer: the chosen sheet's cells as text (null: empty), rows from row 1, columns from A; or why not. */
export type XlsxAnswer =
  | { ok: true; sheet: string; sheets: string[]; rows: (string | null)[][] }
  | { ok: false; reason: string; kind: 'bomb' | 'invalid' | 'no-sheet'; sheets?: string[] };

/** Inflates the archive as a stream and counts its real size; a reason when it is over a limit or not a zip. */
export function zipGuard(bytes: Uint8Array): string | undefined {
  let total = 0;
  let entries = 0;
  let over: string | undefined;
  const unzip = new Unzip((file) => {
    if (over) return;
    if (++entries > MAX_ENTRIES) {
      over = `it holds more than ${MAX_ENTRIES} entries`;
      return;
    }
    file.ondata = (err, chunk) => {
      if (err) {
        over ??= `its entry ${file.name} cannot be inflated (${err.message})`;
        return;
      }
      total += chunk.length;
      if (total > MAX_UNCOMPRESSED && !over) {
        over = `it inflates to more than ${MAX_UNCOMPRESSED / 1024 / 1024} MiB (a zip bomb, or not a spreadsheet)`;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const step = 1 << 16;
  try {
    for (let i = 0; i < bytes.length && !over; i += step) unzip.push(bytes.subarray(i, Math.min(bytes.length, i + step)), i + step >= bytes.length);
  } catch (e) {
    return `it is not a readable zip archive (${(e as Error).message})`;
  }
  return over;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
};

/**
 * One sheet of a workbook (`sheet`, or the first) as text cells, or why not. Asynchronous, as read-excel-file is: the
 * CLI runs it in a worker thread and waits for it (the engine reads every file synchronously).
 */
export async function readSheet(bytes: Uint8Array, sheet?: string): Promise<XlsxAnswer> {
  const bomb = zipGuard(bytes);
  if (bomb) return { ok: false, kind: 'bomb', reason: bomb };
  try {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { parseNumber: (s: string) => s, trim: false });
    const names = sheets.map((s) => s.sheet);
    const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheet);
    if (!chosen) return { ok: false, kind: 'no-sheet', reason: sheet === undefined ? 'it has no sheet' : `it has no sheet named "${sheet}"`, sheets: names };
    return { ok: true, sheet: chosen.sheet, sheets: names, rows: chosen.data.map((r) => r.map(text)) };
  } catch (e) {
    return { ok: false, kind: 'invalid', reason: `it is not a readable .xlsx workbook (${(e as Error).message})` };
  }
}
