#!/usr/bin/env node
/**
 * The fast tier (README § Development): the `core` project of vitest.config.ts (unit tests by stage, the architecture
 * test, the properties) with each cheap property at FC_RUNS=1000 instead of CI's 100,000, no spawned CLI and no
 * browser; about a minute on two cores at most. Arguments go to vitest (a file filter, --watch is not run mode).
 *   npm run test:fast
 *   npm run test:fast -- account     # files matching "account"
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const env = { ...process.env, ZCPARK_TIER: 'fast', FC_RUNS: process.env.FC_RUNS ?? '1000' };
// vitest's bin is not in its exports map; its package.json is
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', '--project', 'core', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
