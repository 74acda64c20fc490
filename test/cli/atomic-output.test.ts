/**
 * Outputs (issue #7 item 3): `-o` is written to a temp file and renamed, so an output is whole or not
 * there, and an earlier one survives a failed write. ZCPARK_FAULT=write makes the write fail half-way
 * through the temp file (as a full disk would) to show it. A device or pipe is written to directly.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync } from '../helpers/run-cli.js';
import { golden, unversioned } from '../helpers/golden.js';

/** The other CLI tests share the two cores: a run can take seconds. */
const TIMEOUT = 60_000;
const TMP = mkdtempSync(join(tmpdir(), 'zcpark-out-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const SENTINEL = Buffer.from('an output file from an earlier run: it must survive a failed one byte for byte\n\u0000\u00ff', 'latin1');
/** A JS stack frame or an uncaught JS error. */
const TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|(^|[^a-z])(Type|Range|Reference|Syntax|Eval|URI|Internal)?Error: /m;

describe.concurrent('atomic outputs', () => {
  const DEMO = join(ROOT, 'fixtures', 'demo', 'park.yaml');
  const fresh = (name: string) => {
    const d = join(TMP, 'atomic', name);
    mkdirSync(d, { recursive: true });
    return d;
  };

  for (const [command, args] of [
    ['evaluate', [DEMO, '-f', 'json']],
    ['validate', [DEMO, '-f', 'json']],
    ['batch', [join(ROOT, 'fixtures', 'batch', 'parks'), '-f', 'json', '-q', '-j', '1']],
  ] as const) {
    it(
      `${command}: a write that fails half-way leaves the old file byte for byte, no temp file, one coded line`,
      async () => {
        const dir = fresh(`fault-${command}`);
        const out = join(dir, 'report.json');
        writeFileSync(out, SENTINEL);
        const r = await runCliAsync([command, ...args, '-o', out], { env: { ZCPARK_FAULT: 'write' } });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          /^(.*ZC-[EW]-[A-Z-]+\n)*zcpark: cannot write .*report\.json: an I\/O error \(EIO\), injected by ZCPARK_FAULT=write; nothing was written there {2}ZC-E-OUT-WRITE\n$/,
        );
        expect(r.stderr).not.toMatch(TRACE);
        expect(readFileSync(out).equals(SENTINEL)).toBe(true);
        expect(readdirSync(dir)).toEqual(['report.json']);
      },
      TIMEOUT,
    );
  }

  it(
    'a failed write where there was no file leaves nothing at all',
    async () => {
      const dir = fresh('fault-new');
      const r = await runCliAsync(['evaluate', DEMO, '-f', 'json', '-o', join(dir, 'report.json')], { env: { ZCPARK_FAULT: 'write' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('ZC-E-OUT-WRITE');
      expect(readdirSync(dir)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'without the fault the same command replaces the old file whole',
    async () => {
      const dir = fresh('no-fault');
      const out = join(dir, 'report.json');
      writeFileSync(out, SENTINEL);
      const r = await runCliAsync(['evaluate', DEMO, '-f', 'json', '-o', out]);
      expect(r.code).toBe(0);
      expect(unversioned(readFileSync(out, 'utf8'))).toBe(golden('demo.json'));
      expect(readdirSync(dir)).toEqual(['report.json']);
    },
    TIMEOUT,
  );

  it(
    '-o naming a folder, or a folder that does not exist, is a coded usage error that writes nothing',
    async () => {
      const dir = fresh('out-is-folder');
      mkdirSync(join(dir, 'report.json'));
      const a = await runCliAsync(['evaluate', DEMO, '-f', 'json', '-o', join(dir, 'report.json')]);
      expect(a.code).toBe(2);
      expect(a.stderr).toMatch(/cannot write .*report\.json: it is a directory; nothing was written there {2}ZC-E-OUT-WRITE\n$/);
      expect(readdirSync(dir)).toEqual(['report.json']);
      expect(readdirSync(join(dir, 'report.json'))).toEqual([]);
      const b = await runCliAsync(['evaluate', DEMO, '-f', 'json', '-o', join(dir, 'missing', 'report.json')]);
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/cannot write .*report\.json: the folder does not exist; nothing was written there {2}ZC-E-OUT-WRITE\n$/);
    },
    TIMEOUT,
  );

  it(
    '-o naming a pipe writes into it: renaming over it would replace the node itself (-o /dev/null as root)',
    async () => {
      const dir = fresh('fifo');
      const fifo = join(dir, 'report.json');
      const made = spawnSync('mkfifo', [fifo]);
      if (made.status !== 0) return; // no mkfifo here: nothing to show
      const reader = readFile(fifo, 'utf8'); // opens the pipe for reading while the CLI writes
      const r = await runCliAsync(['evaluate', DEMO, '-f', 'json', '-o', fifo]);
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)); // a CLI that never opened the pipe must not leave the reader waiting
      } catch {
        /* the reader is done already */
      }
      expect(r.code).toBe(0);
      expect(unversioned(await reader)).toBe(golden('demo.json'));
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(dir)).toEqual(['report.json']);
    },
    TIMEOUT,
  );
});
