/**
 * The layering of src/ (README "Layout"): the core does no I/O and dependencies run one way,
 * cli → check → engine, trend → report → score → account → normalize/validate → parse, with model, units and
 * diagnostics usable everywhere; and no file imports itself through others (no import cycle, type-only imports
 * included: files in a cycle can only be read, and changed, together). Checked by reading the import lines.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

const SRC = join(ROOT, 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
const layerOf = (file: string) =>
  relative(SRC, file)
    .split('/')[0]!
    .replace(/\.(ts|js)$/, '');
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
/** Every module a file names: imports (type-only too), re-exports (`export … from`) and dynamic import('…') of a literal. */
const modulesOf = (file: string) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /^(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm,
    ),
  ].map((m) => (m[1] ?? m[2] ?? m[3])!);

/** The import cycles among `files` (strongly connected components of more than one file, or a file importing itself). */
export function cycles(all: string[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const f of all) {
    const to = modulesOf(f)
      .filter((s) => s.startsWith('.'))
      .map((s) => join(f, '..', s).replace(/\.js$/, '.ts'));
    edges.set(
      f,
      to.filter((t) => edges.has(t) || all.includes(t)),
    );
  }
  // Tarjan's algorithm
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const f of all) if (!idx.has(f)) visit(f);
  return out;
}

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
  check: ['model', 'diagnostics', 'units', 'parse', 'validate', 'normalize', 'account', 'score', 'report', 'engine'],
  data: ['model', 'diagnostics', 'units', 'parse', 'validate', 'normalize', 'score', 'engine'],
  cli: ['model', 'diagnostics', 'units', 'parse', 'validate', 'normalize', 'account', 'report', 'score', 'engine', 'check', 'data', 'trend'],
};
const IO = /^(node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https)$/;

describe('architecture', () => {
  const all = files(SRC);
  it('has no import cycle in src/', () => {
    expect(cycles(all).map((c) => c.map((f) => relative(SRC, f)))).toEqual([]);
  });
  it('finds a cycle where there is one (the check itself)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
      writeFileSync(join(dir, 'b.ts'), "export { c } from './c.js';\nexport type B = string;\n");
      writeFileSync(join(dir, 'c.ts'), "import { type A } from './a.js';\nexport const c = (a: A) => a;\n");
      writeFileSync(join(dir, 'd.ts'), "import { c } from './c.js';\nexport const d = c;\n");
      const found = cycles(['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((f) => join(dir, f)));
      expect(found.map((c) => c.map((f) => relative(dir, f)))).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('knows every layer', () => {
    expect([...new Set(all.map(layerOf))].sort()).toEqual(Object.keys(ALLOWED).sort());
  });
  it('leaves reading to the core: no file in cli/ imports a parser or a normaliser (only sniff.ts, which tells kinds; the config reader; the workbook reader its worker thread runs)', () => {
    const allowed = (file: string, target: string) =>
      target === 'parse/sniff.js' || target === 'normalize/config.js' || (target === 'parse/xlsx.js' && file.endsWith('xlsx-worker.ts'));
    const found: string[] = [];
    for (const file of all.filter((f) => layerOf(f) === 'cli')) {
      // imports and re-exports; a type names a shape, it reads nothing
      for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]/gm)) {
        const target = relative(SRC, join(file, '..', m[2]!));
        if (m[1] || !/^(parse|normalize)\//.test(target) || allowed(file, target)) continue;
        found.push(`${relative(SRC, file)} → ${target}`);
      }
    }
    expect(found).toEqual([]);
  });
  it('leaves rendering to report/: no file in cli/ imports a renderer library (chalk, cli-table3, csv-stringify)', () => {
    const found = all
      .filter((f) => layerOf(f) === 'cli')
      .flatMap((f) =>
        modulesOf(f)
          .filter((m) => /^(chalk|cli-table3|csv-stringify)(\/|$)/.test(m))
          .map((m) => `${relative(SRC, f)} → ${m}`),
      );
    expect(found).toEqual([]);
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
