/**
 * Factor resolution (README § How the numbers are made): precedence of layers, vintage by reporting year,
 * geography province → grid region → national, grid-factor series, the zero-carbon-park pin, and the
 * coal-equivalent coefficient's vintage. Values are looked up by hand in src/data/factors/*.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicableFactors } from '../../src/account/applicable.js';
import { FactorResolver, type FactorQuery } from '../../src/account/factors.js';
import { builtinProfile, compileProfileText, DATA_DIR } from '../../src/data/load.js';
import { evaluate } from '../../src/engine.js';
import { Rational } from '../../src/model/rational.js';
import type { FactorEntry } from '../../src/model/types.js';
import type { CompiledProfile } from '../../src/score/profile.js';
import { testData } from '../helpers/data.js';
import { accountingPack, evalYaml, header } from '../helpers/engine.js';

/** A pack with a chosen grid-factor series, calorific electricity energy (0.1229 tce/MWh) and one indicator. */
const seriesPack = (series: 'average' | 'residual' | 'fossil') => accountingPack(`grid-${series}`, `{ grid_factor: ${series} }`);
const GRID_1000 = 'activity:\n  - { category: electricity, item: grid, quantity: 1000, unit: MWh }\n';
const codes = (ds: { code: string }[]) => ds.map((d) => d.code);
const gridFactor = (r: { factors_used: { kind: string; category: string; item: string }[] }) =>
  r.factors_used.find((f) => f.kind === 'co2' && f.category === 'electricity' && f.item === 'grid');
const gridWarnings = (r: { warnings: { code: string; message: string }[] }) =>
  r.warnings.filter((w) => w.message.startsWith('electricity/grid')).map((w) => `${w.code}: ${w.message}`);

