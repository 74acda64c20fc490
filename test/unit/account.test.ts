/**
 * Hand-derived checks of every accounting rule (README § How the numbers are made, § One boundary) under the zero-carbon-park pack,
 * reporting year 2024, region CN-NM. Factors in play (src/data/factors/*.yaml and the pack):
 *   diesel         1.4571 tce/t     (GB/T 2589-2020, energy.yaml)      3.1451 tCO2/t    (guideline default, fuels-co2.yaml)
 *   natural gas    12.143 tce/万m3  (GB/T 2589-2020, energy.yaml)      21.6219 tCO2/万m3 (guideline default, fuels-co2.yaml)
 *   electricity    0.3024 tce/MWh   (coal_equivalent 2024, energy.yaml) 0.8325 tCO2/MWh  (pinned by the pack, annex 4)
 *   heat           0.03412 tce/GJ   (GB/T 2589-2020, energy.yaml)      0.11 tCO2/GJ     (annex 4 default, fuels-co2.yaml)
 */
import { describe, expect, it } from 'vitest';
import { accountingPack, evalYaml, header } from '../helpers/engine.js';

const rows = (...lines: string[]) => header(`activity:\n${lines.map((l) => `  - ${l}\n`).join('')}`);
const run = (...lines: string[]) => {
  const out = evalYaml(rows(...lines));
  if (!out.report) throw new Error(JSON.stringify(out.diagnostics, null, 1));
  return out.report;
};
const codes = (ds: { code: string }[]) => ds.map((d) => d.code);
const errorsOf = (...lines: string[]) => {
  const out = evalYaml(rows(...lines));
  expect(out.report).toBeUndefined();
  return out.diagnostics.filter((d) => d.severity === 'error');
};

/** A pack that neither pins the grid factor nor credits exports; one indicator so it compiles. */
const NO_CREDIT_PACK = accountingPack('no-credit', '{ grid_factor: fossil, credit_net_exports: false }');

