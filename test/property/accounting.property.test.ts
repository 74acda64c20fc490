/**
 * Accounting invariants (issue #2), checked on the engine's exact results with fast-check:
 *  1. scaling every quantity by k scales every tonne and tce by exactly k;
 *  2. the order of rows never changes a figure (nor the report's JSON, apart from the trace and positions);
 *  3. total = Σ categories = Σ entities, for energy and for CO2.
 * Runs: FC_RUNS (default 200 per property; issue #7 raises this to 10^5 in CI).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Accounting, EMITTING, ENERGY_CATEGORIES, type AccountResult } from '../../src/account/account.js';
import { FactorResolver } from '../../src/account/factors.js';
import { Rational } from '../../src/model/rational.js';
import type { ActivityRow, Category, FactorEntry, ProfileAccounting } from '../../src/model/types.js';
import { testData } from '../helpers/data.js';
import { evalYaml, header } from '../helpers/engine.js';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const data = testData();

/** Row templates whose factors exist in the built-in library. */
const TEMPLATES: [Category, string, string][] = [
  ['fuel', 'natural_gas', '万m3'], ['fuel', 'natural_gas', 'm3'], ['fuel', 'diesel', 't'], ['fuel', 'raw_coal', '吨'],
  ['fuel', 'lpg', 'kg'], ['fuel', 'coke', 't'], ['fuel', 'biomass', 'tce'], ['transport', 'diesel', 't'], ['transport', 'gasoline', 't'],
  ['electricity', 'grid', 'MWh'], ['electricity', 'grid', '万kWh'], ['electricity', 'green_trade', 'MWh'], ['electricity', 'direct_green', 'kWh'],
  ['electricity', 'onsite_renewable', 'MWh'], ['electricity', 'export', 'MWh'], ['electricity', 'green_certificate', 'MWh'],
  ['heat', 'purchased', 'GJ'], ['heat', 'export', 'GJ'], ['heat', 'onsite_renewable', 'TJ'],
  ['process', 'other', 'tCO2'], ['waste', 'landfill', 'tCO2e'], ['sink', 'forest', 'tCO2'], ['offset', 'ccer', '万tCO2'],
];

const rowArb = fc.record({
  t: fc.constantFrom(...TEMPLATES),
  entity: fc.constantFrom('a', 'b', 'c', '企业甲'),
  milli: fc.integer({ min: 0, max: 50_000_000 }),
});
type RowSpec = { t: [Category, string, string]; entity: string; milli: number };

const toRows = (specs: RowSpec[], k: Rational = Rational.ONE): ActivityRow[] =>
  specs.map((s, i) => ({
    entity: s.entity,
    category: s.t[0],
    item: s.t[1],
    quantity: { value: Rational.of(BigInt(s.milli), 1000n).mul(k), unit: data.units.lookup(s.t[2])!.symbol },
    ref: { file: 'p.csv', line: i + 2 },
  }));

const ZCP: ProfileAccounting = { electricityEnergy: 'coal_equivalent', grid: { pinned: Rational.parseDecimal('0.8325')!, unit: 'tCO2/MWh', source: 'annex 4' }, creditNetExports: true, cleanIncludesGas: true };
const CITY: ProfileAccounting = { electricityEnergy: 'calorific', grid: { series: 'average' }, creditNetExports: false, cleanIncludesGas: false };

function account(rows: ActivityRow[], acc: ProfileAccounting, region = 'CN-JS'): AccountResult {
  const pinned: FactorEntry[] = 'pinned' in acc.grid ? [{ category: 'electricity', item: 'grid', co2: { value: acc.grid.pinned, unit: { numerator: 'tCO2', denominator: 'MWh' }, unitText: 'tCO2/MWh' }, source: 'pin', origin: 'profile', set: 'p' }] : [];
  const resolver = new FactorResolver({ year: 2024, region, gridRegionOf: data.gridRegionOf, layers: [[], [], pinned, data.builtinFactors] }, (u) => data.units.lookup(u)?.dimension);
  const a = new Accounting({ units: data.units, vocabulary: data.vocabulary, resolver, accounting: acc });
  for (const r of rows) a.add(r);
  return a.finish();
}

/** Every exact figure of a result, by name. */
function figures(a: AccountResult): Map<string, Rational> {
  const m = new Map<string, Rational>([
    ['energy_total', a.energyTotalTce], ['clean', a.energyCleanTce], ['energy_t', a.energyT], ['gross', a.grossT],
    ['sinks', a.sinksT], ['offsets', a.offsetsT], ['net', a.netT],
  ]);
  for (const [c, v] of a.co2ByCategory) m.set(`co2.${c}`, v);
  for (const [c, v] of a.energyByCategory) m.set(`tce.${c}`, v);
  for (const [k, v] of Object.entries(a.electricity)) m.set(`elec.${k}`, v);
  for (const [e, f] of a.byEntity) {
    for (const [c, v] of f.co2) m.set(`${e}.co2.${c}`, v);
    for (const [c, v] of f.tce) m.set(`${e}.tce.${c}`, v);
    m.set(`${e}.clean`, f.cleanTce);
  }
  return m;
}

