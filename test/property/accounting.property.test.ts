/**
 * Accounting invariants (issue #2), checked on the engine's exact results with fast-check:
 *  1. scaling every quantity by k scales every tonne and tce by exactly k;
 *  2. the order of rows never changes a figure (nor the report's JSON, apart from the trace and positions);
 *  3. total = Σ categories = Σ entities, for energy and for CO2;
 *  4. splitting a row into two whose quantities sum to the original (the second part possibly in another
 *     unit of the same dimension) keeps every figure exactly;
 *  5. adding a row whose own emissions are non-negative (no certificate, export, sink or offset) to a valid
 *     inventory never lowers gross emissions, nor total energy;
 *  6. the boundary: moving rows from one entity to another (splitting an entity in two) never changes a
 *     boundary figure, and every entity figure (each CO2 category, energy, clean, feedstock) sums exactly to it.
 * Runs (FC_RUNS scales them, see runs.ts): 4,000 (ACC_RUNS) for each of 1–5 and each accounting (one run
 * accounts up to 40 rows once or twice, 0.1–0.3 ms, so 10^5 runs of all ten would take 4 minutes; the
 * local 10^6 run gives each 40,000), and 1,000 for the JSON report, which runs the whole engine twice.
 * Hot loops assert with node:assert: a vitest expect() per figure would cost more than the accounting.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { Accounting, EMITTING, ENERGY_CATEGORIES, type AccountResult } from '../../src/account/account.js';
import { FactorResolver } from '../../src/account/factors.js';
import { Rational } from '../../src/model/rational.js';
import type { ActivityRow, Category, FactorEntry, ProfileAccounting } from '../../src/model/types.js';
import { testData } from '../helpers/data.js';
import { evalYaml, header } from '../helpers/engine.js';
import { runs, timeoutFor } from './runs.js';

const ACC_RUNS = 4_000;
const RUNS = runs(ACC_RUNS);
const TIMEOUT = timeoutFor(RUNS, 3);
const data = testData();

/** Row templates whose factors exist in the built-in library. */
const TEMPLATES: [Category, string, string][] = [
  ['fuel', 'natural_gas', '万m3'],
  ['fuel', 'natural_gas', 'm3'],
  ['fuel', 'diesel', 't'],
  ['fuel', 'raw_coal', '吨'],
  ['fuel', 'lpg', 'kg'],
  ['fuel', 'coke', 't'],
  ['fuel', 'biomass', 'tce'],
  ['transport', 'diesel', 't'],
  ['transport', 'gasoline', 't'],
  ['electricity', 'grid', 'MWh'],
  ['electricity', 'grid', '万kWh'],
  ['electricity', 'green_trade', 'MWh'],
  ['electricity', 'direct_green', 'kWh'],
  ['electricity', 'onsite_renewable', 'MWh'],
  ['electricity', 'export', 'MWh'],
  ['electricity', 'green_certificate', 'MWh'],
  ['electricity', 'onsite_fossil', 'MWh'],
  ['electricity', 'export_renewable', 'MWh'],
  ['heat', 'purchased', 'GJ'],
  ['heat', 'export', 'GJ'],
  ['heat', 'onsite_renewable', 'TJ'],
  ['heat', 'purchased_renewable', 'GJ'],
  ['heat', 'onsite_fossil', 'GJ'],
  ['heat', 'export_renewable', 'GJ'],
  ['process', 'other', 'tCO2'],
  ['waste', 'landfill', 'tCO2e'],
  ['sink', 'forest', 'tCO2'],
  ['offset', 'ccer', '万tCO2'],
];

const rowArb = fc.record({
  t: fc.constantFrom(...TEMPLATES),
  entity: fc.constantFrom('a', 'b', 'c', '企业甲'),
  milli: fc.integer({ min: 0, max: 50_000_000 }),
  feedstock: fc.boolean(),
});
type RowSpec = { t: [Category, string, string]; entity: string; milli: number; feedstock?: boolean };
const EXPORTS = ['export', 'export_renewable'];

const toRows = (specs: RowSpec[], k: Rational = Rational.ONE): ActivityRow[] =>
  specs.map((s, i) => ({
    entity: s.entity,
    category: s.t[0],
    item: s.t[1],
    quantity: { value: Rational.of(BigInt(s.milli), 1000n).mul(k), unit: data.units.lookup(s.t[2])!.symbol },
    ref: { file: 'p.csv', line: i + 2 },
    // a fuel row may be used as feedstock (its tce counts, no combustion CO2)
    ...(s.feedstock && s.t[0] === 'fuel' ? { use: 'feedstock' as const } : {}),
  }));

