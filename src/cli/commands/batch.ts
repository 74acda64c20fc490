/** `zcpark batch <path…>`: evaluate folders, globs and roster CSVs in parallel; ranked summary; one report per submission. */
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { diag } from '../../diagnostics/codes.js';
import { UsageError } from '../../diagnostics/errors.js';
import type { Diagnostic } from '../../model/types.js';
import { rosterFromBytes, rosterFromWorkbook } from '../../check.js';
import { headColumns, isRosterHeader, isWorkbookName } from '../../parse/sniff.js';
import { summarize, type BatchError } from '../../report/batch.js';
import { SUMMARY_FORMAT, type BatchView } from '../../report/summary/index.js';
import {
  data,
  defaultProfileOption,
  defaultProfileTask,
  factorsOption,
  pickLang,
  profileOption,
  type RunOverrides,
  terminalWidth,
  useColor,
} from '../context.js';
import { formatDiagnostics } from '../../report/diagnostics/lines.js';
import { discover, firstLine, OUTSIDE } from '../discover.js';
import { EXIT, exitFor } from '../exit-codes.js';
import { termText } from '../../report/escape.js';
import { extensionMap, formatNames } from '../formats.js';
import { batchSummary, stepSummary } from '../step-summary.js';
import { applyConfig, type Config } from '../config.js';
import { allowedOutside, allowOutside, displayPath, noteRead, pickFormat, readFailure, readTracked, readWorkbookFile } from '../io.js';
import { OutputSet } from '../outputs.js';
import { Pool } from '../batch/pool.js';
import { BatchCollector } from '../batch/collect.js';
import { runTask, type Task, type TaskOptions } from '../batch/tasks.js';

export interface BatchOptions {
  format?: string;
  out?: string;
  outDir?: string;
  jobs?: string;
  failOn: string;
  profile?: string;
  /** The config's default pack (../config.ts): for submissions that name none. */
  defaultProfile?: string;
  factors?: string;
  quiet?: boolean;
  color?: boolean;
  lang?: string;
  allowOutside?: string[];
  /** the config file's severities and ignores (../config.ts) */
  settings?: Config;
  /** verdict (default): pass, incomplete, fail, each by score; score: by score alone. */
  rankBy?: string;
}

