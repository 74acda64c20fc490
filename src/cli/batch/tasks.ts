/** One unit of batch work and how it is done: the same code in a worker thread or in the main thread. */
import { statSync } from 'node:fs';
import { jsonText } from '../../report/escape.js';
import { diag, hasErrors, localize, toWire, type Lang } from '../../diagnostics/codes.js';
import { checkFile, evaluateRosterRow, rosterHeader, type RosterHeader } from '../../check.js';
import type { Diagnostic } from '../../model/types.js';
import type { ParsedCsv } from '../../parse/csv.js';
import { entryOf, type BatchEntry } from '../../report/batch.js';
import { RENDERERS } from '../../report/formats/index.js';
import { configureOutcome, type Config } from '../config.js';
import { isActivityHead, isCsvName, isWorkbookName } from '../../parse/sniff.js';
import { data, submissionInput, type RunOverrides } from '../context.js';
import type { FileResult } from '../../report/diagnostics/index.js';
import { activityHeader } from '../discover.js';
import { displayPath, fileChunks, readWorkbookFile, FileTooLarge, noteRead, readFailure, readStdin, readTracked, streamBytes, type Reads } from '../io.js';

/**
 * A submission file to score, a slice of a roster (its header travels with it, parsed once by the main thread), or
 * (validate) a file to check.
 */
export type Task =
  | { index: number; kind: 'file'; path: string; explicit: boolean }
  | { index: number; kind: 'check'; path: string; explicit: boolean }
  | { index: number; kind: 'roster'; roster: Omit<ParsedCsv, 'rows' | 'skipped' | 'diagnostics'>; row: { line: number; cells: [string, string][] } };

/** What a task yields: a report (as the JSON text and its summary line, plus a rendering for --out-dir) or errors. */
export type TaskResult = (
  | { index: number; skip: true }
  | { index: number; ok: true; json: string; entry: BatchEntry; rendered?: string; warnings: Diagnostic[] }
  | { index: number; ok: false; file: string; row?: number; errors: Diagnostic[] }
  | { index: number; checked: FileResult }
) & {
  /** The files a worker thread read for the task (paths, real paths and dev:inode), for the main thread, which writes. */
  reads?: Reads;
};

export interface TaskOptions {
  profile?: string;
  /** The config's default pack, for submissions that name none, and the words that say where it came from. */
  defaultProfile?: string;
  defaultFrom?: string;
  factors?: string;
  /** Format of the per-submission files of --out-dir (json or table), or none. */
  perReport?: string;
  /** The report JSON on one line (jsonl) instead of indented. */
  compact?: boolean;
  /** The summary formats (csv, markdown, table) need no report text: skip serialising and sending it. */
  noJson?: boolean;
  lang?: Lang;
  /** --allow-outside folders, for the worker threads. */
  allowOutside?: string[];
  /** the config file's severities and ignores (../config.ts) */
  settings?: Config;
}

/** Each roster's header read once per file in this thread (not once per row). */
const rosterHeaders = new Map<string, RosterHeader>();

/**
 * Runs one task, in a worker thread or (with -j 1) in the main thread: the same code and the same error handling. Bad
 * input is a result; a bug met while doing the task (an exception) is that task's ZC-E-INTERNAL error, so it cannot
 * take the rest of the run down.
 */
export function runTask(task: Task, overrides: RunOverrides, opts: TaskOptions): TaskResult {
  try {
    if (task.kind !== 'check') return doTask(task, overrides, opts);
    // validate's findings travel with their arguments, so the main thread localises and caps them alike whether
    // they were found there (-j 1) or in a worker
    const r = checkTask(task, overrides);
    return 'checked' in r ? { ...r, checked: { ...r.checked, diagnostics: r.checked.diagnostics.map(toWire) } } : r;
  } catch (e) {
    const file = task.kind === 'roster' ? task.roster.file : displayPath(task.path);
    if (task.kind === 'check')
      return { index: task.index, checked: { file, kind: 'unknown', diagnostics: [toWire(diag('ZC-E-INTERNAL', { reason: (e as Error).message }))] } };
    return {
      index: task.index,
      ok: false,
      file,
      ...(task.kind === 'roster' ? { row: task.row.line } : {}),
      errors: [diag('ZC-E-INTERNAL', { reason: (e as Error).message })],
    };
  }
}

/**
 * Test hook: ZCPARK_FAULT=task:<text> makes every task whose file name contains <text> fail as a bug would (an
 * exception), to check that the run goes on and reports it.
 */
function injectedFault(file: string): void {
  const fault = process.env.ZCPARK_FAULT;
  if (fault?.startsWith('task:') && file.includes(fault.slice('task:'.length))) throw new Error(`fault injected by ZCPARK_FAULT into ${file}`);
}

