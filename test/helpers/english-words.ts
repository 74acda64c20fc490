/**
 * English words left in a Chinese message: what `--lang zh` must not show. Allowed, because the user wrote them or
 * they are names rather than words: quoted text (“found”, "1,234.5", `code`), codes (ZC-…), identifiers and paths
 * (anything with _ . / [ ] or a digit), command-line options, units, file-format names, names defined by zcpark's
 * data (profile, indicator and schema field names), an English id followed by its Chinese name (diesel（柴油）),
 * and any word of the case's own input files (column headers, entity ids, formula text, as written).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './run-cli.js';

const WORD = /[A-Za-z][A-Za-z0-9_-]*/g;

function dataWords(): Set<string> {
  const words = new Set([
    'zcpark',
    'CSV',
    'YAML',
    'JSON',
    'UTF',
    'GB',
    'GBK',
    'CN',
    'CBAM',
    'GWP',
    'ISO',
    'BOM',
    'NUL',
    'EU',
    'PNG',
    'ZIP',
    'zip',
    'Excel',
    'xlsx',
    'true',
    'false',
    'null',
  ]);
  const units = parse(readFileSync(join(ROOT, 'src', 'data', 'units.yaml'), 'utf8')) as { units: Record<string, { aliases?: string[] }> };
  for (const [symbol, u] of Object.entries(units.units)) for (const s of [symbol, ...(u.aliases ?? [])]) for (const w of s.match(WORD) ?? []) words.add(w);
  // the names zcpark's formats define: schema property names, profile and indicator ids, metric keys
  const keys = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(keys);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        words.add(k);
        if (k === 'id' && typeof x === 'string') words.add(x);
        keys(x);
      }
  };
  // activity category and item ids (names, like column names)
  const vocab = parse(readFileSync(join(ROOT, 'src', 'data', 'vocabulary.yaml'), 'utf8')) as {
    categories: Record<string, { items?: Record<string, unknown> }>;
  };
  for (const [c, def] of Object.entries(vocab.categories)) for (const w of [c, ...Object.keys(def.items ?? {})]) words.add(w);
  for (const f of readdirSync(join(ROOT, 'schemas'))) keys((JSON.parse(readFileSync(join(ROOT, 'schemas', f), 'utf8')) as { properties?: unknown }).properties);
  for (const f of readdirSync(join(ROOT, 'src', 'data', 'profiles'))) {
    words.add(f.replace(/\.yaml$/, ''));
    keys(parse(readFileSync(join(ROOT, 'src', 'data', 'profiles', f), 'utf8')));
  }
  return words;
}
let DATA: Set<string> | undefined;

/** The words of a case folder's input files (YAML comments left out: they explain the case in English). */
export function inputWords(dir: string): Set<string> {
  const words = new Set<string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && name !== 'expected.json' && st.size < 1_000_000) {
        const text = readFileSync(p, 'latin1');
        const body = /\.ya?ml$/i.test(name) ? text.replace(/(^|\s)#.*$/gm, '') : text;
        for (const w of body.match(WORD) ?? []) words.add(w);
      }
    }
  };
  walk(dir);
  return words;
}

/** The English words of a Chinese message that no allowance covers. */
export function englishWords(message: string, input: ReadonlySet<string>): string[] {
  DATA ??= dataWords();
  const s = message
    .replace(/“[^”]*”|"[^"]*"|`[^`]*`/g, ' ')
    .replace(/ZC-[A-Z0-9-]+|\$schema/g, ' ')
    .replace(/--[a-z][a-z-]*/g, ' ')
    .replace(/[A-Za-z][A-Za-z0-9_]*（[^）]*）/g, ' ')
    .replace(/[A-Za-z0-9_./[\]-]*[_./[\]0-9][A-Za-z0-9_./[\]-]*/g, ' ');
  const out: string[] = [];
  for (const token of s.match(/[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]{2,}/g) ?? []) {
    if (DATA.has(token) || input.has(token) || /^[A-Z]+(-[A-Z]+)*$/.test(token)) continue;
    for (const w of token.split('-')) if (w.length > 1 && !DATA.has(w) && !input.has(w) && !/^[A-Z]+$/.test(w)) out.push(w);
  }
  return out;
}
