/**
 * Excel workbooks (.xlsx), read off the disk: `file.xlsx` (its first sheet) or `file.xlsx#Sheet name`. The workbook
 * is read (../parse/xlsx.ts) in a worker thread (xlsx-worker.ts), loaded only when a workbook is named, so a run
 * without one starts as before; the caller waits for it synchronously, as the engine reads every other file.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../data/load.js';
import type { XlsxAnswer } from '../parse/xlsx.js';

/** The largest workbook file read (compressed); its inflated size is capped by ../parse/xlsx.ts. */
export const MAX_XLSX_BYTES = 64 * 1024 * 1024;
/** How long one workbook may take to read. */
const TIMEOUT_MS = 60_000;

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
