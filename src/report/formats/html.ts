/** One self-contained HTML file: no network, no scripts, no external fonts; inline SVG charts; print-friendly. */
import type { Report } from '../types.js';
import { entityType, indicatorValue, num, packTitle, pct } from './display.js';
import type { RenderOptions, ReportFormat } from './format.js';
import { STYLE } from './style.js';
import { barChart, bulletChart, waterfall, xmlEscape as x, type Bullet } from './svg.js';
import { label, type LabelKey } from '../i18n.js';
import { avoidedMemo, goodsHead, goodsNote, goodsRows, goodsTitle } from './goods-view.js';

/** Renders one report as a complete HTML document. */
export function renderHtml(r: Report, opts: RenderOptions): string {
  return htmlDocument(`${r.submission.name} — zcpark ${r.submission.profile} ${opts.lang === 'zh' ? '评价' : 'evaluation'}`, opts, reportBody(r, opts));
}

/** Several reports (evaluate a.yaml b.yaml -f html) as one document: each report a section, in the order given. */
export function renderHtmlMany(reports: readonly Report[], opts: RenderOptions): string {
  if (reports.length === 1) return renderHtml(reports[0]!, opts);
  const title = `zcpark: ${reports.length} ${opts.lang === 'zh' ? '份评价' : 'evaluations'}`;
  return htmlDocument(title, opts, reports.map((r) => `<section>\n${reportBody(r, opts)}\n</section>`).join('\n<hr>\n'));
}

