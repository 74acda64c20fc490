/**
 * The strict number reader (src/parse/number.ts, README § Input) at scale:
 *  1. it never throws, whatever it is given;
 *  2. String(x) of any finite double in the accepted range reads back as exactly x (and as the number x does);
 *  3. exact decimals m·10^e read back exactly in every accepted spelling: plain, exponent, thousands
 *     separators, full-width digits, U+2212 minus, a trailing "%" (then divided by 100);
 *  4. NaN, Infinity, hex/binary/octal literals and underscores are rejected.
 * Runs (FC_RUNS scales them, see runs.ts): 100,000 each for 1–4.
 * Hot loops assert with node:assert: a vitest expect() costs ~10 µs, more than the reader itself.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import { MAX_MAGNITUDE, MIN_MAGNITUDE, readNumber } from '../../src/parse/number.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(100_000);
const TIMEOUT = timeoutFor(N, 0.05);

/** Fragments that have broken number readers: separators, signs, exponents, invisible and full-width characters. */
const NASTY = [
  '1',
  '0',
  '9',
  '.',
  ',',
  '-',
  '+',
  'e',
  'E',
  '%',
  '％',
  ' ',
  '\u00a0',
  '\u2212',
  '１',
  '０',
  '．',
  '，',
  '_',
  'x',
  '0x',
  'Infinity',
  'NaN',
  '\ufeff',
  '\u200b',
  '\ud800',
  '\udc00',
  '٣',
  '1,234',
  'e400',
  'e-400',
  '\t',
  '\n',
];
const nastyString = fc.array(fc.constantFrom(...NASTY), { maxLength: 12 }).map((xs) => xs.join(''));
const anyInput = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), nastyString, fc.double(), fc.anything());

/** An exact decimal m·10^e with its digits, sign and exponent, |value| within the reader's range or 0. */
const decimal = fc
  .record({
    neg: fc.boolean(),
    digits: fc.bigInt({ min: 0n, max: 10n ** 18n }),
    exp: fc.integer({ min: -14, max: 6 }),
  })
  .filter(({ digits, exp }) => {
    const v = Rational.of(digits).mul(exp >= 0 ? Rational.of(10n ** BigInt(exp)) : Rational.of(1n, 10n ** BigInt(-exp)));
    return v.isZero() || (v.cmp(MAX_MAGNITUDE) <= 0 && v.cmp(MIN_MAGNITUDE) >= 0);
  });
type Decimal = { neg: boolean; digits: bigint; exp: number };
const exactOf = ({ neg, digits, exp }: Decimal) =>
  Rational.of((neg ? -1n : 1n) * digits * (exp >= 0 ? 10n ** BigInt(exp) : 1n), exp >= 0 ? 1n : 10n ** BigInt(-exp));

/** m·10^e as a plain decimal: integer part, fraction part (no exponent), sign separate. */
function plain({ digits, exp }: Decimal): { int: string; frac: string } {
  const s = digits.toString();
  if (exp >= 0) return { int: s + '0'.repeat(exp), frac: '' };
  const padded = s.padStart(-exp + 1, '0');
  return { int: padded.slice(0, exp), frac: padded.slice(exp) };
}
const groupThousands = (int: string) => int.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+$)/g, ',');
const FULL_WIDTH: Record<string, string> = { '.': '．', ',': '，', '-': '－', '+': '＋', e: 'ｅ', '%': '％' };
const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/[.,\-+e%]/g, (c) => FULL_WIDTH[c]!);

describe('readNumber (fast-check)', () => {
  it(
    'never throws, whatever it is given',
    () => {
      fc.assert(
        fc.property(anyInput, (x) => {
          const r = readNumber(x);
          if (r !== undefined) assert.ok(r.value instanceof Rational);
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'String(x) of a finite double in range reads back as exactly x, and as the number x does',
    () => {
      const inRange = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).filter((x) => x === 0 || Math.abs(x) >= 1e-12);
      fc.assert(
        fc.property(inRange, (x) => {
          const fromText = readNumber(String(x));
          const fromNumber = readNumber(x);
          assert.ok(fromText && fromNumber, String(x));
          assert.equal(fromText.percent, false);
          assert.equal(fromText.value.toNumber(), x === 0 ? 0 : x); // -0 reads as 0
          assert.ok(fromNumber.value.equals(fromText.value));
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'an exact decimal reads back exactly in every accepted spelling',
    () => {
      const spelling = fc.constantFrom(
        'plain',
        'exponent',
        'thousands',
        'full-width',
        'full-width thousands',
        'minus sign',
        'percent',
        'full-width percent',
        'padded',
      );
      fc.assert(
        fc.property(decimal, spelling, (d, how) => {
          const want = exactOf(d);
          const { int, frac } = plain(d);
          const sign = d.neg ? '-' : '';
          const plainText = `${sign}${int}${frac ? `.${frac}` : ''}`;
          const grouped = `${sign}${groupThousands(int)}${frac ? `.${frac}` : ''}`;
          const text = {
            plain: plainText,
            exponent: `${sign}${d.digits}e${d.exp}`,
            thousands: grouped,
            'full-width': toFullWidth(plainText),
            'full-width thousands': toFullWidth(grouped),
            'minus sign': plainText.replace('-', '\u2212'),
            percent: `${plainText}%`,
            'full-width percent': toFullWidth(`${grouped}%`),
            padded: ` \t${plainText}\u3000`,
          }[how]!;
          const r = readNumber(text);
          assert.ok(r, `${JSON.stringify(text)} was rejected`);
          const isPercent = how.includes('percent');
          assert.equal(r.percent, isPercent);
          assert.ok(r.value.equals(isPercent ? want.div(Rational.of(100n)) : want), `${text} → ${r.value.toString()}, want ${want.toString()}`);
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'rejects NaN, Infinity, hex/binary/octal literals and underscores',
    () => {
      const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 8 });
      const hexDigits = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 8 });
      const rejected = fc.oneof(
        fc.constantFrom('NaN', 'nan', 'Infinity', '-Infinity', '+Infinity', 'inf', '∞', '.inf', '1e999999999', Number.NaN, Infinity, -Infinity),
        fc.tuple(fc.constantFrom('0x', '0X', '0b', '0o', '-0x', '+0x'), hexDigits).map(([p, h]) => p + h),
        fc.tuple(digits, digits, fc.constantFrom('', '.5', 'e3', '%')).map(([a, b, tail]) => `${a}_${b}${tail}`),
        fc.tuple(fc.constantFrom('', '-', '１'), fc.constantFrom('NaN', 'Infinity', '0x1F', '1_0')).map(([p, s]) => p + s),
      );
      fc.assert(
        fc.property(rejected, (x) => {
          assert.equal(readNumber(x), undefined, String(x));
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );
});
