/**
 * Run counts of the property suite, one knob for all of it.
 *
 * FC_RUNS is the run count of a cheap property (a parser, the number reader, a unit conversion):
 * 100,000 by default, which is what `npm test` (CI) runs. Properties whose single run is expensive
 * (the accounting engine, a whole evaluation) declare how many runs they make at that default, and
 * scale by the same factor: `npm run test:props -- --runs 1000000` gives every cheap property 10^6
 * runs and every expensive one ten times its default. FC_SEED replays one seed (fast-check prints the
 * seed and path of a failure); without it every run of the suite draws new inputs.
 */
import fc from 'fast-check';

/** Runs of a cheap property at the default scale. */
export const DEFAULT_RUNS = 100_000;
const target = Number(process.env.FC_RUNS ?? DEFAULT_RUNS);
if (!Number.isFinite(target) || target < 1) throw new Error(`FC_RUNS must be a positive number, got ${process.env.FC_RUNS}`);
/** FC_RUNS / DEFAULT_RUNS: 1 in CI, 10 for a local 10^6 run. */
export const SCALE = target / DEFAULT_RUNS;

if (process.env.FC_SEED !== undefined) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });

/** Runs for a property that makes `atDefault` runs in CI, scaled by the knob (at least 1). */
export const runs = (atDefault: number): number => Math.max(1, Math.round(atDefault * SCALE));

/**
 * A vitest timeout for `n` runs of about `msPerRun` each: ten times the expected time, at least 30 s,
 * so a slow CI machine is not a failure and a hang still is.
 */
export const timeoutFor = (n: number, msPerRun: number): number => Math.max(30_000, Math.ceil(n * msPerRun * 10));
