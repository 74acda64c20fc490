/** The strict number reader (README § Input): exact, finite, and never guesses. */
import { Rational } from '../model/rational.js';
const HUNDRED = Rational.int(100);

export interface ReadNumber {
  value: Rational;
  /** The text ended in "%": value is already divided by 100. */
  percent: boolean;
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** Magnitudes outside [1e-12, 1e15] are typos or unit slips, and would not survive as JSON numbers. */
export const MAX_MAGNITUDE = Rational.parseDecimal('1e15')!;
export const MIN_MAGNITUDE = Rational.parseDecimal('1e-12')!;
/** True when a non-zero value is outside the accepted magnitudes. */
export const outOfRange = (x: Rational): boolean => {
  const a = x.isNegative() ? x.neg() : x;
  return !a.isZero() && (a.cmp(MAX_MAGNITUDE) > 0 || a.cmp(MIN_MAGNITUDE) < 0);
};
/** The spellings a number may take, for messages. */
export const NUMBER_SPELLINGS = '1234.5, "1,234.5", "1.2e4", full-width digits';

/**
 * Reads 1234.5, "1,234.5", "1.2e4", full-width "１２３", "85%" / "８５％" exactly.
 * Rejects "", "0x10", "1_000", "1.234,5", NaN, Infinity and anything else (undefined).
 */
export function readNumber(raw: unknown): ReadNumber | undefined {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { value: Rational.fromNumber(raw), percent: false } : undefined;
  }
  if (typeof raw !== 'string') return undefined;
  let text = raw.normalize('NFKC').trim().replace(/\u2212/g, '-');
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trimEnd();
  }
  if (text.includes(',')) {
    if (!THOUSANDS.test(text)) return undefined;
    text = text.replace(/,/g, '');
  }
  const value = Rational.parseDecimal(text);
  if (!value) return undefined;
  return { value: percent ? value.div(HUNDRED) : value, percent };
}
