/** The batch summary as one HTML page. */
import { num } from '../formats/display.js';
import { STYLE } from '../formats/style.js';
import { xmlEscape } from '../formats/svg.js';
import { rankOrder } from '../batch.js';
import { label, type LabelKey } from '../i18n.js';
import { where, type BatchView, type SummaryFormat } from './format.js';

/** The batch summary as one self-contained HTML page: counts, a ranking linking each park's report, broken inputs. */
export function renderBatchHtml(v: BatchView): string {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(v.lang ?? 'en', k, a);
  const s = v.summary;
  const coreIds = [...new Set(s.ranking.flatMap((r) => r.core.map((c) => c.id)))].sort();
  const link = new Map<string, string>();
  v.entries.forEach((e, i) => {
    const l = v.links?.[i];
    if (l) link.set(`${e.file}|${e.row ?? ''}|${e.id}`, l);
  });
  const rows = s.ranking.map((r) => {
    const href = link.get(`${r.file}|${r.row ?? ''}|${r.id}`);
    const name = href ? `<a href="${xmlEscape(href)}">${xmlEscape(r.name)}</a>` : xmlEscape(r.name);
    const core = coreIds
      .map((id) => {
        const c = r.core.find((x) => x.id === id);
        return `<td class="num st-${c?.status ?? 'missing'}">${c ? coreValue(c.value) : '—'}</td>`;
      })
      .join('');
    return `<tr><td class="num">${r.rank}</td><td>${xmlEscape(r.id)}</td><td>${name}</td><td>${xmlEscape(r.region ?? '—')}</td><td class="num">${num(r.total_tce, 0)}</td>${core}<td class="num">${r.score === null ? '—' : num(r.score, 1)}</td><td>${xmlEscape(r.grade ?? '—')}</td><td class="st-${r.verdict}">${L(r.verdict as LabelKey)}</td><td><small>${r.warnings.map((w) => xmlEscape(w)).join(' ')}</small></td><td><small>${xmlEscape(where(r))}</small></td></tr>`;
  });
  const matrix = indicatorMatrix(v);
  const matrixHtml =
    matrix.ids.length && matrix.parks.length
      ? `<h2>${L('indicator_matrix')}</h2><div style="overflow-x:auto"><table><thead><tr><th>${L('indicator')}</th>${matrix.parks.map((p) => `<th>${xmlEscape(p.id)}</th>`).join('')}</tr></thead><tbody>${matrix.ids
          .map(
            (id) =>
              `<tr><td>${xmlEscape(id)}</td>${matrix.parks
                .map((p) => {
                  const st = p.statuses.get(id);
                  return `<td class="st-${st ?? 'not_applicable'}">${st ? L(st as LabelKey) : '—'}</td>`;
                })
                .join('')}</tr>`,
          )
          .join('')}</tbody></table></div>`
      : '';
  const dist = Object.entries(s.core_distribution).map(
    ([id, d]) =>
      `<tr><td>${xmlEscape(id)}</td><td class="num">${d.n}</td><td class="num">${num(d.min, 4)}</td><td class="num">${num(d.median, 4)}</td><td class="num">${num(d.max, 4)}</td></tr>`,
  );
  const errs = v.errors.flatMap((e) =>
    e.errors.map(
      (d) =>
        `<li><code>${xmlEscape(`${d.file ?? e.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}${d.field ? ` [${d.field}]` : ''}`)}</code> ${xmlEscape(d.code)}: ${xmlEscape(d.message)}</li>`,
    ),
  );
  return `<!doctype html>
<html lang="${v.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${L('batch_title', { n: s.total })}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${L('batch_title', { n: s.total })}</h1>
<p>${xmlEscape(L('batch_counts', { n: s.total, pass: s.pass, fail: s.fail, incomplete: s.incomplete, invalid: s.invalid }))}</p>
<h2>${L('ranking')}</h2>
<p>${L(s.rank_by === 'score' ? 'ranked_by_score' : 'ranked_by_verdict')}</p>
<table><thead><tr><th class="num">${L('rank')}</th><th>id</th><th>${L('name')}</th><th>${L('region')}</th><th class="num">${L('energy_tce')}</th>${coreIds.map((id) => `<th class="num">${xmlEscape(id)}</th>`).join('')}<th class="num">${L('score')}</th><th>${L('grade')}</th><th>${L('verdict')}</th><th>${L('warnings')}</th><th>${L('source')}</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${matrixHtml}
${dist.length ? `<h2>${L('core_indicators')}</h2><table><thead><tr><th>${L('indicator')}</th><th class="num">n</th><th class="num">min</th><th class="num">median</th><th class="num">max</th></tr></thead><tbody>${dist.join('')}</tbody></table>` : ''}
${s.most_failed.length ? `<h2>${L('most_failed')}</h2><ul>${s.most_failed.map((f) => `<li>${xmlEscape(f.id)}: ${f.count}</li>`).join('')}</ul>` : ''}
${errs.length ? `<h2>${L('invalid_inputs')}</h2><ul>${errs.join('')}</ul>` : ''}
</body>
</html>
`;
}

const coreValue = (x: number | boolean | null): string => (x === null ? '—' : typeof x === 'boolean' ? String(x) : num(x, 4));

/** The indicator × submission matrix: indicator ids in first-seen order, submissions in rank order with each status. */
function indicatorMatrix(v: BatchView): { ids: string[]; parks: { id: string; statuses: Map<string, string> }[] } {
  const order = rankOrder(v.entries, v.summary.rank_by);
  const ids = [...new Set(order.flatMap((i) => v.entries[i]!.statuses.map((x) => x.id)))];
  return { ids, parks: order.map((i) => ({ id: v.entries[i]!.id, statuses: new Map(v.entries[i]!.statuses.map((x) => [x.id, x.status])) })) };
}

export const html: SummaryFormat = {
  name: 'html',
  extensions: ['.html'],
  summaryExtension: 'html',
  perReport: { format: 'html', extension: 'html' },
  render: renderBatchHtml,
};
