/**
 * Streamed activity CSVs through the real CLI: forcing every CSV onto the streaming path
 * (ZCPARK_STREAM_BYTES=0) changes no byte of any report or message, and a CSV above the default
 * threshold (8 MB) is streamed and summed exactly. Memory (1 GB under 150 MB RSS) is measured by
 * `npm run bench`, not here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const SUBMISSIONS = [
  'fixtures/demo/park.yaml',
  'fixtures/valid/hand-checked/park.yaml',
  'fixtures/valid/gbk/park.yaml',
  'fixtures/programmes/pilot-city/submission.yaml',
  'fixtures/programmes/pilot-park/submission.yaml',
  'fixtures/programmes/climate-positive-district/submission.yaml',
  'fixtures/programmes/county-budget/submission.yaml',
];

describe('streaming changes nothing', () => {
  for (const f of SUBMISSIONS) {
    it(`${f}: same JSON report and messages when its CSVs are streamed`, () => {
      const whole = runCli(['evaluate', f, '-f', 'json']);
      const streamed = runCli(['evaluate', f, '-f', 'json'], { env: { ZCPARK_STREAM_BYTES: '0' } });
      expect(whole.code).toBe(streamed.code);
      expect(streamed.stdout).toBe(whole.stdout);
      expect(streamed.stderr).toBe(whole.stderr);
    });
  }

  it('the invalid fixtures give the same diagnostics (duplicate rows aside)', () => {
    const strip = (s: string) =>
      s
        .split('\n')
        .filter((l) => !l.includes('ZC-W-ROW-DUPLICATE') && !l.includes('ZC-W-WARNINGS-CAPPED'))
        .join('\n');
    const whole = runCli(['validate', 'fixtures/invalid', '-f', 'json']);
    const streamed = runCli(['validate', 'fixtures/invalid', '-f', 'json'], { env: { ZCPARK_STREAM_BYTES: '0' } });
    const pick = (out: string) =>
      (JSON.parse(out) as { files: { file: string; diagnostics: { code: string; line?: number; field?: string; message: string }[] }[] }).files
        .flatMap((x) => x.diagnostics.map((d) => `${x.file}:${d.line ?? ''}:${d.field ?? ''} ${d.code} ${d.message}`))
        .join('\n');
    expect(strip(pick(streamed.stdout))).toBe(strip(pick(whole.stdout)));
    expect(streamed.code).toBe(whole.code);
  });
});

describe('a CSV above the streaming threshold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zcpark-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is summed exactly: 400,000 rows (about 14 MB)', { timeout: 60_000 }, () => {
    // rows alternate 0.1 and 0.2 MWh of grid power for 4 meters, plus one diesel row at the end
    const fd = openSync(join(dir, 'meters.csv'), 'w');
    writeSync(fd, 'entity,category,item,quantity,unit,note\n');
    let block = '';
    for (let i = 0; i < 400_000; i++) {
      block += `meter-${i % 4},electricity,grid,${i % 2 ? '0.2' : '0.1'},MWh,reading ${i} of the half-hourly export\n`;
      if (block.length > 1 << 20) {
        writeSync(fd, block);
        block = '';
      }
    }
    writeSync(fd, `${block}meter-0,fuel,diesel,1.5,t,generator test\n`);
    closeSync(fd);
    writeFileSync(
      join(dir, 'park.yaml'),
      'format: zcpark/1\nprofile: zero-carbon-park\nentity: { id: METERS, name: Metered park, type: park, region: CN-NM }\nyear: 2024\nactivity_files: [meters.csv]\n',
    );
    const r = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json', '--fail-on', 'never']);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const report = JSON.parse(r.stdout) as { energy: { by_category: Record<string, number> }; emissions: { by_category: Record<string, number> } };
    // grid MWh: 200,000 × 0.1 + 200,000 × 0.2 = 60,000 MWh exactly (exact sums; a float loop drifts here)
    // grid CO2 at the pack's pinned 0.8325 t/MWh (发改环资〔2025〕910号 附件4) = 49,950 t
    expect(report.emissions.by_category.electricity).toBe(49950);
    // electricity tce at the 2024 equivalent-value coefficient is checked by hand-checked fixtures; here the
    // sum must match the same file read whole, which the ZCPARK_STREAM_BYTES comparison above covers
    const whole = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json', '--fail-on', 'never'], { env: { ZCPARK_STREAM_BYTES: String(1 << 30) } });
    expect(r.stdout).toBe(whole.stdout);
  });

  it('keeps 150,000 distinct sums (a row factor each): more than one call can take as spread arguments', () => {
    // each row has its own row factor, so none can be summed with another: 150,000 sums leave the streamed reader
    // (push(...sums) threw RangeError at this size). Diesel 1 t per row, factor 3 + i/1,000,000 tCO2/t, so
    // CO2 = Σ (3 + i/10^6) = 3 × 150,000 + (149,999 × 150,000 / 2) / 10^6 = 450,000 + 11,249.925 = 461,249.925 t
    const fd = openSync(join(dir, 'factors.csv'), 'w');
    writeSync(fd, 'entity,category,item,quantity,unit,factor,factor_unit\n');
    let block = '';
    for (let i = 0; i < 150_000; i++) {
      block += `gen,fuel,diesel,1,t,${3 + i / 1_000_000},tCO2/t\n`;
      if (block.length > 1 << 20) {
        writeSync(fd, block);
        block = '';
      }
    }
    writeSync(fd, block);
    closeSync(fd);
    writeFileSync(
      join(dir, 'gen.yaml'),
      'format: zcpark/1\nprofile: zero-carbon-park\nentity: { id: GEN, name: Generator park, type: park, region: CN-NM }\nyear: 2024\nactivity_files: [factors.csv]\n',
    );
    // the report lists each of the 150,000 factors used (about 39 MB), so it goes to a file, not a pipe
    const out = join(dir, 'gen.json');
    const r = runCli(['evaluate', join(dir, 'gen.yaml'), '-f', 'json', '-o', out, '--fail-on', 'never'], { env: { ZCPARK_STREAM_BYTES: '0' } });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { emissions: { by_category: Record<string, number> } };
    expect(report.emissions.by_category.fuel).toBe(461249.925);
  });
});
