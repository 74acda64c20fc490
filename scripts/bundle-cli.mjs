// Build step: bundles the compiled CLI (dist/cli/main.js and everything it imports, libraries included) into one
// CommonJS file, dist/bundle/zcpark.cjs, then runs it once on the demo park to record V8's code cache for it
// (dist/bundle/zcpark.cjs.cache). bin/zcpark.js runs the bundle with that cache, so a cold start neither resolves
// ~150 modules nor compiles the functions a command uses: `validate` on one file starts about 30 ms sooner
// (figures in `npm run bench`). Batch workers and the tests use dist/ unbundled. ajv stays outside the bundle:
// it is loaded only for a stale build (precompiled validators otherwise).
//
// CommonJS because only a vm.Script takes a code cache on Node 20 (module.enableCompileCache is Node 22).
// The bundle's first line names a hash of its content, and the cache starts with that line: bin/zcpark.js
// ignores a cache made for another bundle (V8 itself checks only the source length), and V8 rejects one
// made by another Node version.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: { zcpark: 'dist/cli/main.js' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  outExtension: { '.js': '.cjs' },
  // import.meta.url locates package.json, the data and the worker script: the bundle's own URL, two levels down
  // like dist/data/load.js, so the same relative paths hold
  define: { 'import.meta.url': '__zcpark_url' },
  banner: { js: "const __zcpark_url = require('node:url').pathToFileURL(__filename).href;" },
  external: ['ajv', 'ajv/*', 'ajv-formats'],
  logLevel: 'warning',
  legalComments: 'none',
});

const BUNDLE = 'dist/bundle/zcpark.cjs';
const CACHE = `${BUNDLE}.cache`;
const code = readFileSync(BUNDLE, 'utf8');
const head = `// zcpark bundle ${createHash('sha256').update(code).digest('hex').slice(0, 32)}\n`;
writeFileSync(BUNDLE, head + code);
// the cache holds the functions the run compiled: an evaluation with a JSON report reaches the parsers, schema
// checks, normalisation, accounting, scoring and reporting; what it misses is compiled on demand as before
const demo = 'fixtures/demo/park.yaml';
const args = existsSync(demo) ? ['evaluate', demo, '-f', 'json', '--fail-on', 'never'] : ['--version'];
const tmp = `${CACHE}.${process.pid}.tmp`;
const run = spawnSync(process.execPath, ['bin/zcpark.js', ...args], {
  env: { ...process.env, ZCPARK_CODE_CACHE_OUT: tmp },
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (run.status !== 0 || !existsSync(tmp)) {
  rmSync(tmp, { force: true });
  throw new Error(`recording the code cache failed (exit ${run.status}): ${run.stderr}`);
}
if (!readFileSync(tmp).subarray(0, head.length).equals(Buffer.from(head, 'latin1'))) throw new Error('the code cache was recorded for another bundle');
renameSync(tmp, CACHE);
