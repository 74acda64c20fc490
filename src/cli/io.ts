/** File I/O for the CLI: reading inputs (with stdin as "-") and writing outputs atomically. */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diag } from '../diagnostics/codes.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { UsageError } from '../diagnostics/errors.js';
import type { Diagnostic } from '../model/types.js';
import type { SheetTable } from '../normalize/activity-csv.js';
import type { FileReader } from '../normalize/submission.js';
import { splitWorkbook } from '../parse/sniff.js';
import { MAX_XLSX_BYTES, readWorkbook } from './xlsx.js';

/**
 * Every file this run has read or is about to read: an output may never replace one of them. Their real paths are
 * resolved only when something is about to be written (a batch reads 20,000 files), each path once, and not at all
 * when the reader already knew it (confine() resolves every file a submission lists): 10,000 submissions spent 0.26 s
 * resolving 20,000 paths one after another before writing the report (measured with --cpu-prof, Dec 2026).
 */
const pendingPaths = new Set<string>();
/** Paths whose real path is in realRead already. */
const knownPaths = new Set<string>();
const realRead = new Set<string>();
/** Device and inode of the inputs that were looked at (a hard link has another path but the same file). */
const readIds = new Set<string>();
/** Reads not yet handed on (a batch worker sends them to the main thread with each result). */
let fresh: Reads = { paths: [], reals: [], ids: [] };

/** Reads as they travel from a worker thread: paths still to resolve, real paths, and device:inode ids. */
export interface Reads {
  paths: string[];
  reals: string[];
  ids: string[];
}

/**
 * Activity CSVs larger than this are streamed (read in 64 KB chunks and summed on the fly) instead of read whole.
 * ZCPARK_STREAM_BYTES sets it (tests stream small files to compare the two paths).
 */
export function streamBytes(): number {
  const v = Number(process.env.ZCPARK_STREAM_BYTES);
  return Number.isFinite(v) && v >= 0 && process.env.ZCPARK_STREAM_BYTES !== '' ? v : 8 * 1024 * 1024;
}

/** The bytes of a file in 64 KB chunks (smaller chunks keep peak RSS low: 1 MB chunks cost ~60 MB more on a 300 MB file), read as they are consumed (valid until the next one); each call starts again. */
export function fileChunks(path: string, size = 1 << 16): () => Iterable<Uint8Array> {
  return function* () {
    const fd = openSync(path, 'r');
    // one buffer, reused: each chunk is decoded before the next is read (consumers copy what they keep)
    const buf = Buffer.allocUnsafe(size);
    try {
      for (;;) {
        const got = readSync(fd, buf, 0, size, null);
        if (got === 0) return;
        yield buf.subarray(0, got);
      }
    } finally {
      closeSync(fd);
    }
  };
}

/** Records that `path` was read (or will be: a planned input), so no output of this run replaces it; `real` when known. */
export function noteRead(path: string, st?: Stats, real?: string): void {
  if (path === '-') return;
  const abs = resolve(path);
  if (real !== undefined) {
    knownPaths.add(abs);
    realRead.add(real);
    fresh.reals.push(real);
  } else if (pend(abs)) {
    fresh.paths.push(abs);
  }
  if (st) {
    const id = `${st.dev}:${st.ino}`;
    readIds.add(id);
    fresh.ids.push(id);
  }
}

/** Queues `abs` for realReadPaths; false when it is resolved or queued already. */
function pend(abs: string): boolean {
  if (knownPaths.has(abs) || pendingPaths.has(abs)) return false;
  pendingPaths.add(abs);
  return true;
}

/** The reads recorded since the last call: a worker thread's, for the main thread, which does the writing. */
export function takeReads(): Reads {
  const got = fresh;
  fresh = { paths: [], reals: [], ids: [] };
  return got;
}

/** Reads made elsewhere (in a worker thread), recorded here. */
export function noteReads(reads: Reads): void {
  for (const p of reads.paths) pend(p);
  for (const r of reads.reals) realRead.add(r);
  for (const id of reads.ids) readIds.add(id);
}

function realReadPaths(): Set<string> {
  for (const p of pendingPaths) {
    try {
      realRead.add(realpathSync.native(p));
    } catch {
      realRead.add(p);
    }
    knownPaths.add(p);
  }
  pendingPaths.clear();
  return realRead;
}

