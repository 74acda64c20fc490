/**
 * checkFile(): one file as the user gave it (its bytes and name) → what kind of zcpark file it is, every finding, and
 * for a submission that is to be scored, its report. No I/O: files a submission references come through
 * `input.readFile`, packs through `input.loadProfile`. Every command opens files this way: it reads the bytes, calls
 * this, and renders what comes back.
 */
import { capDiagnostics, dedupeDiagnostics, diag } from './diagnostics/codes.js';
import { evaluate, validate, type EngineData, type EvaluateInput, type EvaluateOutput } from './engine.js';
import type { Diagnostic, FactorEntry } from './model/types.js';
import { readActivityCsv, type SheetTable } from './normalize/activity-csv.js';
import { configFromBytes } from './normalize/config.js';
import { factorSetFromText } from './normalize/factors.js';
import { parseRoster, rosterColumns, rosterFromSheet, rosterRowDocument, type RosterTarget } from './normalize/roster.js';
import type { CsvRow, ParsedCsv } from './parse/csv.js';
import { decodeText } from './parse/decode.js';
import { documentKind, formatKey, isCsvName, isFactorHeader, isZip, ZIP_AS_CSV, type FileKind } from './parse/sniff.js';
import type { Report } from './report/types.js';
import { profileFromText, type CompiledProfile } from './score/profile.js';

export type { FileKind } from './parse/sniff.js';

export interface CheckInput extends Omit<EvaluateInput, 'text' | 'doc'> {
  /**
   * The file's content: its bytes, or (a large activity CSV, streamed) its chunks as they are read, or (a workbook
   * named as a roster) its first sheet as the CLI read it.
   */
  content: { bytes: Uint8Array } | { chunks: () => Iterable<Uint8Array> } | { sheet: SheetTable };
  /** Named by the user, not found in a folder: a document without a zcpark `format:` key is then checked as a submission. */
  named: boolean;
  /** Score a submission into a report (evaluate, batch); otherwise check it only (validate). */
  score?: boolean;
}

export interface CheckOutput {
  /** `unknown`: not decodable, or (found in a folder) no zcpark document. */
  kind: FileKind;
  /** Errors and warnings; for a report, the warnings it also carries. */
  diagnostics: Diagnostic[];
  report?: Report;
  /** With the report: everything the evaluation made (the submission, its pack and factor lookup), for `trend`. */
  evaluated?: EvaluateOutput;
}

/** What a zcpark document that is no submission is, and where it goes instead, for the message when one is evaluated. */
const NOT_A_SUBMISSION: Record<'profile' | 'factors' | 'config', { en: string; zh: string }> = {
  profile: { en: 'a rule pack: give it with --profile, or check it with zcpark validate', zh: '规则包：请用 --profile 指定，或用 zcpark validate 检查' },
  factors: { en: 'a factor set: give it with --factors, or check it with zcpark validate', zh: '因子集：请用 --factors 指定，或用 zcpark validate 检查' },
  config: {
    en: 'a zcpark config, read from the working folder (or above) or named with --config',
    zh: ' zcpark 配置文件，从工作文件夹（或其上级）读取，或用 --config 指定',
  },
};

