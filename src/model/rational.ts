/** Exact rational arithmetic on BigInt: the engine never rounds, so sums are order-independent and scale exactly. */

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-])?\.(\d+)(?:[eE]([+-]?\d+))?$/;

/** An exact fraction n/d with d > 0, always reduced. Immutable. */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(readonly n: bigint, readonly d: bigint) {}

  /** Builds n/d reduced; d must not be 0. */
  static of(n: bigint, d: bigint = 1n): Rational {
    if (d === 0n) throw new RangeError('Rational: zero denominator');
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  /** Parses a plain decimal string ("12.5", "-1e-3", ".5") exactly; undefined when it is not one. */
  static parseDecimal(text: string): Rational | undefined {
    const m = DECIMAL.exec(text);
    if (!m) return undefined;
    const sign = (m[1] ?? m[5]) === '-' ? -1n : 1n;
    const intPart = m[2] ?? '0';
    const frac = (m[2] !== undefined ? m[3] : m[6]) ?? '';
    const exp = Number(m[4] ?? m[7] ?? '0');
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return undefined;
    let n = BigInt(intPart + frac) * sign;
    let scale = frac.length - exp;
    if (scale < 0) { n *= 10n ** BigInt(-scale); scale = 0; }
    return Rational.of(n, 10n ** BigInt(scale));
  }

  /** The exact value a finite JS number denotes as the user wrote it (shortest round-trip spelling). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational: not a finite number: ${x}`);
    if (Number.isInteger(x) && Number.isSafeInteger(x)) return new Rational(BigInt(x), 1n);
    const r = Rational.parseDecimal(String(x));
    if (!r) throw new RangeError(`Rational: cannot read ${x}`);
    return r;
  }

  add(o: Rational): Rational {
    if (this.d === o.d) return Rational.of(this.n + o.n, this.d);
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational { return this.add(o.neg()); }
  mul(o: Rational): Rational { return Rational.of(this.n * o.n, this.d * o.d); }
  /** Division; throws RangeError on a zero divisor (callers check isZero first). */
  div(o: Rational): Rational { return Rational.of(this.n * o.d, this.d * o.n); }
  neg(): Rational { return new Rational(-this.n, this.d); }
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.n * o.d, r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  isZero(): boolean { return this.n === 0n; }
  isNegative(): boolean { return this.n < 0n; }
  min(o: Rational): Rational { return this.cmp(o) <= 0 ? this : o; }
  max(o: Rational): Rational { return this.cmp(o) >= 0 ? this : o; }
  equals(o: Rational): boolean { return this.n === o.n && this.d === o.d; }

  /** The nearest double, read from a 25-significant-digit decimal expansion (deterministic). */
  toNumber(): number {
    if (this.d === 1n) return Number(this.n);
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const k = Math.max(0, 25 - (a.toString().length - this.d.toString().length));
    const q = (a * 10n ** BigInt(k)) / this.d;
    const x = Number(`${neg ? '-' : ''}${q}e-${k}`);
    return Object.is(x, -0) ? 0 : x;
  }

  /** Exact decimal text when the expansion terminates, else a 20-digit approximation marked with "…". */
  toString(): string {
    let d = this.d;
    let twos = 0, fives = 0;
    while (d % 2n === 0n) { d /= 2n; twos++; }
    while (d % 5n === 0n) { d /= 5n; fives++; }
    if (d !== 1n) return `${this.toNumber()}…`;
    const scale = Math.max(twos, fives);
    const scaled = (this.n * 10n ** BigInt(scale)) / this.d;
    const neg = scaled < 0n;
    let digits = (neg ? -scaled : scaled).toString();
    if (scale === 0) return (neg ? '-' : '') + digits;
    digits = digits.padStart(scale + 1, '0');
    const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
    return (neg ? '-' : '') + text;
  }
}

/** Sum of a list of rationals (exact, so order never matters). */
export const sum = (xs: Iterable<Rational>): Rational => {
  let acc = Rational.ZERO;
  for (const x of xs) acc = acc.add(x);
  return acc;
};
