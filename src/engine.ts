/** evaluate(): parse → validate → normalise → account → score → report, with no I/O of its own. */
import { Accounting } from './account/account.js';
import { co2eFigures } from './account/figures.js';
import { computeGoods, type GoodFigures } from './account/goods.js';
import { Rational } from './model/rational.js';
import { layeredResolver } from './account/factors.js';
import { capDiagnostics, dedupeDiagnostics, diag, hasErrors, type Lang } from './diagnostics/codes.js';
import { didYouMean, suggest } from './diagnostics/suggest.js';
import type { AccountResult } from './account/account.js';
import type { Diagnostic, FactorEntry, ProfileAccounting, Submission } from './model/types.js';
import type { Vocabulary } from './model/vocabulary.js';
import type { CbamGoods } from './model/cbam.js';
import { normalizeSubmission, type FileReader } from './normalize/submission.js';
import { parseYaml, type ParsedDocument } from './parse/yaml.js';
import { buildReport } from './report/build.js';
import type { Report } from './report/types.js';
import { buildLookup } from './score/names.js';
import { shareNames, type CompiledProfile } from './score/profile.js';
import { checkExemptions, scoreProfile, type ScoreResult } from './score/score.js';
import { namesOf, type ExprValue } from './score/expr.js';
import type { TraceIndicator } from './account/trace.js';
import type { UnitRegistry } from './units/registry.js';
import { schemaDiagnostics, type SchemaValidator } from './validate/schema.js';

/** Everything loaded from data files, handed to the engine by the CLI. */
export interface EngineData {
  version: string;
  units: UnitRegistry;
  vocabulary: Vocabulary;
  /** The CBAM goods table: CN codes → aggregated categories (Regulation (EU) 2023/956 Annexes I and II). */
  cbam: CbamGoods;
  builtinFactors: FactorEntry[];
  gridRegionOf: (province: string) => string | undefined;
  /** Province codes the factor library knows. */
  provinces: string[];
  /** A province's code from its name as written (江苏省, 江苏, Jiangsu); undefined for no province. */
  provinceCode?: (name: string) => string | undefined;
  validateSubmission: SchemaValidator;
  validateProfile: SchemaValidator;
  validateFactors: SchemaValidator;
  validateConfig: SchemaValidator;
  builtinProfileIds: string[];
  /** The names every pack may read whatever its inputs (see score/names.ts). */
  fixedNames: Set<string>;
}

/** How the engine gets a profile: by --profile override, else the submission's own `profile` value. */
export type ProfileSource = (
  idOrPath: string,
  submissionFile: string,
) =>
  | { profile: CompiledProfile }
  | { diagnostics: Diagnostic[] }
  | { unknown: true; missingFile?: string }
  | { outside: { path: string; root: string; root_zh: string; why: string; why_zh: string } };

export interface EvaluateInput {
  file: string;
  text: string;
  /** An already-parsed document (a roster row); `text` is then ignored. */
  doc?: ParsedDocument;
  readFile: FileReader;
  profileOverride?: CompiledProfile;
  /** The pack for a submission that names none (zcpark.config.yaml's `defaults.profile`); its own `profile` wins. */
  profileDefault?: CompiledProfile;
  loadProfile: ProfileSource;
  factorsFile?: FactorEntry[];
  explain?: boolean;
  /** Language of the report's names and warning messages (codes never change). */
  lang?: Lang;
  /** Built-in factors of this year's vintage instead of the reporting year's (`zcpark trend --factors-year`). */
  factorsYear?: number;
}

export interface EvaluateOutput {
  report?: Report;
  /** The normalised submission and the exact values of every formula name (for `zcpark trend`), with a report. */
  submission?: Submission;
  profile?: CompiledProfile;
  lookup?: (name: string) => ExprValue | undefined;
  /** Errors (no report) and warnings (also carried in the report). */
  diagnostics: Diagnostic[];
}

