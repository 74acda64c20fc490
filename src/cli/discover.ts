/**
 * Turns the paths of `validate`/`batch`/`trend` into files: files as given, folders walked, globs expanded (Node 20
 * has no fs.glob), `!` exclusions applied. Globs are matched by picomatch, loaded at the first glob, so a run without
 * one starts as it did with our own matcher (60 paired runs each, medians: `validate` of one file 0.99× the wall time,
 * `evaluate` of the demo 1.01×; the CPU time within 2 ms). The folder walk stays ours rather
 * than fdir's or tinyglobby's: a symbolic link that leads out of the folder given must be named in `skipped` and
 * never read (see walk()), and a dangling link with a document's name must be named too; both libraries either follow
 * such links or pass over them without a word, and neither gives the real path of each folder that the loop guard
 * and the confinement test use.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type Picomatch from 'picomatch';
import { UsageError } from '../diagnostics/errors.js';
import { csvHead, isRosterHeader } from '../parse/sniff.js';
import { allowedOutside, isWithin, readFailure } from './io.js';

const DOCUMENT = /\.(ya?ml|json|csv)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * How a glob matches, as users know it from the shell and git: `*` and `?` within one path segment, `**` across
 * segments (also none), `[abc]`, `[a-z]`, `[!abc]` (POSIX negation), `{a,b}` (nested too). A `!` that starts a
 * pattern is a plain character (picomatch would negate the whole pattern: `data/!n*.yaml` matched every other file),
 * as are parentheses (no extglobs: `*(1)` is a name that ends in "(1)", as in the shell). Dot files match like any
 * other name, but a walk never enters or lists dot entries (see walk()).
 */
const GLOB_OPTIONS = { dot: true, posix: true, nonegate: true, noextglob: true } as const;

let loaded: typeof Picomatch | undefined;
/**
 * picomatch, loaded at the first glob: its modules take ~1.5 ms to set up, which a run without a glob (one file, a
 * folder) need not pay. In the bundle `require` is esbuild's, so it stays inside the bundle; dist/ (ESM) asks Node.
 */
const picomatch = (): typeof Picomatch =>
  (loaded ??= (typeof require === 'function' ? require('picomatch') : createRequire(import.meta.url)('picomatch')) as typeof Picomatch);

const slashes = (p: string): string => p.split(sep).join('/');

/** True when a path is a glob rather than a file or folder name (`park (1).yaml` is a file name). */
export const isGlob = (p: string): boolean => /[*?[{]/.test(p);

/** The glob with its parentheses escaped: picomatch reads `(a|b)` as a group; the shell and git read `park (1)*.yaml` literally. */
function literalParens(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\') {
      out += c + (glob[i + 1] ?? '');
      i++;
    } else out += c === '(' || c === ')' ? `\\${c}` : c;
  }
  return out;
}

/**
 * A glob's test over absolute paths: its fixed leading part (`data/2024` of `data/2024/*.yaml`) is resolved
 * against `dir` and names the folder to walk (`base`); the rest is matched against a path relative to that folder,
 * so a `[`, `{` or `(` in `dir` itself is never read as glob syntax. A path without glob characters matches itself.
 */
export function globMatcher(glob: string, dir: string): { base: string; matches: (abs: string) => boolean } {
  if (!isGlob(glob)) {
    const exact = resolve(dir, glob);
    return { base: exact, matches: (abs) => resolve(abs) === exact };
  }
  const scan = picomatch().scan(slashes(glob), { nonegate: true });
  if (scan.glob === '') {
    // no glob after all (`data/{a}.yaml`, `data/[`, `data/\*.yaml`): the file of that name, its backslashes removed
    const exact = resolve(dir, scan.base.replace(/\\(.)/g, '$1'));
    return { base: dirname(exact), matches: (abs) => resolve(abs) === exact };
  }
  const base = resolve(dir, scan.base);
  const re = picomatch().makeRe(literalParens(scan.glob), GLOB_OPTIONS);
  return {
    base,
    matches: (abs) => {
      const rel = slashes(relative(base, abs));
      return rel !== '' && rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel) && re.test(rel);
    },
  };
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

