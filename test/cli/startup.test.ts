/**
 * bin/zcpark.js runs one CommonJS bundle (dist/bundle/zcpark.cjs) with the V8 code cache `npm run build`
 * recorded for it (scripts/bundle-cli.mjs). What start-up time that buys is measured by `npm run bench`;
 * here: the cache is there and V8 takes it (if it were always rejected the gain would vanish silently),
 * a cache made for another bundle is never fed to V8 (V8 checks only the source length), a copied package
 * keeps its cache, and without a cache the command still works.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

const BUNDLE = join(ROOT, 'dist', 'bundle', 'zcpark.cjs');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the code cache of the bundled CLI', () => {
  it('was recorded for this very bundle (both start with the hash of the bundle)', () => {
    const code = readFileSync(BUNDLE, 'utf8');
    const head = code.slice(0, code.indexOf('\n'));
    expect(head).toBe(
      `// zcpark bundle ${createHash('sha256')
        .update(code.slice(head.length + 1))
        .digest('hex')
        .slice(0, 32)}`,
    );
    const cache = readFileSync(`${BUNDLE}.cache`);
    expect(cache.subarray(0, head.length + 1).toString('latin1')).toBe(`${head}\n`);
    expect(cache.length).toBeGreaterThan(100_000); // the functions of a whole evaluation, not just the top level
  });

  it('is taken by V8, and the command gives the same output as without it', () => {
    const r = runCli(['validate', 'fixtures/valid/hand-checked/park.yaml', '-f', 'json'], { env: { ZCPARK_CODE_CACHE_DEBUG: '1' } });
    expect(r.stderr).toBe('code cache: used\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ summary: { files: 1, valid: 1, errors: 0 } });
  });

  describe('in a copy of the package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-startup-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist', 'bundle'), join(dir, 'dist', 'bundle'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    // the copy's own bin, run as runCli runs the project's
    const spawnCopy = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'zcpark.js'), '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status };
    };

    it('uses the cache when the bundle is the one it was made for (copied: new paths, new mtimes)', () => {
      expect(spawnCopy({ ZCPARK_CODE_CACHE_DEBUG: '1' })).toEqual({ stdout: `${version}\n`, stderr: 'code cache: used\n', code: 0 });
    });

    it('ignores a cache made for another bundle, and still runs', () => {
      const cache = readFileSync(join(dir, 'dist', 'bundle', 'zcpark.cjs.cache'));
      const nl = cache.indexOf(10);
      writeFileSync(
        join(dir, 'dist', 'bundle', 'zcpark.cjs.cache'),
        Buffer.concat([Buffer.from('// zcpark bundle 0123456789abcdef0123456789abcdef\n'), cache.subarray(nl + 1)]),
      );
      expect(spawnCopy({ ZCPARK_CODE_CACHE_DEBUG: '1' })).toEqual({ stdout: `${version}\n`, stderr: 'code cache: none\n', code: 0 });
    });

    it('runs without a cache', () => {
      rmSync(join(dir, 'dist', 'bundle', 'zcpark.cjs.cache'));
      expect(spawnCopy({ ZCPARK_CODE_CACHE_DEBUG: '1' })).toEqual({ stdout: `${version}\n`, stderr: 'code cache: none\n', code: 0 });
    });
  });
});

describe('a reader that goes away (zcpark … | head)', () => {
  for (const args of [
    ['evaluate', 'fixtures/demo/park.yaml', '-f', 'json'],
    ['batch', 'fixtures/batch', '-f', 'json', '-q'],
  ]) {
    it(`${args[0]}: ends quietly, without a stack trace`, async () => {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'zcpark.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the pipe's reader is gone before the first byte: every write gets EPIPE
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      expect(stderr).toBe('');
      // the run's own code when it was decided before the write was cut (batch: 1, a broken roster row), else 141
      expect([0, 1, 141]).toContain(code);
    });
  }
});