describe('grid factor series and vintage (average / residual / fossil packs)', () => {
  it('uses the 2022 Jiangsu provincial factor for a 2022 CN-JS report', () => {
    const r = evalYaml(header(GRID_1000, 2022, 'CN-JS'), { profileText: seriesPack('average') }).report!;
    // 1000 MWh × 0.5978 tCO2/MWh (CN-JS average 2022, MEE/NBS via electricity.yaml) = 597.8
    expect(r.emissions.electricity_t).toBe(597.8);
    expect(gridFactor(r)).toMatchObject({
      id: 'builtin:cn-electricity:co2:electricity/grid[average]@CN-JS:2022',
      region: 'CN-JS',
      year: 2022,
      confidence: 'S',
    });
    expect(gridWarnings(r)).toEqual([]);
  });

  it('falls back to the 2023 East-China grid factor for a 2024 CN-JS report, with vintage and geography warnings', () => {
    const r = evalYaml(header(GRID_1000, 2024, 'CN-JS'), { profileText: seriesPack('average') }).report!;
    // no 2024 data year; 2023 has no CN-JS entry → CN-GRID-EAST 2023: 1000 MWh × 0.5500 tCO2/MWh (electricity.yaml) = 550
    expect(r.emissions.electricity_t).toBe(550);
    expect(gridFactor(r)).toMatchObject({ region: 'CN-GRID-EAST', year: 2023, confidence: 'S' }); // S: read in a press report, not the official table
    expect(gridWarnings(r)).toEqual([
      'ZC-W-FACTOR-VINTAGE: electricity/grid (average) CO2 factor: no 2024 factor is published; the 2023 vintage (the latest earlier one) is used',
      'ZC-W-FACTOR-GEOGRAPHY: electricity/grid (average) CO2 factor: no CN-JS factor for 2023; the CN-GRID-EAST factor is used',
    ]);
  });

  it('uses the 2021 Jiangsu factor for a 2021 CN-JS report', () => {
    const r = evalYaml(header(GRID_1000, 2021, 'CN-JS'), { profileText: seriesPack('average') }).report!;
    // 1000 MWh × 0.6451 tCO2/MWh (CN-JS average 2021, electricity.yaml) = 645.1
    expect(r.emissions.electricity_t).toBe(645.1);
    expect(gridFactor(r)).toMatchObject({ region: 'CN-JS', year: 2021 });
    expect(gridWarnings(r)).toEqual([]);
  });

  it('uses the 2023 Inner Mongolia provincial factor for a 2024 CN-NM report (vintage warning only)', () => {
    const r = evalYaml(header(GRID_1000, 2024, 'CN-NM'), { profileText: seriesPack('average') }).report!;
    // 1000 MWh × 0.6479 tCO2/MWh (CN-NM average 2023, electricity.yaml) = 647.9
    expect(r.emissions.electricity_t).toBe(647.9);
    expect(codes(r.warnings)).toContain('ZC-W-FACTOR-VINTAGE');
    expect(codes(r.warnings)).not.toContain('ZC-W-FACTOR-GEOGRAPHY');
  });

  it('uses the national average for a submission without a province', () => {
    const yaml = `format: zcpark/1
profile: zero-carbon-park
entity: { id: T-1, name: Test park, type: park }
year: 2022
${GRID_1000}`;
    const r = evalYaml(yaml, { profileText: seriesPack('average') }).report!;
    // 1000 MWh × 0.5366 tCO2/MWh (CN average 2022, MEE/NBS via electricity.yaml) = 536.6
    expect(r.emissions.electricity_t).toBe(536.6);
    expect(gridFactor(r)).toMatchObject({ region: 'CN', year: 2022 });
    expect(gridWarnings(r)).toEqual([]);
  });

  it('uses the national residual series, with no geography warning since only national residual factors exist', () => {
    const r = evalYaml(header(GRID_1000, 2022, 'CN-JS'), { profileText: seriesPack('residual') }).report!;
    // 1000 MWh × 0.5856 tCO2/MWh (CN residual 2022, electricity.yaml) = 585.6
    expect(r.emissions.electricity_t).toBe(585.6);
    expect(gridFactor(r)).toMatchObject({ series: 'residual', region: 'CN', year: 2022 });
    expect(gridWarnings(r)).toEqual([]);
  });

  it('uses the national fossil-power series of the report year', () => {
    const r = evalYaml(header(GRID_1000, 2023, 'CN-JS'), { profileText: seriesPack('fossil') }).report!;
    // 1000 MWh × 0.8273 tCO2/MWh (CN fossil 2023, electricity.yaml) = 827.3
    expect(r.emissions.electricity_t).toBe(827.3);
    expect(gridFactor(r)).toMatchObject({ series: 'fossil', year: 2023 });
  });

  it('counts electricity energy at the calorific value by default', () => {
    const r = evalYaml(header(GRID_1000, 2022, 'CN-JS'), { profileText: seriesPack('average') }).report!;
    // 1000 MWh × 0.1229 tce/MWh (当量值, GB/T 2589-2020, energy.yaml) = 122.9
    expect(r.energy.total_tce).toBe(122.9);
  });
});