const FORMAT = /^zcpark\/1(\.\d+)?$/;

const DEFAULT_ACCOUNTING: ProfileAccounting = {
  electricityEnergy: 'calorific',
  grid: { series: 'average' },
  creditNetExports: false,
  cleanIncludesGas: false,
  gases: 'co2',
};

interface Analysis {
  diagnostics: Diagnostic[];
  submission?: Submission;
  profile?: CompiledProfile;
  account?: AccountResult;
  doc?: ParsedDocument;
  goods?: GoodFigures[];
}

/**
 * Every check short of scoring: parse, schema, normalise, resolve the profile, account.
 * Accounting runs even when some rows are invalid, so one run reports every problem of a file;
 * balance checks are skipped for entities that lost a row, so one cause gives one message.
 */
function analyse(input: EvaluateInput, data: EngineData): Analysis {
  const doc = input.doc ?? parseYaml(input.file, input.text);
  // duplicate keys are reported but do not stop the other checks; a syntax error does
  if (doc.value === undefined && hasErrors(doc.diagnostics)) return { diagnostics: doc.diagnostics };
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    const found = doc.value === null || doc.value === undefined ? 'an empty document' : Array.isArray(doc.value) ? 'a list' : `a single ${typeof doc.value}`;
    const kindZh: Record<string, string> = { string: '文本', number: '数字', boolean: '布尔值' };
    const foundZh =
      doc.value === null || doc.value === undefined ? '空文档' : Array.isArray(doc.value) ? '列表' : `单个${kindZh[typeof doc.value] ?? typeof doc.value}`;
    diagnostics.push(
      diag(
        'ZC-E-SCHEMA-TYPE',
        {
          where: 'the document',
          where_zh: '文档顶层',
          allowed: 'a mapping with format, entity, year, …',
          allowed_zh: '含 format、entity、year 等字段的映射',
          found,
          found_zh: foundZh,
        },
        { file: input.file, line: 1, column: 1 },
      ),
    );
    return { diagnostics };
  }
  const raw = doc.value as Record<string, unknown>;
  if (typeof raw.format === 'string' && !FORMAT.test(raw.format)) {
    diagnostics.push(diag('ZC-E-FORMAT-VERSION', { found: raw.format, allowed: 'zcpark/1' }, { file: input.file, ...doc.locate(['format']) }));
  }
  // a province written by name (江苏省, 江苏, Jiangsu) is its code: the schema and the factor lookup see the code
  const entityRaw = raw.entity as Record<string, unknown> | null | undefined;
  if (entityRaw && typeof entityRaw === 'object' && typeof entityRaw.region === 'string' && !/^CN(-[A-Z]{2})?$/.test(entityRaw.region)) {
    const code = data.provinceCode?.(entityRaw.region);
    if (code) entityRaw.region = code;
  }
  diagnostics.push(...schemaDiagnostics(data.validateSubmission, doc, (values) => data.vocabulary.entityTypesZh(values)));
  const {
    submission,
    diagnostics: nd,
    taintedEntities,
  } = normalizeSubmission(doc, { units: data.units, vocabulary: data.vocabulary, provinces: data.provinces, readFile: input.readFile, cbam: data.cbam });
  diagnostics.push(...nd);

  let profile = input.profileOverride;
  if (!profile && typeof raw.profile === 'string') {
    const got = input.loadProfile(raw.profile, input.file);
    if ('profile' in got) profile = got.profile;
    else if ('diagnostics' in got) diagnostics.push(...got.diagnostics);
    else if ('outside' in got) diagnostics.push(diag('ZC-E-PATH-OUTSIDE', got.outside, { file: input.file, ...doc.locate(['profile']) }));
    else if (got.missingFile)
      diagnostics.push(
        diag(
          'ZC-E-FILE-NOT-FOUND',
          { path: `${got.missingFile} (the submission's profile)`, path_zh: `${got.missingFile}（申报文件指定的规则包）` },
          { file: input.file, ...doc.locate(['profile']) },
        ),
      );
    else {
      const s = suggest(raw.profile, data.builtinProfileIds);
      diagnostics.push(
        diag(
          'ZC-E-PROFILE-UNKNOWN',
          { where: 'profile', found: raw.profile, hint: didYouMean(s), suggestion: s, allowed: data.builtinProfileIds.join(', ') },
          { file: input.file, ...doc.locate(['profile']) },
        ),
      );
    }
  } else if (!profile && raw.profile === undefined && input.profileDefault) {
    profile = input.profileDefault;
  } else if (!profile && raw.profile === undefined) {
    diagnostics.push(diag('ZC-E-PROFILE-MISSING', { allowed: data.builtinProfileIds.join(', ') }, { file: input.file, line: 1, column: 1 }));
  }
  // accounting needs a usable year; without a profile it still checks rows, but its warnings
  // (vintages of the default accounting) would only be noise next to the profile error
  if (!submission || !Number.isInteger(raw.year) || (raw.year as number) < 1990 || (raw.year as number) > 2100)
    return { diagnostics: dedupeDiagnostics(diagnostics) };

  const acc = profile?.accounting ?? DEFAULT_ACCOUNTING;
  const resolver = layeredResolver({
    year: input.factorsYear ?? submission.year,
    ...(submission.entity.region ? { region: submission.entity.region } : {}),
    submissionFactors: submission.factors,
    ...(input.factorsFile ? { factorsFile: input.factorsFile } : {}),
    pack: { id: profile?.id ?? '', accounting: acc },
    builtinFactors: data.builtinFactors,
    gridRegionOf: data.gridRegionOf,
    dimensionOf: (u) => data.units.lookup(u)?.dimension,
  });
  const accounting = new Accounting({
    units: data.units,
    vocabulary: data.vocabulary,
    resolver,
    accounting: acc,
    skipBalances: taintedEntities,
    trace: input.explain === true,
    goods: submission.goods.length > 0,
  });
  for (const row of submission.activity) accounting.add(row);
  const account = accounting.finish();
  diagnostics.push(...(profile ? account.diagnostics : account.diagnostics.filter((d) => d.severity === 'error')));
  // goods: their embedded emissions, from the boundary's per-entity figures (once the accounting has no error)
  let goods: GoodFigures[] | undefined;
  if (submission.goods.length > 0 && !hasErrors(diagnostics)) {
    const g = computeGoods(submission.goods, account);
    goods = g.goods;
    diagnostics.push(...(profile ? g.diagnostics : g.diagnostics.filter((d) => d.severity === 'error')));
    if (input.explain) account.trace.goods = Object.fromEntries(g.goods.map((f) => [f.good.id, f.trace]));
  }
  if ('pinned' in acc.grid) {
    // row factors are the user's per-row choice; a submission or --factors grid factor replaces the pin itself
    const grid = [...account.factorsUsed.values()].find(
      (f) =>
        f.kind === 'co2' &&
        f.entry.category === 'electricity' &&
        f.entry.item === 'grid' &&
        (f.entry.origin === 'submission' || f.entry.origin === 'factors-file'),
    );
    if (grid) {
      diagnostics.push(
        diag(
          'ZC-W-FACTOR-PIN-OVERRIDDEN',
          {
            pinned: `${acc.grid.pinned.toString()} ${acc.grid.unit}`,
            origin: grid.entry.origin === 'submission' ? 'submission `factors`' : '--factors',
            found: `${grid.value.value.toString()} ${grid.value.unitText}`,
          },
          grid.entry.ref,
        ),
      );
    }
  }
  if (profile) {
    const shares = shareRange(doc, submission, profile);
    if (shares.length > 0) {
      // the error replaces the name-based warning for the same key: one cause, one message
      const where = new Set(shares.map((d) => `${d.line}:${d.column}`));
      for (let i = diagnostics.length - 1; i >= 0; i--)
        if (diagnostics[i]!.code === 'ZC-W-METRIC-RANGE' && where.has(`${diagnostics[i]!.line}:${diagnostics[i]!.column}`)) diagnostics.splice(i, 1);
      diagnostics.push(...shares);
    }
    diagnostics.push(...checkExemptions(profile, submission.exemptions), ...unusedKeys(doc, profile), ...co2eRead(profile, account));
  }
  // a finding about the submission as a whole (a factor vintage, a band) still names its file
  for (const d of diagnostics) d.file ??= input.file;
  return { diagnostics: dedupeDiagnostics(diagnostics), submission, account, doc, ...(profile ? { profile } : {}), ...(goods ? { goods } : {}) };
}

