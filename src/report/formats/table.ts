/** The terminal view: headline, indicators, emissions and energy, top entities, warnings (cli-table3 + chalk). */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Report } from '../types.js';
import { indicatorValue, num, pct } from './display.js';
import type { RenderOptions } from './index.js';

/** Renders one report as terminal tables; colour only when `opts.color`. */
export function renderTable(report: Report, opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const style = { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true };
  const status = (s: string) => (s === 'pass' ? c.green(s) : s === 'fail' ? c.red(s) : s === 'missing' ? c.yellow(s) : c.dim(s));
  const verdict = (v: string) => (v === 'pass' ? c.green.bold('PASS') : v === 'fail' ? c.red.bold('FAIL') : c.yellow.bold('INCOMPLETE'));
  const s = report.submission;
  const lines: string[] = [];
  lines.push(c.bold(`${s.name} (${s.id})`));
  lines.push(`${s.type}${s.region ? ` · ${s.region}` : ''} · ${s.year} · profile ${s.profile} — ${s.profile_title}`);
  lines.push(`Verdict ${verdict(report.verdict)}   score ${report.score === null ? '—' : num(report.score, 1)}/100   grade ${report.grade ?? '—'}`);
  // the verdict follows the core indicators only; say which ones decide it (the score is a ranking aid)
  const core = report.indicators.filter((i) => i.core);
  const deciding = core.filter((i) => (report.verdict === 'fail' ? i.status === 'fail' : report.verdict === 'incomplete' ? i.status !== 'pass' && i.status !== 'fail' : false));
  for (const i of deciding) {
    const t = i.threshold ? ` ${i.threshold.op} ${typeof i.threshold.value === 'boolean' ? i.threshold.value : indicatorValue(i.threshold.value, i.unit)}` : '';
    const why = i.status === 'fail' ? `${indicatorValue(i.value, i.unit)} misses${t}` : i.status === 'missing' ? `cannot be computed (${i.reason ?? 'missing input'})` : 'no threshold band applies';
    lines.push(`${report.verdict === 'fail' ? c.red('because') : c.yellow('because')} the core indicator ${i.id} ${why}`);
  }
  if (report.verdict === 'fail' && (report.emissions.sinks_t > 0 || report.emissions.offsets_t > 0) && deciding.some((i) => i.unit === 'tCO2/tce')) {
    lines.push(c.dim('  sinks and offsets are reported below but do not enter this indicator'));
  }
  lines.push('');

  const ind = new Table({ head: ['Indicator', 'Value', 'Threshold', 'Status', 'Points'], style, colAligns: ['left', 'right', 'right', 'left', 'right'], colWidths: [46, 17, 18, 9, 10], wordWrap: true });
  for (const i of report.indicators) {
    const threshold = i.threshold ? `${i.threshold.op} ${typeof i.threshold.value === 'boolean' ? (i.threshold.value ? 'yes' : 'no') : indicatorValue(i.threshold.value, i.unit)}` : '—';
    ind.push([`${i.core ? c.bold('★ ') : '  '}${i.name}`, indicatorValue(i.value, i.unit), threshold, status(i.status), i.weight === 0 ? c.dim('unscored') : `${num(i.points, 1)}/${i.weight}`]);
  }
  lines.push(ind.toString());
  const notes = report.indicators.filter((i) => i.reason);
  for (const i of notes) lines.push(c.dim(`  ${i.id}: ${i.reason}`));
  lines.push(c.dim('  ★ core indicator: the verdict passes only when every core indicator passes'));
  lines.push('');

  const e = report.emissions;
  const em = new Table({ head: ['Emissions (tCO2)', 'tonnes', 'share of gross'], style, colAligns: ['left', 'right', 'right'] });
  const share = (x: number) => (e.gross_t === 0 ? '—' : pct(x / e.gross_t));
  for (const k of ['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'] as const) em.push([k, num(e[`${k}_t`]), share(e[`${k}_t`])]);
  em.push([c.bold('gross'), c.bold(num(e.gross_t)), '']);
  em.push(['sinks', num(-e.sinks_t), '']);
  em.push(['offsets', num(-e.offsets_t), '']);
  em.push([c.bold('net'), c.bold(num(e.net_t)), '']);
  const en = new Table({ head: ['Energy (tce)', 'tce', 'share'], style, colAligns: ['left', 'right', 'right'] });
  const en0 = report.energy;
  for (const [k, v] of Object.entries(en0.by_category)) en.push([k, num(v), en0.total_tce === 0 ? '—' : pct(v / en0.total_tce)]);
  en.push([c.bold('total'), c.bold(num(en0.total_tce)), '']);
  en.push(['clean', num(en0.clean_tce), pct(en0.clean_share)]);
  en.push(['electricity MWh', num(en0.electricity.consumed_mwh ?? 0), '']);
  en.push(['green MWh (consumed)', num(en0.electricity.green_consumed_mwh ?? 0), '']);
  lines.push(em.toString());
  lines.push(en.toString());

  const entities = Object.entries(e.by_entity).sort((a, b) => b[1].gross_t - a[1].gross_t || (a[0] < b[0] ? -1 : 1));
  if (entities.length > 1) {
    const top = new Table({ head: ['Top entities', 'gross tCO2', 'energy tce', 'tCO2/tce'], style, colAligns: ['left', 'right', 'right', 'right'] });
    for (const [name, f] of entities.slice(0, 10)) top.push([name, num(f.gross_t), num(f.energy_tce), f.energy_tce === 0 ? '—' : num(f.gross_t / f.energy_tce, 3)]);
    if (entities.length > 10) {
      const rest = entities.slice(10);
      top.push([c.dim(`${rest.length} more`), num(rest.reduce((a, [, f]) => a + f.gross_t, 0)), num(rest.reduce((a, [, f]) => a + f.energy_tce, 0)), '']);
    }
    lines.push(top.toString());
  }
  if (report.warnings.length) {
    lines.push('');
    lines.push(c.yellow(`${report.warnings.length} warning${report.warnings.length > 1 ? 's' : ''}:`));
    for (const w of report.warnings) lines.push(`  ${c.yellow('warning')} ${w.message} ${c.dim(`[${w.code}]`)}`);
  }
  lines.push(c.dim(`Factors used: ${report.factors_used.length} (see --format json, or --explain for the full trace)`));
  if (report.trace) {
    lines.push('');
    lines.push(c.bold('Calculation trace'));
    for (const [id, t] of Object.entries(report.trace.indicators ?? {})) {
      lines.push(`  ${id} = ${t.value ?? '—'}  ← ${t.formula}${t.threshold ? `, threshold ${t.threshold}` : ''}`);
      for (const [n, v] of Object.entries(t.inputs)) lines.push(c.dim(`      ${n} = ${v ?? 'missing'}`));
    }
    for (const [k, f] of Object.entries(report.trace.figures)) lines.push(`  ${k} = ${f.value}  ← ${f.formula}${f.rows ? ` (${f.rows.length} rows)` : ''}`);
    for (const b of report.trace.balances) for (const l of [...(b.electricity ?? []), ...(b.heat ?? [])]) lines.push(`  [${b.entity}] ${l}`);
    for (const r of report.trace.rows) for (const st of r.steps) lines.push(`  ${r.ref} ${r.entity} ${r.category}/${r.item}: ${st.formula}${st.factor ? c.dim(` {${st.factor}}`) : ''}`);
    for (const f of report.factors_used) lines.push(`  factor ${f.id} = ${f.value} ${f.unit}: ${f.source}${f.confidence ? ` [${f.confidence}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
