/** The report as GitHub-flavoured Markdown: a reviewer's summary that pastes into an issue or a CI job summary. */
import type { Report } from '../types.js';
import { entityType, indicatorValue, num, packTitle, pct } from './display.js';
import type { RenderOptions, ReportFormat } from './format.js';
import { indicatorName, label, type LabelKey } from '../i18n.js';
import { mdCode, mdText } from '../escape.js';
import { avoidedMemo, goodsHead, goodsNote, goodsRows, goodsTitle } from './goods-view.js';

/** A user's value as Markdown text (names, units, reasons, sources, file names): see ../escape.ts. */
const esc = (s: unknown) => (s === null || s === undefined ? '—' : mdText(s));
const ICON: Record<string, string> = { pass: '✅', fail: '❌', missing: '⚠️', not_applicable: '—' };

/** Distance to the threshold in the indicator's own unit, signed so that a negative gap is a shortfall. */
function gap(i: Report['indicators'][number]): string {
  if (typeof i.value !== 'number' || !i.threshold || typeof i.threshold.value !== 'number') return '—';
  const d = i.threshold.op.startsWith('<') ? i.threshold.value - i.value : i.value - i.threshold.value;
  return i.unit === 'fraction' ? `${d >= 0 ? '+' : ''}${num(d * 100, 1)} pp` : `${d >= 0 ? '+' : ''}${num(d, 4)}`;
}

