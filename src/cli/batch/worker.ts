/** Worker thread of `zcpark batch`: loads the data once, then evaluates the task chunks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { data, factorsOption, profileOption, type RunOverrides } from '../context.js';
import { runTask, type Task, type TaskOptions } from './tasks.js';
import { diag } from '../../diagnostics/codes.js';

const opts = workerData as TaskOptions;
// load the data now, while the main thread is still walking the input folders
data();
const overrides: RunOverrides = {
  ...(opts.profile ? { profile: profileOption(opts.profile) } : {}),
  ...(opts.factors ? { factors: factorsOption(opts.factors) } : {}),
};

parentPort!.on('message', (chunk: Task[] | null) => {
  if (chunk === null) {
    parentPort!.close();
    return;
  }
  const results = chunk.map((t) => {
    try {
      return runTask(t, overrides, opts);
    } catch (e) {
      // a bug in one submission's evaluation must not take the run down: it is that submission's error
      return { index: t.index, ok: false as const, file: t.kind === 'file' ? t.path : t.roster.file, errors: [diag('ZC-E-INTERNAL', { reason: (e as Error).message })] };
    }
  });
  parentPort!.postMessage(results);
});