function doTask(task: Exclude<Task, { kind: 'check' }>, overrides: RunOverrides, opts: TaskOptions): TaskResult {
  const d = data();
  let out;
  let file: string;
  let row: number | undefined;
  if (task.kind === 'file') {
    file = displayPath(task.path);
    injectedFault(file);
    let bytes: Buffer;
    try {
      bytes = readTracked(task.path);
    } catch (e) {
      if (e instanceof FileTooLarge) return { index: task.index, ok: false, file, errors: [diag('ZC-E-FILE-TOO-LARGE', e.args(file), { file, line: 1 })] };
      const why = readFailure(e);
      return {
        index: task.index,
        ok: false,
        file,
        errors: [diag('ZC-E-FILE-READ', { path: file, reason: why === 'not-found' ? 'it no longer exists' : why }, { file })],
      };
    }
    out = checkFile({ ...submissionInput(task.path, file, '', overrides, false, opts.lang ?? 'en'), content: { bytes }, named: task.explicit, score: true }, d);
    // only submissions count: factor sets, packs and (in a folder) other YAML are passed over; a file named on the
    // command line that cannot be decoded is an error
    if (out.kind !== 'submission' && !(out.kind === 'unknown' && task.explicit)) return { index: task.index, skip: true };
  } else {
    file = task.roster.file;
    row = task.row.line;
    injectedFault(file);
    const csv: ParsedCsv = { ...task.roster, rows: [], skipped: [], diagnostics: [] };
    let header = rosterHeaders.get(file);
    if (!header) rosterHeaders.set(file, (header = rosterHeader(csv, d)));
    out = evaluateRosterRow(
      submissionInput(file, file, '', overrides, false, opts.lang ?? 'en'),
      header,
      { line: task.row.line, cells: new Map(task.row.cells) },
      d,
    );
  }
  if (!out.report || hasErrors(out.diagnostics)) {
    // messages are localised here: the arguments behind them do not survive the trip to the main thread
    const lang = opts.lang ?? 'en';
    return {
      index: task.index,
      ok: false,
      file,
      ...(row !== undefined ? { row } : {}),
      errors: out.diagnostics.filter((x) => x.severity === 'error').map((x) => ({ ...x, message: localize(x, lang) })),
    };
  }
  const configured = configureOutcome(out.report, out.diagnostics, opts.settings);
  if (configured.raised.length) {
    const lang = opts.lang ?? 'en';
    return {
      index: task.index,
      ok: false,
      file,
      ...(row !== undefined ? { row } : {}),
      errors: configured.raised.map((x) => ({ ...x, message: localize(x, lang) })),
    };
  }
  // a roster row's findings about the row as a whole (a band, no activity) are placed on that row, in the report too
  if (row !== undefined) for (const w of out.report.warnings) if (w.file === file && w.line === undefined) w.line = row;
  const rl = { color: false, lang: opts.lang ?? 'en' };
  const json = opts.noJson && !opts.perReport ? '' : opts.compact ? jsonText(JSON.stringify(out.report)) : RENDERERS.json!(out.report, rl);
  const rendered = opts.perReport && (opts.perReport !== 'json' || opts.compact) ? RENDERERS[opts.perReport]!(out.report, rl) : undefined;
  // (markdown and html reports for --out-dir are rendered here, in the worker)
  const warnings =
    row === undefined ? configured.diagnostics : configured.diagnostics.map((x) => (x.file === file && x.line === undefined ? { ...x, line: row, row } : x));
  return { index: task.index, ok: true, json, entry: entryOf(out.report, row), ...(rendered ? { rendered } : {}), warnings };
}

/**
 * One file of `validate`: read and checked whole, or (a large activity CSV named on the command line) streamed. In a
 * folder, a CSV is checked here only as a roster (activity CSVs are checked through the submissions that list them; the
 * header line tells them apart without reading the file, and a large one is a dump), and a document only when it is a
 * zcpark one or cannot be decoded (a YAML/JSON file found there may well be a submission saved wrongly).
 */
function checkTask(task: Extract<Task, { kind: 'check' }>, overrides: RunOverrides): TaskResult {
  const d = data();
  const { path: abs, index } = task;
  const isCsv = isCsvName(abs);
  const found = isCsv && !task.explicit;
  if (found && (activityHeader(abs) || sizeOf(abs) > streamBytes())) return { index, skip: true };
  const file = abs === '-' ? '<stdin>' : displayPath(abs);
  injectedFault(file);
  const input = { ...submissionInput(abs, file, '', overrides), named: task.explicit };
  const done = (r: { kind: FileResult['kind']; diagnostics: Diagnostic[] }): TaskResult => ({
    index,
    checked: { file, kind: r.kind, diagnostics: r.diagnostics },
  });
  if (isWorkbookName(abs)) {
    // a workbook named on the command line is checked as a roster, row by row; an activity workbook is checked through
    // the submissions that list it (as is one found in a folder)
    if (!task.explicit) return { index, skip: true };
    const book = readWorkbookFile(abs, file);
    return done('errors' in book ? { kind: 'unknown', diagnostics: book.errors } : checkFile({ ...input, content: { sheet: book.sheet } }, d));
  }
  if (abs !== '-' && isCsv && !found && sizeOf(abs) > streamBytes() && isActivityFile(abs)) {
    // a large activity CSV is streamed, never held whole
    noteRead(abs);
    return done(checkFile({ ...input, content: { chunks: fileChunks(abs) } }, d));
  }
  let bytes: Buffer;
  try {
    bytes = abs === '-' ? readStdin() : readTracked(abs);
  } catch (e) {
    return {
      index,
      checked:
        e instanceof FileTooLarge
          ? { file, kind: 'unknown', diagnostics: [diag('ZC-E-FILE-TOO-LARGE', e.args(file), { file, line: 1 })] }
          : cannotRead(file, e),
    };
  }
  const r = checkFile({ ...input, content: { bytes } }, d);
  if (found && r.kind !== 'roster') return { index, skip: true };
  if (r.kind === 'unknown' && r.diagnostics.length === 0) return { index, skip: true };
  return done(r);
}

/** A file that could not be read, as validate reports it. */
export function cannotRead(file: string, e: unknown): FileResult {
  const why = readFailure(e);
  return {
    file,
    kind: 'unknown',
    diagnostics: [diag('ZC-E-FILE-READ', { path: file, reason: why === 'not-found' ? 'it does not exist (a dangling symbolic link?)' : why }, { file })],
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the read reports it
  }
}

/** Whether a large CSV is activity data, to be streamed (see isActivityHead), from its first 64 KB, read once. */
function isActivityFile(path: string): boolean {
  for (const chunk of fileChunks(path, 65536)()) return isActivityHead(chunk);
  return true;
}
