/**
 * Untrusted submissions in CI (issue #14): no byte of a file outside the submission reaches any output, in any
 * format; foreign files inside it are named, not quoted; batch outputs never replace an input and fail cleanly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportName } from '../../src/cli/batch/collect.js';
import { ROOT, runCliAsync } from '../helpers/run-cli.js';

const TIMEOUT = 60_000;
const TMP = mkdtempSync(join(tmpdir(), 'zcpark-security-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|(^|[^a-z])(Type|Range|Reference|Syntax|Eval|URI|Internal)?Error: /m;

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\nFINALSECRETLINE3=\n-----END OPENSSH PRIVATE KEY-----\n';
/** Strings of the secret files: none may appear anywhere. */
const SECRETS = ['BEGIN OPENSSH', 'b3Blbn', 'FINALSECRETLINE3', 'AWS_SECRET_ACCESS_KEY', '=SECRET', 'root:x:0:0', '/bin/bash', '/bin/sh'];

/** The attacker's layout of the issue, plus the same files copied inside the submission folder. */
function attack(): string {
  const dir = mkdtempSync(join(TMP, 'attack-'));
  mkdirSync(join(dir, 'k'));
  mkdirSync(join(dir, 's'));
  writeFileSync(join(dir, 'k', 'id_ed25519'), KEY);
  writeFileSync(join(dir, '.env'), 'AWS_SECRET_ACCESS_KEY=SECRET\n');
  writeFileSync(
    join(dir, 's', 'e.yaml'),
    'format: zcpark/1\nprofile: ../k/id_ed25519\nentity: { id: e, name: E, type: park }\nyear: 2024\nactivity_files: [../.env, /etc/passwd]\n',
  );
  // inside the folder: a key as the pack, a .env as an activity CSV, a link to /etc/passwd, a key as a submission
  writeFileSync(join(dir, 's', 'id_ed25519'), KEY);
  writeFileSync(join(dir, 's', 'env.csv'), 'AWS_SECRET_ACCESS_KEY=SECRET\n');
  symlinkSync('/etc/passwd', join(dir, 's', 'passwd.csv'));
  writeFileSync(
    join(dir, 's', 'inside.yaml'),
    'format: zcpark/1\nprofile: ./id_ed25519\nentity: { id: i, name: I, type: park }\nyear: 2024\nactivity_files: [env.csv, passwd.csv]\n',
  );
  writeFileSync(join(dir, 's', 'key.yaml'), KEY);
  writeFileSync(join(dir, 's', 'key2.yaml'), `a: [\n${KEY}`);
  return dir;
}

