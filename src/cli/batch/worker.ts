/** Worker thread of `zcpark batch`: loads the data once, then evaluates the task chunks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { data, factorsOption, profileOption, type RunOverrides } from '../context.js';
import { allowOutside, takeReads } from '../io.js';
import { runTask, type Task, type TaskOptions, type TaskResult } from './tasks.js';

const opts = workerData as TaskOptions;
allowOutside(opts.allowOutside ?? []);
// load the data now, while the main thread is still walking the input folders
data();
const overrides: RunOverrides = {
  ...(opts.profile ? { profile: profileOption(opts.profile) } : {}),
  ...(opts.defaultProfile ? { defaultProfile: profileOption(opts.defaultProfile, opts.defaultFrom) } : {}),
  ...(opts.factors ? { factors: factorsOption(opts.factors) } : {}),
};

parentPort!.on('message', (chunk: Task[] | null) => {
  if (chunk === null) {
    parentPort!.close();
    return;
  }
  const results = chunk.map((t): TaskResult => {
    // a bug in one submission's evaluation does not take the run down: runTask makes it that submission's error
    const r = runTask(t, overrides, opts);
    // the main thread writes the outputs: it must know every file read here
    const reads = takeReads();
    return reads.paths.length || reads.reals.length || reads.ids.length ? { ...r, reads } : r;
  });
  parentPort!.postMessage(results);
});
