/**
 * The exact arithmetic under every figure (src/model/rational.ts), on random fractions with big terms:
 *  1. toNumber() is the nearest double (ties to even), checked exactly against both neighbouring doubles,
 *     on random fractions and on exact midpoints between two doubles (± a hair): every JSON number of a
 *     report is made this way;
 *  2. a terminating fraction prints as a decimal that parses back to the same value; any other prints
 *     as its nearest double marked with "…";
 *  3. field laws hold exactly: (a + b) − b = a, (a × b) ÷ b = a, a × (b + c) = a×b + a×c, and cmp
 *     agrees with the sign of the difference.
 * Runs (FC_RUNS scales them, see runs.ts): 50,000 for 1 (near-ties carry 2^-1074 denominators: 0.04 ms),
 * 100,000 for 2, 20,000 for 3 (products of 400-digit terms: 0.07 ms).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(100_000);
const TIMEOUT = timeoutFor(N, 0.1);

/** Terms from tiny to far beyond 2^53, and decimal-looking denominators (2^a·5^b) often. */
const term = fc.oneof(
  fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
  fc.bigInt({ min: -(10n ** 400n), max: 10n ** 400n }),
);
const denominator = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 6n }),
  fc.bigInt({ min: 1n, max: 2n ** 80n }),
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]) => 2n ** BigInt(a) * 5n ** BigInt(b)),
);
const rational = fc.tuple(term, denominator).map(([n, d]) => Rational.of(n, d));

/** The next double away from zero or towards it, through the bits (finite, non-zero x). */
function step(x: number, away: boolean): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigUint64(0, v.getBigUint64(0) + (away ? 1n : -1n));
  return v.getFloat64(0);
}
const abs = (r: Rational) => (r.isNegative() ? r.neg() : r);
/** Exactly halfway between a double and its neighbour, or a hair either side: where rounding goes wrong. */
const nearTie = fc
  .tuple(
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0 && Math.abs(x) < Number.MAX_VALUE),
    fc.constantFrom(-1n, 0n, 1n),
    fc.bigInt({ min: 1n, max: 2n ** 64n }),
  )
  .map(([x, side, k]) => {
    const a = Rational.exactOfDouble(x),
      b = Rational.exactOfDouble(step(x, true));
    const mid = a.add(b).mul(Rational.of(1n, 2n));
    return side === 0n ? mid : mid.add(b.sub(a).mul(Rational.of(side, k * 2n ** 64n)));
  });
const evenMantissa = (x: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return (v.getBigUint64(0) & 1n) === 0n;
};

describe('Rational (fast-check)', () => {
  it(
    'toNumber() is the nearest double, ties to even',
    () => {
      fc.assert(
        fc.property(fc.oneof(rational, nearTie), (r) => {
          const x = r.toNumber();
          if (!Number.isFinite(x)) {
            // beyond the largest double: only for values at least MAX_VALUE + half an ulp
            assert.ok(abs(r).cmp(Rational.exactOfDouble(Number.MAX_VALUE)) > 0, `${r.toString()} → ${x}`);
            return;
          }
          if (x === 0) {
            assert.ok(abs(r).cmp(Rational.exactOfDouble(Number.MIN_VALUE).mul(Rational.of(1n, 2n))) <= 0, `${r.n}/${r.d} → 0`);
            return;
          }
          assert.equal(Math.sign(x), r.isNegative() ? -1 : 1);
          const err = abs(r.sub(Rational.exactOfDouble(x)));
          for (const away of [true, false]) {
            const y = step(x, away);
            if (!Number.isFinite(y) || y === 0 || Math.sign(y) !== Math.sign(x)) continue;
            const other = abs(r.sub(Rational.exactOfDouble(y)));
            const c = err.cmp(other);
            assert.ok(c < 0 || (c === 0 && evenMantissa(x)), `${r.n}/${r.d} → ${x}, but ${y} is ${c === 0 ? 'as near and even' : 'nearer'}`);
          }
        }),
        { numRuns: runs(50_000) },
      );
    },
    TIMEOUT,
  );

  it(
    'toString(): a terminating fraction round-trips through its decimal text; others print their nearest double with "…"',
    () => {
      fc.assert(
        fc.property(rational, (r) => {
          const s = r.toString();
          if (s.endsWith('…')) {
            let d = r.d;
            while (d % 2n === 0n) d /= 2n;
            while (d % 5n === 0n) d /= 5n;
            assert.notEqual(d, 1n, `${s} for a terminating fraction`);
            assert.equal(s, `${r.toNumber()}…`);
          } else {
            assert.match(s, /^-?\d+(\.\d*[1-9])?$/);
            assert.ok(Rational.parseDecimal(s, Infinity)!.equals(r), `${r.n}/${r.d} printed ${s}`);
          }
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'field laws hold exactly',
    () => {
      fc.assert(
        fc.property(rational, rational, rational, (a, b, c) => {
          assert.ok(a.add(b).sub(b).equals(a), '(a + b) − b = a');
          if (!b.isZero()) assert.ok(a.mul(b).div(b).equals(a), '(a × b) ÷ b = a');
          assert.ok(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c))), 'a × (b + c) = a×b + a×c');
          const diff = a.sub(b);
          assert.equal(a.cmp(b), diff.isZero() ? 0 : diff.isNegative() ? -1 : 1);
          assert.ok(a.d > 0n, 'denominator positive');
        }),
        { numRuns: runs(20_000) },
      );
    },
    TIMEOUT,
  );
});