/**
 * An indicator that reads a figure holding tonnes entered in CO2e units (other gases at their GWP) is told so:
 * the figure is tCO2e, and a CO2-only threshold would silently count those gases as CO2.
 */
function co2eRead(profile: CompiledProfile, account: AccountResult): Diagnostic[] {
  const holds = co2eFigures(account);
  if (holds.length === 0 || profile.accounting.gases === 'co2e') return [];
  const reads = profile.indicators.map((d) => ({
    id: d.id,
    names: namesOf(profile.compiled.get(d.id)!.formula)
      .map((n) => n.name)
      .filter((n) => holds.includes(n)),
  }));
  const readers = reads.filter((r) => r.names.length > 0);
  if (readers.length === 0) return [];
  const read = [...new Set(readers.flatMap((r) => r.names))];
  const t = [...account.co2e.values()].reduce((a, x) => a.add(x), Rational.ZERO);
  return [diag('ZC-W-CO2E-IN-CO2', { indicators: readers.map((d) => d.id).join(', '), figures: read.join(', '), found: t.toString() })];
}

/**
 * A metric or target the pack reads as a share (shareNames) must lie in 0 … 1. One written as a plain number
 * above 1 that would be a valid percentage (45 for 45 %) is an error that says so: it would otherwise score
 * 4,500 % and pass. It never scores.
 */
