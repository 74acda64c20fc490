/** Text of a user's value for a message: never throws (a mapping with its own `toString` key breaks String()). */
export function textOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    const json = JSON.stringify(v);
    if (json !== undefined) return json.length > 200 ? `${json.slice(0, 200)}…` : json;
  } catch {
    /* cyclic or hostile: fall through */
  }
  return Array.isArray(v) ? '(a list)' : '(a mapping)';
}
