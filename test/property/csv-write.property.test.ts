/**
 * CSV writing (src/report/escape.ts csvFile, on csv-stringify) writes the very bytes of the hand-written writer it
 * replaced, kept below as the reference: cell by cell `termText`, the formula guard, quoting; a BOM; CRLF rows.
 * Runs (FC_RUNS scales them, see runs.ts): 100,000 tables of up to 4 × 6 cells drawn from text full of the
 * characters that matter (, " ' = + - @, tab, CR, LF, controls, bidi marks, surrogates), numbers and booleans.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { csvFile, termText } from '../../src/report/escape.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(100_000);

/** The writer csvFile replaced, as it was. */
function csvCell(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  let s = termText(x);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const reference = (rows: unknown[][]): string => `\ufeff${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;

const piece = fc.constantFrom(',', '"', "'", '=', '+', '-', '@', '\t', '\r', '\n', '\r\n', ' ', 'a', '园', '\u001b', '\u202e', '\ud800', '\ufeff', '""');
const text = fc.oneof(
  fc.array(piece, { maxLength: 6 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const cell = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));

describe('csvFile', () => {
  it('writes the bytes of the former writer', { timeout: timeoutFor(N, 0.05) }, () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), (rows) => {
        assert.equal(csvFile(rows), reference(rows));
      }),
      { numRuns: N },
    );
  });
});
