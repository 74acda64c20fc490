/** One unit of batch work and how it is done: the same code in a worker thread or in the main thread. */
import { jsonText } from '../../report/escape.js';
import { diag, hasErrors, localize, type Lang } from '../../diagnostics/codes.js';

import { evaluate } from '../../engine.js';
import type { Diagnostic } from '../../model/types.js';
import { rosterColumns, rosterRowDocument } from '../../normalize/roster.js';
import { decodeText } from '../../parse/decode.js';
import type { CsvRow, ParsedCsv } from '../../parse/csv.js';
import { entryOf, type BatchEntry } from '../../report/batch.js';
import { RENDERERS } from '../../report/formats/index.js';
import { configureOutcome, type Config } from '../config.js';
import { data, submissionInput, type RunOverrides } from '../context.js';
import { documentKind } from '../discover.js';
import { displayPath, FileTooLarge, readFailure, readTracked } from '../io.js';

/** A submission file, or a slice of a roster (its header travels with it, parsed once by the main thread). */
export type Task =
  | { index: number; kind: 'file'; path: string; explicit: boolean }
  | { index: number; kind: 'roster'; roster: Omit<ParsedCsv, 'rows' | 'skipped' | 'diagnostics'>; row: { line: number; cells: [string, string][] } };

/** What a task yields: a report (as the JSON text and its summary line, plus a rendering for --out-dir) or errors. */
export type TaskResult = (
  | { index: number; skip: true }
  | { index: number; ok: true; json: string; entry: BatchEntry; rendered?: string; warnings: Diagnostic[] }
  | { index: number; ok: false; file: string; row?: number; errors: Diagnostic[] }
) & {
  /** The files a worker thread read for the task (real paths and dev:inode), for the main thread, which writes. */
  reads?: { paths: string[]; ids: string[] };
};

export interface TaskOptions {
  profile?: string;
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

/** Column meanings of each roster header, read once per file in this thread (not once per row). */
const rosterTargets = new Map<string, ReturnType<typeof rosterColumns>['targets']>();

/** Runs one task; never throws for bad input (that is a result). */
export function runTask(task: Task, overrides: RunOverrides, opts: TaskOptions): TaskResult {
  const d = data();
  let out;
  let file: string;
  let row: number | undefined;
  if (task.kind === 'file') {
    file = displayPath(task.path);
    let bytes: Buffer;
    try {
      bytes = readTracked(task.path);
    } catch (e) {
      if (e instanceof FileTooLarge) return { index: task.index, ok: false, file, errors: [diag('ZC-E-FILE-TOO-LARGE', e.args(file), { file, line: 1 })] };
      const why = readFailure(e);
      return { index: task.index, ok: false, file, errors: [diag('ZC-E-FILE-READ', { path: file, reason: why === 'not-found' ? 'it no longer exists' : why }, { file })] };
    }
    const decoded = decodeText(bytes);
    if ('error' in decoded) return task.explicit ? { index: task.index, ok: false, file, errors: [diag('ZC-E-FILE-ENCODING', { path: file, reason: decoded.error }, { file, line: decoded.line ?? 1 })] } : { index: task.index, skip: true };
    // in a folder, only submissions count: factor sets, packs and other YAML are passed over
    const kind = documentKind(decoded.text);
    if ((kind && kind !== 'submission') || (!kind && !task.explicit)) return { index: task.index, skip: true };
    out = evaluate(submissionInput(task.path, file, decoded.text, overrides, false, opts.lang ?? 'en'), d);
  } else {
    file = task.roster.file;
    row = task.row.line;
    const csv: ParsedCsv = { ...task.roster, rows: [], skipped: [], diagnostics: [] };
    const csvRow: CsvRow = { line: task.row.line, cells: new Map(task.row.cells) };
    let targets = rosterTargets.get(file);
    if (!targets) rosterTargets.set(file, (targets = rosterColumns(csv, d.vocabulary).targets));
    const doc = rosterRowDocument(csv, targets, csvRow);
    out = evaluate({ ...submissionInput(file, file, '', overrides, false, opts.lang ?? 'en'), doc }, d);
  }
  if (!out.report || hasErrors(out.diagnostics)) {
    // messages are localised here: the arguments behind them do not survive the trip to the main thread
    const lang = opts.lang ?? 'en';
    return { index: task.index, ok: false, file, ...(row !== undefined ? { row } : {}), errors: out.diagnostics.filter((x) => x.severity === 'error').map((x) => ({ ...x, message: localize(x, lang) })) };
  }
  const configured = configureOutcome(out.report, out.diagnostics, opts.settings);
  if (configured.raised.length) {
    const lang = opts.lang ?? 'en';
    return { index: task.index, ok: false, file, ...(row !== undefined ? { row } : {}), errors: configured.raised.map((x) => ({ ...x, message: localize(x, lang) })) };
  }
  // a roster row's findings about the row as a whole (a band, no activity) are placed on that row, in the report too
  if (row !== undefined) for (const w of out.report.warnings) if (w.file === file && w.line === undefined) w.line = row;
  const rl = { color: false, lang: opts.lang ?? 'en' };
  const json = opts.noJson && !opts.perReport ? '' : opts.compact ? jsonText(JSON.stringify(out.report)) : RENDERERS.json!(out.report, rl);
  const rendered = opts.perReport && (opts.perReport !== 'json' || opts.compact) ? RENDERERS[opts.perReport]!(out.report, rl) : undefined;
  // (markdown and html reports for --out-dir are rendered here, in the worker)
  const warnings = row === undefined ? configured.diagnostics : configured.diagnostics.map((x) => (x.file === file && x.line === undefined ? { ...x, line: row, row } : x));
  return { index: task.index, ok: true, json, entry: entryOf(out.report, row), ...(rendered ? { rendered } : {}), warnings };
}