describe.concurrent('no content of a file outside the submission (or foreign inside it) in any output', () => {
  const runs: [string, string[]][] = [
    ...['github', 'json', 'junit', 'pretty'].map((f): [string, string[]] => [`validate s -f ${f}`, ['validate', 's', '-f', f]]),
    ...['github', 'json'].map((f): [string, string[]] => [`validate s/key.yaml s/key2.yaml -f ${f}`, ['validate', 's/key.yaml', 's/key2.yaml', '-f', f]]),
    ...['json', 'table', 'markdown', 'html', 'csv'].map((f): [string, string[]] => [
      `evaluate -f ${f}`,
      ['evaluate', 's/e.yaml', 's/inside.yaml', 's/key.yaml', 's/key2.yaml', '-f', f],
    ]),
    ...['json', 'jsonl', 'table', 'markdown', 'html', 'csv'].map((f): [string, string[]] => [`batch s -f ${f}`, ['batch', 's', '-q', '-j', '2', '-f', f]]),
  ];
  for (const [name, args] of runs) {
    it(
      name,
      async () => {
        const dir = attack();
        const r = await runCliAsync(args, { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
        expect([1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(TRACE);
        for (const secret of SECRETS) {
          expect(r.stdout.includes(secret), `${secret} on stdout`).toBe(false);
          expect(r.stderr.includes(secret), `${secret} on stderr`).toBe(false);
        }
        expect(`${r.stdout}${r.stderr}`).toContain('ZC-E-');
      },
      TIMEOUT,
    );
  }

  it(
    'the outside paths are refused with ZC-E-PATH-OUTSIDE at their line in the submission',
    async () => {
      const dir = attack();
      const r = await runCliAsync(['validate', 's/e.yaml', '-f', 'github'], { cwd: dir });
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
        "::error file=s/e.yaml,line=2,col=10,title=ZC-E-PATH-OUTSIDE::../k/id_ed25519 is outside the submission's folder (it climbs out with ..), so it is not read; zcpark reads only files inside it, unless --allow-outside <dir> names their folder",
        "::error file=s/e.yaml,line=5,col=18,title=ZC-E-PATH-OUTSIDE::../.env is outside the submission's folder (it climbs out with ..), so it is not read; zcpark reads only files inside it, unless --allow-outside <dir> names their folder",
        "::error file=s/e.yaml,line=5,col=27,title=ZC-E-PATH-OUTSIDE::/etc/passwd is outside the submission's folder (an absolute path), so it is not read; zcpark reads only files inside it, unless --allow-outside <dir> names their folder",
      ]);
    },
    TIMEOUT,
  );

  it(
    'foreign files inside the folder are named "not a zcpark …", never quoted',
    async () => {
      const dir = attack();
      const r = await runCliAsync(['validate', 's/inside.yaml', '-f', 'json'], { cwd: dir });
      const ds = JSON.parse(r.stdout).files[0].diagnostics.map(
        (d: { code: string; file: string; message: string }) => `${d.file} ${d.code} ${d.message.slice(0, 60)}`,
      );
      expect(ds).toEqual([
        's/env.csv ZC-E-CSV-HEADER not a zcpark activity CSV: its first line names none of the ',
        's/id_ed25519 ZC-E-PROFILE-INVALID the profile file: not a zcpark rule pack (it has no `format:',
        "s/inside.yaml ZC-E-PATH-OUTSIDE passwd.csv is outside the submission's folder (a symbolic li",
      ]);
    },
    TIMEOUT,
  );

  it(
    '--allow-outside widens the root for a user who asks (the path typed on the command line is trusted)',
    async () => {
      const dir = attack();
      writeFileSync(join(dir, 'shared.csv'), 'entity,category,item,quantity,unit\na,fuel,natural_gas,1,万m3\n');
      writeFileSync(
        join(dir, 's', 'ok.yaml'),
        'format: zcpark/1\nprofile: zero-carbon-park\nentity: { id: ok, name: OK, type: park, region: CN-NM }\nyear: 2024\nactivity_files: [../shared.csv]\n',
      );
      const refused = await runCliAsync(['evaluate', 's/ok.yaml', '-f', 'json'], { cwd: dir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('ZC-E-PATH-OUTSIDE');
      const allowed = await runCliAsync(['evaluate', 's/ok.yaml', '-f', 'json', '--allow-outside', '.'], { cwd: dir });
      expect(allowed.stderr).not.toContain('ZC-E-PATH-OUTSIDE');
      expect(JSON.parse(allowed.stdout).submission.id).toBe('ok');
    },
    TIMEOUT,
  );
});

const PARKS = join(ROOT, 'fixtures', 'batch', 'parks');
/** A copy of the batch parks (a-green, b-coal …) to write into. */
function apps(): string {
  const dir = mkdtempSync(join(TMP, 'apps-'));
  cpSync(PARKS, join(dir, 'apps'), { recursive: true });
  return dir;
}
const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = e.isFile() ? readFileSync(join(d, e.name), 'latin1') : '(link)';
    }
  };
  walk(dir, '');
  return out;
};

describe.concurrent('batch never overwrites an input, whatever -j', () => {
  for (const jobs of ['1', '2']) {
    it(
      `-o naming a submission of the folder (-j ${jobs}): ZC-E-OUT-IS-INPUT, exit 2, nothing written`,
      async () => {
        const dir = apps();
        const target = readdirSync(join(dir, 'apps')).find((d) => existsSync(join(dir, 'apps', d, 'park.yaml')))!;
        const before = snapshot(dir);
        const r = await runCliAsync(['batch', 'apps', '-q', '-j', jobs, '-f', 'json', '-o', `apps/${target}/park.yaml`], { cwd: dir });
        expect([r.code, r.stderr]).toEqual([2, `zcpark: refusing to overwrite apps/${target}/park.yaml: this run read it as an input  ZC-E-OUT-IS-INPUT\n`]);
        expect(snapshot(dir)).toEqual(before);
      },
      TIMEOUT,
    );

    it(
      `--out-dir into the input folder, where a report would replace a submission (-j ${jobs})`,
      async () => {
        const dir = apps();
        writeFileSync(
          join(dir, 'apps', 'victim.json'),
          JSON.stringify(
            {
              format: 'zcpark/1',
              profile: 'zero-carbon-park',
              entity: { id: 'victim', name: 'V', type: 'park', region: 'CN-NM' },
              year: 2024,
              activity: [{ category: 'fuel', item: 'natural_gas', quantity: 1, unit: '万m3' }],
            },
            null,
            2,
          ),
        );
        const before = snapshot(dir);
        const r = await runCliAsync(['batch', 'apps', '-q', '-j', jobs, '-f', 'json', '--out-dir', 'apps'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/zcpark: refusing to overwrite apps\/victim\.json: this run read it as an input; nothing was written {2}ZC-E-OUT-IS-INPUT\n$/);
        expect(snapshot(dir)).toEqual(before);
      },
      TIMEOUT,
    );

    it(
      `an activity CSV read only in a worker (a hidden folder the walk skips) is an input too (-j ${jobs})`,
      async () => {
        const dir = apps();
        mkdirSync(join(dir, 'apps', 'h', '.data'), { recursive: true });
        writeFileSync(join(dir, 'apps', 'h', '.data', 'rows.csv'), 'entity,category,item,quantity,unit\nh,fuel,natural_gas,1,万m3\n');
        writeFileSync(
          join(dir, 'apps', 'h', 'park.yaml'),
          'format: zcpark/1\nprofile: zero-carbon-park\nentity: { id: h, name: H, type: park, region: CN-NM }\nyear: 2024\nactivity_files: [.data/rows.csv]\n',
        );
        const before = snapshot(dir);
        const r = await runCliAsync(['batch', 'apps', '-q', '-j', jobs, '-f', 'csv', '-o', 'apps/h/.data/rows.csv'], { cwd: dir });
        expect([r.code, r.stderr]).toEqual([
          2,
          'zcpark: refusing to overwrite apps/h/.data/rows.csv: this run read it as an input; nothing was written  ZC-E-OUT-IS-INPUT\n',
        ]);
        expect(snapshot(dir)).toEqual(before);
      },
      TIMEOUT,
    );
  }
});

describe.concurrent('batch --out-dir failures are clean', () => {
  for (const jobs of ['1', '2']) {
    it(
      `a folder named like a report (-j ${jobs}): ZC-E-OUT-WRITE, exit 2, no stack, nothing written`,
      async () => {
        const dir = apps();
        mkdirSync(join(dir, 'out', 'NM-A-GREEN.json'), { recursive: true });
        const r = await runCliAsync(['batch', 'apps', '-q', '-j', jobs, '-f', 'json', '--out-dir', 'out'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).not.toMatch(TRACE);
        expect(r.stderr).toMatch(
          /^zcpark: cannot write out\/NM-A-GREEN\.json: it is a directory; nothing was written there \(nothing in out was created or replaced(: the \d+ files? prepared so far were removed)?\) {2}ZC-E-OUT-WRITE\n$/,
        );
        expect(readdirSync(join(dir, 'out'))).toEqual(['NM-A-GREEN.json']);
      },
      TIMEOUT,
    );

    it(
      `a full disk half-way (-j ${jobs}): ZC-E-OUT-WRITE, exit 2, no temp file, no lock`,
      async () => {
        const dir = apps();
        const r = await runCliAsync(['batch', 'apps', '-q', '-j', jobs, '-f', 'json', '--out-dir', 'out'], { cwd: dir, env: { ZCPARK_FAULT: 'write' } });
        expect(r.code).toBe(2);
        expect(r.stderr).not.toMatch(TRACE);
        expect(r.stderr).toMatch(
          /cannot write out\/.*: an I\/O error \(EIO\), injected by ZCPARK_FAULT=write; nothing was written there \(nothing in out was created or replaced\) {2}ZC-E-OUT-WRITE\n$/,
        );
        expect(readdirSync(join(dir, 'out'))).toEqual([]);
      },
      TIMEOUT,
    );
  }

  it(
    'a symbolic link as --out-dir is refused, naming its target',
    async () => {
      const dir = apps();
      mkdirSync(join(dir, 'real'));
      symlinkSync('real', join(dir, 'out'));
      const r = await runCliAsync(['batch', 'apps', '-q', '-f', 'json', '--out-dir', 'out'], { cwd: dir });
      expect([r.code, r.stderr]).toEqual([
        2,
        'zcpark: --out-dir out is a symbolic link (to real); give the folder itself, so what is written where is plain; nothing was written  ZC-E-OUT-WRITE\n',
      ]);
      expect(readdirSync(join(dir, 'real'))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a second run into a locked out-dir is refused; a lock left by a dead process is taken over',
    async () => {
      const dir = apps();
      mkdirSync(join(dir, 'out'));
      const host = (await import('node:os')).hostname();
      writeFileSync(join(dir, 'out', '.zcpark.lock'), `${process.pid} ${host}\n`);
      const busy = await runCliAsync(['batch', 'apps', '-q', '-f', 'json', '--out-dir', 'out'], { cwd: dir });
      expect(busy.code).toBe(2);
      expect(busy.stderr).toBe(
        `zcpark: --out-dir out is in use by another zcpark run (process ${process.pid} on ${host}): its lock file out/.zcpark.lock exists; wait for that run to end (or remove the lock file if no run is writing there); nothing was written  ZC-E-OUT-WRITE\n`,
      );
      expect(readdirSync(join(dir, 'out'))).toEqual(['.zcpark.lock']);
      const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
      writeFileSync(join(dir, 'out', '.zcpark.lock'), `${dead} ${host}\n`);
      const taken = await runCliAsync(['batch', 'apps', '-q', '-f', 'json', '--out-dir', 'out'], { cwd: dir });
      expect(taken.code).toBe(1); // c-broken is invalid
      expect(readdirSync(join(dir, 'out'))).toContain('summary.json');
      expect(readdirSync(join(dir, 'out'))).not.toContain('.zcpark.lock');
    },
    TIMEOUT,
  );

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(
      `${signal} half-way removes the temp files and the lock`,
      async () => {
        const dir = mkdtempSync(join(TMP, 'signal-'));
        const rows = Array.from({ length: 3000 }, (_, i) => `R${i},Park ${i},zero-carbon-park,park,CN-NM,2024,${1000 + i}`).join('\n');
        writeFileSync(join(dir, 'roster.csv'), `id,name,profile,type,region,year,electricity.grid[MWh]\n${rows}\n`);
        const child = spawn(process.execPath, [join(ROOT, 'bin', 'zcpark.js'), 'batch', 'roster.csv', '-q', '-j', '1', '-f', 'html', '--out-dir', 'out'], {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
        // wait until reports are being staged
        const started = Date.now();
        while (Date.now() - started < 30_000 && !(existsSync(join(dir, 'out')) && readdirSync(join(dir, 'out')).some((f) => f.endsWith('.tmp'))))
          await new Promise((r) => setTimeout(r, 20));
        expect(readdirSync(join(dir, 'out')).some((f) => f.endsWith('.tmp'))).toBe(true);
        child.kill(signal);
        const code = await closed;
        expect(code).toBe(signal === 'SIGTERM' ? 143 : 130);
        expect(stderr).toContain(`stopped by ${signal}`);
        expect(readdirSync(join(dir, 'out'))).toEqual([]);
      },
      TIMEOUT,
    );
  }
});

describe('report names Windows can open', () => {
  it('CON, nul, COM1, LPT1 (with any extension) and trailing dots are made safe, like other unsafe ids', () => {
    const used = new Set<string>();
    const got = ['CON', 'nul', 'com1', 'LPT9', 'nul.tar', 'con.', 'a..', 'CONIN$', 'console', 'COM10', 'aux'].map((id) => reportName(id, used, 'json'));
    expect(got.map((g) => g.name)).toEqual([
      'CON_.json',
      'nul_.json',
      'com1_.json',
      'LPT9_.json',
      'nul_.tar.json',
      'con_-2.json',
      'a.json',
      'CONIN_.json',
      'console.json',
      'COM10.json',
      'aux_.json',
    ]);
    expect(got.map((g) => g.renamed)).toEqual([true, true, true, true, true, true, true, true, false, false, true]);
  });
});

describe('roster sniffing is bounded', () => {
  const time = '/usr/bin/time';
  it.skipIf(!existsSync(time))(
    'a 1.5 GB CSV without a line break is judged by its first 64 KB: peak memory stays small',
    () => {
      const dir = mkdtempSync(join(TMP, 'sparse-'));
      const big = join(dir, 'big.csv');
      writeFileSync(big, '');
      spawnSync('truncate', ['-s', String(1.5 * 2 ** 30), big]);
      for (const args of [
        ['batch', dir, '-q', '-j', '1', '-f', 'json'],
        ['batch', big, '-q', '-j', '1', '-f', 'json'],
      ]) {
        const r = spawnSync(time, ['-f', 'maxrss=%M', process.execPath, join(ROOT, 'bin', 'zcpark.js'), ...args], { encoding: 'utf8' });
        const kb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
        expect(kb, r.stderr).toBeLessThan(300_000); // it was 1,590,000 KB when the file was read whole
      }
      rmSync(big);
    },
    TIMEOUT,
  );
});
