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
}

export function runInit(dir: string | undefined, opts: InitOptions): number {
  const d = data();
  const templateDir = join(DATA_DIR, 'templates', opts.profile);
  if (!existsSync(templateDir)) {
    const have = d.profileIds.filter((id) => existsSync(join(DATA_DIR, 'templates', id)));
    throw new UsageError(`no template for profile "${opts.profile}"${didYouMean(suggest(opts.profile, have))}; templates exist for: ${have.join(', ')}`);
  }
  const target = resolve(dir ?? '.');
  const files = ['submission.yaml', 'activity.csv'];
  const clash = files.filter((f) => existsSync(join(target, f)));
  if (clash.length && !opts.force) throw new UsageError(`${clash.map((f) => displayPath(join(target, f))).join(', ')} already exist${clash.length === 1 ? 's' : ''}; use --force to overwrite`);
  mkdirSync(target, { recursive: true });
  // editors (yaml-language-server) validate while typing against the schema this line names
  const schema = relative(target, join(SCHEMA_DIR, 'submission.schema.json')).split('\\').join('/');
  const yaml = `# yaml-language-server: $schema=${schema}\n${readFileSync(join(templateDir, 'submission.yaml'), 'utf8')}`;
  writeAtomic(join(target, 'submission.yaml'), yaml);
  writeAtomic(join(target, 'activity.csv'), readFileSync(join(templateDir, 'activity.csv'), 'utf8'));
  const shown = displayPath(target);
  process.stderr.write(`wrote ${shown}/submission.yaml and ${shown}/activity.csv (profile ${opts.profile})\nnext: zcpark validate ${shown}/submission.yaml && zcpark evaluate ${shown}/submission.yaml\n`);
  return EXIT.ok;
}
