/**
 * The inspectorate's dashboard over GET /api/stats, with the queue's filters: who has reported for
 * which period (kelengkapan: unit × period), capaian kinerja and serapan anggaran per unit across
 * periods, the share of read reports each rule flags, reports read per day, the flagged rate.
 */
import { api } from '../api';
import { dayColumns, labelledBars, periodLines } from '../charts';
import { h, replace } from '../dom';
import { num, period } from '../format';
import { ruleText, t } from '../i18n';
import type { AppContext } from '../main';
import type { PlaceStats, Stats } from '../types';
import { apiFilters, filterForm, readFilters, toSearch } from './filters';

const KIND_ORDER: Record<string, number> = { tribulan: 0, semester: 1, tahunan: 2 };

interface Period {
  key: string;
  filter: string;
  year: number | null;
  label: string;
  order: number;
}
interface Unit {
  key: string;
  kabupaten: string | null;
  kecamatan: string | null;
  unit: string | null;
  label: string;
}

const periodOf = (p: PlaceStats): Period => {
  const kind = p.periodKind ?? '';
  const filter = kind === 'tahunan' || p.periodNumber === null ? kind : `${kind}-${p.periodNumber}`;
  return {
    key: `${filter}/${p.year ?? ''}`,
    filter,
    year: p.year,
    label: period(p.periodKind ? { kind: p.periodKind, number: p.periodNumber, year: p.year } : null),
    order: (p.year ?? 0) * 100 + (KIND_ORDER[kind] ?? 3) * 10 + (p.periodNumber ?? 0),
  };
};
const unitOf = (p: PlaceStats): Unit => ({
  key: [p.kabupaten, p.kecamatan, p.unit].join('|'),
  kabupaten: p.kabupaten,
  kecamatan: p.kecamatan,
  unit: p.unit,
  label: [p.kecamatan ?? '—', p.unit].filter(Boolean).join(' · '),
});

/** The units and periods of the selection, in order, and what each unit reported for each period. */
function coverage(places: PlaceStats[]) {
  const periods = new Map<string, Period>();
  const units = new Map<string, Unit>();
  const cells = new Map<string, PlaceStats>();
  for (const p of places) {
    const pe = periodOf(p),
      u = unitOf(p);
    periods.set(pe.key, pe);
    units.set(u.key, u);
    cells.set(`${u.key}#${pe.key}`, p);
  }
  const byName = (a: Unit, b: Unit) =>
    [a.kabupaten, a.kecamatan, a.unit].join('|').localeCompare([b.kabupaten, b.kecamatan, b.unit].join('|'), 'id');
  return {
    periods: [...periods.values()].sort((a, b) => a.order - b.order),
    units: [...units.values()].sort(byName),
    cell: (u: Unit, p: Period) => cells.get(`${u.key}#${p.key}`),
  };
}

function coverageTable(places: PlaceStats[]): HTMLElement {
  const { periods, units, cell } = coverage(places);
  if (!units.length) return h('p', { class: 'muted' }, t('noData'));
  const done = units.reduce((n, u) => n + periods.filter((p) => cell(u, p)).length, 0);
  const link = (u: Unit, p: Period) =>
    `/${toSearch({ scope: 'all', kecamatan: u.kecamatan ?? undefined, kabupaten: u.kabupaten ?? undefined, year: p.year ? String(p.year) : undefined, period: p.filter || undefined })}`;
  return h(
    'div',
    null,
    h(
      'p',
      { class: 'summary', attrs: { id: 'coverage-summary' } },
      t('coverageSummary', { done, all: units.length * periods.length }),
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'coverage', attrs: { id: 'coverage-table' } },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { attrs: { scope: 'col' } }, t('unit')),
            periods.map((p) => h('th', { attrs: { scope: 'col' } }, p.label)),
          ),
        ),
        h(
          'tbody',
          null,
          units.map((u) =>
            h(
              'tr',
              { dataset: { unit: u.label } },
              h(
                'th',
                { attrs: { scope: 'row' } },
                h('span', { class: 'unit-place' }, u.kecamatan ?? '—'),
                h(
                  'span',
                  { class: 'muted small' },
                  [u.unit, u.kabupaten && `Kab. ${u.kabupaten}`].filter(Boolean).join(' · '),
                ),
              ),
              periods.map((p) => {
                const c = cell(u, p);
                if (!c)
                  return h(
                    'td',
                    {
                      class: 'cov-missing',
                      dataset: { period: p.label, state: 'missing' },
                      attrs: { title: `${u.label} · ${p.label}: ${t('notReported')}` },
                    },
                    h('span', { attrs: { 'aria-label': t('notReported') } }, '—'),
                  );
                const state = c.flagged ? 'flagged' : 'clean';
                return h(
                  'td',
                  { class: `cov-${state}`, dataset: { period: p.label, state } },
                  h(
                    'a',
                    {
                      attrs: { href: link(u, p), 'data-link': '', title: `${u.label} · ${p.label}: ${t('reported')}` },
                    },
                    `✓ ${t(`st_${state}`)}${c.reports > 1 ? ` ×${c.reports}` : ''}`,
                  ),
                );
              }),
            ),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'legend' },
      h('span', { class: 'swatch cov-clean' }, `✓ ${t('st_clean')}`),
      h('span', { class: 'swatch cov-flagged' }, `✓ ${t('st_flagged')}`),
      h('span', { class: 'swatch cov-missing' }, `— ${t('notReported')}`),
    ),
  );
}