describe('zero-carbon-park pin and coal-equivalent coefficient', () => {
  it('keeps the pinned 0.8325 grid factor whatever the year (2021 would be 0.8426)', () => {
    const r = evalYaml(header(GRID_1000, 2021)).report!;
    // 1000 MWh × 0.8325 tCO2/MWh (pinned, 910号 annex 4), not the 2021 fossil 0.8426
    expect(r.emissions.electricity_t).toBe(832.5);
    expect(gridFactor(r)).toMatchObject({ origin: 'profile', value: 0.8325 });
    expect(gridWarnings(r)).toEqual([]);
  });

  it('lets a submission `factors` grid entry override the pin, with ZC-W-FACTOR-PIN-OVERRIDDEN', () => {
    const r = evalYaml(
      header(`factors:
  - { category: electricity, item: grid, co2: 0.6, co2_unit: tCO2/MWh, source: "supplier contract" }
${GRID_1000}`),
    ).report!;
    // 1000 MWh × 0.6 tCO2/MWh (submission factor) = 600
    expect(r.emissions.electricity_t).toBe(600);
    const w = r.warnings.find((x) => x.code === 'ZC-W-FACTOR-PIN-OVERRIDDEN');
    expect(w?.message).toBe('the profile pins the grid factor at 0.8325 tCO2/MWh; your submission `factors` override 0.6 tCO2/MWh is used instead');
  });

  it('warns about a submission grid factor that replaces the pin even when a row factor is also used', () => {
    // regression: 100 MWh at the row's 0.5 + 1000 MWh at the submission's 0.6 (not the pinned 0.8325) = 50 + 600 = 650
    const out = evalYaml(
      header(
        `factors:\n  - { category: electricity, item: grid, co2: 0.6, co2_unit: tCO2/MWh, source: "supplier contract" }\nactivity:\n  - { category: electricity, item: grid, quantity: 100, unit: MWh, factor: 0.5, factor_unit: tCO2/MWh }\n  - { category: electricity, item: grid, quantity: 1000, unit: MWh }\n`,
      ),
    );
    expect(out.report!.emissions.electricity_t).toBe(650);
    expect(codes(out.diagnostics)).toContain('ZC-W-FACTOR-PIN-OVERRIDDEN');
  });

  it('lets a grid row factor apply to its row without a pin-override warning', () => {
    const r = evalYaml(header('activity:\n  - { category: electricity, item: grid, quantity: 1000, unit: MWh, factor: 0.5, factor_unit: tCO2/MWh }\n')).report!;
    // 1000 MWh × 0.5 tCO2/MWh (row factor) = 500
    expect(r.emissions.electricity_t).toBe(500);
    expect(codes(r.warnings)).not.toContain('ZC-W-FACTOR-PIN-OVERRIDDEN');
  });

  it('uses the 2020 coal-equivalent coefficient for a 2021 report, with a vintage warning', () => {
    const r = evalYaml(header(GRID_1000, 2021)).report!;
    // no 2021 entry → 2020: 1000 MWh × 0.3055 tce/MWh (305.5 gce/kWh, NDRC/NEA, energy.yaml) = 305.5
    expect(r.energy.total_tce).toBe(305.5);
    expect(r.warnings.map((w) => `${w.code}: ${w.message}`)).toContain(
      'ZC-W-FACTOR-VINTAGE: electricity/coal_equivalent energy factor: no 2021 factor is published; the 2020 vintage (the latest earlier one) is used',
    );
  });

  it('uses the 2023 coal-equivalent coefficient for a 2023 report without a warning', () => {
    const r = evalYaml(header(GRID_1000, 2023)).report!;
    // 1000 MWh × 0.3019 tce/MWh (2023, energy.yaml) = 301.9
    expect(r.energy.total_tce).toBe(301.9);
    expect(codes(r.warnings)).not.toContain('ZC-W-FACTOR-VINTAGE');
  });

  it('lets a submission `factors` entry override the coal-equivalent coefficient', () => {
    const r = evalYaml(
      header(`factors:
  - { category: electricity, item: coal_equivalent, energy: 0.28078, energy_unit: tce/MWh, source: "Shanghai local coefficient" }
${GRID_1000}`),
    ).report!;
    // 1000 MWh × 0.28078 tce/MWh (submission factor) = 280.78
    expect(r.energy.total_tce).toBe(280.78);
  });

  it('resolves transport rows through the fuel factor entries', () => {
    const r = evalYaml(header('activity:\n  - { category: transport, item: gasoline, quantity: 2, unit: t }\n')).report!;
    // 2 t × 3.0425 tCO2/t (gasoline, guideline default, fuels-co2.yaml) = 6.085
    expect(r.emissions.transport_t).toBe(6.085);
    // 2 t × 1.4714 tce/t (gasoline, GB/T 2589-2020, energy.yaml) = 2.9428
    expect(r.energy.by_category.transport).toBe(2.9428);
    expect(r.factors_used.map((f) => f.id)).toEqual(['builtin:cn-energy:energy:fuel/gasoline', 'builtin:cn-fuels-co2:co2:fuel/gasoline']);
  });
});

