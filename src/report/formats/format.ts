/**
 * The shape of a report format: one file per format in this folder exports one of these, and index.ts lists it.
 * A new format for `evaluate` (and for the per-submission files of `batch --out-dir`) is a new file here plus a line there.
 */
import type { Lang } from '../../diagnostics/codes.js';
import type { Report } from '../types.js';

export interface RenderOptions {
  color: boolean;
  lang: Lang;
  /** Terminal tables: the width to fit (the terminal's columns); DEFAULT_WIDTH (fit.ts) when not given. */
  width?: number;
}

export type Renderer = (report: Report, opts: RenderOptions) => string;

export interface ReportFormat {
  /** The value of --format. */
  name: string;
  /** File extensions of -o that choose this format, with their dot, lower case. */
  extensions: readonly string[];
  /** One report as a whole document. */
  render: Renderer;
  /** Several reports as one document (one CSV table, one HTML page, one JSON array); without it they are stacked, a blank line between. */
  renderMany?: (reports: readonly Report[], opts: RenderOptions) => string;
}
