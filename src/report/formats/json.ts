/** The machine format: the report object itself, two-space indented, newline-terminated. */
import type { Report } from '../types.js';

export const renderJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;
