/** The zcpark command line: commander wiring, lazy command modules, and the one place exit codes are set. */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT } from './exit-codes.js';
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

/** -f/--format with its choices, in any case: `-f JSON` is json (commander's choices() alone is case-sensitive). */
function formatOption(description: string, choices: string[]): Option {
  return new Option('-f, --format <format>', description).choices(choices).argParser((value: string) => {
    const f = value.toLowerCase();
    if (!choices.includes(f)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return f;
  });
}

/** --allow-outside <dir>, which may be given more than once. */
function allowOutsideOption(): Option {
  return new Option('--allow-outside <dir>', 'a folder outside a submission\'s own that the files it names (activity_files, profile:) may be in; repeatable').argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
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
    process.stderr.write(`zcpark: internal error: ${termText(err.message)}\nThis is a bug in zcpark ${pkg.version}; please report it with the command you ran${process.argv.includes('--debug') ? '' : ' (add --debug for the stack trace)'}.\n`);
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
  .configureOutput({ writeErr: (s) => process.stderr.write(s.split('\n').map(termText).join('\n')) });

program
  .command('evaluate')
  .description('validate, account and score submissions; print one report per submission')
  .argument('<submission...>', 'submission files (YAML or JSON); - for stdin')
  .addOption(formatOption('table (default on a terminal), json, markdown, html or csv', ['table', 'json', 'markdown', 'html', 'csv']))
  .option('-o, --out <path>', 'write the report to a file (atomically) instead of stdout')
  .option('-p, --profile <id|file>', 'rule pack to apply instead of the submission\'s profile')
  .option('--factors <file>', 'factor set (YAML, JSON or CSV) that overrides the built-ins')
  .option('--explain', 'include the calculation trace: rows, conversions, factors with sources, formulas')
  .addOption(allowOutsideOption())
  .addOption(new Option('--lang <lang>', 'language of labels and messages (default: zh when LANG is Chinese, else en)').choices(['en', 'zh']))
  .addOption(new Option('--fail-on <level>', 'exit 1 when a submission is invalid (default); also when a verdict fails (failed); also when one is incomplete (incomplete); or never').choices(['invalid', 'failed', 'incomplete', 'never']).default('invalid'))
  .option('--no-color', 'no colours')
  .action(async (files: string[], opts) => {
    await run(async () => (await import('./commands/evaluate.js')).runEvaluate(files, opts));
  });

program
  .command('validate')
  .description('check submissions, factor sets and rule packs (files, folders, globs) without scoring')
  .argument('<path...>', 'files, folders or globs; - for stdin')
  .addOption(formatOption('pretty (default), json, github (workflow annotations; default under GitHub Actions) or junit', ['pretty', 'json', 'github', 'junit']))
  .option('-o, --out <path>', 'write the result to a file (atomically)')
  .option('-p, --profile <id|file>', 'rule pack to check submissions against instead of their own')
  .option('--factors <file>', 'factor set that overrides the built-ins')
  .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (e.g. 0)')
  .addOption(allowOutsideOption())
  .addOption(new Option('--lang <lang>', 'language of labels and messages (default: zh when LANG is Chinese, else en)').choices(['en', 'zh']))
  .option('--no-color', 'no colours')
  .action(async (paths: string[], opts) => {
    await run(async () => (await import('./commands/validate.js')).runValidate(paths, opts));
  });

program
  .command('batch')
  .description('evaluate many submissions (folders, globs, roster CSVs) in parallel: ranked summary, one report per submission')
  .argument('<path...>', 'submission files, folders, globs and roster CSVs')
  .addOption(formatOption('table (default on a terminal), json, jsonl, csv, markdown or html', ['table', 'json', 'jsonl', 'csv', 'markdown', 'html']))
  .option('-o, --out <path>', 'write the summary to a file (atomically)')
  .option('--out-dir <dir>', 'write one report per submission (<entity.id>.<ext>, the extension of -f) and summary.<ext> into this folder')
  .option('-j, --jobs <n>', 'parallel workers (default: the number of CPUs)')
  .addOption(new Option('--fail-on <level>', 'exit 1 when any submission is invalid (default), also failed, also incomplete, or never').choices(['invalid', 'failed', 'incomplete', 'never']).default('invalid'))
  .option('-p, --profile <id|file>', 'rule pack to apply to every submission')
  .option('--factors <file>', 'factor set that overrides the built-ins')
  .option('-q, --quiet', 'no progress output')
  .addOption(allowOutsideOption())
  .addOption(new Option('--lang <lang>', 'language of labels and messages (default: zh when LANG is Chinese, else en)').choices(['en', 'zh']))
  .option('--no-color', 'no colours')
  .action(async (paths: string[], opts) => {
    await run(async () => (await import('./commands/batch.js')).runBatch(paths, opts));
  });

program
  .command('init')
  .description('write a commented template submission and activity CSV that validate and evaluate as they are')
  .argument('[dir]', 'folder to write into (created if needed)', '.')
  .option('-p, --profile <id>', 'rule pack the template is for', 'zero-carbon-park')
  .option('--force', 'overwrite existing files')
  .action(async (dir: string, opts) => {
    await run(async () => (await import('./commands/init.js')).runInit(dir, opts));
  });

program
  .command('profiles')
  .description('list the rule packs, or show one pack\'s indicators, thresholds, weights and sources')
  .argument('[id]', 'a built-in pack id or a pack file')
  .addOption(formatOption('table or json', ['table', 'json']))
  .option('--no-color', 'no colours')
  .action(async (id: string | undefined, opts) => {
    await run(async () => (await import('./commands/profiles.js')).runProfiles(id, opts));
  });

program
  .command('factors')
  .description('list the built-in factor sets, or the factors that would apply for a year and region, with sources')
  .option('--year <year>', 'reporting year')
  .option('--region <code>', 'province, ISO 3166-2:CN (e.g. CN-NM)')
  .option('--factors <file>', 'a factor set that overrides the built-ins')
  .addOption(formatOption('table or json', ['table', 'json']))
  .option('--no-color', 'no colours')
  .action(async (opts) => {
    await run(async () => (await import('./commands/factors.js')).runFactors(opts));
  });

program
  .command('schema')
  .description('print a JSON Schema: submission, activity, roster, factors, profile, report')
  .argument('[name]', 'submission, activity, roster, factors, profile or report')
  .action(async (name: string | undefined) => {
    await run(async () => (await import('./commands/schema.js')).runSchema(name));
  });

// a promise chain, not top-level await: the bundle is CommonJS (see scripts/bundle-cli.mjs)
program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else throw e;
});
