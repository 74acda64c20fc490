/**
 * The four programme packs (carbon-peaking-city, carbon-peaking-park, climate-positive, carbon-budget)
 * through the built CLI, on the fictional fixtures under fixtures/programmes/. Every expected figure
 * was derived by hand from the rows and the bundled factors, then compared with the JSON report.
 *
 * Factors (reporting year 2023; the city/park/district/county packs count electricity at the calorific
 * value and use the MEE/NBS AVERAGE grid factor, provincial → regional → national):
 *   src/data/factors/energy.yaml     raw coal 0.7143 tce/t · coke 0.9714 tce/t · natural gas 12.143 tce/万m3 ·
 *                                    diesel 1.4571 tce/t · gasoline 1.4714 tce/t · LPG 1.7143 tce/t ·
 *                                    electricity calorific (当量值) 0.1229 tce/MWh · heat 0.03412 tce/GJ
 *   src/data/factors/fuels-co2.yaml  raw coal 2.0715 tCO2/t · coke 2.8518 tCO2/t · natural gas 21.6219 tCO2/万m3 ·
 *                                    diesel 3.1451 tCO2/t · gasoline 3.0425 tCO2/t · LPG 2.9538 tCO2/t · heat 0.11 tCO2/GJ
 *   src/data/factors/electricity.yaml  2023 average: CN-NM (provincial) 0.6479 · CN-GRID-EAST (Zhejiang) 0.55 ·
 *                                    CN-GRID-SOUTH (Guangdong, Hainan) 0.4042 tCO2/MWh
 * Units (src/data/units.yaml): 万 = 10^4, 亿 = 10^8; 1 亿kWh = 100,000 MWh; 1 TJ = 1000 GJ; money in 万元.
 * Ratios that do not terminate are compared with the exact JS expression of their reduced integer fraction.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportIndicator } from '../../src/report/types.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const FIX = 'fixtures/programmes';
const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'zcpark-programmes-'));
  tmpDirs.push(d);
  return d;
}

/** Evaluates one submission to JSON; the run must succeed (exit 0). */
function evaluate(path: string): Report {
  const r = runCli(['evaluate', path, '-f', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const indicators = (r: Report): Record<string, ReportIndicator> => Object.fromEntries(r.indicators.map((i) => [i.id, i]));

/** Writes an inline submission to a fresh temp dir and evaluates it. */
function evaluateYaml(yaml: string): Report {
  const d = tmp();
  writeFileSync(join(d, 'submission.yaml'), yaml);
  return evaluate(join(d, 'submission.yaml'));
}

/** Copies a fixture folder to a temp dir, lets `edit` change its files, and evaluates the copy. */
function evaluateVariant(fixture: string, edit: (dir: string) => void): Report {
  const d = tmp();
  cpSync(join(ROOT, FIX, fixture), d, { recursive: true });
  edit(d);
  return evaluate(join(d, 'submission.yaml'));
}
const rewrite = (file: string, f: (text: string) => string) => writeFileSync(file, f(readFileSync(file, 'utf8')));

// ---------------------------------------------------------------------------------------------------
describe('pilot-city (carbon-peaking-city, 青溪市, CN-ZJ, 2023)', () => {
  let report: Report;
  let ind: Record<string, ReportIndicator>;
  beforeAll(() => {
    report = evaluate(`${FIX}/pilot-city/submission.yaml`);
    ind = indicators(report);
  });

  it('converts city totals in Chinese units to tce (calorific electricity)', () => {
    // 原煤 620 万t = 6,200,000 t × 0.7143 tce/t = 4,428,660
    // 天然气 工业 8.5 亿m3 = 85,000 万m3 × 12.143 = 1,032,155; 建筑 3.2 亿m3 = 32,000 万m3 × 12.143 = 388,576
    // fuel = 4,428,660 + 1,032,155 + 388,576 = 5,849,391
    expect(report.energy.by_category.fuel).toBe(5849391);
    // 柴油 42 万t = 420,000 t × 1.4571 = 611,982; 汽油 55 万t = 550,000 t × 1.4714 = 809,270 → 1,421,252
    expect(report.energy.by_category.transport).toBe(1421252);
    // grid 310 + 95 亿kWh + PV 18 亿kWh = 423 亿kWh = 42,300,000 MWh
    expect(report.energy.electricity.consumed_mwh).toBe(42300000);
    // 42,300,000 MWh × 0.1229 tce/MWh (calorific, energy.yaml) = 5,198,670
    expect(report.energy.by_category.electricity).toBe(5198670);
    expect(report.energy.by_category.heat).toBe(0);
    // 5,849,391 + 1,421,252 + 5,198,670 = 12,469,313 tce
    expect(report.energy.total_tce).toBe(12469313);
    // clean: PV 1,800,000 MWh × 0.1229 = 221,220 (natural gas is not clean in this pack)
    expect(report.energy.clean_tce).toBe(221220);
  });

  it('computes CO2 by category with the East China 2023 average grid factor', () => {
    // coal 6,200,000 t × 2.0715 = 12,843,300; gas 85,000 万m3 × 21.6219 = 1,837,861.5 and 32,000 × 21.6219 = 691,900.8
    // fuel = 12,843,300 + 1,837,861.5 + 691,900.8 = 15,373,062.3
    expect(report.emissions.fuel_t).toBe(15373062.3);
    // diesel 420,000 t × 3.1451 = 1,320,942; gasoline 550,000 t × 3.0425 = 1,673,375 → 2,994,317
    expect(report.emissions.transport_t).toBe(2994317);
    // grid 405 亿kWh = 40,500,000 MWh × 0.55 tCO2/MWh (electricity.yaml, 2023 CN-GRID-EAST average) = 22,275,000; PV 0
    expect(report.emissions.electricity_t).toBe(22275000);
    expect(report.emissions.heat_t).toBe(0);
    // 水泥熟料 485 万tCO2 reported directly = 4,850,000
    expect(report.emissions.process_t).toBe(4850000);
    // waste 38 + 12 + 9.5 万tCO2e = 595,000
    expect(report.emissions.waste_t).toBe(595000);
    // energy_t = 15,373,062.3 + 2,994,317 + 22,275,000 = 40,642,379.3
    expect(report.emissions.energy_t).toBe(40642379.3);
    // gross = 40,642,379.3 + 4,850,000 + 595,000 = 46,087,379.3
    expect(report.emissions.gross_t).toBe(46087379.3);
    // forest 210 万tCO2 = 2,100,000; net = 46,087,379.3 − 2,100,000 = 43,987,379.3
    expect(report.emissions.sinks_t).toBe(2100000);
    expect(report.emissions.net_t).toBe(43987379.3);
    // the sub-entities come from the Chinese 单位名称 column
    expect(Object.keys(report.emissions.by_entity).sort()).toEqual(['交通', '工业', '市政', '建筑', '林业'].sort());
    // 工业: coal 12,843,300 + gas 1,837,861.5 + grid 310 亿kWh = 31,000,000 MWh × 0.55 = 17,050,000 + process 4,850,000
    expect(report.emissions.by_entity['工业']!.gross_t).toBe(36581161.5);
  });

  it('resolves the grid factor to the East China regional factor, with a warning', () => {
    const grid = report.factors_used.find((f) => f.category === 'electricity' && f.item === 'grid')!;
    expect([grid.value, grid.region, grid.year, grid.series]).toEqual([0.55, 'CN-GRID-EAST', 2023, 'average']);
    const coef = report.factors_used.find((f) => f.category === 'electricity' && f.kind === 'energy')!;
    expect([coef.item, coef.value]).toEqual(['calorific', 0.1229]);
    expect(report.warnings.map((w) => w.code)).toEqual(['ZC-W-FACTOR-GEOGRAPHY']);
  });

  it('shows the GPC sector view', () => {
    // I = fuel (scope 1) 15,373,062.3 + electricity and heat (scope 2) 22,275,000 = 37,648,062.3
    // BASIC = I + II 2,994,317 + III 595,000 = 41,237,379.3; BASIC+ = BASIC + IPPU 4,850,000 − removals 2,100,000
    expect(report.sectors).toEqual({
      I_stationary_energy: { total_t: 37648062.3, scope1_t: 15373062.3, scope2_t: 22275000 },
      II_transportation: { total_t: 2994317 },
      III_waste: { total_t: 595000 },
      IV_ippu: { total_t: 4850000 },
      V_afolu: { removals_t: 2100000 },
      basic_t: 41237379.3,
      basic_plus_t: 43987379.3,
    });
    expect(report.budget).toBeNull();
  });

  it('scores the intensity reductions against the 2020 baseline', () => {
    // energy-related CO2, as China's 单位GDP二氧化碳排放 counts it (pack comment):
    // 1 − (energy_t 40,642,379.3 / 39,800,000 万元) / (baseline 41,000,000 / 32,000,000 万元)
    //   = 1 − 40,642,379.3 × 32,000,000 / (39,800,000 × 41,000,000) = 103513707/509937500 ≈ 0.2030
    const c = ind.carbon_intensity_reduction!;
    expect(c.value).toBe(103513707 / 509937500);
    // the city's own target 19.5 % (targets.carbon_intensity_reduction), not the national 18 %
    expect(c.threshold!.op).toBe('>=');
    expect(c.threshold!.value).toBe(0.195);
    expect(c.threshold!.basis).toBe('target');
    expect(c.status).toBe('pass');
    expect(c.points).toBe(25);
    // 1 − (12,469,313 / 39,800,000) / (11,600,000 / 32,000,000) = 1 − 399,018,016 / 461,680,000
    //   = 62,661,984 / 461,680,000 = 1958187/14427500 ≈ 0.1357
    const e = ind.energy_intensity_reduction!;
    expect(e.value).toBe(1958187 / 14427500);
    // no own target: the national reference 13.5 %
    expect(e.threshold!.value).toBe(0.135);
    expect(e.threshold!.basis).toBe('reference');
    expect(e.status).toBe('pass');
    expect(e.points).toBe(20);
  });

  it('scores the guiding indicators against own targets and national references', () => {
    // non-fossil from the rows (no metric.non_fossil_share): PV 221,220 / 12,469,313 tce
    const nf = ind.non_fossil_share!;
    expect(nf.value).toBe(221220 / 12469313);
    expect([nf.threshold!.value, nf.threshold!.basis, nf.status]).toEqual([0.2, 'reference', 'fail']);
    // 15 × (221,220 / 12,469,313) / 0.2 = 16,591,500 / 12,469,313
    expect(nf.points).toBe(16591500 / 12469313);
    // 52 % against the city's own 60 %: fail, 10 × 0.52 / 0.6 = 26/3
    const nev = ind.nev_sales_share!;
    expect(nev.value).toBe(0.52);
    expect([nev.threshold!.value, nev.threshold!.basis, nev.status]).toEqual([0.6, 'target', 'fail']);
    expect(nev.points).toBe(26 / 3);
    // 72 % against the national 70 % (no own target)
    const gt = ind.green_travel_share!;
    expect(gt.value).toBe(0.72);
    expect([gt.threshold!.value, gt.threshold!.basis, gt.status, gt.points]).toEqual([0.7, 'reference', 'pass', 10]);
    // 96.4 % against the city's own 95 % (the national reference would be 100 %)
    const gb = ind.green_building_share!;
    expect(gb.value).toBe(0.964);
    expect([gb.threshold!.value, gb.threshold!.basis, gb.status, gb.points]).toEqual([0.95, 'target', 'pass', 10]);
    // 139.12 / 148 万t = 0.94 against the reference 80 %
    const sw = ind.solid_waste_utilization!;
    expect(sw.value).toBe(0.94);
    expect([sw.threshold!.value, sw.threshold!.basis, sw.status, sw.points]).toEqual([0.8, 'reference', 'pass', 10]);
  });

  it('gives score, grade and verdict', () => {
    // (25 + 20 + 16,591,500/12,469,313 + 26/3 + 10 + 10 + 10) × 100 / 100 = 3179572063/37407939 ≈ 84.997
    expect(report.score).toBe(3179572063 / 37407939);
    expect(report.grade).toBe('B'); // 75 ≤ 84.997 < 90
    expect(report.verdict).toBe('pass'); // both core indicators pass
  });

  it('without a baseline: both intensity reductions are missing (never 0) and the verdict is incomplete', () => {
    const r = evaluateVariant('pilot-city', (d) => rewrite(join(d, 'submission.yaml'), (t) => t.replace(/^baseline:[\s\S]*?(?=^targets:)/m, '')));
    const i = indicators(r);
    expect(i.carbon_intensity_reduction!.status).toBe('missing');
    expect(i.carbon_intensity_reduction!.value).toBeNull();
    expect(i.carbon_intensity_reduction!.points).toBe(0);
    expect(i.carbon_intensity_reduction!.missing).toEqual(['baseline.emissions_t', 'baseline.gdp']);
    expect(i.energy_intensity_reduction!.status).toBe('missing');
    expect(i.energy_intensity_reduction!.value).toBeNull();
    expect(i.energy_intensity_reduction!.points).toBe(0);
    expect(i.energy_intensity_reduction!.missing).toEqual(['baseline.energy_tce', 'baseline.gdp']);
    expect(r.verdict).toBe('incomplete');
    // the guiding indicators are unchanged: (0 + 0 + 16,591,500/12,469,313 + 26/3 + 30) = 1496214808/37407939
    expect(r.score).toBe(1496214808 / 37407939);
    expect(r.grade).toBe('D');
    // accounting does not depend on the baseline
    expect(r.emissions.gross_t).toBe(46087379.3);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('pilot-park (carbon-peaking-park, 红山高新区, CN-NM, 2023)', () => {
  let report: Report;
  let ind: Record<string, ReportIndicator>;
  beforeAll(() => {
    report = evaluate(`${FIX}/pilot-park/submission.yaml`);
    ind = indicators(report);
  });

  it('converts energy to tce', () => {
    // raw coal 85 万t = 850,000 t × 0.7143 = 607,155; coke 12 万t = 120,000 t × 0.9714 = 116,568;
    // gas 1.2 亿m3 = 12,000 万m3 × 12.143 = 145,716 → fuel 869,439
    expect(report.energy.by_category.fuel).toBe(869439);
    // diesel 1.8 万t = 18,000 t × 1.4571 = 26,227.8
    expect(report.energy.by_category.transport).toBe(26227.8);
    // grid 30 + 18 亿kWh + green trade 9 亿kWh + PV 2.5 亿kWh = 59.5 亿kWh = 5,950,000 MWh (certificates add no MWh)
    expect(report.energy.electricity.consumed_mwh).toBe(5950000);
    // 5,950,000 × 0.1229 = 731,255
    expect(report.energy.by_category.electricity).toBe(731255);
    // steam 1800 TJ = 1,800,000 GJ × 0.03412 tce/GJ = 61,416
    expect(report.energy.by_category.heat).toBe(61416);
    // 869,439 + 26,227.8 + 731,255 + 61,416 = 1,688,337.8
    expect(report.energy.total_tce).toBe(1688337.8);
    // green = trade 900,000 + PV 250,000 + min(certificates 300,000, grid 3,000,000) = 1,450,000 MWh × 0.1229 = 178,205
    expect(report.energy.electricity.green_consumed_mwh).toBe(1450000);
    expect(report.energy.clean_tce).toBe(178205);
  });

  it('computes CO2 with the Inner Mongolia provincial 2023 factor', () => {
    // coal 850,000 × 2.0715 = 1,760,775; coke 120,000 × 2.8518 = 342,216; gas 12,000 × 21.6219 = 259,462.8 → 2,362,453.8
    expect(report.emissions.fuel_t).toBe(2362453.8);
    // diesel 18,000 × 3.1451 = 56,611.8
    expect(report.emissions.transport_t).toBe(56611.8);
    // (grid 4,800,000 − credited certificates 300,000) MWh × 0.6479 (electricity.yaml, 2023 CN-NM average) = 2,915,550
    expect(report.emissions.electricity_t).toBe(2915550);
    // 1,800,000 GJ × 0.11 tCO2/GJ = 198,000
    expect(report.emissions.heat_t).toBe(198000);
    // process 40 万tCO2 reported = 400,000
    expect(report.emissions.process_t).toBe(400000);
    expect(report.emissions.waste_t).toBe(0);
    // energy_t = 2,362,453.8 + 56,611.8 + 2,915,550 + 198,000 = 5,532,615.6; gross = + 400,000 = 5,932,615.6
    expect(report.emissions.energy_t).toBe(5532615.6);
    expect(report.emissions.gross_t).toBe(5932615.6);
    const grid = report.factors_used.find((f) => f.category === 'electricity' && f.item === 'grid')!;
    expect([grid.value, grid.region, grid.year, grid.series]).toEqual([0.6479, 'CN-NM', 2023, 'average']);
    expect(report.warnings).toEqual([]); // provincial factor of the reporting year: no fallback
    expect(report.sectors).toBeNull(); // the park pack has no sector_view
  });

  it('scores the per-industrial-added-value reductions', () => {
    // energy-related CO2 (energy_t), the scope of the city pack, against the baseline's energy-related 520 万tCO2:
    // 1 − (5,532,615.6 / 4,200,000 万元) / (5,200,000 / 3,300,000 万元) = 1 − 5,532,615.6 × 3,300,000 / (4,200,000 × 5,200,000)
    //   = 1 − 152,146,929/182,000,000 = 29853071/182000000 ≈ 0.1640: fails the national 18 % (no own target)
    const c = ind.carbon_intensity_reduction!;
    expect(c.value).toBe(29853071 / 182000000);
    expect([c.threshold!.op, c.threshold!.value, c.threshold!.basis, c.status]).toEqual(['>=', 0.18, 'reference', 'fail']);
    // 30 × (29853071/182000000) / 0.18 = 29853071/1092000
    expect(c.points).toBe(29853071 / 1092000);
    // 1 − ((1,688,337.8 − 0 feedstock) / 4,200,000) / (1,580,000 / 3,300,000) = 1 − 92,858,579/110,600,000 = 17741421/110600000 ≈ 0.1604
    const e = ind.energy_intensity_reduction!;
    expect(e.value).toBe(17741421 / 110600000);
    expect([e.threshold!.value, e.threshold!.basis, e.status, e.points]).toEqual([0.135, 'reference', 'pass', 25]);
  });

  it('scores the guiding indicators', () => {
    // renewable (non-fossil) share from the rows: 178,205 / 1,688,337.8 = 891025/8441689 ≈ 0.1056 ≥ own target 10 %
    const rs = ind.renewable_share!;
    expect(rs.value).toBe(891025 / 8441689);
    expect([rs.threshold!.value, rs.threshold!.basis, rs.status, rs.points]).toEqual([0.1, 'target', 'pass', 15]);
    // solid_waste_utilization_rate 83 % (utilized/generated absent → the rate)
    const sw = ind.solid_waste_utilization!;
    expect(sw.value).toBe(0.83);
    expect([sw.threshold!.value, sw.threshold!.basis, sw.status, sw.points]).toEqual([0.8, 'reference', 'pass', 15]);
    // 3,910 / 4,250 万m3 = 0.92
    const w = ind.water_reuse!;
    expect(w.value).toBe(0.92);
    expect([w.threshold!.value, w.threshold!.basis, w.status, w.points]).toEqual([0.8, 'reference', 'pass', 15]);
  });

  it('gives score, grade and verdict', () => {
    // 29853071/1092000 + 25 + 15 + 15 + 15 = 106293071/1092000 ≈ 97.34
    expect(report.score).toBe(106293071 / 1092000);
    expect(report.grade).toBe('A');
    expect(report.verdict).toBe('fail'); // a core indicator failed, whatever the score
  });
});

// ---------------------------------------------------------------------------------------------------
describe('climate-positive-district (climate-positive, 滨海生态新区, CN-GD, 2023)', () => {
  let report: Report;
  let ind: Record<string, ReportIndicator>;
  beforeAll(() => {
    report = evaluate(`${FIX}/climate-positive-district/submission.yaml`);
    ind = indicators(report);
  });

  it('converts energy to tce', () => {
    // gas 650 万m3 × 12.143 = 7,892.95
    expect(report.energy.by_category.fuel).toBe(7892.95);
    // diesel 2,400 t × 1.4571 = 3,497.04; gasoline 3,100 t × 1.4714 = 4,561.34 → 8,058.38
    expect(report.energy.by_category.transport).toBe(8058.38);
    // grid 1.8 亿kWh = 180,000 + trade 6,000 万kWh = 60,000 + PV 45,000 = 285,000 MWh × 0.1229 = 35,026.5
    expect(report.energy.electricity.consumed_mwh).toBe(285000);
    expect(report.energy.by_category.electricity).toBe(35026.5);
    // 7,892.95 + 8,058.38 + 35,026.5 = 50,977.83
    expect(report.energy.total_tce).toBe(50977.83);
    // clean: (60,000 + 45,000) MWh × 0.1229 = 12,904.5
    expect(report.energy.clean_tce).toBe(12904.5);
  });

  it('computes CO2, sinks and both kinds of offsets', () => {
    // gas 650 × 21.6219 = 14,054.235
    expect(report.emissions.fuel_t).toBe(14054.235);
    // diesel 2,400 × 3.1451 = 7,548.24; gasoline 3,100 × 3.0425 = 9,431.75 → 16,979.99
    expect(report.emissions.transport_t).toBe(16979.99);
    // grid 180,000 MWh × 0.4042 (electricity.yaml, 2023 CN-GRID-SOUTH average) = 72,756
    expect(report.emissions.electricity_t).toBe(72756);
    // landfill 6,500 + wastewater 2,300 tCO2e
    expect(report.emissions.waste_t).toBe(8800);
    // energy_t = 14,054.235 + 16,979.99 + 72,756 = 103,790.225; gross = + 8,800 = 112,590.225
    expect(report.emissions.energy_t).toBe(103790.225);
    expect(report.emissions.gross_t).toBe(112590.225);
    // sinks forest 1,200 + wetland 800
    expect(report.emissions.sinks_t).toBe(2000);
    expect(report.emissions.sinks_by_item).toEqual({ forest: 1200, wetland: 800 });
    // offsets: positive credits 115,000 + CCER 20,000 are both reported
    expect(report.emissions.offsets_t).toBe(135000);
    expect(report.emissions.offsets_by_item).toEqual({ ccer: 20000, positive_credit: 115000 });
    // net_t (all offsets) = 112,590.225 − 2,000 − 135,000 = −24,409.775
    expect(report.emissions.net_t).toBe(-24409.775);
    const grid = report.factors_used.find((f) => f.category === 'electricity' && f.item === 'grid')!;
    expect([grid.value, grid.region, grid.year]).toEqual([0.4042, 'CN-GRID-SOUTH', 2023]);
    expect(report.warnings.map((w) => w.code)).toEqual(['ZC-W-FACTOR-GEOGRAPHY']);
  });

  it('shows the GPC sector view', () => {
    // I = 14,054.235 + 72,756 = 86,810.235; BASIC = 86,810.235 + 16,979.99 + 8,800 = 112,590.225; BASIC+ = − 2,000
    expect(report.sectors).toEqual({
      I_stationary_energy: { total_t: 86810.235, scope1_t: 14054.235, scope2_t: 72756 },
      II_transportation: { total_t: 16979.99 },
      III_waste: { total_t: 8800 },
      IV_ippu: { total_t: 0 },
      V_afolu: { removals_t: 2000 },
      basic_t: 112590.225,
      basic_plus_t: 110590.225,
    });
  });

  it('scores the indicators: net-negative with Positive Credits only', () => {
    // 103,790.225 + 8,800 − positive credits 115,000 − sinks 2,000 = −4,409.775 (the CCER 20,000 not counted)
    const net = ind.net_operational_emissions!;
    expect(net.value).toBe(-4409.775);
    expect([net.threshold!.op, net.threshold!.value, net.threshold!.basis, net.status, net.points]).toEqual(['<=', 0, 'pack', 'pass', 60]);
    // energy, transport and waste rows present: (1 + 1 + 1) / 3
    const cov = ind.sector_coverage!;
    expect(cov.value).toBe(1);
    expect([cov.threshold!.value, cov.threshold!.basis, cov.status, cov.points]).toEqual([1, 'pack', 'pass', 20]);
    // 12,904.5 / 50,977.83 = 430150/1699261 ≈ 0.253 < 0.9
    const clean = ind.onsite_clean_share!;
    expect(clean.value).toBe(430150 / 1699261);
    expect([clean.threshold!.value, clean.threshold!.basis, clean.status]).toEqual([0.9, 'pack', 'fail']);
    // 20 × (430150/1699261) / 0.9 = 86030000/15293349
    expect(clean.points).toBe(86030000 / 15293349);
    // 60 + 20 + 86030000/15293349 = 1309497920/15293349 ≈ 85.63
    expect(report.score).toBe(1309497920 / 15293349);
    expect(report.grade).toBe('B');
    expect(report.verdict).toBe('pass');
  });

  it('a CCER offset never changes net_operational_emissions', () => {
    // without the CCER row: offsets_t and net_t change, the indicator does not
    const without = evaluateVariant('climate-positive-district', (d) =>
      rewrite(join(d, 'activity.csv'), (t) =>
        t
          .split('\n')
          .filter((l) => !l.includes(',offset,ccer,'))
          .join('\n'),
      ),
    );
    expect(without.emissions.offsets_t).toBe(115000);
    expect(without.emissions.net_t).toBe(-4409.775); // 112,590.225 − 2,000 − 115,000
    expect(indicators(without).net_operational_emissions!.value).toBe(-4409.775);
    // the same 115,000 t bought as CCER instead of earned as Positive Credits: nothing subtracted but sinks
    const asCcer = evaluateVariant('climate-positive-district', (d) =>
      rewrite(join(d, 'activity.csv'), (t) => t.replace(',offset,positive_credit,', ',offset,ccer,')),
    );
    expect(asCcer.emissions.offsets_by_item).toEqual({ ccer: 135000 });
    const net = indicators(asCcer).net_operational_emissions!;
    expect(net.value).toBe(110590.225); // 112,590.225 − 2,000
    expect(net.status).toBe('fail');
    expect(net.points).toBe(0); // threshold 0: no partial credit
    expect(asCcer.verdict).toBe('fail');
  });

  it('a district without waste rows fails sector_coverage with 2/3', () => {
    const r = evaluateVariant('climate-positive-district', (d) =>
      rewrite(join(d, 'activity.csv'), (t) =>
        t
          .split('\n')
          .filter((l) => !l.includes(',waste,'))
          .join('\n'),
      ),
    );
    const i = indicators(r);
    // (1 energy + 1 transport + 0 waste) / 3
    expect(i.sector_coverage!.value).toBe(2 / 3);
    expect(i.sector_coverage!.status).toBe('fail');
    expect(i.sector_coverage!.points).toBe(40 / 3); // 20 × (2/3) / 1
    // waste 8,800 gone: 103,790.225 − 115,000 − 2,000 = −13,209.775 (still net-negative)
    expect(i.net_operational_emissions!.value).toBe(-13209.775);
    expect(i.net_operational_emissions!.status).toBe('pass');
    // 60 + 40/3 + 86030000/15293349 = 1207542260/15293349
    expect(r.score).toBe(1207542260 / 15293349);
    expect(r.verdict).toBe('fail'); // sector_coverage is core
  });
});

// ---------------------------------------------------------------------------------------------------
describe('county-budget (carbon-budget, 青岭县, CN-HI, 2023)', () => {
  let report: Report;
  let ind: Record<string, ReportIndicator>;
  beforeAll(() => {
    report = evaluate(`${FIX}/county-budget/submission.yaml`);
    ind = indicators(report);
  });

  it('converts energy to tce', () => {
    // gas 1,800 万m3 × 12.143 = 21,857.4; LPG 6,500 t × 1.7143 = 11,142.95 → 33,000.35
    expect(report.energy.by_category.fuel).toBe(33000.35);
    // diesel 2.6 万t = 26,000 t × 1.4571 = 37,884.6; gasoline 3.4 万t = 34,000 t × 1.4714 = 50,027.6 → 87,912.2
    expect(report.energy.by_category.transport).toBe(87912.2);
    // grid 6.2 亿kWh = 620,000 + PV 0.8 亿kWh = 80,000 → 700,000 MWh × 0.1229 = 86,030
    expect(report.energy.by_category.electricity).toBe(86030);
    // 33,000.35 + 87,912.2 + 86,030 = 206,942.55
    expect(report.energy.total_tce).toBe(206942.55);
  });

  it('computes CO2 by category', () => {
    // gas 1,800 × 21.6219 = 38,919.42; LPG 6,500 × 2.9538 = 19,199.7 → 58,119.12
    expect(report.emissions.fuel_t).toBe(58119.12);
    // diesel 26,000 × 3.1451 = 81,772.6; gasoline 34,000 × 3.0425 = 103,445 → 185,217.6
    expect(report.emissions.transport_t).toBe(185217.6);
    // 620,000 MWh × 0.4042 (electricity.yaml, 2023 CN-GRID-SOUTH average) = 250,604
    expect(report.emissions.electricity_t).toBe(250604);
    // landfill 4.2 万tCO2e = 42,000
    expect(report.emissions.waste_t).toBe(42000);
    // gross = 58,119.12 + 185,217.6 + 250,604 + 42,000 = 535,940.72
    expect(report.emissions.gross_t).toBe(535940.72);
    // forest 38 万tCO2
    expect(report.emissions.sinks_t).toBe(380000);
    expect(report.emissions.net_t).toBe(155940.72);
    // the landfill's 42,000 tCO2e enter gross_t, which the CO2 budget reads: said, not silent
    expect(report.emissions.includes_co2e).toEqual(['waste_t', 'gross_t', 'net_t']);
    expect(report.warnings.map((w) => w.code)).toEqual(['ZC-W-FACTOR-GEOGRAPHY', 'ZC-W-CO2E-IN-CO2']);
  });

  it('fills the budget section: total, use and remaining, by category', () => {
    expect(report.budget).toEqual({
      total_t: 560000, // 56 万tCO2
      used_t: 535940.72, // gross_t
      remaining_t: 24059.28, // 560,000 − 535,940.72
      by_category: {
        electricity: { budget_t: 260000, used_t: 250604, remaining_t: 9396 },
        fuel: { budget_t: 60000, used_t: 58119.12, remaining_t: 1880.88 },
        // 17.5 万tCO2 budget, 185,217.6 used: over by 10,217.6
        transport: { budget_t: 175000, used_t: 185217.6, remaining_t: -10217.6 },
        waste: { budget_t: 45000, used_t: 42000, remaining_t: 3000 },
      },
    });
  });

  it('scores the budget indicators: the over-budget category drives category_budgets', () => {
    // 535,940.72 / 560,000 = 0.957037 ≤ 1
    const w = ind.within_budget!;
    expect(w.value).toBe(0.957037);
    expect([w.threshold!.op, w.threshold!.value, w.threshold!.basis, w.status, w.points]).toEqual(['<=', 1, 'pack', 'pass', 50]);
    // fuel, electricity, waste within; transport over → 3/4
    const c = ind.category_budgets!;
    expect(c.value).toBe(0.75);
    expect([c.threshold!.value, c.threshold!.basis, c.status]).toEqual([1, 'pack', 'fail']);
    expect(c.points).toBe(22.5); // 30 × 0.75
    // 380,000 / 535,940.72 = 4750000/6699259 ≈ 0.709 ≥ 0.1
    const s = ind.sink_ratio!;
    expect(s.value).toBe(4750000 / 6699259);
    expect([s.threshold!.value, s.threshold!.basis, s.status, s.points]).toEqual([0.1, 'pack', 'pass', 20]);
    // 50 + 22.5 + 20
    expect(report.score).toBe(92.5);
    expect(report.grade).toBe('A');
    expect(report.verdict).toBe('pass'); // within_budget is the only core indicator
  });

  it('shows the GPC sector view', () => {
    // I = 58,119.12 + 250,604 = 308,723.12; BASIC = + 185,217.6 + 42,000 = 535,940.72; BASIC+ = − 380,000
    expect(report.sectors).toEqual({
      I_stationary_energy: { total_t: 308723.12, scope1_t: 58119.12, scope2_t: 250604 },
      II_transportation: { total_t: 185217.6 },
      III_waste: { total_t: 42000 },
      IV_ippu: { total_t: 0 },
      V_afolu: { removals_t: 380000 },
      basic_t: 535940.72,
      basic_plus_t: 155940.72,
    });
  });
});

// ---------------------------------------------------------------------------------------------------
describe('inputs exactly at a threshold pass', () => {
  it('carbon-peaking-city: every indicator exactly at its target or reference', () => {
    // electricity: PV 1,000 MWh + grid 100 MWh = 1,100 MWh × 0.1229 = 135.19 tce; grid 100 MWh × 0.82 (the
    // submission's own factor) = 82 tCO2 = energy_t
    // carbon: 1 − (82 / 100) / (86.5 / 86.5) = 0.18; energy: 1 − (135.19 / 100) / (135.19 / 86.5) = 1 − 0.865 = 0.135
    const r = evaluateYaml(`format: zcpark/1
profile: carbon-peaking-city
entity: { id: EDGE-CITY, name: 边界测试市, type: city, region: CN-ZJ }
year: 2023
economy: { gdp: { value: 100, unit: 万元 } }
baseline: { year: 2020, emissions: { value: 86.5, unit: tCO2 }, energy: { value: 135.19, unit: tce }, gdp: { value: 86.5, unit: 万元 } }
targets: { nev_sales_share: "60%" }
factors: [ { category: electricity, item: grid, co2: 0.82, co2_unit: tCO2/MWh, source: "boundary test" } ]
metrics:
  nev_sales_share: "60%"
  green_travel_share: "70%"
  green_building_share: "100%"
  solid_waste_generated: { value: 100, unit: t }
  solid_waste_utilized: { value: 80, unit: t }
activity:
  - { category: electricity, item: onsite_renewable, quantity: 1000, unit: MWh }
  - { category: electricity, item: grid, quantity: 100, unit: MWh }
`);
    const i = indicators(r);
    expect(i.carbon_intensity_reduction!.value).toBe(0.18);
    expect([i.carbon_intensity_reduction!.threshold!.basis, i.carbon_intensity_reduction!.status]).toEqual(['reference', 'pass']);
    expect(i.energy_intensity_reduction!.value).toBe(0.135);
    expect(i.energy_intensity_reduction!.status).toBe('pass');
    expect(i.non_fossil_share!.value).toBe(1000 / 1100); // 122.9 / 135.19 tce: the PV share of electricity
    expect(i.nev_sales_share!.value).toBe(0.6); // equal to its own target
    expect([i.nev_sales_share!.threshold!.basis, i.nev_sales_share!.status]).toEqual(['target', 'pass']);
    expect(i.green_travel_share!.status).toBe('pass'); // 0.7 = reference
    expect(i.green_building_share!.status).toBe('pass'); // 1 = reference
    expect(i.solid_waste_utilization!.value).toBe(0.8);
    expect(i.solid_waste_utilization!.status).toBe('pass');
    expect(r.score).toBe(100);
    expect(r.grade).toBe('A');
    expect(r.verdict).toBe('pass');
  });

  it('carbon-peaking-city: just below the threshold fails', () => {
    // grid 100 MWh × 0.8201 = 82.01 tCO2: 1 − 82.01/100 = 0.1799 < 0.18; points 25 × 0.1799 / 0.18 = 1799/72
    const r = evaluateYaml(`format: zcpark/1
profile: carbon-peaking-city
entity: { id: EDGE-CITY-2, name: 边界测试市, type: city, region: CN-ZJ }
year: 2023
economy: { gdp: { value: 100, unit: 万元 } }
baseline: { year: 2020, emissions: { value: 86.5, unit: tCO2 }, energy: { value: 122.9, unit: tce }, gdp: { value: 86.5, unit: 万元 } }
factors: [ { category: electricity, item: grid, co2: 0.8201, co2_unit: tCO2/MWh, source: "boundary test" } ]
activity:
  - { category: electricity, item: onsite_renewable, quantity: 1000, unit: MWh }
  - { category: electricity, item: grid, quantity: 100, unit: MWh }
`);
    const c = indicators(r).carbon_intensity_reduction!;
    expect(c.value).toBe(0.1799);
    expect(c.status).toBe('fail');
    expect(c.points).toBe(1799 / 72);
    expect(r.verdict).toBe('fail');
  });

  it('carbon-peaking-park: carbon reduction equal to its own target, the rest equal to the references', () => {
    // grid 800 MWh × 0.6479 (CN-NM 2023) = 518.32 tCO2; energy (800 + 200) MWh × 0.1229 = 122.9 tce
    // carbon: 1 − (518.32 / 100) / (560.4335 / 86.5) = 1 − 44,834.68 / 56,043.35 = 1 − 0.8 = 0.2 = own target
    // energy: 1 − (122.9 / 100) / (122.9 / 86.5) = 0.135; renewable: 200 × 0.1229 / 122.9 = 0.2
    const r = evaluateYaml(`format: zcpark/1
profile: carbon-peaking-park
entity: { id: EDGE-PARK, name: 边界测试园区, type: park, region: CN-NM }
year: 2023
economy: { industrial_added_value: { value: 100, unit: 万元 } }
baseline: { year: 2020, emissions: { value: 560.4335, unit: tCO2 }, energy: { value: 122.9, unit: tce }, industrial_added_value: { value: 86.5, unit: 万元 } }
targets: { carbon_intensity_reduction: "20%" }
metrics:
  solid_waste_utilization_rate: "80%"
  water_reused: { value: 80, unit: m3 }
  water_total: { value: 100, unit: m3 }
activity:
  - { category: electricity, item: grid, quantity: 800, unit: MWh }
  - { category: electricity, item: onsite_renewable, quantity: 200, unit: MWh }
`);
    const i = indicators(r);
    expect(i.carbon_intensity_reduction!.value).toBe(0.2);
    expect([i.carbon_intensity_reduction!.threshold!.value, i.carbon_intensity_reduction!.threshold!.basis, i.carbon_intensity_reduction!.status]).toEqual([
      0.2,
      'target',
      'pass',
    ]);
    expect([i.energy_intensity_reduction!.value, i.energy_intensity_reduction!.status]).toEqual([0.135, 'pass']);
    expect([i.renewable_share!.value, i.renewable_share!.threshold!.basis, i.renewable_share!.status]).toEqual([0.2, 'reference', 'pass']);
    expect([i.solid_waste_utilization!.value, i.solid_waste_utilization!.status]).toEqual([0.8, 'pass']);
    expect([i.water_reuse!.value, i.water_reuse!.status]).toEqual([0.8, 'pass']);
    expect(r.score).toBe(100);
    expect(r.verdict).toBe('pass');
  });

  it('climate-positive: net operational emissions of exactly 0 pass', () => {
    // grid 1,000 MWh × 0.55 (CN-GRID-EAST 2023) = 550; diesel 10 t × 3.1451 = 31.451; waste 50
    // 550 + 31.451 + 50 − positive credits 531.451 − sink 100 = 0; the CCER 1,000 is not counted
    const r = evaluateYaml(`format: zcpark/1
profile: climate-positive
entity: { id: EDGE-DISTRICT, name: 边界测试片区, type: district, region: CN-ZJ }
year: 2023
activity:
  - { category: electricity, item: grid, quantity: 1000, unit: MWh }
  - { category: transport, item: diesel, quantity: 10, unit: t }
  - { category: waste, item: landfill, quantity: 50, unit: tCO2e }
  - { category: offset, item: positive_credit, quantity: 531.451, unit: tCO2 }
  - { category: offset, item: ccer, quantity: 1000, unit: tCO2 }
  - { category: sink, item: forest, quantity: 100, unit: tCO2 }
`);
    const i = indicators(r);
    expect(i.net_operational_emissions!.value).toBe(0);
    expect(i.net_operational_emissions!.status).toBe('pass');
    expect(r.emissions.net_t).toBe(-1000); // 631.451 − 100 − 1,531.451: the CCER only shows here
    expect(i.sector_coverage!.status).toBe('pass');
    // no clean energy: 0 / (1,000 × 0.1229 + 10 × 1.4571) = 0, no partial points
    expect([i.onsite_clean_share!.value, i.onsite_clean_share!.status, i.onsite_clean_share!.points]).toEqual([0, 'fail', 0]);
    expect(r.score).toBe(80); // 60 + 20 + 0
    expect(r.verdict).toBe('pass');
  });

  it('carbon-budget: use exactly equal to the budget, category budgets met exactly, sinks exactly 10 %', () => {
    // grid 1,000 MWh × 0.55 = 550 (electricity budget 550); waste 450 (budget 450); gross 1,000 = total budget
    // sink 100 / 1,000 = 0.1
    const r = evaluateYaml(`format: zcpark/1
profile: carbon-budget
entity: { id: EDGE-COUNTY, name: 边界测试县, type: county, region: CN-ZJ }
year: 2023
budget:
  total: { value: 0.1, unit: 万tCO2 }
  by_category: { electricity: 550, waste: 450 }
activity:
  - { category: electricity, item: grid, quantity: 1000, unit: MWh }
  - { category: waste, item: landfill, quantity: 450, unit: tCO2e }
  - { category: sink, item: forest, quantity: 100, unit: tCO2 }
`);
    const i = indicators(r);
    expect([i.within_budget!.value, i.within_budget!.status]).toEqual([1, 'pass']);
    expect([i.category_budgets!.value, i.category_budgets!.status]).toEqual([1, 'pass']);
    expect([i.sink_ratio!.value, i.sink_ratio!.status]).toEqual([0.1, 'pass']);
    expect(r.budget).toEqual({
      total_t: 1000,
      used_t: 1000,
      remaining_t: 0,
      by_category: {
        electricity: { budget_t: 550, used_t: 550, remaining_t: 0 },
        waste: { budget_t: 450, used_t: 450, remaining_t: 0 },
      },
    });
    expect(r.score).toBe(100);
    expect(r.verdict).toBe('pass');
  });
});

// ---------------------------------------------------------------------------------------------------
describe('zcpark init templates of the programme packs', () => {
  for (const id of ['carbon-peaking-city', 'carbon-peaking-park', 'climate-positive', 'carbon-budget', 'cbam', 'carbon-positive-city']) {
    it(`${id}: writes a template that validates and evaluates as it is`, () => {
      const d = tmp();
      const init = runCli(['init', d, '--profile', id]);
      expect(init.code).toBe(0);
      const sub = join(d, 'submission.yaml');
      expect(readFileSync(sub, 'utf8')).toContain(`profile: ${id}`);
      const v = runCli(['validate', sub]);
      expect(v.code).toBe(0);
      const e = runCli(['evaluate', sub, '-f', 'json']);
      expect(e.code).toBe(0);
      const r = JSON.parse(e.stdout) as Report;
      expect(r.submission.profile).toBe(id);
      // every indicator can be judged from the template's placeholders
      expect(r.indicators.filter((i) => i.status === 'missing').map((i) => i.id)).toEqual([]);
      expect(r.verdict).not.toBe('incomplete');
    });
  }
});
