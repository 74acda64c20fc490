/** What every command shares: the loaded data, colour and language, the version, and profile/factor loading. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { factorSetFromBytes, profileFromBytes } from '../check.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { builtinProfile, loadData, PACKAGE_ROOT, type LoadedData } from '../data/load.js';
import { diag } from '../diagnostics/codes.js';
import { UsageError } from '../diagnostics/errors.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { EvaluateInput, ProfileSource } from '../engine.js';
import type { Lang } from '../diagnostics/codes.js';
import type { Diagnostic, FactorEntry } from '../model/types.js';
import type { CompiledProfile } from '../score/profile.js';
import { confine, displayPath, FileTooLarge, readFailure, readInput, readTracked, relativeReader } from './io.js';

let version: string | undefined;
/** The package version from package.json. */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

export const data = (): LoadedData => loadData(toolVersion());

/** --lang, else zh when LANG/LC_ALL says Chinese, else en. */
export function pickLang(flag: string | undefined): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  return /^zh/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'zh' : 'en';
}

/** Colour on stdout/stderr: off for NO_COLOR, --no-color, or a non-TTY stream. */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false || (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '')) return false;
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
  return profileFromBytes(displayPath(path), bytes, d);
}

/** The engine's profile source: submission `profile:` values resolve relative to the submission. */
export const profileSource: ProfileSource = (idOrPath, submissionFile) => loadProfile(idOrPath, submissionFile);

/** What --profile and --factors resolved to, shared by every submission of a run. */
export interface RunOverrides {
  profile?: { profile: CompiledProfile } | { diagnostics: Diagnostic[] };
  /** The config's default pack: for submissions that name none. */
  defaultProfile?: { profile: CompiledProfile } | { diagnostics: Diagnostic[] };
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
    ...(overrides.defaultProfile && 'profile' in overrides.defaultProfile ? { profileDefault: overrides.defaultProfile.profile } : {}),
    ...(overrides.factors ? { factorsFile: overrides.factors.entries } : {}),
    explain,
  };
}

/** Resolves --profile (or the config's default pack, `from` naming it): unknown ids and paths are usage errors (exit 2). */
export function profileOption(idOrPath: string, from?: string): { profile: CompiledProfile } | { diagnostics: Diagnostic[] } {
  const given = from ?? 'given as --profile';
  const got = loadProfile(idOrPath, undefined);
  if ('outside' in got) throw new UsageError(`${got.outside.path} cannot be read`, 'ZC-E-PATH-OUTSIDE'); // only a submission's paths are confined
  if ('diagnostics' in got && got.diagnostics[0]?.code === 'ZC-E-FILE-READ') throw new UsageError(`${got.diagnostics[0].message} (${given})`, 'ZC-E-FILE-READ');
  if ('unknown' in got && got.missingFile) throw new UsageError(`file not found: ${got.missingFile} (${given})`, 'ZC-E-FILE-NOT-FOUND');
  if ('unknown' in got) {
    const ids = data().profileIds;
    throw new UsageError(
      `unknown profile "${idOrPath}"${from ? ` in ${from}` : ''}${didYouMean(suggest(idOrPath, ids))}; built-in: ${ids.join(', ')}, or a path to a pack file`,
      'ZC-E-PROFILE-UNKNOWN',
    );
  }
  return got;
}

/** Where a default pack came from, for its messages: `defaults.profile of zcpark.config.yaml`. */
const defaultsFrom = (settings: { file: string } | undefined): string => `defaults.profile of ${settings?.file ?? 'the config'}`;

/** The config's default pack (`defaults.profile`), loaded; undefined when there is none or --profile overrides every submission's anyway. */
export function defaultProfileOption(opts: { profile?: string; defaultProfile?: string; settings?: { file: string } }): RunOverrides['defaultProfile'] {
  const t = defaultProfileTask(opts);
  return t.defaultProfile ? profileOption(t.defaultProfile, t.defaultFrom) : undefined;
}

/** The default pack as worker threads are told it (they load it themselves, saying where it came from). */
export function defaultProfileTask(opts: { profile?: string; defaultProfile?: string; settings?: { file: string } }): {
  defaultProfile?: string;
  defaultFrom?: string;
} {
  return opts.defaultProfile && !opts.profile ? { defaultProfile: opts.defaultProfile, defaultFrom: defaultsFrom(opts.settings) } : {};
}

/** Loads a --factors file (YAML, JSON or CSV; schemas/factors.schema.json). */
export function factorsOption(path: string): { entries: FactorEntry[]; diagnostics: Diagnostic[] } {
  return factorSetFromBytes(displayPath(path), readInput(path, 'a factor set to --factors (YAML, JSON or CSV)'), data());
}
