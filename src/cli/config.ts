/**
 * zcpark.config.yaml (schemas/config.schema.json): per-code severity, ignores by code and path glob, and defaults
 * for format, profile, factors and lang. Named with --config, else found in the working folder or the nearest folder
 * above it. Command-line options win over it. A bad config is a usage error (exit 2) with its file:line:column.
 * Codes of unreadable or unsafe input cannot be turned off or lowered: a config that tries is refused.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { validatorFor } from '../data/load.js';
import { localize, withFields } from '../diagnostics/codes.js';
import { UsageError } from '../diagnostics/errors.js';
import type { Diagnostic } from '../model/types.js';
import { configFromBytes, PROTECTED_CODES, type ConfigLevel } from '../normalize/config.js';
import type { Report } from '../report/types.js';
import { globMatcher } from './discover.js';
import { formatNames, type OutputKind } from './formats.js';
import { displayPath, readInput } from './io.js';

export const CONFIG_NAME = 'zcpark.config.yaml';

export interface Config {
  /** as displayed (relative to the working folder) */
  file: string;
  dir: string;
  severity: Map<string, ConfigLevel>;
  /** `path` is a glob relative to `dir`, kept as text: a config travels to batch's worker threads, a function cannot. */
  ignore: { code?: string; path?: string }[];
  defaults: { format?: string; profile?: string; factors?: string; lang?: 'en' | 'zh' };
}

