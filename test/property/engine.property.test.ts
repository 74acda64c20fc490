/**
 * The whole engine on hostile-but-plausible submissions: a valid template (every section, inline rows,
 * a factor entry, an activity CSV) with random edits: keys added, replaced or deleted anywhere, including
 * __proto__ / constructor / prototype; values that are numbers in odd spellings, units, vocabulary
 * words, profile ids, NaN, nested objects; CSV cells and headers changed, rows added, files missing or
 * binary. Serialised as block YAML or as JSON, evaluated in-process (any profile, --explain, en/zh).
 *  1. evaluate() never throws: a report, or diagnostics with at least one error;
 *  2. it never pollutes Object.prototype (nor Array's, Function's or String's);
 *  3. a report always serialises to JSON and every renderer (json, table, markdown, csv, html) renders it.
 * Runs (FC_RUNS scales them, see runs.ts): 4,000 (one run parses, validates, accounts, scores and
 * renders a submission: ~5 ms, so 10^5 would take minutes; the local 10^6 run gives it 40,000).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RENDERERS } from '../../src/report/formats/index.js';
import { evalYaml } from '../helpers/engine.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(4_000);

const TEMPLATE = {
  format: 'zcpark/1',
  profile: 'zero-carbon-park',
  entity: { id: 'P-1', name: '示例园区 Example park', type: 'park', region: 'CN-NM' },
  year: 2024,
  economy: { industrial_added_value: { value: 85.2, unit: '亿元' }, gdp: 120 },
  baseline: { year: 2020, emissions: { value: 30, unit: '万tCO2' }, energy: { value: 20, unit: '万tce' }, gdp: { value: 100, unit: '亿元' } },
  targets: { carbon_intensity_reduction: '18%' },
  metrics: {
    solid_waste_generated: { value: 52000, unit: 't' },
    solid_waste_utilized: { value: 46500, unit: 't' },
    waste_heat_utilization_rate: '55%',
    water_reuse_rate: '92%',
    products_meeting_energy_limit_share: 1,
    energy_carbon_platform: true,
  },
  exemptions: { waste_heat_utilization: 'no recoverable waste heat' },
  budget: { total: { value: 42, unit: '万tCO2' }, by_category: { fuel: 50000 } },
  factors: [{ category: 'fuel', item: 'natural_gas', co2: 21.6, co2_unit: 'tCO2/万m3', source: 'supplier' }],
  activity_files: ['a.csv'],
  activity: [
    { entity: 'park-admin', category: 'transport', item: 'diesel', quantity: 12.5, unit: 't', note: 'vehicles' },
    { entity: 'e-1', category: 'electricity', item: 'grid', quantity: '1,200', unit: 'MWh' },
    { entity: 'e-1', category: 'electricity', item: 'green_certificate', quantity: 100, unit: 'MWh' },
  ],
};
const CSV_ROWS = [
  ['entity', 'category', 'item', 'quantity', 'unit', 'note'],
  ['e-1', 'electricity', 'direct_green', '560,000', 'MWh', 'direct supply'],
  ['e-1', 'fuel', 'natural_gas', '85', '万m3', ''],
  ['e-2', 'electricity', 'grid', '4500', '万kWh', ''],
  ['e-2', 'heat', 'purchased', '42000', 'GJ', 'steam'],
  ['e-2', 'process', 'other', '1200', 'tCO2', ''],
  ['park-admin', 'sink', 'forest', '800', 'tCO2', ''],
];

const KEYS = [
  ...Object.keys(TEMPLATE),
  'id',
  'name',
  'type',
  'region',
  'value',
  'unit',
  'entity',
  'category',
  'item',
  'quantity',
  'factor',
  'factor_unit',
  'note',
  'co2',
  'co2_unit',
  'energy',
  'energy_unit',
  'tce',
  'source',
  'series',
  'year',
  'total',
  'by_category',
  'emissions',
  'energy',
  'gdp',
  '$schema',
  'solid_waste_generated',
  'solid_waste_utilization_rate',
  'water_reused',
  'water_total',
  'nev_sales_share',
  'non_fossil_share',
  'renewable_share',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'polluted',
  '',
];
const STRINGS = [
  '85%',
  '８５％',
  '1,234.5',
  '１２３',
  '-5',
  '−5',
  '1e500',
  '1e-13',
  '0',
  '',
  ' ',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '1.234,5',
  't',
  'MWh',
  '万kWh',
  '度',
  'GJ',
  'tCO2',
  'tCO2/MWh',
  'kgCO2/kWh',
  'tce/MWh',
  'furlong',
  '%',
  'fuel',
  'electricity',
  'heat',
  'sink',
  'offset',
  'grid',
  'export',
  'green_certificate',
  'natural_gas',
  '电力',
  '天然气',
  'diesel',
  'zero-carbon-park',
  'carbon-peaking-city',
  'carbon-peaking-park',
  'climate-positive',
  'carbon-budget',
  'zero-carbon-parc',
  './pack.yaml',
  'CN-NM',
  'CN-XX',
  'CN',
  'park',
  'city',
  '城市',
  'zcpark/1',
  'zcpark/2',
  'a.csv',
  'b.csv',
  'missing.csv',
  '../../etc/passwd',
  'e-1',
  '__proto__',
];
const scalar = fc.oneof(
  { arbitrary: fc.constantFrom(...STRINGS), weight: 6 },
  { arbitrary: fc.oneof(fc.integer({ min: -10, max: 3000 }), fc.double(), fc.constantFrom(0, -0, 1e15, 1e16, 2024.5, Number.MAX_SAFE_INTEGER + 2)), weight: 3 },
  { arbitrary: fc.constantFrom(true, false, null), weight: 1 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);
const key = fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 5 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 });
/** Own properties only: `{ __proto__: … }` must become a key, as YAML and JSON.parse make it. */
const objectOf = (entries: [string, unknown][]) => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 3 }).map(objectOf),
  ),
}));

