/** Human formats of `evaluate` (issue #6, first slice): Markdown and CSV, and -o choosing by extension. */
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { golden, unversioned } from '../helpers/golden.js';

const DEMO = 'fixtures/demo/park.yaml';

describe('evaluate --format markdown', () => {
  it('matches the golden Markdown of the demo park', () => {
    // golden: test/cli/golden/demo.md (every figure comes from the report, checked in test/cli/evaluate.test.ts)
    expect(unversioned(runCli(['evaluate', DEMO, '-f', 'markdown']).stdout)).toBe(golden('demo.md'));
  });

  it('says why the verdict fails, and shows each indicator with its gap', () => {
    const md = runCli(['evaluate', DEMO, '-f', 'markdown']).stdout;
    expect(md).toContain('**Verdict** ❌ **FAIL** · **score** 96.6/100 · **grade** A');
    expect(md).toContain(
      '> The core indicator **Carbon emissions per unit of energy consumed** (`carbon_per_energy`) is 0.216 tCO2/tce against <= 0.2 tCO2/tce',
    );
    expect(md).toContain('| ★ | Carbon emissions per unit of energy consumed | 0.216 tCO2/tce | <= 0.2 tCO2/tce | ❌ fail | -0.016 | 37/40 |');
  });

  it('folds the calculation trace into a details block with --explain', () => {
    const md = runCli(['evaluate', 'fixtures/valid/hand-checked/park.yaml', '-f', 'markdown', '--explain']).stdout;
    expect(md).toContain('<details><summary>Calculation trace</summary>');
    // the boundary balance and each entity's share (hand-derived in hand-checked.test.ts)
    expect(md).toContain('- boundary: consumed = supply 1670 − export 30 − export_renewable 0 = 1640 MWh');
    expect(md).toContain('- beta: credited certificates = 80 / 280 × boundary 280 = 80 MWh');
    expect(md).toContain('- `fixtures/valid/hand-checked/activity.csv:5` alpha fuel/natural_gas: 10 万m3 × 21.6219 tCO2/万m3 = 216.219 tCO2');
  });
});

describe('evaluate --format csv', () => {
  it('writes one row per indicator with a BOM', () => {
    const csv = runCli(['evaluate', DEMO, '-f', 'csv']).stdout;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\ufeffsubmission,profile,year,indicator,name,name_zh,value,unit,op,threshold,basis,status,core,weight,points,reason');
    expect(lines[1]).toMatch(
      /^DEMO-NM-ORDOS-ZCP,zero-carbon-park,2024,carbon_per_energy,Carbon emissions per unit of energy consumed,单位能耗碳排放,0\.2159\d+,tCO2\/tce,<=,0\.2,pack,fail,true,40,37\.03\d+,$/,
    );
    expect(lines.length).toBe(10); // header + 8 indicators + final empty line
  });

  it('defuses cells that Excel would run as formulas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-inject-'));
    cpSync(join(ROOT, 'fixtures/valid/hand-checked'), dir, { recursive: true });
    const pack = readFileSync(join(ROOT, 'fixtures/packs/local-near-zero.yaml'), 'utf8').replace(
      'name: { en: Energy per industrial added value',
      'name: { en: "=HYPERLINK(\\"http://x\\")"',
    );
    writeFileSync(join(dir, 'pack.yaml'), pack);
    const csv = runCli(['evaluate', join(dir, 'park.yaml'), '-p', join(dir, 'pack.yaml'), '-f', 'csv']).stdout;
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});

describe('several submissions in one evaluate', () => {
  const HAND = 'fixtures/valid/hand-checked/park.yaml';
  it('csv: one BOM and one header, each row naming its submission (not two tables stacked)', () => {
    const r = runCli(['evaluate', DEMO, HAND, '-f', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n').filter((l) => l !== '');
    expect(r.stdout.match(/\ufeff/g)).toHaveLength(1);
    expect(lines.filter((l) => l.replace(/^\ufeff/, '').startsWith('submission,profile,'))).toHaveLength(1);
    // the demo's 8 indicators, then the hand-checked park's 8, in the order given
    const own = [
      ...runCli(['evaluate', DEMO, '-f', 'csv']).stdout.split('\r\n').slice(1, -1),
      ...runCli(['evaluate', HAND, '-f', 'csv']).stdout.split('\r\n').slice(1, -1),
    ];
    expect(lines.slice(1)).toEqual(own);
    expect(own).toHaveLength(16);
  });

  it('html: one document with a section per report', () => {
    const r = runCli(['evaluate', DEMO, HAND, '-f', 'html']);
    expect(r.stdout.match(/<!doctype html>/g)).toHaveLength(1);
    expect(r.stdout.match(/<section>/g)).toHaveLength(2);
    expect(r.stdout.match(/<\/html>/g)).toHaveLength(1);
    expect(r.stdout.indexOf('DEMO-NM-ORDOS-ZCP')).toBeLessThan(r.stdout.indexOf('HAND-CHECKED-01'));
  });
});

describe('-o picks the format from the extension', () => {
  it.each([
    ['report.md', '# 手算园区'],
    ['report.csv', '\ufeffsubmission,'],
    ['report.json', '{\n  "format": "zcpark-report/1"'],
    ['report.txt', '手算园区 Hand-checked park (HAND-CHECKED-01)'],
  ])('%s', (name, start) => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-ext-'));
    const r = runCli(['evaluate', 'fixtures/valid/hand-checked/park.yaml', '-o', join(dir, name)]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, name), 'utf8').startsWith(start)).toBe(true);
  });
});
