/**
 * Sources users can check (README § How the numbers are made, "Sources you can check"):
 * - nothing a user or contributor receives cites the team's private notes, which they do not have;
 * - every built-in factor, pack, pinned factor and indicator names its source and carries a mark
 *   C, S or R, and the wording of the source fits the mark.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/run-cli.js';

/** The private notes by file name (built from parts so this file does not cite them itself). */
const NOTE_NAMES = ['domain', 'accounting', 'profiles', 'formats', 'cli', 'cbam'].map((n) => `${n}\\.md`);
const NOTE = new RegExp(`\\b(${NOTE_NAMES.join('|')})\\b|/work/shared|shared/(spec|reference)`);

const SELF = 'test/unit/sources.test.ts';
const SKIP_DIRS = new Set(['node_modules', 'dist']);
const walk = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((f) => {
    const rel = `${dir}/${f}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return SKIP_DIRS.has(f) ? [] : walk(rel);
    return [rel];
  });

/** Every file shipped or read by contributors: src, schemas, fixtures, tests (with the report goldens) and the README. */
const scanned = (): string[] => [...['src', 'schemas', 'fixtures', 'test', 'scripts'].flatMap(walk), 'README.md'].filter((f) => f !== SELF);

const hits = (file: string): string[] => {
  const buf = readFileSync(join(ROOT, file));
  if (buf.includes(0)) return []; // binary fixtures
  return buf
    .toString('utf8')
    .split('\n')
    .flatMap((line, i) => (NOTE.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : []));
};

describe('no citation of the private team notes', () => {
  it('in src/, schemas/, fixtures/, test/, scripts/ or the README', { timeout: 20_000 }, () => {
    expect(scanned().flatMap(hits)).toEqual([]);
  });
});

type Entry = Record<string, unknown>;
const DATA = join(ROOT, 'src', 'data');
const yamlIn = (dir: string) =>
  readdirSync(join(DATA, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: `src/data/${dir}/${f}`, doc: parse(readFileSync(join(DATA, dir, f), 'utf8')) as Entry }));

/** Every sourced thing in the built-in data: where it is, its source and its mark. */
const sourced = (): { where: string; source: unknown; confidence: unknown }[] => [
  ...yamlIn('factors').flatMap(({ file, doc }) =>
    (doc.entries as Entry[]).map((e, i) => ({
      where: `${file} entries[${i}] ${String(e.category)}/${String(e.item)}`,
      source: e.source,
      confidence: e.confidence,
    })),
  ),
  ...yamlIn('profiles').flatMap(({ file, doc }) => {
    const grid = (doc.accounting as Entry | undefined)?.grid_factor;
    return [
      { where: `${file} (pack)`, source: doc.source, confidence: doc.confidence },
      ...(grid && typeof grid === 'object'
        ? [{ where: `${file} accounting.grid_factor`, source: (grid as Entry).source, confidence: (grid as Entry).confidence }]
        : []),
      ...(doc.indicators as Entry[]).map((ind) => ({ where: `${file} indicator ${String(ind.id)}`, source: ind.source, confidence: ind.confidence })),
    ];
  }),
];

/** A source names a document (notice, standard, announcement, address), or says it is zcpark's own or has none yet. */
const NAMES_A_DOCUMENT = /《|〔|GB\/T|GB \d|公告|https?:\/\/|IPCC|C40|zcpark's own|Derived here|no primary document/;
/** Wording that shows a value was not read in the official text: never under C. */
const NOT_READ = /as reported|as quoted|recalled|not read|transcription|constants file/;
/** An S source names its secondary source. */
const NAMES_SECONDARY = /report|transcription|copy|cited|quoted|secondary|catalogue|third-party/i;

describe('every built-in factor, pack and indicator names its source and carries a mark', () => {
  const all = sourced();

  it('covers the whole library', () => {
    // 7 packs (cbam scores no indicator), their pinned grid factor and 29 indicators, and every factor entry
    expect(all.filter((s) => s.where.includes('(pack)'))).toHaveLength(7);
    expect(all.length).toBeGreaterThan(140);
  });

  it('has a source and a mark C, S or R', () => {
    const bad = all.filter((s) => typeof s.source !== 'string' || s.source.trim().length < 20 || !['C', 'S', 'R'].includes(s.confidence as string));
    expect(bad.map((s) => s.where)).toEqual([]);
  });

  it('names a document, or says there is none', () => {
    expect(all.filter((s) => !NAMES_A_DOCUMENT.test(String(s.source))).map((s) => s.where)).toEqual([]);
  });

  it('marks C only what was read in the official text, and names the secondary source of an S', () => {
    expect(all.filter((s) => s.confidence === 'C' && NOT_READ.test(String(s.source))).map((s) => s.where)).toEqual([]);
    expect(all.filter((s) => s.confidence === 'S' && !NAMES_SECONDARY.test(String(s.source))).map((s) => s.where)).toEqual([]);
  });
});