describe('fuel rows', () => {
  it('converts a diesel row to tce and CO2 with the library factors', () => {
    const r = run('{ category: fuel, item: diesel, quantity: 10, unit: t }');
    // 10 t × 1.4571 tce/t (diesel, GB/T 2589-2020, energy.yaml) = 14.571
    expect(r.energy.by_category.fuel).toBe(14.571);
    expect(r.energy.total_tce).toBe(14.571);
    // 10 t × 3.1451 tCO2/t (diesel, guideline default, fuels-co2.yaml) = 31.451
    expect(r.emissions.fuel_t).toBe(31.451);
    // energy_t = fuel_t only = 31.451; gross_t = energy_t (no process/waste)
    expect(r.emissions.energy_t).toBe(31.451);
    expect(r.emissions.gross_t).toBe(31.451);
  });

  it('counts transport rows in transport_t and energy.transport, not in fuel', () => {
    const r = run('{ category: transport, item: diesel, quantity: 10, unit: t }');
    // 10 t × 3.1451 tCO2/t (diesel, fuels-co2.yaml, reached through the fuel entries) = 31.451
    expect(r.emissions.transport_t).toBe(31.451);
    // no fuel rows → 0
    expect(r.emissions.fuel_t).toBe(0);
    // 10 t × 1.4571 tce/t (diesel, energy.yaml) = 14.571
    expect(r.energy.by_category.transport).toBe(14.571);
    // no fuel rows → 0
    expect(r.energy.by_category.fuel).toBe(0);
    // energy_t = transport_t = 31.451
    expect(r.emissions.energy_t).toBe(31.451);
  });

  it('converts natural gas in 万m3 and counts it as clean (clean_includes_gas)', () => {
    const r = run('{ category: fuel, item: natural_gas, quantity: 2, unit: 万m3 }');
    // 2 万m3 × 12.143 tce/万m3 (natural gas, GB/T 2589-2020, energy.yaml) = 24.286
    expect(r.energy.total_tce).toBe(24.286);
    // 2 万m3 × 21.6219 tCO2/万m3 (natural gas, guideline default, fuels-co2.yaml) = 43.2438
    expect(r.emissions.fuel_t).toBe(43.2438);
    // the pack's clean_includes_gas: the whole 24.286 tce is clean
    expect(r.energy.clean_tce).toBe(24.286);
  });

  it('does not count natural gas as clean under a pack without clean_includes_gas', () => {
    const out = evalYaml(rows('{ category: fuel, item: natural_gas, quantity: 2, unit: 万m3 }'), { profileText: NO_CREDIT_PACK });
    // 2 万m3 × 12.143 tce/万m3 (energy.yaml) = 24.286
    expect(out.report!.energy.total_tce).toBe(24.286);
    // clean_includes_gas absent (false) → gas is not clean → 0
    expect(out.report!.energy.clean_tce).toBe(0);
  });

  it('accepts Chinese category, item and unit words (燃料 / 柴油 / 吨)', () => {
    const r = run('{ category: 燃料, item: 柴油, quantity: 10, unit: 吨 }');
    // 10 吨 = 10 t × 3.1451 tCO2/t (diesel, fuels-co2.yaml) = 31.451
    expect(r.emissions.fuel_t).toBe(31.451);
    // 10 t × 1.4571 tce/t (diesel, energy.yaml) = 14.571
    expect(r.energy.by_item['fuel.diesel']).toBe(14.571);
  });

  it('accepts 化石能源 / 天然气 with the volume given in 立方米', () => {
    const r = run('{ category: 化石能源, item: 天然气, quantity: 20000, unit: 立方米 }');
    // 20000 m3 = 2 万m3 × 21.6219 tCO2/万m3 (natural gas, fuels-co2.yaml) = 43.2438
    expect(r.emissions.fuel_t).toBe(43.2438);
    // 2 万m3 × 12.143 tce/万m3 (natural gas, energy.yaml) = 24.286
    expect(r.energy.by_item['fuel.natural_gas']).toBe(24.286);
  });

  it('reads Chinese CSV headers and words from an activity file', () => {
    const csv = '企业,类别,品种,消费量,计量单位\n甲厂,燃料,柴油,10,吨\n甲厂,电力,电网购电,100,万kWh\n';
    const out = evalYaml(header('activity_files: [a.csv]\n'), { files: { 'a.csv': csv } });
    const e = out.report!.emissions.by_entity['甲厂']!;
    // 10 t × 3.1451 tCO2/t (diesel, fuels-co2.yaml) = 31.451
    expect(e.fuel_t).toBe(31.451);
    // 100 万kWh = 1000 MWh × 0.8325 tCO2/MWh (pinned, annex 4) = 832.5
    expect(e.electricity_t).toBe(832.5);
  });

  it('takes a quantity already in tce without an energy factor (biomass, 0 fossil CO2)', () => {
    const r = run('{ category: fuel, item: biomass, quantity: 50, unit: tce }');
    // 50 tce is the energy itself; biomass has no tce coefficient in energy.yaml and needs none
    expect(r.energy.total_tce).toBe(50);
    // biomass is marked clean in vocabulary.yaml → 50 tce clean
    expect(r.energy.clean_tce).toBe(50);
    // 50 tce × 0 tCO2/tce (biomass, biogenic convention, fuels-co2.yaml) = 0
    expect(r.emissions.fuel_t).toBe(0);
    // only the biomass CO2 factor was needed, no energy factor
    expect(r.factors_used.map((f) => `${f.kind} ${f.item} ${f.unit}`)).toEqual(['co2 biomass tCO2/tce']);
  });

  it('takes coal given in 万tce as its energy and a tCO2/tce row factor for its CO2', () => {
    const r = run('{ category: fuel, item: raw_coal, quantity: 0.01, unit: 万tce, factor: 2.66, factor_unit: tCO2/tce }');
    // 0.01 万tce × 10000 = 100 tce, no coefficient applied
    expect(r.energy.total_tce).toBe(100);
    // 100 tce × 2.66 tCO2/tce (row factor) = 266
    expect(r.emissions.fuel_t).toBe(266);
  });

  it('lets a row factor on a fuel row override the library CO2 factor, not the energy one', () => {
    const r = run('{ category: fuel, item: diesel, quantity: 10, unit: t, factor: 3, factor_unit: tCO2/t }');
    // 10 t × 3 tCO2/t (row factor) = 30, not 31.451
    expect(r.emissions.fuel_t).toBe(30);
    // 10 t × 1.4571 tce/t (diesel, energy.yaml; the row factor is CO2 only) = 14.571
    expect(r.energy.total_tce).toBe(14.571);
    // one CO2 factor used: the row's own (the library diesel CO2 factor is not listed)
    const co2 = r.factors_used.filter((f) => f.kind === 'co2');
    expect(co2).toHaveLength(1);
    expect(co2[0]!.origin).toBe('row');
    // the row factor's value as written
    expect(co2[0]!.value).toBe(3);
  });

  it('lets a submission `factors` entry override the built-in energy and CO2 factors', () => {
    const out = evalYaml(
      header(`factors:
  - { category: fuel, item: diesel, co2: 3.2, co2_unit: tCO2/t, energy: 1.5, energy_unit: tce/t, source: "supplier test report" }
activity:
  - { category: fuel, item: diesel, quantity: 10, unit: t }
`),
    );
    const r = out.report!;
    // 10 t × 3.2 tCO2/t (submission factor) = 32
    expect(r.emissions.fuel_t).toBe(32);
    // 10 t × 1.5 tce/t (submission factor) = 15
    expect(r.energy.total_tce).toBe(15);
    // both factors from the submission, as written: 3.2 tCO2/t and 1.5 tce/t
    expect(r.factors_used.map((f) => [f.kind, f.origin, f.value, f.source])).toEqual([
      ['co2', 'submission', 3.2, 'supplier test report'],
      ['energy', 'submission', 1.5, 'supplier test report'],
    ]);
  });
});

