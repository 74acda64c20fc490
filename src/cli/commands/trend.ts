/** `zcpark trend <files|folder|glob…>`: one entity over several years. The work is src/trend/trend.ts; this reads files and prints. */
import { extname } from 'node:path';
import { diag, hasErrors, type Lang } from '../../diagnostics/codes.js';
import { UsageError } from '../../diagnostics/errors.js';
import { checkFile, type FileKind } from '../../check.js';
import type { Diagnostic } from '../../model/types.js';
import { trendExtensions, trendFormat, TREND_FORMATS } from '../../report/trend/index.js';
import { buildTrend, type TrendInput } from '../../trend/trend.js';
import {
  data,
  defaultProfileOption,
  factorsOption,
  pickLang,
  profileOption,
  type RunOverrides,
  submissionInput,
  terminalWidth,
  toolVersion,
  useColor,
} from '../context.js';
import { countLine, formatDiagnostics } from '../../report/diagnostics/lines.js';
import { discover, OUTSIDE } from '../discover.js';
import { applyConfig, configureOutcome, configureWarnings, type Config } from '../config.js';
import { EXIT } from '../exit-codes.js';
import { allowOutside, displayPath, FileTooLarge, noteRead, pickFormat, readDocument, writeAtomic } from '../io.js';

export interface TrendOptions {
  format?: string;
  out?: string;
  profile?: string;
  /** The config's default pack (../config.ts): for submissions that name none. */
  defaultProfile?: string;
  factors?: string;
  factorsYear?: string;
  baseYear?: string;
  color?: boolean;
  lang?: string;
  allowOutside?: string[];
  config?: string;
  /** zcpark.config.yaml (../config.ts): its severities and ignores apply to every year's findings and the trend's own. */
  settings?: Config;
}

/** What a file named to `trend` is, when it is no submission. */
const NOT_A_SUBMISSION: Record<Exclude<FileKind, 'submission'>, string> = {
  factors: 'a factor set',
  profile: 'a rule pack',
  config: 'a zcpark config',
  roster: 'a roster CSV',
  activity: 'an activity CSV',
  unknown: 'no `format: zcpark/1` line',
};

const noTrend = (lang: Lang) => (lang === 'zh' ? '；未生成趋势' : '; no trend is made');

/** A year option: an integer from 1990 to 2100, else a usage error. */
function yearOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value.trim()) || Number(value) < 1990 || Number(value) > 2100)
    throw new UsageError(`${option} "${value}" is not a year; allowed: 1990 to 2100`);
  return Number(value);
}

export function runTrend(paths: string[], opts: TrendOptions): number {
  const format = pickFormat(opts.format, opts.out, trendExtensions(), process.stdout.isTTY ? 'table' : 'json');
  const renderer = trendFormat(format);
  if (!renderer) throw new UsageError(`unknown format "${format}" for trend; allowed: ${TREND_FORMATS.map((f) => f.name).join(', ')}`);
  const baseYear = yearOption(opts.baseYear, '--base-year');
  const factorsYear = yearOption(opts.factorsYear, '--factors-year');
  const lang = pickLang(opts.lang);
  allowOutside(opts.allowOutside ?? []);
  const errColor = useColor(process.stderr, opts.color);
  const { files, explicit, skipped, reals } = discover(paths);
  if (files.includes('-')) throw new UsageError('trend reads files, folders and globs, not stdin');
  const problems: Diagnostic[] = [];
  for (const k of skipped) {
    if (k.error !== OUTSIDE) continue;
    const file = displayPath(k.path);
    problems.push(
      diag(
        'ZC-E-PATH-OUTSIDE',
        { path: file, root: 'the folder given', root_zh: '所给文件夹', why: 'a symbolic link leads out of it', why_zh: '符号链接指向其外' },
        { file },
      ),
    );
  }
  const override = opts.profile ? profileOption(opts.profile) : undefined;
  const defaultProfile = defaultProfileOption(opts);
  for (const p of [override, defaultProfile])
    if (p && 'diagnostics' in p) {
      process.stderr.write(formatDiagnostics(p.diagnostics, errColor, lang));
      return EXIT.data;
    }
  const factors = opts.factors ? factorsOption(opts.factors) : undefined;
  if (factors && hasErrors(factors.diagnostics)) {
    process.stderr.write(formatDiagnostics(factors.diagnostics, errColor, lang));
    return EXIT.data;
  }
  const overrides: RunOverrides = {
    ...(override ? { profile: override } : {}),
    ...(defaultProfile ? { defaultProfile } : {}),
    ...(factors ? { factors } : {}),
  };
  const { inputs, invalid } = readYears({ files, explicit, reals }, overrides, { lang, settings: opts.settings, factorsYear }, problems);
  if (problems.length || invalid) {
    process.stderr.write(formatDiagnostics(problems, errColor, lang));
    // the config may have lowered or silenced the errors of a submission that still cannot be evaluated
    const unscored =
      !invalid || hasErrors(problems)
        ? ''
        : lang === 'zh'
          ? `；${invalid} 份申报无法评估`
          : `; ${invalid} submission${invalid === 1 ? '' : 's'} could not be evaluated`;
    process.stderr.write(`${countLine(problems, lang)}${unscored}${noTrend(lang)}\n`);
    return EXIT.data;
  }
  const built = buildTrend(inputs, {
    version: toolVersion(),
    ...(baseYear !== undefined ? { baseYear } : {}),
    ...(factorsYear !== undefined ? { factorsYear } : {}),
    lang,
  });
  if (!built.trend) {
    process.stderr.write(formatDiagnostics(built.diagnostics, errColor, lang));
    process.stderr.write(`${countLine(built.diagnostics, lang)}${noTrend(lang)}\n`);
    return EXIT.data;
  }
  // the trend's own warnings (the years' passed the config in readYears): ignored ones leave, raised ones stop the trend
  const { kept, raised } = configureWarnings(built.trend.warnings, opts.settings);
  if (raised.length) {
    process.stderr.write(formatDiagnostics(raised, errColor, lang));
    process.stderr.write(`${countLine(raised, lang)}${noTrend(lang)}\n`);
    return EXIT.data;
  }
  built.trend.warnings = kept;
  const color = opts.out ? false : useColor(process.stdout, opts.color);
  const width = opts.out ? undefined : terminalWidth(process.stdout);
  const text = renderer.render(built.trend, { color, lang, ...(width ? { width } : {}) });
  if (opts.out) writeAtomic(opts.out, text, [...files, ...(opts.factors ? [opts.factors] : [])]);
  else process.stdout.write(text);
  return EXIT.ok;
}