/** every day from the first to the last with reports read, empty ones as zero */
function allDays(list: Stats['processedPerDay']): Stats['processedPerDay'] {
  if (!list.length) return [];
  const by = new Map(list.map((d) => [d.day, d]));
  const out: Stats['processedPerDay'] = [];
  for (
    let d = new Date(`${list[0]!.day}T00:00:00Z`);
    d <= new Date(`${list[list.length - 1]!.day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const day = d.toISOString().slice(0, 10);
    out.push(by.get(day) ?? { day, processed: 0, flagged: 0 });
  }
  return out;
}

export async function dashboardView(main: HTMLElement, ctx: AppContext): Promise<void> {
  document.title = `lkj — ${t('dashboardTitle')}`;
  const filters = readFilters();
  replace(main, h('p', { class: 'muted', attrs: { id: 'loading' } }, t('loading')));
  const st = await api.stats(apiFilters(filters));
  if (!ctx.current()) return;

  const d = st.documents;
  const read = d.clean + d.flagged;
  const card = (title: string, id: string, ...body: (Node | null)[]) =>
    h('section', { class: 'card', attrs: { id } }, h('h2', null, title), ...body);
  const chartBox = (id: string) => h('div', { class: 'chart', attrs: { id } });
  const noData = () => h('p', { class: 'muted' }, t('noData'));
  const { periods, units, cell } = coverage(st.byPlace);
  const rules = [...st.rules].sort((a, b) => b.reports - a.reports || a.rule.localeCompare(b.rule));
  const days = allDays(st.processedPerDay);

  const capaian = chartBox('chart-capaian'),
    serapan = chartBox('chart-serapan'),
    ruleChart = chartBox('chart-rules'),
    nightly = chartBox('chart-nightly');
  replace(
    main,
    h('h1', null, t('dashboardTitle')),
    filterForm(filters, { withStatus: true, onApply: (f) => ctx.go(`/dashboard${toSearch(f)}`) }),
    h(
      'div',
      { class: 'cards' },
      card(
        t('flaggedRate'),
        'stat-flagged',
        h('p', { class: 'big' }, st.flaggedRate === null ? '—' : `${num(st.flaggedRate)}%`),
        h('p', { class: 'muted' }, `${d.flagged} ${t('flaggedWord')} / ${read} · ${d.total} ${t('documents')}`),
        h(
          'p',
          { class: 'status-line' },
          (['queued', 'processing', 'clean', 'flagged', 'failed'] as const).map((s) =>
            h('span', { class: ['badge', `st-${s}`] }, `${d[s]} ${t(`st_${s}`)}`),
          ),
        ),
      ),
      card(t('processedPerDay'), 'stat-nightly', days.length ? nightly : noData()),
      h(
        'section',
        { class: 'card wide', attrs: { id: 'stat-coverage' } },
        h('h2', null, t('coverageTitle')),
        h('p', { class: 'muted small' }, t('coverageHelp')),
        coverageTable(st.byPlace),
      ),
      // wide: a line per unit and a legend naming each
      h(
        'section',
        { class: 'card wide', attrs: { id: 'stat-capaian' } },
        h('h2', null, t('capaianTrend')),
        units.length ? capaian : noData(),
      ),
      h(
        'section',
        { class: 'card wide', attrs: { id: 'stat-serapan' } },
        h('h2', null, t('serapanTrend')),
        units.length ? serapan : noData(),
      ),
      card(
        t('flaggedByRule'),
        'stat-rules',
        rules.length && read
          ? h(
              'div',
              null,
              h('p', { class: 'muted small' }, t('flaggedByRuleHelp')),
              ruleChart,
              h(
                'dl',
                { class: 'rule-legend' },
                rules.map((r) => [
                  h('dt', null, r.rule),
                  h('dd', null, `${ruleText(r.rule)} (${t('ofReports', { n: r.reports, all: read })})`),
                ]),
              ),
            )
          : noData(),
      ),
    ),
  );

  const series = (value: (p: PlaceStats) => number | null) =>
    units.map((u) => ({
      name: u.label,
      values: periods.map((p) => {
        const c = cell(u, p);
        return c ? value(c) : null;
      }),
    }));
  const pct = (v: number) => num(v, 1);
  await Promise.all([
    units.length
      ? periodLines(capaian, {
          periods: periods.map((p) => p.label),
          series: series((p) => p.capaianKinerja),
          title: t('capaianTrend'),
          format: pct,
        })
      : null,
    units.length
      ? periodLines(serapan, {
          periods: periods.map((p) => p.label),
          series: series((p) => p.serapanAnggaran),
          title: t('serapanTrend'),
          max: 100,
          format: pct,
        })
      : null,
    rules.length && read
      ? labelledBars(ruleChart, {
          labels: rules.map((r) => r.rule),
          values: rules.map((r) => Math.round((r.reports / read) * 1000) / 10),
          series: t('flaggedRate'),
          title: t('flaggedByRule'),
          max: 100,
          format: (v) => `${num(v, 1)}%`,
          color: '#d93025',
        })
      : null,
    days.length
      ? dayColumns(nightly, {
          days: days.map((x) => x.day),
          title: t('processedPerDay'),
          series: [
            { name: t('processed'), values: days.map((x) => x.processed) },
            { name: t('flaggedWord'), values: days.map((x) => x.flagged) },
          ],
        })
      : null,
  ]);
}
