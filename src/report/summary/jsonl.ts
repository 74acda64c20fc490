/** The batch results as JSON lines: one line per report or error, in input order, streamed as they come. */
import type { BatchView, SummaryFormat } from './format.js';

/** The lines gathered for a file (-o, --out-dir); on stdout they are written as they come. */
export const renderBatchJsonl = (v: BatchView): string => (v.lines?.length ? `${v.lines.join('\n')}\n` : '');

export const jsonl: SummaryFormat = { name: 'jsonl', extensions: ['.jsonl'], summaryExtension: 'jsonl', streams: true, render: renderBatchJsonl };
