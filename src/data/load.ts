/** Loads the bundled data files (units, vocabulary, regions, factor sets, rule packs, schemas): the data I/O adapter. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Ajv2020, Options as AjvOptions } from 'ajv/dist/2020.js';
import { parse as parseYamlText } from 'yaml';
import { hasErrors } from '../diagnostics/codes.js';
import type { EngineData } from '../engine.js';
import type { Diagnostic, FactorEntry, FactorSet } from '../model/types.js';
import { Vocabulary, type VocabularyData } from '../model/vocabulary.js';
import { CbamGoods, type CbamGoodsData } from '../model/cbam.js';
import { normalizeFactorSet } from '../normalize/factors.js';
import type { ParsedDocument } from '../parse/yaml.js';
import { fixedNames } from '../score/names.js';
import { compileProfile, profileFromText, type CompiledProfile } from '../score/profile.js';
import { UnitRegistry, type UnitsData } from '../units/registry.js';
import type { SchemaValidator } from '../validate/schema.js';

/** The package root: this file is src/data/load.ts or dist/data/load.js, two levels down. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIR = join(PACKAGE_ROOT, 'src', 'data');
export const SCHEMA_DIR = join(PACKAGE_ROOT, 'schemas');

/** dist/data/bundle.json: every data file already parsed, written by `npm run build` (src/data/bundle.ts). */
export const BUNDLE = join(PACKAGE_ROOT, 'dist', 'data', 'bundle.json');

interface Bundle {
  /** relative path → "size:mtimeMs" of the YAML the value was parsed from */
  sources: Record<string, string>;
  docs: Record<string, unknown>;
}

/** The data files, relative to src/data, in a fixed order. */
export function dataFiles(): string[] {
  const dir = (d: string) =>
    readdirSync(join(DATA_DIR, d))
      .filter((x) => x.endsWith('.yaml'))
      .sort()
      .map((x) => `${d}/${x}`);
  return ['units.yaml', 'vocabulary.yaml', 'regions.yaml', 'cbam-goods.yaml', ...dir('factors'), ...dir('profiles')];
}

const stamp = (rel: string): string => {
  const st = statSync(join(DATA_DIR, rel));
  return `${st.size}:${st.mtimeMs}`;
};

/** Parses every data file (the slow path, ~130 ms with `yaml`): what the build bundles. */
export function parseDataFiles(): Bundle {
  const files = dataFiles();
  return {
    sources: Object.fromEntries(files.map((f) => [f, stamp(f)])),
    docs: Object.fromEntries(files.map((f) => [f, parseYamlText(readFileSync(join(DATA_DIR, f), 'utf8'))])),
  };
}

/** The parsed data files: from the bundle when it matches every source file exactly, else parsed now. */
function readDataDocs(): Record<string, unknown> {
  try {
    const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8')) as Bundle;
    const files = dataFiles();
    if (files.length === Object.keys(bundle.sources).length && files.every((f) => bundle.sources[f] === stamp(f))) return bundle.docs;
  } catch {
    /* no bundle yet (running from src before a build): parse the YAML */
  }
  return parseDataFiles().docs;
}

/** A document made from an already-parsed value (bundled data has no positions; tests validate it). */
const docOf = (file: string, value: unknown): ParsedDocument => ({ file, value, diagnostics: [], locate: () => undefined });

