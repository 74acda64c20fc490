/** The batch summary as one zcpark-batch/1 JSON document: summary, every report, errors. */
import { jsonText } from '../escape.js';
import type { BatchView, SummaryFormat } from './format.js';

/**
 * `{ format, summary, results, errors }`, the report texts spliced in with their indentation, piece by piece (one
 * report at a time) so a caller can write 10,000 reports (170 MB) without building the whole text: joined into one
 * string, with each report split into lines to indent it, the run peaked at 1.5 GB.
 */
export function* batchJsonChunks(v: BatchView): Generator<string> {
  const summary = jsonText(JSON.stringify(v.summary, null, 2)).replace(/\n/g, '\n  ');
  const errors = jsonText(JSON.stringify(v.errors, null, 2)).replace(/\n/g, '\n  ');
  const texts = v.reportTexts ?? [];
  yield `{\n  "format": "zcpark-batch/1",\n  "summary": ${summary},\n  "results": [`;
  for (let i = 0; i < texts.length; i++) yield `${i ? ',' : ''}\n    ${texts[i]!.trimEnd().replace(/\n/g, '\n    ')}`;
  yield `${texts.length ? '\n  ' : ''}],\n  "errors": ${errors}\n}\n`;
}

export const json: SummaryFormat = {
  name: 'json',
  extensions: ['.json'],
  summaryExtension: 'json',
  render: (v) => [...batchJsonChunks(v)].join(''),
  chunks: batchJsonChunks,
};
