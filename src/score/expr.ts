/**
 * The tiny, safe expression language of rule packs (README § How the numbers are made): numbers, names, + - * /,
 * comparisons, and/or/not, parentheses, and min/max/abs/coalesce. Parsed by hand — never eval.
 * Arithmetic is exact (Rational); a missing name makes the result missing, never 0.
 */
import { Rational } from '../model/rational.js';
import { excerptOf } from '../parse/number.js';

export type Ast =
  | { t: 'num'; v: Rational }
  | { t: 'bool'; v: boolean }
  | { t: 'name'; name: string; pos: number }
  | { t: 'neg'; e: Ast }
  | { t: 'not'; e: Ast }
  | { t: 'bin'; op: '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or'; l: Ast; r: Ast }
  | { t: 'call'; fn: 'min' | 'max' | 'abs' | 'coalesce'; args: Ast[] };

export type ExprValue = Rational | boolean;

/**
 * The largest exact value an expression may build: numerator and denominator of at most this many bits. Real
 * formulas stay far below (inputs have at most 30 significant digits); a pack that multiplies 1e400 by itself, or
 * divides long literals into each other, gets a `missing` indicator with the reason instead of minutes of BigInt work.
 */
export const MAX_BITS = 2048;
/**
 * The large values (beyond 53 bits) that all formulas of one scoring run may build together, counted in bits: enough
 * for thousands of realistic steps, and at most about a second of BigInt work however the pack is written.
 */
export const WORK_BITS = 1_000_000;

/** The result of evaluating: a value, or why there is none (missing inputs, division by zero, type mix). */
export type EvalResult = { ok: true; value: ExprValue } | { ok: false; missing: string[]; reason: string };

export interface ParseError {
  message: string;
  /** 0-based character offset in the source text. */
  pos: number;
}

const FUNCTIONS = new Set(['min', 'max', 'abs', 'coalesce']);
const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)|(<=|>=|==|!=|[-+*/()<>,]))/y;

interface Token {
  kind: 'num' | 'id' | 'op' | 'end';
  text: string;
  pos: number;
}

/**
 * The character at `pos` for a message: the whole code point (an emoji is two UTF-16 units, and half
 * of one is not text), quoted when it is visible, else as U+XXXX (NUL, a control, a lone surrogate).
 */
function showChar(src: string, pos: number): string {
  const cp = src.codePointAt(pos)!;
  const ch = String.fromCodePoint(cp);
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch) ? `"${ch}"` : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function tokenize(src: string): Token[] | ParseError {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) {
      const pos = i + (src.slice(i).length - src.slice(i).trimStart().length);
      return { message: `unexpected character ${showChar(src, pos)}`, pos };
    }
    const pos = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? '').length;
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1], pos });
    else if (m[2] !== undefined) out.push({ kind: 'id', text: m[2], pos });
    else out.push({ kind: 'op', text: m[3]!, pos });
    i = TOKEN.lastIndex;
  }
  out.push({ kind: 'end', text: '', pos: src.length });
  return out;
}