function shareRange(doc: ParsedDocument, submission: Submission, profile: CompiledProfile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = shareNames(profile);
  for (const [section, prefix, values] of [
    ['metrics', 'metric', submission.metrics],
    ['targets', 'target', submission.targets],
  ] as const) {
    for (const [k, v] of values) {
      if (!names.has(`${prefix}.${k}`)) continue;
      if (v.kind === 'boolean') {
        // yes/no where a share is read would leave the indicator missing without a word
        out.push(
          diag(
            'ZC-E-SHARE-RANGE',
            {
              where: `${section}.${k}`,
              found: `${v.value} (a yes/no answer)`,
              found_zh: `${v.value ? '是' : '否'}（是/否回答）`,
              profile: profile.id,
              hint: '',
            },
            { file: doc.file, ...doc.locate([section, k]) },
          ),
        );
        continue;
      }
      if (v.value.cmp(Rational.ONE) <= 0) continue;
      const plain = v.unit === '';
      const asPercent = plain && v.value.cmp(Rational.fromNumber(100)) <= 0;
      const found = plain ? v.value.toString() : `${v.value.mul(Rational.fromNumber(100)).toString()} %`;
      out.push(
        diag(
          'ZC-E-SHARE-RANGE',
          {
            where: `${section}.${k}`,
            found,
            profile: profile.id,
            hint: asPercent ? didYouMean(`${found}%`) : '',
            ...(asPercent ? { suggestion: `${found}%` } : {}),
          },
          { file: doc.file, ...doc.locate([section, k]) },
        ),
      );
    }
  }
  return out;
}

