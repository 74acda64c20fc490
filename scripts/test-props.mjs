#!/usr/bin/env node
/**
 * Runs the property suite (test/property) at a chosen scale:
 *   npm run test:props                          # the CI scale: 10^5 runs per cheap property
 *   npm run test:props -- --runs 1000000        # 10^6 per cheap property, 10× for the expensive ones
 *   npm run test:props -- --seed 42 csv         # replay a seed; other arguments go to vitest (a file filter)
 * The knob sets FC_RUNS (and FC_SEED), which test/property/runs.ts turns into each property's run count.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env };
const rest = [];
const usage = 'usage: npm run test:props -- [--runs N] [--seed S] [vitest arguments…]';
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split(/=(.*)/s);
  const value = () => inline ?? args[++i];
  if (flag === '--runs') {
    const v = value();
    if (!/^[1-9]\d*$/.test(v ?? '')) exit(`--runs needs a positive integer, got ${v ?? 'nothing'}\n${usage}`);
    env.FC_RUNS = v;
  } else if (flag === '--seed') {
    const v = value();
    if (!/^-?\d+$/.test(v ?? '')) exit(`--seed needs an integer, got ${v ?? 'nothing'}\n${usage}`);
    env.FC_SEED = v;
  } else if (flag === '-h' || flag === '--help') {
    console.log(usage);
    process.exit(0);
  } else rest.push(args[i]);
}

function exit(message) {
  console.error(message);
  process.exit(2);
}

// vitest's bin is not in its exports map; its package.json is
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
console.error(`property suite: FC_RUNS=${env.FC_RUNS ?? '100000 (default)'}${env.FC_SEED ? `, FC_SEED=${env.FC_SEED}` : ''}`);
const r = spawnSync(process.execPath, [vitest, 'run', '--dir', 'test/property', ...rest], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
