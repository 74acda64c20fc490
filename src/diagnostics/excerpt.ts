/**
 * The one place where text taken from an input file is shortened for a message: a diagnostic quotes at most a short
 * excerpt of what it found, never a whole line of a file it could not read as zcpark data (a key, a .env line).
 */

/** Longest excerpt a message quotes, in characters (code points), "…" included. */
export const EXCERPT_CHARS = 40;

/**
 * `text` on one line and at most `max` characters: line breaks, tabs and other control characters are written as
 * escapes (\n, \t, \u001b), and a longer text is cut with "…". Pure and total: any string in, a short one out.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const pieces: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    pieces.push(
      ch === '\n'
        ? '\\n'
        : ch === '\r'
          ? '\\r'
          : ch === '\t'
            ? '\\t'
            : cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
              ? `\\u${cp.toString(16).padStart(4, '0')}`
              : ch,
    );
    // a long text is not escaped to its end: one piece past the limit says it must be cut
    if (pieces.length > max) break;
  }
  const width = (s: string) => [...s].length;
  let total = 0;
  for (const p of pieces) total += width(p);
  if (total <= max) return pieces.join('');
  let out = '';
  let used = 0;
  for (const p of pieces) {
    if (used + width(p) > max - 1) break;
    out += p;
    used += width(p);
  }
  return `${out}…`;
}
