/** The only two exceptions zcpark throws: a usage mistake (exit 2) and a bug (exit 70). */

/** The user asked for something impossible: unknown option, missing file, unknown profile. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly code = 'ZC-E-USAGE',
  ) {
    super(message);
  }
}

/** Something zcpark did not expect: a bug, reported with one line and exit 70. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
