/**
 * The expected path of a reduction target (README § zcpark trend): an even yearly rate that reaches the cut r in the
 * target year, so the cumulative cut in year t is 1 − (1 − r)^((t − base)/(target − base)). The power is irrational in
 * general; it is computed here with integer arithmetic only: (1 − r)^(t − base) exactly as a fraction p/q, then its
 * (target − base)-th root to 40 decimal places, rounded down (BigInt Newton iteration on p·10^(40n)/q). The result is
 * exact whenever the root is a decimal of at most 40 places (every year t = base and t = target of a target written in
 * per cent), and otherwise within 10^-40 of the true value, far below the nearest double that JSON carries.
 */
import { Rational } from '../model/rational.js';

/** Decimal places of the root. */
export const ROOT_DIGITS = 40;
const SCALE = 10n ** BigInt(ROOT_DIGITS);

/** ⌊N^(1/n)⌋ for N ≥ 0, n ≥ 1 (Newton's method on integers, from above). */
export function integerRoot(N: bigint, n: number): bigint {
  if (N < 0n) throw new RangeError('integerRoot of a negative number');
  if (N < 2n || n === 1) return N;
  const k = BigInt(n);
  // a start above the root: 2^⌈bits/n⌉
  let x = 1n << BigInt(Math.ceil(N.toString(2).length / n));
  for (;;) {
    const y = ((k - 1n) * x + N / x ** (k - 1n)) / k;
    if (y >= x) break;
    x = y;
  }
  // Newton from above stops at ⌊root⌋; guard the edges anyway
  while (x ** k > N) x -= 1n;
  while ((x + 1n) ** k <= N) x += 1n;
  return x;
}

/**
 * The expected cumulative cut after `k` of `n` years toward a reduction `r` (0 ≤ r ≤ 1): 1 − (1 − r)^(k/n), as a
 * decimal fraction of 40 places (see the module comment). k may exceed n (years after the target year continue the rate).
 */
export function expectedCut(r: Rational, k: number, n: number): Rational {
  if (n <= 0 || k < 0 || !Number.isInteger(k) || !Number.isInteger(n)) throw new RangeError('expectedCut needs 0 ≤ k and 0 < n, integers');
  const keep = Rational.ONE.sub(r);
  if (keep.isNegative()) throw new RangeError('a reduction above 100 %');
  let p = 1n,
    q = 1n;
  for (let i = 0; i < k; i++) {
    p *= keep.n;
    q *= keep.d;
  }
  const root = integerRoot((p * SCALE ** BigInt(n)) / q, n);
  return Rational.ONE.sub(Rational.of(root, SCALE));
}
