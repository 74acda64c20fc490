/**
 * What a `batch` run gathers from its task results as they come (in task order): the entries and errors of the
 * summary, each report's text or its own file under --out-dir, jsonl lines, the reports' warnings by code, and the
 * progress line on a terminal.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../../model/types.js';
import type { BatchEntry, BatchError } from '../../report/batch.js';
import { jsonText } from '../../report/escape.js';
import { byPosition, warningDigestLines } from '../../report/diagnostics/lines.js';
import { noteReads } from '../io.js';
import type { OutputSet } from '../outputs.js';
import type { TaskResult } from './tasks.js';

export interface CollectOptions {
  /** The summary format: json keeps each report's text, jsonl makes a line of each result. */
  format: string;
  /** jsonl lines go to stdout as they come (no -o, no --out-dir); otherwise they are kept for the file. */
  streamLines: boolean;
  /** Each report's own file goes here, staged in `outputs`, with this extension. */
  outDir?: { path: string; extension: string; outputs: OutputSet };
  /** Draw a progress line on stderr, out of this many tasks. */
  progress?: { total: number };
}

/** jsonl to stdout goes out in blocks of about 256 KB: one write per line costs the main thread a syscall each. */
const BLOCK_BYTES = 262144;
/** Names Windows cannot open, whatever their extension (CON, nul.json, COM1, LPT9; CONIN$ cannot arise, $ becomes _). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export class BatchCollector {
  readonly entries: BatchEntry[] = [];
  readonly errors: BatchError[];
  /** Pretty JSON of each report, in task order (json only). */
  readonly reportTexts: string[] = [];
  /** File name of each entry's own report under --out-dir (parallel to entries). */
  readonly links: string[] = [];
  /** Ids whose file name had to differ from the id (`id → name`). */
  readonly renamed: string[] = [];
  /** jsonl lines kept for a file. */
  readonly lines: string[] = [];
  /** The reports' own warnings by code: every format but json/jsonl (which carry them) would otherwise hide them. */
  private readonly warned = new Map<string, { n: number; ids: string[]; example: Diagnostic }>();
  private readonly used = new Set<string>();
  private block: string[] = [];
  private blockSize = 0;
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly o: CollectOptions,
    planErrors: readonly BatchError[],
  ) {
    this.errors = [...planErrors];
    if (o.format === 'jsonl') for (const e of planErrors) this.line(jsonText(JSON.stringify({ error: e })));
  }

  /** Takes one task's result. */
  add(r: TaskResult): void {
    this.done++;
    // what a worker read (activity CSVs, packs) is an input too, known before anything is written
    if (r.reads) noteReads(r.reads);
    if ('skip' in r || 'checked' in r) return; // (check tasks are validate's)
    if (r.ok) {
      this.entries.push(r.entry);
      for (const w of r.warnings) if (w.severity === 'warning') this.warn(w, r.entry.id);
      if (this.o.format === 'json') this.reportTexts.push(r.json);
      if (this.o.format === 'jsonl') this.line(r.json);
      if (this.o.outDir) {
        const { name, renamed } = reportName(r.entry.id, this.used, this.o.outDir.extension);
        if (renamed) this.renamed.push(`${r.entry.id} → ${name}`);
        this.links.push(name);
        this.o.outDir.outputs.stage(join(this.o.outDir.path, name), r.rendered ?? r.json);
      }
    } else {
      const e: BatchError = { file: r.file, ...(r.row !== undefined ? { row: r.row } : {}), errors: [...r.errors].sort(byPosition) };
      this.errors.push(e);
      if (this.o.format === 'jsonl') this.line(jsonText(JSON.stringify({ error: e })));
    }
    this.draw();
  }

  /** After the last result: the last jsonl block written, the progress line ended; errors in file and row order. */
  finish(): void {
    this.flush();
    if (this.o.progress) process.stderr.write('\n');
    this.errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.row ?? 0) - (b.row ?? 0)));
  }

  /**
   * One line per warning code found in the reports: how many submissions have it, the first few, and one example with
   * its position. Bounded whatever the batch size (10,000 parks under 20万 tce are one line, not 10,000).
   */
  warningDigest(color: boolean): string {
    const rows = [...this.warned].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
    return warningDigestLines(
      rows.map(([code, w]) => ({ code, ...w })),
      color,
    );
  }

  private warn(w: Diagnostic, id: string): void {
    const seen = this.warned.get(w.code);
    if (!seen) this.warned.set(w.code, { n: 1, ids: [id], example: w });
    else if (seen.ids[seen.ids.length - 1] !== id) {
      seen.n++;
      if (seen.ids.length < 5) seen.ids.push(id);
    }
  }

  private line(text: string): void {
    if (!this.o.streamLines) {
      this.lines.push(text);
      return;
    }
    this.block.push(text);
    this.blockSize += text.length;
    if (this.blockSize > BLOCK_BYTES) this.flush();
  }

  private flush(): void {
    if (this.block.length) process.stdout.write(`${this.block.join('\n')}\n`);
    this.block = [];
    this.blockSize = 0;
  }

  private draw(): void {
    const p = this.o.progress;
    if (!p || !(Date.now() - this.lastDraw > 100 || this.done === p.total)) return;
    this.lastDraw = Date.now();
    const rate = this.done / Math.max(0.001, (this.lastDraw - this.started) / 1000);
    process.stderr.write(
      `\r${this.done}/${p.total} submissions · ${rate.toFixed(0)}/s · ETA ${((p.total - this.done) / Math.max(rate, 1e-9)).toFixed(0)} s   `,
    );
  }
}

/**
 * A file name from an entity id: safe characters only, never a path, never a name Windows reserves (CON, COM1 …)
 * or ends in a dot, unique within the run.
 */
export function reportName(id: string, used: Set<string>, ext: string): { name: string; renamed: boolean } {
  let base =
    id
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\.+/, '')
      .slice(0, 64)
      .replace(/\.+$/, '') || 'submission';
  const stem = base.split('.')[0]!;
  if (WINDOWS_RESERVED.test(stem)) base = `${stem}_${base.slice(stem.length)}`;
  if (base.toLowerCase() === `summary`) base = `${base}_`;
  let name = `${base}.${ext}`;
  let k = 2;
  while (used.has(name.toLowerCase())) name = `${base}-${k++}.${ext}`;
  used.add(name.toLowerCase());
  return { name, renamed: name !== `${id}.${ext}` };
}
