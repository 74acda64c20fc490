/** The strict number reader of formats.md §1: exact, finite, and never guesses. */
import { Rational } from '../model/rational.js';

export interface ReadNumber {
  value: Rational;
  /** The text ended in "%": value is already divided by 100. */
  percent: boolean;
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

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
  return { value: percent ? value.div(Rational.of(100n)) : value, percent };
}