describe('electricity', () => {
  it('converts grid power in 万kWh at the coal-equivalent coefficient and the pinned grid factor', () => {
    const r = run('{ category: 电力, item: 电网购电, quantity: 100, unit: 万kWh }');
    // 100 万kWh = 1000 MWh
    expect(r.energy.electricity.consumed_mwh).toBe(1000);
    // 1000 MWh × 0.3024 tce/MWh (coal_equivalent 2024, CEC via energy.yaml) = 302.4
    expect(r.energy.by_category.electricity).toBe(302.4);
    // 1000 MWh × 0.8325 tCO2/MWh (pinned, 910号 annex 4) = 832.5
    expect(r.emissions.electricity_t).toBe(832.5);
  });

  it('accepts 度 (kWh) for electricity', () => {
    const r = run('{ category: electricity, item: grid, quantity: 1000000, unit: 度 }');
    // 1,000,000 度 = 1,000,000 kWh = 1000 MWh × 0.8325 tCO2/MWh (pinned, annex 4) = 832.5
    expect(r.emissions.electricity_t).toBe(832.5);
    // 1000 MWh × 0.3024 tce/MWh (coal_equivalent 2024, energy.yaml) = 302.4
    expect(r.energy.total_tce).toBe(302.4);
  });

  it('nets grid + green − export for consumption and charges only grid − export', () => {
    const r = run(
      '{ category: electricity, item: grid, quantity: 1000, unit: MWh }',
      '{ category: electricity, item: green_trade, quantity: 200, unit: MWh }',
      '{ category: electricity, item: onsite_renewable, quantity: 100, unit: MWh }',
      '{ category: electricity, item: export, quantity: 50, unit: MWh }',
    );
    // consumed = 1000 + 200 + 100 − 50 = 1250 MWh
    expect(r.energy.electricity.consumed_mwh).toBe(1250);
    // 1250 MWh × 0.3024 tce/MWh (coal_equivalent 2024, energy.yaml) = 378
    expect(r.energy.by_category.electricity).toBe(378);
    // (1000 − 50) MWh × 0.8325 tCO2/MWh (pinned, annex 4) = 790.875; green power counts 0
    expect(r.emissions.electricity_t).toBe(790.875);
    // green = 200 + 100 = 300 MWh × 0.3024 tce/MWh = 90.72 clean tce
    expect(r.energy.electricity.green_mwh).toBe(300);
    expect(r.energy.clean_tce).toBe(90.72);
  });

  it('counts green trade and direct green supply at 0 CO2 but full energy', () => {
    const r = run(
      '{ category: electricity, item: green_trade, quantity: 500, unit: MWh }',
      '{ category: electricity, item: direct_green, quantity: 500, unit: MWh }',
    );
    // no grid power → (0 − 0) MWh × 0.8325 = 0
    expect(r.emissions.electricity_t).toBe(0);
    // 1000 MWh × 0.3024 tce/MWh (coal_equivalent 2024, energy.yaml) = 302.4
    expect(r.energy.total_tce).toBe(302.4);
    // all 1000 MWh green → 302.4 clean tce
    expect(r.energy.clean_tce).toBe(302.4);
  });

  it('credits green certificates against grid purchases', () => {
    const r = run(
      '{ category: electricity, item: grid, quantity: 1000, unit: MWh }',
      '{ category: electricity, item: green_certificate, quantity: 400, unit: MWh }',
    );
    // min(400, 1000) = 400 MWh credited
    expect(r.energy.electricity.credited_certificate_mwh).toBe(400);
    // (1000 − 400) MWh × 0.8325 tCO2/MWh (pinned, annex 4) = 499.5
    expect(r.emissions.electricity_t).toBe(499.5);
    // certificates do not add consumption: 1000 MWh × 0.3024 tce/MWh = 302.4
    expect(r.energy.total_tce).toBe(302.4);
    // 400 MWh credited × 0.3024 tce/MWh = 120.96 clean tce
    expect(r.energy.clean_tce).toBe(120.96);
    expect(codes(r.warnings)).not.toContain('ZC-W-CERT-EXCESS');
  });

  it('credits certificates only up to grid purchases and warns ZC-W-CERT-EXCESS', () => {
    const r = run(
      '{ category: electricity, item: grid, quantity: 1000, unit: MWh }',
      '{ category: electricity, item: green_certificate, quantity: 1200, unit: MWh }',
    );
    // min(1200, 1000) = 1000 MWh credited
    expect(r.energy.electricity.credited_certificate_mwh).toBe(1000);
    // (1000 − 1000) MWh × 0.8325 = 0
    expect(r.emissions.electricity_t).toBe(0);
    // 1000 credited MWh × 0.3024 tce/MWh = 302.4 clean tce (not 1200 × 0.3024)
    expect(r.energy.clean_tce).toBe(302.4);
    const w = r.warnings.find((x) => x.code === 'ZC-W-CERT-EXCESS');
    expect(w?.message).toBe("green certificates (1200 MWh) exceed the boundary's grid power (1000 MWh); only 1000 MWh are credited");
  });

  it('credits non-renewable exports at the grid factor so electricity_t goes negative, with ZC-W-ELEC-NET-EXPORT', () => {
    const r = run(
      '{ category: electricity, item: grid, quantity: 100, unit: MWh }',
      '{ category: electricity, item: onsite_fossil, quantity: 500, unit: MWh }',
      '{ category: electricity, item: export, quantity: 300, unit: MWh }',
    );
    // (100 − 300) MWh × 0.8325 tCO2/MWh (pinned, annex 4; credit_net_exports) = −166.5; the captive plant's own
    // CO2 is that of its fuel rows (none here)
    expect(r.emissions.electricity_t).toBe(-166.5);
    // energy_t = gross_t = electricity_t = −166.5
    expect(r.emissions.gross_t).toBe(-166.5);
    // consumed = 100 + 500 − 300 = 300 MWh; energy (100 − 300) MWh × 0.3024 = −60.48 tce: output is deducted and
    // onsite_fossil adds none (its fuel carries the energy)
    expect(r.energy.electricity.consumed_mwh).toBe(300);
    expect(r.energy.by_category.electricity).toBe(-60.48);
    expect(codes(r.warnings)).toContain('ZC-W-ELEC-NET-EXPORT');
    expect(codes(r.warnings)).not.toContain('ZC-W-EXPORT-SOURCE');
  });

  it('counts renewable power sent out at 0 CO2 and takes it out of green power and energy', () => {
    const r = run(
      '{ category: electricity, item: grid, quantity: 100, unit: MWh }',
      '{ category: electricity, item: onsite_renewable, quantity: 500, unit: MWh }',
      '{ category: electricity, item: export_renewable, quantity: 300, unit: MWh }',
    );
    // grid 100 × 0.8325 = 83.25; the 300 MWh of PV sent out count 0 (annex 4 values 送出 by its type)
    expect(r.emissions.electricity_t).toBe(83.25);
    // consumed = 100 + 500 − 300 = 300 MWh × 0.3024 = 90.72 tce
    expect(r.energy.electricity.consumed_mwh).toBe(300);
    expect(r.energy.total_tce).toBe(90.72);
    // green = 500 − 300 = 200 MWh (the power sent out is not consumed green power): 200 × 0.3024 = 60.48
    expect(r.energy.electricity.green_mwh).toBe(200);
    expect(r.energy.clean_tce).toBe(60.48);
    expect(codes(r.warnings)).toEqual(['ZC-W-BAND-BELOW-MIN']);
  });

  it('warns ZC-W-EXPORT-SOURCE when non-renewable exports exceed fossil generation while PV runs inside', () => {
    const r = run(
      '{ category: electricity, item: grid, quantity: 1000, unit: MWh }',
      '{ category: electricity, item: onsite_renewable, quantity: 500, unit: MWh }',
      '{ category: electricity, item: export, quantity: 300, unit: MWh }',
    );
    // export 300 ≤ onsite_fossil 0 + grid 1000 holds, so it is valid: (1000 − 300) × 0.8325 = 582.75
    expect(r.emissions.electricity_t).toBe(582.75);
    const w = r.warnings.find((x) => x.code === 'ZC-W-EXPORT-SOURCE');
    expect(w?.message).toBe(
      'non-renewable export (300 MWh) exceeds on-site fossil generation (0 MWh) while 500 MWh of renewable power is generated inside: if part of the export is renewable, enter it as export_renewable',
    );
    expect(w?.line).toBe(8);
  });

  it('caps clean electricity at consumption with ZC-W-CLEAN-CAPPED', () => {
    const r = run(
      '{ category: electricity, item: grid, quantity: 300, unit: MWh }',
      '{ category: electricity, item: green_trade, quantity: 500, unit: MWh }',
      '{ category: electricity, item: green_certificate, quantity: 300, unit: MWh }',
      '{ category: electricity, item: export, quantity: 200, unit: MWh }',
    );
    // consumed = 300 + 500 − 200 = 600 MWh
    expect(r.energy.electricity.consumed_mwh).toBe(600);
    // green = 500 + min(300, 300) = 800 MWh, counted clean up to consumption: min(800, 600) = 600 MWh
    expect(r.energy.electricity.green_mwh).toBe(800);
    expect(r.energy.electricity.green_consumed_mwh).toBe(600);
    // 600 MWh × 0.3024 tce/MWh (coal_equivalent 2024, energy.yaml) = 181.44 = total, so clean share 1
    expect(r.energy.clean_tce).toBe(181.44);
    expect(r.energy.total_tce).toBe(181.44);
    expect(r.energy.clean_share).toBe(1);
    const w = r.warnings.find((x) => x.code === 'ZC-W-CLEAN-CAPPED');
    expect(w?.message).toBe(
      'green electricity (800 MWh) exceeds the electricity the boundary consumed (600 MWh); clean energy counts at most what was consumed',
    );
  });

  it('adds green electricity and natural gas into clean_tce next to a fossil fuel', () => {
    const r = run(
      '{ category: fuel, item: natural_gas, quantity: 2, unit: 万m3 }',
      '{ category: fuel, item: diesel, quantity: 10, unit: t }',
      '{ category: electricity, item: green_trade, quantity: 100, unit: MWh }',
    );
    // gas 2 × 12.143 = 24.286 + green 100 MWh × 0.3024 = 30.24 → 54.526 clean tce (diesel is not clean)
    expect(r.energy.clean_tce).toBe(54.526);
    // 24.286 + 10 × 1.4571 (= 14.571) + 30.24 = 69.097 tce
    expect(r.energy.total_tce).toBe(69.097);
    // 54.526 / 69.097 = 54526 / 69097 (integers, so JS division is the nearest double)
    expect(r.energy.clean_share).toBe(54526 / 69097);
  });

  it('rejects electricity in tonnes with ZC-E-UNIT-DIMENSION', () => {
    const errs = errorsOf('{ category: electricity, item: grid, quantity: 5, unit: t }');
    expect(codes(errs)).toEqual(['ZC-E-UNIT-DIMENSION']);
    expect(errs[0]!.found).toBe('t');
  });

  it('rejects non-renewable exports beyond fossil generation and grid power with ZC-E-ELEC-BALANCE', () => {
    const errs = errorsOf(
      '{ category: electricity, item: grid, quantity: 100, unit: MWh }',
      '{ category: electricity, item: export, quantity: 200, unit: MWh }',
    );
    // export 200 > onsite_fossil 0 + grid 100: one message (it also makes consumption negative: same cause)
    expect(codes(errs)).toEqual(['ZC-E-ELEC-BALANCE']);
    expect(errs[0]!.found).toBe('200');
    expect(errs[0]!.allowed).toBe('100');
  });

  it('rejects renewable exports beyond renewable generation with ZC-E-ELEC-BALANCE', () => {
    const errs = errorsOf(
      '{ category: electricity, item: grid, quantity: 1000, unit: MWh }',
      '{ category: electricity, item: onsite_renewable, quantity: 100, unit: MWh }',
      '{ category: electricity, item: export_renewable, quantity: 150, unit: MWh }',
    );
    expect(codes(errs)).toEqual(['ZC-E-ELEC-BALANCE']);
    expect(errs[0]!.message).toContain('export_renewable ≤ onsite_renewable');
  });

  it('lets no export enter CO2 under a pack that does not credit exports, and floors nothing', () => {
    const out = evalYaml(
      rows(
        '{ entity: A, category: electricity, item: grid, quantity: 100, unit: MWh }',
        '{ entity: A, category: electricity, item: onsite_fossil, quantity: 500, unit: MWh }',
        '{ entity: A, category: electricity, item: export, quantity: 300, unit: MWh }',
        '{ entity: B, category: electricity, item: grid, quantity: 1000, unit: MWh }',
      ),
      { profileText: NO_CREDIT_PACK },
    );
    const r = out.report!;
    // A: 100 MWh × 0.8273 (fossil series, 2023 vintage for 2024, MEE/NBS, electricity.yaml) = 82.73: its export does not enter
    expect(r.emissions.by_entity.A!.electricity_t).toBe(82.73);
    // B: 1000 MWh × 0.8273 = 827.3
    expect(r.emissions.by_entity.B!.electricity_t).toBe(827.3);
    // boundary: grid 1100 × 0.8273 = 910.03 (GPC scope 2: the grid power consumed)
    expect(r.emissions.electricity_t).toBe(910.03);
    // energy at the calorific coefficient 0.1229 tce/MWh: A (100 − 300) = −200 MWh → −24.58; B 1000 → 122.9; total 98.32
    expect(r.emissions.by_entity.A!.energy_tce).toBe(-24.58);
    expect(r.energy.total_tce).toBe(98.32);
    expect(codes(r.warnings)).not.toContain('ZC-W-ELEC-EXPORT-FLOORED');
    expect(codes(r.warnings)).not.toContain('ZC-W-ELEC-NET-EXPORT');
  });
});

