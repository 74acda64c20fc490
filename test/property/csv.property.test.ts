/**
 * The fast CSV reader agrees with csv-parse: for any text, when fastCsv accepts it, csv-parse (with
 * zcpark's options) yields the same records and start lines and no error. Text is built from nasty
 * fragments (quotes, CR, LF, CRLF, commas, BOM, Chinese, blanks) so irregular inputs are common.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fastCsv } from '../../src/parse/csv-fast.js';

const RUNS = Number(process.env.FC_RUNS ?? 2000);
const fragment = fc.constantFrom('a', 'bc', '1,234', ',', '"', '""', '"x,y"', '"a\nb"', '\n', '\r\n', '\r', ' ', '中文', '\ufeff', '', 'q"q');

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
  it('on random text: accepted ⇒ identical records and start lines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const fast = fastCsv(text);
        if (!fast) return;
        accepted++;
        const ref = reference(text);
        expect('error' in ref ? ref.error : null).toBeNull();
        expect(fast).toEqual(ref);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS / 20); // the property is not vacuous
  });

  it('on well-formed tables it always accepts', () => {
    const cell = fc.string({ maxLength: 6 }).map((s) => s.replace(/[\u0000\r\n]/g, '')); // cells with line breaks go to csv-parse
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (w, rows, nl) => {
        const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const text = rows.map((r) => r.slice(0, w).map(quote).join(',')).join(nl) + nl;
        const fast = fastCsv(text);
        expect(fast).toBeDefined();
        expect(fast).toEqual(reference(text));
      }),
      { numRuns: Math.floor(RUNS / 4) },
    );
  });
});