describe('layer precedence through evaluate()', () => {
  const data = testData();
  const fileEntry = (co2: string): FactorEntry => ({
    category: 'fuel',
    item: 'diesel',
    co2: { value: Rational.parseDecimal(co2)!, unit: { numerator: 'tCO2', denominator: 't' }, unitText: 'tCO2/t' },
    source: 'factors file',
    origin: 'factors-file',
    set: 'file.yaml',
  });
  const run = (yaml: string, factorsFile: FactorEntry[]) =>
    evaluate(
      {
        file: 'test.yaml',
        text: yaml,
        readFile: (rel) => ({ file: rel, error: 'not-found' }),
        loadProfile: (id) => compileProfileText(`src/data/profiles/${id}.yaml`, readFileSync(join(DATA_DIR, 'profiles', `${id}.yaml`), 'utf8'), data),
        factorsFile,
      },
      data,
    ).report!;
  const DIESEL = 'activity:\n  - { category: fuel, item: diesel, quantity: 10, unit: t }\n';

  it('prefers a --factors file entry to the built-in factor', () => {
    const r = run(header(DIESEL), [fileEntry('3')]);
    // 10 t × 3 tCO2/t (--factors file) = 30, not 31.451
    expect(r.emissions.fuel_t).toBe(30);
    expect(r.factors_used.find((f) => f.kind === 'co2')?.origin).toBe('factors-file');
  });

  it('prefers a submission `factors` entry to a --factors file entry', () => {
    const yaml = header(`factors:
  - { category: fuel, item: diesel, co2: 3.2, co2_unit: tCO2/t, source: "submission" }
${DIESEL}`);
    const r = run(yaml, [fileEntry('3')]);
    // 10 t × 3.2 tCO2/t (submission factor) = 32
    expect(r.emissions.fuel_t).toBe(32);
  });

  it('prefers a row factor to a submission `factors` entry', () => {
    const yaml = header(`factors:
  - { category: fuel, item: diesel, co2: 3.2, co2_unit: tCO2/t, source: "submission" }
activity:
  - { category: fuel, item: diesel, quantity: 10, unit: t, factor: 2.5, factor_unit: tCO2/t }
`);
    const r = run(yaml, [fileEntry('3')]);
    // 10 t × 2.5 tCO2/t (row factor) = 25
    expect(r.emissions.fuel_t).toBe(25);
  });
});