/** The config file: --config as given, else zcpark.config.yaml here or in the nearest folder above; none → undefined. */
export function findConfig(flag: string | undefined, cwd = process.cwd()): string | undefined {
  if (flag !== undefined) {
    if (!existsSync(flag)) throw new UsageError(`file not found: ${flag} (given as --config)`, 'ZC-E-FILE-NOT-FOUND');
    return flag;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_NAME);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here: one folder up */
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Reads and checks a config file; the first problem is a usage error naming its position. */
export function loadConfig(path: string): Config {
  const file = displayPath(path);
  const read = configFromBytes(file, readInput(path, 'a config file (zcpark.config.yaml)'), validatorFor('config'));
  if ('undecodable' in read) throw new UsageError(`bad config ${file}: cannot decode it: ${read.undecodable}; save it as UTF-8`, 'ZC-E-CONFIG-INVALID');
  if ('problems' in read) {
    const [d, ...more] = read.problems;
    const at = `${file}${d!.line ? `:${d!.line}` : ''}${d!.column ? `:${d!.column}` : ''}`;
    throw new UsageError(
      `bad config ${at}: ${localize(d!, 'en')}${more.length > 0 ? ` (and ${more.length} more problem${more.length === 1 ? '' : 's'})` : ''}`,
      'ZC-E-CONFIG-INVALID',
    );
  }
  const value = read.value;
  const dir = dirname(resolve(path));
  for (const [n, i] of (value.ignore ?? []).entries()) {
    if (!i.path) continue;
    try {
      ignores(dir, i.path);
    } catch (e) {
      // picomatch refuses a few patterns (over 65,536 characters): said now, not in every thread that applies it
      throw new UsageError(
        `bad config ${file}: ignore[${n}].path cannot be used as a glob: ${e instanceof Error ? e.message : String(e)}`,
        'ZC-E-CONFIG-INVALID',
      );
    }
  }
  return {
    file,
    dir,
    severity: new Map(Object.entries(value.severity ?? {})),
    ignore: (value.ignore ?? []).map((i) => ({
      ...(i.code ? { code: i.code } : {}),
      ...(i.path ? { path: i.path } : {}),
    })),
    defaults: value.defaults ?? {},
  };
}

/** The test of an ignore's path glob, made once per config folder and glob (in each thread that applies it). */
const ignoreMatchers = new Map<string, (abs: string) => boolean>();
function ignores(dir: string, glob: string): (abs: string) => boolean {
  const key = `${dir}\0${glob}`;
  let m = ignoreMatchers.get(key);
  if (!m) ignoreMatchers.set(key, (m = globMatcher(glob, dir).matches));
  return m;
}

/**
 * The findings after the config: ignored and `off` codes dropped, severities changed. Protected codes pass as they
 * are. A file is matched by its path relative to the config's folder (globs as for `validate`).
 */
export function applyConfig<D extends { code: string; severity?: string; file?: string }>(diagnostics: readonly D[], config: Config | undefined): D[] {
  if (!config) return [...diagnostics];
  const out: D[] = [];
  for (const d of diagnostics) {
    if (PROTECTED_CODES.has(d.code)) {
      out.push(d);
      continue;
    }
    const abs = d.file && d.file !== '<stdin>' ? (isAbsolute(d.file) ? d.file : resolve(d.file)) : undefined;
    const ignored = config.ignore.some(
      (i) => (i.code === undefined || i.code === d.code) && (i.path === undefined || (abs !== undefined && ignores(config.dir, i.path)(abs))),
    );
    if (ignored) continue;
    const level = config.severity.get(d.code);
    if (level === 'off') continue;
    out.push(level && d.severity !== undefined && level !== d.severity ? withFields(d, { severity: level } as Partial<D>) : d);
  }
  return out;
}

/**
 * A scored submission under the config (evaluate, batch, trend): silenced and ignored codes leave the report's warnings and
 * the run's diagnostics; a warning raised to `error` is returned in `raised`, and the submission then counts as
 * invalid (it has an error, as for validate).
 */
export function configureOutcome(
  report: Report,
  diagnostics: readonly Diagnostic[],
  config: Config | undefined,
): { diagnostics: Diagnostic[]; raised: Diagnostic[] } {
  if (!config) return { diagnostics: [...diagnostics], raised: [] };
  const kept = applyConfig(diagnostics, config);
  const raised = kept.filter((d) => d.severity === 'error');
  const warnings = kept.filter((d) => d.severity !== 'error');
  report.warnings = configureWarnings(report.warnings, config).kept;
  return { diagnostics: warnings, raised };
}

/**
 * Warnings without a severity of their own (a report's, a trend's) under the config: those it ignores or turns off
 * leave, those it raises to `error` are returned apart as errors.
 */
export function configureWarnings<W extends { code: string; file?: string }>(
  warnings: readonly W[],
  config: Config | undefined,
): { kept: W[]; raised: Diagnostic[] } {
  if (!config) return { kept: [...warnings], raised: [] };
  const after = applyConfig(
    warnings.map((w) => ({ ...w, severity: 'warning' as Diagnostic['severity'] })),
    config,
  );
  return {
    kept: after.filter((w) => w.severity !== 'error').map(({ severity: _, ...w }) => w as unknown as W),
    raised: after.filter((w) => w.severity === 'error') as unknown as Diagnostic[],
  };
}

/** Options of a command, with the config's defaults filled in where the command line is silent. */
export interface Configurable {
  format?: string;
  out?: string;
  profile?: string;
  /** The config's `defaults.profile`: the pack of a submission that names none (its own `profile` wins, --profile over both). */
  defaultProfile?: string;
  factors?: string;
  lang?: string;
  config?: string;
  settings?: Config;
}

/** A file the config's defaults name must be there: said with the config's name, not as if given on the command line. */
function mustExist(config: Config, key: 'profile' | 'factors', abs: string): void {
  if (!existsSync(abs))
    throw new UsageError(`file not found: ${displayPath(abs)} (defaults.${key} of ${config.file}, relative to its folder)`, 'ZC-E-FILE-NOT-FOUND');
}

/** Loads the config (if any) and fills the command's options from its defaults; the config rides along as `settings`. */
export function withConfig<T extends Configurable>(kind: OutputKind, opts: T): T {
  const path = findConfig(opts.config);
  if (path === undefined) return opts;
  const config = loadConfig(path);
  const d = config.defaults;
  const filled: T = { ...opts, settings: config };
  // a default format only where the command has it (`github` is validate's) and neither -f nor -o chose one
  if (filled.format === undefined && filled.out === undefined && d.format && formatNames(kind).includes(d.format)) filled.format = d.format;
  // a default pack is a default: a submission's own `profile` wins over it (and --profile over both); it must not
  // score a city's submission under the park pack because a folder's config names that one
  if (filled.profile === undefined && d.profile) {
    const isPath = /[\\/]|\.(ya?ml|json)$/i.test(d.profile);
    if (isPath) mustExist(config, 'profile', resolve(config.dir, d.profile));
    filled.defaultProfile = isPath ? displayPath(resolve(config.dir, d.profile)) : d.profile;
  }
  if (filled.factors === undefined && d.factors) {
    mustExist(config, 'factors', resolve(config.dir, d.factors));
    filled.factors = displayPath(resolve(config.dir, d.factors));
  }
  if (filled.lang === undefined && d.lang) filled.lang = d.lang;
  return filled;
}
