import { describe, expect, it } from 'vitest';
import { excerptOf, numberLimit, readNumber } from '../../src/parse/number.js';

const read = (x: unknown) => {
  const n = readNumber(x);
  return n ? `${n.value.toString()}${n.percent ? ' (percent)' : ''}` : undefined;
};

describe('readNumber (the spellings of README § Input)', () => {
  it.each([
    [1234.5, '1234.5'],
    ['1234.5', '1234.5'],
    ['1,234.5', '1234.5'],
    ['1,234,567', '1234567'],
    ['1.2e4', '12000'],
    ['１２３', '123'],
    ['８５％', '0.85 (percent)'],
    ['85%', '0.85 (percent)'],
    ['93 %', '0.93 (percent)'],
    [' 12 ', '12'],
    ['\u221212', '-12'],
    ['-0', '0'],
  ])('reads %j as %s', (input, expected) => {
    expect(read(input)).toBe(expected);
  });

  it.each(['', 'abc', '0x10', '1_000', '1.234,5', '1,23', 'NaN', 'Infinity', '1e', '12 t', '٣'])('rejects %j', (input) => {
    expect(read(input)).toBeUndefined();
  });

  it('rejects non-finite numbers and non-numbers', () => {
    expect(read(Number.NaN)).toBeUndefined();
    expect(read(Infinity)).toBeUndefined();
    expect(read(null)).toBeUndefined();
    expect(read(true)).toBeUndefined();
  });
});

describe('readNumber: at most 30 significant digits (issue #14)', () => {
  it('reads 30 significant digits, leading and trailing zeros not counted', () => {
    expect(read(`1.${'2'.repeat(29)}`)).toBe(`1.${'2'.repeat(29)}`);
    expect(read(`0.000${'9'.repeat(30)}000`)).toBe(`0.000${'9'.repeat(30)}`);
    expect(read(`${'9'.repeat(30)}`)).toBe('9'.repeat(30));
    expect(read(`1${'0'.repeat(40)}`)).toBe(`1${'0'.repeat(40)}`); // one significant digit (out of range later)
    expect(read(`0.${'0'.repeat(2_000_000)}`)).toBe('0');
    expect(numberLimit(`1.${'2'.repeat(29)}`)).toBeUndefined();
  });

  it('refuses a 31st digit and says why; exponents stop at ±400', () => {
    expect(read(`1.${'2'.repeat(30)}`)).toBeUndefined();
    expect(numberLimit(`1.${'2'.repeat(30)}`)).toBe('it has 31 significant digits; at most 30 are allowed');
    expect(numberLimit(`"1,234.${'5'.repeat(40)}"`.slice(1, -1))).toBe('it has 44 significant digits; at most 30 are allowed');
    expect(numberLimit(`１.${'２'.repeat(30)}％`)).toBe('it has 31 significant digits; at most 30 are allowed');
    expect(read('1e401')).toBeUndefined();
    expect(numberLimit('1e401')).toBe('exponents go from -400 to 400');
    expect(numberLimit(`0.${'0'.repeat(500)}1`)).toBe('its magnitude is beyond 10^±400');
    expect(numberLimit('abc')).toBeUndefined();
  });

  it('reads 20,000 digits in milliseconds (refused, not computed)', () => {
    const t = performance.now();
    expect(read(`1.${'7'.repeat(20_000)}`)).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('quotes a long value in messages by its start and length', () => {
    expect(excerptOf('12345')).toBe('12345');
    expect(excerptOf('9'.repeat(20_000))).toBe(`${'9'.repeat(32)}… (20000 characters)`);
  });
});
