/**
 * EU CBAM goods and the carbon-positive city, through the built CLI. Every expected figure is derived by hand.
 *
 * fixtures/programmes/cbam-installation (region CN-HI, year 2023; grid average 0.4042 tCO2/MWh, CN-GRID-SOUTH 2023;
 * fossil heat 0.11 tCO2/GJ). Two processes, each an entity:
 *   高炉 (pig-iron, AL 10,000 t):
 *     DirEm      = coke 1000 t × 3 tCO2/t (row factor) 3000 + process 2000 = 5000
 *     Em_H,imp   = 10,000 GJ × 0.11 = 1100;  Em_H,exp = 4000 GJ × 0.11 = 440
 *     AttrEm_dir = 5000 + 1100 − 440 = 5660;  AttrEm_ind = 5000 MWh × 0.4042 = 2021
 *     SEE_dir = 0.566, SEE_ind = 0.2021, SEE = 0.7681, embedded 7681; iron and steel (Annex II): chargeable 0.566
 *   炼钢车间 (billet, AL 1 万t = 10,000 t):
 *     DirEm = natural gas 100,000 m3 × 0.002 tCO2/m3 = 200 = AttrEm_dir (no heat)
 *     AttrEm_ind = grid 8000 MWh × 0.4042 = 3233.6; direct line 2000 MWh at 0; certificates 3000 MWh NOT credited
 *     precursors: pig-iron made here 9000 t → 9000 × 0.566 = 5094 direct, 9000 × 0.2021 = 1818.9 indirect
 *                 bought 2000 t at 1.95 / 0.11 (communicated) → 3900 direct, 220 indirect
 *     SEE_dir = (200 + 5094 + 3900) / 10,000 = 0.9194;  SEE_ind = (3233.6 + 1818.9 + 220) / 10,000 = 0.52725
 *     SEE = 1.44665; embedded 14,466.5; chargeable 0.9194
 *     communicated share = (3900 + 220) / 14,466.5 = 4120 / 14466.5 = 8240 / 28933
 *
 * fixtures/programmes/carbon-positive-city (region CN-HE, 2023; grid average 0.6361, CN-GRID-NORTH 2023):
 *   fuel_t = raw coal 1000 t × 2.0715 = 2071.5; electricity_t = 2000 MWh × 0.6361 = 1272.2
 *   gross_t = energy_t = 3343.7; sinks 100; net_t = 3243.7 (avoided NOT subtracted)
 *   avoided_t = wind 5000 tCO2e + PV modules 1000 t × 1.5 tCO2e/t = 6500 > gross_t
 *   avoided_to_gross = 6500 / 3343.7; non-fossil = 500 MWh × 0.1229 = 61.45 tce over 1000 × 0.7143 + 2500 × 0.1229
 *   = 1021.55 tce (61.45 / 1021.55 = 1229 / 20431); carbon intensity reduction = 1 − (3343.7 / 100) / (4000 / 80) = 0.33126
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { validatorFor } from '../../src/data/load.js';
import { runCli } from '../helpers/run-cli.js';

const INST = 'fixtures/programmes/cbam-installation/installation.yaml';
const CITY = 'fixtures/programmes/carbon-positive-city/city.yaml';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function json(path: string, extra: string[] = []): Report {
  const r = runCli(['evaluate', path, '-f', 'json', ...extra]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('EU CBAM goods (two-process installation)', () => {
  it('gives every good its SEE, exactly', { timeout: 20_000 }, () => {
    const r = json(INST);
    expect(r.verdict).toBe('pass');
    expect(r.score).toBeNull();
    expect(r.indicators).toEqual([]);
    const [pig, billet] = r.goods!;
    expect(pig).toEqual({
      id: 'pig-iron',
      name: '生铁 pig iron',
      cn_code: '7201 10 11',
      category: 'iron and steel',
      produced_t: 10000,
      attributed_direct_t: 5660,
      attributed_indirect_t: 2021,
      precursors: [],
      see_direct: 0.566,
      see_indirect: 0.2021,
      see_total: 0.7681,
      chargeable_see: 0.566,
      embedded_t: 7681,
      communicated_share: 0,
    });
    expect(billet!.attributed_direct_t).toBe(200);
    expect(billet!.attributed_indirect_t).toBe(3233.6);
    expect(billet!.precursors).toEqual([
      {
        good: 'pig-iron',
        name: '生铁 pig iron',
        quantity_t: 9000,
        see_direct: 0.566,
        see_indirect: 0.2021,
        direct_t: 5094,
        indirect_t: 1818.9,
        origin: 'made_here',
        source: 'made here (good pig-iron, process 高炉)',
      },
      {
        good: null,
        name: 'purchased pig iron',
        quantity_t: 2000,
        see_direct: 1.95,
        see_indirect: 0.11,
        direct_t: 3900,
        indirect_t: 220,
        origin: 'communicated',
        source: 'producer communication, 2023 Q4',
      },
    ]);
    expect([billet!.see_direct, billet!.see_indirect, billet!.see_total, billet!.chargeable_see, billet!.embedded_t]).toEqual([
      0.9194, 0.52725, 1.44665, 0.9194, 14466.5,
    ]);
    expect(billet!.communicated_share).toBe(8240 / 28933);
    // certificates are not credited for CBAM: warned, at the good's process
    expect(r.warnings.map((w) => [w.code, w.line])).toContainEqual(['ZC-W-GOODS-CERTIFICATE', 20]);
  });

  it('traces every figure with --explain, and shows a row per good in markdown, html and csv', { timeout: 30_000 }, () => {
    const r = json(INST, ['--explain']);
    const valid = validatorFor('report');
    expect(valid(r)).toBe(true);
    expect(valid(json(CITY, ['--explain']))).toBe(true);
    expect(r.trace!.goods!.billet).toContain('SEE_dir = (AttrEm_dir 200 + Σ M·SEE_dir 8994) / AL 10000 t = 0.9194 tCO2e/t');
    expect(r.trace!.goods!['pig-iron']).toContain('AttrEm_dir = DirEm 5000 + Em_H,imp 1100 − Em_H,exp 440 = 5660 t');
    const md = runCli(['evaluate', INST, '-f', 'markdown']).stdout;
    expect(md).toContain('| billet | 钢坯 steel billet | 7207 11 14 | iron and steel | 10,000 | 0.9194 | 0.52725 | 1.44665 | 0.9194 | 14,466.5 | 28.48 % |');
    const html = runCli(['evaluate', INST, '-f', 'html']).stdout;
    expect(html).toContain('<td>pig-iron</td>');
    const csv = runCli(['evaluate', INST, '-f', 'csv']).stdout.split('\r\n');
    expect(csv.filter((l) => l.includes(',good.'))).toHaveLength(2);
  });

  it('refuses own-plant power without its factor, and a precursor cycle exits 1 with a coded error', { timeout: 20_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), 'zcpark-cbam-'));
    dirs.push(d);
    writeFileSync(
      join(d, 'processes.csv'),
      `${readFileSync('fixtures/programmes/cbam-installation/processes.csv', 'utf8')}炼钢车间,electricity,onsite_fossil,100,MWh,,,own plant\n`,
    );
    writeFileSync(join(d, 'installation.yaml'), readFileSync(INST, 'utf8'));
    const own = runCli(['evaluate', join(d, 'installation.yaml')]);
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('ZC-E-FACTOR-MISSING');
    const cycle = runCli(['evaluate', 'fixtures/invalid/goods-precursor-cycle/installation.yaml']);
    expect(cycle.code).toBe(1);
    expect(cycle.stderr).toContain('ZC-E-GOODS-PRECURSOR-CYCLE');
  });

  it('values own-plant power at its row factor', { timeout: 20_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), 'zcpark-cbam-'));
    dirs.push(d);
    // + 100 MWh from the own plant at 0.9 tCO2/MWh = 90 t more indirect for billet: (3233.6 + 90 + 2038.9) / 10,000
    writeFileSync(
      join(d, 'processes.csv'),
      `${readFileSync('fixtures/programmes/cbam-installation/processes.csv', 'utf8')}炼钢车间,electricity,onsite_fossil,100,MWh,0.9,tCO2/MWh,own plant\n`,
    );
    writeFileSync(join(d, 'installation.yaml'), readFileSync(INST, 'utf8'));
    const r = json(join(d, 'installation.yaml'));
    expect(r.goods![1]!.attributed_indirect_t).toBe(3323.6);
    expect(r.goods![1]!.see_indirect).toBe(0.53625);
  });
});

describe('carbon-positive-city (avoided emissions larger than gross)', () => {
  it('reports avoided_t as a memo ledger, never netted', { timeout: 20_000 }, () => {
    const r = json(CITY);
    const e = r.emissions;
    expect([e.fuel_t, e.electricity_t, e.gross_t, e.sinks_t, e.net_t, e.avoided_t]).toEqual([2071.5, 1272.2, 3343.7, 100, 3243.7, 6500]);
    expect(e.avoided_by_item).toEqual({ pv_equipment: 1500, wind_equipment: 5000 });
    expect(e.avoided_note).toContain('not netted');
    const ind = Object.fromEntries(r.indicators.map((i) => [i.id, [i.value, i.status]]));
    expect(ind).toEqual({ avoided_to_gross: [65000 / 33437, 'pass'], non_fossil_share: [1229 / 20431, 'fail'], carbon_intensity_reduction: [0.33126, 'pass'] });
    expect(r.verdict).toBe('pass');
    const md = runCli(['evaluate', CITY, '-f', 'markdown']).stdout;
    expect(md).toContain('| *avoided elsewhere (memo, not netted)* | *6,500* | |');
    const table = runCli(['evaluate', CITY, '-f', 'table']).stdout;
    expect(table).toContain('not netted');
  });

  it('lists both packs', { timeout: 20_000 }, () => {
    const out = runCli(['profiles']).stdout;
    expect(out).toContain('cbam');
    expect(out).toContain('carbon-positive-city');
  });
});
