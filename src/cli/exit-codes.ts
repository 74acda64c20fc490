/** Exit codes (the README's exit-code table): the only place they are named. */
export const EXIT = {
  ok: 0,
  data: 1,
  usage: 2,
  internal: 70,
  /** stdout or stderr was closed by its reader before the run finished (128 + SIGPIPE, as a shell reports it). */
  pipeClosed: 141,
} as const;

/** What a run found, counted for the exit-code policy. */
export interface RunOutcome {
  /** submissions or files with errors (invalid input) */
  invalid: number;
  /** evaluated submissions whose verdict is fail / incomplete */
  failed?: number;
  incomplete?: number;
  /** warnings left after the config's severities and ignores (validate) */
  warnings?: number;
}

/**
 * The exit-code policy of evaluate, batch and validate in one place: `--fail-on` (invalid, the default; failed;
 * incomplete; never) and `--max-warnings` (more warnings than this fail the run).
 */
export function exitFor(outcome: RunOutcome, policy: { failOn?: string; maxWarnings?: number }): number {
  const failOn = policy.failOn ?? 'invalid';
  if (failOn === 'never') return EXIT.ok;
  if (outcome.invalid > 0) return EXIT.data;
  if (failOn === 'failed' && (outcome.failed ?? 0) > 0) return EXIT.data;
  if (failOn === 'incomplete' && (outcome.failed ?? 0) + (outcome.incomplete ?? 0) > 0) return EXIT.data;
  if (policy.maxWarnings !== undefined && (outcome.warnings ?? 0) > policy.maxWarnings) return EXIT.data;
  return EXIT.ok;
}