const ZCP: ProfileAccounting = {
  electricityEnergy: 'coal_equivalent',
  grid: { pinned: Rational.parseDecimal('0.8325')!, unit: 'tCO2/MWh', source: 'annex 4' },
  creditNetExports: true,
  cleanIncludesGas: true,
  gases: 'co2',
};
const CITY: ProfileAccounting = { electricityEnergy: 'calorific', grid: { series: 'average' }, creditNetExports: false, cleanIncludesGas: false, gases: 'co2' };

function account(rows: ActivityRow[], acc: ProfileAccounting, region = 'CN-JS'): AccountResult {
  const pinned: FactorEntry[] =
    'pinned' in acc.grid
      ? [
          {
            category: 'electricity',
            item: 'grid',
            co2: { value: acc.grid.pinned, unit: { numerator: 'tCO2', denominator: 'MWh' }, unitText: 'tCO2/MWh' },
            source: 'pin',
            origin: 'profile',
            set: 'p',
          },
        ]
      : [];
  const resolver = new FactorResolver(
    { year: 2024, region, gridRegionOf: data.gridRegionOf, layers: [[], [], pinned, data.builtinFactors] },
    (u) => data.units.lookup(u)?.dimension,
  );
  const a = new Accounting({ units: data.units, vocabulary: data.vocabulary, resolver, accounting: acc });
  for (const r of rows) a.add(r);
  return a.finish();
}

/** Every exact figure of a result, by name. */
function figures(a: AccountResult): Map<string, Rational> {
  const m = new Map<string, Rational>([
    ['energy_total', a.energyTotalTce],
    ['clean', a.energyCleanTce],
    ['energy_t', a.energyT],
    ['gross', a.grossT],
    ['sinks', a.sinksT],
    ['offsets', a.offsetsT],
    ['net', a.netT],
  ]);
  for (const [c, v] of a.co2ByCategory) m.set(`co2.${c}`, v);
  for (const [c, v] of a.energyByCategory) m.set(`tce.${c}`, v);
  const e = a.electricity,
    h = a.heat;
  for (const [k, v] of Object.entries(e.flows)) m.set(`elec.${k}`, v);
  for (const [k, v] of Object.entries({ supply: e.supply, consumed: e.consumed, energy: e.energyMwh, credited: e.credited, green: e.green, clean: e.clean }))
    m.set(`elec.${k}`, v);
  for (const [k, v] of Object.entries(h.flows)) m.set(`heat.${k}`, v);
  for (const [k, v] of Object.entries({ consumed: h.consumed, energy: h.energyGj, clean: h.clean })) m.set(`heat.${k}`, v);
  m.set('feedstock', a.feedstockTce);
  for (const [e, f] of a.byEntity) {
    for (const [c, v] of f.co2) m.set(`${e}.co2.${c}`, v);
    for (const [c, v] of f.tce) m.set(`${e}.tce.${c}`, v);
    m.set(`${e}.clean`, f.cleanTce);
    m.set(`${e}.feedstock`, f.feedstockTce);
  }
  return m;
}

const errorsOf = (a: AccountResult) =>
  a.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => d.code)
    .sort();

