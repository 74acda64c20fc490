/**
 * `validate` over many files shares the worker pool of `batch` (src/cli/batch/pool.ts) from 64 files on: the output is
 * the same bytes whatever --jobs is (findings travel with their arguments, so the main thread localises and caps them), and a bug met while checking one file is
 * that file's ZC-E-INTERNAL finding with -j 1 as with workers (ZCPARK_FAULT=task:<text>, see src/cli/batch/tasks.ts).
 */
import { cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliAsync } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'zcpark-vpar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 70 submissions with their CSVs (more than the 64 from which workers are used), 4 of them broken, and a roster
for (let i = 0; i < 70; i++) {
  const from = i % 20 === 7 ? 'fixtures/invalid/duplicate-metric-key' : 'fixtures/valid/hand-checked';
  cpSync(join(ROOT, from), join(dir, `p${String(i).padStart(2, '0')}`), { recursive: true });
}
cpSync(join(ROOT, 'fixtures/batch/roster.csv'), join(dir, 'roster.csv'));
// a file with more findings than are shown (its capped line says how many more: it must survive the trip from a worker)
cpSync(join(ROOT, 'fixtures/invalid/many-duplicate-rows'), join(dir, 'q-capped'), { recursive: true });
// a config that raises a warning to an error and asks for Chinese: the raised finding is localised whatever --jobs is
const configured = mkdtempSync(join(tmpdir(), 'zcpark-vpar-cfg-'));
afterAll(() => rmSync(configured, { recursive: true, force: true }));
cpSync(dir, join(configured, 'subs'), { recursive: true });
writeFileSync(join(configured, 'zcpark.config.yaml'), 'format: zcpark-config/1\nseverity:\n  ZC-W-ROW-DUPLICATE: error\ndefaults:\n  lang: zh\n');

describe('validate over many files', () => {
  it('gives the same bytes with -j 1 and -j 2, in every format and in Chinese', { timeout: 120_000 }, () => {
    for (const args of [
      ['-f', 'json'],
      ['-f', 'github'],
      ['-f', 'json', '--lang', 'zh'],
      ['-f', 'junit'],
    ]) {
      const one = runCli(['validate', dir, '-j', '1', ...args]);
      const two = runCli(['validate', dir, '-j', '2', ...args]);
      expect(one.code).toBe(1);
      expect(two.code).toBe(1);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
    }
    const out = JSON.parse(runCli(['validate', dir, '-j', '2', '-f', 'json', '--lang', 'zh']).stdout) as {
      files: { file: string; diagnostics: { message: string }[] }[];
    };
    expect(out.files.length).toBe(72);
    // the capped file's line: many-duplicate-rows has more duplicate-row warnings than the 100 shown
    expect(out.files.find((f) => f.file.endsWith('q-capped/park.yaml'))?.diagnostics.some((d) => /另有 \d+ 个/.test(d.message))).toBe(true);
    // a worker's finding is in Chinese too (its arguments do not cross to the main thread)
    expect(out.files.flatMap((f) => f.diagnostics.map((d) => d.message)).some((m) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
  });

  it('applies a config the same way with -j 1 and -j 2 (a raised warning is an error, in the language the config asks for)', { timeout: 120_000 }, () => {
    const one = runCli(['validate', 'subs', '-j', '1', '-f', 'json'], { cwd: configured });
    const two = runCli(['validate', 'subs', '-j', '2', '-f', 'json'], { cwd: configured });
    expect(two.stdout).toBe(one.stdout);
    const raised = (JSON.parse(one.stdout) as { files: { diagnostics: { code: string; severity: string; message: string }[] }[] }).files
      .flatMap((f) => f.diagnostics)
      .filter((d) => d.code === 'ZC-W-ROW-DUPLICATE');
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((d) => d.severity === 'error' && /[\u4e00-\u9fff]/.test(d.message))).toBe(true);
  });

  for (const jobs of ['1', '2']) {
    it(`-j ${jobs}: a bug checking one file is that file's ZC-E-INTERNAL, and every other file is checked`, { timeout: 60_000 }, () => {
      const clean = JSON.parse(runCli(['validate', dir, '-j', jobs, '-f', 'json']).stdout) as { files: { file: string; diagnostics: { code: string }[] }[] };
      const r = runCli(['validate', dir, '-j', jobs, '-f', 'json'], { env: { ZCPARK_FAULT: 'task:p03/park.yaml' } });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      const out = JSON.parse(r.stdout) as typeof clean;
      expect(out.files.length).toBe(clean.files.length);
      for (const [i, f] of out.files.entries()) {
        if (f.file.endsWith('p03/park.yaml')) expect(f.diagnostics.map((d) => d.code)).toEqual(['ZC-E-INTERNAL']);
        else expect(f).toEqual(clean.files[i]);
      }
    });
  }

  for (const jobs of ['1', '2'])
    for (const alias of ['symbolic', 'hard'] as const)
      it(`-j ${jobs}: -o through a ${alias} link to an activity CSV a submission lists is refused`, { timeout: 60_000 }, async () => {
        // a listed CSV's real path is recorded as the reader resolves it, and its device and inode as it is read (in a
        // worker with -j 2): the main thread resolves nothing more before writing, and the link must still be known
        const at = mkdtempSync(join(tmpdir(), 'zcpark-vpar-alias-'));
        try {
          cpSync(dir, join(at, 'subs'), { recursive: true });
          mkdirSync(join(at, 'out'));
          const csv = join(at, 'subs', 'p00', 'activity.csv');
          const before = readFileSync(csv, 'utf8');
          if (alias === 'symbolic') symlinkSync(csv, join(at, 'out', 'alias.csv'));
          else linkSync(csv, join(at, 'out', 'alias.csv'));
          const r = await runCliAsync(['validate', 'subs', '-j', jobs, '-f', 'json', '-o', 'out/alias.csv'], { cwd: at });
          expect([r.code, r.stderr]).toEqual([2, 'zcpark: refusing to overwrite out/alias.csv: this run read it as an input  ZC-E-OUT-IS-INPUT\n']);
          expect(readFileSync(csv, 'utf8')).toBe(before);
        } finally {
          rmSync(at, { recursive: true, force: true });
        }
      });
});
