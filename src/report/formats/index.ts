/** The renderer registry: a format name → a function of the report that returns text. */
import type { Report } from '../types.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  color: boolean;
  lang: 'en' | 'zh';
  /** Terminal tables: the width to fit (the terminal's columns); DEFAULT_WIDTH when not given. */
  width?: number;
}

export type Renderer = (report: Report, opts: RenderOptions) => string;

export const RENDERERS: Record<string, Renderer> = {
  json: renderJson,
  table: renderTable,
  markdown: renderMarkdown,
  csv: renderCsv,
  html: renderHtml,
};
