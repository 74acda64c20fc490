/**
 * The hand-checked park (fixtures/valid/hand-checked): every figure below was derived by hand from
 * the rows and the bundled factors, then compared with the CLI's JSON output, which must match exactly.
 * Factors (year 2025; src/data/factors): electricity coal-equivalent 0.3024 tce/MWh (2024 vintage, S),
 * grid pinned 0.8325 tCO2/MWh (annex 4, C), natural gas 12.143 tce/万m3 + 21.6219 tCO2/万m3,
 * diesel 1.4571 tce/t + 3.1451 tCO2/t, raw coal 0.7143 tce/t + 2.0715 tCO2/t, heat 0.03412 tce/GJ + 0.11 tCO2/GJ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';

let report: Report;
let stderr: string;
beforeAll(() => {
  const r = runCli(['evaluate', 'fixtures/valid/hand-checked/park.yaml', '--format', 'json']);
  expect(r.code).toBe(0);
  report = JSON.parse(r.stdout) as Report;
  stderr = r.stderr;
});

describe('hand-checked park, through the CLI', () => {
  it('converts energy to tce', () => {
    // alpha: gas 10 万m3 × 12.143 = 121.43; gamma: raw coal 20 吨 × 0.7143 = 14.286 → fuel 135.716
    expect(report.energy.by_category.fuel).toBe(135.716);
    // alpha: diesel 5 t × 1.4571 = 7.2855
    expect(report.energy.by_category.transport).toBe(7.2855);
    // at the boundary: grid 1050 + green_trade 500 + direct 20 (2 万kWh) + onsite 100 − export 30 = 1640 MWh
    expect(report.energy.electricity.consumed_mwh).toBe(1640);
    // 1640 MWh × 0.3024 tce/MWh = 495.936
    expect(report.energy.by_category.electricity).toBe(495.936);
    // beta: (1000 purchased − 200 export) GJ × 0.03412 = 27.296
    expect(report.energy.by_category.heat).toBe(27.296);
    // 135.716 + 7.2855 + 495.936 + 27.296 = 666.2335
    expect(report.energy.total_tce).toBe(666.2335);
  });

  it("counts clean energy at the boundary: green power, certificates within the boundary's grid power, natural gas", () => {
    // Changed by the boundary rule (v1 capped beta alone: 250 credited, 840 clean, 375.446 tce).
    // certificates 200 + 80 = 280 ≤ boundary grid 1050 → all 280 credited (beta's 30 beyond its own grid now count)
    // green = 500 trade + 20 direct + 100 onsite − 0 export_renewable + 280 = 900 MWh ≤ 1640 consumed: no cap
    // 900 × 0.3024 = 272.16; gas (clean_includes_gas) 121.43 → 393.59
    expect(report.energy.clean_tce).toBe(393.59);
    expect(report.energy.electricity.green_consumed_mwh).toBe(900);
    expect(report.energy.electricity.credited_certificate_mwh).toBe(280);
    // allocation: alpha 500 + 200 = 700 MWh × 0.3024 = 211.68 + gas 121.43 = 333.11; beta 20 + 100 + 80 = 200 × 0.3024 = 60.48
    expect(report.emissions.by_entity.alpha!.clean_tce).toBe(333.11);
    expect(report.emissions.by_entity.beta!.clean_tce).toBe(60.48);
  });

  it('computes CO2 by category', () => {
    // 10 × 21.6219 = 216.219 (gas) + 20 × 2.0715 = 41.43 (raw coal) = 257.649
    expect(report.emissions.fuel_t).toBe(257.649);
    // 5 t × 3.1451 = 15.7255
    expect(report.emissions.transport_t).toBe(15.7255);
    // boundary: (grid 1050 − credited 280 − export 30) × 0.8325 = 740 × 0.8325 = 616.05 (v1: 641.025, beta's
    // certificates beyond its own grid were not credited); the export (typed non-renewable) is credited at the grid factor
    expect(report.emissions.electricity_t).toBe(616.05);
    // (1000 − 200) GJ × 0.11 = 88
    expect(report.emissions.heat_t).toBe(88);
    expect(report.emissions.process_t).toBe(12.5);
    expect(report.emissions.waste_t).toBe(3);
    // 257.649 + 15.7255 + 616.05 + 88 = 977.4245
    expect(report.emissions.energy_t).toBe(977.4245);
    // + 12.5 + 3 = 992.9245
    expect(report.emissions.gross_t).toBe(992.9245);
    // − 100 sink − 50 CCER = 842.9245
    expect(report.emissions.net_t).toBe(842.9245);
  });

  it('breaks emissions down by entity, summing to the totals', () => {
    expect(report.emissions.by_entity.alpha!.gross_t).toBe(897.9445); // 216.219 + 15.7255 + 666
    // beta: (50 grid − 80 credited − 30 export) × 0.8325 = −49.95: an entity holding more certificates than its own grid power is negative
    expect(report.emissions.by_entity.beta!.electricity_t).toBe(-49.95);
    expect(report.emissions.by_entity.beta!.gross_t).toBe(38.05); // −49.95 + 88
    expect(report.emissions.by_entity.gamma!.gross_t).toBe(41.43);
    expect(report.emissions.by_entity['park-admin']!.net_t).toBe(-134.5); // 12.5 + 3 − 100 − 50
    // 897.9445 + 38.05 + 41.43 + 15.5 = 992.9245 = the boundary's gross_t
    const sum = Object.values(report.emissions.by_entity).reduce((a, e) => a.add(Rational.fromNumber(e.gross_t)), Rational.ZERO);
    expect(sum.toString()).toBe('992.9245');
    const elec = Object.values(report.emissions.by_entity).reduce((a, e) => a.add(Rational.fromNumber(e.electricity_t)), Rational.ZERO);
    expect(elec.toString()).toBe('616.05');
  });

  it('scores the zero-carbon-park indicators', () => {
    const ind = Object.fromEntries(report.indicators.map((i) => [i.id, i]));
    // (977.4245 + 12.5) / 666.2335 = 9899245/6662335 (band < 20万 tce → ≤ 0.2 with a warning)
    expect(ind.carbon_per_energy!.value).toBe(9899245 / 6662335);
    expect(ind.carbon_per_energy!.status).toBe('fail');
    // 40 × 0.2 / (9899245/6662335) = 40 × 0.2 × 6662335 / 9899245 = 53298680/9899245
    expect(ind.carbon_per_energy!.points).toBe(53298680 / 9899245);
    // 393.59 / 666.2335 = 3935900/6662335
    expect(ind.clean_energy_share!.value).toBe(3935900 / 6662335);
    expect(ind.solid_waste_utilization!.value).toBe(0.9); // 0.09 万t = 900 t of 1000 t
    expect(ind.waste_heat_utilization!.points).toBe(9); // 10 × 0.45/0.5
    expect(ind.water_reuse!.status).toBe('pass'); // 0.8 ≥ 0.8: equal passes
    expect(ind.green_direct_supply_share!.value).toBe(20 / 1640);
    expect(ind.energy_carbon_platform!.status).toBe('fail');
    // points: 53298680/9899245 + 20 × (3935900/6662335)/0.9 + 10 + 9 + 10 + 10, over weight 100
    expect(report.score).toBe(57.51231236978578);
    expect(report.grade).toBe('D');
    expect(report.verdict).toBe('fail');
  });

  it('states every fallback and capping in warnings, with positions', () => {
    expect(report.warnings.map((w) => [w.code, w.file ?? null, w.line ?? null])).toEqual([
      // the export row: 30 MWh entered as non-renewable while no fossil unit is inside and 100 MWh of PV is
      // (v1's CERT-EXCESS and CLEAN-CAPPED were beta's alone; at the boundary neither cap binds)
      ['ZC-W-EXPORT-SOURCE', 'fixtures/valid/hand-checked/activity.csv', 10],
      ['ZC-W-FACTOR-VINTAGE', 'fixtures/valid/hand-checked/park.yaml', null],
      ['ZC-W-BAND-BELOW-MIN', 'fixtures/valid/hand-checked/park.yaml', null],
    ]);
    expect(stderr).toBe('');
  });

  it('lists exactly the factors used, each with its source', () => {
    // sorted by factor id (origin:set:kind:category/item…)
    expect(report.factors_used.map((f) => `${f.kind} ${f.category}/${f.item} ${f.value} ${f.unit} [${f.confidence}] ${f.origin}`)).toEqual([
      'energy electricity/coal_equivalent 0.3024 tce/MWh [S] builtin',
      'energy fuel/diesel 1.4571 tce/t [S] builtin',
      'energy fuel/natural_gas 12.143 tce/万m3 [S] builtin',
      'energy fuel/raw_coal 0.7143 tce/t [S] builtin',
      'energy heat/purchased 0.03412 tce/GJ [S] builtin',
      'co2 fuel/diesel 3.1451 tCO2/t [S] builtin',
      'co2 fuel/natural_gas 21.6219 tCO2/万m3 [S] builtin',
      'co2 fuel/raw_coal 2.0715 tCO2/t [R] builtin',
      'co2 heat/purchased 0.11 tCO2/GJ [C] builtin',
      'co2 electricity/grid 0.8325 tCO2/MWh [C] profile',
    ]);
    for (const f of report.factors_used) expect(f.source.length).toBeGreaterThan(10);
  });
});
