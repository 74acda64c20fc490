/** Turns the paths of `validate`/`batch` into files: files as given, folders walked, globs expanded (Node 20 has no fs.glob). */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import { csvHead, isRosterHeader } from '../parse/sniff.js';
import { allowedOutside, isWithin, readFailure } from './io.js';

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
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((s) => s.replace(/[.+^$()|\\]/g, '\\$&'))
          .join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const HEAD = Buffer.allocUnsafe(65536); // reused: a zero-filled 64 KB per file cost 0.25 s over 10,000 folders

/**
 * The column names of a CSV's first line (see csvHead), read from at most its first 64 KB, never the whole file:
 * a 1.5 GB CSV without a line break cost 1.6 GB of memory when it was read whole to learn whether it was a roster.
 */
export function firstLine(abs: string): ReturnType<typeof csvHead> {
  const fd = openSync(abs, 'r');
  try {
    const got = readSync(fd, HEAD, 0, HEAD.length, 0);
    return csvHead(HEAD.subarray(0, got), got < HEAD.length);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when the first line of a CSV found in a folder is plainly an activity header (not a roster's).
 * Anything unusual (no line break in the first 64 KB, an encoding to detect, a quote) says false.
 */
export function activityHeader(abs: string): boolean {
  try {
    const { columns } = firstLine(abs);
    return columns !== undefined && !isRosterHeader(columns);
  } catch {
    return false;
  }
}

const isGlob = (p: string) => /[*?[{]/.test(p);

/**
 * Every document under `dir` (recursively, each real folder once, so symlink loops end), sorted.
 * `real` is dir's real path: a plain subfolder's is its parent's plus its name, so only symbolic
 * links cost a realpath (a 10,000-folder batch used to spend seconds here). A link whose target lies
 * outside `roots` (the real path of the folder given, and the --allow-outside folders) is not followed:
 * it is listed in `skipped` as outside, named but never read.
 */
function walk(dir: string, seen: Set<string>, out: string[], skipped: Skipped[], roots: readonly string[], real?: string): void {
  if (real === undefined) {
    try {
      real = realpathSync.native(dir);
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
        childReal = realpathSync.native(full);
      } catch (e) {
        // a dangling link or a loop of links: said out loud when it has a document's name, else passed over
        if (DOCUMENT.test(name)) skipped.push({ path: full, error: e });
        continue;
      }
      if (!roots.some((r) => isWithin(childReal!, r))) {
        // a link out of the folder given (to a home folder, /etc): never followed, and said when it could matter
        if (isDir || DOCUMENT.test(name)) skipped.push({ path: full, error: OUTSIDE });
        continue;
      }
    }
    if (isDir) walk(full, seen, out, skipped, roots, childReal);
    else if (isFile && DOCUMENT.test(name)) out.push(full);
  }
}

/** The error of a Skipped link that leads out of the folder walked. */
export const OUTSIDE = Object.freeze({ code: 'EOUTSIDE', message: 'a symbolic link leads out of the folder given' });

/** The roots a walk from `dir` may enter: its own real path and the --allow-outside folders. */
function rootsOf(dir: string): string[] {
  let real = dir;
  try {
    real = realpathSync.native(dir);
  } catch {
    /* walk() says nothing is there */
  }
  return [
    real,
    ...allowedOutside().map((d) => {
      try {
        return realpathSync.native(d);
      } catch {
        return d;
      }
    }),
  ];
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
      walk(base, new Set(), found, skipped, rootsOf(base));
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
      walk(abs, new Set(), found, skipped, rootsOf(abs));
      found.forEach(add);
    } else {
      add(abs);
      explicit.add(abs);
    }
  }
  return { files, explicit, skipped };
}
