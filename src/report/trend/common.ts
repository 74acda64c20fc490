/** What every trend renderer shares: the registry entry's shape and the human wording of a trend. */
import type { Trend, TrendChange, TrendYear } from './types.js';
import { num, pct } from '../formats/display.js';

export interface TrendRenderOptions {
  color: boolean;
  lang: 'en' | 'zh';
}

/** One output format of `zcpark trend`: its -f name, the -o extensions that pick it, and its renderer. */
export interface TrendFormat {
  name: string;
  extensions: readonly string[];
  render: (trend: Trend, opts: TrendRenderOptions) => string;
}

/** "the 2022 vintage for every year" or "each year's own vintage". */
export const factorsLine = (t: Trend): string =>
  t.factors_year === null ? "factors: each year's own vintage" : `factors: the ${t.factors_year} vintage for every year (--factors-year)`;

export const intensityLine = (t: Trend): string =>
  `intensities: carbon = ${t.intensity.emissions} / ${t.intensity.economy} (t/万元), energy = (${t.intensity.energy}) / ${t.intensity.economy} (tce/万元)`;

export const PEAK_NOTE = "information only: the pilot plan judges pilots on their measures, not on the peak's timing";

export const peakLine = (t: Trend): string =>
  `peak: ${t.peak.year}, ${num(t.peak.gross_t)} tCO2 gross — ${t.peak.status === 'peaked' ? 'peaked (every later year is lower)' : t.peak.status === 'not_yet' ? 'not yet (the highest year is the last, or a later year is not lower)' : 'insufficient (fewer than 3 years)'}`;

/** "GDP 3,980,000 万元 (2020 prices)". */
export const gdpText = (y: TrendYear): string =>
  y.gdp === null ? '—' : `${num(y.gdp.value_10k_cny, 0)}${y.gdp.price_year === null ? ' (no price year)' : ` (${y.gdp.price_year} prices)`}`;

/** A change as a signed percentage; "n/a" when missing for a reason, "—" where there is no base. */
export const changeText = (c: TrendChange | undefined, which: 'yoy' | 'cumulative'): string => {
  if (!c) return '—';
  const v = c[which];
  if (v === null) return c.missing?.[which] ? 'missing' : '—';
  return `${v > 0 ? '+' : ''}${pct(v, 2)}`;
};

/** Every reason a change is missing, once per (figure, reason). */
export function changeNotes(t: Trend): string[] {
  const out = new Set<string>();
  for (const y of t.years) {
    for (const [k, c] of Object.entries(y.changes)) {
      for (const w of ['yoy', 'cumulative'] as const)
        if (c.missing?.[w]) out.add(`${y.year} ${k} ${w === 'yoy' ? 'year-on-year' : 'cumulative'}: ${c.missing[w]}`);
    }
  }
  return [...out];
}

export const targetHead = (g: Trend['targets'][number]): string =>
  `${g.id}: ${pct(g.value, 2)} by ${g.year} from the base year (even yearly rate), measured on ${g.figure}; target read from ${g.file}`;

export const intensity = (x: number | null, digits = 4): string => num(x, digits);
