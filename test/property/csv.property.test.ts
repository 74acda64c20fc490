/**
 * The fast CSV reader agrees with csv-parse: for any text, when fastCsv accepts it, csv-parse (with
 * zcpark's options) yields the same records and start lines and no error. Text is built from nasty
 * fragments (quotes, CR, LF, CRLF, commas, BOM, NUL, U+2028, lone surrogates, formulas, Chinese,
 * blanks) so irregular inputs are common.
 * Runs (FC_RUNS scales them, see runs.ts): 100,000 random texts, 25,000 well-formed tables.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fastCsv } from '../../src/parse/csv-fast.js';
import { runs, timeoutFor } from './runs.js';

const RUNS = runs(100_000);
// no lone surrogates: the two readers disagree on them (see the it.fails below), and decodeText never
// produces them (test/property/readers.property.test.ts), so no file can reach the difference
const fragment = fc.constantFrom(
  'a',
  'bc',
  '1,234',
  ',',
  '"',
  '""',
  '"x,y"',
  '"a\nb"',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '中文',
  '\ufeff',
  '',
  'q"q',
  '\0',
  '=1+2',
  '\u2028',
  '😀',
  '\t',
);

function reference(text: string): { records: string[][]; starts: number[] } | { error: string } {
  const starts: number[] = [];
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        let breaks = 0;
        for (const cell of record) breaks += (cell.match(/\r\n|\r|\n/g) ?? []).length;
        starts.push(context.lines - breaks);
        return record;
      },
    } as never) as unknown as string[][];
    return { records, starts };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('fastCsv agrees with csv-parse', () => {
  it(
    'on random text: accepted ⇒ identical records and start lines',
    () => {
      let accepted = 0;
      fc.assert(
        fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
          const text = parts.join('');
          const fast = fastCsv(text);
          if (!fast) return;
          accepted++;
          const ref = reference(text);
          assert.equal('error' in ref ? ref.error : null, null);
          assert.deepEqual(fast, ref);
        }),
        { numRuns: RUNS },
      );
      if (RUNS >= 1000) expect(accepted).toBeGreaterThan(RUNS / 20); // the property is not vacuous
    },
    timeoutFor(RUNS, 0.1),
  );

  // DEFECT (src/parse/csv-fast.ts, not fixed here): fastCsv keeps a lone surrogate as it is, while csv-parse
  // (which works on UTF-8 bytes) turns it into U+FFFD, so parseCsv's result depends on which path read the text.
  // Input "\udc00": fastCsv gives [["\udc00"]], csv-parse [["\ufffd"]]. Expected: the same records. Only
  // in-process callers can hit it: decoded files never hold lone surrogates.
  it.fails('on text with a lone surrogate: the same records', () => {
    for (const text of ['\udc00', 'a,\ud800\n']) expect(fastCsv(text)).toEqual(reference(text));
  });

  it(
    'on well-formed tables it always accepts',
    () => {
      const cell = fc.string({ maxLength: 6 }).map((s) => s.replace(/[\u0000\r\n]/g, '')); // cells with line breaks go to csv-parse
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 5 }),
          fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
          fc.constantFrom('\n', '\r\n'),
          (w, rows, nl) => {
            const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
            const text = rows.map((r) => r.slice(0, w).map(quote).join(',')).join(nl) + nl;
            const fast = fastCsv(text);
            assert.ok(fast, 'a well-formed table is accepted');
            assert.deepEqual(fast, reference(text));
          },
        ),
        { numRuns: runs(25_000) },
      );
    },
    timeoutFor(runs(25_000), 0.2),
  );
});