export const SCHEMA_NAMES = ['submission', 'activity', 'roster', 'factors', 'profile', 'report', 'config', 'trend'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** The text of schemas/<name>.schema.json. */
export const schemaText = (name: SchemaName): string => readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8');
const schemaJson = (name: SchemaName): { $id: string } => JSON.parse(schemaText(name)) as { $id: string };

/** dist/data/validate-<name>.cjs: a schema compiled to code by `npm run build` (ajv standalone), so no run compiles. */
export const validatorFile = (name: SchemaName): string => join(PACKAGE_ROOT, 'dist', 'data', `validate-${name}.cjs`);
/** The ajv settings, the same for the build's precompiled code and a runtime compile. */
export const AJV_OPTIONS: AjvOptions = {
  strict: true,
  // the factor schema's anyOf branches name properties declared beside them
  strictRequired: false,
  allErrors: true,
  verbose: true,
  allowUnionTypes: true,
};
export const schemaId = (name: SchemaName) => `https://zcpark.dev/schemas/${name}.schema.json`;
/** "size:mtimeMs" of each schema file, to tell whether the precompiled code is current. */
export const schemaStamps = (): Record<string, string> =>
  Object.fromEntries(
    SCHEMA_NAMES.map((n) => {
      const st = statSync(join(SCHEMA_DIR, `${n}.schema.json`));
      return [n, `${st.size}:${st.mtimeMs}`];
    }),
  );

const require = createRequire(import.meta.url);

/** A fresh ajv with every schema added (the build compiles them all to code; a stale build compiles them here). */
export function newAjv(extra: AjvOptions = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new AjvClass({ ...AJV_OPTIONS, ...extra });
  for (const n of SCHEMA_NAMES) ajv.addSchema(schemaJson(n));
  return ajv;
}

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, SchemaValidator>();

/** The validator for one of schemas/*.schema.json: precompiled when the build is current, else compiled once now. */
export function validatorFor(name: SchemaName): SchemaValidator {
  let v = validators.get(name);
  if (!v) {
    try {
      const mod = require(validatorFile(name)) as { stamps: Record<string, string>; validate: SchemaValidator };
      const now = schemaStamps();
      if (SCHEMA_NAMES.every((n) => mod.stamps[n] === now[n])) v = mod.validate;
    } catch {
      /* not built yet (running from src): compile below */
    }
    if (!v) {
      ajv ??= newAjv();
      v = ajv.getSchema(schemaId(name)) as unknown as SchemaValidator;
    }
    validators.set(name, v);
  }
  return v;
}

export interface LoadedData extends EngineData {
  factorSets: FactorSet[];
  regions: Map<string, { zh: string; en: string; grid?: string }>;
  grids: Map<string, { zh: string; en: string }>;
  profileIds: string[];
  fixedNames: Set<string>;
  profileDocs: Map<string, unknown>;
}

let cached: LoadedData | undefined;

/** Province names as people write them (江苏省, 江苏, Jiangsu, jiangsu) → their code; spaces and case are ignored. */
function provinceNames(provinces: unknown): (name: string) => string | undefined {
  const key = (n: string) => n.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const byName = new Map<string, string>();
  for (const r of (Array.isArray(provinces) ? provinces : []) as Record<string, string>[]) {
    for (const n of [r.zh, r.zh_short, r.en]) if (n && r.code) byName.set(key(n), r.code);
  }
  return (name) => byName.get(key(name));
}

/** Loads and checks every bundled data file once; a broken bundled file is a bug (thrown). */
export function loadData(version: string): LoadedData {
  if (cached) return cached;
  const docs = readDataDocs();
  const units = new UnitRegistry(docs['units.yaml'] as UnitsData);
  const vocabulary = new Vocabulary(docs['vocabulary.yaml'] as VocabularyData);
  const regionsRaw = docs['regions.yaml'] as Record<string, unknown>;
  const regions = new Map<string, { zh: string; en: string; grid?: string }>();
  const grids = new Map<string, { zh: string; en: string }>();
  const entriesOf = (x: unknown): [string, Record<string, string>][] =>
    Array.isArray(x) ? x.map((r: Record<string, string>) => [r.code ?? r.id ?? '', r]) : Object.entries((x ?? {}) as Record<string, Record<string, string>>);
  for (const [code, r] of entriesOf(regionsRaw.provinces)) regions.set(code, { zh: r.zh ?? '', en: r.en ?? '', ...(r.grid ? { grid: r.grid } : {}) });
  for (const [code, r] of entriesOf(regionsRaw.grids ?? regionsRaw.grid_regions)) grids.set(code, { zh: r.zh ?? '', en: r.en ?? '' });

  const factorSets: FactorSet[] = [];
  const problems: Diagnostic[] = [];
  // bundled factor sets are checked against schemas/ by test/unit/schemas.test.ts, not on every run
  for (const f of Object.keys(docs).filter((k) => k.startsWith('factors/'))) {
    factorSets.push(normalizeFactorSet({ units, vocabulary, doc: docOf(`src/data/${f}`, docs[f]), origin: 'builtin' }, problems));
  }
  if (hasErrors(problems)) throw new Error(`bundled factor data is invalid: ${problems.map((p) => `${p.file} ${p.message}`).join('; ')}`);
  const profileIds = Object.keys(docs)
    .filter((k) => k.startsWith('profiles/'))
    .map((k) => k.slice('profiles/'.length, -'.yaml'.length));
  const builtinFactors: FactorEntry[] = factorSets.flatMap((s) => s.entries);
  cached = {
    version,
    units,
    vocabulary,
    cbam: new CbamGoods(docs['cbam-goods.yaml'] as CbamGoodsData),
    builtinFactors,
    gridRegionOf: (p) => regions.get(p)?.grid,
    provinces: [...regions.keys()],
    provinceCode: provinceNames(regionsRaw.provinces),
    validateSubmission: validatorFor('submission'),
    validateProfile: validatorFor('profile'),
    validateFactors: validatorFor('factors'),
    validateConfig: validatorFor('config'),
    builtinProfileIds: profileIds,
    factorSets,
    regions,
    grids,
    profileIds,
    fixedNames: new Set(fixedNames(vocabulary)),
    profileDocs: new Map(profileIds.map((id) => [id, docs[`profiles/${id}.yaml`]])),
  };
  return cached;
}

/** Compiles a rule pack from its text (built-in or a user's file), validating it against the profile schema first. */
export function compileProfileText(file: string, text: string, data: LoadedData): { profile: CompiledProfile } | { diagnostics: Diagnostic[] } {
  return profileFromText(file, text, validatorFor('profile'), data.fixedNames);
}

/** A built-in pack, compiled from its already-parsed document; undefined when `id` is not one. */
export function builtinProfile(id: string, data: LoadedData): { profile: CompiledProfile } | { diagnostics: Diagnostic[] } | undefined {
  if (!data.profileDocs.has(id)) return undefined;
  // compiled once per data set: a batch asks for the same pack 10,000 times (compiled profiles are never mutated)
  let cache = compiledBuiltins.get(data);
  if (!cache) compiledBuiltins.set(data, (cache = new Map()));
  let got = cache.get(id);
  if (!got) {
    const r = compileProfile(docOf(`src/data/profiles/${id}.yaml`, data.profileDocs.get(id)), data.fixedNames);
    cache.set(id, (got = r.profile ? { profile: r.profile } : { diagnostics: r.diagnostics }));
  }
  return got;
}
const compiledBuiltins = new WeakMap<LoadedData, Map<string, { profile: CompiledProfile } | { diagnostics: Diagnostic[] }>>();
