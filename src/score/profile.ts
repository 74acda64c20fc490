/** Rule packs (schemas/profile.schema.json): a parsed YAML document → Profile, with every formula parsed and checked at load. */
import { diag, hasErrors } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import { Rational } from '../model/rational.js';
import type { Confidence, Diagnostic, GridFactorChoice, IndicatorDef, Profile, Threshold } from '../model/types.js';
import { parseYaml, type ParsedDocument, type Path } from '../parse/yaml.js';
import { describePath, schemaDiagnostics, type SchemaValidator } from '../validate/schema.js';
import { exprMessageZh, isParseError, namesOf, parseExpr, type Ast } from './expr.js';
import { isKnownName } from './names.js';

/** A profile with its formulas compiled once. */
export interface CompiledProfile extends Profile {
  compiled: Map<string, { formula: Ast; when: (Ast | undefined)[]; values: (Ast | undefined)[] }>;
  /** Every prefixed name the pack reads (metric.x, target.x, economy.x, baseline.x, budget.x). */
  reads: Set<string>;
}

/** The prefixed names a compiled pack reads, including the targets its thresholds may take. */
function readsOf(indicators: IndicatorDef[], compiled: CompiledProfile['compiled']): Set<string> {
  const out = new Set<string>();
  for (const def of indicators) {
    const c = compiled.get(def.id);
    if (!c) continue;
    for (const ast of [c.formula, ...c.when, ...c.values]) if (ast) for (const n of namesOf(ast)) if (n.name.includes('.')) out.add(n.name);
    for (const t of def.thresholds) if (t.target) out.add(`target.${t.target}`);
  }
  return out;
}

const DEFAULT_GRADES = [
  { grade: 'A', min: 90 },
  { grade: 'B', min: 75 },
  { grade: 'C', min: 60 },
  { grade: 'D', min: 0 },
];

/** Normalises a schema-valid profile document; formula errors point at the formula's line. */
export function compileProfile(doc: ParsedDocument, fixedNames: ReadonlySet<string>): { profile?: CompiledProfile; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const v = doc.value as Record<string, unknown>;
  const known = [...fixedNames];
  const compileExpr = (src: string, path: Path): Ast | undefined => {
    const ref = { file: doc.file, ...doc.locate(path) };
    const ast = parseExpr(src);
    if (isParseError(ast)) {
      out.push(
        diag(
          'ZC-E-EXPR-SYNTAX',
          {
            where: describePath(path),
            found: src,
            reason: `${ast.message} at character ${ast.pos + 1}`,
            reason_zh: `第 ${ast.pos + 1} 个字符处${exprMessageZh(ast.message)}`,
          },
          ref,
        ),
      );
      return undefined;
    }
    let ok = true;
    for (const n of namesOf(ast)) {
      if (isKnownName(n.name, fixedNames)) continue;
      const s = suggest(n.name, known);
      out.push(diag('ZC-E-EXPR-NAME', { where: describePath(path), found: n.name, hint: didYouMean(s), suggestion: s }, ref));
      ok = false;
    }
    return ok ? ast : undefined;
  };

  const acc = (v.accounting ?? {}) as Record<string, unknown>;
  const g = acc.grid_factor;
  let grid: GridFactorChoice = { series: 'average' };
  if (typeof g === 'string') grid = { series: g as 'average' };
  else if (g && typeof g === 'object') {
    const p = g as Record<string, unknown>;
    grid = {
      pinned: Rational.fromNumber(p.pinned as number),
      unit: String(p.unit),
      source: String(p.source),
      ...(p.confidence ? { confidence: p.confidence as Confidence } : {}),
    };
  }

  const indicators: IndicatorDef[] = [];
  const compiled: CompiledProfile['compiled'] = new Map();
  const seen = new Set<string>();
  (v.indicators as Record<string, unknown>[]).forEach((raw, i) => {
    const id = String(raw.id);
    if (seen.has(id))
      out.push(
        diag(
          'ZC-E-PROFILE-INVALID',
          { where: describePath(['indicators', i, 'id']), reason: `indicator id "${id}" appears twice`, reason_zh: `指标 id“${id}”出现了两次` },
          { file: doc.file, ...doc.locate(['indicators', i, 'id']) },
        ),
      );
    seen.add(id);
    const formula = compileExpr(String(raw.formula), ['indicators', i, 'formula']);
    const thresholds = (raw.thresholds as Record<string, unknown>[]).map((t) => t as unknown as Threshold);
    const when = thresholds.map((t, j) => (t.when === undefined ? undefined : compileExpr(t.when, ['indicators', i, 'thresholds', j, 'when'])));
    const values = thresholds.map((t, j) => (typeof t.value === 'string' ? compileExpr(t.value, ['indicators', i, 'thresholds', j, 'value']) : undefined));
    const def: IndicatorDef = {
      id,
      name: raw.name as { en: string; zh: string },
      formula: String(raw.formula),
      core: raw.core === true,
      weight: typeof raw.weight === 'number' ? raw.weight : 0,
      thresholds,
      exemptable: raw.core !== true && raw.exemptable !== false,
      ...(typeof raw.unit === 'string' ? { unit: raw.unit } : {}),
      ...(typeof raw.source === 'string' ? { source: raw.source } : {}),
      ...(typeof raw.confidence === 'string' ? { confidence: raw.confidence as Confidence } : {}),
      ...(typeof raw.note === 'string' ? { note: raw.note } : {}),
    };
    indicators.push(def);
    if (formula) compiled.set(id, { formula, when, values });
  });
  // a pack that scores nothing must say what it evaluates instead (the goods of an installation)
  if (indicators.length === 0 && v.evaluates !== 'goods')
    out.push(
      diag(
        'ZC-E-PROFILE-INVALID',
        { where: 'indicators', reason: 'a pack needs at least one indicator, unless it has `evaluates: goods`' },
        { file: doc.file, ...doc.locate(['indicators']) },
      ),
    );
  if (out.some((d) => d.severity === 'error')) return { diagnostics: out };
  const grades = Array.isArray(v.grades) ? (v.grades as { grade: string; min: number }[]).slice().sort((a, b) => b.min - a.min) : DEFAULT_GRADES;
  const profile: CompiledProfile = {
    id: String(v.id),
    title: String(v.title),
    ...(typeof v.title_zh === 'string' && v.title_zh ? { title_zh: v.title_zh } : {}),
    source: String(v.source),
    file: doc.file,
    accounting: {
      electricityEnergy: acc.electricity_energy === 'coal_equivalent' ? 'coal_equivalent' : 'calorific',
      grid,
      creditNetExports: acc.credit_net_exports === true,
      cleanIncludesGas: acc.clean_includes_gas === true,
      gases: acc.gases === 'co2e' ? 'co2e' : 'co2',
    },
    indicators,
    grades,
    compiled,
    reads: readsOf(indicators, compiled),
    ...(v.sector_view === 'gpc' ? { sectorView: 'gpc' as const } : {}),
    ...(v.evaluates === 'goods' ? { evaluates: 'goods' as const } : {}),
  };
  return { profile, diagnostics: out };
}

