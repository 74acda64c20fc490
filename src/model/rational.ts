/** Exact rational arithmetic on BigInt: the engine never rounds, so sums are order-independent and scale exactly. */

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  // most values (decimal quantities, factors) fit in a double: Euclid on numbers is exact there and far faster
  if (a <= SAFE && b <= SAFE) {
    let x = Number(a), y = Number(b);
    while (y !== 0) [x, y] = [y, x % y];
    return BigInt(x);
  }
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
    // both exact as doubles: IEEE division rounds the true quotient once, to the nearest double
    if (this.d <= SAFE && this.n <= SAFE && this.n >= -SAFE) {
      const x = Number(this.n) / Number(this.d);
      return Object.is(x, -0) ? 0 : x;
    }
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const k = Math.max(0, 25 - (a.toString().length - this.d.toString().length));
    const q = (a * 10n ** BigInt(k)) / this.d;
    let x = Number(`${neg ? '-' : ''}${q}e-${k}`);
    // the truncated expansion is within an ulp; near a tie it can round the wrong way: compare exactly
    if (Number.isFinite(x) && x !== 0) {
      const exact = Rational.exactOfDouble(x);
      const c = this.cmp(exact);
      if (c !== 0) {
        const other = neighbour(x, c > 0 ? 1 : -1);
        const mid = exact.add(Rational.exactOfDouble(other)).mul(HALF);
        const m = this.cmp(mid);
        if (m === c || (m === 0 && (mantissaBits(x) & 1n) === 1n)) x = other; // past the midpoint, or a tie to even
      }
    }
    return Object.is(x, -0) ? 0 : x;
  }

  /** The exact value of a finite double (its binary significand and exponent), not its shortest spelling. */
  static exactOfDouble(x: number): Rational {
    const bits = mantissaBits(x);
    const exp = Number((bits >> 52n) & 0x7ffn);
    const frac = bits & ((1n << 52n) - 1n);
    const m = exp === 0 ? frac : frac | (1n << 52n);
    const e = exp === 0 ? -1074 : exp - 1075;
    const sign = bits >> 63n === 1n ? -1n : 1n;
    return e >= 0 ? Rational.of(sign * m * 2n ** BigInt(e)) : Rational.of(sign * m, 2n ** BigInt(-e));
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

const HALF = Rational.of(1n, 2n);

/** The raw IEEE-754 bits of a double. */
function mantissaBits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

/** The next double above (dir 1) or below (dir -1) x, for finite non-zero x. */
function neighbour(x: number, dir: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  // away from zero means a larger bit pattern for either sign
  const away = (x > 0) === (dir > 0);
  view.setBigUint64(0, away ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** Sum of a list of rationals (exact, so order never matters). */
export const sum = (xs: Iterable<Rational>): Rational => {
  let acc = Rational.ZERO;
  for (const x of xs) acc = acc.add(x);
  return acc;
};
