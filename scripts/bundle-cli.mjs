// Build step: bundles the compiled CLI (dist/cli/main.js and what it imports, libraries included) into
// dist/bundle/, one chunk per lazily loaded command. Resolving and compiling ~150 separate modules costs a
// cold start more than the code itself; bin/zcpark.js runs the bundle. Batch workers and the tests use
// dist/ unbundled. ajv stays outside: it is loaded only for a stale build (precompiled validators otherwise).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: { main: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  // CommonJS libraries (commander, cli-table3) call require() for Node built-ins: give every chunk one
  banner: { js: "import { createRequire as __zcpRequire } from 'node:module'; const require = __zcpRequire(import.meta.url);" },
  external: ['ajv', 'ajv/*', 'ajv-formats'],
  logLevel: 'warning',
  legalComments: 'none',
});
