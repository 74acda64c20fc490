/** What every trend renderer shares: the registry entry's shape and the human wording of a trend, in English or Chinese (labels in ../i18n.ts). */
import type { Trend, TrendChange, TrendTarget, TrendYear } from './types.js';
import type { Lang } from '../../diagnostics/codes.js';
import { num, pct } from '../formats/display.js';
import { figureName, label, trendWhy, type LabelKey } from '../i18n.js';

export interface TrendRenderOptions {
  color: boolean;
  lang: Lang;
  /** The terminal's width, for the table (DEFAULT_WIDTH of ../formats/fit.ts when absent, as for evaluate). */
  width?: number;
}

/** One output format of `zcpark trend`: its -f name, the -o extensions that pick it, and its renderer. */
export interface TrendFormat {
  name: string;
  extensions: readonly string[];
  render: (trend: Trend, opts: TrendRenderOptions) => string;
}

/** The figures whose changes the human formats show, in this order. */
export const SHOWN_CHANGES = ['gross_t', 'energy_t', 'energy_total_tce', 'carbon_intensity', 'energy_intensity'] as const;

/** The pack's title in `lang` (the English one where the pack gives no Chinese). */
export const profileTitle = (t: Trend, lang: Lang): string => (lang === 'zh' && t.profile_title_zh ? t.profile_title_zh : t.profile_title);

/** The economy field the intensities divide by, named in `lang` (economy.gdp → 地区生产总值). */
const ECONOMY_ZH: Record<string, string> = { 'economy.gdp': '地区生产总值', 'economy.industrial_added_value': '工业增加值' };
export const economyName = (t: Trend, lang: Lang): string => (lang === 'zh' ? (ECONOMY_ZH[t.intensity.economy] ?? '经济总量') : 'GDP');

/** The figures table's header. */
export const figureHead = (t: Trend, lang: Lang): string[] =>
  (
    [
      'trend_year',
      'trend_energy_tce',
      'trend_feedstock_tce',
      'trend_gross_tco2',
      'trend_energy_tco2',
      'trend_net_tco2',
      'trend_gdp',
      'trend_carbon_unit',
      'trend_energy_unit',
      'trend_verdict',
    ] as const
  ).map((k) => label(lang, k, { economy: economyName(t, lang) }));

/** "the 2022 vintage for every year" or "each year's own vintage". */
export const factorsLine = (t: Trend, lang: Lang): string =>
  t.factors_year === null ? label(lang, 'trend_factors_own') : label(lang, 'trend_factors_year', { year: t.factors_year });

export const intensityLine = (t: Trend, lang: Lang): string => label(lang, 'trend_intensities', t.intensity);

export const peakNote = (lang: Lang): string => label(lang, 'trend_peak_note');

export const peakLine = (t: Trend, lang: Lang): string =>
  label(lang, 'trend_peak', { year: t.peak.year, gross: num(t.peak.gross_t), status: label(lang, `trend_${t.peak.status}`) });

/** "3,980,000 (2020 prices)". */
export const gdpText = (y: TrendYear, lang: Lang): string =>
  y.gdp === null
    ? '—'
    : y.gdp.price_year === null
      ? label(lang, 'trend_no_price_year', { value: num(y.gdp.value_10k_cny, 0) })
      : label(lang, 'trend_prices', { value: num(y.gdp.value_10k_cny, 0), year: y.gdp.price_year });

/** A change as a signed percentage; "missing" when missing for a reason, "—" where there is no base. */
export const changeText = (c: TrendChange | undefined, which: 'yoy' | 'cumulative', lang: Lang): string => {
  if (!c) return '—';
  const v = c[which];
  if (v === null) return c.missing?.[which] ? label(lang, 'trend_missing') : '—';
  return `${v > 0 ? '+' : ''}${pct(v, 2)}`;
};

/** A change row's label: "gross_t year-on-year", "碳排放强度较 2020 年累计". */
export const changeLabel = (t: Trend, k: string, which: 'yoy' | 'cumulative', lang: Lang): string =>
  which === 'yoy'
    ? label(lang, 'trend_yoy', { figure: figureName(lang, k) })
    : label(lang, 'trend_vs_base', { figure: figureName(lang, k), year: t.base_year });

/** Every reason a change is missing, once per (figure, reason). */
export function changeNotes(t: Trend, lang: Lang): string[] {
  const out = new Set<string>();
  for (const y of t.years) {
    for (const [k, c] of Object.entries(y.changes)) {
      for (const w of ['yoy', 'cumulative'] as const) {
        const why = c.missing_why?.[w];
        const reason = why ? trendWhy(lang, why) : c.missing?.[w];
        if (reason) out.add(label(lang, w === 'yoy' ? 'trend_note_yoy' : 'trend_note_cumulative', { year: y.year, figure: figureName(lang, k), reason }));
      }
    }
  }
  return [...out];
}

/** Why a target (or one year of it) has no progress, in `lang`. */
export const reasonText = (g: { reason?: string; why?: TrendTarget['why'] }, lang: Lang): string | undefined => (g.why ? trendWhy(lang, g.why) : g.reason);

export const targetHead = (g: TrendTarget, lang: Lang): string =>
  label(lang, 'trend_target_head', { id: g.id, value: pct(g.value, 2), year: g.year, figure: figureName(lang, g.figure), file: g.file });

/** A target year's status in words. */
export const targetStatus = (s: TrendTarget['by_year'][number]['status'], lang: Lang): string => label(lang, `trend_${s}` as LabelKey);

/** A gap in percentage points: "+1.06 pt", "+1.06 个百分点". */
export const gapText = (gap: number | null, lang: Lang): string =>
  gap === null ? '—' : label(lang, 'trend_points', { value: `${gap > 0 ? '+' : ''}${num(gap * 100, 2)}` });

export const intensity = (x: number | null, digits = 4): string => num(x, digits);
