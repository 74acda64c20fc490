/** The expected path's fractional power (src/trend/path.ts): integer roots and 1 − (1 − r)^(k/n) to 40 places. */
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import { expectedCut, integerRoot } from '../../src/trend/path.js';

describe('integerRoot', () => {
  it('is the floor of the root', () => {
    expect(integerRoot(0n, 3)).toBe(0n);
    expect(integerRoot(1n, 5)).toBe(1n);
    expect(integerRoot(26n, 3)).toBe(2n);
    expect(integerRoot(27n, 3)).toBe(3n);
    expect(integerRoot(10n ** 40n, 4)).toBe(10n ** 10n);
    expect(integerRoot(10n ** 40n - 1n, 4)).toBe(10n ** 10n - 1n);
    for (let n = 2; n <= 7; n++)
      for (const x of [2n, 3n, 99n, 12345678901234567890n]) {
        const r = integerRoot(x ** BigInt(n) + 1n, n);
        expect(r).toBe(x);
      }
  });
});

describe('expectedCut', () => {
  const r = Rational.parseDecimal('0.18')!;
  it('is exact at the base and the target year', () => {
    expect(expectedCut(r, 0, 5).equals(Rational.ZERO)).toBe(true);
    expect(expectedCut(r, 5, 5).equals(r)).toBe(true);
  });
  it('gives 40 correct decimal places between them', () => {
    // 1 − 0.82^(1/5) = 0.038912850389936707596… (60-digit decimal, computed independently)
    const e = expectedCut(r, 1, 5);
    expect(e.toNumber()).toBe(0.03891285038993671);
    expect(e.d).toBe(10n ** 40n);
  });
  it('refuses a cut above 100 %', () => {
    expect(() => expectedCut(Rational.parseDecimal('1.5')!, 1, 5)).toThrow(RangeError);
  });
});
