/**
 * A bug met while scoring one submission (an exception, not a finding) is that submission's ZC-E-INTERNAL error and the
 * run goes on, whether the tasks run in the main thread (-j 1) or in worker threads: both share one task runner
 * (src/cli/batch/tasks.ts). ZCPARK_FAULT=task:<text> makes the tasks of files whose name contains <text> throw.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface BatchOut {
  summary: { total: number; invalid: number; ranking: { id: string }[] };
  errors: { file: string; row?: number; errors: { code: string; message: string }[] }[];
}

describe('a bug in one task', () => {
  for (const jobs of ['1', '2']) {
    it(`-j ${jobs}: is ZC-E-INTERNAL for that submission, and every other one is scored`, { timeout: 60_000 }, () => {
      const r = runCli(['batch', 'fixtures/batch', '-f', 'json', '-j', jobs], { env: { ZCPARK_FAULT: 'task:b-coal' } });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      const out = JSON.parse(r.stdout) as BatchOut;
      // fixtures/batch: 3 park files and a roster of 7 rows; c-broken and roster row 7 are invalid input
      expect(out.summary.total).toBe(9);
      expect(out.summary.invalid).toBe(3);
      expect(out.summary.ranking.map((x) => x.id)).toEqual(['NM-A-GREEN', 'NM-R-01', 'NM-R-03', 'NM-R-02', 'NM-R-05', 'NM-R-04']);
      expect(out.errors.map((e) => [e.file, e.row ?? null, e.errors.map((d) => d.code)])).toEqual([
        ['fixtures/batch/parks/b-coal/park.yaml', null, ['ZC-E-INTERNAL']],
        ['fixtures/batch/parks/c-broken/park.yaml', null, ['ZC-E-YAML-SYNTAX']],
        ['fixtures/batch/roster.csv', 7, ['ZC-E-NUMBER-INVALID']],
      ]);
      expect(out.errors[0]!.errors[0]!.message).toContain('fault injected by ZCPARK_FAULT into fixtures/batch/parks/b-coal/park.yaml');
    });
  }
});
