/**
 * The readers never throw on hostile input: a diagnostic is fine, an exception is a defect.
 *  1. decodeText, on random bytes (BOMs, NUL, broken UTF-8, GB18030 sequences mixed in), returns text
 *     (never with a lone surrogate) or a reason; well-formed text round-trips through UTF-8 (BOM or not) and UTF-16 with a BOM;
 *  2. parseCsv (fast path and csv-parse) and fastCsv, on random text seeded with CSV trouble
 *     (BOM, CR, CRLF, quotes, NUL, "=1+2", U+2028, lone surrogates), and on decoded random bytes,
 *     return rows with their lines, or diagnostics with a line;
 *  3. parseYaml, on random text seeded with YAML syntax (anchors, aliases, merge keys, block scalars,
 *     tags, directives, tabs, flow collections), as .yaml and as .json, returns a value or positioned
 *     diagnostics, and locate() answers any path;
 *  4. parseYaml's own duplicate-key check (linear; yaml's is quadratic) reports what yaml's uniqueKeys reports,
 *     at the same positions, on mappings of up to 16 keys and of 17–40 (its two paths).
 * Runs (FC_RUNS scales them, see runs.ts): decode 100,000; CSV 100,000 text + 50,000 bytes;
 * YAML 50,000 text + 10,000 bytes + 10,000 duplicate-key mappings (the `yaml` parser costs ~0.1 ms a document, parsed twice a run, so 10^5 would take
 * 20 s by itself; the local 10^6 run gives it 500,000).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../../src/model/types.js';
import { parseCsv } from '../../src/parse/csv.js';
import { fastCsv } from '../../src/parse/csv-fast.js';
import { decodeText } from '../../src/parse/decode.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { testData } from '../helpers/data.js';
import { FAST, runCli } from '../helpers/run-cli.js';
import { runs, timeoutFor } from './runs.js';

const aliases = testData().vocabulary.columnAliases;

/** Any UTF-16 code unit, lone surrogates included. */
const unit16 = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const fromFragments = (fragments: string[], maxLength: number) =>
  fc
    .array(fc.oneof({ arbitrary: fc.constantFrom(...fragments), weight: 4 }, { arbitrary: fc.string({ unit: unit16, maxLength: 3 }), weight: 1 }), {
      maxLength,
    })
    .map((xs) => xs.join(''));

const BYTE_FRAGMENTS: number[][] = [
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0x00],
  [0x00, 0x00],
  [0xc3],
  [0x80],
  [0xc3, 0xa9],
  [0xe4, 0xb8, 0xad],
  [0xd6, 0xd0],
  [0x81, 0x30, 0x81, 0x30],
  [0x81],
  [0xff],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc0, 0x80],
  [0xf0, 0x9f, 0x98, 0x80],
  [0x22],
  [0x2c],
  [0x0d],
  [0x0a],
  [0x0d, 0x0a],
  [0x3d, 0x31, 0x2b, 0x32],
  [0x61],
  [0x31],
  [0x3a, 0x20],
  [0x2d, 0x20],
  [0x09],
];
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...BYTE_FRAGMENTS), weight: 3 },
        { arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }), weight: 1 },
      ),
      { maxLength: 30 },
    )
    .map((parts) => Uint8Array.from(parts.flat())),
);

function checkDiagnostics(ds: Diagnostic[], file: string): void {
  for (const d of ds) {
    assert.match(d.code, /^ZC-[EW]-[A-Z0-9-]+$/);
    assert.equal(typeof d.message, 'string');
    assert.equal(d.file, file);
    if (d.line !== undefined) assert.ok(Number.isInteger(d.line) && d.line >= 1, `line ${d.line}`);
    if (d.column !== undefined) assert.ok(Number.isInteger(d.column) && d.column >= 1, `column ${d.column}`);
  }
}

describe('decodeText (fast-check)', () => {
  const N = runs(100_000);
  it(
    'never throws on random bytes: text with its encoding, or a reason',
    () => {
      fc.assert(
        fc.property(bytes, (b) => {
          const r = decodeText(b);
          if ('error' in r) assert.equal(typeof r.error, 'string');
          else {
            assert.equal(typeof r.text, 'string');
            assert.ok(['utf-8', 'utf-16le', 'utf-16be', 'gb18030'].includes(r.encoding));
            assert.ok(r.text.isWellFormed(), 'decoded text never holds a lone surrogate'); // the CSV readers rely on it
          }
        }),
        { numRuns: N },
      );
    },
    timeoutFor(N, 0.05),
  );

  it(
    'well-formed text round-trips through UTF-8 (with or without BOM) and UTF-16 with a BOM',
    () => {
      const text = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\0') && !s.startsWith('\ufeff'));
      fc.assert(
        fc.property(text, fc.constantFrom('utf-8', 'utf-8 bom', 'utf-16le', 'utf-16be'), (s, how) => {
          const utf8 = new TextEncoder().encode(s);
          const units = [...s].flatMap((ch) => {
            const cs: number[] = [];
            for (let i = 0; i < ch.length; i++) cs.push(ch.charCodeAt(i));
            return cs;
          });
          const b =
            how === 'utf-8'
              ? utf8
              : how === 'utf-8 bom'
                ? Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8])
                : how === 'utf-16le'
                  ? Uint8Array.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])])
                  : Uint8Array.from([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
          const r = decodeText(b);
          assert.ok(!('error' in r), `${how}: ${'error' in r ? r.error : ''}`);
          assert.equal(r.text, s);
          assert.equal(r.encoding, how.startsWith('utf-8') ? 'utf-8' : how);
        }),
        { numRuns: N },
      );
    },
    timeoutFor(N, 0.05),
  );
});

