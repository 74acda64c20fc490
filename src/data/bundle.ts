/**
 * Build step (`npm run build`): parses every data file once into dist/data/bundle.json, and compiles every
 * JSON Schema to code (ajv standalone) in dist/data/validators.cjs, so a run neither parses data YAML nor
 * compiles a schema. Both carry the size and mtime of their sources; a stale file is ignored at run time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BUNDLE, newAjv, parseDataFiles, SCHEMA_NAMES, schemaId, schemaStamps, validatorFile } from './load.js';

mkdirSync(dirname(BUNDLE), { recursive: true });
writeFileSync(BUNDLE, JSON.stringify(parseDataFiles()));

const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: typeof import('ajv/dist/standalone/index.js').default }).default;
const ajv = newAjv({ code: { source: true } });
const stamps = JSON.stringify(schemaStamps());
const APPEND = 'function zcparkAppend(to, from) { for (let i = 0; i < from.length; i++) to.push(from[i]); return to; }';
// one file per schema, so `validate` loads only the submission's code (the report schema's alone is 100 KB);
// CommonJS on purpose: the engine loads validators synchronously with createRequire, and ajv's runtime helpers are CommonJS
for (const n of SCHEMA_NAMES) {
  const code = appendInPlace(standaloneCode(ajv, { validate: schemaId(n) }));
  writeFileSync(validatorFile(n), `${code}\n${APPEND}\nmodule.exports = { validate: module.exports.validate, stamps: ${stamps} };\n`);
}

/**
 * ajv's code adds a called validator's errors with `vErrors = vErrors.concat(f.errors)`, copying every error so far
 * on each call: a document with 60,000 bad metrics (one call each) took minutes. The errors are appended in place
 * instead (same errors, same order: the schema tests compare this code with a runtime compile). Every call site is
 * rewritten or the build fails, so an ajv upgrade that changes the pattern is noticed.
 */
function appendInPlace(code: string): string {
  const out = code.replace(/vErrors\.concat\((validate\d+)\.errors\)/g, 'zcparkAppend(vErrors, $1.errors)');
  if (out.includes('.concat(')) throw new Error('ajv standalone code has a concat this build does not rewrite; see appendInPlace in src/data/bundle.ts');
  return out;
}
