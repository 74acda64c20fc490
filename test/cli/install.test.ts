/**
 * The README's install path, offline: the package is packed (`npm pack`, as `npm install -g ./zcpark-<v>.tgz` would
 * take it), installed into a temp folder with `npm ci --offline` from a lock file made of the project's own (so npm
 * takes the dependencies from its cache and never asks the registry), and the installed `zcpark` runs: --version,
 * validate, and an evaluation whose JSON is the golden report byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';
import { golden, unversioned } from '../helpers/golden.js';

interface Lock {
  packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
}

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });

// packing (2 s) and installing (5 s) take longer on a loaded machine
describe('the packed package installs offline and runs', { timeout: 180_000 }, () => {
  it('npm pack → npm ci --offline → zcpark --version, validate, evaluate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-install-'));
    const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
    const files = info.files.map((f) => f.path);
    // what the command needs is in the package, and nothing of the tests or fixtures
    for (const f of [
      'bin/zcpark.js',
      'dist/bundle/zcpark.cjs',
      'dist/bundle/zcpark.cjs.cache',
      'dist/cli/batch/worker.js',
      'schemas/config.schema.json',
      'src/data/units.yaml',
      'package.json',
      'README.md',
    ])
      expect(files).toContain(f);
    expect(files.filter((f) => /^(test|fixtures|scripts)\//.test(f))).toEqual([]);

    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
      license: string;
      dependencies: object;
      bin: object;
      engines: object;
    };
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
    const integrity = `sha512-${createHash('sha512')
      .update(readFileSync(join(dir, info.filename)))
      .digest('base64')}`;
    const dependencies = { zcpark: `file:${info.filename}` };
    const packages: Record<string, unknown> = {
      '': { name: 'zcpark-install-check', version: '1.0.0', dependencies },
      'node_modules/zcpark': {
        version: pkg.version,
        resolved: `file:${info.filename}`,
        integrity,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
    };
    // the runtime dependencies as the project locks them: npm finds them in its cache by integrity, offline
    for (const [k, v] of Object.entries(lock.packages)) if (k && !v.dev && !v.devOptional) packages[k] = v;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'zcpark-install-check', version: '1.0.0', private: true, dependencies }, null, 2));
    writeFileSync(
      join(dir, 'package-lock.json'),
      JSON.stringify({ name: 'zcpark-install-check', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2),
    );
    const installed = npm(['ci', '--offline', '--ignore-scripts'], dir);
    expect(installed.status, installed.stderr).toBe(0);

    const zcpark = join(dir, 'node_modules', '.bin', 'zcpark');
    const run = (args: string[]) => spawnSync(zcpark, args, { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    expect(run(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    expect(run(['validate', 'fixtures/demo/park.yaml'])).toMatchObject({ status: 0, stdout: '1 file checked: all valid; 0 errors, 0 warnings\n', stderr: '' });
    const report = run(['evaluate', 'fixtures/demo/park.yaml', '-f', 'json']);
    expect(report.status).toBe(0);
    expect(unversioned(report.stdout)).toBe(golden('demo.json'));
  });
});
