/**
 * Golden files (test/cli/golden/) hold the tool's version as a placeholder, so a version bump changes no golden:
 * a test compares `unversioned(output)` with `golden(name)`. scripts/update-goldens.mjs writes them the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

export const VERSION_PLACEHOLDER = '{zcpark version}';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The output with the tool's version (the report's `version` key, the "zcpark X.Y.Z" footers) as the placeholder. */
export const unversioned = (text: string): string =>
  text.replaceAll(`"version": "${VERSION}"`, `"version": "${VERSION_PLACEHOLDER}"`).replaceAll(`zcpark ${VERSION} `, `zcpark ${VERSION_PLACEHOLDER} `);

/** A golden file's text, e.g. golden('demo.json'). */
export const golden = (name: string): string => readFileSync(join(ROOT, 'test', 'cli', 'golden', name), 'utf8');