describe('heat', () => {
  it('nets purchased + renewable − export for energy and charges purchased − export', () => {
    const r = run(
      '{ category: heat, item: purchased, quantity: 1000, unit: GJ }',
      '{ category: heat, item: onsite_renewable, quantity: 200, unit: GJ }',
      '{ category: heat, item: export, quantity: 300, unit: GJ }',
    );
    // consumed = 1000 + 200 − 300 = 900 GJ
    expect(r.energy.heat.consumed_gj).toBe(900);
    // 900 GJ × 0.03412 tce/GJ (heat, GB/T 2589-2020, energy.yaml) = 30.708
    expect(r.energy.by_category.heat).toBe(30.708);
    // (1000 − 300) GJ × 0.11 tCO2/GJ (heat default, annex 4, fuels-co2.yaml) = 77
    expect(r.emissions.heat_t).toBe(77);
    // renewable 200 GJ × 0.03412 tce/GJ = 6.824 clean tce
    expect(r.energy.clean_tce).toBe(6.824);
  });

  it('credits fossil heat sent out at the heat factor, with no floor, and counts non-fossil heat as clean', () => {
    const r = run(
      '{ category: heat, item: purchased, quantity: 100, unit: GJ }',
      '{ category: heat, item: onsite_fossil, quantity: 500, unit: GJ }',
      '{ category: heat, item: purchased_renewable, quantity: 200, unit: GJ }',
      '{ category: heat, item: export, quantity: 300, unit: GJ }',
    );
    // (100 − 300) GJ × 0.11 tCO2/GJ = −22 (annex 4: fossil heat sent out at the heat factor); geothermal 0
    expect(r.emissions.heat_t).toBe(-22);
    // consumed = 100 + 200 + 500 − 300 = 500 GJ; energy (100 + 200 − 300) GJ × 0.03412 = 0 (boiler fuel carries its own)
    expect(r.energy.heat.consumed_gj).toBe(500);
    expect(r.energy.by_category.heat).toBe(0);
    // clean heat = 200 purchased_renewable GJ × 0.03412 = 6.824 tce
    expect(r.energy.heat.clean_gj).toBe(200);
    expect(r.energy.clean_tce).toBe(6.824);
  });

  it('converts steam in tonnes at the row enthalpy (GJ/t), listed as a row factor', () => {
    const r = run('{ category: heat, item: purchased, quantity: 1000, unit: t, factor: 2.8, factor_unit: GJ/t }');
    // 1000 t × 2.8 GJ/t = 2800 GJ; × 0.11 tCO2/GJ = 308; × 0.03412 tce/GJ = 95.536
    expect(r.energy.heat.purchased_gj).toBe(2800);
    expect(r.emissions.heat_t).toBe(308);
    expect(r.energy.by_category.heat).toBe(95.536);
    expect(r.factors_used.find((f) => f.id.startsWith('row:'))).toMatchObject({ kind: 'energy', value: 2.8, unit: 'GJ/t' });
    expect(codes(r.warnings)).not.toContain('ZC-W-STEAM-ENTHALPY');
  });

  it('converts 蒸汽 in 吨 at the cited default enthalpy of low-pressure steam, with a warning', () => {
    const r = run('{ category: 热力, item: 蒸汽, quantity: 100, unit: 吨 }');
    // 100 t × 3.763 GJ/t (GB/T 2589-2020 附录A, 蒸汽(低压) 3 763 MJ/t) = 376.3 GJ; × 0.11 = 41.393
    expect(r.energy.heat.purchased_gj).toBe(376.3);
    expect(r.emissions.heat_t).toBe(41.393);
    expect(codes(r.warnings)).toContain('ZC-W-STEAM-ENTHALPY');
    expect(r.factors_used.find((f) => f.item === 'steam_enthalpy')).toMatchObject({ value: 3.763, unit: 'GJ/t', confidence: 'S' });
  });

  it('refuses heat in tonnes with neither an enthalpy nor a steam word (ZC-E-UNIT-DIMENSION), never a guess', () => {
    const errs = errorsOf('{ category: heat, item: purchased, quantity: 100, unit: t }');
    expect(codes(errs)).toEqual(['ZC-E-UNIT-DIMENSION']);
    expect(errs[0]!.message).toContain('steam in tonnes needs its enthalpy');
  });

  it('rejects non-fossil heat sent out beyond what was made or received with ZC-E-HEAT-BALANCE', () => {
    const errs = errorsOf(
      '{ category: heat, item: purchased, quantity: 1000, unit: GJ }',
      '{ category: heat, item: onsite_renewable, quantity: 50, unit: GJ }',
      '{ category: heat, item: export_renewable, quantity: 80, unit: GJ }',
    );
    expect(codes(errs)).toEqual(['ZC-E-HEAT-BALANCE']);
    expect(errs[0]!.found).toBe('80');
  });
});

