/** Line charts for the trend page: deterministic SVG text, no scripts, no external resources (like ../formats/svg.ts). */
import { xmlEscape } from '../formats/svg.js';

const f = (x: number) => (Math.round(x * 10) / 10).toString();

export interface Series {
  label: string;
  /** One value per x; null leaves a gap. */
  values: (number | null)[];
  color: string;
  dashed?: boolean;
}

/** A nice step for about five ticks over [lo, hi]. */
function step(lo: number, hi: number): number {
  const raw = (hi - lo) / 5 || 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Lines over the years (x), with a y axis of about five ticks, a legend, and each point's value as a tooltip. */
export function lineChart(title: string, xs: readonly number[], series: readonly Series[], format: (v: number) => string, width = 760): string {
  const h = 300,
    top = 34,
    bottom = 56,
    left = 78,
    right = 16;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  let lo = Math.min(0, ...all),
    hi = Math.max(1e-12, ...all);
  const st = step(lo, hi);
  lo = Math.floor(lo / st) * st;
  hi = Math.ceil(hi / st) * st;
  if (hi === lo) hi = lo + st;
  const X = (i: number) => left + (xs.length === 1 ? (width - left - right) / 2 : (i * (width - left - right)) / (xs.length - 1));
  const Y = (v: number) => top + ((hi - v) / (hi - lo)) * (h - top - bottom);
  const ticks: string[] = [];
  for (let v = lo, k = 0; v <= hi + st / 2 && k < 12; v += st, k++) {
    ticks.push(
      `<line x1="${left}" y1="${f(Y(v))}" x2="${width - right}" y2="${f(Y(v))}" stroke="#eceff1"/><text x="${left - 6}" y="${f(Y(v) + 4)}" text-anchor="end" class="lbl">${xmlEscape(format(v))}</text>`,
    );
  }
  const xl = xs.map((x, i) => `<text x="${f(X(i))}" y="${h - bottom + 16}" text-anchor="middle" class="lbl">${x}</text>`);
  const lines = series.map((s) => {
    const segs: string[] = [];
    let cur: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        if (cur.length) segs.push(cur.join(' '));
        cur = [];
      } else cur.push(`${f(X(i))},${f(Y(v))}`);
    });
    if (cur.length) segs.push(cur.join(' '));
    const dots = s.values
      .map((v, i) =>
        v === null || !Number.isFinite(v)
          ? ''
          : `<circle cx="${f(X(i))}" cy="${f(Y(v))}" r="3" fill="${s.color}"><title>${xmlEscape(`${s.label} ${xs[i]}: ${format(v)}`)}</title></circle>`,
      )
      .join('');
    return `${segs.map((p) => `<polyline points="${p}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`).join('')}${dots}`;
  });
  // legend entries side by side, each as wide as its label (about 7 px a character at 12 px)
  let lx = left;
  const legend = series.map((s) => {
    const at = lx;
    lx += 40 + [...s.label].length * 7;
    return `<line x1="${at}" y1="${h - 14}" x2="${at + 22}" y2="${h - 14}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/><text x="${at + 28}" y="${h - 10}" class="lbl">${xmlEscape(s.label)}</text>`;
  });
  return `<svg class="chart" role="img" aria-label="${xmlEscape(title)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}"><text x="0" y="16" class="ttl">${xmlEscape(title)}</text>${ticks.join('')}<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="#607d8b"/>${xl.join('')}${lines.join('')}${legend.join('')}</svg>`;
}
