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
    v.setBigUint64(0, (x > 0) === (to > x) ? b + 1n : b - 1n);
    return v.getFloat64(0);
  };
  it('for fractions of safe integers (the fast path)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }), fc.bigInt({ min: 2n, max: 2n ** 53n - 1n }), (n, d) => nearest(Rational.of(n, d))), { numRuns: 3000 });
  });
  it('for large numerators and denominators (the exact-correction path)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.bigInt({ min: 10n ** 16n, max: 10n ** 30n }), (n, d) => nearest(Rational.of(n, d))), { numRuns: 3000 });
  });
  it('on a near-tie that a 25-digit expansion rounds the wrong way', () => {
    // -3 / 9007199254740986: Python's float(Fraction(-3, 9007199254740986)) = -3.330669073875472e-16
    expect(Rational.of(-3n, 9007199254740986n).toNumber()).toBe(-3.330669073875472e-16);
  });
});
