/** The zcpark command line: commander wiring, lazy command modules, and the one place exit codes are set. */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT } from './exit-codes.js';
import { addOptions } from './options.js';
import { termText } from '../report/escape.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// `zcpark batch … | head`: the reader has gone, so stop quietly rather than die on an unhandled EPIPE with a stack
// trace. The exit code is the run's when it was already decided (the last write was cut), else 141 as for a process
// killed by SIGPIPE (`cat | head`): the run stopped part-way. Files written with -o or --out-dir are whole or absent.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? EXIT.pipeClosed);
  });
}

/** Runs a command body; usage errors exit 2 with one line, anything unexpected exits 70 without a stack (unless --debug). */
async function run(body: () => Promise<number> | number): Promise<void> {
  try {
    // test hook: proves that an unexpected failure becomes one line and exit 70 (test/cli/evaluate.test.ts)
    if (process.env.ZCPARK_FAULT === 'internal') throw new Error('fault injected by ZCPARK_FAULT');
    process.exitCode = await body();
  } catch (e) {
    const { UsageError } = await import('../diagnostics/errors.js');
    if (e instanceof UsageError) {
      process.stderr.write(`zcpark: ${termText(e.message)}  ${e.code}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const err = e as Error;
    process.stderr.write(
      `zcpark: internal error: ${termText(err.message)}\nThis is a bug in zcpark ${pkg.version}; please report it with the command you ran${process.argv.includes('--debug') ? '' : ' (add --debug for the stack trace)'}.\n`,
    );
    if (process.argv.includes('--debug')) process.stderr.write(`${err.stack}\n`);
    process.exitCode = EXIT.internal;
  }
}

const program = new Command('zcpark')
  .description('Zero-carbon park and low-carbon city evaluations: NDRC indicators, cited Chinese factors, auditable traces.')
  .version(pkg.version, '-V, --version')
  .option('--debug', 'print stack traces of internal errors')
  .showSuggestionAfterError(true)
  .exitOverride()
  // commander quotes the arguments it refuses: a file name may hold controls, shown as escapes line by line
  .configureOutput({
    writeErr: (s) => process.stderr.write(s.split('\n').map(termText).join('\n')),
    // commander's own errors (an unknown option, a value not among the choices) read like zcpark's other usage errors
    outputError: (s, write) => write(s.replace(/^error: /, 'zcpark: ').replace(/\n?$/, '  ZC-E-USAGE\n')),
  });

program
  .command('evaluate')
  .description('validate, account and score submissions; print one report per submission')
  .argument('<submission...>', 'submission files (YAML or JSON); - for stdin');
addOptions(
  program.commands.at(-1)!,
  [
    ['format', { description: 'table (default on a terminal), json, markdown, html or csv' }],
    ['out', { description: 'write the report to a file (atomically) instead of stdout' }],
    'profile',
    ['factors', { description: 'factor set (YAML, JSON or CSV) that overrides the built-ins' }],
    'explain',
    'allowOutside',
    'lang',
    [
      'failOn',
      { description: 'exit 1 when a submission is invalid (default); also when a verdict fails (failed); also when one is incomplete (incomplete); or never' },
    ],
    'config',
    'noColor',
  ],
  'report',
).action(async (files: string[], opts) => {
  await run(async () => (await import('./commands/evaluate.js')).runEvaluate(files, await configured('report', opts)));
});

program
  .command('validate')
  .description('check submissions, factor sets and rule packs (files, folders, globs) without scoring')
  .argument('<path...>', 'files, folders or globs; - for stdin');
addOptions(
  program.commands.at(-1)!,
  [
    ['format', { description: 'pretty (default), json, github (workflow annotations; default under GitHub Actions), junit or sarif (code scanning)' }],
    'out',
    ['profile', { description: 'rule pack to check submissions against instead of their own' }],
    'factors',
    'maxWarnings',
    ['jobs', { description: 'parallel workers for many files (default: the number of CPUs)' }],
    'allowOutside',
    'lang',
    'config',
    'noColor',
  ],
  'diagnostics',
).action(async (paths: string[], opts) => {
  await run(async () => (await import('./commands/validate.js')).runValidate(paths, await configured('diagnostics', opts)));
});

program
  .command('batch')
  .description('evaluate many submissions (folders, globs, roster CSVs) in parallel: ranked summary, one report per submission')
  .argument('<path...>', 'submission files, folders, globs and roster CSVs');
addOptions(
  program.commands.at(-1)!,
  [
    ['format', { description: 'table (default on a terminal), json, jsonl, csv, markdown or html' }],
    ['out', { description: 'write the summary to a file (atomically)' }],
    'outDir',
    'jobs',
    'failOn',
    ['profile', { description: 'rule pack to apply to every submission' }],
    'factors',
    'quiet',
    'rankBy',
    'allowOutside',
    'lang',
    'config',
    'noColor',
  ],
  'batch',
).action(async (paths: string[], opts) => {
  await run(async () => (await import('./commands/batch.js')).runBatch(paths, await configured('batch', opts)));
});

program
  .command('trend')
  .description('one entity over several years: per-year figures, year-on-year and cumulative change, progress against targets with a year, the peak')
  .argument('<submission...>', 'two or more submissions of one entity for different years: files, folders or globs');
addOptions(
  program.commands.at(-1)!,
  [
    ['format', { description: 'table (default on a terminal), json, csv, markdown or html' }],
    ['out', { description: 'write the trend to a file (atomically) instead of stdout' }],
    'baseYear',
    'factorsYear',
    ['profile', { description: "rule pack for every year instead of the submissions' own (which must agree)" }],
    'factors',
    'allowOutside',
    ['lang', { description: 'language of diagnostic messages (default: zh when LANG is Chinese, else en)' }],
    'config',
    'noColor',
  ],
  'trend',
).action(async (paths: string[], opts) => {
  await run(async () => (await import('./commands/trend.js')).runTrend(paths, await configured('trend', opts)));
});

program
  .command('init')
  .description('write a commented template submission and activity CSV that validate and evaluate as they are')
  .argument('[dir]', 'folder to write into (created if needed)', '.');
addOptions(program.commands.at(-1)!, ['templateProfile', 'force', 'years']).action(async (dir: string, opts) => {
  await run(async () => (await import('./commands/init.js')).runInit(dir, opts));
});

program
  .command('profiles')
  .description("list the rule packs, or show one pack's indicators, thresholds, weights and sources")
  .argument('[id]', 'a built-in pack id or a pack file');
addOptions(program.commands.at(-1)!, [['format', { description: 'table or json' }], 'noColor'], 'listing').action(async (id: string | undefined, opts) => {
  await run(async () => (await import('./commands/profiles.js')).runProfiles(id, opts));
});

program.command('factors').description('list the built-in factor sets, or the factors that would apply for a year and region, with sources');
addOptions(
  program.commands.at(-1)!,
  [
    'year',
    'region',
    ['factors', { description: 'a factor set that overrides the built-ins' }],
    ['profile', { description: 'the factors this rule pack uses (its pinned grid factor, its electricity energy value)' }],
    ['format', { description: 'table or json' }],
    'noColor',
  ],
  'listing',
).action(async (opts) => {
  await run(async () => (await import('./commands/factors.js')).runFactors(opts));
});

program
  .command('schema')
  .description('print a JSON Schema: submission, activity, roster, factors, profile, report, config, trend')
  .argument('[name]', 'submission, activity, roster, factors, profile, report, config or trend')
  .action(async (name: string | undefined) => {
    await run(async () => (await import('./commands/schema.js')).runSchema(name));
  });

// a promise chain, not top-level await: the bundle is CommonJS (see scripts/bundle-cli.mjs)
program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else throw e;
});

/** The command's options with the config file's defaults (./config.ts); loaded only by the commands that read one. */
async function configured<T extends object>(kind: 'report' | 'diagnostics' | 'batch' | 'trend', opts: T): Promise<T> {
  const { withConfig } = await import('./config.js');
  return withConfig(kind, opts);
}
