/**
 * Excel workbooks (.xlsx) as activity tables: `file.xlsx` (its first sheet) or `file.xlsx#Sheet name`. The workbook
 * is read in a worker thread (xlsx-worker.ts), loaded only when a workbook is named, so a run without one starts as
 * before; the caller waits for it synchronously, as the engine reads every other file.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isZip } from '../normalize/activity-csv.js';
import { PACKAGE_ROOT } from '../data/load.js';
import type { XlsxAnswer } from './xlsx-worker.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../model/types.js';
import type { ParsedCsv } from '../parse/csv.js';
import { rosterFromSheet } from '../normalize/roster.js';
import { bytesInWords, readFailure, readTracked } from './io.js';

/** The largest workbook file read (compressed); its inflated size is capped by the worker. */
export const MAX_XLSX_BYTES = 64 * 1024 * 1024;
/** How long one workbook may take to read. */
const TIMEOUT_MS = 60_000;

/** `file.xlsx#Sheet name` → the path and the sheet; undefined when the path names no workbook. */
export function splitWorkbook(path: string): { path: string; sheet?: string } | undefined {
  const m = /^(.*\.xlsx)(?:#(.*))?$/i.exec(path);
  if (!m) return undefined;
  return { path: m[1]!, ...(m[2] !== undefined && m[2] !== '' ? { sheet: m[2] } : {}) };
}

/** True when a file starts like a zip archive (an .xlsx, .docx, .zip …): its first four bytes only are read. */
export function startsLikeZip(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false; // never open a pipe or a device to sniff it
    const fd = openSync(path, 'r');
    try {
      const b = Buffer.alloc(4);
      return readSync(fd, b, 0, 4, 0) === 4 && isZip(b);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Reads one sheet of a workbook, waiting for the worker. */
export function readWorkbook(bytes: Uint8Array, sheet?: string): XlsxAnswer {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(join(PACKAGE_ROOT, 'dist', 'cli', 'xlsx-worker.js'), {
    workerData: { bytes, ...(sheet !== undefined ? { sheet } : {}), port: port2, flag },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  worker.unref();
  try {
    const started = Date.now();
    while (Atomics.load(flag, 0) === 0 && Date.now() - started < TIMEOUT_MS) Atomics.wait(flag, 0, 0, 100);
    const got = receiveMessageOnPort(port1);
    if (!got) return { ok: false, kind: 'invalid', reason: `reading it did not finish within ${TIMEOUT_MS / 1000} s, or ran out of memory` };
    return got.message as XlsxAnswer;
  } finally {
    port1.close();
    void worker.terminate();
  }
}


/** A workbook named as a roster: its first sheet as roster rows, or the errors that say why not. */
export function readRosterWorkbook(abs: string, file: string): { csv: ParsedCsv } | { errors: Diagnostic[] } {
  let bytes: Buffer;
  try {
    bytes = readTracked(abs, { pipes: false });
  } catch (e) {
    return { errors: [diag('ZC-E-FILE-READ', { path: file, reason: readFailure(e) }, { file })] };
  }
  if (bytes.length > MAX_XLSX_BYTES) return { errors: [diag('ZC-E-FILE-READ', { path: file, reason: `it is ${bytesInWords(bytes.length)}; a workbook may have at most ${bytesInWords(MAX_XLSX_BYTES)} (save large tables as CSV)` }, { file })] };
  const got = readWorkbook(bytes);
  if (!got.ok) return { errors: [diag('ZC-E-FILE-READ', { path: file, reason: got.reason }, { file })] };
  const csv = rosterFromSheet(file, { name: got.sheet, rows: got.rows });
  if (!csv) return { errors: [diag('ZC-E-FORMAT-VERSION', { found: `a workbook whose first sheet ("${got.sheet}") has no roster header (an id column, no category column) in its first rows`, allowed: 'roster workbooks (an id column, no category column); activity workbooks are read through the submissions that list them' }, { file, line: 1 })] };
  return { csv };
}
