/**
 * Vitest global setup: builds dist/ when it is missing or older than anything it is built from (src/, scripts/,
 * schemas/, package.json, tsconfig.json), so the spawned CLI is always the code under test. `npm test` has built
 * already (pretest), and then this costs one walk of the sources. The fast tier (ZCPARK_TIER=fast) spawns nothing and
 * skips it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-cli.js';

/** The built file that `npm run build` writes last. */
const LAST_BUILT = join(ROOT, 'dist', 'bundle', 'zcpark.cjs');

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), st.mtimeMs);
}

export default function setup(): void {
  if (process.env.ZCPARK_TIER === 'fast') return;
  const sources = ['src', 'scripts', 'schemas', 'package.json', 'tsconfig.json'].map((p) => join(ROOT, p));
  if (existsSync(LAST_BUILT) && statSync(LAST_BUILT).mtimeMs >= Math.max(...sources.map(newest))) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}): the tests would run a stale dist/`);
}
