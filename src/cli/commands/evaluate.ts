/** `zcpark evaluate <submission…>`: validate, account, score and print one report per submission. */
import { diag, hasErrors } from '../../diagnostics/codes.js';
import { UsageError } from '../../diagnostics/errors.js';
import { checkFile } from '../../check.js';
import type { Diagnostic } from '../../model/types.js';
import { REPORT_FORMAT, REPORT_FORMATS } from '../../report/formats/index.js';
import type { Report } from '../../report/types.js';
import { data, defaultProfileOption, factorsOption, pickLang, profileOption, submissionInput, terminalWidth, useColor } from '../context.js';
import { countLine, formatDiagnostics } from '../../report/diagnostics/lines.js';
import { applyConfig, configureOutcome, type Config } from '../config.js';
import { EXIT, exitFor } from '../exit-codes.js';
import { extensionMap } from '../formats.js';
import { allowOutside, displayPath, FileTooLarge, pickFormat, readDocument, writeAtomic } from '../io.js';

export interface EvaluateOptions {
  format?: string;
  out?: string;
  profile?: string;
  /** The config's default pack (../config.ts): for submissions that name none. */
  defaultProfile?: string;
  factors?: string;
  explain?: boolean;
  failOn: string;
  color?: boolean;
  lang?: string;
  allowOutside?: string[];
  /** the config file's severities and ignores (../config.ts) */
  settings?: Config;
}

/** Runs the command; returns the exit code. */
export function runEvaluate(files: string[], opts: EvaluateOptions): number {
  const format = pickFormat(opts.format, opts.out, extensionMap('report'), process.stdout.isTTY ? 'table' : 'json');
  const fmt = REPORT_FORMAT[format];
  if (!fmt) throw new UsageError(`unknown format "${format}" for evaluate; allowed: ${REPORT_FORMATS.map((f) => f.name).join(', ')}`, 'ZC-E-USAGE');
  const lang = pickLang(opts.lang);
  allowOutside(opts.allowOutside ?? []);
  for (const f of files) {
    if (/\.csv$/i.test(f))
      throw new UsageError(
        `${f} is a CSV: evaluate takes a submission (YAML or JSON) that lists its activity CSVs under activity_files; zcpark init writes one`,
      );
  }
  const d = data();
  const problems: Diagnostic[] = [];
  const profileOverride = opts.profile ? profileOption(opts.profile) : undefined;
  const defaultProfile = defaultProfileOption(opts);
  for (const p of [profileOverride, defaultProfile])
    if (p && 'diagnostics' in p) {
      process.stderr.write(formatDiagnostics(p.diagnostics, useColor(process.stderr, opts.color)));
      return EXIT.data;
    }
  const factors = opts.factors ? factorsOption(opts.factors) : undefined;
  if (factors && hasErrors(factors.diagnostics)) {
    process.stderr.write(formatDiagnostics(factors.diagnostics, useColor(process.stderr, opts.color)));
    return EXIT.data;
  }
  const reports: Report[] = [];
  let invalid = 0;
  for (const path of files) {
    const file = path === '-' ? '<stdin>' : displayPath(path);
    const bytes = readDocument(path);
    if (bytes instanceof FileTooLarge) {
      // a submission too large to parse is a finding about that file, as one that cannot be decoded is
      problems.push(diag('ZC-E-FILE-TOO-LARGE', bytes.args(file), { file, line: 1 }));
      invalid++;
      continue;
    }
    const input = submissionInput(
      path,
      file,
      '',
      { ...(profileOverride ? { profile: profileOverride } : {}), ...(defaultProfile ? { defaultProfile } : {}), ...(factors ? { factors } : {}) },
      opts.explain === true,
      lang,
    );
    // a rule pack or a factor set given as the submission gets one message saying what it is
    const out = checkFile({ ...input, content: { bytes }, named: true, score: true }, d);
    if (out.report) {
      // the config's severities: a warning raised to an error makes the submission invalid, like any error
      const { raised } = configureOutcome(out.report, out.diagnostics, opts.settings);
      if (raised.length) {
        invalid++;
        problems.push(...raised);
        continue;
      }
    }
    if (out.report) reports.push(out.report);
    else {
      invalid++;
      problems.push(...applyConfig(out.diagnostics, opts.settings));
    }
  }
  const errColor = useColor(process.stderr, opts.color);
  if (problems.length) {
    process.stderr.write(formatDiagnostics(problems, errColor, lang));
    process.stderr.write(
      lang === 'zh'
        ? `${countLine(problems, lang)}，${invalid} 份申报无效\n`
        : `${countLine(problems)} in ${invalid} invalid submission${invalid === 1 ? '' : 's'}\n`,
    );
  }
  if (reports.length || (format === 'json' && files.length > 1)) {
    const color = opts.out ? false : useColor(process.stdout, opts.color);
    const width = opts.out ? undefined : terminalWidth(process.stdout);
    const ro = { color, lang, ...(width ? { width } : {}) };
    // one submission: its report; several: one document where the format has one (a JSON array of the valid ones,
    // whatever failed; one CSV table; one HTML page), else the reports stacked, a blank line between
    const text =
      files.length === 1 ? fmt.render(reports[0]!, ro) : fmt.renderMany ? fmt.renderMany(reports, ro) : reports.map((r) => fmt.render(r, ro)).join('\n');
    if (opts.out) writeAtomic(opts.out, text, [...files, ...(opts.factors ? [opts.factors] : [])]);
    else process.stdout.write(text);
  }
  return exitFor(
    {
      invalid,
      failed: reports.filter((r) => r.verdict === 'fail').length,
      incomplete: reports.filter((r) => r.verdict !== 'pass' && r.verdict !== 'fail').length,
    },
    { failOn: opts.failOn },
  );
}
