/** The trend as one self-contained HTML page (no scripts, no network): line charts of emissions, intensity against the expected path, the energy mix. */
import type { Trend } from './types.js';
import { indicatorValue, num, pct } from '../formats/display.js';
import { htmlDocument } from '../formats/html.js';
import { xmlEscape as x } from '../formats/svg.js';
import {
  changeNotes,
  changeText,
  factorsLine,
  gdpText,
  intensityLine,
  PEAK_NOTE,
  peakLine,
  targetHead,
  type TrendFormat,
  type TrendRenderOptions,
} from './common.js';
import { lineChart, type Series } from './svg-line.js';

export const name = 'html';
export const extensions = ['.html', '.htm'] as const;

const COLORS = ['#c62828', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f'];

export function render(t: Trend, opts: TrendRenderOptions): string {
  const xs = t.years.map((y) => y.year);
  const charts: string[] = [];
  charts.push(
    lineChart(
      'Emissions by year (tCO2)',
      xs,
      [
        { label: 'gross_t', values: t.years.map((y) => y.gross_t), color: COLORS[0]! },
        { label: 'energy_t', values: t.years.map((y) => y.energy_t), color: COLORS[1]! },
        { label: 'net_t', values: t.years.map((y) => y.net_t), color: COLORS[2]!, dashed: true },
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
        `${g.figure} (${unit}) against the path to ${pct(g.value, 1)} by ${g.year}`,
        years,
        [
          { label: `${g.figure} (actual)`, values: actual, color: COLORS[1]! },
          { label: 'expected path', values: expected, color: COLORS[3]!, dashed: true },
        ],
        (v) => num(v, 4),
      ),
    );
  }
  if (t.targets.length === 0 && t.years.some((y) => y.carbon_intensity !== null)) {
    charts.push(
      lineChart('carbon_intensity (t/万元)', xs, [{ label: 'carbon_intensity', values: t.years.map((y) => y.carbon_intensity), color: COLORS[1]! }], (v) =>
        num(v, 4),
      ),
    );
  }
  const cats = [...new Set(t.years.flatMap((y) => Object.keys(y.energy_by_category)))].sort();
  const mix: Series[] = cats.map((c, i) => ({ label: c, values: t.years.map((y) => y.energy_by_category[c] ?? 0), color: COLORS[i % COLORS.length]! }));
  mix.push({ label: 'feedstock', values: t.years.map((y) => y.feedstock_tce), color: '#90a4ae', dashed: true });
  charts.push(lineChart('Energy mix by year (tce)', xs, mix, (v) => num(v, 0)));

  const head = (cells: string[]) => `<tr>${cells.map((c, i) => `<th${i ? ' class="num"' : ''}>${c}</th>`).join('')}</tr>`;
  const figRows = t.years.map(
    (y) =>
      `<tr><td>${y.year}</td><td class="num">${num(y.energy_total_tce)}</td><td class="num">${num(y.feedstock_tce)}</td><td class="num">${num(y.gross_t)}</td><td class="num">${num(y.energy_t)}</td><td class="num">${num(y.net_t)}</td><td class="num">${x(gdpText(y))}</td><td class="num">${num(y.carbon_intensity, 4)}</td><td class="num">${num(y.energy_intensity, 4)}</td><td><span class="verdict ${y.verdict}">${y.verdict}</span></td></tr>`,
  );
  const changeRows = (['gross_t', 'energy_t', 'energy_total_tce', 'carbon_intensity', 'energy_intensity'] as const).flatMap((k) => [
    `<tr><td>${k} year-on-year</td>${t.years.map((y) => `<td class="num">${changeText(y.changes[k], 'yoy')}</td>`).join('')}</tr>`,
    `<tr><td>${k} vs ${t.base_year}</td>${t.years.map((y) => `<td class="num">${changeText(y.changes[k], 'cumulative')}</td>`).join('')}</tr>`,
  ]);
  const targets = t.targets.map(
    (g) =>
      `<h3>${x(targetHead(g))}</h3>${g.reason ? `<p>${x(g.reason)}</p>` : ''}<table><thead>${head(['year', 'expected cut', 'actual cut', 'gap', 'status'])}</thead><tbody>${g.by_year.map((b) => `<tr><td>${b.year}</td><td class="num">${pct(b.expected, 2)}</td><td class="num">${pct(b.actual, 2)}</td><td class="num">${b.gap === null ? '—' : `${b.gap > 0 ? '+' : ''}${num(b.gap * 100, 2)} pt`}</td><td class="st-${b.status === 'on_track' ? 'pass' : b.status === 'behind' ? 'fail' : 'missing'}">${b.status.replace('_', ' ')}${b.reason ? ` <small>${x(b.reason)}</small>` : ''}</td></tr>`).join('')}</tbody></table>`,
  );
  const ids = t.years[t.years.length - 1]!.indicators.map((i) => i.id);
  const indRows = ids.map(
    (id) =>
      `<tr><td>${t.years.some((y) => y.indicators.find((i) => i.id === id)?.core) ? '★ ' : ''}${x(t.years[t.years.length - 1]!.indicators.find((i) => i.id === id)!.name)}</td>${t.years
        .map((y) => {
          const i = y.indicators.find((v) => v.id === id);
          return i ? `<td class="num st-${i.status}">${x(indicatorValue(i.value, i.unit))} <small>${i.status}</small></td>` : '<td class="num">—</td>';
        })
        .join('')}</tr>`,
  );
  const body = `<header>
<h1>${x(t.entity.name)}</h1>
<div class="meta">${x(t.entity.id)} · ${x(t.entity.type)}${t.entity.region ? ` · ${x(t.entity.region)}` : ''} · ${xs[0]}–${xs[xs.length - 1]} · ${x(t.profile_title)}</div>
<p>base year <b>${t.base_year}</b> · ${x(factorsLine(t))}<br><small>${x(intensityLine(t))}</small></p>
</header>
<h2>Charts</h2>
<div class="charts">
${charts.join('\n')}
</div>
<h2>Figures by year</h2>
<table><thead>${head(['year', 'energy tce', 'feedstock tce', 'gross tCO2', 'energy tCO2', 'net tCO2', 'GDP 万元', 't/万元', 'tce/万元', 'verdict'])}</thead><tbody>
${figRows.join('\n')}
</tbody></table>
<h2>Changes</h2>
<table><thead>${head(['change', ...xs.map(String)])}</thead><tbody>
${changeRows.join('\n')}
</tbody></table>
${changeNotes(t)
  .map((n) => `<p><small>${x(n)}</small></p>`)
  .join('\n')}
<h2>Targets</h2>
${targets.join('\n') || '<p>No reduction target with a year in the latest submission.</p>'}
<h2>Peak</h2>
<p>${x(peakLine(t))}<br><small>${x(PEAK_NOTE)}</small></p>
<h2>Indicators by year</h2>
<table><thead>${head(['indicator', ...xs.map(String)])}</thead><tbody>
${indRows.join('\n')}
</tbody></table>
<p><small>★ core indicator. Reference values marked R in the pack are recalled, not yet checked against the text.</small></p>
${t.warnings.length ? `<h2>Warnings</h2><ul>${t.warnings.map((w) => `<li><code>${x(w.code)}</code> ${x(w.message)}${w.file ? ` <small>(${x(w.file)}${w.line ? `:${w.line}` : ''})</small>` : ''}</li>`).join('')}</ul>` : ''}
<div class="foot">zcpark ${x(t.tool.version)} · ${x(t.profile)} · ${x(t.method.expected_path)}.</div>`;
  return htmlDocument(`${t.entity.name} — zcpark trend ${xs[0]}–${xs[xs.length - 1]}`, opts, body);
}

export const format: TrendFormat = { name, extensions, render };
