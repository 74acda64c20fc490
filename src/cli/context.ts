/** What every command shares: the loaded data, colour, the version, and profile/factor loading. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { excerpt } from '../diagnostics/excerpt.js';
import { builtinProfile, compileProfileText, loadData, PACKAGE_ROOT, validatorFor, type LoadedData } from '../data/load.js';
import { diag, hasErrors } from '../diagnostics/codes.js';
import { UsageError } from '../diagnostics/errors.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { EvaluateInput, ProfileSource } from '../engine.js';
import type { Lang } from '../diagnostics/codes.js';
import type { Diagnostic, FactorEntry } from '../model/types.js';
import { normalizeFactorSet } from '../normalize/factors.js';
import { parseCsv } from '../parse/csv.js';
import { decodeText } from '../parse/decode.js';
import { parseYaml, type ParsedDocument } from '../parse/yaml.js';
import type { CompiledProfile } from '../score/profile.js';
import { schemaDiagnostics } from '../validate/schema.js';
import { documentKind } from './discover.js';
import { confine, displayPath, FileTooLarge, readFailure, readInput, readTracked, relativeReader } from './io.js';

let version: string | undefined;
/** The package version from package.json. */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

export const data = (): LoadedData => loadData(toolVersion());

/** Colour on stdout/stderr: off for NO_COLOR, --no-color, or a non-TTY stream. */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false || process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * The width terminal tables fit: the terminal's columns when the stream is one, else COLUMNS when set (a pager, a
 * CI log of known width); undefined otherwise (files and pipes get the renderers' default).
 */
export function terminalWidth(stream: NodeJS.WriteStream): number | undefined {
  if (stream.isTTY && stream.columns > 0) return stream.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : undefined;
}

const looksLikePath = (s: string) => /[\\/]/.test(s) || /\.(ya?ml|json)$/i.test(s);

/**
 * Loads a profile by built-in id or file path; unknown → undefined, a broken pack → its diagnostics. A path named by a
 * submission or a roster (`relativeTo` is that file) must stay inside its folder (see confine) and be a regular file;
 * a path the user typed (--profile) is read as given, a pipe included. A file without a zcpark `format:` line is
 * not parsed at all: it is said to be no rule pack, so nothing of it (a key, a password file) is quoted.
 */
export function loadProfile(idOrPath: string, relativeTo: string | undefined): ReturnType<ProfileSource> {
  const d = data();
  const builtin = builtinProfile(idOrPath, d);
  if (builtin) return builtin;
  if (!looksLikePath(idOrPath)) return { unknown: true };
  const fromFile = relativeTo !== undefined;
  let path = idOrPath;
  if (fromFile) {
    const where = confine(relativeTo === '-' ? process.cwd() : dirname(resolve(relativeTo)), idOrPath);
    if ('outside' in where) {
      const { outside: _, ...args } = where;
      return { outside: { path: excerpt(idOrPath, 80), ...args } };
    }
    path = where.abs;
    if (where.error !== undefined) {
      if (readFailure(where.error) === 'not-found') return { unknown: true, missingFile: displayPath(path) };
      return { diagnostics: [diag('ZC-E-FILE-READ', { path: displayPath(path), reason: readFailure(where.error) }, { file: displayPath(path) })] };
    }
  }
  let bytes: Buffer;
  try {
    bytes = readTracked(path, { pipes: !fromFile });
  } catch (e) {
    if (readFailure(e) === 'not-found') return { unknown: true, missingFile: displayPath(path) };
    const file = displayPath(path);
    const why = e instanceof FileTooLarge ? e.message : readFailure(e);
    return { diagnostics: [diag('ZC-E-FILE-READ', { path: file, reason: why }, { file })] };
  }
  const file = displayPath(path);
  const text = decodeText(bytes);
  if ('error' in text) return { diagnostics: [diag('ZC-E-FILE-ENCODING', { path: file, reason: text.error }, { file })] };
  if (documentKind(text.text) === undefined) {
    return { diagnostics: [diag('ZC-E-PROFILE-INVALID', { where: 'the profile file', reason: 'not a zcpark rule pack (it has no `format: zcpark-profile/1` line), so nothing of it is read or shown' }, { file, line: 1 })] };
  }
  return compileProfileText(file, text.text, d);
}

/** The engine's profile source: submission `profile:` values resolve relative to the submission. */
export const profileSource: ProfileSource = (idOrPath, submissionFile) => loadProfile(idOrPath, submissionFile);

/** What --profile and --factors resolved to, shared by every submission of a run. */
export interface RunOverrides {
  profile?: { profile: CompiledProfile } | { diagnostics: Diagnostic[] };
  factors?: { entries: FactorEntry[] };
}

/** The engine's input for one submission file: its text, a reader for its CSVs, and the run's overrides. */
export function submissionInput(path: string, file: string, text: string, overrides: RunOverrides, explain = false, lang: Lang = 'en'): EvaluateInput {
  return {
    file,
    text,
    lang,
    readFile: relativeReader(path),
    loadProfile: profileSource,
    ...(overrides.profile && 'profile' in overrides.profile ? { profileOverride: overrides.profile.profile } : {}),
    ...(overrides.factors ? { factorsFile: overrides.factors.entries } : {}),
    explain,
  };
}

/** Resolves --profile: unknown ids and paths are usage errors (exit 2). */
export function profileOption(idOrPath: string): { profile: CompiledProfile } | { diagnostics: Diagnostic[] } {
  const got = loadProfile(idOrPath, undefined);
  if ('outside' in got) throw new UsageError(`${got.outside.path} cannot be read`, 'ZC-E-PATH-OUTSIDE'); // only a submission's paths are confined
  if ('diagnostics' in got && got.diagnostics[0]?.code === 'ZC-E-FILE-READ') throw new UsageError(`${got.diagnostics[0].message} (given as --profile)`, 'ZC-E-FILE-READ');
  if ('unknown' in got && got.missingFile) throw new UsageError(`file not found: ${got.missingFile} (given as --profile)`, 'ZC-E-FILE-NOT-FOUND');
  if ('unknown' in got) {
    const ids = data().profileIds;
    throw new UsageError(`unknown profile "${idOrPath}"${didYouMean(suggest(idOrPath, ids))}; built-in: ${ids.join(', ')}, or a path to a pack file`, 'ZC-E-PROFILE-UNKNOWN');
  }
  return got;
}

/** Loads a --factors file (YAML, JSON or CSV; schemas/factors.schema.json). */
export function factorsOption(path: string): { entries: FactorEntry[]; diagnostics: Diagnostic[] } {
  const d = data();
  const file = displayPath(path);
  const decoded = decodeText(readInput(path, 'a factor set to --factors (YAML, JSON or CSV)'));
  if ('error' in decoded) return { entries: [], diagnostics: [diag('ZC-E-FILE-ENCODING', { path: file, reason: decoded.error }, { file })] };
  const doc = /\.csv$/i.test(path) ? csvFactorDocument(file, decoded.text, d) : parseYaml(file, decoded.text);
  if (hasErrors(doc.diagnostics)) return { entries: [], diagnostics: doc.diagnostics };
  // the schema's findings and the entries' own (units, words, numbers) are all reported in one run
  const diagnostics = schemaDiagnostics(validatorFor('factors'), doc);
  const set = normalizeFactorSet({ units: d.units, vocabulary: d.vocabulary, doc, origin: 'factors-file' }, diagnostics);
  return { entries: hasErrors(diagnostics) ? [] : set.entries, diagnostics };
}

/** A CSV factor set (one entry per row) presented as a document, so the schema and positions work as for YAML. */
function csvFactorDocument(file: string, text: string, d: LoadedData): ParsedDocument {
  const csv = parseCsv(file, text, new Map());
  const entries = csv.rows.map((r) => {
    const e: Record<string, unknown> = {};
    for (const [k, v] of r.cells) {
      if (v.trim() === '') continue;
      // defineProperty: a "__proto__" column must arrive as a key (and be reported as unknown), not vanish
      Object.defineProperty(e, k, { value: k === 'year' && /^\d+$/.test(v.trim()) ? Number(v) : v, enumerable: true, writable: true, configurable: true });
    }
    return e;
  });
  void d;
  const id = file.replace(/^.*\//, '').replace(/\.csv$/i, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'factors';
  return {
    file,
    value: { format: 'zcpark-factors/1', id, entries },
    diagnostics: csv.diagnostics,
    // CSV positions are a row and a column name, as for activity CSVs
    locate: (path) => {
      if (path[0] !== 'entries' || typeof path[1] !== 'number') return { line: 1, row: 1 };
      const line = csv.rows[path[1]]?.line ?? 1;
      return { line, row: line, ...(typeof path[2] === 'string' ? { field: path[2] } : {}) };
    },
  };
}
