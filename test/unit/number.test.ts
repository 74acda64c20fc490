import { describe, expect, it } from 'vitest';
import { readNumber } from '../../src/parse/number.js';

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