const SHARE_UNITS = new Set(['fraction', '%', 'percent']);
const shareCache = new WeakMap<CompiledProfile, Set<string>>();

/**
 * The metrics and targets a pack reads as shares (0 … 1): those whose value becomes the value of an indicator
 * measured as a fraction, either as the formula itself or as an argument of coalesce/min/max (not as an
 * operand of a ratio, where `water_reused / water_total` may be any size), and the targets that replace such
 * an indicator's threshold. A share written 45 (meaning 45 %) would read as 4,500 %; the engine refuses it.
 */
export function shareNames(profile: CompiledProfile): Set<string> {
  const cached = shareCache.get(profile);
  if (cached) return cached;
  const out = new Set<string>();
  const valueNames = (ast: Ast): void => {
    if (ast.t === 'name') out.add(ast.name);
    else if (ast.t === 'call' && ast.fn !== 'abs') for (const a of ast.args) valueNames(a);
  };
  for (const def of profile.indicators) {
    if (!def.unit || !SHARE_UNITS.has(def.unit)) continue;
    const c = profile.compiled.get(def.id);
    if (c) valueNames(c.formula);
    for (const t of def.thresholds) if (t.target) out.add(`target.${t.target}`);
  }
  for (const n of [...out]) if (!n.startsWith('metric.') && !n.startsWith('target.')) out.delete(n);
  shareCache.set(profile, out);
  return out;
}

/** Compiles a rule pack from its text (built-in or a user's file), validating it against the profile schema first. */
export function profileFromText(
  file: string,
  text: string,
  validate: SchemaValidator,
  fixedNames: ReadonlySet<string>,
): { profile: CompiledProfile } | { diagnostics: Diagnostic[] } {
  const doc = parseYaml(file, text);
  if (hasErrors(doc.diagnostics)) return { diagnostics: doc.diagnostics };
  const schema = schemaDiagnostics(validate, doc);
  if (hasErrors(schema)) return { diagnostics: schema };
  const r = compileProfile(doc, fixedNames);
  return r.profile ? { profile: r.profile } : { diagnostics: r.diagnostics };
}
