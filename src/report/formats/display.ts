/** Rounding for human formats only (the engine and JSON never round). */

const fmtCache = new Map<number, Intl.NumberFormat>();

/** 1234567.891 → "1,234,567.9" with at most `digits` decimals. */
export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return '—';
  let f = fmtCache.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    fmtCache.set(digits, f);
  }
  const s = f.format(x);
  return s === '-0' ? '0' : s;
}

/** 0.8712 → "87.1 %". */
export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : `${num(x * 100, digits)} %`);

/** An indicator value in its unit's natural display. */
export function indicatorValue(value: number | boolean | null, unit: string | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (unit === 'fraction') return pct(value);
  return `${num(value, 4)}${unit ? ` ${unit}` : ''}`;
}
