import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import { evaluate, isParseError, MAX_BITS, namesOf, parseExpr, WORK_BITS, workBudget, type ExprValue } from '../../src/score/expr.js';

const names: Record<string, ExprValue> = {
  energy_t: Rational.parseDecimal('90000')!,
  process_t: Rational.parseDecimal('6900')!,
  energy_total_tce: Rational.parseDecimal('465000')!,
  zero: Rational.ZERO,
  'metric.flag': true,
};
const run = (src: string) => {
  const ast = parseExpr(src);
  if (isParseError(ast)) throw new Error(ast.message);
  const r = evaluate(ast, (n) => names[n]);
  return r.ok ? (typeof r.value === 'boolean' ? r.value : r.value.toString()) : `missing: ${r.reason}`;
};

describe('expression language', () => {
  it('evaluates arithmetic exactly with precedence', () => {
    // (90000 + 6900) / 465000 = 96900/465000 = 323/1550 exactly; printed as its nearest double
    expect(run('(energy_t + process_t) / energy_total_tce')).toBe(`${323 / 1550}…`);
    expect(run('1 + 2 * 3')).toBe('7');
    expect(run('(1 + 2) * 3')).toBe('9');
    expect(run('-2 - -3')).toBe('1');
    expect(run('0.1 + 0.2 == 0.3')).toBe(true); // exact, unlike floats
    expect(run('10 / 4')).toBe('2.5');
  });

  it('compares and combines with and/or/not', () => {
    expect(run('energy_total_tce >= 200000 and energy_total_tce < 1000000')).toBe(true);
    expect(run('energy_total_tce >= 1000000 or not metric.flag')).toBe(false);
    expect(run('metric.flag == true')).toBe(true);
    expect(run('1 != 2')).toBe(true);
  });

  it('has min, max, abs and coalesce', () => {
    expect(run('min(3, 1, 2)')).toBe('1');
    expect(run('max(3, 1, 2)')).toBe('3');
    expect(run('abs(-4.5)')).toBe('4.5');
    expect(run('coalesce(metric.absent, 0.8)')).toBe('0.8');
    expect(run('coalesce(energy_t / zero, 0.5)')).toBe('0.5');
  });

  it('reports missing names and division by zero instead of a number', () => {
    expect(run('metric.absent / 2')).toBe('missing: missing input: metric.absent');
    expect(run('energy_t / zero')).toBe('missing: division by zero: zero is 0');
    expect(run('metric.flag + 1')).toBe('missing: a number was expected, found true/false');
  });

  it('lists the names a formula reads', () => {
    const ast = parseExpr('coalesce(metric.a / metric.b, metric.c) + gross_t');
    expect(isParseError(ast) ? [] : namesOf(ast).map((n) => n.name)).toEqual(['metric.a', 'metric.b', 'metric.c', 'gross_t']);
  });

  it.each([
    ['1 +', 'unexpected end of expression', 3],
    ['(1 + 2', 'expected ")"', 6],
    ['1 2', 'unexpected "2"', 2],
    ['eval(1)', 'unknown function "eval"; allowed: min, max, abs, coalesce', 0],
    ['a ; b', 'unexpected character ";"', 2],
    ['process.exit()', 'unknown function "process.exit"; allowed: min, max, abs, coalesce', 0],
    ['and 1', 'unexpected "and"', 0],
    // found by test/property/expr.property.test.ts: half a surrogate pair in the message, and a number
    // beyond the exact reader's exponents parsed as a value-less node (coalesce(1e500) gave ok with no value)
    ['😀', 'unexpected character "😀"', 0],
    ['\u{10000}', 'unexpected character "\u{10000}"', 0],
    ['a \u0000', 'unexpected character U+0000', 2],
    ['1 + \ud800', 'unexpected character U+D800', 4],
    ['1e500', 'number 1e500 out of range (exponents go from -400 to 400)', 0],
    ['coalesce(x, 1e-401)', 'number 1e-401 out of range (exponents go from -400 to 400)', 12],
  ])('rejects %j with a positioned error', (src, message, pos) => {
    const ast = parseExpr(src);
    expect(isParseError(ast)).toBe(true);
    expect(ast).toEqual({ message, pos });
  });

  it('never recurses without bound', () => {
    const deep = `${'('.repeat(500)}1${')'.repeat(500)}`;
    expect(isParseError(parseExpr(deep))).toBe(true);
  });
});

describe('bounded exact arithmetic (issue #14)', () => {
  const parse = (src: string) => {
    const ast = parseExpr(src);
    if (isParseError(ast)) throw new Error(ast.message);
    return ast;
  };

  it('refuses a literal of more than 30 significant digits, saying so', () => {
    expect(parseExpr(`1.${'2'.repeat(29)}`)).not.toHaveProperty('message');
    expect(parseExpr(`x + 1.${'2'.repeat(30)}`)).toEqual({
      message: `number 1.${'2'.repeat(30)} refused: it has 31 significant digits; at most 30 are allowed`,
      pos: 4,
    });
  });

  it(`makes a value beyond ${MAX_BITS} bits missing, with the reason, instead of growing it (10^700 is 2326 bits)`, () => {
    expect(run('1e400 * 1e300')).toBe(`missing: the exact value grew beyond ${MAX_BITS} bits (a numerator or denominator of about 617 digits)`);
    expect(run('1e300 * 1e300')).toBe(`1${'0'.repeat(600)}`);
    expect(run('coalesce(1e400 * 1e300, 7)')).toBe('7');
  });

  it('shares one budget of large values across the formulas of a run', () => {
    // each division of two 30-digit decimals with exponents builds a value of a few hundred bits
    const ast = parse('1.23456789012345678901234567891e40 / 7.12345678901234567890123456789e-40');
    const budget = workBudget();
    let n = 0;
    let last: ReturnType<typeof evaluate> | undefined;
    while (n < 100_000) {
      last = evaluate(ast, () => undefined, budget);
      if (!last.ok) break;
      n++;
    }
    expect(last).toEqual({
      ok: false,
      missing: [],
      reason: `the pack's formulas built more large exact values than one evaluation allows (${WORK_BITS} bits in all)`,
    });
    expect(n).toBeGreaterThan(1000);
    expect(n).toBeLessThan(10_000);
    // a fresh run has its whole budget again; small values never draw on it
    expect(evaluate(ast, () => undefined).ok).toBe(true);
    const small = parse('(energy_t + process_t) / energy_total_tce');
    const empty = { bits: 0 };
    expect(evaluate(small, (k) => names[k], empty).ok).toBe(true);
  });
});
