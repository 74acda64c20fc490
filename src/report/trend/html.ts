/** The trend as one self-contained HTML page (no scripts, no network): line charts of emissions, intensity against the expected path, the energy mix. */
import type { Trend } from './types.js';
import { entityType, indicatorValue, num, pct } from '../formats/display.js';
import { htmlDocument } from '../formats/html.js';
import { xmlEscape as x } from '../formats/svg.js';
import { figureName, indicatorName, label, type LabelKey } from '../i18n.js';
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
import { lineChart, type Series } from './svg-line.js';

export const name = 'html';
export const extensions = ['.html', '.htm'] as const;

const COLORS = ['#c62828', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f'];

export function render(t: Trend, opts: TrendRenderOptions): string {
  const lang = opts.lang;
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(lang, k, a);
  const F = (k: string) => figureName(lang, k);
  const xs = t.years.map((y) => y.year);
  const charts: string[] = [];
  charts.push(
    lineChart(
      L('trend_chart_emissions'),
      xs,
      [
        { label: F('gross_t'), values: t.years.map((y) => y.gross_t), color: COLORS[0]! },
        { label: F('energy_t'), values: t.years.map((y) => y.energy_t), color: COLORS[1]! },
        { label: F('net_t'), values: t.years.map((y) => y.net_t), color: COLORS[2]!, dashed: true },
      ],
      (v) => num(v, 0),
    ),
  );
  for (const g of t.targets) {
    // the expected intensity: the base year's times (1 − expected cut), on the years given and up to the target year
    const base = t.years.find((y) => y.year === t.base_year)?.[g.figure] ?? null;
    const last = Math.max(xs[xs.length - 1]!, g.year);
    const years = [...new Set([...xs, ...Array.from({ length: last - t.base_year + 1 }, (_, i) => t.base_year + i)])]
      .filter((y) => y >= t.base_year)
      .sort((a, b) => a - b);
    const keep = 1 - g.value;
    const expected = years.map((y) =>
      base === null || keep < 0 || g.year <= t.base_year ? null : base * keep ** ((y - t.base_year) / (g.year - t.base_year)),
    );
    const actual = years.map((y) => t.years.find((v) => v.year === y)?.[g.figure] ?? null);
    const unit = g.figure === 'carbon_intensity' ? 't/万元' : 'tce/万元';
    charts.push(
      lineChart(
        L('trend_chart_path', { figure: F(g.figure), unit, value: pct(g.value, 1), year: g.year }),
        years,
        [
          { label: L('trend_actual', { figure: F(g.figure) }), values: actual, color: COLORS[1]! },
          { label: L('trend_expected_path'), values: expected, color: COLORS[3]!, dashed: true },
        ],
        (v) => num(v, 4),
      ),
    );
  }
  if (t.targets.length === 0 && t.years.some((y) => y.carbon_intensity !== null)) {
    charts.push(
      lineChart(
        `${F('carbon_intensity')} (t/万元)`,
        xs,
        [{ label: F('carbon_intensity'), values: t.years.map((y) => y.carbon_intensity), color: COLORS[1]! }],
        (v) => num(v, 4),
      ),
    );
  }
  const cats = [...new Set(t.years.flatMap((y) => Object.keys(y.energy_by_category)))].sort();
  const catName = (c: string) => (lang === 'zh' && ['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'].includes(c) ? L(c as LabelKey) : c);
  const mix: Series[] = cats.map((c, i) => ({
    label: catName(c),
    values: t.years.map((y) => y.energy_by_category[c] ?? 0),
    color: COLORS[i % COLORS.length]!,
  }));
  mix.push({ label: L('trend_feedstock'), values: t.years.map((y) => y.feedstock_tce), color: '#90a4ae', dashed: true });
  charts.push(lineChart(L('trend_chart_mix'), xs, mix, (v) => num(v, 0)));

  const head = (cells: string[]) => `<tr>${cells.map((c, i) => `<th${i ? ' class="num"' : ''}>${c}</th>`).join('')}</tr>`;
  const figRows = t.years.map(
    (y) =>
      `<tr><td>${y.year}</td><td class="num">${num(y.energy_total_tce)}</td><td class="num">${num(y.feedstock_tce)}</td><td class="num">${num(y.gross_t)}</td><td class="num">${num(y.energy_t)}</td><td class="num">${num(y.net_t)}</td><td class="num">${x(gdpText(y, lang))}</td><td class="num">${num(y.carbon_intensity, 4)}</td><td class="num">${num(y.energy_intensity, 4)}</td><td><span class="verdict ${y.verdict}">${lang === 'zh' ? L(y.verdict) : y.verdict}</span></td></tr>`,
  );
  const changeRows = SHOWN_CHANGES.flatMap((k) => [
    `<tr><td>${x(changeLabel(t, k, 'yoy', lang))}</td>${t.years.map((y) => `<td class="num">${changeText(y.changes[k], 'yoy', lang)}</td>`).join('')}</tr>`,
    `<tr><td>${x(changeLabel(t, k, 'cumulative', lang))}</td>${t.years.map((y) => `<td class="num">${changeText(y.changes[k], 'cumulative', lang)}</td>`).join('')}</tr>`,
  ]);
  const targets = t.targets.map(
    (g) =>
      `<h3>${x(targetHead(g, lang))}</h3>${reasonText(g, lang) ? `<p>${x(reasonText(g, lang)!)}</p>` : ''}<table><thead>${head([L('trend_year'), L('trend_expected_cut'), L('trend_actual_cut'), L('trend_gap'), L('trend_status')])}</thead><tbody>${g.by_year.map((b) => `<tr><td>${b.year}</td><td class="num">${pct(b.expected, 2)}</td><td class="num">${pct(b.actual, 2)}</td><td class="num">${x(gapText(b.gap, lang))}</td><td class="st-${b.status === 'on_track' ? 'pass' : b.status === 'behind' ? 'fail' : 'missing'}">${x(targetStatus(b.status, lang))}${reasonText(b, lang) ? ` <small>${x(reasonText(b, lang)!)}</small>` : ''}</td></tr>`).join('')}</tbody></table>`,
  );
  const ids = t.years[t.years.length - 1]!.indicators.map((i) => i.id);
  const indRows = ids.map(
    (id) =>
      `<tr><td>${t.years.some((y) => y.indicators.find((i) => i.id === id)?.core) ? '★ ' : ''}${x(
        indicatorName(
          t.years[t.years.length - 1]!.indicators.find((i) => i.id === id)!,
          lang,
        ),
      )}</td>${t.years
        .map((y) => {
          const i = y.indicators.find((v) => v.id === id);
          return i
            ? `<td class="num st-${i.status}">${x(indicatorValue(i.value, i.unit, lang))} <small>${lang === 'zh' ? L(i.status) : i.status}</small></td>`
            : '<td class="num">—</td>';
        })
        .join('')}</tr>`,
  );
  // the JSON's method is English: under zh its formula and its number of decimal places are kept, the words around them
  // said in Chinese (the report layer does not import the core, so the places are read from the text)
  const [formula] = t.method.expected_path.split(': ');
  const digits = /to (\d+) decimal places/.exec(t.method.expected_path)?.[1];
  const method = lang === 'zh' && digits ? `${L('trend_method_zh', { formula: formula!, digits })}。` : `${t.method.expected_path}.`;
  const body = `<header>
<h1>${x(t.entity.name)}</h1>
<div class="meta">${x(t.entity.id)} · ${x(entityType(t.entity.type, lang))}${t.entity.region ? ` · ${x(t.entity.region)}` : ''} · ${xs[0]}–${xs[xs.length - 1]} · ${x(profileTitle(t, lang))}</div>
<p>${L('trend_base_year')} <b>${t.base_year}</b> · ${x(factorsLine(t, lang))}<br><small>${x(intensityLine(t, lang))}</small></p>
</header>
<h2>${L('charts')}</h2>
<div class="charts">
${charts.join('\n')}
</div>
<h2>${L('trend_figures_by_year')}</h2>
<table><thead>${head(figureHead(t, lang))}</thead><tbody>
${figRows.join('\n')}
</tbody></table>
<h2>${L('trend_changes')}</h2>
<table><thead>${head([L('trend_change'), ...xs.map(String)])}</thead><tbody>
${changeRows.join('\n')}
</tbody></table>
${changeNotes(t, lang)
  .map((n) => `<p><small>${x(n)}</small></p>`)
  .join('\n')}
<h2>${L('trend_targets')}</h2>
${targets.join('\n') || `<p>${L('trend_no_target_html')}</p>`}
<h2>${L('trend_peak_head')}</h2>
<p>${x(peakLine(t, lang))}<br><small>${x(peakNote(lang))}</small></p>
<h2>${L('trend_indicators_by_year')}</h2>
<table><thead>${head([L('trend_indicator'), ...xs.map(String)])}</thead><tbody>
${indRows.join('\n')}
</tbody></table>
<p><small>${L('trend_core_note')}</small></p>
${t.warnings.length ? `<h2>${L('warnings')}</h2><ul>${t.warnings.map((w) => `<li><code>${x(w.code)}</code> ${x(w.message)}${w.file ? ` <small>(${x(w.file)}${w.line ? `:${w.line}` : ''})</small>` : ''}</li>`).join('')}</ul>` : ''}
<div class="foot">zcpark ${x(t.tool.version)} · ${x(t.profile)} · ${x(method)}</div>`;
  return htmlDocument(`${t.entity.name} — ${L('trend_title', { from: xs[0]!, to: xs[xs.length - 1]! })}`, opts, body);
}

export const format: TrendFormat = { name, extensions, render };