describe('FactorResolver', () => {
  const DIM: Record<string, string> = { MWh: 'energy', t: 'mass', 万m3: 'volume', tce: 'coal' };
  const GRID_OF: Record<string, string> = { 'CN-JS': 'CN-GRID-EAST', 'CN-ZJ': 'CN-GRID-EAST' };
  const e = (x: Partial<FactorEntry> & { co2v?: string; unit?: string }): FactorEntry => {
    const unit = x.unit ?? 'tCO2/MWh';
    const [numerator, denominator] = unit.split('/') as [string, string];
    const { co2v, unit: _u, ...rest } = x;
    return {
      category: 'electricity',
      item: 'grid',
      source: `test ${co2v}`,
      origin: 'builtin',
      set: 'test',
      co2: { value: Rational.parseDecimal(co2v ?? '1')!, unit: { numerator, denominator }, unitText: unit },
      ...rest,
    };
  };
  const resolver = (layers: FactorEntry[][], year: number, region?: string) =>
    new FactorResolver({ year, ...(region ? { region } : {}), gridRegionOf: (p) => GRID_OF[p], layers }, (u) => DIM[u]);
  const grid: FactorQuery = { kind: 'co2', category: 'electricity', item: 'grid', series: 'average' };
  const valueOf = (r: FactorResolver, q: FactorQuery = grid) => r.resolve(q)?.value.value.toString();

  const provincial = [
    e({ series: 'average', region: 'CN', year: 2022, co2v: '0.53' }),
    e({ series: 'average', region: 'CN-GRID-EAST', year: 2022, co2v: '0.56' }),
    e({ series: 'average', region: 'CN-JS', year: 2022, co2v: '0.59' }),
  ];

  it('picks the latest vintage not after the reporting year and warns that it is older', () => {
    const r = resolver(
      [
        [
          e({ series: 'average', year: 2021, co2v: '0.6' }),
          e({ series: 'average', year: 2023, co2v: '0.5' }),
          e({ series: 'average', year: 2025, co2v: '0.4' }),
        ],
      ],
      2024,
    );
    // 2021 and 2023 are ≤ 2024; 2023 is the latest → 0.5 (2025 is in the future)
    expect(valueOf(r)).toBe('0.5');
    expect(r.warnings.map((w) => w.message)).toEqual([
      'electricity/grid (average) CO2 factor: no 2024 factor is published; the 2023 vintage (the latest earlier one) is used',
    ]);
  });

  it('warns about the vintage of the factor actually used, not of a layer that had nothing for the region', () => {
    // regression: layer 1 only has a 2020 Jiangsu factor, so a CN-NM 2022 report falls through to layer 2's 2022 national 0.5
    const r = resolver(
      [[e({ series: 'average', region: 'CN-JS', year: 2020, co2v: '0.7' })], [e({ series: 'average', region: 'CN', year: 2022, co2v: '0.5' })]],
      2022,
      'CN-NM',
    );
    expect(valueOf(r)).toBe('0.5');
    expect(r.warnings).toEqual([]);
  });

  it('gives no warning when the vintage is the reporting year', () => {
    const r = resolver([[e({ series: 'average', year: 2021, co2v: '0.6' }), e({ series: 'average', year: 2023, co2v: '0.5' })]], 2023);
    // 2023 entry, exact year
    expect(valueOf(r)).toBe('0.5');
    expect(r.warnings).toEqual([]);
  });

  it('prefers the province, then its grid region, then the national entry', () => {
    // CN-JS has its own entry → 0.59
    expect(valueOf(resolver([provincial], 2022, 'CN-JS'))).toBe('0.59');
    // CN-ZJ has none → its grid CN-GRID-EAST → 0.56
    const zj = resolver([provincial], 2022, 'CN-ZJ');
    expect(valueOf(zj)).toBe('0.56');
    expect(zj.warnings.map((w) => w.code)).toEqual(['ZC-W-FACTOR-GEOGRAPHY']);
    // CN-QH is in no grid region of this test → national 0.53
    expect(valueOf(resolver([provincial], 2022, 'CN-QH'))).toBe('0.53');
    // no province → national 0.53, silently
    const national = resolver([provincial], 2022);
    expect(valueOf(national)).toBe('0.53');
    expect(national.warnings).toEqual([]);
  });

  it('lets an earlier layer win even over a more specific entry in a later layer', () => {
    const user = [e({ co2v: '0.7', origin: 'submission' })];
    // layer 0 (the submission's own, timeless, national) → 0.7, although layer 1 has CN-JS
    expect(valueOf(resolver([user, provincial], 2022, 'CN-JS'))).toBe('0.7');
  });

  it('matches the series, and lets an entry without a series serve every series', () => {
    const layer = [e({ series: 'average', region: 'CN', year: 2022, co2v: '0.5366' }), e({ series: 'fossil', region: 'CN', year: 2022, co2v: '0.8325' })];
    // series fossil → 0.8325 (MEE/NBS 2022 fossil, electricity.yaml)
    expect(valueOf(resolver([layer], 2022), { ...grid, series: 'fossil' })).toBe('0.8325');
    // a series-less (pinned) entry answers a residual query
    expect(valueOf(resolver([[e({ co2v: '0.9' })]], 2022), { ...grid, series: 'residual' })).toBe('0.9');
    // no residual entry and no series-less one → nothing
    expect(resolver([layer], 2022).resolve({ ...grid, series: 'residual' })).toBeUndefined();
  });

  it("prefers entries per the quantity's own dimension", () => {
    const layer = [
      e({ category: 'fuel', item: 'natural_gas', co2v: '21.6219', unit: 'tCO2/万m3' }),
      e({ category: 'fuel', item: 'natural_gas', co2v: '2.86', unit: 'tCO2/t' }),
    ];
    const q = { kind: 'co2', category: 'fuel', item: 'natural_gas' } as const;
    // a quantity in t → the per-t entry 2.86
    expect(valueOf(resolver([layer], 2024), { ...q, dimension: 'mass' })).toBe('2.86');
    // a quantity in m3 → the per-万m3 entry 21.6219
    expect(valueOf(resolver([layer], 2024), { ...q, dimension: 'volume' })).toBe('21.6219');
  });

  it('resolves transport to its own entry first, then to the fuel entry of the same layer', () => {
    const fuel = e({ category: 'fuel', item: 'diesel', co2v: '3.1451', unit: 'tCO2/t' });
    const transport = e({ category: 'transport', item: 'diesel', co2v: '3.2', unit: 'tCO2/t' });
    const q = { kind: 'co2', category: 'transport', item: 'diesel', dimension: 'mass' } as const;
    // only a fuel entry → 3.1451 (diesel, fuels-co2.yaml value)
    expect(valueOf(resolver([[fuel]], 2024), q)).toBe('3.1451');
    // a transport entry in the same layer wins → 3.2
    expect(valueOf(resolver([[fuel, transport]], 2024), q)).toBe('3.2');
  });

  it('returns undefined when no layer has the factor', () => {
    expect(resolver([provincial], 2022).resolve({ kind: 'energy', category: 'electricity', item: 'grid', series: 'average' })).toBeUndefined();
  });

  it('warns once per factor however often it is resolved', () => {
    const r = resolver([[e({ series: 'average', year: 2021, co2v: '0.6' })]], 2024);
    r.resolve(grid);
    r.resolve(grid);
    r.resolve({ ...grid, dimension: 'energy' });
    expect(r.warnings.map((w) => w.code)).toEqual(['ZC-W-FACTOR-VINTAGE']);
  });
});