/** Parses an expression into an AST, or returns the first syntax error with its offset. */
export function parseExpr(src: string): Ast | ParseError {
  if (src.length > 2000) return { message: 'expression longer than 2000 characters', pos: 2000 };
  const tokens = tokenize(src);
  if (!Array.isArray(tokens)) return tokens;
  let k = 0;
  let depth = 0;
  const peek = () => tokens[k]!;
  const next = () => tokens[k++]!;
  const fail = (message: string, t: Token = peek()): never => {
    throw Object.assign(new Error(message), { exprPos: t.pos });
  };
  const isWord = (w: string) => peek().kind === 'id' && peek().text === w;
  const orExpr = (): Ast => {
    let l = andExpr();
    while (isWord('or')) {
      next();
      l = { t: 'bin', op: 'or', l, r: andExpr() };
    }
    return l;
  };
  const andExpr = (): Ast => {
    let l = notExpr();
    while (isWord('and')) {
      next();
      l = { t: 'bin', op: 'and', l, r: notExpr() };
    }
    return l;
  };
  const notExpr = (): Ast => {
    if (isWord('not')) {
      next();
      return { t: 'not', e: notExpr() };
    }
    return cmpExpr();
  };
  const cmpExpr = (): Ast => {
    const l = addExpr();
    const t = peek();
    if (t.kind === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.text)) {
      next();
      return { t: 'bin', op: t.text as '<', l, r: addExpr() };
    }
    return l;
  };
  const addExpr = (): Ast => {
    let l = mulExpr();
    while (peek().kind === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = next().text as '+' | '-';
      l = { t: 'bin', op, l, r: mulExpr() };
    }
    return l;
  };
  const mulExpr = (): Ast => {
    let l = unary();
    while (peek().kind === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = next().text as '*' | '/';
      l = { t: 'bin', op, l, r: unary() };
    }
    return l;
  };
  const unary = (): Ast => {
    if (peek().kind === 'op' && peek().text === '-') {
      next();
      return { t: 'neg', e: unary() };
    }
    if (peek().kind === 'op' && peek().text === '+') {
      next();
      return unary();
    }
    return primary();
  };
  const primary = (): Ast => {
    if (++depth > 100) fail('expression nested too deeply');
    try {
      const t = next();
      if (t.kind === 'num') {
        // the tokenizer takes any exponent and any length; the exact reader stops at ±400 and 30 significant digits
        const v = Rational.parseDecimal(t.text);
        if (v) return { t: 'num', v };
        const why = Rational.decimalLimit(t.text) ?? 'not a decimal';
        return fail(why.startsWith('exponents') ? `number ${excerptOf(t.text)} out of range (${why})` : `number ${excerptOf(t.text)} refused: ${why}`, t);
      }
      if (t.kind === 'op' && t.text === '(') {
        const e = orExpr();
        if (peek().text !== ')') fail('expected ")"');
        next();
        return e;
      }
      if (t.kind === 'id') {
        if (t.text === 'true' || t.text === 'false') return { t: 'bool', v: t.text === 'true' };
        if (['and', 'or', 'not'].includes(t.text)) fail(`unexpected "${t.text}"`, t);
        if (peek().kind === 'op' && peek().text === '(') {
          if (!FUNCTIONS.has(t.text)) fail(`unknown function "${t.text}"; allowed: ${[...FUNCTIONS].join(', ')}`, t);
          next();
          const args: Ast[] = [];
          if (peek().text !== ')') {
            args.push(orExpr());
            while (peek().text === ',') {
              next();
              args.push(orExpr());
            }
          }
          if (peek().text !== ')') fail('expected ")" or ","');
          next();
          if (args.length === 0 || (t.text === 'abs' && args.length !== 1)) fail(`wrong number of arguments to ${t.text}`, t);
          return { t: 'call', fn: t.text as 'min', args };
        }
        return { t: 'name', name: t.text, pos: t.pos };
      }
      return fail(t.kind === 'end' ? 'unexpected end of expression' : `unexpected "${t.text}"`, t);
    } finally {
      depth--;
    }
  };
  try {
    const ast = orExpr();
    if (peek().kind !== 'end') fail(`unexpected "${peek().text}"`);
    return ast;
  } catch (e) {
    const pos = (e as { exprPos?: number }).exprPos;
    if (pos === undefined) throw e;
    return { message: (e as Error).message, pos };
  }
}

export const isParseError = (x: Ast | ParseError): x is ParseError => 'message' in x && 'pos' in x;

/** Every name an expression reads (for load-time checks and for "missing" reports). */
export function namesOf(ast: Ast, out: { name: string; pos: number }[] = []): { name: string; pos: number }[] {
  switch (ast.t) {
    case 'name':
      out.push({ name: ast.name, pos: ast.pos });
      break;
    case 'neg':
    case 'not':
      namesOf(ast.e, out);
      break;
    case 'bin':
      namesOf(ast.l, out);
      namesOf(ast.r, out);
      break;
    case 'call':
      for (const a of ast.args) namesOf(a, out);
      break;
  }
  return out;
}

/** What the large values of one scoring run may cost together: see WORK_BITS. Share one across the formulas of a run. */
export interface WorkBudget {
  bits: number;
}
export const workBudget = (): WorkBudget => ({ bits: WORK_BITS });

/**
 * Evaluates exactly; `lookup` returns undefined for a name with no value. Never throws. Values larger than MAX_BITS,
 * and large values beyond what `budget` has left, make the result missing with the reason.
 */