describe('CSV readers (fast-check)', () => {
  const CSV_FRAGMENTS = [
    '\ufeff',
    '\r',
    '\r\n',
    '\n',
    '"',
    '""',
    '\0',
    ',',
    ',,',
    '=1+2',
    '\u2028',
    '\u2029',
    '\u0085',
    '\ud800',
    '\udc00',
    '😀',
    'a',
    '中文',
    ' ',
    '\t',
    '1,234',
    '"x,y"',
    '"a\nb"',
    'entity,category,item,quantity,unit',
    '企业,类别,品种,消费量,计量单位',
    'a,electricity,grid,1,MWh',
    '__proto__',
    'constructor',
  ];
  const text = fromFragments(CSV_FRAGMENTS, 30);

  function checkCsv(t: string): void {
    const fast = fastCsv(t);
    if (fast) {
      assert.equal(fast.records.length, fast.starts.length);
      for (let i = 1; i < fast.starts.length; i++) assert.ok(fast.starts[i]! > fast.starts[i - 1]!, 'start lines increase');
    }
    const r = parseCsv('a.csv', t, aliases);
    checkDiagnostics(r.diagnostics, 'a.csv');
    for (const row of r.rows) {
      assert.ok(Number.isInteger(row.line) && row.line >= 1, `row line ${row.line}`);
      assert.deepEqual([...row.cells.keys()], r.header);
    }
    for (const s of r.skipped) assert.ok(Number.isInteger(s.line) && s.line >= 1, `skipped line ${s.line}`);
  }

  const N = runs(100_000);
  it(
    'parseCsv and fastCsv never throw on random text',
    () => {
      fc.assert(fc.property(text, checkCsv), { numRuns: N });
    },
    timeoutFor(N, 0.1),
  );

  const NB = runs(50_000);
  it(
    'decoding then parsing random bytes never throws',
    () => {
      fc.assert(
        fc.property(bytes, (b) => {
          const d = decodeText(b);
          if (!('error' in d)) checkCsv(d.text);
        }),
        { numRuns: NB },
      );
    },
    timeoutFor(NB, 0.1),
  );
});

