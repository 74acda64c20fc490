/**
 * One fixture ↔ one test: every folder under fixtures/invalid/ holds input files and an expected.json
 * with the exact diagnostics `zcpark validate` must report, as "file:line:col CODE" (YAML) or
 * "file:row [column] CODE" (CSV), relative to the case folder, in position order.
 * A last test checks that every code of the catalogue has at least one fixture.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectResults } from '../../src/cli/commands/validate.js';
import { CODES } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/model/types.js';
import { ROOT } from '../helpers/run-cli.js';

const DIR = join(ROOT, 'fixtures', 'invalid');
const cases = readdirSync(DIR)
  .filter((c) => existsSync(join(DIR, c, 'expected.json')))
  .sort();

interface Expected {
  /** Files or folders to validate, relative to the case folder (default: the folder). */
  paths?: string[];
  /** Options as for the CLI: a profile id or a pack path relative to the case folder. */
  profile?: string;
  /** Files made at test time as sparse files of this many bytes (too big to commit), in a copy of the folder. */
  sparse?: Record<string, number>;
  diagnostics: string[];
}

const position = (d: Diagnostic, prefix: string) => {
  const file = (d.file ?? '').startsWith(prefix) ? d.file!.slice(prefix.length) : (d.file ?? '');
  return `${file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field && !d.column ? ` [${d.field}]` : ''} ${d.code}`;
};

const seen = new Set<string>();

describe('fixtures/invalid: exact codes and positions', () => {
  for (const c of cases) {
    it(c, () => {
      const expected = JSON.parse(readFileSync(join(DIR, c, 'expected.json'), 'utf8')) as Expected;
      const copy = expected.sparse ? mkdtempSync(join(tmpdir(), 'zcpark-invalid-')) : undefined;
      try {
        if (copy) {
          cpSync(join(DIR, c), copy, { recursive: true });
          for (const [name, size] of Object.entries(expected.sparse!)) {
            writeFileSync(join(copy, name), '');
            truncateSync(join(copy, name), size);
          }
        }
        const base = copy ?? join('fixtures', 'invalid', c);
        const paths = (expected.paths ?? ['.']).map((p) => join(base, p));
        const { results } = collectResults(
          paths,
          expected.profile
            ? { profile: expected.profile.includes('/') || expected.profile.endsWith('.yaml') ? join(base, expected.profile) : expected.profile }
            : {},
        );
        const got = results.flatMap((r) => r.diagnostics).map((d) => position(d, `${base}/`));
        for (const d of results.flatMap((r) => r.diagnostics)) seen.add(d.code);
        expect(got).toEqual(expected.diagnostics);
      } finally {
        if (copy) rmSync(copy, { recursive: true, force: true });
      }
    });
  }

  it('covers every code of the catalogue', () => {
    // codes about a run rather than a file: a batch's renamed report files (test/cli/batch.test.ts),
    // and a bug caught per submission (no input can trigger it on purpose)
    // and ZC-W-ELEC-EXPORT-FLOORED, retired with the boundary accounting (no export is floored per entity any more)
    // and the ZC-E-TREND-… codes, about the set of files given to `zcpark trend` (test/cli/trend.test.ts)
    const notFromFiles = [
      'ZC-E-INTERNAL',
      'ZC-W-OUT-RENAMED',
      'ZC-W-ELEC-EXPORT-FLOORED',
      'ZC-E-TREND-TOO-FEW',
      'ZC-E-TREND-ENTITY',
      'ZC-E-TREND-YEAR-DUPLICATE',
      'ZC-E-TREND-PROFILE',
      'ZC-E-TREND-BASE-YEAR',
    ];
    expect(
      Object.keys(CODES)
        .filter((code) => !seen.has(code) && !notFromFiles.includes(code))
        .sort(),
    ).toEqual([]);
  });
});
