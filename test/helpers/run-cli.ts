/** Spawns the built binary (bin/zcpark.js → dist/) as a user would, without colour. */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs `zcpark …args` in the project root (or `cwd`); stdin may be given. */
export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'zcpark.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}