/**
 * A metric or target key the pack never reads, but that is close to one it does read, is almost always
 * a typo (solid_waste_utilisation_rate): it would silently leave an indicator missing, so it is flagged
 * with that key. Keys with no near match are data for other programmes and are left alone.
 */
function unusedKeys(doc: ParsedDocument, profile: CompiledProfile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const raw = doc.value as Record<string, unknown>;
  for (const [section, prefix] of [
    ['metrics', 'metric'],
    ['targets', 'target'],
  ] as const) {
    const keys = raw[section] !== null && typeof raw[section] === 'object' ? Object.keys(raw[section] as object) : [];
    const read = [...profile.reads].filter((n) => n.startsWith(`${prefix}.`)).map((n) => n.slice(prefix.length + 1));
    for (const k of keys) {
      if (read.includes(k)) continue;
      const s = suggest(k, read);
      if (!s) continue;
      out.push(
        diag(
          'ZC-W-KEY-UNUSED',
          { where: `${section}.${k}`, profile: profile.id, found: k, hint: didYouMean(s), suggestion: s, allowed: read.join(', ') || '(none)' },
          { file: doc.file, ...doc.locate([section, k], true) },
        ),
      );
    }
  }
  return out;
}

/** Scores an analysis that has no errors; its diagnostics then include the pack's own warnings. */
function scoreAnalysis(
  input: EvaluateInput,
  data: EngineData,
):
  | {
      analysis: Required<Omit<Analysis, 'doc' | 'goods'>> & Pick<Analysis, 'goods'>;
      score: ScoreResult;
      lookup: (name: string) => ExprValue | undefined;
      diagnostics: Diagnostic[];
    }
  | { diagnostics: Diagnostic[] } {
  const analysis = analyse(input, data);
  const { diagnostics, submission, profile, account } = analysis;
  if (hasErrors(diagnostics) || !submission || !profile || !account) return { diagnostics: capDiagnostics(diagnostics) };
  const lookup = buildLookup(account, submission, data.vocabulary);
  const prices = priceYears(profile, submission, analysis.diagnostics, input.file, analysis.doc);
  const score = scoreProfile(profile, lookup, submission.exemptions, prices);
  for (const d of score.diagnostics) d.file ??= input.file;
  // a pack that evaluates goods (cbam) scores nothing: pass when every good has its SEE, incomplete otherwise
  if (profile.evaluates === 'goods') {
    const goods = analysis.goods ?? [];
    score.verdict = goods.length > 0 && goods.every((g) => g.seeTotal !== undefined) ? 'pass' : 'incomplete';
    if (goods.length === 0)
      score.diagnostics.push(
        diag(
          'ZC-W-NO-ACTIVITY',
          {
            what: `profile ${profile.id} evaluates goods, and the submission declares none under goods`,
            what_zh: `规则包 ${profile.id} 评价货物，而申报文件的 goods 下没有任何货物`,
          },
          { file: input.file, line: 1, column: 1 },
        ),
      );
  }
  return {
    analysis: { diagnostics, submission, profile, account, ...(analysis.goods ? { goods: analysis.goods } : {}) },
    score,
    lookup,
    diagnostics: capDiagnostics(dedupeDiagnostics([...diagnostics, ...score.diagnostics])),
  };
}

/** Checks one submission without printing a score: every error and warning, deduplicated (a pack's band warnings included). */
export function validate(input: EvaluateInput, data: EngineData): Diagnostic[] {
  return scoreAnalysis(input, data).diagnostics;
}

/** Evaluates one submission document. */
export function evaluate(input: EvaluateInput, data: EngineData): EvaluateOutput {
  const scored = scoreAnalysis(input, data);
  if (!('score' in scored)) return { diagnostics: scored.diagnostics };
  const {
    analysis: { submission, profile, account, goods },
    score,
    lookup,
    diagnostics: warnings,
  } = scored;
  if (input.explain) account.trace.indicators = traceIndicators(profile, score, lookup);
  const report = buildReport({
    version: data.version,
    submission,
    profile,
    account,
    score,
    warnings,
    explain: input.explain === true,
    lang: input.lang ?? 'en',
    ...(goods ? { goods } : {}),
  });
  return { report, submission, profile, lookup, diagnostics: warnings };
}

