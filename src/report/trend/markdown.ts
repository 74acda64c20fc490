/** The trend as Markdown (a GitHub issue, a CI job summary): figures, changes, target progress, the peak, indicators by year. */
import type { Trend } from './types.js';
import { mdText } from '../escape.js';
import { indicatorValue, num, pct } from '../formats/display.js';
import { changeNotes, changeText, factorsLine, gdpText, intensityLine, PEAK_NOTE, peakLine, targetHead, type TrendFormat } from './common.js';

export const name = 'markdown';
export const extensions = ['.md', '.markdown'] as const;

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number) => row(Array.from({ length: n }, (_, i) => (i === 0 ? '---' : '---:')));

export function render(t: Trend): string {
  const xs = t.years.map((y) => String(y.year));
  const out: string[] = [];
  out.push(`## ${mdText(t.entity.name)} (${mdText(t.entity.id)}): ${xs[0]}–${xs[xs.length - 1]}`);
  out.push('');
  out.push(`${mdText(t.profile_title)} · base year **${t.base_year}** · ${mdText(factorsLine(t))}`);
  out.push('');
  out.push(`_${mdText(intensityLine(t))}_`);
  out.push('');
  out.push(row(['year', 'energy tce', 'feedstock tce', 'gross tCO2', 'energy tCO2', 'net tCO2', 'GDP 万元', 't/万元', 'tce/万元', 'verdict']));
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
        mdText(gdpText(y)),
        num(y.carbon_intensity, 4),
        num(y.energy_intensity, 4),
        y.verdict,
      ]),
    );
  out.push('');
  out.push(row(['change', ...xs]));
  out.push(rule(xs.length + 1));
  for (const k of ['gross_t', 'energy_t', 'energy_total_tce', 'carbon_intensity', 'energy_intensity'] as const) {
    out.push(row([`${mdText(k)} year-on-year`, ...t.years.map((y) => changeText(y.changes[k], 'yoy'))]));
    out.push(row([`${mdText(k)} vs ${t.base_year}`, ...t.years.map((y) => changeText(y.changes[k], 'cumulative'))]));
  }
  for (const n of changeNotes(t)) out.push(`\n- ${mdText(n)}`);
  out.push('');
  for (const g of t.targets) {
    out.push(`### ${mdText(targetHead(g))}`);
    out.push('');
    if (g.reason) out.push(`${mdText(g.reason)}\n`);
    if (g.by_year.length) {
      out.push(row(['year', 'expected cut', 'actual cut', 'gap', 'status']));
      out.push(rule(5));
      for (const b of g.by_year)
        out.push(
          row([
            String(b.year),
            pct(b.expected, 2),
            pct(b.actual, 2),
            b.gap === null ? '—' : `${b.gap > 0 ? '+' : ''}${num(b.gap * 100, 2)} pt`,
            b.status === 'behind' ? '**behind**' : b.status.replace('_', ' '),
          ]),
        );
      out.push('');
    }
  }
  out.push(`**${mdText(peakLine(t))}** (${mdText(PEAK_NOTE)})`);
  out.push('');
  out.push(row(['indicator', ...xs]));
  out.push(rule(xs.length + 1));
  for (const id of t.years[t.years.length - 1]!.indicators.map((i) => i.id)) {
    const core = t.years.some((y) => y.indicators.find((i) => i.id === id)?.core);
    out.push(
      row([
        `${core ? '★ ' : ''}${mdText(id)}`,
        ...t.years.map((y) => {
          const i = y.indicators.find((v) => v.id === id);
          return i ? `${mdText(indicatorValue(i.value, i.unit))} ${i.status}` : '—';
        }),
      ]),
    );
  }
  out.push('');
  out.push('★ core indicator. Reference values marked R in the pack are recalled, not yet checked against the text.');
  if (t.warnings.length) {
    out.push('');
    for (const w of t.warnings) out.push(`- \`${w.code}\` ${w.file ? `${mdText(w.file)}: ` : ''}${mdText(w.message)}`);
  }
  return `${out.join('\n')}\n`;
}

export const format: TrendFormat = { name, extensions, render };
