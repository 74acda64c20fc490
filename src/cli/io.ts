/** File I/O for the CLI: reading inputs (with stdin as "-") and writing outputs atomically. */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import type { FileReader } from '../normalize/submission.js';

/** Every file this run has read: an output may never replace one of them. */
const readPaths: string[] = [];
/** Their real paths, resolved only when something is about to be written (a batch reads 20,000 files). */
const realRead = new Set<string>();
let resolvedUpTo = 0;

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

/** Records that `path` was read, so `writeAtomic` refuses to overwrite it. */
export function noteRead(path: string): void {
  if (path !== '-') readPaths.push(resolve(path));
}

function realReadPaths(): Set<string> {
  for (; resolvedUpTo < readPaths.length; resolvedUpTo++) {
    const p = readPaths[resolvedUpTo]!;
    try {
      realRead.add(realpathSync(p));
    } catch {
      realRead.add(p);
    }
  }
  return realRead;
}

/** Reads a file and records it as an input of this run. */
export function readTracked(path: string): Buffer {
  const bytes = readFileSync(path);
  noteRead(path);
  return bytes;
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
  if (!f) throw new UsageError(`cannot tell the format from "${ext || out}"; give -f (allowed: ${[...new Set(Object.values(byExtension))].join(', ')}) or an -o ending in ${Object.keys(byExtension).join(' or ')}`);
  return f;
}

/** Display form of a path: relative to the working directory, with forward slashes. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(p) : rel;
  return shown.split('\\').join('/');
}

/** Reads a whole input file, or stdin for "-"; a missing or unreadable path is a usage error. */
export function readInput(path: string): Buffer {
  if (path === '-') return readFileSync(0);
  noteRead(path);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`file not found: ${path}`, 'ZC-E-FILE-NOT-FOUND');
  }
  if (st.isDirectory()) throw new UsageError(`${path} is a directory; give a submission file (YAML or JSON)`, 'ZC-E-FILE-READ');
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'ZC-E-FILE-READ');
  }
}

/** A reader for files a submission references, relative to the submission's folder. */
export function relativeReader(submissionPath: string): FileReader {
  const base = submissionPath === '-' ? process.cwd() : dirname(resolve(submissionPath));
  return (rel) => {
    const abs = isAbsolute(rel) ? rel : join(base, rel);
    const file = displayPath(abs);
    try {
      const st = statSync(abs);
      if (st.isDirectory()) return { file, error: 'it is a directory' };
      if (st.size > streamBytes() && extname(abs).toLowerCase() === '.csv') {
        noteRead(abs);
        return { file, chunks: fileChunks(abs) };
      }
      return { file, bytes: readTracked(abs) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { file, error: code === 'ENOENT' ? 'not-found' : (code ?? (e as Error).message) };
    }
  };
}

/**
 * Writes `text` to `path` atomically: a temp file in the same folder, fsync, then rename.
 * Refuses to overwrite any of `inputs`; on failure the old file is left as it was.
 */
export function writeAtomic(path: string, text: string, inputs: readonly string[] = []): void {
  const target = resolve(path);
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const targetReal = real(target);
  if (realReadPaths().has(targetReal) || inputs.some((i) => i !== '-' && real(i) === targetReal)) {
    throw new UsageError(`refusing to overwrite ${path}: this run read it as an input`, 'ZC-E-OUT-IS-INPUT');
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    writeSync(fd, text);
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
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${path}: ${code === 'ENOENT' ? 'the folder does not exist' : (code ?? (e as Error).message)}`, 'ZC-E-OUT-WRITE');
  }
}