/**
 * Constant prices (README § Constant prices): an indicator comparing economy.<k> with baseline.<k> (GDP, industrial
 * added value) needs both at one year's prices. Both with a price_year and the two differ: the names are incomparable
 * and the indicator is missing, with the reason. Either without one: they are assumed comparable, and a warning says so.
 */
function priceYears(profile: CompiledProfile, s: Submission, out: Diagnostic[], file: string, doc?: ParsedDocument): Map<string, string> {
  const blocked = new Map<string, string>();
  const warned = new Set<string>();
  for (const def of profile.indicators) {
    const names = new Set(namesOf(profile.compiled.get(def.id)!.formula).map((n) => n.name));
    for (const n of names) {
      if (!n.startsWith('economy.')) continue;
      const k = n.slice('economy.'.length);
      if (!names.has(`baseline.${k}`)) continue;
      const now = s.economy.get(k),
        then = s.baseline.get(k);
      if (now?.kind !== 'number' || then?.kind !== 'number') continue;
      if (now.priceYear !== undefined && then.priceYear !== undefined) {
        if (now.priceYear !== then.priceYear) {
          const why = `economy.${k} is at ${now.priceYear} prices and baseline.${k} at ${then.priceYear} prices: an intensity change needs both at one year's constant prices`;
          blocked.set(n, why);
          blocked.set(`baseline.${k}`, why);
        }
      } else if (!warned.has(k)) {
        warned.add(k);
        const which =
          now.priceYear === undefined && then.priceYear === undefined
            ? `neither economy.${k} nor baseline.${k} gives`
            : now.priceYear === undefined
              ? `economy.${k} gives no price_year (baseline.${k}: ${then.priceYear})`
              : `baseline.${k} gives no price_year (economy.${k}: ${now.priceYear})`;
        const at = doc?.locate(now.priceYear === undefined ? ['economy', k] : ['baseline', k]);
        const whichZh =
          now.priceYear === undefined && then.priceYear === undefined
            ? `economy.${k} 和 baseline.${k} 都没有注明 price_year`
            : now.priceYear === undefined
              ? `economy.${k} 没有注明 price_year（baseline.${k}：${then.priceYear}）`
              : `baseline.${k} 没有注明 price_year（economy.${k}：${now.priceYear}）`;
        out.push(
          diag(
            'ZC-W-PRICE-YEAR',
            { what: which.startsWith('neither') ? `${which} a price_year` : which, what_zh: whichZh, indicators: def.id },
            { file, ...at },
          ),
        );
      }
    }
  }
  return blocked;
}

/** The indicator part of the trace: each formula with the values of the names it read. */
function traceIndicators(profile: CompiledProfile, score: ScoreResult, lookup: (name: string) => ExprValue | undefined): Record<string, TraceIndicator> {
  const show = (v: ExprValue | undefined): string | boolean | null => (v === undefined ? null : typeof v === 'boolean' ? v : v.toString());
  const out: Record<string, TraceIndicator> = {};
  for (const r of score.indicators) {
    const def = profile.indicators.find((d) => d.id === r.id)!;
    const compiled = profile.compiled.get(r.id)!;
    const inputs: Record<string, string | boolean | null> = {};
    for (const n of namesOf(compiled.formula)) inputs[n.name] = show(lookup(n.name));
    out[r.id] = {
      formula: def.formula,
      inputs,
      value: show(r.value),
      ...(r.threshold ? { threshold: `${r.threshold.op} ${show(r.threshold.value)}${r.threshold.label ? ` (${r.threshold.label})` : ''}` } : {}),
    };
  }
  return out;
}
