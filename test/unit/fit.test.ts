/**
 * Terminal tables split by columns (src/report/formats/fit.ts, splitTable): a table too wide for the terminal is
 * drawn as several, each repeating the row labels; one that fits is drawn as cli-table3 draws it.
 */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { splitTable } from '../../src/report/formats/fit.js';

const style = { head: [], border: [], compact: true };
const head = ['year', 'a', 'b', 'c', 'd'];
const rows = [
  ['2020', '1,000', '22', '333', '4,444'],
  ['2021', '1,001', '23', '334', '4,445'],
];
const aligns = ['left', 'right', 'right', 'right', 'right'] as const;
const widths = (text: string) => text.split('\n').map((l) => stringWidth(l));

describe('splitTable', () => {
  it('draws a table that fits exactly as cli-table3 does', () => {
    const t = new Table({ head, style, colAligns: [...aligns] });
    for (const r of rows) t.push(r);
    expect(splitTable(head, rows, { total: 100, keep: 1, colAligns: aligns, style })).toBe(t.toString());
  });

  it('splits a wider one into tables that fit, each with the labels, the columns in order', () => {
    // each column is its widest cell plus a space either side: year 6, a 7 (1,000), b 4, c 5, d 7 = 29, and 6 borders: 35
    const whole = splitTable(head, rows, { total: 100, keep: 1, colAligns: aligns, style });
    expect(Math.max(...widths(whole))).toBe(35);
    // with e (55,555: 8) and f (666,666: 9) it is 35 + 9 + 10 = 54 wide; at 40, year a b c d (35) is one table and
    // year e f (6 + 8 + 9 + 4 borders = 27) the next
    const split = splitTable(
      [...head, 'e', 'f'],
      rows.map((r) => [...r, '55,555', '666,666']),
      { total: 40, keep: 1, colAligns: [...aligns, 'right', 'right'], style },
    );
    expect([...new Set(widths(split))]).toEqual([35, 27]);
    const heads = split.split('\n').filter((l) => l.startsWith('│ year'));
    expect(
      heads.map((l) =>
        l
          .split('│')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ).toEqual([
      ['year', 'a', 'b', 'c', 'd'],
      ['year', 'e', 'f'],
    ]);
    // every row appears in every part, with its label
    expect(split.split('\n').filter((l) => l.startsWith('│ 2021'))).toHaveLength(2);
  });

  it('keeps a column wider than the terminal on its own rather than dropping it', () => {
    const wide = 'x'.repeat(60);
    const out = splitTable(['k', 'v', 'w'], [['1', wide, '2']], { total: 40, keep: 1, colAligns: ['left', 'left', 'left'], style });
    expect(out).toContain(wide);
    expect(out.split('\n').filter((l) => l.startsWith('│ k'))).toHaveLength(2);
  });
});
