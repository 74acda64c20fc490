#!/usr/bin/env node
// The zcpark command: runs the bundled CLI (dist/bundle/zcpark.cjs, see scripts/bundle-cli.mjs) with the V8 code
// cache the build recorded for it. Without a usable cache (another Node version, a rebuilt bundle) it compiles as
// usual; nothing is ever written here unless the build asks for a cache (ZCPARK_CODE_CACHE_OUT).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'bundle', 'zcpark.cjs');
const source = readFileSync(file, 'utf8');
// "// zcpark bundle <hash of its content>": the cache starts with the same line when it was made for this bundle
const stamp = Buffer.from(source.slice(0, source.indexOf('\n') + 1), 'latin1');
let cachedData;
try {
  const cache = readFileSync(`${file}.cache`);
  if (cache.subarray(0, stamp.length).equals(stamp)) cachedData = cache.subarray(stamp.length);
} catch {
  // no cache: compile as usual
}
const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
if (process.env.ZCPARK_CODE_CACHE_OUT) {
  const out = process.env.ZCPARK_CODE_CACHE_OUT;
  process.once('exit', () => writeFileSync(out, Buffer.concat([stamp, script.createCachedData()])));
}
if (process.env.ZCPARK_CODE_CACHE_DEBUG) process.stderr.write(`code cache: ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none'}\n`);
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, Module.createRequire(file), bundle, file, dirname(file));
