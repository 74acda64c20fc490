/**
 * The files one `batch` run writes (-o, and --out-dir's reports and summary), written as one set: each is first
 * written whole to a temp file beside its target, and only when the run is over, every input is known and every file
 * is ready are they renamed into place. So a report can never replace an input read later in the run (a worker's
 * activity CSV, a submission not yet read), a failure half-way leaves nothing behind, and the message can say exactly
 * what was and was not written. An --out-dir is held with a lock file while the run lasts, and SIGINT or SIGTERM
 * removes the temp files and the lock.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import { displayPath, isInput, writeAtomic, writeFailure } from './io.js';

export const LOCK_NAME = '.zcpark.lock';

interface Staged {
  target: string;
  /** The temp file holding the content, or none for a device or pipe (written directly at commit). */
  tmp?: string;
  direct?: () => string | Iterable<string>;
}

/** Temp files and locks alive in this process, removed on SIGINT/SIGTERM. */
const live = new Set<string>();
let handlersInstalled = false;
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      for (const f of live) {
        try {
          unlinkSync(f);
        } catch {
          /* gone already */
        }
      }
      live.clear();
      process.stderr.write(`zcpark: stopped by ${signal}; no output file was written or replaced (temp files removed)\n`);
      process.exit(code);
    });
  }
}