const errorsOf = (a: AccountResult) => a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).sort();

describe('accounting invariants (fast-check)', () => {
  for (const [name, acc] of [['zero-carbon-park accounting', ZCP], ['city accounting (average grid, no export credit)', CITY]] as const) {
    it(`${name}: scaling every quantity by k scales every figure by exactly k`, () => {
      fc.assert(
        fc.property(fc.array(rowArb, { maxLength: 40 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 1000 }), (specs, num, den) => {
          const k = Rational.of(BigInt(num), BigInt(den));
          const base = account(toRows(specs), acc);
          const scaled = account(toRows(specs, k), acc);
          expect(errorsOf(scaled)).toEqual(errorsOf(base));
          const fb = figures(base), fs = figures(scaled);
          for (const [key, v] of fb) expect(fs.get(key)!.equals(v.mul(k)), key).toBe(true);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${name}: row order never changes a figure`, () => {
      fc.assert(
        fc.property(
          fc.array(rowArb, { maxLength: 40 }).chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length, maxLength: specs.length }))),
          ([specs, shuffled]) => {
            const a = figures(account(toRows(specs), acc));
            const b = figures(account(toRows(shuffled), acc));
            expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
            for (const [key, v] of a) expect(b.get(key)!.equals(v), key).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it(`${name}: total = Σ categories = Σ entities`, () => {
      fc.assert(
        fc.property(fc.array(rowArb, { maxLength: 40 }), (specs) => {
          const a = account(toRows(specs), acc);
          const sum = (xs: Iterable<Rational>) => [...xs].reduce((x, y) => x.add(y), Rational.ZERO);
          expect(sum(EMITTING.map((c) => a.co2ByCategory.get(c)!)).equals(a.grossT)).toBe(true);
          expect(sum([...a.byEntity.values()].map((f) => sum(f.co2.values()))).equals(a.grossT)).toBe(true);
          expect(sum(ENERGY_CATEGORIES.map((c) => a.energyByCategory.get(c)!)).equals(a.energyTotalTce)).toBe(true);
          expect(sum([...a.byEntity.values()].map((f) => sum(f.tce.values()))).equals(a.energyTotalTce)).toBe(true);
          expect(sum([...a.byEntity.values()].map((f) => f.cleanTce)).equals(a.energyCleanTce)).toBe(true);
          expect(a.netT.equals(a.grossT.sub(a.sinksT).sub(a.offsetsT))).toBe(true);
          expect(a.energyCleanTce.cmp(a.energyTotalTce)).toBeLessThanOrEqual(0);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('the JSON report does not depend on row order (trace and warning positions aside)', () => {
    const rowYaml = (s: RowSpec) => `  - { entity: "${s.entity}", category: ${s.t[0]}, item: ${s.t[1]}, quantity: ${Rational.of(BigInt(s.milli), 1000n).toString()}, unit: "${s.t[2]}" }\n`;
    const strip = (json: string) => {
      const r = JSON.parse(json) as { warnings: { code: string; message: string }[] };
      // positions move with the rows, in the fields and inside messages ("this row repeats test.yaml:6")
      r.warnings = r.warnings.map((w) => ({ code: w.code, message: w.message.replace(/[\w./-]+\.(yaml|csv):\d+/g, '<row>') })).sort((x, y) => (x.code + x.message < y.code + y.message ? -1 : 1));
      return JSON.stringify(r);
    };
    // exports are left out here so every generated park is valid and a report exists (they are covered above)
    const validRow = fc.record({ t: fc.constantFrom(...TEMPLATES.filter((t) => t[1] !== 'export')), entity: fc.constantFrom('a', 'b', '企业甲'), milli: fc.integer({ min: 0, max: 50_000_000 }) });
    fc.assert(
      fc.property(
        fc.array(validRow, { minLength: 1, maxLength: 25 }).chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length, maxLength: specs.length }))),
        ([specs, shuffled]) => {
          const a = evalYaml(header(`activity:\n${specs.map(rowYaml).join('')}`));
          const b = evalYaml(header(`activity:\n${shuffled.map(rowYaml).join('')}`));
          expect(b.diagnostics.map((d) => d.code).sort()).toEqual(a.diagnostics.map((d) => d.code).sort());
          expect(a.report).toBeDefined();
          expect(strip(JSON.stringify(b.report))).toBe(strip(JSON.stringify(a.report)));
        },
      ),
      { numRuns: Math.max(20, Math.floor(RUNS / 4)) },
    );
  });
});