/** Whether writing `path` would replace an input of this run (or one of `inputs`): same real path, or same file (inode). */
export function isInput(path: string, inputs: readonly string[] = []): boolean {
  let target: string;
  try {
    target = realpathSync.native(path);
  } catch {
    target = resolve(path);
  }
  // the inputs named are mostly the files read: each path is resolved once
  for (const i of inputs) if (i !== '-') pend(resolve(i));
  if (realReadPaths().has(target)) return true;
  try {
    const st = statSync(target);
    return readIds.has(`${st.dev}:${st.ino}`);
  } catch {
    return false;
  }
}

/**
 * YAML and JSON documents larger than this are refused unread. `yaml` needs ~90× the input in memory and
 * its parse dominates the check: 2 MB of inline rows, of 150,000 keys or of JSON took 3.3–4.7 s of CPU
 * (measured with --cpu-prof, Dec 2026), beyond the 2 s any input of ≤ 2 MiB must finish in; at 512 KiB the
 * worst of them takes about 1.2 s. A real submission is a few KB; bulk data belongs in activity CSVs,
 * which have no such limit.
 */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

/** A YAML/JSON document over MAX_DOCUMENT_BYTES; its message reads as the reason of "cannot read …: ". */
export class FileTooLarge extends Error {
  override readonly name = 'FileTooLarge';
  /** `complete` is false when reading stopped at the cap (stdin): the size is then "more than". */
  constructor(
    readonly path: string,
    readonly size: number,
    readonly complete = true,
  ) {
    super(
      `it is ${complete ? bytesInWords(size) : `over ${bytesInWords(MAX_DOCUMENT_BYTES)}`}, and a YAML or JSON document may have at most ${bytesInWords(MAX_DOCUMENT_BYTES)}; move the activity rows into a CSV listed under activity_files (CSVs have no size limit)`,
    );
  }

  /** The arguments of a ZC-E-FILE-TOO-LARGE diagnostic. */
  args(shownAs: string): Record<string, string> {
    const limit = bytesInWords(MAX_DOCUMENT_BYTES);
    return this.complete
      ? { path: shownAs, size: bytesInWords(this.size), size_zh: `为 ${bytesInWords(this.size)}`, limit }
      : { path: shownAs, size: `over ${limit}`, size_zh: `超过 ${limit}`, limit };
  }
}

/** "1,073,741,824 bytes (1 GiB)" */
export function bytesInWords(n: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const short = u < 0 ? '' : ` (${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]})`;
  return `${n.toLocaleString('en-US')} bytes${short}`;
}

/** Anything but a CSV or a workbook (capped by xlsx.ts) is parsed as YAML or JSON, so it is held to MAX_DOCUMENT_BYTES. */
const isDocumentPath = (path: string) => !/\.(csv|xlsx)$/i.test(path);

/** Why a file could not be read, in words ("not-found" for a missing one, as FileReader reports it). */
export function readFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'not-found';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (EACCES)';
    case 'ELOOP':
      return 'its symbolic links form a loop (ELOOP)';
    default:
      return err.code ?? err.message;
  }
}

