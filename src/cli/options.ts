/**
 * Every command-line option of zcpark as data: its flags, argument, description, default, choices and parser, in one
 * table. A command registers the options it takes by name (`addOptions`), with its own wording where the meaning is
 * narrower (`-o` writes "the report" for evaluate, "the summary" for batch). `-f` takes its choices from the format
 * table (./formats.ts), so a command never re-declares its format list.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { formatNames, type OutputKind } from './formats.js';

export interface CliOption {
  long: string;
  short?: string;
  /** `<name>` (required argument) or `[name]` (optional); absent for a switch. */
  arg?: string;
  description: string;
  default?: string;
  choices?: readonly string[];
  /** Turns the text into the value; repeatable options receive the previous value. */
  parse?: (value: string, previous: unknown) => unknown;
}

/** --allow-outside may be given more than once: each adds a folder. */
const collect = (value: string, previous: unknown): string[] => [...((previous as string[] | undefined) ?? []), value];

const LANG = 'language of labels and messages (default: zh when LANG is Chinese, else en)';

export const OPTIONS = {
  format: { long: 'format', short: 'f', arg: '<format>', description: 'output format' },
  out: { long: 'out', short: 'o', arg: '<path>', description: 'write the result to a file (atomically)' },
  outDir: {
    long: 'out-dir',
    arg: '<dir>',
    description: 'write one report per submission (<entity.id>.<ext>, the extension of -f) and summary.<ext> into this folder',
  },
  jobs: { long: 'jobs', short: 'j', arg: '<n>', description: 'parallel workers (default: the number of CPUs)' },
  profile: { long: 'profile', short: 'p', arg: '<id|file>', description: "rule pack to apply instead of the submission's profile" },
  factors: { long: 'factors', arg: '<file>', description: 'factor set that overrides the built-ins' },
  explain: { long: 'explain', description: 'include the calculation trace: rows, conversions, factors with sources, formulas' },
  maxWarnings: { long: 'max-warnings', arg: '<n>', description: 'exit 1 when there are more warnings than this (e.g. 0)' },
  allowOutside: {
    long: 'allow-outside',
    arg: '<dir>',
    description: "a folder outside a submission's own that the files it names (activity_files, profile:) may be in; repeatable",
    parse: collect,
  },
  lang: { long: 'lang', arg: '<lang>', description: LANG, choices: ['en', 'zh'] },
  failOn: {
    long: 'fail-on',
    arg: '<level>',
    description: 'exit 1 when any submission is invalid (default), also failed, also incomplete, or never',
    choices: ['invalid', 'failed', 'incomplete', 'never'],
    default: 'invalid',
  },
  quiet: { long: 'quiet', short: 'q', description: 'no progress output' },
  rankBy: {
    long: 'rank-by',
    arg: '<order>',
    description: 'verdict: pass, then incomplete, then fail, each by score (default); score: by score alone',
    choices: ['verdict', 'score'],
    default: 'verdict',
  },
  config: {
    long: 'config',
    short: 'c',
    arg: '<file>',
    description: 'a config file (default: zcpark.config.yaml in this folder or the nearest one above): severity per code, ignores, defaults',
  },
  templateProfile: { long: 'profile', short: 'p', arg: '<id>', description: 'rule pack the template is for', default: 'zero-carbon-park' },
  force: { long: 'force', description: 'overwrite existing files' },
  year: { long: 'year', arg: '<year>', description: 'reporting year' },
  region: { long: 'region', arg: '<code>', description: 'province, ISO 3166-2:CN (e.g. CN-NM)' },
  noColor: { long: 'no-color', description: 'no colours' },
  years: {
    long: 'years',
    arg: '<from-to>',
    description: 'init: one submission a year (submission-<year>.yaml, activity-<year>.csv) for zcpark trend, e.g. 2020-2023',
  },
  baseYear: { long: 'base-year', arg: '<year>', description: 'trend: the year changes and target paths start from (default: the earliest)' },
  factorsYear: {
    long: 'factors-year',
    arg: '<year>',
    description: "trend: evaluate every year with the built-in factors of this year's vintage (default: each year its own)",
  },
} as const satisfies Record<string, CliOption>;

export type OptionName = keyof typeof OPTIONS;

/** An option by name, or with the command's own wording or default. */
export type OptionUse = OptionName | [OptionName, { description?: string; default?: string }];

/** -f/--format with its choices, in any case: `-f JSON` is json (commander's choices() alone is case-sensitive). */
function formatParser(choices: readonly string[]) {
  return (value: string) => {
    const f = value.toLowerCase();
    if (!choices.includes(f)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return f;
  };
}

/** The commander Option for one spec. */
export function toOption(spec: CliOption, description = spec.description, fallback = spec.default): Option {
  const flags = `${spec.short ? `-${spec.short}, ` : ''}--${spec.long}${spec.arg ? ` ${spec.arg}` : ''}`;
  const option = new Option(flags, description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.parse) option.argParser(spec.parse);
  if (fallback !== undefined) option.default(fallback);
  return option;
}

/** Registers the named options on a command, in the order given; `-f` gets the choices of the command's output kind. */
export function addOptions(cmd: Command, uses: readonly OptionUse[], formats?: OutputKind): Command {
  for (const use of uses) {
    const [name, own] = typeof use === 'string' ? [use, {}] : use;
    const spec: CliOption = OPTIONS[name];
    if (name === 'format') {
      if (!formats) throw new Error("-f needs the command's output kind");
      const choices = formatNames(formats);
      cmd.addOption(toOption({ ...spec, choices, parse: formatParser(choices) }, own.description));
    } else cmd.addOption(toOption(spec, own.description, own.default ?? spec.default));
  }
  return cmd;
}
