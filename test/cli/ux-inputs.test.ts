/** Inputs as people write them (issue #17): shares written as percentages, rankings, workbooks, words, terminal widths. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'zcpark-ux-'));

describe('a share written as a percentage', () => {
  it('is an error with "did you mean 45%?" and never scores, in a submission', { timeout: 30_000 }, () => {
    const dir = tmp();
    cpSync(join(ROOT, 'fixtures/invalid/rate-above-100-percent'), dir, { recursive: true });
    const park = readFileSync(join(dir, 'park.yaml'), 'utf8').replace('water_reuse_rate: 92', 'water_reuse_rate: 0.92').replace('waste_heat_utilization_rate: "55%"', 'waste_heat_utilization_rate: 45');
    writeFileSync(join(dir, 'park.yaml'), park);
    const r = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('park.yaml:13:32  error  metrics.waste_heat_utilization_rate: 45 is not a share; zero-carbon-park reads it as a fraction between 0 and 1 (0 % … 100 %) (did you mean "45%"?)  ZC-E-SHARE-RANGE');
    // written as 45 %, it scores
    writeFileSync(join(dir, 'park.yaml'), park.replace('waste_heat_utilization_rate: 45', 'waste_heat_utilization_rate: 45%'));
    const ok = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json']);
    const rep = JSON.parse(ok.stdout);
    expect(rep.indicators.find((i: { id: string }) => i.id === 'waste_heat_utilization').value).toBe(0.45);
  });

  it('is an error in a roster row, which is not ranked', { timeout: 30_000 }, () => {
    const dir = tmp();
    const roster = readFileSync(join(ROOT, 'fixtures/batch/roster.csv'), 'utf8').split('\n');
    roster[1] = roster[1]!.replace(',88%,61%,92%,', ',85,50,80,');
    writeFileSync(join(dir, 'roster.csv'), roster.join('\n'));
    const out = JSON.parse(runCli(['batch', join(dir, 'roster.csv'), '-f', 'json', '--fail-on', 'never']).stdout);
    expect(out.summary.ranking.map((x: { id: string }) => x.id)).not.toContain('NM-R-01');
    const e = out.errors.find((x: { row?: number }) => x.row === 2);
    expect(e.errors.map((d: { field: string; code: string; suggestion?: string }) => `${d.field} ${d.code} ${d.suggestion}`)).toEqual([
      'metric.solid_waste_utilization_rate ZC-E-SHARE-RANGE 85%',
      'metric.waste_heat_utilization_rate ZC-E-SHARE-RANGE 50%',
      'metric.water_reuse_rate ZC-E-SHARE-RANGE 80%',
    ]);
  });
});
