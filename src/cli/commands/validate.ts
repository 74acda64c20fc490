/** `zcpark validate <path…>`: schema and semantic checks of submissions, factor sets and packs; no scoring. */
import { basename, extname } from 'node:path';
import { statSync } from 'node:fs';
import { compileProfileText } from '../../data/load.js';
import { capDiagnostics, dedupeDiagnostics, diag, hasErrors } from '../../diagnostics/codes.js';
import { UsageError } from '../../diagnostics/errors.js';
import { validate } from '../../engine.js';
import type { Diagnostic } from '../../model/types.js';
import { isZip, readActivityCsv, ZIP_AS_CSV } from '../../normalize/activity-csv.js';
import { headerColumns, isRosterHeader, parseRoster, rosterColumns, rosterRowDocument } from '../../normalize/roster.js';
import { readRosterWorkbook } from '../xlsx.js';
import type { ParsedCsv } from '../../parse/csv.js';
import { decodeText } from '../../parse/decode.js';
import { data, factorsOption, profileOption, submissionInput, useColor, type RunOverrides } from '../context.js';
import { renderDiagnostics, type FileResult } from '../diagnostic-formats.js';
import { byPosition, pickLang } from '../diagnostics.js';
import { activityHeader, discover, documentKind, OUTSIDE } from '../discover.js';
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
    if (extname(abs).toLowerCase() === '.xlsx') {
      // a workbook named on the command line: a roster is checked row by row; an activity workbook is checked
      // through the submissions that list it (one found in a folder is left to them too)
      if (!explicit.has(abs)) continue;
      const file = displayPath(abs);
      const got = readRosterWorkbook(abs, file);
      results.push({ file, kind: 'errors' in got ? 'unknown' : 'roster', diagnostics: 'errors' in got ? got.errors : rosterDiagnostics(file, got.csv, overrides) });
      continue;
    }
    const isCsv = extname(abs).toLowerCase() === '.csv';
    // a CSV found in a folder is checked here only if it is a roster: activity CSVs are checked through the
    // submissions that list them (the header line tells them apart without reading the file), and a large one is a dump
    const found = isCsv && !explicit.has(abs);
    if (found && (activityHeader(abs) || sizeOf(abs) > streamBytes())) continue;
    const file = abs === '-' ? '<stdin>' : displayPath(abs);
    if (abs !== '-' && isCsv && !found && sizeOf(abs) > streamBytes() && isActivityHead(abs)) {
      // a large activity CSV is streamed, never held whole
      const out: Diagnostic[] = [];
      noteRead(abs);
      readActivityCsv(file, { chunks: fileChunks(abs) }, { units: d.units, vocabulary: d.vocabulary, defaultEntity: basename(abs, extname(abs)), tainted: new Set() }, [], out);
      results.push({ file, kind: 'activity', diagnostics: out });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = abs === '-' ? readStdin() : readTracked(abs);
    } catch (e) {
      results.push(e instanceof FileTooLarge ? { file, kind: 'unknown', diagnostics: [diag('ZC-E-FILE-TOO-LARGE', e.args(file), { file, line: 1 })] } : cannotRead(file, e));
      continue;
    }
    const decoded = decodeText(bytes);
    if (found && 'error' in decoded) continue;
    if ('error' in decoded && isCsv && isZip(bytes)) {
      results.push({ file, kind: 'unknown', diagnostics: [diag('ZC-E-FILE-ENCODING', { path: file, reason: ZIP_AS_CSV }, { file, line: 1 })] });
      continue;
    }
    if ('error' in decoded) {
      // a YAML/JSON file found in a folder may well be a submission saved wrongly: say so rather than pass it over
      results.push({ file, kind: 'unknown', diagnostics: [diag('ZC-E-FILE-ENCODING', { path: file, reason: decoded.error }, { file, line: decoded.line ?? 1 })] });
      continue;
    }
    if (isCsv) {
      if (isFactorHeader(decoded.text)) {
        if (!found) results.push({ file, kind: 'factors', diagnostics: factorsOption(abs).diagnostics });
        continue;
      }
      const roster = parseRoster(file, decoded.text);
      if (roster) {
        results.push({ file, kind: 'roster', diagnostics: rosterDiagnostics(file, roster, overrides) });
        continue;
      }
      if (found) continue;
      const out: Diagnostic[] = [];
      const tainted = new Set<string>();
      readActivityCsv(file, { bytes }, { units: d.units, vocabulary: d.vocabulary, defaultEntity: basename(abs, extname(abs)), tainted }, [], out);
      results.push({ file, kind: 'activity', diagnostics: out });
      continue;
    }
    // a file named on the command line without a format key is checked as a submission (the engine says what is missing)
    const kind = documentKind(decoded.text) ?? (explicit.has(abs) ? 'submission' : undefined);
    if (!kind) continue;
    let diagnostics: Diagnostic[];
    if (kind === 'submission') {
      diagnostics = validate(submissionInput(abs, file, decoded.text, overrides), d);
    } else if (kind === 'profile') {
      const r = compileProfileText(file, decoded.text, d);
      diagnostics = 'diagnostics' in r ? r.diagnostics : [];
    } else diagnostics = factorsOption(abs).diagnostics.map((x) => ({ ...x, file }));
    results.push({ file, kind, diagnostics });
  }
  // a CSV shared by two submissions is one file: its findings are reported (and counted) once
  const seen = new Set<string>();
  for (const r of results) {
    r.diagnostics = capDiagnostics(dedupeDiagnostics(r.diagnostics, seen));
    r.diagnostics.sort(byPosition);
  }
  return { results, files };
}

/**
 * A roster (README § Scoring many submissions): its header's problems, then each row checked as the submission it stands for. A finding
 * about a row as a whole (a band, a missing activity) is placed on that row, so rows that share it stay apart.
 */
function rosterDiagnostics(file: string, csv: ParsedCsv, overrides: RunOverrides): Diagnostic[] {
  const d = data();
  const { targets, diagnostics } = rosterColumns(csv, d.vocabulary);
  const out = [...csv.diagnostics, ...diagnostics];
  for (const row of csv.rows) {
    for (const x of validate({ ...submissionInput(file, file, '', overrides), doc: rosterRowDocument(csv, targets, row) }, d)) {
      out.push(x.file === file && x.line === undefined ? { ...x, line: row.line, row: row.line } : x);
    }
  }
  return out;
}

/** A factor set in CSV form has a source column and a co2 or energy column. */
function isFactorHeader(text: string): boolean {
  const header = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0]!.toLowerCase().split(',').map((h) => h.trim());
  return header.includes('source') && (header.includes('co2') || header.includes('energy'));
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
  for (const chunk of fileChunks(path, 65536)()) {
    const text = Buffer.from(chunk).toString('utf8');
    const columns = headerColumns(text);
    return !isFactorHeader(text) && !(columns ? isRosterHeader(columns) : false);
  }
  return true;
}