describe('accounting invariants (fast-check)', () => {
  for (const [name, acc] of [
    ['zero-carbon-park accounting', ZCP],
    ['city accounting (average grid, no export credit)', CITY],
  ] as const) {
    it(
      `${name}: scaling every quantity by k scales every figure by exactly k`,
      () => {
        fc.assert(
          fc.property(fc.array(rowArb, { maxLength: 40 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 1000 }), (specs, num, den) => {
            const k = Rational.of(BigInt(num), BigInt(den));
            const base = account(toRows(specs), acc);
            const scaled = account(toRows(specs, k), acc);
            assert.deepEqual(errorsOf(scaled), errorsOf(base));
            const fb = figures(base),
              fs = figures(scaled);
            for (const [key, v] of fb) assert.ok(fs.get(key)!.equals(v.mul(k)), key);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `${name}: row order never changes a figure`,
      () => {
        fc.assert(
          fc.property(
            fc
              .array(rowArb, { maxLength: 40 })
              .chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length, maxLength: specs.length }))),
            ([specs, shuffled]) => {
              const a = figures(account(toRows(specs), acc));
              const b = figures(account(toRows(shuffled), acc));
              assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
              for (const [key, v] of a) assert.ok(b.get(key)!.equals(v), key);
            },
          ),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `${name}: total = Σ categories = Σ entities`,
      () => {
        fc.assert(
          fc.property(fc.array(rowArb, { maxLength: 40 }), (specs) => {
            const a = account(toRows(specs), acc);
            const sum = (xs: Iterable<Rational>) => [...xs].reduce((x, y) => x.add(y), Rational.ZERO);
            assert.ok(sum(EMITTING.map((c) => a.co2ByCategory.get(c)!)).equals(a.grossT), 'gross = Σ categories');
            assert.ok(sum([...a.byEntity.values()].map((f) => sum(f.co2.values()))).equals(a.grossT), 'gross = Σ entities');
            assert.ok(sum(ENERGY_CATEGORIES.map((c) => a.energyByCategory.get(c)!)).equals(a.energyTotalTce), 'energy = Σ categories');
            assert.ok(sum([...a.byEntity.values()].map((f) => sum(f.tce.values()))).equals(a.energyTotalTce), 'energy = Σ entities');
            assert.ok(sum([...a.byEntity.values()].map((f) => f.cleanTce)).equals(a.energyCleanTce), 'clean = Σ entities');
            assert.ok(a.netT.equals(a.grossT.sub(a.sinksT).sub(a.offsetsT)), 'net = gross − sinks − offsets');
            for (const c of EMITTING) assert.ok(sum([...a.byEntity.values()].map((f) => f.co2.get(c)!)).equals(a.co2ByCategory.get(c)!), `${c}_t = Σ entities`);
            for (const c of ENERGY_CATEGORIES)
              assert.ok(sum([...a.byEntity.values()].map((f) => f.tce.get(c)!)).equals(a.energyByCategory.get(c)!), `${c}_tce = Σ entities`);
            assert.ok(sum([...a.byEntity.values()].map((f) => f.feedstockTce)).equals(a.feedstockTce), 'feedstock = Σ entities');
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `${name}: splitting a row in two (the parts in any units of its dimension) keeps every figure`,
      () => {
        const split = fc.record({
          at: fc.nat(),
          num: fc.integer({ min: 0, max: 1000 }),
          den: fc.integer({ min: 1, max: 1000 }),
          unit: fc.nat(),
          end: fc.boolean(),
        });
        fc.assert(
          fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), split, (specs, { at, num, den, unit, end }) => {
            const rows = toRows(specs);
            const i = at % rows.length;
            const row = rows[i]!;
            const share = Rational.of(BigInt(Math.min(num, den)), BigInt(den)); // in [0, 1]
            const from = data.units.get(row.quantity.unit);
            const others = data.units.unitsOf(from.dimension);
            const to = data.units.get(others[unit % others.length]!);
            const first = { ...row, quantity: { ...row.quantity, value: row.quantity.value.mul(share) } };
            const second = {
              ...row,
              quantity: { value: row.quantity.value.mul(Rational.ONE.sub(share)).mul(data.units.ratio(from, to)), unit: to.symbol },
              ref: { file: 'p.csv', line: 999 },
            };
            const parts = [...rows.slice(0, i), first, ...rows.slice(i + 1)];
            if (end) parts.push(second);
            else parts.splice(i + 1, 0, second);
            const a = account(rows, acc),
              b = account(parts, acc);
            assert.deepEqual(errorsOf(b), errorsOf(a));
            const fa = figures(a),
              fb = figures(b);
            assert.deepEqual([...fb.keys()].sort(), [...fa.keys()].sort());
            for (const [key, v] of fa) assert.ok(fb.get(key)!.equals(v), `${key}: ${fb.get(key)!.toString()} ≠ ${v.toString()}`);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `${name}: adding a row with non-negative emissions to a valid inventory never lowers gross emissions or total energy`,
      () => {
        // certificates and exports are credits, sinks and offsets are not emissions: they are the rows left out;
        // an inventory with a balance error has no figures to compare (no report is made)
        const nonNegative = TEMPLATES.filter(([c, item]) => !['green_certificate', ...EXPORTS].includes(item) && !['sink', 'offset'].includes(c));
        const extra = fc.record({
          t: fc.constantFrom(...nonNegative),
          entity: fc.constantFrom('a', 'b', 'c', 'new'),
          milli: fc.integer({ min: 0, max: 50_000_000 }),
          feedstock: fc.boolean(),
        });
        fc.assert(
          fc.property(fc.array(rowArb, { maxLength: 40 }), extra, fc.nat(), (specs, added, at) => {
            const before = account(toRows(specs), acc);
            if (errorsOf(before).length) return;
            const more: RowSpec[] = [...specs];
            more.splice(at % (specs.length + 1), 0, added);
            const after = account(toRows(more), acc);
            assert.ok(after.grossT.cmp(before.grossT) >= 0, `gross fell from ${before.grossT.toString()} to ${after.grossT.toString()}`);
            assert.ok(
              after.energyTotalTce.cmp(before.energyTotalTce) >= 0,
              `energy fell from ${before.energyTotalTce.toString()} to ${after.energyTotalTce.toString()}`,
            );
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `${name}: moving rows to another entity (splitting an entity) never changes a boundary figure`,
      () => {
        fc.assert(
          fc.property(fc.array(rowArb, { maxLength: 40 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (specs, move) => {
            const a = account(toRows(specs), acc);
            // rows marked to move go to a new entity "split"; the boundary is the same set of rows
            const b = account(toRows(specs.map((s, i) => (move[i] ? { ...s, entity: 'split' } : s))), acc);
            assert.deepEqual(errorsOf(b), errorsOf(a));
            const boundary = (m: Map<string, Rational>) => new Map([...m].filter(([k]) => !/^(a|b|c|企业甲|split)\./.test(k)));
            const fa = boundary(figures(a)),
              fb = boundary(figures(b));
            assert.deepEqual([...fb.keys()].sort(), [...fa.keys()].sort());
            for (const [key, v] of fa) assert.ok(fb.get(key)!.equals(v), `${key}: ${fb.get(key)!.toString()} ≠ ${v.toString()}`);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );
  }

  it(
    'the JSON report does not depend on row order (trace and warning positions aside)',
    () => {
      const rowYaml = (s: RowSpec) =>
        `  - { entity: "${s.entity}", category: ${s.t[0]}, item: ${s.t[1]}, quantity: ${Rational.of(BigInt(s.milli), 1000n).toString()}, unit: "${s.t[2]}"${s.feedstock && s.t[0] === 'fuel' ? ', use: feedstock' : ''} }\n`;
      const strip = (json: string) => {
        const r = JSON.parse(json) as { warnings: { code: string; message: string }[] };
        // positions move with the rows, in the fields and inside messages ("this row repeats test.yaml:6")
        r.warnings = r.warnings
          .map((w) => ({ code: w.code, message: w.message.replace(/[\w./-]+\.(yaml|csv):\d+/g, '<row>') }))
          .sort((x, y) => (x.code + x.message < y.code + y.message ? -1 : 1));
        return JSON.stringify(r);
      };
      // exports are left out here so every generated park is valid and a report exists (they are covered above)
      const validRow = fc.record({
        t: fc.constantFrom(...TEMPLATES.filter((t) => !EXPORTS.includes(t[1]))),
        entity: fc.constantFrom('a', 'b', '企业甲'),
        milli: fc.integer({ min: 0, max: 50_000_000 }),
        feedstock: fc.boolean(),
      });
      fc.assert(
        fc.property(
          fc
            .array(validRow, { minLength: 1, maxLength: 25 })
            .chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length, maxLength: specs.length }))),
          ([specs, shuffled]) => {
            const a = evalYaml(header(`activity:\n${specs.map(rowYaml).join('')}`));
            const b = evalYaml(header(`activity:\n${shuffled.map(rowYaml).join('')}`));
            assert.deepEqual(b.diagnostics.map((d) => d.code).sort(), a.diagnostics.map((d) => d.code).sort());
            assert.ok(a.report);
            assert.equal(strip(JSON.stringify(b.report)), strip(JSON.stringify(a.report)));
          },
        ),
        { numRuns: runs(ACC_RUNS / 4) },
      );
    },
    timeoutFor(runs(ACC_RUNS / 4), 20),
  );
});
