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
/** NUMBER_SPELLINGS for Chinese messages. */
export const NUMBER_SPELLINGS_ZH = '1234.5、"1,234.5"、"1.2e4"、全角数字';

/**
 * Reads 1234.5, "1,234.5", "1.2e4", full-width "１２３", "85%" / "８５％" exactly.
 * Rejects "", "0x10", "1_000", "1.234,5", NaN, Infinity and anything else (undefined), and numbers with more than
 * MAX_DIGITS significant digits or an exponent beyond ±MAX_EXPONENT (`numberLimit` says why).
 */
export function readNumber(raw: unknown): ReadNumber | undefined {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { value: Rational.fromNumber(raw), percent: false } : undefined;
  }
  const s = spelled(raw);
  if (!s) return undefined;
  const value = Rational.parseDecimal(s.text);
  if (!value) return undefined;
  return { value: s.percent ? value.div(HUNDRED) : value, percent: s.percent };
}

/** The decimal text of a number spelling (NFKC, no thousands separators, no "%"), or undefined when it is not one. */
function spelled(raw: unknown): { text: string; percent: boolean } | undefined {
  if (typeof raw !== 'string') return undefined;
  let text = raw
    .normalize('NFKC')
    .trim()
    .replace(/\u2212/g, '-');
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trimEnd();
  }
  if (text.includes(',')) {
    if (!THOUSANDS.test(text)) return undefined;
    text = text.replace(/,/g, '');
  }
  return { text, percent };
}

/**
 * Why a number written in an accepted spelling is still refused: "it has 20001 significant digits; at most 30 are
 * allowed", or an exponent beyond ±400. Undefined for a readable number and for text that is no number at all.
 */
export function numberLimit(raw: unknown, lang: 'en' | 'zh' = 'en'): string | undefined {
  const s = spelled(raw);
  return s ? Rational.decimalLimit(s.text, lang) : undefined;
}

/** A long value for a message: its first characters and its length (a 20,000-digit quantity is not quoted whole). */
export function excerptOf(text: string, max = 40): string {
  const chars = [...text.slice(0, max + 1)];
  return chars.length <= max ? text : `${chars.slice(0, max - 8).join('')}… (${text.length} characters)`;
}
