/** `zcpark init [dir] --profile <id>`: a commented template submission and activity CSV that validate and evaluate as they are. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DATA_DIR, SCHEMA_DIR } from '../../data/load.js';
import { UsageError } from '../../diagnostics/errors.js';
import { didYouMean, suggest } from '../../diagnostics/suggest.js';
import { data } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { displayPath, writeAtomic } from '../io.js';

export interface InitOptions {
  profile: string;
  force?: boolean;
  /** "2020-2023": one submission and activity CSV a year, for `zcpark trend`. */
  years?: string;
}

/** "2020-2023" → [2020, …, 2023] (2 to 30 years, 1990–2100), else a usage error. */
function yearRange(text: string): number[] {
  const m = /^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(text);
  const from = m ? Number(m[1]) : NaN,
    to = m ? Number(m[2]) : NaN;
  if (!m || from < 1990 || to > 2100 || to <= from || to - from > 29)
    throw new UsageError(`--years "${text}" is not a range of years; allowed: FROM-TO with 1990 ≤ FROM < TO ≤ 2100, at most 30 years (e.g. 2020-2023)`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * One year's submission from the template: its year, its own activity CSV, GDP (now and baseline) at the first
 * year's prices, the baseline in the first year, and a carbon-intensity target with a year, so `zcpark trend`
 * accepts the set as written (README § zcpark trend).
 */
function yearTemplate(text: string, year: number, first: number, last: number): string {
  return text
    .replace(/^year: \d{4}(.*)$/m, `year: ${year}$1`)
    .replace(/^activity_files: \[activity\.csv\]/m, `activity_files: [activity-${year}.csv]`)
    .replace(/^(\s+year: )\d{4}$/m, `$1${first}`)
    .replace(/(price_year: )\d{4}/g, `$1${first}`)
    .replace(/^(\s+carbon_intensity_reduction: )"18%"/m, `$1{ value: 18%, year: ${Math.max(first + 5, last)} }`);
}

export function runInit(dir: string | undefined, opts: InitOptions): number {
  const d = data();
  const templateDir = join(DATA_DIR, 'templates', opts.profile);
  if (!existsSync(templateDir)) {
    const have = d.profileIds.filter((id) => existsSync(join(DATA_DIR, 'templates', id)));
    throw new UsageError(`no template for profile "${opts.profile}"${didYouMean(suggest(opts.profile, have))}; templates exist for: ${have.join(', ')}`);
  }
  const target = resolve(dir ?? '.');
  const years = opts.years !== undefined ? yearRange(opts.years) : undefined;
  const files = years ? years.flatMap((y) => [`submission-${y}.yaml`, `activity-${y}.csv`]) : ['submission.yaml', 'activity.csv'];
  const clash = files.filter((f) => existsSync(join(target, f)));
  if (clash.length && !opts.force)
    throw new UsageError(
      `${clash.map((f) => displayPath(join(target, f))).join(', ')} already exist${clash.length === 1 ? 's' : ''}; use --force to overwrite`,
    );
  mkdirSync(target, { recursive: true });
  // editors (yaml-language-server) validate while typing against the schema this line names
  const schema = relative(target, join(SCHEMA_DIR, 'submission.schema.json')).split('\\').join('/');
  const body = readFileSync(join(templateDir, 'submission.yaml'), 'utf8');
  const csv = readFileSync(join(templateDir, 'activity.csv'), 'utf8');
  const shown = displayPath(target);
  if (years) {
    for (const y of years) {
      writeAtomic(
        join(target, `submission-${y}.yaml`),
        `# yaml-language-server: $schema=${schema}\n${yearTemplate(body, y, years[0]!, years[years.length - 1]!)}`,
      );
      writeAtomic(join(target, `activity-${y}.csv`), csv);
    }
    process.stderr.write(
      `wrote ${years.length} submissions (${shown}/submission-${years[0]}.yaml … submission-${years[years.length - 1]}.yaml) with their activity CSVs (profile ${opts.profile})\nnext: replace each year's figures, then zcpark trend ${shown}\n`,
    );
    return EXIT.ok;
  }
  const yaml = `# yaml-language-server: $schema=${schema}\n${body}`;
  writeAtomic(join(target, 'submission.yaml'), yaml);
  writeAtomic(join(target, 'activity.csv'), csv);
  process.stderr.write(
    `wrote ${shown}/submission.yaml and ${shown}/activity.csv (profile ${opts.profile})\nnext: zcpark validate ${shown}/submission.yaml && zcpark evaluate ${shown}/submission.yaml\n`,
  );
  return EXIT.ok;
}
