/** `zcpark evaluate` end to end: the built binary on fixtures/, exact outputs and exit codes. */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { golden, unversioned } from '../helpers/golden.js';

const DEMO = 'fixtures/demo/park.yaml';

describe('zcpark evaluate', () => {
  it('prints the demo park report byte for byte as the golden JSON', () => {
    const r = runCli(['evaluate', DEMO, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // golden file: test/cli/golden/demo.json; key totals cross-checked in the assertions below
    expect(unversioned(r.stdout)).toBe(golden('demo.json'));
  });

  it('gives the same bytes on every run (deterministic)', () => {
    const a = runCli(['evaluate', DEMO, '-f', 'json', '--explain']);
    const b = runCli(['evaluate', DEMO, '-f', 'json', '--explain']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('reads both the English and the Chinese (BOM, CRLF) activity CSVs of the demo', () => {
    const report = JSON.parse(runCli(['evaluate', DEMO, '-f', 'json']).stdout) as Report;
    const entities = Object.keys(report.emissions.by_entity);
    expect(entities).toContain('鄂尔多斯某新材料有限公司');
    expect(entities).toContain('cathode-lfp-01');
    expect(entities.length).toBe(38); // 29 + park-admin in enterprises.csv, 8 in 企业能耗-zh.csv
    // the core indicator: a narrow miss of the 0.2 band (465,767 tce park)
    const core = report.indicators.find((i) => i.id === 'carbon_per_energy')!;
    expect(core.status).toBe('fail');
    expect(core.threshold).toEqual({ op: '<=', value: 0.2, basis: 'pack', label: '20万–100万 tce band' });
    expect(report.verdict).toBe('fail');
  });

  it('prints a terminal table without colour when NO_COLOR is set', () => {
    const r = runCli(['evaluate', DEMO, '-f', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Verdict FAIL   score 96.6/100   grade A');
    expect(r.stdout).toContain('because the core indicator carbon_per_energy 0.216 tCO2/tce misses <= 0.2 tCO2/tce');
    expect(r.stdout).toContain('★ Carbon emissions per unit of energy');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('defaults to JSON when stdout is not a terminal', () => {
    const r = runCli(['evaluate', DEMO]);
    expect(JSON.parse(r.stdout).format).toBe('zcpark-report/1');
  });

  it('adds the calculation trace with --explain: rows with file:line, factors, formulas', () => {
    const report = JSON.parse(runCli(['evaluate', 'fixtures/valid/hand-checked/park.yaml', '-f', 'json', '--explain']).stdout) as Report;
    const trace = report.trace!;
    const gas = trace.rows.find((r) => r.item === 'natural_gas')!;
    expect(gas.ref).toBe('fixtures/valid/hand-checked/activity.csv:5');
    expect(gas.steps.map((s) => s.formula)).toEqual(['10 万m3 × 12.143 tce/万m3 = 121.43 tce', '10 万m3 × 21.6219 tCO2/万m3 = 216.219 tCO2']);
    expect(gas.steps[1]!.factor).toBe('builtin:cn-fuels-co2:co2:fuel/natural_gas');
    expect(trace.figures['emissions.gross_t']).toEqual({ value: '992.9245', formula: 'energy_t + process_t + waste_t' });
    // the boundary balance first (hand-derived in hand-checked.test.ts), then each entity's share of it
    const boundary = trace.balances.boundary.electricity!;
    expect(boundary[0]).toBe('supply = grid 1050 + green_trade 500 + direct_green 20 + onsite_renewable 100 + onsite_fossil 0 = 1670 MWh');
    expect(boundary[2]).toBe('credited certificates = min(green_certificate 280, grid 1050) = 280 MWh');
    expect(boundary[5]).toMatch(/^electricity_t = \(grid 1050 − credited certificates 280 − export 30\) MWh × 0\.8325 tCO2\/MWh = 616\.05 tCO2/);
    const beta = trace.balances.entities.find((b) => b.entity === 'beta')!;
    // beta's 80 certificates of the boundary's 280, all credited: (50 − 80 − 30) × 0.8325 = −49.95
    expect(beta.electricity![1]).toBe('credited certificates = 80 / 280 × boundary 280 = 80 MWh');
    expect(beta.electricity![3]).toBe('electricity_t = -49.95 tCO2; electricity_tce = 42.336 tce (its export credited)');
    expect(trace.balances.rule).toContain('Entities sum to the boundary exactly');
  });

  it('reports every mistake of an invalid submission with its position, exit 1, no stack trace', () => {
    const r = runCli(['evaluate', 'fixtures/invalid/several-mistakes/park.yaml', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.pop()).toBe('7 errors, 0 warnings in 1 invalid submission');
    expect(lines.map((l) => `${l.split('  ')[0]} ${l.slice(l.lastIndexOf(' ') + 1)}`)).toEqual([
      'fixtures/invalid/several-mistakes/park.yaml:7:9 ZC-E-SCHEMA-ENUM',
      'fixtures/invalid/several-mistakes/park.yaml:10:21 ZC-E-NUMBER-INVALID',
      'fixtures/invalid/several-mistakes/park.yaml:13:29 ZC-E-VOCAB-ITEM',
      'fixtures/invalid/several-mistakes/park.yaml:14:63 ZC-E-UNIT-DIMENSION',
      'fixtures/invalid/several-mistakes/rows.csv:2 [quantity] ZC-E-NUMBER-NEGATIVE',
      'fixtures/invalid/several-mistakes/rows.csv:3 [unit] ZC-E-UNIT-UNKNOWN',
      'fixtures/invalid/several-mistakes/rows.csv:4 ZC-E-CSV-PARSE',
    ]);
    expect(r.stderr).toContain('unknown fuel item "diesle" (did you mean "diesel"?)');
    expect(r.stderr).toContain('unit "tonnes" measures mass; allowed here: energy');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a missing file, an unknown profile or option, with one line', () => {
    const missing = runCli(['evaluate', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('zcpark: file not found: nope.yaml  ZC-E-FILE-NOT-FOUND\n');
    const profile = runCli(['evaluate', DEMO, '--profile', 'zero-carbon-prak']);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('unknown profile "zero-carbon-prak" (did you mean "zero-carbon-park"?)');
    const option = runCli(['evaluate', DEMO, '--frmat', 'json']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--frmat'");
  });

  it('exits 70 with one line for an internal error', () => {
    const r = runCli(['evaluate', DEMO], { env: { ZCPARK_FAULT: 'internal' } });
    expect(r.code).toBe(70);
    expect(r.stderr).toBe(
      'zcpark: internal error: fault injected by ZCPARK_FAULT\nThis is a bug in zcpark 0.1.0; please report it with the command you ran (add --debug for the stack trace).\n',
    );
  });

  it('applies --fail-on: failed verdicts exit 1 only when asked; never ignores invalid input', () => {
    expect(runCli(['evaluate', DEMO, '-f', 'json']).code).toBe(0);
    expect(runCli(['evaluate', DEMO, '-f', 'json', '--fail-on', 'failed']).code).toBe(1);
    expect(runCli(['evaluate', 'fixtures/invalid/several-mistakes/park.yaml', '--fail-on', 'never']).code).toBe(0);
  });

  it('reads a submission from stdin with -', () => {
    const text = readFileSync(join(ROOT, 'fixtures/valid/hand-checked/park.yaml'), 'utf8').replace('activity_files: [activity.csv]\n', '');
    const r = runCli(['evaluate', '-', '-f', 'json'], { input: text });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.submission.file).toBe('<stdin>');
    expect(report.emissions.fuel_t).toBe(41.43); // only the inline raw coal: 20 t × 2.0715
  });

  it('writes --out atomically and never over an input file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-out-'));
    cpSync(join(ROOT, 'fixtures/valid/hand-checked'), dir, { recursive: true });
    const out = join(dir, 'report.json');
    writeFileSync(out, 'old');
    const r = runCli(['evaluate', join(dir, 'park.yaml'), '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).emissions.gross_t).toBe(992.9245);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const clobber = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json', '-o', join(dir, 'park.yaml')]);
    expect(clobber.code).toBe(2);
    expect(clobber.stderr).toContain('refusing to overwrite');
    expect(readFileSync(join(dir, 'park.yaml'), 'utf8')).toContain('format: zcpark/1');
    // nor any other file the run read: the activity CSV the submission references
    const csvBefore = readFileSync(join(dir, 'activity.csv'), 'utf8');
    const csv = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json', '-o', join(dir, 'activity.csv')]);
    expect([csv.code, csv.stderr]).toEqual([
      2,
      `zcpark: refusing to overwrite ${join(dir, 'activity.csv')}: this run read it as an input  ZC-E-OUT-IS-INPUT\n`,
    ]);
    expect(readFileSync(join(dir, 'activity.csv'), 'utf8')).toBe(csvBefore);
    const noFormat = runCli(['evaluate', join(dir, 'park.yaml'), '-o', join(dir, 'report.pdf')]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain('cannot tell the format from ".pdf"');
    const noDir = runCli(['evaluate', join(dir, 'park.yaml'), '-o', join(dir, 'missing', 'r.json')]);
    expect(noDir.code).toBe(2);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('says a rule pack or a factor set given as the submission is one, in one message', () => {
    const pack = runCli(['evaluate', 'fixtures/packs/local-near-zero.yaml']);
    expect(pack.code).toBe(1);
    expect(pack.stderr).toBe(
      'fixtures/packs/local-near-zero.yaml:5  error  unsupported format "zcpark-profile/1"; allowed: zcpark/1 (a submission); this file is a rule pack: give it with --profile, or check it with zcpark validate  ZC-E-FORMAT-VERSION\n1 error, 0 warnings in 1 invalid submission\n',
    );
    const factors = runCli(['evaluate', 'src/data/factors/energy.yaml']);
    expect(factors.code).toBe(1);
    expect(factors.stderr).toMatch(
      /^src\/data\/factors\/energy\.yaml:10 {2}error {2}unsupported format "zcpark-factors\/1"; .*factor set: give it with --factors.*ZC-E-FORMAT-VERSION\n1 error, 0 warnings in 1 invalid submission\n$/,
    );
  });

  it('given a folder, points to batch; given one to --factors, names that option', () => {
    expect(runCli(['evaluate', 'fixtures/batch'])).toMatchObject({
      code: 2,
      stderr:
        'zcpark: fixtures/batch is a directory; give a submission file (YAML or JSON), or score every submission in the folder with zcpark batch  ZC-E-FILE-READ\n',
    });
    expect(runCli(['evaluate', DEMO, '--factors', 'fixtures'])).toMatchObject({
      code: 2,
      stderr: 'zcpark: fixtures is a directory; give a factor set to --factors (YAML, JSON or CSV)  ZC-E-FILE-READ\n',
    });
  });

  it('takes -f in any case (-f JSON is json) and still refuses an unknown format with exit 2', () => {
    expect(runCli(['evaluate', DEMO, '-f', 'JSON']).stdout).toBe(runCli(['evaluate', DEMO, '-f', 'json']).stdout);
    const bad = runCli(['evaluate', DEMO, '-f', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "zcpark: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are table, json, markdown, html, csv.  ZC-E-USAGE\n",
    );
  });

  it('evaluates several submissions into a JSON array', () => {
    const r = runCli(['evaluate', DEMO, 'fixtures/valid/hand-checked/park.yaml', '-f', 'json']);
    const reports = JSON.parse(r.stdout) as Report[];
    expect(reports.map((x) => x.submission.id)).toEqual(['DEMO-NM-ORDOS-ZCP', 'HAND-CHECKED-01']);
  });

  it('prints its version', () => {
    expect(runCli(['--version']).stdout).toBe('0.1.0\n');
  });
});
