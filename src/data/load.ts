/** Loads the bundled data files (units, vocabulary, regions, factor sets, rule packs, schemas): the data I/O adapter. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYamlText } from 'yaml';
import { hasErrors } from '../diagnostics/codes.js';
import type { EngineData } from '../engine.js';
import type { Diagnostic, FactorEntry, FactorSet } from '../model/types.js';
import { Vocabulary, type VocabularyData } from '../model/vocabulary.js';
import { normalizeFactorSet } from '../normalize/factors.js';
import { parseYaml } from '../parse/yaml.js';
import { fixedNames } from '../score/names.js';
import { compileProfile, type CompiledProfile } from '../score/profile.js';
import { UnitRegistry, type UnitsData } from '../units/registry.js';
import { schemaDiagnostics, type SchemaValidator } from '../validate/schema.js';

/** The package root: this file is src/data/load.ts or dist/data/load.js, two levels down. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIR = join(PACKAGE_ROOT, 'src', 'data');
export const SCHEMA_DIR = join(PACKAGE_ROOT, 'schemas');

const readYaml = <T>(path: string): T => parseYamlText(readFileSync(path, 'utf8')) as T;

export type SchemaName = 'submission' | 'activity' | 'factors' | 'profile' | 'report';

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, SchemaValidator>();

/** A compiled validator for one of schemas/*.schema.json (compiled once per process). */
export function validatorFor(name: SchemaName): SchemaValidator {
  let v = validators.get(name);
  if (!v) {
    ajv ??= new Ajv2020({ strict: true, strictRequired: false, allErrors: true, verbose: true, allowUnionTypes: true }) // strictRequired off: anyOf branches name properties declared beside them;
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as object;
    v = ajv.compile(schema) as unknown as SchemaValidator;
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
}

let cached: LoadedData | undefined;

/** Loads and checks every bundled data file once; a broken bundled file is a bug (thrown). */
export function loadData(version: string): LoadedData {
  if (cached) return cached;
  const units = new UnitRegistry(readYaml<UnitsData>(join(DATA_DIR, 'units.yaml')));
  const vocabulary = new Vocabulary(readYaml<VocabularyData>(join(DATA_DIR, 'vocabulary.yaml')));
  const regionsRaw = readYaml<Record<string, unknown>>(join(DATA_DIR, 'regions.yaml'));
  const regions = new Map<string, { zh: string; en: string; grid?: string }>();
  const grids = new Map<string, { zh: string; en: string }>();
  const entriesOf = (x: unknown): [string, Record<string, string>][] =>
    Array.isArray(x) ? x.map((r: Record<string, string>) => [r.code ?? r.id ?? '', r]) : Object.entries((x ?? {}) as Record<string, Record<string, string>>);
  for (const [code, r] of entriesOf(regionsRaw.provinces)) regions.set(code, { zh: r.zh ?? '', en: r.en ?? '', ...(r.grid ? { grid: r.grid } : {}) });
  for (const [code, r] of entriesOf(regionsRaw.grids ?? regionsRaw.grid_regions)) grids.set(code, { zh: r.zh ?? '', en: r.en ?? '' });

  const factorSets: FactorSet[] = [];
  const problems: Diagnostic[] = [];
  const factorDir = join(DATA_DIR, 'factors');
  for (const f of readdirSync(factorDir).filter((x) => x.endsWith('.yaml')).sort()) {
    const doc = parseYaml(`src/data/factors/${f}`, readFileSync(join(factorDir, f), 'utf8'));
    problems.push(...doc.diagnostics, ...schemaDiagnostics(validatorFor('factors'), doc));
    factorSets.push(normalizeFactorSet({ units, vocabulary, doc, origin: 'builtin' }, problems));
  }
  if (hasErrors(problems)) throw new Error(`bundled factor data is invalid: ${problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`);
  const profileIds = readdirSync(join(DATA_DIR, 'profiles')).filter((x) => x.endsWith('.yaml')).map((x) => x.slice(0, -5)).sort();
  const builtinFactors: FactorEntry[] = factorSets.flatMap((s) => s.entries);
  cached = {
    version,
    units,
    vocabulary,
    builtinFactors,
    gridRegionOf: (p) => regions.get(p)?.grid,
    validateSubmission: validatorFor('submission'),
    builtinProfileIds: profileIds,
    factorSets,
    regions,
    grids,
    profileIds,
    fixedNames: new Set(fixedNames(vocabulary)),
  };
  return cached;
}

/** Compiles a rule pack from its text (built-in or a user's file), validating it against the profile schema first. */
export function compileProfileText(file: string, text: string, data: LoadedData): { profile: CompiledProfile } | { diagnostics: Diagnostic[] } {
  const doc = parseYaml(file, text);
  if (hasErrors(doc.diagnostics)) return { diagnostics: doc.diagnostics };
  const schema = schemaDiagnostics(validatorFor('profile'), doc);
  if (hasErrors(schema)) return { diagnostics: schema };
  const r = compileProfile(doc, data.fixedNames);
  return r.profile ? { profile: r.profile } : { diagnostics: r.diagnostics };
}

/** The text of a built-in pack, or undefined when `id` is not one. */
export function builtinProfileText(id: string, data: LoadedData): { file: string; text: string } | undefined {
  if (!data.profileIds.includes(id)) return undefined;
  return { file: `src/data/profiles/${id}.yaml`, text: readFileSync(join(DATA_DIR, 'profiles', `${id}.yaml`), 'utf8') };
}
