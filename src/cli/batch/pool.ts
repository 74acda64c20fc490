/** The worker pool that `batch` and `validate` share: tasks (tasks.ts) are sent in chunks, results come back in order. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../../data/load.js';
import type { Task, TaskOptions, TaskResult } from './tasks.js';

const CHUNK = 16;

/**
 * Worker threads for `batch` and `validate`, started before the inputs are planned so that their start-up (loading the
 * data) overlaps the folder walk; `run` hands results over in task order whatever the scheduling.
 */
export class Pool {
  private readonly workers: Worker[];
  constructor(jobs: number, opts: TaskOptions) {
    // a 32 MB young generation: evaluation allocates many short-lived objects (10,000 submissions on 2 workers:
    // 7.6–7.9 s against 7.9–8.4 s with the default; 64 MB gave nothing more and 60 MB more RSS)
    this.workers = Array.from(
      { length: jobs },
      () => new Worker(join(PACKAGE_ROOT, 'dist', 'cli', 'batch', 'worker.js'), { workerData: opts, resourceLimits: { maxYoungGenerationSizeMb: 32 } }),
    );
  }

  async run(tasks: Task[], onResult: (r: TaskResult) => void): Promise<void> {
    const pending = new Map<number, TaskResult>();
    let next = 0;
    let failure: { error: unknown } | undefined;
    // a result that cannot be handled (a report that cannot be written) or a worker that dies stops the run: the
    // workers are ended and the error is the run's, never an uncaught exception in an event handler
    const fail = (error: unknown) => {
      if (failure) return;
      failure = { error };
      for (const w of this.workers) void w.terminate();
    };
    const deliver = (results: TaskResult[]) => {
      for (const r of results) pending.set(r.index, r);
      while (pending.has(next)) {
        onResult(pending.get(next)!);
        pending.delete(next++);
      }
    };
    // chunks small enough to keep every worker busy, large enough to keep messages few
    const size = Math.max(1, Math.min(CHUNK, Math.ceil(tasks.length / (this.workers.length * 4))));
    const chunks: Task[][] = [];
    for (let i = 0; i < tasks.length; i += size) chunks.push(tasks.slice(i, i + size));
    let dispatched = 0;
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const feed = () => worker.postMessage(dispatched < chunks.length ? chunks[dispatched++] : null);
            worker.on('message', (results: TaskResult[]) => {
              if (failure) return;
              try {
                deliver(results);
              } catch (e) {
                fail(e);
                return;
              }
              feed();
            });
            worker.on('error', fail);
            worker.on('exit', () => resolve());
            feed();
          }),
      ),
    );
    if (failure) throw failure.error;
    // a worker that ended without an error event (killed by the system, out of memory) must not cut the run short unseen
    if (next < tasks.length) throw new Error(`a worker thread stopped before its work was done: ${next} of ${tasks.length} results came back`);
  }

  /** Stops the workers without running anything (planning failed, or there is nothing to share out). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