/**
 * Each year's submission of the files found, evaluated: the inputs of the trend, and the problems (pushed onto
 * `problems`) of the files that are not, with the count of submissions that could not be evaluated (even when the
 * config has silenced every finding about one, the trend would lack its year).
 */
function readYears(
  found: { files: string[]; explicit: Set<string>; reals: Map<string, string> },
  overrides: RunOverrides,
  o: { lang: Lang; settings: Config | undefined; factorsYear: number | undefined },
  problems: Diagnostic[],
): { inputs: TrendInput[]; invalid: number } {
  const { files, explicit, reals } = found;
  const { lang, factorsYear } = o;
  const d = data();
  const inputs: TrendInput[] = [];
  let invalid = 0;
  for (const abs of [...files].sort()) {
    noteRead(abs, undefined, reals.get(abs));
    const ext = extname(abs).toLowerCase();
    // a folder holds the submissions' activity CSVs (read through the submissions) and perhaps other files
    if (!explicit.has(abs) && !['.yaml', '.yml', '.json'].includes(ext)) continue;
    const file = displayPath(abs);
    const bytes = readDocument(abs);
    if (bytes instanceof FileTooLarge) {
      problems.push(diag('ZC-E-FILE-TOO-LARGE', bytes.args(file), { file, line: 1 }));
      continue;
    }
    const out = checkFile(
      {
        ...submissionInput(abs, file, '', overrides, false, lang),
        ...(factorsYear !== undefined ? { factorsYear } : {}),
        content: { bytes },
        named: false,
        score: true,
      },
      d,
    );
    if (out.kind !== 'submission') {
      // a file that cannot be decoded is said (it may be a submission saved wrongly); other files in a folder are
      // passed over, and one named is said to be what it is
      if (out.kind === 'unknown' && out.diagnostics.length) problems.push(...out.diagnostics);
      else if (explicit.has(abs))
        problems.push(diag('ZC-E-FORMAT-VERSION', { found: NOT_A_SUBMISSION[out.kind], allowed: 'zcpark/1 (a submission)' }, { file, line: 1 }));
      continue;
    }
    const ev = out.evaluated;
    if (!ev?.report || !ev.submission || !ev.lookup || !ev.profile) {
      invalid++;
      problems.push(...applyConfig(out.diagnostics, o.settings));
      continue;
    }
    // as for evaluate: a warning the config raises to an error makes the year invalid, and ignored codes leave its report
    const { raised } = configureOutcome(ev.report, out.diagnostics, o.settings);
    if (raised.length) {
      invalid++;
      problems.push(...raised);
      continue;
    }
    inputs.push({ file, report: ev.report, submission: ev.submission, profile: ev.profile, lookup: ev.lookup });
  }
  return { inputs, invalid };
}
