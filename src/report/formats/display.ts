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

/** A yes/no value in words: yes/no, 是/否 (every human format writes booleans so, values and thresholds alike). */
export const yesNo = (b: boolean, lang: 'en' | 'zh' = 'en'): string => (lang === 'zh' ? (b ? '是' : '否') : b ? 'yes' : 'no');

/** An indicator value (or threshold) in its unit's natural display. */
export function indicatorValue(value: number | boolean | null, unit: string | null, lang: 'en' | 'zh' = 'en'): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return yesNo(value, lang);
  if (unit === 'fraction') return pct(value);
  return `${num(value, 4)}${unit ? ` ${unit}` : ''}`;
}

const ENTITY_TYPES_ZH: Record<string, string> = { park: '园区', city: '城市', county: '县', district: '区' };
/** An entity type in `lang` (park → 园区). */
/** The pack's title in `lang`: its Chinese title under zh where the pack has one. */
export const packTitle = (s: { profile_title: string; profile_title_zh?: string }, lang: 'en' | 'zh' = 'en'): string =>
  lang === 'zh' && s.profile_title_zh ? s.profile_title_zh : s.profile_title;

export const entityType = (type: string, lang: 'en' | 'zh' = 'en'): string => (lang === 'zh' ? (ENTITY_TYPES_ZH[type] ?? type) : type);