/** "a.json, b.json, c.json and 7 more" */
function names(list: readonly string[], max = 5): string {
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} and ${(list.length - max).toLocaleString('en-US')} more` : shown;
}

export class OutputSet {
  private readonly staged: Staged[] = [];
  private readonly targets = new Set<string>();
  private lock: string | undefined;
  private dir: string | undefined;

  /**
   * Prepares --out-dir: it may not be a file or a symbolic link (its target is named, to be given instead), it is
   * created if needed, and it is locked (O_EXCL) so that two runs cannot mix their files in it.
   */
  openDir(dir: string): void {
    let st;
    try {
      st = lstatSync(dir);
    } catch {
      /* made below */
    }
    if (st?.isSymbolicLink()) {
      let to = '';
      try {
        to = ` (to ${readlinkSync(dir)})`;
      } catch {
        /* unreadable link */
      }
      throw new UsageError(
        `--out-dir ${dir} is a symbolic link${to}; give the folder itself, so what is written where is plain; nothing was written`,
        'ZC-E-OUT-WRITE',
      );
    }
    if (st && !st.isDirectory()) throw new UsageError(`--out-dir ${dir} is a file, not a folder`);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new UsageError(`cannot create --out-dir ${dir}: ${writeFailure(e)}; nothing was written`, 'ZC-E-OUT-WRITE');
    }
    const lock = join(dir, LOCK_NAME);
    installHandlers();
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = openSync(lock, 'wx', 0o644);
        live.add(lock);
        this.lock = lock;
        writeSync(fd, `${process.pid} ${hostname()}\n`);
        closeSync(fd);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
          throw new UsageError(`cannot write into --out-dir ${dir}: ${writeFailure(e)}; nothing was written`, 'ZC-E-OUT-WRITE');
        const holder = lockHolder(lock);
        // a lock left by a run of this machine that is gone (killed with SIGKILL) is taken over, once
        if (attempt === 0 && holder && holder.host === hostname() && !alive(holder.pid)) {
          try {
            unlinkSync(lock);
          } catch {
            /* another run took it over first: the next attempt says so */
          }
          continue;
        }
        throw new UsageError(
          `--out-dir ${dir} is in use by another zcpark run${holder ? ` (process ${holder.pid} on ${holder.host})` : ''}: its lock file ${join(dir, LOCK_NAME)} exists; wait for that run to end (or remove the lock file if no run is writing there); nothing was written`,
          'ZC-E-OUT-WRITE',
        );
      }
    }
    this.dir = dir;
  }

  /** Refuses at once an output that is a planned input (the walk and the command line are known before any work). */
  precheck(path: string): void {
    if (isInput(resolve(path))) throw new UsageError(`refusing to overwrite ${path}: this run read it as an input`, 'ZC-E-OUT-IS-INPUT');
  }

  /** Writes `content` to a temp file beside `path` (whole, fsynced); the file itself is written by commit(). */
  stage(path: string, content: string | (() => string | Iterable<string>)): void {
    const target = resolve(path);
    if (this.targets.has(target))
      throw new UsageError(`${path} would be written twice in one run (-o names a file of --out-dir?); nothing was written`, 'ZC-E-OUT-WRITE');
    this.targets.add(target);
    let existing;
    try {
      existing = statSync(target);
    } catch {
      /* a new file */
    }
    if (existing?.isDirectory()) this.fail(path, Object.assign(new Error('directory'), { code: 'EISDIR' }));
    if (existing && !existing.isFile()) {
      // a device or a pipe (-o /dev/stdout): renaming over it would replace the node, so it is written into at the end
      this.staged.push({ target, direct: typeof content === 'string' ? () => content : content });
      return;
    }
    installHandlers();
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fd: number | undefined;
    try {
      fd = openSync(tmp, 'wx', 0o644);
      live.add(tmp);
      const text = typeof content === 'string' ? content : content();
      if (process.env.ZCPARK_FAULT === 'write') {
        const all = typeof text === 'string' ? text : [...text].join('');
        writeSync(fd, all.slice(0, Math.ceil(all.length / 2)));
        throw Object.assign(new Error('injected write failure'), { code: 'EIO' });
      }
      if (typeof text === 'string') writeFileSync(fd, text);
      else for (const piece of text) writeFileSync(fd, piece);
      fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
      this.staged.push({ target, tmp });
    } catch (e) {
      if (fd !== undefined) closeSync(fd);
      remove(tmp);
      this.fail(path, e);
    }
  }

  /** Removes every temp file and the lock: nothing of this run is left. */
  abort(): void {
    for (const s of this.staged) if (s.tmp) remove(s.tmp);
    this.staged.length = 0;
    this.release();
  }

  /**
   * Puts every staged file in place, once no target is an input of the run (all reads are known by now) and none is
   * a folder; the lock is released. A failure says which files were written and which were not.
   */
  commit(): void {
    try {
      for (const s of this.staged) {
        if (isInput(s.target))
          throw new UsageError(`refusing to overwrite ${displayPath(s.target)}: this run read it as an input; nothing was written`, 'ZC-E-OUT-IS-INPUT');
        try {
          if (statSync(s.target).isDirectory()) this.fail(displayPath(s.target), Object.assign(new Error('directory'), { code: 'EISDIR' }));
        } catch (e) {
          if (e instanceof UsageError) throw e;
        }
      }
    } catch (e) {
      this.abort();
      throw e;
    }
    const written: string[] = [];
    const total = this.staged.length;
    for (let i = 0; i < this.staged.length; i++) {
      const s = this.staged[i]!;
      try {
        if (s.tmp) {
          renameSync(s.tmp, s.target);
          live.delete(s.tmp);
        } else writeAtomic(s.target, s.direct!());
        written.push(displayPath(s.target));
      } catch (e) {
        const notWritten = this.staged.slice(i).map((x) => displayPath(x.target));
        this.abort();
        const why = e instanceof UsageError ? e.message.replace(/^cannot write [^:]*: /, '').replace(/; nothing was written there$/, '') : writeFailure(e);
        throw new UsageError(
          `cannot write ${displayPath(s.target)}: ${why}; written: ${written.length ? `${names(written)} (${written.length} of ${total} files)` : 'nothing'}; not written: ${names(notWritten)} (${notWritten.length} files)`,
          'ZC-E-OUT-WRITE',
        );
      }
    }
    this.staged.length = 0;
    this.release();
  }

  private release(): void {
    if (this.lock) {
      remove(this.lock);
      this.lock = undefined;
    }
  }

  /** A failed write before anything was put in place: every temp file goes, and the message says nothing was written. */
  private fail(path: string, e: unknown): never {
    const prepared = this.staged.length;
    this.abort();
    const where = this.dir
      ? ` (nothing in ${displayPath(this.dir)} was created or replaced${prepared ? `: the ${prepared} file${prepared === 1 ? '' : 's'} prepared so far were removed` : ''})`
      : '';
    throw new UsageError(`cannot write ${path}: ${writeFailure(e)}; nothing was written there${where}`, 'ZC-E-OUT-WRITE');
  }
}

function remove(path: string): void {
  live.delete(path);
  try {
    unlinkSync(path);
  } catch {
    /* never created, or gone */
  }
}

function lockHolder(lock: string): { pid: number; host: string } | undefined {
  try {
    const m = /^(\d+) (\S+)/.exec(readFileSync(lock, 'utf8'));
    return m ? { pid: Number(m[1]), host: m[2]! } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
