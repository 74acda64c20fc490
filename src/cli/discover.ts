/** Turns the paths of `validate`/`batch` into files: files as given, folders walked, globs expanded (Node 20 has no fs.glob). */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import { headerColumns, isRosterHeader } from '../normalize/roster.js';
import { decodeText } from '../parse/decode.js';
import { readFailure } from './io.js';

const DOCUMENT = /\.(ya?ml|json|csv)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A glob (`*`, `**`, `?`, `[…]`, `{a,b}`) as a regular expression over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|\\]/g, '\\$&')).join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * True when the first line of a CSV found in a folder is plainly an activity header (not a roster's).
 * Anything unusual (no line break in the first 64 KB, an encoding to detect, a quote) says false, and
 * the caller reads the whole file as before.
 */
const HEAD = Buffer.allocUnsafe(65536); // reused: a zero-filled 64 KB per file cost 0.25 s over 10,000 folders
export function activityHeader(abs: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const head = HEAD;
    const got = readSync(fd, head, 0, head.length, 0);
    const nl = head.subarray(0, got).indexOf(10);
    if (nl < 0) return false;
    const decoded = decodeText(head.subarray(0, nl));
    const header = 'error' in decoded ? undefined : headerColumns(decoded.text);
    return header !== undefined && !isRosterHeader(header);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const isGlob = (p: string) => /[*?[{]/.test(p);

const FORMAT_KEY = /^[ \t]*["']?format["']?[ \t]*:[ \t]*["']?(zcpark[\w./-]*)/m;

/** A document's `format:` value and the offset of its line, read without parsing. */
export function formatKey(text: string): { format: string; at: number } | undefined {
  const m = FORMAT_KEY.exec(text);
  return m ? { format: m[1]!, at: m.index } : undefined;
}

/** What a YAML/JSON text is, by its `format:` key: undefined for a stranger. */
export function documentKind(text: string): 'submission' | 'factors' | 'profile' | undefined {
  const f = formatKey(text)?.format;
  if (!f) return undefined;
  if (f.startsWith('zcpark-factors/')) return 'factors';
  if (f.startsWith('zcpark-profile/')) return 'profile';
  return 'submission';
}

/**
 * Every document under `dir` (recursively, each real folder once, so symlink loops end), sorted.
 * `real` is dir's real path: a plain subfolder's is its parent's plus its name, so only symbolic
 * links cost a realpath (a 10,000-folder batch used to spend seconds here).
 */
function walk(dir: string, seen: Set<string>, out: string[], skipped: Skipped[], real?: string): void {
  if (real === undefined) {
    try {
      real = realpathSync(dir);
    } catch {
      return; // a link that went away, or a loop of links: nothing to read behind it
    }
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    skipped.push({ path: dir, error: e });
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
    const full = join(dir, name);
    // only symbolic links need a stat to learn what they point at
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let childReal: string | undefined = join(real, name);
    if (entry.isSymbolicLink()) {
      try {
        const st = statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
        childReal = undefined; // resolved by realpath in the call
      } catch (e) {
        // a dangling link or a loop of links: said out loud when it has a document's name, else passed over
        if (DOCUMENT.test(name)) skipped.push({ path: full, error: e });
        continue;
      }
    }
    if (isDir) walk(full, seen, out, skipped, childReal);
    else if (isFile && DOCUMENT.test(name)) out.push(full);
  }
}

/** A path found while walking that could not be looked at (an unreadable folder, a dangling link); `error` as thrown. */
export interface Skipped {
  path: string;
  error: unknown;
}

/**
 * Expands paths; a path that matches nothing is a usage error. Returns absolute paths in a
 * stable order (as given, folders and globs sorted), each once; "-" stays "-". `skipped` lists what a
 * walk could not look into, for the caller to report.
 */
export function discover(paths: readonly string[], cwd = process.cwd()): { files: string[]; explicit: Set<string>; skipped: Skipped[] } {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const seenFiles = new Set<string>(); // a Set: files.includes() made a 10,000-file batch quadratic
  const explicit = new Set<string>();
  const add = (f: string) => {
    if (seenFiles.has(f)) return;
    seenFiles.add(f);
    files.push(f);
  };
  for (const p of paths) {
    if (p === '-') {
      add('-');
      explicit.add('-');
      continue;
    }
    if (isGlob(p)) {
      const norm = p.split(sep).join('/');
      const fixed = norm.slice(0, norm.search(/[*?[{]/));
      const base = resolve(cwd, fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/') + 1) : '.');
      const re = globToRegExp(resolve(cwd, norm).split(sep).join('/'));
      const found: string[] = [];
      walk(base, new Set(), found, skipped);
      const matched = found.filter((f) => re.test(f.split(sep).join('/')));
      if (matched.length === 0) throw new UsageError(`no file matches ${p}`, 'ZC-E-FILE-NOT-FOUND');
      matched.forEach(add);
      continue;
    }
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const why = readFailure(e);
      if (why === 'not-found') throw new UsageError(`file not found: ${p}`, 'ZC-E-FILE-NOT-FOUND');
      throw new UsageError(`cannot read ${p}: ${why}`, 'ZC-E-FILE-READ');
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(abs, new Set(), found, skipped);
      found.forEach(add);
    } else {
      add(abs);
      explicit.add(abs);
    }
  }
  return { files, explicit, skipped };
}