describe('process, waste, sinks and offsets', () => {
  it('takes process and waste emissions given in tCO2 / 万tCO2e directly', () => {
    const r = run('{ category: process, item: other, quantity: 500, unit: tCO2 }', '{ category: waste, item: landfill, quantity: 0.012, unit: 万tCO2e }');
    // given directly: 500 tCO2
    expect(r.emissions.process_t).toBe(500);
    // 0.012 万tCO2e × 10000 = 120 tCO2
    expect(r.emissions.waste_t).toBe(120);
    // gross_t = energy_t 0 + 500 + 120 = 620
    expect(r.emissions.gross_t).toBe(620);
    // process and waste are not energy
    expect(r.emissions.energy_t).toBe(0);
  });

  it('applies a row factor to a process row given in tonnes', () => {
    const r = run('{ category: process, item: cement_clinker, quantity: 1000, unit: t, factor: 0.5, factor_unit: tCO2/t }');
    // 1000 t × 0.5 tCO2/t (row factor) = 500
    expect(r.emissions.process_t).toBe(500);
    // the row factor, 0.5 tCO2/t as written
    expect(r.factors_used.map((f) => [f.origin, f.category, f.item, f.value, f.unit])).toEqual([['row', 'process', 'cement_clinker', 0.5, 'tCO2/t']]);
  });

  it('subtracts sinks and offsets from net_t but not from gross_t', () => {
    const r = run(
      '{ category: fuel, item: diesel, quantity: 10, unit: t }',
      '{ category: sink, item: forest, quantity: 5, unit: tCO2 }',
      '{ category: offset, item: ccer, quantity: 3, unit: tCO2 }',
    );
    // 10 t × 3.1451 tCO2/t (diesel, fuels-co2.yaml) = 31.451, untouched by sinks/offsets
    expect(r.emissions.gross_t).toBe(31.451);
    // sinks_t = the forest row, 5 tCO2 given directly
    expect(r.emissions.sinks_t).toBe(5);
    // offsets_t = the CCER row, 3 tCO2 given directly
    expect(r.emissions.offsets_t).toBe(3);
    // 31.451 − 5 − 3 = 23.451
    expect(r.emissions.net_t).toBe(23.451);
    // by item: forest 5, ccer 3
    expect(r.emissions.sinks_by_item).toEqual({ forest: 5 });
    expect(r.emissions.offsets_by_item).toEqual({ ccer: 3 });
  });
});

