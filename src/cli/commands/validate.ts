/** `zcpark validate <path…>`: schema and semantic checks of submissions, factor sets and packs; no scoring. */
import { availableParallelism } from 'node:os';
import { settleFindings } from '../../check.js';
import { diag, fromWire, hasErrors } from '../../diagnostics/codes.js';
import { UsageError } from '../../diagnostics/errors.js';
import { Pool } from '../batch/pool.js';
import { cannotRead, runTask, type Task } from '../batch/tasks.js';
import { defaultProfileOption, defaultProfileTask, factorsOption, pickLang, profileOption, type RunOverrides, toolVersion, useColor } from '../context.js';
import { checkedLine, renderDiagnostics, type FileResult } from '../../report/diagnostics/index.js';
import { byPosition } from '../../report/diagnostics/lines.js';
import { discover, OUTSIDE } from '../discover.js';
import { applyConfig, type Config } from '../config.js';
import { EXIT, exitFor } from '../exit-codes.js';
import { termText } from '../../report/escape.js';
import { extensionMap, formatNames } from '../formats.js';
import { stepSummary, validateSummary } from '../step-summary.js';
import { allowedOutside, allowOutside, displayPath, noteRead, noteReads, pickFormat, writeAtomic } from '../io.js';

export interface ValidateOptions {
  format?: string;
  out?: string;
  profile?: string;
  /** The config's default pack (../config.ts): for submissions that name none. */
  defaultProfile?: string;
  factors?: string;
  maxWarnings?: string;
  color?: boolean;
  lang?: string;
  allowOutside?: string[];
  /** the config file's severities and ignores (../config.ts) */
  settings?: Config;
  jobs?: string;
}

/** Below this many files one thread is done before worker threads have loaded the data. */
const PARALLEL_FROM = 64;

