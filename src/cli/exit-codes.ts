/** Exit codes (cli.md): the only place they are named. */
export const EXIT = {
  ok: 0,
  data: 1,
  usage: 2,
  internal: 70,
} as const;