/** A self-contained page around `body` (the trend page uses it too). */
export function htmlDocument(title: string, opts: Pick<RenderOptions, 'lang'>, body: string): string {
  return `<!doctype html>
<html lang="${opts.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${x(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** One report's content: everything inside <body>. */
function reportBody(r: Report, opts: RenderOptions): string {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(opts.lang, k, a);
  const zh = opts.lang === 'zh';
  const lang = opts.lang;
  const statusCell = (st: string) => `<td class="st-${st}">${L(st as LabelKey)}</td>`;
  const s = r.submission;
  const e = r.emissions;
  const en = r.energy;
  const why = r.indicators
    .filter((i) => i.core && i.status !== 'pass')
    .map((i) => {
      const what =
        i.status === 'fail'
          ? zh
            ? L('is_against', {
                value: indicatorValue(i.value, i.unit, lang),
                op: i.threshold?.op ?? '',
                threshold: i.threshold ? indicatorValue(i.threshold.value, i.unit, lang) : '',
              })
            : `is ${indicatorValue(i.value, i.unit)}, against ${i.threshold?.op ?? ''} ${i.threshold ? indicatorValue(i.threshold.value, i.unit) : ''}`
          : `${L('is_status', { status: L(i.status as LabelKey) })}${i.reason ? `: ${i.reason}` : ''}`;
      return zh
        ? `<div class="why">核心指标 <b>${x(i.name)}</b> ${x(what)}。结论仅由核心指标决定；除非规则包另有规定，碳汇与抵消量不计入核心指标。</div>`
        : `<div class="why">The core indicator <b>${x(i.name)}</b> ${x(what)}. The verdict follows the core indicators only; sinks and offsets never enter them unless the pack says so.</div>`;
    });

  const steps = [
    ...(['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'] as const)
      .filter((k) => e[`${k}_t`] !== 0)
      .map((k) => ({ label: L(k), delta: e[`${k}_t`], text: num(e[`${k}_t`], 0) })),
    { label: L('gross'), delta: 0, total: true, text: num(e.gross_t, 0) },
    ...(e.sinks_t ? [{ label: L('sinks'), delta: -e.sinks_t, text: num(-e.sinks_t, 0) }] : []),
    ...(e.offsets_t ? [{ label: L('offsets'), delta: -e.offsets_t, text: num(-e.offsets_t, 0) }] : []),
    { label: L('net'), delta: 0, total: true, text: num(e.net_t, 0) },
  ];
  const fossil = en.total_tce - en.clean_tce;
  const mix = barChart(L('chart_mix'), [
    { label: L('clean'), value: en.clean_tce, text: `${num(en.clean_tce, 0)} (${pct(en.clean_share)})`, tone: 'good' },
    { label: L('other'), value: fossil, text: `${num(fossil, 0)} (${en.total_tce ? pct(fossil / en.total_tce) : '—'})`, tone: 'muted' },
  ]);
  const bullets: Bullet[] = r.indicators
    .filter((i) => typeof i.value === 'number' && typeof i.threshold?.value === 'number' && i.status !== 'not_applicable')
    .map((i) => ({
      label: i.name.length > 34 ? `${i.name.slice(0, 33)}…` : i.name,
      value: i.value as number,
      threshold: i.threshold!.value as number,
      lowerIsBetter: i.threshold!.op.startsWith('<'),
      pass: i.status === 'pass',
      valueText: indicatorValue(i.value, i.unit),
      thresholdText: indicatorValue(i.threshold!.value as number, i.unit),
    }));
  const entities = Object.entries(e.by_entity).sort((a, b) => b[1].gross_t - a[1].gross_t || (a[0] < b[0] ? -1 : 1));
  const top = entities
    .slice(0, 10)
    .map(([name, v]) => ({ label: name.length > 26 ? `${name.slice(0, 25)}…` : name, value: v.gross_t, text: num(v.gross_t, 0), tone: 'neutral' as const }));
  if (entities.length > 10) {
    const rest = entities.slice(10).reduce((a, [, v]) => a + v.gross_t, 0);
    top.push({ label: L('more', { n: entities.length - 10 }), value: rest, text: num(rest, 0), tone: 'neutral' as const });
  }
  const charts = [
    waterfall(L('chart_waterfall'), steps),
    mix,
    ...(bullets.length ? [bulletChart(L('chart_bullets'), bullets)] : []),
    ...(top.length > 1 ? [barChart(L('chart_emitters'), top)] : []),
  ];

  const indRows = r.indicators.map(
    (i) =>
      `<tr><td>${i.core ? '★ ' : ''}${x(i.name)}${zh ? '' : `<br><small>${x(i.name_zh)}</small>`}</td><td class="num">${x(indicatorValue(i.value, i.unit, lang))}</td><td class="num">${i.threshold ? `${x(i.threshold.op)} ${x(indicatorValue(i.threshold.value, i.unit, lang))}${i.threshold.basis === 'target' ? ` (${L('own_target')})` : ''}` : '—'}</td>${statusCell(i.status)}<td class="num">${i.weight === 0 ? L('unscored') : `${num(i.points, 1)}/${i.weight}`}</td><td><small>${x(i.reason ?? '')}</small></td></tr>`,
  );
  const emRows = (['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'] as const).map(
    (k) => `<tr><td>${L(k)}</td><td class="num">${num(e[`${k}_t`])}</td><td class="num">${e.gross_t ? pct(e[`${k}_t`] / e.gross_t) : '—'}</td></tr>`,
  );
  const factorRows = r.factors_used.map(
    (fu) =>
      `<tr><td>${fu.kind === 'co2' ? 'CO2' : 'energy'} ${x(fu.category)}/${x(fu.item)}${fu.series ? ` (${x(fu.series)})` : ''}</td><td class="num">${fu.value} ${x(fu.unit)}</td><td>${fu.year ?? '—'}${fu.region ? ` ${x(fu.region)}` : ''}</td><td><small>${x(fu.source)}${fu.confidence ? ` [${fu.confidence}]` : ''}</small></td></tr>`,
  );
  const memo = avoidedMemo(r, zh);
  const trace = r.trace
    ? `<details open><summary>${L('trace')}</summary><ul>${[
        ...Object.entries(r.trace.indicators ?? {}).map(
          ([id, t]) =>
            `<li><b>${x(id)}</b> = ${x(t.value ?? '—')} ← <code>${x(t.formula)}</code>; ${x(
              Object.entries(t.inputs)
                .map(([n, v]) => `${n} = ${v ?? 'missing'}`)
                .join(', '),
            )}</li>`,
        ),
        ...Object.entries(r.trace.figures).map(([k, fig]) => `<li>${x(k)} = ${x(fig.value)} ← ${x(fig.formula)}</li>`),
        ...[...(r.trace.balances.boundary.electricity ?? []), ...(r.trace.balances.boundary.heat ?? [])].map((l) => `<li>boundary: ${x(l)}</li>`),
        ...(r.trace.balances.entities.length ? [`<li>${x(r.trace.balances.rule)}</li>`] : []),
        ...r.trace.balances.entities.flatMap((b) => [...(b.electricity ?? []), ...(b.heat ?? [])].map((l) => `<li>${x(b.entity)}: ${x(l)}</li>`)),
        ...Object.entries(r.trace.goods ?? {}).flatMap(([id, gl]) => gl.map((l) => `<li>good ${x(id)}: ${x(l)}</li>`)),
        ...r.trace.rows.flatMap((row) =>
          row.steps.map((st) => `<li><code>${x(row.ref)}</code> ${x(row.entity)} ${x(row.category)}/${x(row.item)}: ${x(st.formula)}</li>`),
        ),
      ].join('')}</ul></details>`
    : '';
  return `<header>
<h1>${x(s.name)}</h1>
<div class="meta">${x(s.id)} · ${x(entityType(s.type, lang))}${s.region ? ` · ${x(s.region)}` : ''} · ${s.year} · ${x(packTitle(s, lang))}</div>
<p><span class="verdict ${r.verdict}">${L(r.verdict.toUpperCase() as LabelKey)}</span> ${L('score')} <b>${r.score === null ? '—' : num(r.score, 1)}</b>/100 · ${L('grade')} <b>${x(r.grade ?? '—')}</b></p>
${why.join('\n')}
</header>
<h2>${L('indicators')}</h2>
<table><thead><tr><th>${zh ? '指标' : 'indicator'}</th><th class="num">${zh ? '数值' : 'value'}</th><th class="num">${zh ? '阈值' : 'threshold'}</th><th>${zh ? '状态' : 'status'}</th><th class="num">${zh ? '分值' : 'points'}</th><th>${L('note')}</th></tr></thead><tbody>
${indRows.join('\n')}
</tbody></table>
<h2>${L('emissions')}</h2>
<table><thead><tr><th>${L('category')}</th><th class="num">${L('tonnes')}</th><th class="num">${L('share_of_gross')}</th></tr></thead><tbody>
${emRows.join('\n')}
<tr><td><b>${L('gross')}</b></td><td class="num"><b>${num(e.gross_t)}</b></td><td></td></tr><tr><td>${L('sinks')}</td><td class="num">${num(-e.sinks_t)}</td><td></td></tr><tr><td>${L('offsets')}</td><td class="num">${num(-e.offsets_t)}</td><td></td></tr><tr><td><b>${L('net')}</b></td><td class="num"><b>${num(e.net_t)}</b></td><td></td></tr>${memo ? `<tr><td><i>${x(memo.label)}</i></td><td class="num"><i>${x(memo.tonnes)}</i></td><td></td></tr>` : ''}
</tbody></table>${memo ? `\n<div class="why">${x(memo.note)}</div>` : ''}${
    r.goods
      ? `\n<h2>${x(goodsTitle(zh))}</h2>\n<table><thead><tr>${goodsHead(zh)
          .map((h, i) => `<th${i < 4 ? '' : ' class="num"'}>${x(h)}</th>`)
          .join('')}</tr></thead><tbody>${goodsRows(r)
          .map((row) => `<tr>${row.map((v, i) => `<td${i < 4 ? '' : ' class="num"'}>${x(v)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>\n<div class="why">${x(goodsNote(zh))}</div>`
      : ''
  }${e.includes_co2e.length ? `\n<div class="why">${x(L('co2e_note', { figures: e.includes_co2e.join(', '), t: num(Object.values(e.co2e_t).reduce((a, b) => a + b, 0)) }))}</div>` : ''}
<h2>${L('energy')}</h2>
<table><thead><tr><th>${L('category')}</th><th class="num">tce</th><th class="num">${L('share')}</th></tr></thead><tbody>${Object.entries(en.by_category)
    .map(([k, v]) => `<tr><td>${x(L(k as LabelKey))}</td><td class="num">${num(v)}</td><td class="num">${en.total_tce ? pct(v / en.total_tce) : '—'}</td></tr>`)
    .join(
      '',
    )}<tr><td><b>${L('total')}</b></td><td class="num"><b>${num(en.total_tce)}</b></td><td></td></tr><tr><td>${L('clean')}</td><td class="num">${num(en.clean_tce)}</td><td class="num">${pct(en.clean_share)}</td></tr></tbody></table>
<h2>${L('charts')}</h2>
<div class="charts">
${charts.join('\n')}
</div>
<h2>${L('factors_used')}</h2>
<table><thead><tr><th>${L('factor')}</th><th class="num">${zh ? '数值' : 'value'}</th><th>${L('vintage')}</th><th>${L('source')}</th></tr></thead><tbody>
${factorRows.join('\n')}
</tbody></table>
${r.warnings.length ? `<h2>${L('warnings')}</h2><ul>${r.warnings.map((w) => `<li><code>${x(w.code)}</code> ${x(w.message)}${w.file ? ` <small>(${x(w.file)}${w.line ? `:${w.line}` : ''})</small>` : ''}</li>`).join('')}</ul>` : ''}
${trace}
<div class="foot">zcpark ${x(r.tool.version)} · ${x(s.file)} · ${L('footer')}.</div>`;
}

export const html: ReportFormat = { name: 'html', extensions: ['.html', '.htm'], render: renderHtml, renderMany: renderHtmlMany };
