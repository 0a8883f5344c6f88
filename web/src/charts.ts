/**
 * Small hand-made SVG charts: horizontal bars (one per label) and columns (one per day). Text is
 * set as text nodes; colours come from classes in app.css (no inline style under the CSP).
 */
import { h, s } from './dom';

export interface Bar { label: string; value: number | null; title?: string; cls?: string }

const ROW = 22, LABEL_W = 230, CHART_W = 640;
/** what fits left of the bars at 12 px */
const LABEL_CHARS = Math.floor((LABEL_W - 10) / 6.8);

/** Horizontal bars; `max` fixes the scale (100 for percentages), else the largest value. */
export function barChart(bars: Bar[], o: { max?: number; unit?: string; format: (v: number) => string; id?: string; title: string }): SVGSVGElement {
  const max = o.max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const plot = CHART_W - LABEL_W - 70;
  const height = bars.length * ROW + 8;
  return s('svg', { class: 'chart', viewBox: `0 0 ${CHART_W} ${height}`, role: 'img', 'aria-label': o.title, ...(o.id ? { id: o.id } : {}) },
    s('title', {}, o.title),
    // a guide at 100 % (or the maximum)
    s('line', { class: 'guide', x1: LABEL_W + plot, x2: LABEL_W + plot, y1: 0, y2: height }),
    bars.map((b, i) => {
      const y = 4 + i * ROW;
      const w = b.value === null ? 0 : Math.max(1, (Math.min(b.value, max) / max) * plot);
      return s('g', { class: `bar ${b.cls ?? ''}`.trim() },
        s('title', {}, b.title ?? `${b.label}: ${b.value === null ? '—' : o.format(b.value)}${o.unit ?? ''}`),
        s('text', { class: 'label', x: LABEL_W - 6, y: y + 14, 'text-anchor': 'end' }, b.label.length > LABEL_CHARS ? `${b.label.slice(0, LABEL_CHARS - 1)}…` : b.label),
        s('rect', { x: LABEL_W, y, width: w, height: ROW - 6, rx: 2 }),
        s('text', { class: 'value', x: LABEL_W + w + 4, y: y + 14 }, b.value === null ? '—' : `${o.format(b.value)}${o.unit ?? ''}`));
    }));
}

/** Columns per day: processed, with the flagged part darker. */
export function dayChart(days: { day: string; processed: number; flagged: number }[], o: { title: string; id?: string }): SVGSVGElement {
  const H = 160, W = CHART_W, pad = 24;
  const max = Math.max(1, ...days.map((d) => d.processed));
  const step = days.length ? (W - 2 * pad) / days.length : 0;
  const bw = Math.max(2, Math.min(40, step * 0.7));
  const y = (v: number) => H - pad - (v / max) * (H - 2 * pad);
  return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': o.title, ...(o.id ? { id: o.id } : {}) },
    s('title', {}, o.title),
    s('line', { class: 'axis', x1: pad, x2: W - pad, y1: H - pad, y2: H - pad }),
    s('text', { class: 'label', x: pad - 4, y: y(max) + 4, 'text-anchor': 'end' }, String(max)),
    days.map((d, i) => {
      const x = pad + i * step + (step - bw) / 2;
      return s('g', { class: 'bar' },
        s('title', {}, `${d.day}: ${d.processed} / ${d.flagged}`),
        s('rect', { x, y: y(d.processed), width: bw, height: H - pad - y(d.processed) }),
        s('rect', { class: 'flagged', x, y: y(d.flagged), width: bw, height: H - pad - y(d.flagged) }),
        s('text', { class: 'label', x: x + bw / 2, y: H - 8, 'text-anchor': 'middle' }, d.day.slice(5)));
    }));
}

export function legend(items: [cls: string, label: string][]): HTMLElement {
  return h('p', { class: 'legend' }, items.map(([cls, label]) => h('span', { class: ['swatch', cls] }, label)));
}
