/**
 * The layering of src/ (README "Layout"): the core does no I/O and dependencies run one way,
 * cli → engine, trend → report → score → account → normalize/validate → parse, with model, units and
 * diagnostics usable everywhere. Checked by reading the import lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

const SRC = join(ROOT, 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
const layerOf = (file: string) => relative(SRC, file).split('/')[0]!.replace(/\.(ts|js)$/, '');
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  model: [],
  diagnostics: ['model'],
  units: ['model'],
  parse: ['model', 'diagnostics'],
  validate: ['model', 'diagnostics', 'parse'],
  normalize: ['model', 'diagnostics', 'units', 'parse', 'validate'],
  account: ['model', 'diagnostics', 'units'],
  score: ['model', 'diagnostics', 'parse', 'validate', 'account'],
  report: ['model', 'diagnostics', 'account', 'score'],
  engine: ['model', 'diagnostics', 'units', 'parse', 'validate', 'normalize', 'account', 'score', 'report'],
  trend: ['model', 'diagnostics', 'score', 'report'],
  data: ['model', 'diagnostics', 'units', 'parse', 'validate', 'normalize', 'score', 'engine'],
  cli: ['model', 'diagnostics', 'units', 'parse', 'validate', 'normalize', 'account', 'report', 'score', 'engine', 'data', 'trend'],
};
const IO = /^(node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https)$/;

describe('architecture', () => {
  const all = files(SRC);
  it('knows every layer', () => {
    expect([...new Set(all.map(layerOf))].sort()).toEqual(Object.keys(ALLOWED).sort());
  });
  for (const file of all) {
    const layer = layerOf(file);
    it(`${relative(SRC, file)} imports only what its layer may`, () => {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = layerOf(join(file, '..', spec));
          if (target !== layer) expect(ALLOWED[layer], `${layer} → ${target} (${spec})`).toContain(target);
        } else if (IO.test(spec)) {
          expect(['cli', 'data'], `${layer} does I/O through ${spec}`).toContain(layer);
        }
      }
      if (!['cli', 'data'].includes(layer)) expect(readFileSync(file, 'utf8')).not.toMatch(/\bprocess\.(stdout|stderr|exit|env|argv)|console\./);
    });
  }
});
