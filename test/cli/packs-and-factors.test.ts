/** A user's own rule pack (--profile file), a --factors set (YAML or CSV), and JSON submissions, through the CLI. */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';

const HAND = 'fixtures/valid/hand-checked/park.yaml';
const json = (args: string[]) => {
  const r = runCli(['evaluate', ...args, '-f', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
};

describe('--profile with a pack file', () => {
  it('scores the demo park with a user pack and its own accounting choices (average grid factor)', () => {
    const report = json(['fixtures/demo/park.yaml', '--profile', 'fixtures/packs/local-near-zero.yaml']);
    expect(report.submission.profile).toBe('local-near-zero');
    expect(report.indicators.map((i) => [i.id, i.status])).toEqual([
      ['energy_intensity', 'pass'],
      ['carbon_intensity', 'pass'],
      ['renewable_electricity_share', 'pass'],
    ]);
    // average series, CN-NM, year 2024 → the 2023 vintage, where Inner Mongolia's own factor 0.6479 exists [S]
    const grid = report.factors_used.find((f) => f.item === 'grid')!;
    expect([grid.series, grid.region, grid.year, grid.value, grid.confidence]).toEqual(['average', 'CN-NM', 2023, 0.6479, 'S']);
    expect(report.warnings.map((w) => w.code)).toContain('ZC-W-FACTOR-VINTAGE');
    // energy at the calorific value 0.1229 tce/MWh: 1,458,014 MWh × 0.1229 = 179,189.9206 tce
    expect(report.energy.by_category.electricity).toBe(179189.9206);
    // economy.industrial_added_value 128.6 亿元 = 1,286,000 万元
    expect(report.indicators[0]!.value).toBe(report.energy.total_tce / 1286000);
  });

  it('gives status missing and verdict incomplete when a core input is absent, never a zero', () => {
    const report = json([HAND, '--profile', 'fixtures/packs/local-near-zero.yaml']);
    const first = report.indicators[0]!;
    expect([first.status, first.value, first.points, first.missing]).toEqual(['missing', null, 0, ['economy.industrial_added_value']]);
    expect(report.verdict).toBe('incomplete');
  });

  it('rejects a pack with a misspelt name and a syntax error at load time, with positions', () => {
    const r = runCli(['evaluate', HAND, '--profile', 'fixtures/packs/broken-pack.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'fixtures/packs/broken-pack.yaml:8:14  error  indicators[0].formula: unknown name "proces_t" in a formula (did you mean "process_t"?)  ZC-E-EXPR-NAME\n' +
        'fixtures/packs/broken-pack.yaml:14:14  error  indicators[1].formula: cannot parse "energy_clean_tce / / energy_total_tce": unexpected "/" at character 20  ZC-E-EXPR-SYNTAX\n',
    );
  });
});

describe('--factors', () => {
  for (const file of ['fixtures/factors/supplier-gas.yaml', 'fixtures/factors/supplier-gas.csv']) {
    it(`overrides the built-in natural gas factor from ${file.slice(-4)}`, () => {
      const report = json([HAND, '--factors', file]);
      // 10 万m3 × 22 tCO2/万m3 (2.2 kgCO2/m3 in the CSV) = 220, + raw coal 41.43 = 261.43
      expect(report.emissions.fuel_t).toBe(261.43);
      const gas = report.factors_used.find((f) => f.kind === 'co2' && f.item === 'natural_gas')!;
      expect(gas.origin).toBe('factors-file');
      expect(gas.source).toMatch(/^supplier gas-composition test report 2025-03/);
      // the energy coefficient still comes from the library
      expect(report.factors_used.find((f) => f.kind === 'energy' && f.item === 'natural_gas')!.origin).toBe('builtin');
    });
  }

  it('a missing --factors file is a usage error', () => {
    const r = runCli(['evaluate', HAND, '--factors', 'fixtures/factors/nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('zcpark: file not found: fixtures/factors/nope.yaml  ZC-E-FILE-NOT-FOUND\n');
  });
});

describe('JSON submissions', () => {
  it('evaluate exactly like their YAML twin', () => {
    const fromJson = json(['fixtures/valid/json-submission/park.json']);
    const fromYaml = json([HAND]);
    expect(fromJson.emissions).toEqual(fromYaml.emissions);
    expect(fromJson.indicators).toEqual(fromYaml.indicators);
    expect(fromJson.score).toBe(fromYaml.score);
  });
});