describe('CO2e kept apart from CO2', () => {
  it('counts tonnes entered in tCO2e in their figure and says which figures hold CO2e', () => {
    const r = run(
      '{ category: fuel, item: diesel, quantity: 10, unit: t }',
      '{ category: waste, item: landfill, quantity: 2, unit: 万tCO2e }',
      '{ category: process, item: other, quantity: 5, unit: tCO2 }',
    );
    // waste 2 万tCO2e = 20,000 tCO2e; gross = 31.451 (diesel) + 5 + 20,000 = 20,036.451
    expect(r.emissions.waste_t).toBe(20000);
    expect(r.emissions.gross_t).toBe(20036.451);
    expect(r.emissions.co2e_t).toEqual({ waste_t: 20000 });
    // every aggregate above waste_t holds CO2e; energy_t and process_t stay tCO2
    expect(r.emissions.includes_co2e).toEqual(['waste_t', 'gross_t', 'net_t']);
    // zero-carbon-park's core indicator reads energy_t and process_t only: no warning
    expect(codes(r.warnings)).not.toContain('ZC-W-CO2E-IN-CO2');
  });

  it('warns when an indicator reads a figure that holds CO2e', () => {
    const r = run('{ category: process, item: other, quantity: 7, unit: tCO2e }', '{ category: fuel, item: diesel, quantity: 10, unit: t }');
    const w = r.warnings.find((x) => x.code === 'ZC-W-CO2E-IN-CO2');
    expect(w?.message).toBe(
      'the formula of carbon_per_energy reads process_t, which include 7 t entered in CO2e units (other gases at their GWP): it counts them as if they were CO2',
    );
    expect(r.emissions.includes_co2e).toEqual(['process_t', 'gross_t', 'net_t']);
  });
});

