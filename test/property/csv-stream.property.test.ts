/**
 * A streamed activity CSV (read in chunks, summed on the fly) gives exactly what the whole-file reader gives:
 * the same problems at the same positions, the same tainted entities, and — summed per entity, category,
 * item and unit — the same exact quantities. Checked on every CSV under fixtures/ at several chunk sizes,
 * and on random CSV text built from valid rows and nasty fragments, cut into random chunks.
 *
 * Not compared: the duplicate-row warning, which the whole-file path raises across the submission
 * (submission.ts) and the streamed path within its file, on the quantity as written.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityRow, Diagnostic } from '../../src/model/types.js';
import { Rational } from '../../src/model/rational.js';
import { readActivityCsv, MAX_PROBLEMS } from '../../src/normalize/activity-csv.js';
import { ROOT } from '../helpers/run-cli.js';
import { testData } from '../helpers/data.js';
import { runs, timeoutFor } from './runs.js';

// ~0.6 ms a run (two reads of up to 30 rows): 3,000 text runs and 5,000 byte runs in CI, scaled by --runs
const TEXT_RUNS = runs(3000);
const BYTE_RUNS = runs(5000);
const data = testData();

function read(bytes: Uint8Array, chunkSizes?: number[]) {
  const rows: ActivityRow[] = [];
  const out: Diagnostic[] = [];
  const tainted = new Set<string>();
  const ctx = { units: data.units, vocabulary: data.vocabulary, defaultEntity: 'park', tainted };
  if (!chunkSizes) readActivityCsv('a.csv', { bytes }, ctx, rows, out);
  else
    readActivityCsv(
      'a.csv',
      {
        chunks: function* () {
          let at = 0;
          for (let k = 0; at < bytes.length; k++) {
            const n = Math.max(1, chunkSizes[k % chunkSizes.length]!);
            yield bytes.subarray(at, at + n);
            at += n;
          }
        },
      },
      ctx,
      rows,
      out,
    );
  const sums = new Map<string, Rational>();
  let nonZero = 0;
  for (const r of rows) {
    const k = `${r.entity}|${r.category}|${r.item}|${r.quantity.unit}|${r.factor ? r.factor.value.toString() : ''}`;
    sums.set(k, (sums.get(k) ?? Rational.ZERO).add(r.quantity.value));
    nonZero += r.merged ? r.merged.nonZero : r.quantity.value.isZero() ? 0 : 1;
  }
  const problems = out
    .filter((d) => d.code !== 'ZC-W-ROW-DUPLICATE' && d.code !== 'ZC-W-WARNINGS-CAPPED')
    .map((d) => `${d.line ?? ''}:${d.field ?? ''} ${d.code} ${d.message}`)
    .sort();
  return { sums: [...sums].map(([k, v]) => `${k}=${v.toString()}`).sort(), nonZero, problems, tainted: [...tainted].sort() };
}

function csvFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...csvFiles(p));
    else if (f.endsWith('.csv') && !p.includes('roster')) out.push(p);
  }
  return out.sort();
}

describe('streamed activity CSVs match the whole-file reader', () => {
  const files = csvFiles(join(ROOT, 'fixtures'));
  it(`on every fixture CSV (${files.length} files), in chunks of 1, 3, 64 and 1 MB bytes`, () => {
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const bytes = readFileSync(f);
      const whole = read(bytes);
      for (const sizes of [[1], [3], [64], [1 << 20], [5, 1, 17]]) expect(read(bytes, sizes), `${f} in chunks of ${sizes}`).toEqual(whole);
    }
  });

  it(
    'on random CSV text cut into random chunks',
    () => {
      const row = fc
        .record({
          entity: fc.constantFrom('a', 'b', '', 'c d'),
          category: fc.constantFrom('electricity', 'fuel', '电力', 'fule', ''),
          item: fc.constantFrom('grid', 'natural_gas', 'diesel', 'direct_green', '天然气', 'gird'),
          quantity: fc.constantFrom('0', '12.5', '1,234', '"1,234.5"', '-3', 'x', '', '1e3', '0.000', '85%'),
          unit: fc.constantFrom('MWh', '万kWh', 'm3', '万m3', 't', 'kg', '', 'MW'),
        })
        .map((r) => [r.entity, r.category, r.item, r.quantity, r.unit].join(','));
      const nasty = fc.constantFrom('"', '\r', '\r\n', '\n', ',', '\ufeff', '中文', '""', 'a,b');
      const line = fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: nasty });
      const header = fc.constantFrom(
        'entity,category,item,quantity,unit',
        '\ufeffentity,category,item,quantity,unit',
        '单位名称,类别,品种,消费量,单位',
        'entity,category,item,quantity',
      );
      fc.assert(
        fc.property(
          header,
          fc.array(line, { maxLength: 30 }),
          fc.constantFrom('\n', '\r\n'),
          fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
          (h, lines, nl, sizes) => {
            const bytes = Buffer.from([h, ...lines].join(nl) + nl, 'utf8');
            expect(read(bytes, sizes)).toEqual(read(bytes));
          },
        ),
        { numRuns: TEXT_RUNS },
      );
    },
    timeoutFor(TEXT_RUNS, 0.6),
  );

  it(
    'on random bytes behind every byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32, none): same text or same refusal',
    () => {
      const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0], [0xef, 0xbb]);
      const utf16 = (t: string, be: boolean) => [...Buffer.from(t, 'utf16le')].map((_, i, a) => (be ? a[i ^ 1]! : a[i]!));
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 60 }).map((a) => [...a]),
        fc
          .constantFrom('entity,category,item,quantity,unit\na,electricity,grid,1,MWh\n', 'category,item,quantity,unit\r\nfuel,diesel,2,t\r\n')
          .chain((t) => fc.constantFrom([...Buffer.from(t)], utf16(t, false), utf16(t, true), [...Buffer.from(t)].concat([0]), utf16(t, false).slice(1))),
      );
      fc.assert(
        fc.property(bom, body, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), (b, rest, sizes) => {
          const bytes = Buffer.from([...b, ...rest]);
          expect(read(bytes, sizes)).toEqual(read(bytes));
        }),
        { numRuns: BYTE_RUNS },
      );
    },
    timeoutFor(BYTE_RUNS, 0.2),
  );

  it('and in GB18030 (the stream starts again when the bytes stop being UTF-8)', () => {
    const text = `entity,category,item,quantity,unit,note\n${Array.from({ length: 300 }, (_, i) => `e${i % 7},electricity,grid,${i}.5,MWh,${i > 250 ? '夜间补电' : 'n'}`).join('\n')}\n`;
    // Node has no GB18030 encoder: the bytes of 夜间补电 in GB18030 are D2 B9 BC E4 B2 B9 B5 E7
    const parts = text.split('夜间补电');
    const enc = [Buffer.from(parts[0]!, 'utf8')];
    for (let i = 1; i < parts.length; i++) enc.push(Buffer.from([0xd2, 0xb9, 0xbc, 0xe4, 0xb2, 0xb9, 0xb5, 0xe7]), Buffer.from(parts[i]!, 'utf8'));
    const bytes = Buffer.concat(enc);
    const whole = read(bytes);
    expect(whole.problems).toEqual([]);
    expect(read(bytes, [100])).toEqual(whole);
  });

  it('caps problems per file the same way', () => {
    const bad = `entity,category,item,quantity,unit\n${Array.from({ length: 250 }, (_, i) => `e,nope,grid,${i},MWh`).join('\n')}\n`;
    const bytes = Buffer.from(bad);
    const whole = read(bytes);
    expect(whole.problems.length).toBe(MAX_PROBLEMS + 1);
    expect(whole.problems.some((p) => p.includes('ZC-E-ERRORS-CAPPED') && p.includes('150 more errors'))).toBe(true);
    expect(read(bytes, [4096])).toEqual(whole);
  });
});