/**
 * Every document under `dir` (recursively, each real folder once, so symlink loops end), sorted.
 * `real` is dir's real path: a plain subfolder's is its parent's plus its name, so only symbolic
 * links cost a realpath (a 10,000-folder batch used to spend seconds here). A link whose target lies
 * outside `roots` (the real path of the folder given, and the --allow-outside folders) is not followed:
 * it is listed in `skipped` as outside, named but never read. `reals` gets each file's real path.
 */
function walk(dir: string, seen: Set<string>, out: string[], skipped: Skipped[], roots: readonly string[], reals: Map<string, string>, real?: string): void {
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
    if (isDir) walk(full, seen, out, skipped, roots, reals, childReal);
    else if (isFile && DOCUMENT.test(name)) {
      out.push(full);
      reals.set(full, childReal);
    }
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

/** The test of an exclusion (`!glob`, `!folder`, `!file`): a glob as for the paths, a folder with everything below it. */
function excluder(p: string, cwd: string): (abs: string) => boolean {
  if (isGlob(p)) return globMatcher(p, cwd).matches;
  const exact = resolve(cwd, p);
  return (abs) => abs === exact || abs.startsWith(exact.endsWith(sep) ? exact : exact + sep);
}

/**
 * Expands paths; a path that matches nothing is a usage error. A path that starts with `!` leaves out what the
 * folders and globs find there (a glob, a folder with all below it, or a file), as in `'fixtures/**' '!fixtures/invalid'`. Returns absolute paths in a
 * stable order (as given, folders and globs sorted), each once; "-" stays "-". `skipped` lists what a
 * walk could not look into, for the caller to report.
 */
export function discover(
  paths: readonly string[],
  cwd = process.cwd(),
): { files: string[]; explicit: Set<string>; skipped: Skipped[]; reals: Map<string, string> } {
  const files: string[] = [];
  const reals = new Map<string, string>(); // the real path of each file found in a folder, known without a system call
  const skipped: Skipped[] = [];
  const seenFiles = new Set<string>(); // a Set: files.includes() made a 10,000-file batch quadratic
  const explicit = new Set<string>();
  const add = (f: string) => {
    if (seenFiles.has(f)) return;
    seenFiles.add(f);
    files.push(f);
  };
  // `!glob` (or `!path`) leaves out what folders and globs find there; a file named as it is is always read
  const exclusions = paths.filter((p) => p.startsWith('!') && p.length > 1);
  if (exclusions.length === paths.length)
    throw new UsageError(
      `nothing to check: ${exclusions.join(' ')} only leave${exclusions.length === 1 ? 's' : ''} files out; name the files, folders or globs to check too`,
    );
  const outs = exclusions.map((p) => excluder(p.slice(1), cwd));
  const excluded = (f: string) => outs.some((m) => m(f));
  for (const p of paths) {
    if (p === '-') {
      add('-');
      explicit.add('-');
      continue;
    }
    if (p.startsWith('!') && p.length > 1) continue; // an exclusion, above
    if (isGlob(p)) {
      const glob = globMatcher(p, cwd);
      const found: string[] = [];
      walk(glob.base, new Set(), found, skipped, rootsOf(glob.base), reals);
      const matched = found.filter(glob.matches);
      const kept = matched.filter((f) => !excluded(f));
      if (matched.length === 0) throw new UsageError(`no file matches ${p}`, 'ZC-E-FILE-NOT-FOUND');
      if (kept.length === 0) throw new UsageError(`every file that ${p} matches is excluded (${exclusions.join(' ')})`, 'ZC-E-FILE-NOT-FOUND');
      kept.forEach(add);
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
      walk(abs, new Set(), found, skipped, rootsOf(abs), reals);
      const kept = found.filter((f) => !excluded(f));
      // as for a glob: exclusions that leave nothing of a folder are a mistake, not "0 files checked: all valid"
      if (found.length > 0 && kept.length === 0) throw new UsageError(`every file in ${p} is excluded (${exclusions.join(' ')})`, 'ZC-E-FILE-NOT-FOUND');
      kept.forEach(add);
    } else {
      add(abs);
      explicit.add(abs);
    }
  }
  return { files, explicit, skipped, reals };
}
