/** The machine format: the report object itself, two-space indented, newline-terminated. */
import type { Report } from '../types.js';
import { jsonText } from '../escape.js';
import type { ReportFormat } from './format.js';

export const renderJson = (report: Report): string => `${jsonText(JSON.stringify(report, null, 2))}\n`;

/** Several reports: one JSON array (of the valid ones, in the order given). */
export const renderJsonMany = (reports: readonly Report[]): string => `${JSON.stringify(reports, null, 2)}\n`;

export const json: ReportFormat = { name: 'json', extensions: ['.json'], render: renderJson, renderMany: renderJsonMany };