/** Checks one file; never throws for bad input (that is a diagnostic). */
export function checkFile(input: CheckInput, data: EngineData): CheckOutput {
  const { file } = input;
  if ('chunks' in input.content) return { kind: 'activity', diagnostics: activityDiagnostics(file, input.content, data) };
  if ('sheet' in input.content) {
    const got = rosterFromWorkbook(file, input.content.sheet, data);
    return 'errors' in got ? { kind: 'unknown', diagnostics: got.errors } : { kind: 'roster', diagnostics: rosterDiagnostics(input, got.roster, data) };
  }
  const { bytes } = input.content;
  const decoded = decodeText(bytes);
  if ('error' in decoded) {
    // an .xlsx saved or renamed as .csv: said so, rather than "NUL bytes"
    const reason = isCsvName(file) && isZip(bytes) ? ZIP_AS_CSV : decoded.error;
    return { kind: 'unknown', diagnostics: [diag('ZC-E-FILE-ENCODING', { path: file, reason }, { file, line: decoded.line ?? 1 })] };
  }
  const text = decoded.text;
  if (isCsvName(file)) {
    if (isFactorHeader(text)) return { kind: 'factors', diagnostics: factorSetFromText(file, text, factorContext(data)).diagnostics };
    const roster = parseRoster(file, text);
    if (roster) return { kind: 'roster', diagnostics: rosterDiagnostics(input, roster, data) };
    return { kind: 'activity', diagnostics: activityDiagnostics(file, { bytes }, data) };
  }
  const kind = documentKind(text) ?? (input.named ? 'submission' : 'unknown');
  const doc: EvaluateInput = { ...input, text };
  if (kind === 'submission') {
    if (!input.score) return { kind, diagnostics: validate(doc, data) };
    const out = evaluate(doc, data);
    return { kind, diagnostics: out.diagnostics, ...(out.report ? { report: out.report, evaluated: out } : {}) };
  }
  if (kind === 'unknown') return { kind, diagnostics: [] };
  if (input.score) {
    // a rule pack, a factor set or a config given as the submission: one message saying what it is, not its schema errors
    const key = formatKey(text)!; // documentKind found it
    const what = NOT_A_SUBMISSION[kind];
    return {
      kind,
      diagnostics: [
        diag(
          'ZC-E-FORMAT-VERSION',
          { found: key.format, allowed: `zcpark/1 (a submission); this file is ${what.en}`, allowed_zh: `zcpark/1（申报文件）；此文件是${what.zh}` },
          { file, line: (text.slice(0, key.at).match(/\n/g) ?? []).length + 1 },
        ),
      ],
    };
  }
  if (kind === 'config') {
    // checked as every command reads it (severities, ignores, defaults): all its problems, not only the first
    const got = configFromBytes(file, bytes, data.validateConfig);
    return { kind, diagnostics: 'problems' in got ? got.problems : [] };
  }
  if (kind === 'profile') {
    const r = profileFromText(file, text, data.validateProfile, data.fixedNames);
    return { kind, diagnostics: 'diagnostics' in r ? r.diagnostics : [] };
  }
  return { kind, diagnostics: factorSetFromText(file, text, factorContext(data)).diagnostics };
}

/** A --factors file's bytes → its entries (none when it has an error) and findings. */
export function factorSetFromBytes(file: string, bytes: Uint8Array, data: EngineData): { entries: FactorEntry[]; diagnostics: Diagnostic[] } {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return { entries: [], diagnostics: [diag('ZC-E-FILE-ENCODING', { path: file, reason: decoded.error }, { file })] };
  return factorSetFromText(file, decoded.text, factorContext(data));
}

/**
 * A rule pack file's bytes (--profile, or a submission's `profile:` path) → the compiled pack or its findings. A file
 * without a zcpark `format:` line is not parsed at all: it is said to be no rule pack, so nothing of it (a key, a
 * password file) is quoted.
 */
export function profileFromBytes(file: string, bytes: Uint8Array, data: EngineData): { profile: CompiledProfile } | { diagnostics: Diagnostic[] } {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return { diagnostics: [diag('ZC-E-FILE-ENCODING', { path: file, reason: decoded.error }, { file })] };
  if (documentKind(decoded.text) === undefined) {
    return {
      diagnostics: [
        diag(
          'ZC-E-PROFILE-INVALID',
          {
            where: 'the profile file',
            where_zh: '规则包文件',
            reason: 'not a zcpark rule pack (it has no `format: zcpark-profile/1` line), so nothing of it is read or shown',
            reason_zh: '不是 zcpark 规则包（没有 `format: zcpark-profile/1` 行），因此未读取也不显示其任何内容',
          },
          { file, line: 1 },
        ),
      ],
    };
  }
  return profileFromText(file, decoded.text, data.validateProfile, data.fixedNames);
}

/**
 * The findings of several files' checks as one run reports them: a CSV shared by two submissions is one file, so its
 * findings are reported (and counted) once; each file's are capped (100 errors, 100 warnings) and in position order.
 */
