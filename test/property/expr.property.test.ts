/**
 * The rule-pack expression language (src/score/expr.ts) at scale:
 *  1. parseExpr never throws on arbitrary strings (any UTF-16, lone surrogates included): it returns an
 *     AST or a ParseError whose offset lies inside the text and whose message is well-formed text;
 *  2. the same for token soup: numbers (huge exponents too), names, keywords, functions, operators,
 *     parentheses, unicode and whitespace, mixed at random, so most inputs get past the tokenizer;
 *  3. evaluating anything that parsed, against random bindings (numbers, zeros, booleans, missing),
 *     never throws and gives a number, true/false, or "missing" with a reason;
 *  4. a well-formed arithmetic expression always parses, and evaluates to what a reference evaluator
 *     computes from its tree: exact arithmetic, and "missing" for a missing name or a zero divisor.
 *  (and deep nesting, up to 1,000 levels and 10 kB of text, stays a ParseError or a value, never a stack overflow.)
 * Runs (FC_RUNS scales them, see runs.ts): 100,000 each for 1–4; 2,000 for deep nesting.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import { evaluate, isParseError, MAX_BITS, namesOf, parseExpr, type Ast, type EvalResult, type ExprValue } from '../../src/score/expr.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(100_000);
const TIMEOUT = timeoutFor(N, 0.1);

const NAMES = ['energy_t', 'process_t', 'gross_t', 'metric.a', 'metric.b', 'zero', 'flag', 'target.x', 'absent'];
const NUMBERS = [
  '0',
  '1',
  '2',
  '0.5',
  '.5',
  '1.',
  '007',
  '1e3',
  '1E-3',
  '1e+2',
  '2.5e-1',
  '1e400',
  '1e401',
  '1e500',
  '9e99999',
  '1e-401',
  '123456789012345678901234567890',
  '0.000000000001',
];
const TOKENS = [
  ...NAMES,
  ...NUMBERS,
  'min',
  'max',
  'abs',
  'coalesce',
  'eval',
  'and',
  'or',
  'not',
  'true',
  'false',
  'constructor',
  '__proto__',
  'toString',
  '+',
  '-',
  '*',
  '/',
  '<',
  '<=',
  '>',
  '>=',
  '==',
  '!=',
  '=',
  '!',
  '(',
  ')',
  '(',
  ')',
  ',',
  '.',
  '..',
  'e',
  '_',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '中',
  'é',
  '１',
  '−',
  '😀',
  '\ud800',
  '\udc00',
  '"',
  "'",
  ';',
  '$',
  '\\',
  '\u0000',
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((ts) => ts.join(''));
/**
 * Grammar-shaped text: sums of products compared, joined by and/or, with booleans and numbers mixed
 * (so evaluation meets type errors, missing names and zero divisors), then one token inserted or replaced.
 */
const GOOD_NUMBERS = NUMBERS.filter((n) => Rational.parseDecimal(n));
const OPERANDS = [
  ...NAMES,
  ...GOOD_NUMBERS,
  'true',
  'false',
  '(energy_t)',
  'min(metric.a, 2)',
  'max(zero)',
  'abs(-process_t)',
  'coalesce(absent, flag)',
  '(not flag)',
  '-zero',
  '(1 / zero)',
  '(1 < 2)',
  'coalesce(1 / zero, absent)',
];
const sum = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...OPERANDS), fc.constantFrom(' + ', ' - ', ' * ', ' / ', '*-')), { maxLength: 3 }), fc.constantFrom(...OPERANDS))
  .map(([ps, last]) => [...ps.flat(), last].join(''));
const comparison = fc
  .tuple(sum, fc.option(fc.tuple(fc.constantFrom(' < ', ' <= ', ' > ', ' >= ', ' == ', ' != '), sum)))
  .map(([l, r]) => (r ? l + r[0] + r[1] : l));