export function evaluate(ast: Ast, lookup: (name: string) => ExprValue | undefined, budget: WorkBudget = workBudget()): EvalResult {
  const bad = (reason: string, missing: string[] = []): EvalResult => ({ ok: false, missing, reason });
  // a value whose exact form outgrows MAX_BITS ends the evaluation (missing, with the reason) before it costs seconds;
  // values beyond double precision draw on the run's budget, so that a thousand such formulas cannot add up to minutes
  const sized = (x: Rational): EvalResult => {
    const bits = x.bits();
    if (bits > MAX_BITS)
      return bad(`the exact value grew beyond ${MAX_BITS} bits (a numerator or denominator of about ${Math.round(MAX_BITS * Math.log10(2))} digits)`);
    if (bits > 53) {
      if (budget.bits < bits) return bad(`the pack's formulas built more large exact values than one evaluation allows (${WORK_BITS} bits in all)`);
      budget.bits -= bits;
    }
    return { ok: true, value: x };
  };
  const num = (r: EvalResult): Rational | EvalResult => (!r.ok ? r : r.value instanceof Rational ? r.value : bad('a number was expected, found true/false'));
  const go = (a: Ast): EvalResult => {
    switch (a.t) {
      case 'num':
      case 'bool':
        return { ok: true, value: a.v };
      case 'name': {
        const v = lookup(a.name);
        return v === undefined ? bad(`missing input: ${a.name}`, [a.name]) : { ok: true, value: v };
      }
      case 'neg': {
        const x = num(go(a.e));
        return x instanceof Rational ? { ok: true, value: x.neg() } : x;
      }
      case 'not': {
        const x = go(a.e);
        if (!x.ok) return x;
        return typeof x.value === 'boolean' ? { ok: true, value: !x.value } : bad('"not" needs true/false');
      }
      case 'call': {
        if (a.fn === 'coalesce') {
          const missing: string[] = [];
          for (const arg of a.args) {
            const r = go(arg);
            if (r.ok) return r;
            missing.push(...r.missing);
          }
          return bad(`missing input: ${missing.join(', ')}`, missing);
        }
        const xs: Rational[] = [];
        for (const arg of a.args) {
          const x = num(go(arg));
          if (!(x instanceof Rational)) return x;
          xs.push(x);
        }
        if (a.fn === 'abs') return { ok: true, value: xs[0]!.isNegative() ? xs[0]!.neg() : xs[0]! };
        return { ok: true, value: xs.reduce((m, x) => (a.fn === 'min' ? m.min(x) : m.max(x))) };
      }
      case 'bin': {
        if (a.op === 'and' || a.op === 'or') {
          const l = go(a.l),
            r = go(a.r);
          if (!l.ok || !r.ok)
            return bad(
              [l, r]
                .filter((x) => !x.ok)
                .map((x) => (x as { reason: string }).reason)
                .join('; '),
              [...(l.ok ? [] : l.missing), ...(r.ok ? [] : r.missing)],
            );
          if (typeof l.value !== 'boolean' || typeof r.value !== 'boolean') return bad(`"${a.op}" needs true/false on both sides`);
          return { ok: true, value: a.op === 'and' ? l.value && r.value : l.value || r.value };
        }
        const lr = go(a.l),
          rr = go(a.r);
        if (!lr.ok || !rr.ok) {
          const missing = [...(lr.ok ? [] : lr.missing), ...(rr.ok ? [] : rr.missing)];
          return bad(
            [lr, rr]
              .filter((x) => !x.ok)
              .map((x) => (x as { reason: string }).reason)
              .join('; '),
            missing,
          );
        }
        if (a.op === '==' || a.op === '!=') {
          const eq = lr.value instanceof Rational && rr.value instanceof Rational ? lr.value.equals(rr.value) : lr.value === rr.value;
          return { ok: true, value: a.op === '==' ? eq : !eq };
        }
        const l = num(lr),
          r = num(rr);
        if (!(l instanceof Rational)) return l;
        if (!(r instanceof Rational)) return r;
        switch (a.op) {
          case '+':
            return sized(l.add(r));
          case '-':
            return sized(l.sub(r));
          case '*':
            return sized(l.mul(r));
          case '/':
            return r.isZero() ? bad(`division by zero: ${a.r.t === 'name' ? `${a.r.name} is 0` : 'the denominator is 0'}`) : sized(l.div(r));
          case '<':
            return { ok: true, value: l.cmp(r) < 0 };
          case '<=':
            return { ok: true, value: l.cmp(r) <= 0 };
          case '>':
            return { ok: true, value: l.cmp(r) > 0 };
          case '>=':
            return { ok: true, value: l.cmp(r) >= 0 };
        }
      }
    }
  };
  return go(ast);
}

/** A parse error's message (one of the fixed phrases above) in Chinese, for `--lang zh`; an unlisted one stays as it is. */
export function exprMessageZh(message: string): string {
  const phrases: [RegExp, (...m: string[]) => string][] = [
    [/^unexpected character (.*)$/s, (c) => `意外的字符 ${c}`],
    [/^expression longer than (\d+) characters$/, (n) => `表达式超过 ${n} 个字符`],
    [/^expression nested too deeply$/, () => '表达式嵌套过深'],
    [/^number (.*) out of range \((.*)\)$/s, (n, why) => `数字 ${n} 超出范围（${why}）`],
    [/^number (.*) refused: (.*)$/s, (n, why) => `数字 ${n} 不可用：${why}`],
    [/^expected "\)"$/, () => '缺少“)”'],
    [/^expected "\)" or ","$/, () => '缺少“)”或“,”'],
    [/^unexpected end of expression$/, () => '表达式意外结束'],
    [/^unexpected "(.*)"$/s, (t) => `意外的“${t}”`],
    [/^unknown function "(.*)"; allowed: (.*)$/s, (f, allowed) => `未知函数“${f}”；允许：${allowed}`],
    [/^wrong number of arguments to (.*)$/s, (f) => `${f} 的参数个数不对`],
  ];
  for (const [re, zh] of phrases) {
    const m = re.exec(message);
    if (m) return zh(...m.slice(1));
  }
  return message;
}
