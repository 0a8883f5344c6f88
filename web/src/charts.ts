/**
 * The dashboard's charts, drawn by Apache ECharts (its SVG renderer: text stays text in the page,
 * and styles are set through the CSSOM, which the CSP allows). ECharts is loaded only when a chart
 * is drawn (its own bundle chunk), so the rest of the app does not carry it. Why ECharts and not
 * uPlot or Observable Plot: docs/dashboard.md.
 *
 * Every text is at least 12 px, every chart with more than one series has a legend, dates on
 * axes are written as the reader's language writes them (`5 Des`).
 */
import { currentLang } from './i18n';

type ECharts = typeof import('./echarts-setup');
let lib: Promise<ECharts> | null = null;
const load = () => (lib ??= import('./echarts-setup'));

const FONT = 12;
const TEXT = {
  fontSize: FONT,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  color: '#1d1d1f',
};
/** the app's palette (app.css), then ECharts' own */
const COLORS = ['#0b5cad', '#d93025', '#137333', '#a35c00', '#6a3fb5', '#00838f', '#c2185b', '#5f6368'];

export interface Series {
  name: string;
  values: (number | null)[];
}

/** Draw into `el` (emptied), resized with it; resolves once drawn. */
async function draw(el: HTMLElement, option: Record<string, unknown>, height: number): Promise<void> {
  const { init } = await load();
  el.replaceChildren();
  el.classList.add('chart-box');
  const box = el.getBoundingClientRect();
  const chart = init(el, null, {
    renderer: 'svg',
    width: Math.max(280, Math.floor(box.width)),
    height,
    locale: currentLang() === 'id' ? 'ID' : 'EN',
  });
  chart.setOption({
    animation: false,
    color: COLORS,
    textStyle: TEXT,
    aria: { enabled: true, decal: { show: false } },
    ...option,
  });
  // phones turn, windows resize: the chart follows its box
  const ro = new ResizeObserver(() => {
    if (!el.isConnected) return ro.disconnect();
    const w = Math.max(280, Math.floor(el.getBoundingClientRect().width));
    if (w !== chart.getWidth()) chart.resize({ width: w, height });
  });
  ro.observe(el);
}

const legend = (names: string[]) => ({
  show: true,
  type: 'scroll',
  top: 0,
  left: 0,
  right: 0,
  textStyle: TEXT,
  pageTextStyle: TEXT,
  itemGap: 14,
  data: names,
});

const axisText = { ...TEXT, fontSize: FONT, hideOverlap: true };

/**
 * Lines across periods, one per unit (a point where a unit reported, a gap where it did not):
 * capaian or serapan, in percent.
 */
export function periodLines(
  el: HTMLElement,
  o: { periods: string[]; series: Series[]; title: string; max?: number; format: (v: number) => string },
): Promise<void> {
  // the legend wraps under the plot: as many lines as the names need at this width
  const width = Math.max(280, el.getBoundingClientRect().width);
  const legendWidth = o.series.reduce((w, s) => w + s.name.length * 7 + 44, 0);
  const legendRows = Math.max(1, Math.ceil(legendWidth / (width - 16)));
  const legendHeight = legendRows * 24;
  return draw(
    el,
    {
      aria: { enabled: true, label: { description: o.title } },
      legend: { ...legend(o.series.map((s) => s.name)), type: 'plain', top: undefined, bottom: 0 },
      tooltip: {
        trigger: 'axis',
        textStyle: TEXT,
        valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${o.format(v)}%`),
      },
      grid: { left: 8, right: 24, top: 12, bottom: legendHeight + 8, containLabel: true },
      // every period named, on two lines (`Tribulan II` over `2024`)
      xAxis: {
        type: 'category',
        data: o.periods,
        boundaryGap: true,
        axisLabel: { ...TEXT, interval: 0, lineHeight: 15, formatter: (v: string) => v.replace(/ (\d{4})$/, '\n$1') },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: o.max,
        axisLabel: { ...axisText, formatter: (v: number) => `${o.format(v)}%` },
      },
      series: o.series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.values,
        connectNulls: false,
        showSymbol: true,
        symbolSize: 8,
        lineStyle: { width: 2 },
      })),
    },
    280 + legendHeight,
  );
}

/** Horizontal bars, one per label (longest first), with their value printed at the end. */
export function labelledBars(
  el: HTMLElement,
  o: {
    labels: string[];
    values: number[];
    series: string;
    title: string;
    max?: number;
    format: (v: number) => string;
    color?: string;
  },
): Promise<void> {
  return draw(
    el,
    {
      aria: { enabled: true, label: { description: o.title } },
      legend: legend([o.series]),
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        textStyle: TEXT,
        valueFormatter: (v: number) => o.format(v),
      },
      grid: { left: 8, right: 48, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: o.max, axisLabel: { ...axisText, formatter: (v: number) => o.format(v) } },
      yAxis: {
        type: 'category',
        data: o.labels,
        inverse: true,
        axisLabel: { ...axisText, width: 110, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: o.series,
          data: o.values,
          itemStyle: o.color ? { color: o.color } : undefined,
          barMaxWidth: 22,
          label: { show: true, position: 'right', ...TEXT, formatter: (p: { value: number }) => o.format(p.value) },
        },
      ],
    },
    Math.max(140, 44 + o.labels.length * 30),
  );
}

/** `5 Des` (id) or `5 Dec` (en) from `2024-12-05` */
export function shortDate(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(currentLang() === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  })
    .format(d)
    .replace('.', '');
}

/** Columns per day: every report read, and the flagged ones beside them. */
export function dayColumns(el: HTMLElement, o: { days: string[]; series: Series[]; title: string }): Promise<void> {
  return draw(
    el,
    {
      aria: { enabled: true, label: { description: o.title } },
      legend: legend(o.series.map((s) => s.name)),
      tooltip: { trigger: 'axis', textStyle: TEXT },
      grid: { left: 8, right: 16, top: 34, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: o.days.map(shortDate), axisLabel: axisText },
      yAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
      series: o.series.map((s, i) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        barMaxWidth: 26,
        itemStyle: { color: i ? '#d93025' : '#5b8fd6' },
      })),
    },
    220,
  );
}