export function settleFindings<T extends { diagnostics: Diagnostic[] }>(results: T[], byPosition: (a: Diagnostic, b: Diagnostic) => number): T[] {
  const seen = new Set<string>();
  for (const r of results) {
    r.diagnostics = capDiagnostics(dedupeDiagnostics(r.diagnostics, seen));
    r.diagnostics.sort(byPosition);
  }
  return results;
}

const factorContext = (data: EngineData) => ({ units: data.units, vocabulary: data.vocabulary, validate: data.validateFactors });

/** An activity CSV checked on its own: every row read as a submission would read it. */
function activityDiagnostics(file: string, content: CheckInput['content'], data: EngineData): Diagnostic[] {
  const out: Diagnostic[] = [];
  // rows without an entity column belong to an entity named after the file
  const defaultEntity = file.replace(/^.*[\\/]/, '').replace(/(.)\.[^.]*$/, '$1');
  readActivityCsv(file, content, { units: data.units, vocabulary: data.vocabulary, defaultEntity, tainted: new Set() }, [], out);
  return out;
}

/**
 * A roster (README § Scoring many submissions): its header's problems, then each row checked as the submission it stands for. A finding
 * about a row as a whole (a band, a missing activity) is placed on that row, so rows that share it stay apart.
 */
function rosterDiagnostics(input: CheckInput, csv: ParsedCsv, data: EngineData): Diagnostic[] {
  const { file } = input;
  const { targets, diagnostics } = rosterColumns(csv, data.vocabulary);
  const out = [...csv.diagnostics, ...diagnostics];
  for (const row of csv.rows) {
    for (const x of validate({ ...input, text: '', doc: rosterRowDocument(csv, targets, row) }, data)) {
      out.push(x.file === file && x.line === undefined ? { ...x, line: row.line, row: row.line } : x);
    }
  }
  return out;
}

/**
 * A roster CSV's bytes (batch) → the parsed roster and its header's warnings; `encoding` when it cannot be decoded,
 * `notRoster` when its header is an activity CSV's.
 */
export function rosterFromBytes(
  file: string,
  bytes: Uint8Array,
  data: EngineData,
): { roster: ParsedCsv; warnings: Diagnostic[] } | { encoding: Diagnostic } | { notRoster: true } {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return { encoding: diag('ZC-E-FILE-ENCODING', { path: file, reason: decoded.error }, { file, line: decoded.line ?? 1 }) };
  const roster = parseRoster(file, decoded.text);
  if (!roster) return { notRoster: true };
  return { roster, warnings: rosterColumns(roster, data.vocabulary).diagnostics };
}

/**
 * A workbook's sheet named as a roster (batch, validate) → the roster and its header's warnings, or the error that
 * says it is none: its header is looked for in the first rows (see rosterFromSheet).
 */
export function rosterFromWorkbook(
  file: string,
  sheet: SheetTable,
  data: EngineData,
): { roster: ParsedCsv; warnings: Diagnostic[] } | { errors: Diagnostic[] } {
  const roster = rosterFromSheet(file, sheet);
  if (!roster)
    return {
      errors: [
        diag(
          'ZC-E-FORMAT-VERSION',
          {
            found: `a workbook whose first sheet ("${sheet.name}") has no roster header (an id column, no category column) in its first rows`,
            allowed: 'roster workbooks (an id column, no category column); activity workbooks are read through the submissions that list them',
          },
          { file, line: 1 },
        ),
      ],
    };
  return { roster, warnings: [...roster.diagnostics, ...rosterColumns(roster, data.vocabulary).diagnostics] };
}

/** A roster's header with what each column means, read once per roster (batch sends its rows to workers one by one). */
export interface RosterHeader {
  csv: ParsedCsv;
  targets: RosterTarget[];
}

/** Reads a roster's header (its rows are not needed: `csv.rows` may be empty). */
export function rosterHeader(csv: ParsedCsv, data: EngineData): RosterHeader {
  return { csv, targets: rosterColumns(csv, data.vocabulary).targets };
}

/** One roster row scored as the submission it stands for (batch). */
export function evaluateRosterRow(input: Omit<EvaluateInput, 'text' | 'doc'>, header: RosterHeader, row: CsvRow, data: EngineData): EvaluateOutput {
  return evaluate({ ...input, text: '', doc: rosterRowDocument(header.csv, header.targets, row) }, data);
}
