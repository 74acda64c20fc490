/** Exit codes (the README's exit-code table): the only place they are named. */
export const EXIT = {
  ok: 0,
  data: 1,
  usage: 2,
  internal: 70,
  /** stdout or stderr was closed by its reader before the run finished (128 + SIGPIPE, as a shell reports it). */
  pipeClosed: 141,
} as const;
