/**
 * The per-file cap on problems (capDiagnostics) and the "did you mean" search (suggest).
 * The cap: at most 100 errors and 100 warnings per file, in the order found, then one line per file and
 * severity with the exact count of the rest; capped lines made earlier (a streamed CSV) are merged into it.
 * suggest skips candidates whose length alone puts them out of reach; a fast-check property compares it
 * with the plain search over every candidate.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capDiagnostics, diag, MAX_PROBLEMS } from '../../src/diagnostics/codes.js';
import { suggest } from '../../src/diagnostics/suggest.js';
import type { Diagnostic } from '../../src/model/types.js';
import { runs, timeoutFor } from '../property/runs.js';

const bad = (file: string, line: number): Diagnostic => diag('ZC-E-NUMBER-INVALID', { where: `row ${line}`, found: 'x' }, { file, line });
const odd = (file: string, line: number): Diagnostic => diag('ZC-W-CSV-UNKNOWN-COLUMN', { found: `c${line}`, hint: '' }, { file, line });
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.file}:${d.line ?? ''} ${d.code}`);

describe('capDiagnostics', () => {
  it('leaves 100 problems of a kind per file as they are', () => {
    const ds = [...Array.from({ length: 100 }, (_, i) => bad('a.csv', i + 2)), ...Array.from({ length: 100 }, (_, i) => odd('a.csv', i + 2))];
    expect(capDiagnostics(ds)).toEqual(ds);
  });

  it('shows the first 100 errors and 100 warnings of each file and counts the rest, file by file', () => {
    const ds = [
      ...Array.from({ length: 250 }, (_, i) => bad('a.csv', i + 2)),
      ...Array.from({ length: 101 }, (_, i) => odd('a.csv', i + 2)),
      ...Array.from({ length: 30 }, (_, i) => bad('b.csv', i + 2)),
    ];
    const out = capDiagnostics(ds);
    // a.csv: 100 errors shown, 150 more; 100 warnings shown, 1 more; b.csv: all 30
    expect(out).toHaveLength(100 + 100 + 30 + 2);
    expect(codes(out.slice(0, 100))).toEqual(codes(ds.slice(0, 100)));
    expect(codes(out.slice(100, 200))).toEqual(codes(ds.slice(250, 350)));
    expect(codes(out.slice(200, 230))).toEqual(codes(ds.slice(351)));
    expect(out.slice(-2).map((d) => [d.code, d.file, d.message])).toEqual([
      ['ZC-E-ERRORS-CAPPED', 'a.csv', 'a.csv: 150 more errors not shown (the first 100 are); fix those, or the export that produced them, and run again'],
      ['ZC-W-WARNINGS-CAPPED', 'a.csv', 'a.csv: 1 more warnings not shown (the first 100 are)'],
    ]);
  });

  it('merges a capped line made earlier (a streamed CSV counted 900 it did not build) with what it drops itself', () => {
    const ds = [
      ...Array.from({ length: 100 }, (_, i) => bad('a.csv', i + 2)),
      diag('ZC-E-ERRORS-CAPPED', { file: 'a.csv', shown: MAX_PROBLEMS, more: 900 }, { file: 'a.csv' }),
      bad('a.csv', 5000), // e.g. a balance check after reading: over the cap, so counted with the rest
    ];
    const out = capDiagnostics(ds);
    expect(out).toHaveLength(101);
    expect(out.at(-1)!.message).toMatch(/^a\.csv: 901 more errors not shown/);
  });

  it('gives the same list when run twice (validate caps what the engine capped)', () => {
    const ds = [...Array.from({ length: 333 }, (_, i) => bad('a.csv', i + 2)), ...Array.from({ length: 150 }, (_, i) => odd('p.yaml', i + 1))];
    const once = capDiagnostics(ds);
    expect(capDiagnostics(once)).toEqual(once);
  });
});

/** The plain search suggest() must agree with: the nearest candidate by edit distance, the earlier on a tie, if near enough. */
function plainSuggest(word: string, candidates: string[]): string | undefined {
  const lev = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  };
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = lev(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.ceil(w.length / 3)) ? best : undefined;
}

describe('suggest', () => {
  const N = runs(20_000);
  it(
    'agrees with the plain search over every candidate (the length filter changes no answer)',
    () => {
      // short words over a small alphabet, with case and a letter whose lower case is longer (İ → i̇), so near misses abound
      const word = fc.array(fc.constantFrom('a', 'b', 'c', '_', 'A', 'İ', '碳'), { maxLength: 9 }).map((xs) => xs.join(''));
      fc.assert(
        fc.property(word, fc.array(word, { maxLength: 12 }), (w, cs) => {
          assert.equal(suggest(w, cs), plainSuggest(w, cs));
        }),
        { numRuns: N },
      );
    },
    timeoutFor(N, 0.1),
  );

  it('finds the typo of a pack key', () => {
    expect(suggest('solid_waste_utilisation_rate', ['solid_waste_utilization_rate', 'water_reuse_rate'])).toBe('solid_waste_utilization_rate');
    expect(suggest('gdp', ['solid_waste_utilization_rate'])).toBeUndefined();
  });
});
