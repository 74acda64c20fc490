/**
 * The shape of a batch summary format, and the view every one renders: one file per format in this folder exports a
 * SummaryFormat, and index.ts lists it.
 */
import type { Lang } from '../../diagnostics/codes.js';
import type { BatchEntry, BatchError, BatchSummary } from '../batch.js';

export interface BatchView {
  summary: BatchSummary;
  entries: readonly BatchEntry[];
  errors: readonly BatchError[];
  /** Pretty JSON text of each report, in input order (only for the json format). */
  reportTexts?: readonly string[];
  /** File name of each entry's own report under --out-dir (parallel to entries), for links. */
  links?: readonly string[];
  lang?: Lang;
  /** The terminal table's width (the terminal's columns); DEFAULT_WIDTH (../formats/fit.ts) when not given. */
  width?: number;
  /** The jsonl lines of the run (reports and errors in input order), when they are written to a file. */
  lines?: readonly string[];
}

export interface SummaryFormat {
  /** The value of `batch --format`. */
  name: string;
  /** File extensions of -o that choose this format, with their dot, lower case. */
  extensions: readonly string[];
  /** The extension of summary.<ext> under --out-dir. */
  summaryExtension: string;
  /** The format and extension of each submission's own file under --out-dir (JSON when not given). */
  perReport?: { format: string; extension: string };
  /** Lines written to stdout as the results come (jsonl), rather than one document at the end. */
  streams?: boolean;
  /** The summary as one text; `color` only for a terminal. */
  render: (view: BatchView, opts: { color: boolean }) => string;
  /** The summary in pieces, for a text too large to hold at once (10,000 reports in JSON); used instead of render. */
  chunks?: (view: BatchView) => Iterable<string>;
}

/** A submission's place: its file, and its roster row. */
export const where = (e: { file: string; row?: number }) => `${e.file}${e.row !== undefined ? `:${e.row}` : ''}`;
/** The first finding of a broken input, on one line. */
export const firstError = (e: BatchError) => {
  const d = e.errors[0];
  return d ? `${d.code}${d.field ? ` [${d.field}]` : ''}: ${d.message}` : '';
};
