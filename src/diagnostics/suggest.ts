/** "Did you mean": the closest known word by edit distance, when it is close enough. */

const distance = (a: string, b: string): number => {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
};

/** The candidate nearest to `word` (case-insensitive), or undefined when none is within a third of its length. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.ceil(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // the distance is at least the difference in length: a candidate that cannot be near enough, or nearer than the
    // best so far, is not measured (same answer; a document with 150,000 unknown keys checks each against the pack)
    const lc = c.toLowerCase();
    const gap = Math.abs(w.length - lc.length);
    if (gap > limit || gap >= bestDistance) continue;
    const d = distance(w, lc);
    if (d < bestDistance) {
      // on a tie the earlier candidate wins: callers list canonical words first
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** Formats a suggestion as the ` (did you mean "x"?)` hint used in messages. */
export const didYouMean = (s: string | undefined): string => (s ? ` (did you mean "${s}"?)` : '');
