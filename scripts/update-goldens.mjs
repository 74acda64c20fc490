#!/usr/bin/env node
// Rewrites test/cli/golden/* from the built CLI (run `npm run build` first). Use it only after a change that is
// meant to change reports, and read the diff: every changed figure must be one the change explains.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = 'fixtures/demo/park.yaml';
// the version is a placeholder in every golden (test/helpers/golden.ts), so a version bump changes none
const VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const PLACEHOLDER = '{zcpark version}';
const unversioned = (text) =>
  text.replaceAll(`"version": "${VERSION}"`, `"version": "${PLACEHOLDER}"`).replaceAll(`zcpark ${VERSION} `, `zcpark ${PLACEHOLDER} `);
const goldens = {
  'demo.json': ['evaluate', DEMO, '--format', 'json'],
  'demo.md': ['evaluate', DEMO, '-f', 'markdown'],
  'demo.html': ['evaluate', DEMO, '-f', 'html'],
  'demo.zh.md': ['evaluate', DEMO, '-f', 'markdown', '--lang', 'zh'],
  'demo.zh.html': ['evaluate', DEMO, '-f', 'html', '--lang', 'zh'],
  'batch.json': ['batch', 'fixtures/batch', '-f', 'json', '-j', '1'],
  'trend.json': ['trend', 'fixtures/trend/city', '-f', 'json'],
  'trend.zh.txt': ['trend', 'fixtures/trend/city', '-f', 'table', '--lang', 'zh'],
  'trend.zh.md': ['trend', 'fixtures/trend/city', '-f', 'markdown', '--lang', 'zh'],
  'trend.zh.html': ['trend', 'fixtures/trend/city', '-f', 'html', '--lang', 'zh'],
};
for (const [file, args] of Object.entries(goldens)) {
  const r = spawnSync(process.execPath, [join(root, 'bin/zcpark.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  if (r.status !== 0 && !(file === 'batch.json' && r.status === 1)) throw new Error(`${file}: exit ${r.status}\n${r.stderr}`);
  writeFileSync(join(root, 'test/cli/golden', file), unversioned(r.stdout));
  console.log(`test/cli/golden/${file}`);
}
