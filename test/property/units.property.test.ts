/**
 * Unit conversions (src/units/registry.ts over src/data/units.yaml) are exact, for every pair of
 * units of one dimension and any exact quantity (a random fraction, not only decimals):
 *  1. a→b→a gives back the original exactly;
 *  2. a→b→c equals a→c;
 *  3. every alias converts like its unit, and ratio(a, b) is size(a)/size(b) as written in units.yaml;
 *  4. parseFactorUnit reads every "numerator/denominator" spelling pair, NFKC- and space-insensitively.
 * Runs (FC_RUNS scales them, see runs.ts): 100,000 each.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import type { UnitsData } from '../../src/units/registry.js';
import { testData } from '../helpers/data.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(100_000);
const TIMEOUT = timeoutFor(N, 0.05);
const { units } = testData();
const yaml = parse(readFileSync(new URL('../../src/data/units.yaml', import.meta.url), 'utf8')) as UnitsData;

const dimensions = [...units.dimensions.keys()];
const symbolsOf = new Map(dimensions.map((d) => [d, units.unitsOf(d)]));
/** A dimension and three of its units (repeats allowed: a→a must be the identity too). */
const triple = fc.constantFrom(...dimensions).chain((d) => {
  const us = fc.constantFrom(...symbolsOf.get(d)!);
  return fc.tuple(us, us, us);
});
/** Any exact quantity: big numerators and denominators, negative too (exports are negative flows). */
const quantity = fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n })).map(([n, d]) => Rational.of(n, d));
const convert = (q: Rational, from: string, to: string) => q.mul(units.ratio(units.get(from), units.get(to)));

describe('unit conversions (fast-check)', () => {
  it('covers every unit of units.yaml', () => {
    expect([...symbolsOf.values()].flat().sort()).toEqual(Object.keys(yaml.units).sort());
    expect([...symbolsOf.values()].every((us) => us.length >= 1)).toBe(true);
  });

  it(
    'a→b→a is the identity, exactly',
    () => {
      fc.assert(
        fc.property(triple, quantity, ([a, b], q) => {
          const back = convert(convert(q, a, b), b, a);
          assert.ok(back.equals(q), `${q.toString()} ${a} → ${b} → ${a} gave ${back.toString()}`);
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'a→b→c equals a→c, exactly',
    () => {
      fc.assert(
        fc.property(triple, quantity, ([a, b, c], q) => {
          const via = convert(convert(q, a, b), b, c);
          const direct = convert(q, a, c);
          assert.ok(via.equals(direct), `${q.toString()} ${a} → ${b} → ${c} gave ${via.toString()}, ${a} → ${c} gave ${direct.toString()}`);
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'aliases convert like their unit; ratio(a, b) = size(a) / size(b) as written in units.yaml',
    () => {
      const spelling = fc.constantFrom(...units.spellings());
      fc.assert(
        fc.property(spelling, spelling, quantity, (sa, sb, q) => {
          const a = units.lookup(sa)!,
            b = units.lookup(sb)!;
          const written = (s: string) => Rational.parseDecimal(yaml.units[units.lookup(s)!.symbol]!.size)!;
          assert.ok(yaml.units[a.symbol]!.aliases?.includes(sa) || a.symbol === sa);
          if (a.dimension !== b.dimension) {
            assert.throws(() => units.ratio(a, b), /dimension mismatch/);
            return;
          }
          assert.ok(units.ratio(a, b).equals(written(sa).div(written(sb))));
          assert.ok(q.mul(units.ratio(a, b)).equals(convert(q, a.symbol, b.symbol)));
          assert.ok(units.toBase(q, a).equals(convert(q, a.symbol, units.dimensions.get(a.dimension)!)));
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'parseFactorUnit reads every spelling pair, with spaces and full-width forms',
    () => {
      const spelling = fc.constantFrom(...units.spellings());
      const FULL: Record<string, string> = { '/': '／', '2': '２', '3': '３', t: 'ｔ', C: 'Ｃ', O: 'Ｏ' };
      fc.assert(
        fc.property(spelling, spelling, fc.constantFrom('', ' ', '\u3000'), fc.boolean(), (num, den, pad, wide) => {
          let text = `${pad}${num}${pad}/${pad}${den}${pad}`;
          if (wide) text = text.replace(/[/23tCO]/g, (c) => FULL[c]!);
          const parsed = units.parseFactorUnit(text);
          assert.deepEqual(parsed, { numerator: units.lookup(num)!.symbol, denominator: units.lookup(den)!.symbol }, text);
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );
});
