/** `zcpark validate <path…>`: schema and semantic checks of submissions, factor sets and packs; no scoring. */
import { statSync } from 'node:fs';
import { checkFile, settleFindings } from '../../check.js';
import { diag, hasErrors } from '../../diagnostics/codes.js';
import { UsageError } from '../../diagnostics/errors.js';
import { isActivityHead as isActivityHeadText, isCsvName } from '../../parse/sniff.js';
import { data, factorsOption, profileOption, submissionInput, useColor, type RunOverrides } from '../context.js';
import { renderDiagnostics, type FileResult } from '../diagnostic-formats.js';
import { byPosition, pickLang } from '../diagnostics.js';
import { activityHeader, discover, OUTSIDE } from '../discover.js';
import { applyConfig, type Config } from '../config.js';
import { exitFor } from '../exit-codes.js';
import { extensionMap, formatNames } from '../formats.js';
import { stepSummary, validateSummary } from '../step-summary.js';
import { allowOutside, displayPath, fileChunks, FileTooLarge, noteRead, pickFormat, readFailure, readStdin, readTracked, streamBytes, writeAtomic } from '../io.js';

export interface ValidateOptions {
  format?: string;
  out?: string;
  profile?: string;
  factors?: string;
  maxWarnings?: string;
  color?: boolean;
  lang?: string;
  allowOutside?: string[];
  /** the config file's severities and ignores (../config.ts) */
  settings?: Config;
}

/** Runs the command; returns the exit code. */
export function runValidate(paths: string[], opts: ValidateOptions): number {
  const format = pickFormat(opts.format, opts.out, extensionMap('diagnostics'), process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  const allowed = formatNames('diagnostics');
  if (!allowed.includes(format)) throw new UsageError(`unknown format "${format}" for validate; allowed: ${allowed.join(', ')}`);
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings takes a whole number ≥ 0 (got "${opts.maxWarnings}")`);
  allowOutside(opts.allowOutside ?? []);
  const { results, files } = collectResults(paths, opts);
  if (opts.settings) for (const r of results) r.diagnostics = applyConfig(r.diagnostics, opts.settings);
  const text = renderDiagnostics(format, results, { color: opts.out ? false : useColor(process.stdout, opts.color), lang: pickLang(opts.lang), ...(maxWarnings === undefined ? {} : { maxWarnings }) });
  if (opts.out) writeAtomic(opts.out, text, [...files, ...(opts.settings ? [opts.settings.file] : [])]);
  else process.stdout.write(text);
  const all = results.flatMap((r) => r.diagnostics);
  const code = exitFor({ invalid: results.filter((r) => hasErrors(r.diagnostics)).length, warnings: all.filter((x) => x.severity === 'warning').length }, { ...(maxWarnings === undefined ? {} : { maxWarnings }) });
  stepSummary(() => validateSummary(results, { ...(maxWarnings === undefined ? {} : { maxWarnings }) }));
  return code;
}

/** Checks every file the paths name; the part of `validate` that tests call in-process. */
export function collectResults(paths: string[], opts: Pick<ValidateOptions, 'profile' | 'factors'> = {}): { results: FileResult[]; files: string[] } {
  const d = data();
  const override = opts.profile ? profileOption(opts.profile) : undefined;
  const factors = opts.factors ? factorsOption(opts.factors) : undefined;
  const { files, explicit, skipped } = discover(paths);
  const overrides: RunOverrides = { ...(override ? { profile: override } : {}), ...(factors ? { factors } : {}) };
  const results: FileResult[] = [];
  if (override && 'diagnostics' in override) results.push({ file: opts.profile!, kind: 'profile', diagnostics: override.diagnostics });
  if (factors && factors.diagnostics.length) results.push({ file: opts.factors!, kind: 'factors', diagnostics: factors.diagnostics });
  const cannotRead = (file: string, e: unknown): FileResult => {
    const why = readFailure(e);
    return { file, kind: 'unknown', diagnostics: [diag('ZC-E-FILE-READ', { path: file, reason: why === 'not-found' ? 'it does not exist (a dangling symbolic link?)' : why }, { file })] };
  };
  // a folder that could not be listed, or a document-named link that leads nowhere, is said, not skipped
  for (const s of skipped) {
    const file = displayPath(s.path);
    // a link out of the folder given is named, never followed
    if (s.error === OUTSIDE) results.push({ file, kind: 'unknown', diagnostics: [diag('ZC-E-PATH-OUTSIDE', { path: file, root: 'the folder given', root_zh: '所给文件夹', why: 'a symbolic link leads out of it', why_zh: '符号链接指向其外' }, { file })] });
    else results.push(cannotRead(file, s.error));
  }

  for (const abs of files) {
    const isCsv = isCsvName(abs);
    // a CSV found in a folder is checked here only if it is a roster: activity CSVs are checked through the
    // submissions that list them (the header line tells them apart without reading the file), and a large one is a dump
    const found = isCsv && !explicit.has(abs);
    if (found && (activityHeader(abs) || sizeOf(abs) > streamBytes())) continue;
    const file = abs === '-' ? '<stdin>' : displayPath(abs);
    const input = { ...submissionInput(abs, file, '', overrides), named: explicit.has(abs) };
    if (abs !== '-' && isCsv && !found && sizeOf(abs) > streamBytes() && isActivityHead(abs)) {
      // a large activity CSV is streamed, never held whole
      noteRead(abs);
      const r = checkFile({ ...input, content: { chunks: fileChunks(abs) } }, d);
      results.push({ file, kind: r.kind, diagnostics: r.diagnostics });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = abs === '-' ? readStdin() : readTracked(abs);
    } catch (e) {
      results.push(e instanceof FileTooLarge ? { file, kind: 'unknown', diagnostics: [diag('ZC-E-FILE-TOO-LARGE', e.args(file), { file, line: 1 })] } : cannotRead(file, e));
      continue;
    }
    const r = checkFile({ ...input, content: { bytes } }, d);
    // in a folder, a CSV is checked here only as a roster, and a document only when it is a zcpark one (or cannot be decoded:
    // a YAML/JSON file found there may well be a submission saved wrongly, so that is said rather than passed over)
    if (found && r.kind !== 'roster') continue;
    if (r.kind === 'unknown' && r.diagnostics.length === 0) continue;
    results.push({ file, kind: r.kind, diagnostics: r.diagnostics });
  }
  return { results: settleFindings(results, byPosition), files };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the read below reports it
  }
}

/**
 * Whether a large CSV is activity data, to be streamed: neither a factor set nor a roster (read whole, as batch reads
 * one), judged from its first 64 KB, read once.
 */
function isActivityHead(path: string): boolean {
  for (const chunk of fileChunks(path, 65536)()) return isActivityHeadText(chunk);
  return true;
}
