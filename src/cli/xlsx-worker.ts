/**
 * Worker thread that reads one workbook for xlsx.ts (the reading itself is ../parse/xlsx.ts): read-excel-file only
 * has an asynchronous API, while the engine asks for a referenced file synchronously, so the main thread waits on a
 * shared flag (Atomics.wait) and takes the answer off a message port.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { readSheet } from '../parse/xlsx.js';

export interface XlsxRequest {
  bytes: Uint8Array;
  /** Sheet name, or undefined for the first sheet. */
  sheet?: string;
  port: MessagePort;
  flag: Int32Array;
}

const req = workerData as XlsxRequest | undefined;
if (req?.port) {
  void readSheet(req.bytes, req.sheet).then((a) => {
    req.port.postMessage(a);
    Atomics.store(req.flag, 0, 1);
    Atomics.notify(req.flag, 0);
  });
}
