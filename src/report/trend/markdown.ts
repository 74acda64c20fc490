/** The trend as Markdown (a GitHub issue, a CI job summary): figures, changes, target progress, the peak, indicators by year. */
import type { Trend } from './types.js';
import { mdText } from '../escape.js';
import { indicatorValue, num, pct } from '../formats/display.js';
import { indicatorName, label, type LabelKey } from '../i18n.js';
import {
  changeLabel,
  changeNotes,
  changeText,
  factorsLine,
  figureHead,
  gapText,
  gdpText,
  intensityLine,
  peakLine,
  peakNote,
  profileTitle,
  reasonText,
  SHOWN_CHANGES,
  targetHead,
  targetStatus,
  type TrendFormat,
  type TrendRenderOptions,
} from './common.js';

export const name = 'markdown';
export const extensions = ['.md', '.markdown'] as const;

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number) => row(Array.from({ length: n }, (_, i) => (i === 0 ? '---' : '---:')));

export function render(t: Trend, opts: TrendRenderOptions = { color: false, lang: 'en' }): string {
  const lang = opts.lang;
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(lang, k, a);
  const xs = t.years.map((y) => String(y.year));
  const out: string[] = [];
  out.push(`## ${mdText(t.entity.name)} (${mdText(t.entity.id)}): ${xs[0]}–${xs[xs.length - 1]}`);
  out.push('');
  out.push(`${mdText(profileTitle(t, lang))} · ${L('trend_base_year')} **${t.base_year}** · ${mdText(factorsLine(t, lang))}`);
  out.push('');
  out.push(`_${mdText(intensityLine(t, lang))}_`);
  out.push('');
  out.push(row(figureHead(t, lang)));
  out.push(rule(10));
  for (const y of t.years)
    out.push(
      row([
        String(y.year),
        num(y.energy_total_tce),
        num(y.feedstock_tce),
        num(y.gross_t),
        num(y.energy_t),
        num(y.net_t),
        mdText(gdpText(y, lang)),
        num(y.carbon_intensity, 4),
        num(y.energy_intensity, 4),
        lang === 'zh' ? L(y.verdict) : y.verdict,
      ]),
    );
  out.push('');
  out.push(row([L('trend_change'), ...xs]));
  out.push(rule(xs.length + 1));
  for (const k of SHOWN_CHANGES) {
    out.push(row([mdText(changeLabel(t, k, 'yoy', lang)), ...t.years.map((y) => changeText(y.changes[k], 'yoy', lang))]));
    out.push(row([mdText(changeLabel(t, k, 'cumulative', lang)), ...t.years.map((y) => changeText(y.changes[k], 'cumulative', lang))]));
  }
  for (const n of changeNotes(t, lang)) out.push(`\n- ${mdText(n)}`);
  out.push('');
  for (const g of t.targets) {
    out.push(`### ${mdText(targetHead(g, lang))}`);
    out.push('');
    const why = reasonText(g, lang);
    if (why) out.push(`${mdText(why)}\n`);
    if (g.by_year.length) {
      out.push(row([L('trend_year'), L('trend_expected_cut'), L('trend_actual_cut'), L('trend_gap'), L('trend_status')]));
      out.push(rule(5));
      for (const b of g.by_year) {
        const r = reasonText(b, lang);
        const s = targetStatus(b.status, lang);
        out.push(
          row([
            String(b.year),
            pct(b.expected, 2),
            pct(b.actual, 2),
            gapText(b.gap, lang),
            `${b.status === 'behind' ? `**${s}**` : s}${r ? (lang === 'zh' ? `（${mdText(r)}）` : ` (${mdText(r)})`) : ''}`,
          ]),
        );
      }
      out.push('');
    }
  }
  out.push(`**${mdText(peakLine(t, lang))}**${lang === 'zh' ? `（${mdText(peakNote(lang))}）` : ` (${mdText(peakNote(lang))})`}`);
  out.push('');
  out.push(row([L('trend_indicator'), ...xs]));
  out.push(rule(xs.length + 1));
  for (const li of t.years[t.years.length - 1]!.indicators) {
    const id = li.id;
    const core = t.years.some((y) => y.indicators.find((i) => i.id === id)?.core);
    out.push(
      row([
        `${core ? '★ ' : ''}${mdText(lang === 'zh' ? indicatorName(li, lang) : id)}`,
        ...t.years.map((y) => {
          const i = y.indicators.find((v) => v.id === id);
          return i ? `${mdText(indicatorValue(i.value, i.unit, lang))} ${lang === 'zh' ? L(i.status) : i.status}` : '—';
        }),
      ]),
    );
  }
  out.push('');
  out.push(L('trend_core_note'));
  if (t.warnings.length) {
    out.push('');
    for (const w of t.warnings) out.push(`- \`${w.code}\` ${w.file ? `${mdText(w.file)}: ` : ''}${mdText(w.message)}`);
  }
  return `${out.join('\n')}\n`;
}

export const format: TrendFormat = { name, extensions, render };
