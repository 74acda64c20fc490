/** The machine format: the report object itself, two-space indented, newline-terminated. */
import type { Report } from '../types.js';
import { jsonText } from '../escape.js';

export const renderJson = (report: Report): string => `${jsonText(JSON.stringify(report, null, 2))}\n`;