type Edit = { op: 'set' | 'delete' | 'push'; steps: number[]; key: string; value: unknown };
const edit: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom('set' as const, 'set' as const, 'delete' as const, 'push' as const),
  steps: fc.array(fc.nat(), { maxLength: 4 }),
  key,
  value,
});

const isContainer = (x: unknown): x is Record<string, unknown> | unknown[] => typeof x === 'object' && x !== null;

/** Applies an edit to a deep copy: walk down by `steps` (each picks a child container), then change that container. */
function apply(doc: unknown, e: Edit): void {
  let node = doc as Record<string, unknown> | unknown[];
  for (const s of e.steps) {
    const children = Object.values(node).filter(isContainer);
    if (children.length === 0) break;
    node = children[s % children.length]!;
  }
  const pick = e.steps.at(-1) ?? 0;
  if (Array.isArray(node)) {
    if (e.op === 'delete') node.splice(pick % (node.length + 1), 1);
    else if (e.op === 'push') node.push(isContainer(node[0]) ? { ...node[0], ...objectOf([[e.key, e.value]]) } : e.value);
    else node[pick % (node.length + 1)] = e.value;
  } else {
    const keys = Object.keys(node);
    if (e.op === 'delete' && keys.length > 0) delete node[keys[pick % keys.length]!];
    else Object.defineProperty(node, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
  }
}

const CSV_CELLS = [
  '',
  ' ',
  '"',
  '""',
  ',',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '=1+2',
  '\u2028',
  '\ufeff',
  '-1',
  '1e500',
  '85%',
  '１２３',
  '1,234',
  '万kWh',
  'MWh',
  'kg',
  'grid',
  'export',
  'green_certificate',
  'sink',
  'offset',
  '电力',
  '企业',
  '消费量',
  'factr',
  'factor',
  'factor_unit',
  '__proto__',
  'constructor',
  'e-1',
];
const csvEdit = fc.record({
  row: fc.nat(),
  col: fc.nat(),
  cell: fc.oneof(fc.constantFrom(...CSV_CELLS), fc.string({ maxLength: 5 })),
  op: fc.constantFrom('cell', 'cell', 'row', 'drop'),
});
const csvFile = fc
  .record({
    edits: fc.oneof(fc.constant([]), fc.array(csvEdit, { minLength: 1, maxLength: 2 })),
    quote: fc.constantFrom('minimal', 'minimal', 'minimal', 'minimal', 'all', 'all', 'none'),
    nl: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
  })
  .map(({ edits, quote, nl, bom }) => {
    const rows = CSV_ROWS.map((r) => [...r]);
    for (const e of edits) {
      if (e.op === 'row') rows.push(rows[e.row % rows.length]!.map((c, i) => (i === e.col % 6 ? e.cell : c)));
      else if (e.op === 'drop') rows.splice(e.row % rows.length, 1);
      else if (rows.length > 0) {
        const r = rows[e.row % rows.length]!;
        r[e.col % (r.length + 1)] = e.cell;
      }
    }
    // 'none' leaves commas, quotes and line breaks bare, so rows break apart: that is part of the test
    const q = (c: string) => (quote === 'all' || (quote === 'minimal' && /[",\r\n]/.test(c)) ? `"${c.replace(/"/g, '""')}"` : c);
    return (bom ? '\ufeff' : '') + rows.map((r) => r.map(q).join(',')).join(nl) + nl;
  });
const otherFile = fc.oneof(
  fc.constant(undefined),
  csvFile.map((t) => new TextEncoder().encode(t)),
  fc.uint8Array({ maxLength: 40 }),
);

const submission = fc.record({
  // a third of the runs keep the document valid, so CSV edits, --explain, zh and the renderers are reached often
  edits: fc.oneof({ arbitrary: fc.constant([]), weight: 1 }, { arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }), weight: 2 }),
  json: fc.boolean(),
  a: fc.oneof({ arbitrary: csvFile, weight: 9 }, { arbitrary: fc.constant(undefined), weight: 1 }),
  b: otherFile,
  explain: fc.boolean(),
  lang: fc.constantFrom('en' as const, 'zh' as const),
});

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
const snapshot = () => PROTOTYPES.map((p) => Reflect.ownKeys(p).map((k) => [k, Object.getOwnPropertyDescriptor(p, k)!.value] as const));

/**
 * Regression (found by this property, fixed with model/text.ts textOf): user values were put into messages with
 * String(value). A
 * mapping or list there is shown as "[object Object]", and one with its own non-function `toString` key
 * makes String() throw "TypeError: Cannot convert object to primitive value": evaluate() throws, the CLI
 * exits 70 ("internal error"). Minimal inputs, each in an otherwise valid submission:
 *   targets: { toString: 1 }                            → schema.ts:112 (a key breaking the key pattern: String(<the mapping>))
 *   activity: [{ ..., quantity: { toString: x } }]      → normalize/activity.ts:28 (also category, item, unit, entity, factor_unit)
 *   activity: [{ ..., factor: { toString: x } }]        → normalize/activity.ts:63
 *   factors: [{ ..., co2: { toString: x } }]            → normalize/quantity.ts:13
 *   factors: [{ ..., co2_unit: { toString: x } }]       → normalize/factors.ts:42
 * Expected: the schema diagnostic alone (ZC-E-SCHEMA-TYPE / -PATTERN naming the key), no exception.
 * The random property no longer skips anything: every exception is a failure.
 */

const withTemplate = (patch: Record<string, unknown>) =>
  evalYaml(stringify({ ...TEMPLATE, ...patch }), { files: { 'a.csv': CSV_ROWS.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n') } });
const row = TEMPLATE.activity[0]!;

describe('evaluate() on random-but-plausible submissions (fast-check)', () => {
  it('a targets key named toString gets a diagnostic, not an exception (validate/schema.ts)', () => {
    expect(withTemplate({ targets: { toString: 1 } }).diagnostics.map((d) => d.code)).toContain('ZC-E-SCHEMA-PATTERN');
  });

  it('a key that breaks the key pattern is named in the message (validate/schema.ts)', () => {
    expect(withTemplate({ targets: { 'Bad Key': 1 } }).diagnostics.find((d) => d.code === 'ZC-E-SCHEMA-PATTERN')?.message).toContain('Bad Key');
  });

  it('an activity quantity or factor that is a mapping with a toString key gets a diagnostic (normalize/activity.ts)', () => {
    expect(withTemplate({ activity: [{ ...row, quantity: { toString: 'x' } }] }).diagnostics.map((d) => d.code)).toContain('ZC-E-SCHEMA-TYPE');
  });

  it('a factor value or unit that is a mapping with a toString key gets a diagnostic (normalize/factors.ts, quantity.ts)', () => {
    expect(withTemplate({ factors: [{ ...TEMPLATE.factors[0], co2: { toString: 'x' } }] }).diagnostics.map((d) => d.code)).toContain('ZC-E-SCHEMA-TYPE');
  });

  it('the template itself evaluates to a report (so the edits start from a valid submission)', () => {
    const r = evalYaml(stringify(TEMPLATE), { files: { 'a.csv': CSV_ROWS.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n') } });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.report).toBeDefined();
  });

  it(
    'never throws, never pollutes a prototype, and every report renders',
    () => {
      const before = snapshot();
      let reports = 0;
      fc.assert(
        fc.property(submission, ({ edits, json, a, b, explain, lang }) => {
          const doc = structuredClone(TEMPLATE) as unknown;
          for (const e of edits) apply(doc, e);
          const text = json ? JSON.stringify(doc, null, 1) : stringify(doc);
          const files: Record<string, string | Uint8Array> = {};
          if (a !== undefined) files['a.csv'] = a;
          if (b !== undefined) files['b.csv'] = b;
          let out: ReturnType<typeof evalYaml>;
          try {
            out = evalYaml(text, { files, explain, lang });
          } catch (e) {
            throw e;
          }
          assert.ok(Array.isArray(out.diagnostics));
          for (const d of out.diagnostics) assert.match(d.code, /^ZC-[EW]-[A-Z0-9-]+$/);
          if (out.report) {
            reports++;
            assert.equal(typeof JSON.stringify(out.report), 'string');
            for (const [name, render] of Object.entries(RENDERERS)) assert.equal(typeof render(out.report, { color: false, lang }), 'string', name);
          } else {
            assert.ok(
              out.diagnostics.some((d) => d.severity === 'error'),
              'no report, yet no error',
            );
          }
          const now = snapshot();
          for (let i = 0; i < PROTOTYPES.length; i++) {
            assert.equal(now[i]!.length, before[i]!.length, `${['Object', 'Array', 'Function', 'String', 'Number'][i]}.prototype gained a key`);
            for (let j = 0; j < now[i]!.length; j++)
              assert.ok(now[i]![j]![0] === before[i]![j]![0] && now[i]![j]![1] === before[i]![j]![1], 'a prototype property changed');
          }
          assert.equal(({} as Record<string, unknown>).polluted, undefined);
        }),
        { numRuns: N },
      );
      if (N >= 1000) expect(reports).toBeGreaterThan(N / 8); // enough submissions stay valid to reach the report (~19 %)
    },
    timeoutFor(N, 20),
  );
});