describe('entities and factor provenance', () => {
  it('breaks totals down by entity, and the entities sum to the totals', () => {
    const r = run(
      '{ entity: A, category: fuel, item: diesel, quantity: 10, unit: t }',
      '{ entity: A, category: electricity, item: grid, quantity: 1000, unit: MWh }',
      '{ entity: B, category: fuel, item: natural_gas, quantity: 2, unit: 万m3 }',
      '{ entity: B, category: process, item: other, quantity: 100, unit: tCO2 }',
      '{ entity: B, category: sink, item: forest, quantity: 5, unit: tCO2 }',
    );
    const { A, B } = r.emissions.by_entity;
    // A: 10 × 1.4571 = 14.571 + 1000 MWh × 0.3024 = 302.4 → 316.971 tce
    expect(A!.energy_tce).toBe(316.971);
    // A: 31.451 (diesel) + 832.5 (1000 MWh × 0.8325 pinned) = 863.951 tCO2
    expect(A!.gross_t).toBe(863.951);
    // B: 2 万m3 × 12.143 = 24.286 tce, all clean (gas)
    expect(B!.energy_tce).toBe(24.286);
    expect(B!.clean_tce).toBe(24.286);
    // B: 2 × 21.6219 = 43.2438 + process 100 = 143.2438; net = 143.2438 − 5 = 138.2438
    expect(B!.gross_t).toBe(143.2438);
    expect(B!.net_t).toBe(138.2438);
    // totals: 316.971 + 24.286 = 341.257 tce; 863.951 + 143.2438 = 1007.1948 tCO2; net 1007.1948 − 5 = 1002.1948
    expect(r.energy.total_tce).toBe(341.257);
    expect(r.emissions.gross_t).toBe(1007.1948);
    expect(r.emissions.net_t).toBe(1002.1948);
  });

  it('lists exactly the factors a fuel-only result used, with source and confidence', () => {
    const r = run('{ category: fuel, item: diesel, quantity: 10, unit: t }');
    // diesel 1.4571 tce/t [S] (GB/T 2589-2020, energy.yaml) and 3.1451 tCO2/t [S] (guideline default, fuels-co2.yaml)
    expect(r.factors_used.map((f) => [f.id, f.kind, f.value, f.unit, f.confidence, f.origin])).toEqual([
      ['builtin:cn-energy:energy:fuel/diesel', 'energy', 1.4571, 'tce/t', 'S', 'builtin'],
      ['builtin:cn-fuels-co2:co2:fuel/diesel', 'co2', 3.1451, 'tCO2/t', 'S', 'builtin'],
    ]);
    for (const f of r.factors_used) expect(f.source).toContain('柴油');
  });

  it('lists the pinned grid factor and the 2024 coal-equivalent coefficient for grid power', () => {
    const r = run('{ category: electricity, item: grid, quantity: 1000, unit: MWh }');
    // coal_equivalent 2024 0.3024 tce/MWh [S] (CEC, energy.yaml); grid pinned 0.8325 tCO2/MWh [C] (annex 4, the pack)
    expect(r.factors_used.map((f) => [f.id, f.kind, f.value, f.unit, f.confidence, f.origin, f.year])).toEqual([
      ['builtin:cn-energy:energy:electricity/coal_equivalent:2024', 'energy', 0.3024, 'tce/MWh', 'S', 'builtin', 2024],
      ['profile:zero-carbon-park:co2:electricity/grid', 'co2', 0.8325, 'tCO2/MWh', 'C', 'profile', undefined],
    ]);
    expect(r.factors_used[1]!.source).toContain('0.8325');
  });
});