/** Turns the paths into ordered tasks (by path, then row) and the inputs that cannot be tasks. */
function plan(paths: string[]): { tasks: Task[]; errors: BatchError[]; warnings: Diagnostic[] } {
  const d = data();
  const { files, explicit, skipped, reals } = discover(paths);
  const sorted = [...files].filter((f) => f !== '-').sort();
  if (files.includes('-')) throw new UsageError('batch reads files and folders, not stdin');
  const tasks: Task[] = [];
  const errors: BatchError[] = [];
  const warnings: Diagnostic[] = [];
  // every file found is an input of the run from now on, before any is read (in a worker) or anything is written
  for (const f of sorted) noteRead(f, undefined, reals.get(f));
  for (const k of skipped) {
    if (k.error !== OUTSIDE) continue;
    const file = displayPath(k.path);
    errors.push({
      file,
      errors: [
        diag(
          'ZC-E-PATH-OUTSIDE',
          { path: file, root: 'the folder given', root_zh: '所给文件夹', why: 'a symbolic link leads out of it', why_zh: '符号链接指向其外' },
          { file },
        ),
      ],
    });
  }
  for (const abs of sorted) {
    if (isWorkbookName(abs)) {
      // a roster kept as a workbook (its first sheet); named on the command line only, never picked out of a folder
      if (!explicit.has(abs)) continue;
      const file = displayPath(abs);
      const book = readWorkbookFile(abs, file);
      const got = 'errors' in book ? book : rosterFromWorkbook(file, book.sheet, d);
      if ('errors' in got) {
        errors.push({ file, errors: got.errors });
        continue;
      }
      const csv = got.roster;
      warnings.push(...got.warnings);
      const roster = { file, header: csv.header, rawHeader: csv.rawHeader };
      for (const row of csv.rows) tasks.push({ index: tasks.length, kind: 'roster', roster, row: { line: row.line, cells: [...row.cells] } });
      continue;
    }
    if (extname(abs).toLowerCase() === '.csv') {
      // a folder of submissions holds their activity CSVs: the first line alone (at most 64 KB of it) tells them from
      // a roster, and only a roster is read whole
      const file = displayPath(abs);
      let head: ReturnType<typeof firstLine>;
      try {
        head = firstLine(abs);
      } catch (e) {
        errors.push({ file, errors: [diag('ZC-E-FILE-READ', { path: file, reason: readFailure(e) }, { file })] });
        continue;
      }
      if (head.error !== undefined) {
        if (explicit.has(abs)) errors.push({ file, errors: [diag('ZC-E-FILE-ENCODING', { path: file, reason: head.error }, { file, line: 1 })] });
        continue;
      }
      const columns = headColumns(head);
      if (!columns || !isRosterHeader(columns)) {
        // activity CSVs are read through the submissions that list them
        const found = columns ? 'an activity CSV' : 'a CSV without a line break in its first 64 KB';
        if (explicit.has(abs))
          errors.push({
            file,
            errors: [
              diag(
                'ZC-E-FORMAT-VERSION',
                {
                  found,
                  allowed:
                    'submissions (YAML/JSON) and roster CSVs (an id column, no category column); activity CSVs are read through the submissions that list them',
                },
                { file, line: 1 },
              ),
            ],
          });
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = readTracked(abs);
      } catch (e) {
        errors.push({ file, errors: [diag('ZC-E-FILE-READ', { path: file, reason: readFailure(e) }, { file })] });
        continue;
      }
      const read = rosterFromBytes(file, bytes, d);
      if ('encoding' in read) {
        if (explicit.has(abs)) errors.push({ file, errors: [read.encoding] });
        continue;
      }
      if ('notRoster' in read) {
        // activity CSVs are read through the submissions that list them
        if (explicit.has(abs))
          errors.push({
            file,
            errors: [
              diag(
                'ZC-E-FORMAT-VERSION',
                {
                  found: 'an activity CSV',
                  allowed:
                    'submissions (YAML/JSON) and roster CSVs (an id column, no category column); activity CSVs are read through the submissions that list them',
                },
                { file, line: 1 },
              ),
            ],
          });
        continue;
      }
      const csv = read.roster;
      warnings.push(...read.warnings);
      for (const k of csv.skipped) errors.push({ file, row: k.line, errors: csv.diagnostics.filter((x) => x.line === k.line) });
      const roster = { file, header: csv.header, rawHeader: csv.rawHeader };
      for (const row of csv.rows) tasks.push({ index: tasks.length, kind: 'roster', roster, row: { line: row.line, cells: [...row.cells] } });
      continue;
    }
    // the task itself reads the file and tells a submission from a factor set, a pack or a stranger
    tasks.push({ index: tasks.length, kind: 'file', path: abs, explicit: explicit.has(abs) });
  }
  return { tasks, errors, warnings };
}

