/** Spawns the built binary (bin/zcpark.js → dist/) as a user would, without colour. */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * True in `npm run test:fast` (scripts/test-fast.mjs sets ZCPARK_TIER=fast): that tier spawns no process and reads
 * nothing from dist/, so a test that does is skipped there (`it.skipIf(FAST)`) and runs in the full `npm test`.
 */
export const FAST = process.env.ZCPARK_TIER === 'fast';

function fullTierOnly(): void {
  if (FAST) throw new Error('this test spawns the CLI: mark it it.skipIf(FAST) (test/helpers/run-cli.ts) or put it under test/cli/');
}

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs `zcpark …args` in the project root (or `cwd`); stdin may be given. */
export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  fullTierOnly();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'zcpark.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

export interface AsyncCliResult extends CliResult {
  /** Wall time of the process in milliseconds. */
  ms: number;
  /** The process did not end within the time limit and was killed. */
  timedOut: boolean;
}

/**
 * runCli without blocking the test worker, so `describe.concurrent` tests can run processes side by
 * side; a process still running after `timeoutMs` is killed (a hang becomes a failure, not a stuck suite).
 */
export function runCliAsync(
  args: string[],
  opts: { cwd?: string; input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<AsyncCliResult> {
  fullTierOnly();
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'zcpark.js'), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => {}); // a process that exits before reading stdin
    child.stdin.end(opts.input ?? '');
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ stdout, stderr, code, ms: performance.now() - started, timedOut });
    });
  });
}
