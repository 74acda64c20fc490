import { describe, expect, it } from 'vitest';
import { Rational, sum } from '../../src/model/rational.js';

const r = (s: string) => Rational.parseDecimal(s)!;

describe('Rational', () => {
  it('reads decimals exactly', () => {
    expect(r('12.5').equals(Rational.of(25n, 2n))).toBe(true);
    expect(r('-1e-3').equals(Rational.of(-1n, 1000n))).toBe(true);
    expect(r('.5').toString()).toBe('0.5');
    expect(r('1.2e4').toString()).toBe('12000');
    expect(Rational.parseDecimal('1,2')).toBeUndefined();
    expect(Rational.parseDecimal('0x10')).toBeUndefined();
    expect(Rational.parseDecimal('')).toBeUndefined();
  });

  it('reads a JS number as the decimal it was written as', () => {
    // 0.1 is 0.1000000000000000055… as a double; the user wrote 0.1
    expect(Rational.fromNumber(0.1).equals(Rational.of(1n, 10n))).toBe(true);
    expect(Rational.fromNumber(85.2).toString()).toBe('85.2');
  });

  it('adds without float drift: 0.1 + 0.2 = 0.3 exactly', () => {
    expect(r('0.1').add(r('0.2')).equals(r('0.3'))).toBe(true);
    expect(r('0.1').add(r('0.2')).toNumber()).toBe(0.3);
  });

  it('sums in any order to the same value', () => {
    const xs = ['0.1', '1e20', '-1e20', '0.7', '3.3333'].map(r);
    expect(sum(xs).equals(sum([...xs].reverse()))).toBe(true);
    expect(sum(xs).toString()).toBe('4.1333');
  });

  it('converts to the nearest double', () => {
    expect(Rational.of(1n, 3n).toNumber()).toBe(1 / 3);
    expect(Rational.of(2n, 3n).toNumber()).toBe(2 / 3);
    expect(Rational.of(-7n, 9n).toNumber()).toBe(-7 / 9);
    expect(r('0.8325').mul(r('46814')).toNumber()).toBe(38972.655);
  });

  it('prints exact decimals, and marks non-terminating ones', () => {
    expect(r('12.50').toString()).toBe('12.5');
    expect(r('-0.001').toString()).toBe('-0.001');
    expect(Rational.of(1n, 3n).toString()).toBe('0.3333333333333333…');
  });

  it('compares, min, max', () => {
    expect(r('0.2').cmp(r('0.20'))).toBe(0);
    expect(r('0.2').min(r('0.19')).toString()).toBe('0.19');
    expect(r('-1').max(r('0')).toString()).toBe('0');
  });
});

describe('Rational.toNumber is correctly rounded', () => {
  // the nearest double: no neighbouring double is closer to the exact value (ties to the even significand)
  const nearest = (r: Rational) => {
    const x = r.toNumber();
    const dist = (y: number) => {
      const d = r.sub(Rational.exactOfDouble(y));
      return d.isNegative() ? d.neg() : d;
    };
    const up = x === 0 ? Number.MIN_VALUE : nextAfter(x, Infinity);
    const down = x === 0 ? -Number.MIN_VALUE : nextAfter(x, -Infinity);
    return dist(x).cmp(dist(up)) <= 0 && dist(x).cmp(dist(down)) <= 0;
  };
  const nextAfter = (x: number, to: number) => {
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    const b = v.getBigUint64(0);
    v.setBigUint64(0, x > 0 === to > x ? b + 1n : b - 1n);
    return v.getFloat64(0);
  };
  it('for fractions of safe integers (the fast path)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }), fc.bigInt({ min: 2n, max: 2n ** 53n - 1n }), (n, d) =>
        nearest(Rational.of(n, d)),
      ),
      { numRuns: 3000 },
    );
  });
  it('for large numerators and denominators (the exact-correction path)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.bigInt({ min: 10n ** 16n, max: 10n ** 30n }), (n, d) => nearest(Rational.of(n, d))),
      { numRuns: 3000 },
    );
  });
  it('on a near-tie that a 25-digit expansion rounds the wrong way', () => {
    // -3 / 9007199254740986: Python's float(Fraction(-3, 9007199254740986)) = -3.330669073875472e-16
    expect(Rational.of(-3n, 9007199254740986n).toNumber()).toBe(-3.330669073875472e-16);
  });
});

