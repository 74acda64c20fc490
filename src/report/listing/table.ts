/** The terminal table of a listing (`profiles`, `factors`), shared by both. */
import { DEFAULT_WIDTH, fitTable } from '../formats/fit.js';

/** Below this, a column's long words (a web address, a formula name) are broken rather than the table overflowing. */
const BREAK_AT = 24;

/**
 * A listing's table fitted to `width` (the terminal's; DEFAULT_WIDTH when absent): the `flex` column (the source) gives
 * way first, and a word longer than its column is broken across lines, never cut with "…" (a source must stay whole).
 */
export function listingTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  opts: { flex: number; colAligns: ('left' | 'right')[]; color: boolean; width: number | undefined },
): string {
  return fitTable(head, rows, {
    total: opts.width ?? DEFAULT_WIDTH,
    flex: opts.flex,
    colAligns: opts.colAligns,
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true },
    breakAt: BREAK_AT,
  });
}
