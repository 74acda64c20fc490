/** The terminal view: headline, indicators, emissions and energy, top entities, warnings (cli-table3 + chalk). */
import { Chalk } from 'chalk';
import { DEFAULT_WIDTH, fitTable } from './fit.js';
import type { Report } from '../types.js';
import { entityType, indicatorValue, num, packTitle, pct } from './display.js';
import type { RenderOptions, ReportFormat } from './format.js';
import { indicatorName, label, type LabelKey } from '../i18n.js';
import { mapStrings, termText } from '../escape.js';
import { avoidedMemo, goodsHead, goodsNote, goodsRows, goodsTitle } from './goods-view.js';

/** Renders one report as terminal tables; colour only when `opts.color`. */
export function renderTable(raw: Report, opts: RenderOptions): string {
  // every user value (names, ids, units, reasons, sources, trace text) shown with its controls escaped: see ../escape.ts
  const report = mapStrings(raw, termText);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const style = { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true };
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(opts.lang, k, a);
  const status = (s: string) => {
    const w = L(s as LabelKey);
    return s === 'pass' ? c.green(w) : s === 'fail' ? c.red(w) : s === 'missing' ? c.yellow(w) : c.dim(w);
  };
  const verdict = (v: string) => (v === 'pass' ? c.green.bold(L('PASS')) : v === 'fail' ? c.red.bold(L('FAIL')) : c.yellow.bold(L('INCOMPLETE')));
  const s = report.submission;
  const lines: string[] = [];
  lines.push(c.bold(`${s.name} (${s.id})`));
  lines.push(`${entityType(s.type, opts.lang)}${s.region ? ` · ${s.region}` : ''} · ${s.year} · ${L('profile')} ${s.profile} — ${packTitle(s, opts.lang)}`);
  lines.push(
    `${L('verdict')} ${verdict(report.verdict)}   ${L('score')} ${report.score === null ? '—' : num(report.score, 1)}/100   ${L('grade')} ${report.grade ?? '—'}`,
  );
  // the verdict follows the core indicators only; say which ones decide it (the score is a ranking aid)
  const core = report.indicators.filter((i) => i.core);
  const deciding = core.filter((i) =>
    report.verdict === 'fail' ? i.status === 'fail' : report.verdict === 'incomplete' ? i.status !== 'pass' && i.status !== 'fail' : false,
  );
  for (const i of deciding) {
    const t = i.threshold ? ` ${i.threshold.op} ${indicatorValue(i.threshold.value, i.unit, opts.lang)}` : '';
    const why =
      i.status === 'fail'
        ? L('misses', { value: indicatorValue(i.value, i.unit, opts.lang), op: '', threshold: t.trim() }).replace('  ', ' ')
        : i.status === 'missing'
          ? L('cannot_compute', { reason: i.reason ?? '' })
          : L('no_band');
    lines.push(`${report.verdict === 'fail' ? c.red(L('because')) : c.yellow(L('because'))} ${L('core_misses', { id: i.id, what: why })}`);
  }
  if (report.verdict === 'fail' && (report.emissions.sinks_t > 0 || report.emissions.offsets_t > 0) && deciding.some((i) => i.unit === 'tCO2/tce')) {
    lines.push(c.dim(`  ${L('sinks_not_counted')}`));
  }
  lines.push('');

  const total = opts.width ?? DEFAULT_WIDTH;
  const indRows = report.indicators.map((i) => {
    const threshold = i.threshold ? `${i.threshold.op} ${indicatorValue(i.threshold.value, i.unit, opts.lang)}` : '—';
    return [
      `${i.core ? c.bold('★') : ' '} ${indicatorName(i, opts.lang)}`,
      indicatorValue(i.value, i.unit, opts.lang),
      threshold,
      status(i.status),
      i.weight === 0 ? c.dim(L('unscored')) : `${num(i.points, 1)}/${i.weight}`,
    ];
  });
  lines.push(
    fitTable([L('indicator'), L('value'), L('threshold'), L('status'), L('points')], indRows, {
      total,
      flex: 0,
      colAligns: ['left', 'right', 'right', 'left', 'right'],
      style,
    }),
  );
  const notes = report.indicators.filter((i) => i.reason);
  for (const i of notes) lines.push(c.dim(`  ${i.id}: ${i.reason}`));
  lines.push(c.dim(`  ${L('core_note')}`));
  lines.push('');

  const e = report.emissions;
  const share = (x: number) => (e.gross_t === 0 ? '—' : pct(x / e.gross_t));
  const emRows: string[][] = (['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'] as const).map((k) => [
    L(k),
    num(e[`${k}_t`]),
    share(e[`${k}_t`]),
  ]);
  emRows.push([c.bold(L('gross')), c.bold(num(e.gross_t)), '']);
  emRows.push([L('sinks'), num(-e.sinks_t), '']);
  emRows.push([L('offsets'), num(-e.offsets_t), '']);
  emRows.push([c.bold(L('net')), c.bold(num(e.net_t)), '']);
  const memo = avoidedMemo(report, opts.lang === 'zh');
  if (memo) emRows.push([c.dim(memo.label), c.dim(memo.tonnes), '']);
  const co2eNote = e.includes_co2e.length
    ? L('co2e_note', { figures: e.includes_co2e.join(', '), t: num(Object.values(e.co2e_t).reduce((x, y) => x + y, 0)) })
    : undefined;
  const en0 = report.energy;
  const enRows: string[][] = Object.entries(en0.by_category).map(([k, v]) => [L(k as LabelKey), num(v), en0.total_tce === 0 ? '—' : pct(v / en0.total_tce)]);
  enRows.push([c.bold(L('total')), c.bold(num(en0.total_tce)), '']);
  enRows.push([L('clean'), num(en0.clean_tce), pct(en0.clean_share)]);
  enRows.push([L('electricity_mwh'), num(en0.electricity.consumed_mwh ?? 0), '']);
  enRows.push([L('green_mwh'), num(en0.electricity.green_consumed_mwh ?? 0), '']);
  const fit3 = { total, flex: 0, colAligns: ['left', 'right', 'right'] as ('left' | 'right')[], style };
  lines.push(fitTable([L('emissions'), L('tonnes'), L('share_of_gross')], emRows, fit3));
  if (memo) lines.push(c.dim(memo.note));
  if (co2eNote) lines.push(c.dim(co2eNote));
  if (report.goods) {
    const zh = opts.lang === 'zh';
    const head = goodsHead(zh);
    lines.push(
      c.bold(goodsTitle(zh)),
      fitTable(head, goodsRows(report), { total, flex: 1, colAligns: head.map((_, i) => (i < 4 ? 'left' : 'right')) as ('left' | 'right')[], style }),
      c.dim(goodsNote(zh)),
    );
  }
  lines.push(fitTable([L('energy'), 'tce', L('share')], enRows, fit3));

  const entities = Object.entries(e.by_entity).sort((a, b) => b[1].gross_t - a[1].gross_t || (a[0] < b[0] ? -1 : 1));
  if (entities.length > 1) {
    const topRows: string[][] = entities
      .slice(0, 10)
      .map(([name, f]) => [name, num(f.gross_t), num(f.energy_tce), f.energy_tce === 0 ? '—' : num(f.gross_t / f.energy_tce, 3)]);
    if (entities.length > 10) {
      const rest = entities.slice(10);
      topRows.push([
        c.dim(L('more', { n: rest.length })),
        num(rest.reduce((a, [, f]) => a + f.gross_t, 0)),
        num(rest.reduce((a, [, f]) => a + f.energy_tce, 0)),
        '',
      ]);
    }
    lines.push(
      fitTable([L('top_entities'), L('gross_tco2'), L('energy_tce'), 'tCO2/tce'], topRows, {
        total,
        flex: 0,
        colAligns: ['left', 'right', 'right', 'right'],
        style,
      }),
    );
  }
  if (report.warnings.length) {
    lines.push('');
    lines.push(c.yellow(`${report.warnings.length} ${opts.lang === 'zh' ? '条提示' : `warning${report.warnings.length > 1 ? 's' : ''}`}:`));
    for (const w of report.warnings) lines.push(`  ${c.yellow(L('warning'))} ${w.message} ${c.dim(`[${w.code}]`)}`);
  }
  lines.push(c.dim(L('factors_count', { n: report.factors_used.length })));
  if (report.trace) {
    lines.push('');
    lines.push(c.bold(L('trace')));
    for (const [id, t] of Object.entries(report.trace.indicators ?? {})) {
      lines.push(`  ${id} = ${t.value ?? '—'}  ← ${t.formula}${t.threshold ? `, threshold ${t.threshold}` : ''}`);
      for (const [n, v] of Object.entries(t.inputs)) lines.push(c.dim(`      ${n} = ${v ?? 'missing'}`));
    }
    for (const [k, f] of Object.entries(report.trace.figures)) lines.push(`  ${k} = ${f.value}  ← ${f.formula}${f.rows ? ` (${f.rows.length} rows)` : ''}`);
    const bal = report.trace.balances;
    for (const l of [...(bal.boundary.electricity ?? []), ...(bal.boundary.heat ?? [])]) lines.push(`  [boundary] ${l}`);
    if (bal.entities.length) lines.push(c.dim(`  ${bal.rule}`));
    for (const b of bal.entities) for (const l of [...(b.electricity ?? []), ...(b.heat ?? [])]) lines.push(`  [${b.entity}] ${l}`);
    for (const [id, gl] of Object.entries(report.trace.goods ?? {})) for (const l of gl) lines.push(`  [good ${id}] ${l}`);
    for (const r of report.trace.rows)
      for (const st of r.steps) lines.push(`  ${r.ref} ${r.entity} ${r.category}/${r.item}: ${st.formula}${st.factor ? c.dim(` {${st.factor}}`) : ''}`);
    for (const f of report.factors_used) lines.push(`  factor ${f.id} = ${f.value} ${f.unit}: ${f.source}${f.confidence ? ` [${f.confidence}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export const table: ReportFormat = { name: 'table', extensions: ['.txt'], render: renderTable };
