/** `zcpark batch`: folders, rosters, workers, formats, --out-dir, exit codes — through the built binary. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { golden, unversioned } from '../helpers/golden.js';

const BATCH = 'fixtures/batch';

describe('zcpark batch', () => {
  it('says on stderr why a run written with -o failed, and where the summary is (the same figures as below)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-batch-o-'));
    const r = runCli(['batch', join(ROOT, BATCH), '-f', 'json', '-j', '1', '-o', 'summary.json'], { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'zcpark: 9 submissions: 3 pass, 4 fail, 0 incomplete, 2 invalid; the summary is in summary.json\n']);
    // a run that passes stays quiet
    const ok = runCli(['batch', join(ROOT, BATCH, 'parks', 'a-green'), '-f', 'json', '-o', 'green.json'], { cwd: dir });
    expect([ok.code, ok.stderr]).toEqual([0, '']);
  });

  it('scores a folder of submissions and a roster into the golden summary, exit 1 for the two broken inputs', () => {
    const r = runCli(['batch', BATCH, '-f', 'json', '-j', '1']);
    expect(r.code).toBe(1); // default --fail-on invalid: c-broken and roster row 7
    // golden: test/cli/golden/batch.json; the figures of each report are those of `evaluate` (checked below)
    expect(unversioned(r.stdout)).toBe(golden('batch.json'));
    const out = JSON.parse(r.stdout);
    expect(out.summary).toMatchObject({ total: 9, pass: 3, fail: 4, incomplete: 0, invalid: 2 });
    expect(out.summary.ranking.map((x: { rank: number; id: string }) => `${x.rank} ${x.id}`)).toEqual([
      '1 NM-A-GREEN',
      '1 NM-R-01',
      '1 NM-R-03',
      '4 NM-R-02',
      '5 NM-B-COAL',
      '6 NM-R-05',
      '7 NM-R-04',
    ]);
    expect(
      out.errors.map((e: { file: string; row?: number; errors: { code: string; line: number; field?: string }[] }) => [
        e.file,
        e.row ?? null,
        e.errors.map((d) => `${d.line}${d.field ? ` [${d.field}]` : ''} ${d.code}`),
      ]),
    ).toEqual([
      ['fixtures/batch/parks/c-broken/park.yaml', null, ['5 ZC-E-YAML-SYNTAX']],
      ['fixtures/batch/roster.csv', 7, ['7 [metric.waste_heat_utilization_rate] ZC-E-NUMBER-INVALID']],
    ]);
  });

  it('gives identical bytes whatever the number of workers', { timeout: 60_000 }, () => {
    const one = runCli(['batch', BATCH, 'fixtures/valid', '-f', 'json', '-j', '1']).stdout;
    const four = runCli(['batch', BATCH, 'fixtures/valid', '-f', 'json', '-j', '4']).stdout;
    expect(four).toBe(one);
    expect(runCli(['batch', BATCH, '-f', 'csv', '-j', '3']).stdout).toBe(runCli(['batch', BATCH, '-f', 'csv', '-j', '1']).stdout);
  });

  it('scores a submission exactly as evaluate does', () => {
    const batch = JSON.parse(runCli(['batch', `${BATCH}/parks/a-green`, '-f', 'json']).stdout);
    const single = JSON.parse(runCli(['evaluate', `${BATCH}/parks/a-green/park.yaml`, '-f', 'json']).stdout) as Report;
    expect(batch.results[0]).toEqual(single);
  });

  it('reads roster rows with Chinese column words and units', () => {
    const out = JSON.parse(runCli(['batch', `${BATCH}/roster.csv`, '-f', 'json', '--fail-on', 'never']).stdout);
    const r01 = out.results.find((r: Report) => r.submission.id === 'NM-R-01') as Report;
    // 电力.电网购电[万kWh] 3000 = 30,000 MWh of grid; electricity.green_certificate[MWh] 20,000 credited
    expect(r01.energy.electricity.grid_mwh).toBe(30000);
    expect(r01.energy.electricity.credited_certificate_mwh).toBe(20000);
    // (30,000 − 20,000) MWh × 0.8325 = 8,325 tCO2
    expect(r01.emissions.electricity_t).toBe(8325);
    expect(r01.submission.file).toBe('fixtures/batch/roster.csv');
  });

  it('streams jsonl: one line per report or error, in input order', () => {
    const lines = runCli(['batch', BATCH, '-f', 'jsonl', '-j', '2'])
      .stdout.trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(9);
    expect(lines.map((l) => (l.error ? `error ${l.error.file}${l.error.row ? `:${l.error.row}` : ''}` : l.submission.id))).toEqual([
      'NM-A-GREEN',
      'NM-B-COAL',
      'error fixtures/batch/parks/c-broken/park.yaml',
      'NM-R-01',
      'NM-R-02',
      'NM-R-03',
      'NM-R-04',
      'NM-R-05',
      'error fixtures/batch/roster.csv:7',
    ]);
  });

  it('writes CSV with a BOM, one row per submission, and defuses formula injection', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-csv-'));
    writeFileSync(
      join(dir, 'roster.csv'),
      'id,name,profile,type,region,year,electricity.direct_green[MWh]\nX-1,"=HYPERLINK(""http://evil"")",zero-carbon-park,park,CN-NM,2024,1000\n',
    );
    const csv = runCli(['batch', dir, '-f', 'csv']).stdout;
    expect(csv.startsWith('\ufeffrank,file,row,id,name,profile,type,region,total_tce,verdict,score,grade,')).toBe(true);
    expect(csv).toContain(`,X-1,"'=HYPERLINK(""http://evil"")",zero-carbon-park,park,`);
    const all = runCli(['batch', BATCH, '-f', 'csv']).stdout.trimEnd().split('\r\n');
    expect(all.length).toBe(10); // header + 7 reports + 2 invalid
    expect(all.at(-1)).toContain(',invalid,');
  });

  it("sums up the reports' own warnings on stderr where the summary format cannot show them", () => {
    // NM-R-01, NM-R-02 and NM-R-04 use under 20万 tce (roster rows 2, 3 and 5, as validate reports them)
    const line =
      'warning  3 submissions (NM-R-01, NM-R-02, NM-R-04), e.g. fixtures/batch/roster.csv:2: carbon_per_energy: annex 3 sets no band for parks below 200,000 tce (20万 tce) a year; the 0.2 tCO2/tce value of the 20万–100万 tce band is applied  ZC-W-BAND-BELOW-MIN\n';
    for (const f of ['table', 'markdown', 'csv']) expect(runCli(['batch', BATCH, '-f', f, '-j', '1', '-q']).stderr.endsWith(line)).toBe(true);
    // json and jsonl carry every warning inside the reports
    expect(runCli(['batch', BATCH, '-f', 'json', '-j', '1', '-q']).stderr).not.toContain('ZC-W-BAND-BELOW-MIN');
  });

  it('renders a Markdown summary a reviewer can paste', () => {
    const md = runCli(['batch', BATCH, '-f', 'markdown']).stdout;
    expect(md).toContain('# zcpark batch: 9 submissions');
    expect(md).toContain('| 1 | NM-A-GREEN | 绿源零碳园区 Lüyuan green park | 100 | A | pass | fixtures/batch/parks/a-green/park.yaml |');
    expect(md).toContain('## Invalid inputs');
  });

  it('writes one report per submission and the summary into --out-dir, names made safe and unique', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-outdir-'));
    const r = runCli(['batch', BATCH, 'fixtures/valid', '--out-dir', join(dir, 'out'), '-f', 'json', '-q']);
    expect(r.code).toBe(1);
    const files = readdirSync(join(dir, 'out')).sort();
    // the two GBK twins share an id: the second becomes GBK-TWIN-2.json, and a warning says so
    expect(files).toEqual([
      'BOUNDARY-DEMO.json',
      'GBK-TWIN-2.json',
      'GBK-TWIN.json',
      'HAND-CHECKED-01.json',
      'HAND-CHECKED-JSON.json',
      'JS-DISTRICT-PV.json',
      'NM-A-GREEN.json',
      'NM-B-COAL.json',
      'NM-R-01.json',
      'NM-R-02.json',
      'NM-R-03.json',
      'NM-R-04.json',
      'NM-R-05.json',
      'summary.json',
    ]);
    expect(r.stderr).toContain('report files renamed to stay unique and safe: GBK-TWIN → GBK-TWIN-2.json');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'NM-R-01.json'), 'utf8')).submission.id).toBe('NM-R-01');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).summary.total).toBe(15);
  });

  it('never writes outside --out-dir, whatever the id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-safe-'));
    writeFileSync(join(dir, 'roster.csv'), 'id,name,profile,type,region,year,electricity.direct_green[MWh]\n..,Dots,zero-carbon-park,park,CN-NM,2024,1000\n');
    runCli(['batch', join(dir, 'roster.csv'), '--out-dir', join(dir, 'out'), '-q']);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['submission.json', 'summary.json']); // the id ".." becomes "submission"
    expect(readdirSync(dir).sort()).toEqual(['out', 'roster.csv']);
  });

  it('applies --fail-on', () => {
    const clean = mkdtempSync(join(tmpdir(), 'zcpark-failon-'));
    cpSync(join(ROOT, BATCH, 'parks', 'a-green'), join(clean, 'a'), { recursive: true });
    cpSync(join(ROOT, BATCH, 'parks', 'b-coal'), join(clean, 'b'), { recursive: true });
    expect(runCli(['batch', clean, '-f', 'json']).code).toBe(0);
    expect(runCli(['batch', clean, '-f', 'json', '--fail-on', 'failed']).code).toBe(1);
    expect(runCli(['batch', BATCH, '-f', 'json', '--fail-on', 'never']).code).toBe(0);
  });

  it('rejects an activity CSV named on the command line, and bad --jobs', () => {
    const r = runCli(['batch', 'fixtures/valid/hand-checked/activity.csv', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0].errors[0].message).toContain('an activity CSV');
    expect(runCli(['batch', BATCH, '-j', '0']).code).toBe(2);
  });
});