describe('input errors', () => {
  it('rejects natural gas in GJ against the per-万m3 factors with ZC-E-UNIT-DIMENSION', () => {
    const errs = errorsOf('{ category: fuel, item: natural_gas, quantity: 2, unit: GJ }');
    // both the energy (tce/万m3) and the CO2 (tCO2/万m3) factor are per volume
    // one message for the row, although its energy and CO2 factors both disagree with GJ
    expect(codes(errs)).toEqual(['ZC-E-UNIT-DIMENSION']);
    expect(errs[0]!.found).toBe('GJ');
  });

  it('rejects a negative quantity with ZC-E-NUMBER-NEGATIVE', () => {
    // −5 t: quantities must be ≥ 0 (README § Input)
    const errs = errorsOf('{ category: fuel, item: diesel, quantity: -5, unit: t }');
    expect(codes(errs)).toEqual(['ZC-E-NUMBER-NEGATIVE']);
  });

  it('rejects an unknown unit and suggests the nearest one', () => {
    const errs = errorsOf('{ category: electricity, item: grid, quantity: 5, unit: MWhh }');
    expect(codes(errs)).toEqual(['ZC-E-UNIT-UNKNOWN']);
    expect(errs[0]!.suggestion).toBe('MWh');
  });

  it("suggests only units the row's category allows: kW on a grid row is kWh, never kg", () => {
    // by spelling alone kW is one edit from kg (mass) and from kWh (energy); electricity rows take energy
    const errs = errorsOf('{ category: electricity, item: grid, quantity: 5, unit: kW }');
    expect(codes(errs)).toEqual(['ZC-E-UNIT-UNKNOWN']);
    expect(errs[0]!.suggestion).toBe('kWh');
  });

  it('rejects an unknown item and suggests the nearest one', () => {
    const errs = errorsOf('{ category: fuel, item: disel, quantity: 5, unit: t }');
    expect(codes(errs)).toEqual(['ZC-E-VOCAB-ITEM']);
    expect(errs[0]!.suggestion).toBe('diesel');
  });
});
