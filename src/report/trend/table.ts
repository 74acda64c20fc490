/** The terminal view of a trend: figures by year, changes, target progress, the peak, indicators by year. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Trend } from './types.js';
import { mapStrings, termText } from '../escape.js';
import { indicatorValue, num, pct } from '../formats/display.js';
import {
  changeNotes,
  changeText,
  factorsLine,
  gdpText,
  intensity,
  intensityLine,
  PEAK_NOTE,
  peakLine,
  targetHead,
  type TrendFormat,
  type TrendRenderOptions,
} from './common.js';

export const name = 'table';
export const extensions = ['.txt'] as const;

export function render(raw: Trend, opts: TrendRenderOptions): string {
  const t = mapStrings(raw, termText);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const style = { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true };
  const lines: string[] = [];
  lines.push(c.bold(`${t.entity.name} (${t.entity.id})`));
  lines.push(
    `${t.entity.type}${t.entity.region ? ` · ${t.entity.region}` : ''} · ${t.years[0]!.year}–${t.years[t.years.length - 1]!.year} · profile ${t.profile} — ${t.profile_title}`,
  );
  lines.push(`base year ${t.base_year} · ${factorsLine(t)}`);
  lines.push(c.dim(intensityLine(t)));
  lines.push('');

  const fig = new Table({
    head: ['year', 'energy tce', 'feedstock tce', 'gross tCO2', 'energy tCO2', 'net tCO2', 'GDP 万元', 't/万元', 'tce/万元', 'verdict'],
    style,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const y of t.years) {
    const v = y.verdict === 'pass' ? c.green('pass') : y.verdict === 'fail' ? c.red('fail') : c.yellow('incomplete');
    fig.push([
      String(y.year),
      num(y.energy_total_tce),
      num(y.feedstock_tce),
      num(y.gross_t),
      num(y.energy_t),
      num(y.net_t),
      gdpText(y),
      intensity(y.carbon_intensity),
      intensity(y.energy_intensity),
      v,
    ]);
  }
  lines.push(fig.toString());

  const ch = new Table({ head: ['change', ...t.years.map((y) => String(y.year))], style, colAligns: ['left', ...t.years.map(() => 'right' as const)] });
  for (const k of ['gross_t', 'energy_t', 'energy_total_tce', 'carbon_intensity', 'energy_intensity'] as const) {
    ch.push([`${k} year-on-year`, ...t.years.map((y) => changeText(y.changes[k], 'yoy'))]);
    ch.push([`${k} vs ${t.base_year}`, ...t.years.map((y) => changeText(y.changes[k], 'cumulative'))]);
  }
  lines.push(ch.toString());
  for (const n of changeNotes(t)) lines.push(c.dim(`  ${n}`));
  lines.push('');

  for (const g of t.targets) {
    lines.push(c.bold(targetHead(g)));
    if (g.reason) lines.push(c.yellow(`  ${g.reason}`));
    const tb = new Table({ head: ['year', 'expected cut', 'actual cut', 'gap', 'status'], style, colAligns: ['left', 'right', 'right', 'right', 'left'] });
    for (const b of g.by_year) {
      const s = b.status === 'on_track' ? c.green('on track') : b.status === 'behind' ? c.red('behind') : c.yellow('missing');
      tb.push([String(b.year), pct(b.expected, 2), pct(b.actual, 2), b.gap === null ? '—' : `${b.gap > 0 ? '+' : ''}${num(b.gap * 100, 2)} pt`, s]);
    }
    if (g.by_year.length) lines.push(tb.toString());
    for (const b of g.by_year) if (b.reason) lines.push(c.dim(`  ${b.year}: ${b.reason}`));
  }
  if (t.targets.length === 0)
    lines.push(c.dim('no reduction target with a year (targets: { carbon_intensity_reduction: { value: 18%, year: 2025 } }) in the latest submission'));
  lines.push(`${peakLine(t)}`);
  lines.push(c.dim(`  ${PEAK_NOTE}`));
  lines.push('');

  const ind = new Table({ head: ['indicator', ...t.years.map((y) => String(y.year))], style, colAligns: ['left', ...t.years.map(() => 'right' as const)] });
  const ids = t.years[t.years.length - 1]!.indicators.map((i) => i.id);
  for (const id of ids) {
    const core = t.years.some((y) => y.indicators.find((i) => i.id === id)?.core);
    ind.push([
      `${core ? '★ ' : '  '}${id}`,
      ...t.years.map((y) => {
        const i = y.indicators.find((x) => x.id === id);
        if (!i) return '—';
        const mark = i.status === 'pass' ? c.green('✓') : i.status === 'fail' ? c.red('✗') : i.status === 'missing' ? c.yellow('?') : c.dim('–');
        return `${indicatorValue(i.value, i.unit)} ${mark}`;
      }),
    ]);
  }
  lines.push(ind.toString());
  lines.push(
    c.dim('  ✓ pass  ✗ fail  ? missing  – not applicable; ★ core. Reference values marked R in the pack are recalled, not yet checked against the text.'),
  );
  if (t.warnings.length) {
    lines.push('');
    lines.push(c.yellow(`${t.warnings.length} warning${t.warnings.length > 1 ? 's' : ''}:`));
    for (const w of t.warnings) lines.push(`  ${c.yellow('warning')} ${w.file ? `${w.file}: ` : ''}${w.message} ${c.dim(`[${w.code}]`)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const format: TrendFormat = { name, extensions, render };