describe('YAML reader (fast-check)', () => {
  const YAML_FRAGMENTS = [
    '- ',
    ': ',
    '&a ',
    '*a',
    '<<: ',
    '<<: *a',
    '---\n',
    '...\n',
    '? ',
    '|\n',
    '>\n',
    '|-\n',
    '\t',
    '{',
    '}',
    '[',
    ']',
    ', ',
    '!!str ',
    '!!binary ',
    '!!int ',
    '!foo ',
    '!<tag:x> ',
    '%YAML 1.2\n',
    '%YAML 1.1\n',
    '%TAG ! tag:x,2000:\n',
    '# c\n',
    '\n',
    '  ',
    '    ',
    'a',
    'key',
    'format',
    ': zcpark/1',
    '"',
    "'",
    '\\',
    '1e500',
    '.inf',
    '.nan',
    '~',
    'null',
    '0x1F',
    '1_000',
    '2024-01-01',
    'no',
    '__proto__',
    'constructor',
    'prototype',
    '\ufeff',
    '\r\n',
    '\r',
    '\u2028',
    '\ud800',
    '\0',
    '\u0085',
    '&a [*a, *a]',
    '{a: 1, a: 2}',
    '😀',
    '中文',
  ];
  const text = fromFragments(YAML_FRAGMENTS, 40);
  const path = fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', 'key', '__proto__', 'format'), fc.nat({ max: 3 })), { maxLength: 4 });

  function checkYaml(t: string, p: (string | number)[]): void {
    for (const file of ['s.yaml', 's.json']) {
      const r = parseYaml(file, t);
      checkDiagnostics(r.diagnostics, file);
      if (r.value === undefined)
        assert.ok(
          r.diagnostics.some((d) => d.severity === 'error'),
          'no value without an error',
        );
      const at = r.locate(p, p.length % 2 === 0);
      if (at) assert.ok(Number.isInteger(at.line) && at.line >= 1);
    }
  }

  // `yaml` warns through process.emitWarning (see the it.fails below): kept out of the test output
  beforeAll(() => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  // deep flow nesting is left out of the random text (40 fragments at most): see the it.fails below
  const N = runs(50_000);
  it(
    'parseYaml never throws on random text (as .yaml and as .json)',
    () => {
      fc.assert(fc.property(text, path, checkYaml), { numRuns: N });
    },
    timeoutFor(N, 1),
  );

  const NB = runs(10_000);
  it(
    'decoding then parsing random bytes as YAML never throws',
    () => {
      fc.assert(
        fc.property(bytes, path, (b, p) => {
          const d = decodeText(b);
          if (!('error' in d)) checkYaml(d.text, p);
        }),
        { numRuns: NB },
      );
    },
    timeoutFor(NB, 1),
  );

  // Regression (found by this suite): text nested about 900 levels deep ("[" × 900) overflowed `yaml`'s stack;
  // the second such document in one process aborted Node ("FATAL ERROR: RegExpCompiler Allocation failed",
  // exit 134, no report for any file). parse/yaml.ts now refuses nesting past 64 levels while lexing.
  // Checked in a child process.
  it.skipIf(FAST)(
    'two deeply nested documents in one run are reported, not a crash',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'zcpark-deep-'));
      writeFileSync(join(dir, 'a.yaml'), '['.repeat(1000));
      writeFileSync(join(dir, 'b.yaml'), '['.repeat(1000));
      const r = runCli(['validate', join(dir, 'a.yaml'), join(dir, 'b.yaml')]);
      expect(r.stderr).not.toMatch(/FATAL ERROR/);
      expect(r.code).toBe(1);
    },
    30_000,
  );

  // DEFECT (src/parse/yaml.ts, not fixed here): a collection used as a mapping key ("[a, b]: 1", "? {a: 1}")
  // makes `yaml`'s toJS() call process.emitWarning, so the CLI prints "(node:…) Warning: Keys with collection
  // values will be stringified due to JS Object restrictions …" on stderr, outside any diagnostic format
  // (it breaks -f github / -f json stderr consumers). Expected: no process warning (logLevel: 'error'), and the
  // ZC-E-SCHEMA-UNKNOWN-KEY diagnostic it already gets.
  it('a collection as a mapping key gives diagnostics, not a process warning', () => {
    const warn = vi.mocked(process.emitWarning);
    warn.mockClear();
    parseYaml('s.yaml', 'format: zcpark/1\n[a, b]: 1\n');
    expect(warn).not.toHaveBeenCalled();
  });

  it(
    "reports the duplicate keys yaml's own uniqueKeys check reports, at the same positions",
    () => {
      // parseYaml checks keys itself (yaml's check compares each key with every earlier one); mappings of 0–40 keys
      // cover both of its paths (pairwise up to 16 keys, a set above), with keys that differ only in type (1, "1", true)
      const key = fc.constantFrom('a', 'b', 'c', '1', '"1"', "'a'", 'true', '"true"', 'null', '~', '""', '0x1', '1.0', 'a b', '? a');
      const mapping = fc.oneof(fc.array(key, { maxLength: 16 }), fc.array(key, { minLength: 17, maxLength: 40 }));
      const N = runs(10_000);
      const LineCounterOf = (text: string) => {
        const lc = new LineCounter();
        parseDocument(text, { lineCounter: lc, uniqueKeys: true });
        return lc;
      };
      fc.assert(
        fc.property(mapping, fc.boolean(), (keys, nested) => {
          const body = keys.map((k, i) => (k.startsWith('?') ? `${k}\n: ${i}` : `${k}: ${i}`));
          const text = nested
            ? `top:\n${body
                .map((l) =>
                  l
                    .split('\n')
                    .map((x) => `  ${x}`)
                    .join('\n'),
                )
                .join('\n')}\n`
            : `${body.join('\n')}\n`;
          const theirs = parseDocument(text, { uniqueKeys: true });
          const lc = LineCounterOf(text);
          const want = theirs.errors
            .filter((e) => e.code === 'DUPLICATE_KEY')
            .map((e) => {
              const p = lc.linePos(e.pos[0]);
              return `${p.line}:${p.col}`;
            });
          const got = parseYaml('k.yaml', text)
            .diagnostics.filter((d) => d.code === 'ZC-E-YAML-DUPLICATE-KEY')
            .map((d) => `${d.line}:${d.column}`);
          assert.deepEqual(got, want, text);
        }),
        { numRuns: N },
      );
    },
    timeoutFor(runs(10_000), 0.3),
  );
});