/** Renders one report; every figure comes from the report object (nothing is computed but display rounding). */
export function renderMarkdown(r: Report, opts: RenderOptions): string {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(opts.lang, k, a);
  const zh = opts.lang === 'zh';
  const STATUS = (st: string) => `${ICON[st]} ${st === 'not_applicable' && !zh ? 'n/a' : L(st as LabelKey)}`;
  const s = r.submission;
  const verdict = r.verdict === 'pass' ? `✅ **${L('PASS')}**` : r.verdict === 'fail' ? `❌ **${L('FAIL')}**` : `⚠️ **${L('INCOMPLETE')}**`;
  const out: string[] = [
    `# ${esc(s.name)} (${esc(s.id)})`,
    '',
    `${esc(entityType(s.type, opts.lang))}${s.region ? ` · ${esc(s.region)}` : ''} · ${s.year} · ${L('profile')} ${mdCode(s.profile)} — ${esc(packTitle(s, opts.lang))}`,
    '',
    `**${L('verdict')}** ${verdict} · **${L('score')}** ${r.score === null ? '—' : num(r.score, 1)}/100 · **${L('grade')}** ${esc(r.grade)}`,
  ];
  for (const i of r.indicators.filter((x) => x.core && x.status !== 'pass')) {
    const what =
      i.status === 'fail'
        ? L('is_against', {
            value: esc(indicatorValue(i.value, i.unit, opts.lang)),
            op: i.threshold?.op ?? '',
            threshold: esc(i.threshold ? indicatorValue(i.threshold.value, i.unit, opts.lang) : '—'),
          })
        : `${L('is_status', { status: L(i.status as LabelKey) })}${i.reason ? `: ${esc(i.reason)}` : ''}`;
    out.push(
      '',
      zh
        ? `> ${L('why_core', { name: `**${esc(i.name)}**（${mdCode(i.id)}）`, what })}`
        : `> The core indicator **${esc(i.name)}** (${mdCode(i.id)}) ${what}; the verdict follows the core indicators only.`,
    );
  }
  out.push(
    '',
    `## ${L('indicators')}`,
    '',
    zh ? '| | 指标 | 数值 | 阈值 | 状态 | 差距 | 分值 |' : '| | indicator | value | threshold | status | gap | points |',
    '|---|---|---:|---:|---|---:|---:|',
  );
  for (const i of r.indicators) {
    // the op is one of the schema's six (<=, <, …)
    const t = i.threshold
      ? `${i.threshold.op} ${esc(indicatorValue(i.threshold.value, i.unit, opts.lang))}${i.threshold.basis === 'target' ? ` (${L('own_target')})` : ''}`
      : '—';
    out.push(
      `| ${i.core ? '★' : ''} | ${esc(indicatorName(i, opts.lang))} | ${esc(indicatorValue(i.value, i.unit, opts.lang))} | ${t} | ${STATUS(i.status)} | ${esc(gap(i))} | ${i.weight === 0 ? L('unscored') : `${num(i.points, 1)}/${i.weight}`} |`,
    );
  }
  out.push('', `${L('core_note')}${zh ? '。' : '.'}`);
  const e = r.emissions;
  out.push('', `## ${L('emissions')}`, '', `| ${L('category')} | ${L('tonnes')} | ${L('share_of_gross')} |`, '|---|---:|---:|');
  for (const k of ['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'] as const)
    out.push(`| ${L(k)} | ${num(e[`${k}_t`])} | ${e.gross_t === 0 ? '—' : pct(e[`${k}_t`] / e.gross_t)} |`);
  out.push(
    `| **${L('gross')}** | **${num(e.gross_t)}** | |`,
    `| ${L('sinks')} | ${num(-e.sinks_t)} | |`,
    `| ${L('offsets')} | ${num(-e.offsets_t)} | |`,
    `| **${L('net')}** | **${num(e.net_t)}** | |`,
  );
  const memo = avoidedMemo(r, zh);
  if (memo) out.push(`| *${esc(memo.label)}* | *${esc(memo.tonnes)}* | |`, '', `> ${esc(memo.note)}`);
  if (r.goods) {
    const head = goodsHead(zh);
    out.push('', `## ${esc(goodsTitle(zh))}`, '', `| ${head.map(esc).join(' | ')} |`, `|${head.map((_, i) => (i < 4 ? '---' : '---:')).join('|')}|`);
    for (const row of goodsRows(r)) out.push(`| ${row.map(esc).join(' | ')} |`);
    out.push('', esc(goodsNote(zh)));
  }
  if (e.includes_co2e.length)
    out.push(
      '',
      `> ${L('co2e_note', { figures: e.includes_co2e.map((f) => `\`${f}\``).join(', '), t: num(Object.values(e.co2e_t).reduce((x, y) => x + y, 0)) })}`,
    );
  const en = r.energy;
  out.push('', `## ${L('energy')}`, '', `| ${L('category')} | tce | ${L('share')} |`, '|---|---:|---:|');
  for (const [k, v] of Object.entries(en.by_category)) out.push(`| ${L(k as LabelKey)} | ${num(v)} | ${en.total_tce === 0 ? '—' : pct(v / en.total_tce)} |`);
  out.push(`| **${L('total')}** | **${num(en.total_tce)}** | |`, `| ${L('clean')} | ${num(en.clean_tce)} | ${pct(en.clean_share)} |`);
  const entities = Object.entries(e.by_entity).sort((a, b) => b[1].gross_t - a[1].gross_t || (a[0] < b[0] ? -1 : 1));
  if (entities.length > 1) {
    out.push('', `## ${L('largest_emitters')}`, '', zh ? '| 主体 | 总排放 tCO2 | 能耗 tce |' : '| entity | gross tCO2 | energy tce |', '|---|---:|---:|');
    for (const [name, f] of entities.slice(0, 10)) out.push(`| ${esc(name)} | ${num(f.gross_t)} | ${num(f.energy_tce)} |`);
    if (entities.length > 10)
      out.push(
        `| *${L('more', { n: entities.length - 10 })}* | ${num(entities.slice(10).reduce((a, [, f]) => a + f.gross_t, 0))} | ${num(entities.slice(10).reduce((a, [, f]) => a + f.energy_tce, 0))} |`,
      );
  }
  out.push('', `## ${L('factors_used')}`, '', zh ? '| 因子 | 数值 | 年份 | 来源 |' : '| factor | value | vintage | source |', '|---|---:|---|---|');
  for (const f of r.factors_used)
    out.push(
      `| ${f.kind === 'co2' ? 'CO2' : 'energy'} ${esc(f.category)}/${esc(f.item)}${f.series ? ` (${esc(f.series)})` : ''} | ${f.value} ${esc(f.unit)} | ${f.year ?? '—'}${f.region ? ` ${esc(f.region)}` : ''} | ${esc(f.source)}${f.confidence ? ` [${esc(f.confidence)}]` : ''} |`,
    );
  if (r.warnings.length) {
    out.push('', `## ${L('warnings')}`, '');
    for (const w of r.warnings) out.push(`- ${mdCode(w.code)} ${esc(w.message)}${w.file ? ` (${esc(w.file)}${w.line ? `:${w.line}` : ''})` : ''}`);
  }
  if (r.trace) {
    out.push('', `<details><summary>${L('trace')}</summary>`, '');
    for (const [id, t] of Object.entries(r.trace.indicators ?? {}))
      out.push(
        `- **${esc(id)}** = ${esc(t.value)} ← ${mdCode(t.formula)}${t.threshold ? `, threshold ${esc(t.threshold)}` : ''}; ${Object.entries(t.inputs)
          .map(([n, v]) => `${esc(n)} = ${v === null || v === undefined ? 'missing' : esc(v)}`)
          .join(', ')}`,
      );
    for (const [k, f] of Object.entries(r.trace.figures)) out.push(`- ${esc(k)} = ${esc(f.value)} ← ${esc(f.formula)}`);
    const bal = r.trace.balances;
    for (const l of [...(bal.boundary.electricity ?? []), ...(bal.boundary.heat ?? [])]) out.push(`- boundary: ${esc(l)}`);
    if (bal.entities.length) out.push(`- ${esc(bal.rule)}`);
    for (const b of bal.entities) for (const l of [...(b.electricity ?? []), ...(b.heat ?? [])]) out.push(`- ${esc(b.entity)}: ${esc(l)}`);
    for (const [id, lines] of Object.entries(r.trace.goods ?? {})) for (const l of lines) out.push(`- good ${esc(id)}: ${esc(l)}`);
    for (const row of r.trace.rows)
      for (const st of row.steps) out.push(`- ${mdCode(row.ref)} ${esc(row.entity)} ${esc(row.category)}/${esc(row.item)}: ${esc(st.formula)}`);
    out.push('', '</details>');
  }
  out.push('', `<sub>zcpark ${esc(r.tool.version)} · ${esc(s.file)}</sub>`);
  return `${out.join('\n')}\n`;
}

export const markdown: ReportFormat = { name: 'markdown', extensions: ['.md'], render: renderMarkdown };
