/**
 * Accounting at the boundary, through the CLI (README § One boundary). Every figure is derived by hand
 * from the rows of fixtures/valid/boundary-park and fixtures/valid/exporting-district and the bundled factors:
 *   zero-carbon-park (2024): electricity coal-equivalent 0.3024 tce/MWh, grid pinned 0.8325 tCO2/MWh,
 *     natural gas 12.143 tce/万m3 + 21.6219 tCO2/万m3, raw coal 0.7143 tce/t + 2.0715 tCO2/t,
 *     heat 0.03412 tce/GJ + 0.11 tCO2/GJ;
 *   carbon-peaking-city (2024, CN-JS): electricity calorific 0.1229 tce/MWh, average grid factor 0.55
 *     tCO2/MWh (East China regional grid, 2023 vintage).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import type { Report } from '../../src/report/types.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const evaluate = (file: string, ...args: string[]): Report => {
  const r = runCli(['evaluate', file, '-f', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
};
const sum = (r: Report, key: 'electricity_t' | 'heat_t' | 'gross_t' | 'energy_tce' | 'clean_tce' | 'feedstock_tce') =>
  Object.values(r.emissions.by_entity)
    .reduce((a, e) => a.add(Rational.fromNumber(e[key])), Rational.ZERO)
    .toString();

describe('a park with operator certificates, a captive CHP, PV exports, geothermal heat and feedstock', () => {
  let r: Report;
  beforeAll(() => {
    r = evaluate('fixtures/valid/boundary-park/park.yaml', '--explain');
  });

  it('balances electricity once for the park', () => {
    const e = r.energy.electricity;
    // grid 20,000 (chem-01) + 8,000 (pv-02) = 28,000; onsite_renewable 5,000 + 2,000 = 7,000; onsite_fossil 90,000
    expect([e.grid_mwh, e.onsite_renewable_mwh, e.onsite_fossil_mwh]).toEqual([28000, 7000, 90000]);
    // consumed = 28,000 + 7,000 + 90,000 − export 30,000 − export_renewable (1,500 + 400) = 93,100
    expect(e.consumed_mwh).toBe(93100);
    // the operator's 10,000 MWh of certificates ≤ the park's 28,000 MWh of grid power: all credited
    expect(e.credited_certificate_mwh).toBe(10000);
    // green = 7,000 − 1,900 + 10,000 = 15,100 ≤ 93,100: no cap
    expect(e.green_consumed_mwh).toBe(15100);
  });

  it('counts energy with output deducted and no energy of its own for the captive plant', () => {
    // electricity: (28,000 + 7,000 − 30,000 − 1,900) = 3,100 MWh × 0.3024 = 937.44
    expect(r.energy.by_category.electricity).toBe(937.44);
    // heat: (20,000 geothermal − 100,000 steam sent out) = −80,000 GJ × 0.03412 = −2,729.6 (the CHP's coal carries its energy)
    expect(r.energy.by_category.heat).toBe(-2729.6);
    // fuel: gas (500 + 100) 万m3 × 12.143 = 7,285.8 + coal 60,000 t × 0.7143 = 42,858 → 50,143.8
    expect(r.energy.by_category.fuel).toBe(50143.8);
    // feedstock: 500 万m3 × 12.143 = 6,071.5 (in the total, reported apart)
    expect(r.energy.feedstock_tce).toBe(6071.5);
    // 50,143.8 + 937.44 − 2,729.6 = 48,351.64
    expect(r.energy.total_tce).toBe(48351.64);
    // clean: gas 7,285.8 (clean_includes_gas) + green 15,100 MWh × 0.3024 = 4,566.24 + geothermal 20,000 GJ × 0.03412 = 682.4
    expect(r.energy.clean_tce).toBe(12534.44);
    expect(r.energy.heat.clean_gj).toBe(20000);
  });

  it('credits exports by type at the park boundary (annex 4 net inflow)', () => {
    // fuel: feedstock gas has no combustion CO2; 100 万m3 × 21.6219 = 2,162.19 + 60,000 t × 2.0715 = 124,290 → 126,452.19
    expect(r.emissions.fuel_t).toBe(126452.19);
    // (grid 28,000 − certificates 10,000 − export 30,000) × 0.8325 = −9,990; renewable power sent out counts 0
    expect(r.emissions.electricity_t).toBe(-9990);
    // (purchased 0 − steam sent out 100,000) GJ × 0.11 = −11,000; geothermal heat counts 0
    expect(r.emissions.heat_t).toBe(-11000);
    // 126,452.19 − 9,990 − 11,000 = 105,462.19
    expect(r.emissions.gross_t).toBe(105462.19);
    // core indicator: 105,462.19 / 48,351.64 (a coal CHP park fails it)
    expect(r.indicators[0]!.value).toBe(10546219 / 4835164);
    expect(r.warnings.map((w) => w.code)).toEqual(['ZC-W-ELEC-NET-EXPORT', 'ZC-W-BAND-BELOW-MIN']);
  });

  it('allocates the boundary to entities, negative ones shown, summing exactly', () => {
    const by = r.emissions.by_entity;
    // the operator: its 10,000 of the park's 10,000 certificates credited: −10,000 × 0.8325 = −8,325; clean 10,000 × 0.3024
    expect([by['park-admin']!.electricity_t, by['park-admin']!.clean_tce]).toEqual([-8325, 3024]);
    // chem-01: 20,000 × 0.8325 = 16,650 + gas 2,162.19 = 18,812.19; energy 6,071.5 + 1,214.3 + 6,048 = 13,333.8
    expect([by['chem-01']!.gross_t, by['chem-01']!.energy_tce, by['chem-01']!.feedstock_tce]).toEqual([18812.19, 13333.8, 6071.5]);
    // chp-01: 124,290 − 30,000 × 0.8325 − 100,000 × 0.11 = 124,290 − 24,975 − 11,000 = 88,315
    expect([by['chp-01']!.electricity_t, by['chp-01']!.heat_t, by['chp-01']!.gross_t]).toEqual([-24975, -11000, 88315]);
    // chp-01 energy: 42,858 − 30,000 × 0.3024 − 100,000 × 0.03412 = 42,858 − 9,072 − 3,412 = 30,374
    expect(by['chp-01']!.energy_tce).toBe(30374);
    // pv-01 (no grid purchase): (5,000 − 1,500) × 0.3024 = 1,058.4 tce, all clean, 0 tCO2: the export is not credited
    expect([by['pv-01']!.electricity_t, by['pv-01']!.energy_tce, by['pv-01']!.clean_tce]).toEqual([0, 1058.4, 1058.4]);
    // pv-02 (with grid): 8,000 × 0.8325 = 6,660 (its PV export not credited); (8,000 + 2,000 − 400) × 0.3024 = 2,903.04;
    // clean (2,000 − 400) × 0.3024 = 483.84
    expect([by['pv-02']!.electricity_t, by['pv-02']!.energy_tce, by['pv-02']!.clean_tce]).toEqual([6660, 2903.04, 483.84]);
    // geo-01: 20,000 GJ × 0.03412 = 682.4 tce, all clean, 0 tCO2
    expect([by['geo-01']!.heat_t, by['geo-01']!.energy_tce, by['geo-01']!.clean_tce]).toEqual([0, 682.4, 682.4]);
    expect(sum(r, 'electricity_t')).toBe('-9990');
    expect(sum(r, 'heat_t')).toBe('-11000');
    expect(sum(r, 'gross_t')).toBe('105462.19');
    expect(sum(r, 'energy_tce')).toBe('48351.64');
    expect(sum(r, 'clean_tce')).toBe('12534.44');
    expect(sum(r, 'feedstock_tce')).toBe('6071.5');
  });

  it('explains the boundary balance and each entity share', () => {
    const b = r.trace!.balances;
    expect(b.boundary.electricity![1]).toBe('consumed = supply 125000 − export 30000 − export_renewable 1900 = 93100 MWh');
    expect(b.entities.find((x) => x.entity === 'park-admin')!.electricity![1]).toBe('credited certificates = 10000 / 10000 × boundary 10000 = 10000 MWh');
    const gas = r.trace!.rows.find((x) => x.ref.endsWith('activity.csv:3'))!;
    expect(gas.use).toBe('feedstock');
    expect(gas.steps[1]!.formula).toContain('no combustion CO2');
  });

  it('gives the same boundary figures when the park is entered as one entity', () => {
    // every row moved to one entity: the allocation changes, never the boundary
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-boundary-'));
    try {
      cpSync(join(ROOT, 'fixtures/valid/boundary-park'), dir, { recursive: true });
      const csv = readFileSync(join(dir, 'activity.csv'), 'utf8').split('\n');
      writeFileSync(join(dir, 'activity.csv'), [csv[0], ...csv.slice(1).map((l) => (l ? `park${l.slice(l.indexOf(','))}` : l))].join('\n'));
      const one = evaluate(join(dir, 'park.yaml'));
      expect(Object.keys(one.emissions.by_entity)).toEqual(['park']);
      expect(one.energy).toEqual(r.energy);
      const { by_entity: _a, ...totals } = one.emissions;
      const { by_entity: _b, ...expected } = r.emissions;
      expect(totals).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a district that exports PV, under carbon-peaking-city', () => {
  it('counts the grid power it consumes, and its exports not at all', () => {
    const r = evaluate('fixtures/valid/exporting-district/district.yaml');
    // grid (50,000 + 30,000) × 0.55 = 44,000: the 9,000 MWh of PV sent out do not reduce it
    expect(r.emissions.electricity_t).toBe(44000);
    expect(r.energy.electricity.grid_mwh).toBe(80000);
    // consumed = 80,000 + 12,000 − 9,000 = 83,000; energy 83,000 × 0.1229 = 10,200.7
    expect(r.energy.electricity.consumed_mwh).toBe(83000);
    expect(r.energy.by_category.electricity).toBe(10200.7);
    // green = 12,000 − 9,000 = 3,000 MWh × 0.1229 = 368.7 (natural gas is not clean under this pack)
    expect(r.energy.clean_tce).toBe(368.7);
    // scope 2 of the GPC view is the grid power consumed
    expect(r.sectors!.I_stationary_energy.scope2_t).toBe(44000);
    // district-a 50,000 × 0.55 = 27,500; district-b 30,000 × 0.55 = 16,500 + gas 200 × 21.6219 = 4,324.38
    expect(r.emissions.by_entity['district-a']!.electricity_t).toBe(27500);
    expect(r.emissions.by_entity['district-b']!.gross_t).toBe(20824.38);
    expect(r.emissions.gross_t).toBe(48324.38);
  });
});