/** Runs the command; returns the exit code. */
export async function runValidate(paths: string[], opts: ValidateOptions): Promise<number> {
  const format = pickFormat(opts.format, opts.out, extensionMap('diagnostics'), process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  const allowed = formatNames('diagnostics');
  if (!allowed.includes(format)) throw new UsageError(`unknown format "${format}" for validate; allowed: ${allowed.join(', ')}`);
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0))
    throw new UsageError(`--max-warnings takes a whole number ≥ 0 (got "${opts.maxWarnings}")`);
  allowOutside(opts.allowOutside ?? []);
  const jobs = opts.jobs === undefined ? availableParallelism() : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs takes a whole number from 1 to 256 (got "${opts.jobs}")`);
  const lang = pickLang(opts.lang);
  const { results, files } = await collectResultsInParallel(paths, opts, jobs);
  if (opts.settings) for (const r of results) r.diagnostics = applyConfig(r.diagnostics, opts.settings);
  const text = renderDiagnostics(format, results, {
    color: opts.out ? false : useColor(process.stdout, opts.color),
    lang,
    version: toolVersion(),
    ...(maxWarnings === undefined ? {} : { maxWarnings }),
  });
  if (opts.out) writeAtomic(opts.out, text, [...files, ...(opts.settings ? [opts.settings.file] : [])]);
  else process.stdout.write(text);
  const all = results.flatMap((r) => r.diagnostics);
  const code = exitFor(
    { invalid: results.filter((r) => hasErrors(r.diagnostics)).length, warnings: all.filter((x) => x.severity === 'warning').length },
    { ...(maxWarnings === undefined ? {} : { maxWarnings }) },
  );
  stepSummary(() => validateSummary(results, { ...(maxWarnings === undefined ? {} : { maxWarnings }) }));
  // with -o the terminal would otherwise show nothing of why the check failed
  if (opts.out && code !== EXIT.ok) {
    const where = termText(displayPath(opts.out));
    const line = checkedLine(results, maxWarnings, lang);
    process.stderr.write(lang === 'zh' ? `zcpark: ${line}；检查结果见 ${where}\n` : `zcpark: ${line}; the findings are in ${where}\n`);
  }
  return code;
}

/** The run before any file is read: the overrides and their own findings, what a folder walk could not look at, a task per file. */
function plan(
  paths: string[],
  opts: Pick<ValidateOptions, 'profile' | 'defaultProfile' | 'factors' | 'settings'>,
): { head: FileResult[]; tasks: Task[]; overrides: RunOverrides; files: string[] } {
  const override = opts.profile ? profileOption(opts.profile) : undefined;
  const defaultProfile = defaultProfileOption(opts);
  const factors = opts.factors ? factorsOption(opts.factors) : undefined;
  const { files, explicit, skipped, reals } = discover(paths);
  // every file found is an input of the run from now on (a folder walk knows its real path without asking)
  for (const f of files) noteRead(f, undefined, reals.get(f));
  const overrides: RunOverrides = {
    ...(override ? { profile: override } : {}),
    ...(defaultProfile ? { defaultProfile } : {}),
    ...(factors ? { factors } : {}),
  };
  const head: FileResult[] = [];
  if (override && 'diagnostics' in override) head.push({ file: opts.profile!, kind: 'profile', diagnostics: override.diagnostics });
  if (defaultProfile && 'diagnostics' in defaultProfile) head.push({ file: opts.defaultProfile!, kind: 'profile', diagnostics: defaultProfile.diagnostics });
  if (factors && factors.diagnostics.length) head.push({ file: opts.factors!, kind: 'factors', diagnostics: factors.diagnostics });
  // a folder that could not be listed, or a document-named link that leads nowhere, is said, not skipped
  for (const s of skipped) {
    const file = displayPath(s.path);
    // a link out of the folder given is named, never followed
    if (s.error === OUTSIDE)
      head.push({
        file,
        kind: 'unknown',
        diagnostics: [
          diag(
            'ZC-E-PATH-OUTSIDE',
            { path: file, root: 'the folder given', root_zh: '所给文件夹', why: 'a symbolic link leads out of it', why_zh: '符号链接指向其外' },
            { file },
          ),
        ],
      });
    else head.push(cannotRead(file, s.error));
  }
  const tasks = files.map((path, index): Task => ({ index, kind: 'check', path, explicit: explicit.has(path) }));
  return { head, tasks, overrides, files };
}

/** Checks every file the paths name, in this thread; the part of `validate` that tests call in-process. */
export function collectResults(paths: string[], opts: Pick<ValidateOptions, 'profile' | 'factors'> = {}): { results: FileResult[]; files: string[] } {
  return inThread(plan(paths, opts));
}

function inThread({ head, tasks, overrides, files }: ReturnType<typeof plan>): { results: FileResult[]; files: string[] } {
  const results = [...head];
  for (const t of tasks) {
    const r = runTask(t, overrides, {});
    if ('checked' in r) results.push(restored(r.checked));
  }
  return { results: settleFindings(results, byPosition), files };
}

/** A file's findings as a task sent them (toWire), made as diag() makes them again. */
const restored = (r: FileResult): FileResult => ({ ...r, diagnostics: r.diagnostics.map(fromWire) });

/** collectResults with the files shared out among `jobs` worker threads (the pool `batch` uses); results in the same order. */
async function collectResultsInParallel(paths: string[], opts: ValidateOptions, jobs: number): Promise<{ results: FileResult[]; files: string[] }> {
  const planned = plan(paths, opts);
  const { head, tasks, files } = planned;
  if (jobs < 2 || tasks.length < PARALLEL_FROM || files.includes('-')) return inThread(planned);
  // the workers resolve --profile and --factors themselves (their findings are in head already)
  const pool = new Pool(jobs, {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...defaultProfileTask(opts),
    ...(opts.factors ? { factors: opts.factors } : {}),
    allowOutside: allowedOutside(),
  });
  const results = [...head];
  await pool.run(tasks, (r) => {
    // what a worker read (CSVs, packs) is an input too, known before the result is written
    if (r.reads) noteReads(r.reads);
    if ('checked' in r) results.push(restored(r.checked));
  });
  return { results: settleFindings(results, byPosition), files };
}
