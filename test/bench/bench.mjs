#!/usr/bin/env node
// npm run bench — prints measured figures (never asserted in tests). Run after `npm run build`.
// Cold start is compared with `node -e 0` on the same machine, so read the differences, not the absolutes.
import { spawnSync } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'zcpark.js');
const N = Number(process.env.BENCH_RUNS ?? 11);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function cold(args) {
  const times = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

const floor = cold(['-e', '0']);
const rows = [
  ['node -e 0 (floor)', floor, '—'],
  ['zcpark --version', cold([BIN, '--version']), 'floor + 30 ms (issue #7)'],
  ['zcpark evaluate hand-checked (12 rows)', cold([BIN, 'evaluate', 'fixtures/valid/hand-checked/park.yaml', '-f', 'json']), 'floor + 100 ms (perf notes)'],
  ['zcpark evaluate demo (141 rows)', cold([BIN, 'evaluate', 'fixtures/demo/park.yaml', '-f', 'json']), '—'],
];

// in-process: the engine alone, data already loaded
const { loadData } = await import(join(ROOT, 'dist/data/load.js'));
const { evaluate } = await import(join(ROOT, 'dist/engine.js'));
const { builtinProfile } = await import(join(ROOT, 'dist/data/load.js'));
const data = loadData('bench');
const profile = builtinProfile('zero-carbon-park', data).profile;
function inProcess(dir) {
  const text = readFileSync(join(ROOT, dir, 'park.yaml'), 'utf8');
  const cache = new Map();
  const readFile = (rel) => {
    if (!cache.has(rel)) cache.set(rel, readFileSync(join(ROOT, dir, rel)));
    return { file: rel, bytes: cache.get(rel) };
  };
  const run = () => evaluate({ file: 'park.yaml', text, readFile, loadProfile: () => ({ profile }) }, data);
  for (let i = 0; i < 20; i++) run();
  const iterations = 200;
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) if (!run().report) throw new Error('no report');
  return (performance.now() - t0) / iterations;
}
const inproc = [
  ['evaluate hand-checked, in process', inProcess('fixtures/valid/hand-checked'), '≤ 5 ms (perf notes)'],
  ['evaluate demo (141 rows), in process', inProcess('fixtures/demo'), '—'],
];

const pad = (s, n) => String(s).padEnd(n);
console.log(`zcpark bench — node ${process.version}, ${N} cold runs each (median)\n`);
console.log(`${pad('case', 44)}${pad('ms', 10)}${pad('over floor', 12)}target`);
for (const [name, ms, target] of rows) console.log(`${pad(name, 44)}${pad(ms.toFixed(1), 10)}${pad(name.startsWith('node') ? '' : `+${(ms - floor).toFixed(1)}`, 12)}${target}`);
for (const [name, ms, target] of inproc) console.log(`${pad(name, 44)}${pad(ms.toFixed(2), 10)}${pad('', 12)}${target}`);

// ---- batch (issue #5): 10,000 generated submissions and a 10,000-row roster --------------------------
const { generate } = await import('./generate.mjs');
const BATCH_N = Number(process.env.BENCH_BATCH ?? 10000);
const out = join(ROOT, 'bench-out');
const t0 = performance.now();
generate(out, BATCH_N);
console.log(`\nbatch data: ${BATCH_N} submissions (YAML + 40-row CSV) and a ${BATCH_N}-row roster in bench-out/ (${((performance.now() - t0) / 1000).toFixed(1)} s to generate or reuse)`);
function batchRun(args) {
  // the jsonl stream (~170 MB) goes to /dev/null: capturing it here would tax the same 2 cores
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'test/bench/rss-run.mjs'), 'batch', ...args, '-f', 'jsonl', '-q'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'], env: { ...process.env, CI: '1' } });
  const s = (performance.now() - t) / 1000;
  const rss = Number(/ZCPARK_PEAK_RSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { s, rss, lines: r.status === 0 ? BATCH_N : -1 };
}
console.log(`${pad('batch case', 44)}${pad('s', 10)}${pad('files/s', 12)}${pad('peak RSS', 12)}target`);
for (const [name, args] of [
  ['10k submissions, 1 thread', [join(out, 'subs'), '-j', '1']],
  ['10k submissions, 2 workers', [join(out, 'subs'), '-j', '2']],
  ['10k-row roster, 1 thread', [join(out, 'roster.csv'), '-j', '1']],
  ['10k-row roster, 2 workers', [join(out, 'roster.csv'), '-j', '2']],
]) {
  const r = batchRun(args);
  if (r.lines !== BATCH_N) console.log(`  (expected ${BATCH_N} jsonl lines, got ${r.lines})`);
  console.log(`${pad(name, 44)}${pad(r.s.toFixed(1), 10)}${pad((BATCH_N / r.s).toFixed(0), 12)}${pad(`${r.rss.toFixed(0)} MB`, 12)}${name.includes('2 workers') && !name.includes('roster') ? '≤ 8 s (issue #5)' : ''}`);
}
