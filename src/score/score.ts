/** Scoring (README § How the numbers are made, rule packs and scoring): indicator statuses, points, score, grade and the programme's verdict. */
import { diag } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import { Rational } from '../model/rational.js';
import type { Diagnostic, SourceRef, ThresholdOp } from '../model/types.js';
import { evaluate, namesOf, workBudget, type ExprValue } from './expr.js';
import type { CompiledProfile } from './profile.js';
const HUNDRED = Rational.int(100);

export type Status = 'pass' | 'fail' | 'missing' | 'not_applicable';
export type Verdict = 'pass' | 'fail' | 'incomplete';

/** One indicator's outcome, exact. */
export interface IndicatorResult {
  id: string;
  value?: ExprValue;
  threshold?: { op: ThresholdOp; value: ExprValue; label?: string; basis: 'pack' | 'target' | 'reference' };
  status: Status;
  core: boolean;
  weight: number;
  points: Rational;
  /** Why the status is missing / not_applicable (missing names, division by zero, exemption reason). */
  reason?: string;
  missing?: string[];
}

export interface ScoreResult {
  indicators: IndicatorResult[];
  /** 0–100, or undefined when every weighted indicator is not applicable. */
  score?: Rational;
  grade?: string;
  verdict: Verdict;
  diagnostics: Diagnostic[];
}

const compare = (v: ExprValue, op: ThresholdOp, t: ExprValue): boolean | undefined => {
  if (typeof v === 'boolean' || typeof t === 'boolean') return op === '==' && typeof v === typeof t ? v === t : undefined;
  const c = v.cmp(t);
  switch (op) {
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '==':
      return c === 0;
  }
};

/** Partial credit of a failed indicator: weight × min(1, value/threshold) (≥) or threshold/value (≤), never below 0. */
const partial = (weight: Rational, v: ExprValue, op: ThresholdOp, t: ExprValue): Rational => {
  if (!(v instanceof Rational) || !(t instanceof Rational) || t.isZero() || op === '==') return Rational.ZERO;
  const ratio = op === '>=' || op === '>' ? (v.isZero() ? Rational.ZERO : v.div(t)) : v.isZero() ? Rational.ZERO : t.div(v);
  return weight.mul(ratio.min(Rational.ONE).max(Rational.ZERO));
};

/** Exemptions must name a guiding indicator of the pack (annex 3): core or unknown ids are errors. */
export function checkExemptions(profile: CompiledProfile, exemptions: ReadonlyMap<string, { reason: string; ref?: SourceRef }>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = profile.indicators.map((i) => i.id);
  for (const [id, ex] of exemptions) {
    const def = profile.indicators.find((i) => i.id === id);
    if (!def) {
      const s = suggest(id, ids);
      out.push(diag('ZC-E-EXEMPT-UNKNOWN', { found: id, profile: profile.id, hint: didYouMean(s), suggestion: s }, ex.ref));
    } else if (!def.exemptable) out.push(diag('ZC-E-EXEMPT-CORE', { found: id }, ex.ref));
  }
  return out;
}

/** Scores every indicator of a profile against the evaluation's names (exemptions already checked). */
export function scoreProfile(
  profile: CompiledProfile,
  lookup: (name: string) => ExprValue | undefined,
  exemptions: ReadonlyMap<string, { reason: string; ref?: SourceRef }>,
  /** Names that must not be compared (GDP figures at different price years): an indicator reading one is missing, with the reason. */
  incomparable: ReadonlyMap<string, string> = new Map(),
): ScoreResult {
  const diagnostics: Diagnostic[] = [];
  const budget = workBudget();
  const indicators: IndicatorResult[] = profile.indicators.map((def) => {
    const c = profile.compiled.get(def.id)!;
    const weight = Rational.fromNumber(def.weight);
    const base = { id: def.id, core: def.core, weight: def.weight, points: Rational.ZERO };
    const ex = exemptions.get(def.id);
    if (ex && def.exemptable) return { ...base, status: 'not_applicable', reason: `exempted: ${ex.reason}` };
    const blocked = namesOf(c.formula)
      .map((n) => incomparable.get(n.name))
      .find((x) => x !== undefined);
    if (blocked !== undefined) return { ...base, status: 'missing', reason: blocked };
    const r = evaluate(c.formula, lookup, budget);
    if (!r.ok) return { ...base, status: 'missing', reason: r.reason, missing: r.missing };
    // the first threshold whose `when` holds applies
    for (let j = 0; j < def.thresholds.length; j++) {
      const t = def.thresholds[j]!;
      const when = c.when[j];
      if (when) {
        const w = evaluate(when, lookup, budget);
        if (!w.ok) return { ...base, value: r.value, status: 'missing', reason: `threshold condition: ${w.reason}`, missing: w.missing };
        if (w.value !== true) continue;
      }
      let tv: ExprValue;
      const expr = c.values[j];
      const own = t.target ? lookup(`target.${t.target}`) : undefined;
      const basis = t.target ? (own !== undefined ? 'target' : 'reference') : 'pack';
      if (own !== undefined) tv = own;
      else if (expr) {
        const e = evaluate(expr, lookup, budget);
        if (!e.ok) return { ...base, value: r.value, status: 'missing', reason: `threshold: ${e.reason}`, missing: e.missing };
        tv = e.value;
      } else tv = typeof t.value === 'number' ? Rational.fromNumber(t.value) : (t.value as boolean);
      const label = basis === 'target' ? "the submission's own target" : t.label;
      const threshold = { op: t.op, value: tv, basis, ...(label ? { label } : {}) } as const;
      if (t.warning) {
        const w: Diagnostic = { code: t.warning.code, severity: 'warning', message: `${def.id}: ${t.warning.message}` };
        Object.defineProperty(w, 'args', {
          value: { indicator: def.id, message: t.warning.message, message_zh: t.warning.message_zh ?? t.warning.message },
          enumerable: false,
        });
        diagnostics.push(w);
      }
      const pass = compare(r.value, t.op, tv);
      if (pass === undefined)
        return { ...base, value: r.value, threshold, status: 'missing', reason: 'the value and the threshold are of different kinds (number vs true/false)' };
      return { ...base, value: r.value, threshold, status: pass ? 'pass' : 'fail', points: pass ? weight : partial(weight, r.value, t.op, tv) };
    }
    return { ...base, value: r.value, status: 'not_applicable', reason: 'no threshold band applies' };
  });
  const applicable = indicators.filter((i) => i.status !== 'not_applicable');
  const totalWeight = applicable.reduce((a, i) => a.add(Rational.fromNumber(i.weight)), Rational.ZERO);
  const earned = applicable.reduce((a, i) => a.add(i.points), Rational.ZERO);
  const score = totalWeight.isZero() ? undefined : earned.mul(HUNDRED).div(totalWeight);
  const grade = score === undefined ? undefined : profile.grades.find((g) => score.cmp(Rational.fromNumber(g.min)) >= 0)?.grade;
  const core = indicators.filter((i) => i.core);
  // pass only when every core indicator passes: a core indicator no band applies to cannot be judged
  const verdict: Verdict = core.some((i) => i.status === 'fail') ? 'fail' : core.some((i) => i.status !== 'pass') ? 'incomplete' : 'pass';
  return { indicators, verdict, diagnostics, ...(score ? { score } : {}), ...(grade ? { grade } : {}) };
}
