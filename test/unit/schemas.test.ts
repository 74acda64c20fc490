/** Every bundled pack, factor set and valid fixture validates against schemas/; a bad document does not. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, SCHEMA_NAMES, validatorFor } from '../../src/data/load.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { schemaDiagnostics } from '../../src/validate/schema.js';
import { FAST, ROOT, runCli } from '../helpers/run-cli.js';

const check = (schema: 'submission' | 'factors' | 'profile', path: string) => {
  const doc = parseYaml(path, readFileSync(path, 'utf8'));
  expect(doc.diagnostics).toEqual([]);
  return schemaDiagnostics(validatorFor(schema), doc);
};
const yamlIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join(dir, f));

describe('bundled data and fixtures validate against schemas/', () => {
  it.each(yamlIn(join(DATA_DIR, 'profiles')))('profile %s', (p) => expect(check('profile', p)).toEqual([]));
  it.each(yamlIn(join(DATA_DIR, 'factors')))('factor set %s', (p) => expect(check('factors', p)).toEqual([]));
  it.each(yamlIn(join(ROOT, 'fixtures/factors')))('factor set %s', (p) => expect(check('factors', p)).toEqual([]));
  it.each(['fixtures/packs/local-near-zero.yaml'])('profile %s', (p) => expect(check('profile', join(ROOT, p))).toEqual([]));
  it.each(['fixtures/demo/park.yaml', 'fixtures/valid/hand-checked/park.yaml', 'fixtures/valid/json-submission/park.json'])('submission %s', (p) =>
    expect(check('submission', join(ROOT, p))).toEqual([]),
  );
});

describe('schema diagnostics', () => {
  it('collapses a failed quantity union into one message at the right position', () => {
    const doc = parseYaml('x.yaml', 'format: zcpark/1\nentity: { id: A, name: A, type: park }\nyear: 2024\neconomy:\n  gdp: [1, 2]\n');
    const ds = schemaDiagnostics(validatorFor('submission'), doc);
    expect(ds.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['ZC-E-SCHEMA-TYPE', 5, 8, 'economy.gdp: expected a number or numeric string or {value, unit, price_year}, found a list'],
    ]);
  });

  it('keeps every failed union: metrics.m10 is not a branch of metrics.m1 (the old prefix test dropped it)', () => {
    const doc = parseYaml(
      'x.yaml',
      'format: zcpark/1\nentity: { id: A, name: A, type: park }\nyear: 2024\nmetrics:\n  m1: [1]\n  m10: [2]\n  m1x: { value: 1, unit: t, extra: 2 }\n',
    );
    const ds = schemaDiagnostics(validatorFor('submission'), doc);
    expect(ds.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['ZC-E-SCHEMA-TYPE', 5, 7, 'metrics.m1: expected a quantity (number or {value, unit}) or true/false, found a list'],
      ['ZC-E-SCHEMA-TYPE', 6, 8, 'metrics.m10: expected a quantity (number or {value, unit}) or true/false, found a list'],
      ['ZC-E-SCHEMA-TYPE', 7, 8, 'metrics.m1x: expected a quantity (number or {value, unit}) or true/false, found a mapping'],
    ]);
  });

  it("keeps the errors of a union's sibling keywords (the factor entry's anyOf sits beside its properties)", () => {
    const doc = parseYaml(
      'f.yaml',
      'format: zcpark-factors/1\nid: t\nentries:\n  - { category: fuel, item: diesel, source: x, year: 1800, region: XX }\n  - { item: diesel, source: x }\n',
    );
    const ds = schemaDiagnostics(validatorFor('factors'), doc);
    // before, any error at or below a failed union's path was taken for one of its branches: year, region and the
    // missing category (a `required` beside the anyOf, at the same path) were lost
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([
      ['ZC-E-SCHEMA-TYPE', 4, 5],
      ['ZC-E-SCHEMA-PATTERN', 4, 68],
      ['ZC-E-SCHEMA-INVALID', 4, 54],
      ['ZC-E-SCHEMA-TYPE', 5, 5],
      ['ZC-E-SCHEMA-REQUIRED', 5, 5],
    ]);
    expect(ds[0]!.message).toBe('entries[0]: expected an entry with co2 and co2_unit or an entry with energy and energy_unit, found a mapping');
  });

  it('names and points at a bad key itself, not the first key of its mapping', () => {
    const doc = parseYaml(
      'x.yaml',
      'format: zcpark/1\nentity: { id: A, name: A, type: park }\nyear: 2024\nmetrics:\n  water_reuse_rate: 0.5\n  Water-Reuse: 1\n',
    );
    const ds = schemaDiagnostics(validatorFor('submission'), doc);
    expect(ds.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['ZC-E-SCHEMA-PATTERN', 6, 3, 'a key of metrics: "Water-Reuse" does not match lower-case letters, digits and _, starting with a letter'],
    ]);
  });

  it('words the first 100 errors and counts the rest', () => {
    const lines = Array.from({ length: 250 }, (_, i) => `  k${i}: [${i}]`).join('\n');
    const doc = parseYaml('x.yaml', `format: zcpark/1\nentity: { id: A, name: A, type: park }\nyear: 2024\nmetrics:\n${lines}\n`);
    const ds = schemaDiagnostics(validatorFor('submission'), doc);
    expect(ds).toHaveLength(101);
    expect(ds[99]!.message).toMatch(/^metrics\.k99: /);
    expect(ds[100]!.code).toBe('ZC-E-ERRORS-CAPPED');
    expect(ds[100]!.message).toBe('x.yaml: 150 more errors not shown (the first 100 are); fix those, or the export that produced them, and run again');
  });

  it('names a missing field and suggests a misspelt key', () => {
    const doc = parseYaml('x.yaml', 'format: zcpark/1\nentity: { id: A, name: A, type: park }\nyaer: 2024\n');
    const ds = schemaDiagnostics(validatorFor('submission'), doc);
    expect(ds.map((d) => [d.code, d.line, d.column, d.suggestion ?? null])).toEqual([
      ['ZC-E-SCHEMA-REQUIRED', 1, 1, null],
      ['ZC-E-SCHEMA-UNKNOWN-KEY', 3, 1, 'year'],
    ]);
  });
});

describe('the report schema', () => {
  // spawns the built CLI: the full tier only
  it.skipIf(FAST).each(['fixtures/demo/park.yaml', 'fixtures/valid/hand-checked/park.yaml'])(
    'accepts the real JSON report of %s, with and without --explain',
    (p) => {
      for (const args of [[], ['--explain']]) {
        const r = runCli(['evaluate', p, '-f', 'json', ...args]);
        const validate = validatorFor('report');
        const ok = validate(JSON.parse(r.stdout));
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      }
    },
    30_000,
  );

  it('compiles every schema in strict mode', () => {
    for (const name of SCHEMA_NAMES) expect(typeof validatorFor(name)).toBe('function');
  });
});

describe('the README', () => {
  it('documents every diagnostic code', async () => {
    const { CODES } = await import('../../src/diagnostics/codes.js');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const documented = (code: string) => readme.includes(code) || readme.includes(`-${code.split('-').slice(2).join('-')}\``);
    expect(Object.keys(CODES).filter((c) => !documented(c))).toEqual([]);
  });
});

// reads dist/: the full tier only (it builds first)
describe.skipIf(FAST)('precompiled validators (dist/data/validate-*.cjs, written by npm run build)', () => {
  it('give exactly the errors a runtime compile gives, on every fixture submission and pack', async () => {
    const { createRequire } = await import('node:module');
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { newAjv, schemaId, validatorFile } = await import('../../src/data/load.js');
    const { parseYaml } = await import('../../src/parse/yaml.js');
    const require = createRequire(import.meta.url);
    const ajv = newAjv();
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ya?ml|json)$/.test(f) && !f.startsWith('expected')) files.push(p);
      }
    };
    walk('fixtures');
    let compared = 0;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const doc = parseYaml(file, text);
      if (doc.value === undefined || doc.value === null) continue;
      for (const name of ['submission', 'profile', 'factors'] as const) {
        const pre = (require(validatorFile(name)) as { validate: ((x: unknown) => boolean) & { errors?: unknown[] | null } }).validate;
        const run = ajv.getSchema(schemaId(name))!;
        const a = pre(doc.value);
        const b = run(doc.value);
        expect(a).toBe(b);
        // schema objects are copies in the generated code: compare what the diagnostics read
        const strip = (es: unknown[] | null | undefined) => (es ?? []).map((e) => JSON.stringify(e));
        expect(strip(pre.errors)).toEqual(strip(run.errors));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