/** Refuses what cannot be read as a file: a directory, a device (/dev/zero would never end) or a socket; pipes only when `pipes`. */
function checkReadable(st: Stats, pipes: boolean): void {
  if (st.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
  if (st.isFile() || (pipes && st.isFIFO())) return;
  throw new Error(st.isFIFO() ? 'it is a named pipe, not a file' : st.isSocket() ? 'it is a socket, not a file' : 'it is a device, not a file');
}

/**
 * Reads a file and records it as an input of this run. Directories, devices and sockets are refused
 * (and named pipes, unless `pipes`); a YAML/JSON document over MAX_DOCUMENT_BYTES throws FileTooLarge
 * without being read. Errors keep their errno `code` where there is one; see readFailure.
 */
export function readTracked(path: string, opts: { pipes?: boolean; real?: string } = {}): Buffer {
  const st = statSync(path);
  checkReadable(st, opts.pipes ?? true);
  const capped = isDocumentPath(path);
  if (capped && st.isFile() && st.size > MAX_DOCUMENT_BYTES) throw new FileTooLarge(path, st.size);
  let bytes: Buffer;
  if (capped && st.isFIFO()) {
    // a pipe (zcpark evaluate <(…)) has no size to look at: read it up to the cap
    const fd = openSync(path, 'r');
    try {
      bytes = readCapped(fd, path);
    } finally {
      closeSync(fd);
    }
  } else {
    bytes = readFileSync(path);
    // a file that grew since stat, or a /proc file that gives its size as 0
    if (capped && bytes.length > MAX_DOCUMENT_BYTES) throw new FileTooLarge(path, bytes.length);
  }
  noteRead(path, st, opts.real);
  return bytes;
}

/** Reads stdin ("-"), a YAML or JSON document, with the same cap as files. */
export function readStdin(): Buffer {
  return readCapped(0, '-');
}

/**
 * Reads a stream to its end, stopping as soon as MAX_DOCUMENT_BYTES is passed (FileTooLarge). A pipe may
 * be non-blocking (readFileSync(0) then fails with EAGAIN while a slow producer is still writing), so a
 * read that would block waits a moment and tries again.
 */
function readCapped(fd: number, path: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
    total += n;
    if (total > MAX_DOCUMENT_BYTES) throw new FileTooLarge(path, total, false);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The output format of a command: -f, else the extension of -o (a usage error when it says nothing),
 * else `fallback`. `byExtension` maps '.json' etc. to the command's formats.
 */
export function pickFormat(format: string | undefined, out: string | undefined, byExtension: Record<string, string>, fallback: string): string {
  if (format) return format;
  if (!out) return fallback;
  const ext = extname(out).toLowerCase();
  const f = byExtension[ext];
  if (!f)
    throw new UsageError(
      `cannot tell the format from "${ext || out}"; give -f (allowed: ${[...new Set(Object.values(byExtension))].join(', ')}) or an -o ending in ${Object.keys(byExtension).join(' or ')}`,
    );
  return f;
}

/** Display form of a path: relative to the working directory, with forward slashes. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(p) : rel;
  return shown.split('\\').join('/');
}

/**
 * Reads a whole input file, or stdin for "-". A missing or unreadable path is a usage error, and so is
 * a document over the size cap (ZC-E-FILE-TOO-LARGE); see readDocument for the one that reports it.
 */
export function readInput(path: string, what?: string): Buffer {
  const got = readDocument(path, what);
  if (got instanceof FileTooLarge) throw new UsageError(`cannot read ${path}: ${got.message}`, 'ZC-E-FILE-TOO-LARGE');
  return got;
}

/**
 * readInput, except that a document over the size cap is returned (a finding about that file), not thrown. `what` names
 * the file expected (an option's file), for the message when a folder is given instead; by default a submission.
 */
export function readDocument(path: string, what?: string): Buffer | FileTooLarge {
  try {
    return path === '-' ? readStdin() : readTracked(path);
  } catch (e) {
    if (e instanceof FileTooLarge) return e;
    const why = readFailure(e);
    if (why === 'not-found') throw new UsageError(`file not found: ${path}`, 'ZC-E-FILE-NOT-FOUND');
    if (why === 'it is a directory')
      throw new UsageError(
        `${path} is a directory; give ${what ?? 'a submission file (YAML or JSON), or score every submission in the folder with zcpark batch'}`,
        'ZC-E-FILE-READ',
      );
    throw new UsageError(`cannot read ${path}: ${why}`, 'ZC-E-FILE-READ');
  }
}

/** A folder a submission's files may be in, lexically and after resolving links. */
interface Root {
  lexical: string;
  real: string;
}

/** Folders outside a submission's own that the files it names may be in (--allow-outside), for this run. */
let allowedRoots: Root[] = [];

/** The folders --allow-outside gave. Each must exist; its real path (links resolved) is what counts. */
export function allowOutside(dirs: readonly string[]): void {
  allowedRoots = dirs.map((d) => {
    let real: string;
    try {
      real = realpathSync.native(d);
    } catch {
      throw new UsageError(`--allow-outside ${d}: no such folder`, 'ZC-E-FILE-NOT-FOUND');
    }
    if (!statSync(real).isDirectory()) throw new UsageError(`--allow-outside ${d} is a file; give a folder`);
    return { lexical: resolve(d), real };
  });
}

/** The folders of allowOutside, to hand to worker threads. */
export const allowedOutside = (): string[] => allowedRoots.map((r) => r.lexical);

/** `path` is `dir` or inside it (both absolute and normalised). */
export function isWithin(path: string, dir: string): boolean {
  if (path === dir) return true;
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const realRoots = new Map<string, string>();
function rootOf(dir: string): Root {
  let real = realRoots.get(dir);
  if (real === undefined) {
    try {
      real = realpathSync.native(dir);
    } catch {
      real = dir;
    }
    realRoots.set(dir, real);
  }
  return { lexical: dir, real };
}

/** Why a path a submission names is refused: the arguments of ZC-E-PATH-OUTSIDE but the path (English and Chinese). */
export interface Outside {
  outside: true;
  root: string;
  root_zh: string;
  why: string;
  why_zh: string;
}

const SUBMISSION_ROOT = { root: "the submission's folder", root_zh: '申报文件所在文件夹' };

/**
 * Where a path named inside a submission (an activity file, a `profile:` pack, a roster's profile cell) points, if it
 * may be read: written relative, it must stay inside the submission's folder `base` both as written and after every
 * symbolic link is resolved; an --allow-outside folder admits it (absolute or not) when it lies there. The file
 * system is not touched for a path that is outside as written, so nothing is learnt about it (not even whether it
 * exists). `error` is set when the path has no real path (it does not exist, or its links loop): it is not read.
 */
export function confine(base: string, rel: string): { abs: string; real?: string; error?: unknown } | Outside {
  const abs = resolve(base, rel);
  const home = rootOf(resolve(base));
  const inHome = !isAbsolute(rel) && isWithin(abs, home.lexical);
  if (!inHome && !allowedRoots.some((r) => isWithin(abs, r.lexical) || isWithin(abs, r.real))) {
    return isAbsolute(rel)
      ? { outside: true, ...SUBMISSION_ROOT, why: 'an absolute path', why_zh: '绝对路径' }
      : { outside: true, ...SUBMISSION_ROOT, why: 'it climbs out with ..', why_zh: '用 .. 跳出' };
  }
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch (e) {
    // not there, a loop of links, or something that has no real path (/dev/stdin of a pipe): not read at all
    return { abs, error: e };
  }
  if ((inHome && isWithin(real, home.real)) || allowedRoots.some((r) => isWithin(real, r.real))) return { abs, real };
  return { outside: true, ...SUBMISSION_ROOT, why: 'a symbolic link leads out of it', why_zh: '符号链接指向其外' };
}

/**
 * A reader for files a submission references, relative to the submission's folder, which they may not leave (see
 * confine). Each file is read once: a second entry naming the same file (also through ./ or a symbolic link) is an
 * error, since its rows would be counted twice. Only regular files are read (a FIFO or /dev/zero would hang).
 */
export function relativeReader(submissionPath: string): FileReader {
  const base = submissionPath === '-' ? process.cwd() : dirname(resolve(submissionPath));
  const listed = new Map<string, string>();
  return (relAsWritten) => {
    // `file.xlsx#Sheet name`: the sheet is no part of the path
    const workbook = splitWorkbook(relAsWritten);
    const rel = workbook ? workbook.path : relAsWritten;
    const where = confine(base, rel);
    if ('outside' in where) {
      const { outside: _, ...args } = where;
      return { file: excerpt(rel, 80), outside: args };
    }
    const abs = where.abs;
    const file = displayPath(abs);
    if (where.error !== undefined) return { file, error: readFailure(where.error) };
    const real = where.real ?? abs;
    const first = listed.get(real);
    if (first !== undefined) return { file, error: `it is listed twice in activity_files (first as ${first}); its rows would be counted twice` };
    try {
      const st = statSync(abs);
      if (workbook && st.isFile()) {
        if (st.size > MAX_XLSX_BYTES)
          return {
            file,
            error: `it is ${bytesInWords(st.size)}; a workbook may have at most ${bytesInWords(MAX_XLSX_BYTES)} (save large tables as CSV, which are streamed)`,
          };
        const bytes = readTracked(abs, { pipes: false, real: where.real });
        listed.set(real, rel);
        const got = readWorkbook(bytes, workbook.sheet);
        if (!got.ok) return { file, error: got.sheets ? `${got.reason}; its sheets: ${got.sheets.map((n) => `"${n}"`).join(', ')}` : got.reason };
        return { file, sheet: { name: got.sheet, rows: got.rows } };
      }
      if (st.isFile() && st.size > streamBytes() && extname(abs).toLowerCase() === '.csv') {
        // a large activity CSV is streamed, never held whole
        noteRead(abs, st, where.real);
        listed.set(real, rel);
        return { file, chunks: fileChunks(abs) };
      }
      const bytes = readTracked(abs, { pipes: false, real: where.real });
      listed.set(real, rel);
      return { file, bytes };
    } catch (e) {
      return { file, error: readFailure(e) };
    }
  };
}

/** Why a write failed, in words. */
export function writeFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'the folder does not exist'
    : code === 'ENOSPC'
      ? 'the disk is full (ENOSPC)'
      : code === 'EROFS'
        ? 'the file system is read-only (EROFS)'
        : code === 'EDQUOT'
          ? 'the disk quota is exceeded (EDQUOT)'
          : code === 'EIO'
            ? `an I/O error (EIO)${process.env.ZCPARK_FAULT === 'write' ? ', injected by ZCPARK_FAULT=write' : ''}`
            : readFailure(e);
}

/**
 * Writes `text` to `path` atomically: a temp file in the same folder, fsync, then rename.
 * Refuses to overwrite any of `inputs`; on failure the old file is left as it was and the temp file is
 * removed. A device or pipe (-o /dev/stdout, /dev/null, a FIFO) is written to directly: renaming over
 * it would replace the device node itself. Test hook: ZCPARK_FAULT=write fails half-way through the
 * temp file, as a full disk would (test/cli/atomic-output.test.ts).
 */
export function writeAtomic(path: string, content: string | Iterable<string>, inputs: readonly string[] = []): void {
  // a large document may come in pieces (batch -f json): written one after another, never joined
  const writeAll = (fd: number) => {
    if (typeof content === 'string') writeFileSync(fd, content);
    else for (const piece of content) writeFileSync(fd, piece);
  };
  const target = resolve(path);
  if (isInput(target, inputs)) {
    throw new UsageError(`refusing to overwrite ${path}: this run read it as an input`, 'ZC-E-OUT-IS-INPUT');
  }
  const failed = (e: unknown) => new UsageError(`cannot write ${path}: ${writeFailure(e)}; nothing was written there`, 'ZC-E-OUT-WRITE');
  let existing: Stats | undefined;
  try {
    existing = statSync(target);
  } catch {
    /* a new file */
  }
  if (existing?.isDirectory()) throw failed(Object.assign(new Error('directory'), { code: 'EISDIR' }));
  if (existing && !existing.isFile()) {
    let fd: number | undefined;
    try {
      fd = openSync(target, 'w');
      writeAll(fd);
    } catch (e) {
      throw failed(e);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    if (process.env.ZCPARK_FAULT === 'write') {
      const text = typeof content === 'string' ? content : [...content].join('');
      writeSync(fd, text.slice(0, Math.ceil(text.length / 2)));
      throw Object.assign(new Error('injected write failure'), { code: 'EIO' });
    }
    writeAll(fd);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* the temp file was never created */
    }
    throw failed(e);
  }
}

/** A workbook named on the command line (a roster): its first sheet, or the errors that say why it cannot be read. */
export function readWorkbookFile(abs: string, file: string): { sheet: SheetTable } | { errors: Diagnostic[] } {
  let bytes: Buffer;
  try {
    bytes = readTracked(abs, { pipes: false });
  } catch (e) {
    return { errors: [diag('ZC-E-FILE-READ', { path: file, reason: readFailure(e) }, { file })] };
  }
  if (bytes.length > MAX_XLSX_BYTES)
    return {
      errors: [
        diag(
          'ZC-E-FILE-READ',
          { path: file, reason: `it is ${bytesInWords(bytes.length)}; a workbook may have at most ${bytesInWords(MAX_XLSX_BYTES)} (save large tables as CSV)` },
          { file },
        ),
      ],
    };
  const got = readWorkbook(bytes);
  if (!got.ok) return { errors: [diag('ZC-E-FILE-READ', { path: file, reason: got.reason }, { file })] };
  return { sheet: { name: got.sheet, rows: got.rows } };
}