describe('the factors that apply (zcpark factors --year), in process', () => {
  const data = testData();
  const query = (year: number, region?: string, pack?: string) =>
    applicableFactors({
      year,
      ...(region ? { region } : {}),
      ...(pack ? { pack: (builtinProfile(pack, data) as { profile: CompiledProfile }).profile } : {}),
      builtinFactors: data.builtinFactors,
      gridRegionOf: data.gridRegionOf,
      dimensionOf: (u) => data.units.lookup(u)?.dimension,
      fuelItems: data.vocabulary.categories.get('fuel')!.items.keys(),
    });
  const grid = (r: ReturnType<typeof query>) =>
    r.factors.filter((f) => f.category === 'electricity' && f.item === 'grid').map((f) => `${f.factor.entry.series}=${f.factor.value.value.toString()}`);

  it('lists every grid series without a pack, the provincial average first', () => {
    const r = query(2022, 'CN-JS');
    // CN-JS average 2022 is 0.5978 tCO2/MWh (MEE/NBS 2022, electricity.yaml), as evaluate uses it (first test above)
    expect(grid(r)[0]).toBe('average=0.5978');
    expect(r.factors.filter((f) => f.item === 'grid').map((f) => f.factor.entry.series)).toEqual(['average', 'residual', 'fossil', 'ets']);
  });

  it("lists only the pack's pinned grid factor and its electricity energy value under a pack", () => {
    const r = query(2021, 'CN-NM', 'zero-carbon-park');
    // zero-carbon-park pins 0.8325 tCO2/MWh (910号 annex 4) whatever the year, and reads electricity at its equivalent
    // value (electricity_energy: coal_equivalent in zero-carbon-park.yaml)
    expect(r.factors.filter((f) => f.item === 'grid').map((f) => [f.factor.entry.origin, f.factor.value.value.toString()])).toEqual([['profile', '0.8325']]);
    expect(r.factors.filter((f) => f.category === 'electricity' && f.kind === 'energy').map((f) => f.item)).toEqual(['coal_equivalent']);
  });
});