const phrase = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('', 'not ', '(', 'not ('), comparison, fc.constantFrom(' and ', ' or ', ') and ', ') or ')), { maxLength: 2 }),
    comparison,
    fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)), weight: 1 }),
  )
  .map(([clauses, last, edit]) => {
    const parts = [...clauses.flat(), last];
    if (edit) parts.splice(edit[0] % (parts.length + 1), edit[0] % 2, edit[1]); // insert, or replace one part
    return parts.join('');
  });
const tokenSoup = fc.oneof(soup, phrase);
/** Any UTF-16 string, lone surrogates included. */
const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

const binding: fc.Arbitrary<ExprValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(Rational.ZERO),
  fc.boolean(),
  fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n })).map(([n, d]) => Rational.of(n, d)),
);
/** Random values for the known names; any other name (a typo, "constructor") has none. */
const bindings = fc.tuple(...NAMES.map(() => binding)).map((vs) => {
  const m = new Map<string, ExprValue | undefined>(NAMES.map((n, i) => [n, vs[i]]));
  const lookup = (name: string) => m.get(name);
  // a counterexample shows the bindings, not the function's source
  return Object.assign(lookup, { [fc.toStringMethod]: () => `{${NAMES.map((n, i) => `${n}: ${vs[i] === undefined ? '—' : String(vs[i])}`).join(', ')}}` });
});

/** A ParseError is well placed and well formed; an AST evaluates to a proper result. */
function checkParse(src: string, lookup: (name: string) => ExprValue | undefined = () => undefined): void {
  const r = parseExpr(src);
  if (isParseError(r)) {
    assert.equal(typeof r.message, 'string');
    assert.ok(Number.isInteger(r.pos) && r.pos >= 0 && r.pos <= src.length, `offset ${r.pos} outside 0…${src.length}`);
    if (src.isWellFormed()) assert.ok(r.message.isWellFormed(), `message with a broken character: ${JSON.stringify(r.message)}`);
    return;
  }
  for (const n of namesOf(r)) assert.ok(n.pos >= 0 && n.pos < src.length && src.startsWith(n.name, n.pos), `name ${n.name} at ${n.pos}`);
  checkResult(evaluate(r, lookup));
}

function checkResult(e: EvalResult): void {
  if (e.ok) {
    assert.ok(e.value instanceof Rational || typeof e.value === 'boolean', `value ${String(e.value)}`);
  } else {
    assert.equal(typeof e.reason, 'string');
    assert.ok(e.reason.length > 0);
    assert.ok(Array.isArray(e.missing) && e.missing.every((m) => typeof m === 'string'));
  }
}