describe('Rational: the number fast path agrees with BigInt arithmetic', () => {
  // a reference on plain BigInt fractions: the hybrid must give the same reduced n/d for every operation,
  // including values that straddle 2^53, where the fast path has to notice an inexact product and move to BigInt
  const gcd = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) [a, b] = [b, a % b];
    return a;
  };
  const norm = (n: bigint, d: bigint): [bigint, bigint] => {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d) || 1n;
    return [n / g, d / g];
  };
  const same = (x: Rational, [n, d]: [bigint, bigint]) => x.n === n && x.d === d;
  it('add, sub, mul, div, cmp and equals, near and far from 2^53', async () => {
    const fc = (await import('fast-check')).default;
    const big = fc.oneof(
      fc.bigInt({ min: -1000n, max: 1000n }),
      fc.bigInt({ min: -(2n ** 53n) - 5n, max: 2n ** 53n + 5n }),
      fc.bigInt({ min: 2n ** 26n - 3n, max: 2n ** 27n }), // products near 2^53
      fc.bigInt({ min: 2n ** 52n, max: 2n ** 54n }),
      fc.constantFrom(0n, 1n, -1n, 2n ** 53n - 1n, -(2n ** 53n) + 1n, 2n ** 53n, 2n ** 53n + 1n),
    );
    const pos = big.map((x) => (x === 0n ? 1n : x < 0n ? -x : x));
    fc.assert(
      fc.property(big, pos, big, pos, (a, b, c, e) => {
        const x = Rational.of(a, b),
          y = Rational.of(c, e);
        expect(same(x.add(y), norm(a * e + c * b, b * e))).toBe(true);
        expect(same(x.sub(y), norm(a * e - c * b, b * e))).toBe(true);
        expect(same(x.mul(y), norm(a * c, b * e))).toBe(true);
        if (c !== 0n) expect(same(x.div(y), norm(a * e, b * c))).toBe(true);
        const l = a * e,
          r = c * b;
        expect(x.cmp(y)).toBe(l < r ? -1 : l > r ? 1 : 0);
        expect(x.equals(y)).toBe(l === r);
        expect(x.isZero()).toBe(a === 0n);
        expect(x.isNegative()).toBe(a < 0n);
        expect(Object.is(x.toNumber(), -0)).toBe(false);
      }),
      { numRuns: 20000 },
    );
  }, 60_000);
  it('reads decimals the same way on both paths', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -20, max: 20 }), (m, e) => {
        const text = `${m}e${e}`;
        const expected = e >= 0 ? norm(m * 10n ** BigInt(e), 1n) : norm(m, 10n ** BigInt(-e));
        expect(same(Rational.parseDecimal(text)!, expected)).toBe(true);
      }),
      { numRuns: 20000 },
    );
    expect(Rational.parseDecimal('-0.000')!.equals(Rational.ZERO)).toBe(true);
    expect(Object.is(Rational.parseDecimal('-0')!.toNumber(), 0)).toBe(true);
  });
});

describe('Rational.accumulate (the in-place running sum of streamed files)', () => {
  it('equals the sum by add, across the 2^53 boundary', async () => {
    const fc = (await import('fast-check')).default;
    const term = fc.tuple(
      fc.oneof(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n })),
      fc.oneof(fc.constantFrom(1n, 10n, 100n, 1000n, 3n, 7n), fc.bigInt({ min: 1n, max: 2n ** 40n })),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 30 }), (terms) => {
        const acc = { n: 0, d: 1, big: null };
        let sum = Rational.ZERO;
        for (const [n, d] of terms) {
          const r = Rational.of(n, d);
          Rational.accumulate(acc, r);
          sum = sum.add(r);
        }
        expect(Rational.sumValue(acc).equals(sum)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