/** Runs the command; returns the exit code. */
export async function runBatch(paths: string[], opts: BatchOptions): Promise<number> {
  const format = pickFormat(opts.format, opts.out, extensionMap('batch'), process.stdout.isTTY ? 'table' : 'json');
  const allowed = formatNames('batch');
  const fmt = SUMMARY_FORMAT[format];
  if (!allowed.includes(format) || !fmt) throw new UsageError(`unknown format "${format}" for batch; allowed: ${allowed.join(', ')}`);
  // each submission's own file under --out-dir: the summary format's own kind of report, else JSON
  const per = fmt.perReport ?? { format: 'json', extension: 'json' };
  const jobs = opts.jobs === undefined ? availableParallelism() : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs takes a whole number from 1 to 256 (got "${opts.jobs}")`);
  allowOutside(opts.allowOutside ?? []);
  const defaultProfile = defaultProfileOption(opts);
  const overrides: RunOverrides = {
    ...(opts.profile ? { profile: profileOption(opts.profile) } : {}),
    ...(defaultProfile ? { defaultProfile } : {}),
    ...(opts.factors ? { factors: factorsOption(opts.factors) } : {}),
  };
  for (const o of [overrides.profile, overrides.defaultProfile, overrides.factors]) {
    if (o && 'diagnostics' in o && o.diagnostics.some((x) => x.severity === 'error')) {
      process.stderr.write(formatDiagnostics(o.diagnostics, useColor(process.stderr, opts.color)));
      return EXIT.data;
    }
  }
  const perReport = opts.outDir ? per.format : undefined;
  const taskOpts: TaskOptions = {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...defaultProfileTask(opts),
    ...(opts.factors ? { factors: opts.factors } : {}),
    ...(perReport ? { perReport } : {}),
    compact: format === 'jsonl',
    noJson: format !== 'json' && format !== 'jsonl',
    lang: pickLang(opts.lang),
    allowOutside: allowedOutside(),
    ...(opts.settings ? { settings: opts.settings } : {}),
  };
  let pool: Pool | undefined = jobs > 1 ? new Pool(jobs, taskOpts) : undefined;
  let planned: ReturnType<typeof plan>;
  try {
    planned = plan(paths);
  } catch (e) {
    await pool?.close();
    throw e;
  }
  const { tasks, errors: planErrors, warnings } = planned;
  if (pool && tasks.length <= 1) {
    await pool.close();
    pool = undefined;
  }

  // the output files are checked before any work: --out-dir is a folder (no link), locked; -o and the summary are no input
  const outputs = new OutputSet();
  try {
    if (opts.outDir) outputs.openDir(opts.outDir);
    if (opts.out) outputs.precheck(opts.out);
    if (opts.outDir) outputs.precheck(join(opts.outDir, `summary.${fmt.summaryExtension}`));
  } catch (e) {
    outputs.abort();
    await pool?.close();
    throw e;
  }
  try {
    const progress = process.stderr.isTTY && !opts.quiet && !process.env.CI;
    const got = new BatchCollector(
      {
        format,
        streamLines: !opts.out && !opts.outDir,
        ...(opts.outDir ? { outDir: { path: opts.outDir, extension: per.extension, outputs } } : {}),
        ...(progress ? { progress: { total: tasks.length } } : {}),
      },
      planErrors,
    );
    if (pool) await pool.run(tasks, (r) => got.add(r));
    else {
      let yielded = Date.now();
      for (const t of tasks) {
        got.add(runTask(t, overrides, taskOpts));
        // let SIGINT/SIGTERM in now and then: their handler removes the temp files (a long run is otherwise one task)
        if (Date.now() - yielded > 50) {
          await new Promise((go) => setImmediate(go));
          yielded = Date.now();
        }
      }
    }
    got.finish();
    const { entries, errors } = got;
    const summary = summarize(entries, errors, opts.rankBy === 'score' ? 'score' : 'verdict');
    const width = opts.out ? undefined : terminalWidth(process.stdout);
    const fileView: BatchView = {
      summary,
      entries,
      errors,
      lang: taskOpts.lang ?? 'en',
      ...(format === 'json' ? { reportTexts: got.reportTexts } : {}),
      ...(opts.outDir ? { links: got.links } : {}),
      ...(fmt.streams ? { lines: got.lines } : {}),
    };
    const view: BatchView = { ...fileView, ...(width ? { width } : {}) };
    const color = !opts.out && useColor(process.stdout, opts.color);
    // json: pieces, written one after another (10,000 reports are 170 MB of text); the other formats are small
    const { chunks } = fmt;
    const text = chunks ? '' : fmt.render(view, { color });
    const content = (): string | Iterable<string> => (chunks ? chunks(view) : text);
    // summary.<ext> is the same whatever terminal ran the batch: no colour, the default width
    if (opts.outDir)
      outputs.stage(join(opts.outDir, `summary.${fmt.summaryExtension}`), chunks ? content : color || width ? fmt.render(fileView, { color: false }) : text);
    if (opts.out) outputs.stage(opts.out, content);
    // every file of the run goes in place now, when every input is known (a report never replaces one)
    outputs.commit();
    if (!opts.out && (!fmt.streams || opts.outDir)) {
      const out = content();
      if (typeof out === 'string') process.stdout.write(out);
      else for (const piece of out) process.stdout.write(piece);
    }
    const diags = applyConfig(warnings, opts.settings);
    if (got.renamed.length) diags.push(diag('ZC-W-OUT-RENAMED', { found: got.renamed.join(', ') }, { file: displayPath(opts.outDir!) }));
    if (diags.length) process.stderr.write(formatDiagnostics(diags, useColor(process.stderr, opts.color)));
    if (format !== 'json' && format !== 'jsonl') process.stderr.write(got.warningDigest(useColor(process.stderr, opts.color)));
    stepSummary(() => batchSummary(summary, errors));
    const code = exitFor({ invalid: errors.length, failed: summary.fail, incomplete: summary.incomplete }, { failOn: opts.failOn });
    // with -o the terminal would otherwise show nothing of why the run failed
    if (opts.out && code !== EXIT.ok && !opts.quiet) {
      const where = termText(displayPath(opts.out));
      const s = summary;
      process.stderr.write(
        taskOpts.lang === 'zh'
          ? `zcpark: ${s.total} 份申报：${s.pass} 份达标，${s.fail} 份未达标，${s.incomplete} 份不完整，${s.invalid} 份无效；汇总见 ${where}\n`
          : `zcpark: ${s.total} submission${s.total === 1 ? '' : 's'}: ${s.pass} pass, ${s.fail} fail, ${s.incomplete} incomplete, ${s.invalid} invalid; the summary is in ${where}\n`,
      );
    }
    return code;
  } finally {
    // nothing of a run that stopped early is left behind: temp files and the lock go
    outputs.abort();
  }
}
