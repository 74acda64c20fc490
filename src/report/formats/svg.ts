/** Small, dependency-free SVG charts for the HTML report: deterministic text, no scripts, no external resources. */

import { xmlText } from '../escape.js';

/** Escapes text for HTML/SVG content and attributes (controls shown as escapes; see ../escape.ts). */
export const xmlEscape = (s: unknown): string => xmlText(s);

const f = (x: number) => (Math.round(x * 10) / 10).toString();

export interface Bar {
  label: string;
  value: number;
  /** Shown on the bar's end. */
  text: string;
  tone?: 'good' | 'bad' | 'neutral' | 'muted';
}

const TONE: Record<NonNullable<Bar['tone']>, string> = { good: '#2e7d32', bad: '#c62828', neutral: '#1565c0', muted: '#90a4ae' };

/** Horizontal bars (negative values to the left of a zero line). */
export function barChart(title: string, bars: Bar[], width = 640): string {
  const row = 26,
    left = 190,
    right = 110,
    top = 28;
  const h = top + bars.length * row + 10;
  const max = Math.max(1e-12, ...bars.map((b) => Math.abs(b.value)));
  const hasNeg = bars.some((b) => b.value < 0);
  const span = width - left - right;
  const zero = left + (hasNeg ? span / 2 : 0);
  const scale = (hasNeg ? span / 2 : span) / max;
  const items = bars.map((b, i) => {
    const y = top + i * row;
    const w = Math.abs(b.value) * scale;
    const x = b.value < 0 ? zero - w : zero;
    const tx = b.value < 0 ? x - 4 : x + w + 4;
    return `<text x="${left - 8}" y="${f(y + 16)}" text-anchor="end" class="lbl">${xmlEscape(b.label)}</text><rect x="${f(x)}" y="${f(y + 4)}" width="${f(Math.max(w, 0.5))}" height="16" fill="${TONE[b.tone ?? 'neutral']}"><title>${xmlEscape(`${b.label}: ${b.text}`)}</title></rect><text x="${f(tx)}" y="${f(y + 16)}" text-anchor="${b.value < 0 ? 'end' : 'start'}" class="val">${xmlEscape(b.text)}</text>`;
  });
  return `<svg class="chart" role="img" aria-label="${xmlEscape(title)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}"><text x="0" y="16" class="ttl">${xmlEscape(title)}</text><line x1="${f(zero)}" y1="${top}" x2="${f(zero)}" y2="${h - 6}" stroke="#607d8b"/>${items.join('')}</svg>`;
}

export interface Step {
  label: string;
  /** Change (positive adds, negative subtracts); a total step shows the running value. */
  delta: number;
  total?: boolean;
  text: string;
}

/** A waterfall from gross emissions down to net: each category adds, sinks and offsets subtract. */
export function waterfall(title: string, steps: Step[], width = 640): string {
  const h = 260,
    top = 30,
    bottom = 50,
    left = 10;
  let run = 0;
  const spans = steps.map((s) => {
    if (s.total) return { s, from: 0, to: run };
    const from = run;
    run += s.delta;
    return { s, from, to: run };
  });
  const lo = Math.min(0, ...spans.flatMap((x) => [x.from, x.to]));
  const hi = Math.max(1e-12, ...spans.flatMap((x) => [x.from, x.to]));
  const y = (v: number) => top + ((hi - v) / (hi - lo)) * (h - top - bottom);
  const col = (width - left * 2) / steps.length;
  const bars = spans.map(({ s, from, to }, i) => {
    const x = left + i * col + col * 0.15;
    const y0 = Math.min(y(from), y(to));
    const hh = Math.max(Math.abs(y(from) - y(to)), 0.5);
    const fill = s.total ? '#37474f' : s.delta < 0 ? '#2e7d32' : '#c62828';
    return `<rect x="${f(x)}" y="${f(y0)}" width="${f(col * 0.7)}" height="${f(hh)}" fill="${fill}"><title>${xmlEscape(`${s.label}: ${s.text}`)}</title></rect><text x="${f(x + col * 0.35)}" y="${f(y0 - 4)}" text-anchor="middle" class="val">${xmlEscape(s.text)}</text><text x="${f(x + col * 0.35)}" y="${h - bottom + 16}" text-anchor="middle" class="lbl">${xmlEscape(s.label)}</text>`;
  });
  return `<svg class="chart" role="img" aria-label="${xmlEscape(title)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}"><text x="0" y="16" class="ttl">${xmlEscape(title)}</text><line x1="${left}" y1="${f(y(0))}" x2="${width - left}" y2="${f(y(0))}" stroke="#607d8b"/>${bars.join('')}</svg>`;
}

export interface Bullet {
  label: string;
  value: number;
  threshold: number;
  /** True when a lower value is better (≤ thresholds). */
  lowerIsBetter: boolean;
  pass: boolean;
  valueText: string;
  thresholdText: string;
}

/** Each indicator's value against its threshold: a bar and a marker on its own scale. */
export function bulletChart(title: string, items: Bullet[], width = 760): string {
  const row = 34,
    left = 230,
    right = 230,
    top = 28;
  const h = top + items.length * row + 6;
  const span = width - left - right;
  const rows = items.map((b, i) => {
    const yy = top + i * row;
    const max = Math.max(Math.abs(b.value), Math.abs(b.threshold), 1e-12) * 1.15;
    const w = (Math.max(0, b.value) / max) * span;
    const tx = left + (Math.max(0, b.threshold) / max) * span;
    return `<text x="${left - 8}" y="${f(yy + 18)}" text-anchor="end" class="lbl">${xmlEscape(b.label)}</text><rect x="${left}" y="${f(yy + 6)}" width="${f(span)}" height="18" fill="#eceff1"/><rect x="${left}" y="${f(yy + 9)}" width="${f(Math.max(w, 0.5))}" height="12" fill="${b.pass ? TONE.good : TONE.bad}"><title>${xmlEscape(`${b.label}: ${b.valueText} (threshold ${b.thresholdText})`)}</title></rect><line x1="${f(tx)}" y1="${f(yy + 3)}" x2="${f(tx)}" y2="${f(yy + 27)}" stroke="#263238" stroke-width="2"/><text x="${left + span + 6}" y="${f(yy + 18)}" class="val">${xmlEscape(`${b.valueText} ${b.lowerIsBetter ? '≤' : '≥'} ${b.thresholdText}`)}</text>`;
  });
  return `<svg class="chart" role="img" aria-label="${xmlEscape(title)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}"><text x="0" y="16" class="ttl">${xmlEscape(title)}</text>${rows.join('')}</svg>`;
}
