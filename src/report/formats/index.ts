/** The report format registry: every format of one report, by name (format.ts says what a format is). */
import { csv } from './csv.js';
import type { ReportFormat, Renderer } from './format.js';
import { html } from './html.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { table } from './table.js';

export type { RenderOptions, Renderer, ReportFormat } from './format.js';

/** In the order `--help` and error messages list them. */
export const REPORT_FORMATS: readonly ReportFormat[] = [json, table, markdown, csv, html];

/** A format by name. */
export const REPORT_FORMAT: Readonly<Record<string, ReportFormat>> = Object.fromEntries(REPORT_FORMATS.map((f) => [f.name, f]));

/** Each format's one-report renderer, by name. */
export const RENDERERS: Readonly<Record<string, Renderer>> = Object.fromEntries(REPORT_FORMATS.map((f) => [f.name, f.render]));
