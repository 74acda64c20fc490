/**
 * `--lang zh` diagnostics are Chinese through and through: every case of fixtures/invalid (and each case of
 * fixtures/hostile that needs no setup) is validated, its messages rendered in Chinese, and no message may keep an
 * English word outside the allowances of test/helpers/english-words.ts. What is not translated yet is listed below
 * as a known exception; the list may only shrink (a fixed one fails the test until it is taken off).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectResults } from '../../src/cli/commands/validate.js';
import { localize } from '../../src/diagnostics/codes.js';
import { englishWords, inputWords } from '../helpers/english-words.js';
import { ROOT } from '../helpers/run-cli.js';

interface Expected {
  paths?: string[];
  profile?: string;
  sparse?: Record<string, number>;
  setup?: unknown;
}

/** `<kind>/<case> <code>: <English words>` of every message that keeps English. */
export function leftovers(): { checked: number; english: number; left: string[] } {
  const left: string[] = [];
  let checked = 0;
  let english = 0;
  for (const kind of ['invalid', 'hostile']) {
    const dir = join(ROOT, 'fixtures', kind);
    for (const c of readdirSync(dir).sort()) {
      const file = join(dir, c, 'expected.json');
      if (!existsSync(file)) continue;
      const e = JSON.parse(readFileSync(file, 'utf8')) as Expected;
      if (e.setup || e.sparse) continue;
      const base = join('fixtures', kind, c);
      const profile = e.profile && (e.profile.includes('/') || e.profile.endsWith('.yaml') ? join(base, e.profile) : e.profile);
      const { results } = collectResults(
        (e.paths ?? ['.']).map((p) => join(base, p)),
        profile ? { profile } : {},
      );
      const input = inputWords(join(ROOT, base));
      for (const d of results.flatMap((r) => r.diagnostics)) {
        checked++;
        const words = englishWords(localize(d, 'zh'), input);
        if (words.length > 0) english++;
        if (words.length > 0) left.push(`${kind}/${c} ${d.code}: ${[...new Set(words)].join(' ')}`);
      }
    }
  }
  return { checked, english, left: [...new Set(left)] };
}

// Not translated yet (each line once per case and code):
// - the cited source of the default steam enthalpy is the data file's own text (src/data/vocabulary.yaml, heat.steam.source),
//   which the report's trace carries as written; a Chinese twin of it would need a field beside it in the data and the trace.
const KNOWN: string[] = ['invalid/steam-default-enthalpy ZC-W-STEAM-ENTHALPY: read secondary transcription of table'];

describe('--lang zh diagnostics of the fixtures', () => {
  it('keep no English word beyond the known exceptions', { timeout: 60_000 }, () => {
    const { checked, left } = leftovers();
    expect(checked).toBeGreaterThan(300);
    expect(left).toEqual(KNOWN);
  });
});
