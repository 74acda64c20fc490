/** The batch summary format registry (format.ts says what a format is): `batch --format` reads it. */
import { csv } from './csv.js';
import type { SummaryFormat } from './format.js';
import { html } from './html.js';
import { json } from './json.js';
import { jsonl } from './jsonl.js';
import { markdown } from './markdown.js';
import { table } from './table.js';

export type { BatchView, SummaryFormat } from './format.js';

/** In the order `--help` and error messages list them. */
export const SUMMARY_FORMATS: readonly SummaryFormat[] = [table, json, jsonl, csv, markdown, html];

/** A format by name. */
export const SUMMARY_FORMAT: Readonly<Record<string, SummaryFormat>> = Object.fromEntries(SUMMARY_FORMATS.map((f) => [f.name, f]));