describe('expression language (fast-check)', () => {
  it(
    'parseExpr never throws on arbitrary strings',
    () => {
      fc.assert(
        fc.property(fc.oneof(utf16, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 2100 })), (src) => checkParse(src)),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );

  it(
    'parseExpr never throws on token soup, and what parses evaluates without throwing',
    () => {
      let parsed = 0;
      fc.assert(
        fc.property(tokenSoup, bindings, (src, lookup) => {
          if (!isParseError(parseExpr(src))) parsed++;
          checkParse(src, lookup);
        }),
        { numRuns: N },
      );
      if (N >= 1000) assert.ok(parsed > N / 10, `only ${parsed} of ${N} inputs parsed: the generator no longer reaches the evaluator`);
    },
    TIMEOUT,
  );

  it(
    'deep nesting and long chains give an error or a value, never a stack overflow',
    () => {
      const shape = fc.record({
        open: fc.constantFrom('(', '-', '+', 'not ', 'abs(', 'min(1,', '- (', 'coalesce('),
        depth: fc.integer({ min: 0, max: 1000 }),
        middle: fc.constantFrom('1', 'energy_t', 'flag', 'absent', '1 / zero'),
        close: fc.constantFrom(')', '', ' + 1', ' and true', '*2'),
      });
      fc.assert(
        fc.property(shape, bindings, ({ open, depth, middle, close }, lookup) => {
          checkParse(`${open.repeat(depth)}${middle}${close.repeat(depth)}`, lookup);
        }),
        { numRuns: runs(2_000) },
      );
    },
    TIMEOUT,
  );

  it(
    'a well-formed arithmetic expression parses and evaluates as its tree does',
    () => {
      type Tree =
        | { k: 'num'; text: string }
        | { k: 'name'; name: string }
        | { k: 'neg'; e: Tree }
        | { k: 'bin'; op: '+' | '-' | '*' | '/'; l: Tree; r: Tree }
        | { k: 'call'; fn: 'min' | 'max' | 'abs'; args: Tree[] };
      const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
        tree: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          fc.constantFrom(...GOOD_NUMBERS).map((text) => ({ k: 'num' as const, text })),
          fc.constantFrom(...NAMES.filter((n) => n !== 'flag')).map((name) => ({ k: 'name' as const, name })),
          tie('tree').map((e) => ({ k: 'neg' as const, e })),
          fc.record({
            k: fc.constant('bin' as const),
            op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
            l: tie('tree'),
            r: tie('tree'),
          }),
          fc.record({
            k: fc.constant('call' as const),
            fn: fc.constantFrom('min' as const, 'max' as const),
            args: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }),
          }),
          tie('tree').map((e) => ({ k: 'call' as const, fn: 'abs' as const, args: [e] })),
        ),
      }));
      const print = (t: Tree): string => {
        switch (t.k) {
          case 'num':
            return t.text;
          case 'name':
            return t.name;
          case 'neg':
            return `-(${print(t.e)})`;
          case 'bin':
            return `(${print(t.l)}) ${t.op} (${print(t.r)})`;
          case 'call':
            return `${t.fn}(${t.args.map(print).join(', ')})`;
        }
      };
      /** Reference semantics: a Rational, or undefined for "missing" (an absent name, a zero divisor, a value over MAX_BITS). */
      const ref = (t: Tree, look: (n: string) => ExprValue | undefined): Rational | undefined => {
        switch (t.k) {
          case 'num':
            return Rational.parseDecimal(t.text)!;
          case 'name': {
            const v = look(t.name);
            return v instanceof Rational ? v : undefined;
          }
          case 'neg':
            return ref(t.e, look)?.neg();
          case 'bin': {
            const l = ref(t.l, look),
              r = ref(t.r, look);
            if (!l || !r) return undefined;
            if (t.op === '/' && r.isZero()) return undefined;
            const v = t.op === '/' ? l.div(r) : t.op === '+' ? l.add(r) : t.op === '-' ? l.sub(r) : l.mul(r);
            return v.bits() > MAX_BITS ? undefined : v; // a value beyond the cap is missing, with its reason
          }
          case 'call': {
            const xs = t.args.map((a) => ref(a, look));
            if (xs.some((x) => !x)) return undefined;
            if (t.fn === 'abs') return xs[0]!.isNegative() ? xs[0]!.neg() : xs[0]!;
            return (xs as Rational[]).reduce((m, x) => (t.fn === 'min' ? m.min(x) : m.max(x)));
          }
        }
      };
      // names here are numbers or absent: "flag" stays out, so a boolean never meets arithmetic
      const numeric = bindings.map((look) => (n: string) => {
        const v = look(n);
        return typeof v === 'boolean' ? undefined : v;
      });
      fc.assert(
        fc.property(tree, numeric, (t, look) => {
          const src = print(t);
          if (src.length > 2000) return;
          const ast: Ast | ReturnType<typeof parseExpr> = parseExpr(src);
          assert.ok(!isParseError(ast), `${src}: ${isParseError(ast) ? ast.message : ''}`);
          const got = evaluate(ast, look);
          const want = ref(t, look);
          if (want === undefined) assert.equal(got.ok, false, `${src} should be missing`);
          else
            assert.ok(
              got.ok && got.value instanceof Rational && got.value.equals(want),
              `${src}: got ${got.ok ? String(got.value) : got.reason}, want ${want.toString()}`,
            );
        }),
        { numRuns: N },
      );
    },
    TIMEOUT,
  );
});
