/** The terminal view of a trend: figures by year, changes, target progress, the peak, indicators by year. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Trend } from './types.js';
import { mapStrings, termText } from '../escape.js';
import { indicatorValue, num, pct } from '../formats/display.js';
import { DEFAULT_WIDTH, splitTable } from '../formats/fit.js';
import { entityType } from '../formats/display.js';
import { indicatorName, label, type LabelKey } from '../i18n.js';
import {
  changeLabel,
  changeNotes,
  changeText,
  factorsLine,
  figureHead,
  gapText,
  gdpText,
  intensity,
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

export const name = 'table';
export const extensions = ['.txt'] as const;

export function render(raw: Trend, opts: TrendRenderOptions): string {
  const t = mapStrings(raw, termText);
  const lang = opts.lang;
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(lang, k, a);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const style = { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true };
  const total = opts.width ?? DEFAULT_WIDTH;
  const lines: string[] = [];
  lines.push(c.bold(`${t.entity.name} (${t.entity.id})`));
  lines.push(
    `${entityType(t.entity.type, lang)}${t.entity.region ? ` · ${t.entity.region}` : ''} · ${t.years[0]!.year}–${t.years[t.years.length - 1]!.year} · ${L('trend_profile')} ${t.profile} — ${profileTitle(t, lang)}`,
  );
  lines.push(`${L('trend_base_year')} ${t.base_year} · ${factorsLine(t, lang)}`);
  lines.push(c.dim(intensityLine(t, lang)));
  lines.push('');

  const figRows: string[][] = [];
  for (const y of t.years) {
    const v = y.verdict === 'pass' ? c.green(L('pass')) : y.verdict === 'fail' ? c.red(L('fail')) : c.yellow(L('incomplete'));
    figRows.push([
      String(y.year),
      num(y.energy_total_tce),
      num(y.feedstock_tce),
      num(y.gross_t),
      num(y.energy_t),
      num(y.net_t),
      gdpText(y, lang),
      intensity(y.carbon_intensity),
      intensity(y.energy_intensity),
      v,
    ]);
  }
  lines.push(
    splitTable(figureHead(t, lang), figRows, {
      total,
      keep: 1,
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      style,
    }),
  );

  const chRows: string[][] = [];
  for (const k of SHOWN_CHANGES) {
    chRows.push([changeLabel(t, k, 'yoy', lang), ...t.years.map((y) => changeText(y.changes[k], 'yoy', lang))]);
    chRows.push([changeLabel(t, k, 'cumulative', lang), ...t.years.map((y) => changeText(y.changes[k], 'cumulative', lang))]);
  }
  const yearAligns = ['left' as const, ...t.years.map(() => 'right' as const)];
  lines.push(splitTable([L('trend_change'), ...t.years.map((y) => String(y.year))], chRows, { total, keep: 1, colAligns: yearAligns, style }));
  for (const n of changeNotes(t, lang)) lines.push(c.dim(`  ${n}`));
  lines.push('');

  for (const g of t.targets) {
    lines.push(c.bold(targetHead(g, lang)));
    const why = reasonText(g, lang);
    if (why) lines.push(c.yellow(`  ${why}`));
    const tb = new Table({
      head: [L('trend_year'), L('trend_expected_cut'), L('trend_actual_cut'), L('trend_gap'), L('trend_status')],
      style,
      colAligns: ['left', 'right', 'right', 'right', 'left'],
    });
    for (const b of g.by_year) {
      const w = targetStatus(b.status, lang);
      const s = b.status === 'on_track' ? c.green(w) : b.status === 'behind' ? c.red(w) : c.yellow(w);
      tb.push([String(b.year), pct(b.expected, 2), pct(b.actual, 2), gapText(b.gap, lang), s]);
    }
    if (g.by_year.length) lines.push(tb.toString());
    for (const b of g.by_year) {
      const r = reasonText(b, lang);
      if (r) lines.push(c.dim(`  ${L('trend_year_note', { year: b.year, text: r })}`));
    }
  }
  if (t.targets.length === 0) lines.push(c.dim(L('trend_no_target')));
  lines.push(`${peakLine(t, lang)}`);
  lines.push(c.dim(`  ${peakNote(lang)}`));
  lines.push('');

  const indRows: string[][] = [];
  const latest = t.years[t.years.length - 1]!.indicators;
  for (const li of latest) {
    const id = li.id;
    const core = t.years.some((y) => y.indicators.find((i) => i.id === id)?.core);
    indRows.push([
      `${core ? '★ ' : '  '}${lang === 'zh' ? indicatorName(li, lang) : id}`,
      ...t.years.map((y) => {
        const i = y.indicators.find((x) => x.id === id);
        if (!i) return '—';
        const mark = i.status === 'pass' ? c.green('✓') : i.status === 'fail' ? c.red('✗') : i.status === 'missing' ? c.yellow('?') : c.dim('–');
        return `${indicatorValue(i.value, i.unit, lang)} ${mark}`;
      }),
    ]);
  }
  lines.push(splitTable([L('trend_indicator'), ...t.years.map((y) => String(y.year))], indRows, { total, keep: 1, colAligns: yearAligns, style }));
  lines.push(c.dim(`  ${L('trend_legend')}`));
  if (t.warnings.length) {
    lines.push('');
    lines.push(c.yellow(lang === 'zh' ? L('trend_warnings', { n: t.warnings.length }) : `${t.warnings.length} warning${t.warnings.length > 1 ? 's' : ''}:`));
    for (const w of t.warnings) lines.push(`  ${c.yellow(L('warning'))} ${w.file ? `${w.file}: ` : ''}${w.message} ${c.dim(`[${w.code}]`)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const format: TrendFormat = { name, extensions, render };
