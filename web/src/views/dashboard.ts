/**
 * Dashboard over GET /api/stats: capaian kinerja and serapan anggaran by kecamatan and period,
 * the flagged rate, reports processed per night, the most frequent rules. Same filters as the queue.
 */
import { api } from '../api';
import { barChart, dayChart, legend } from '../charts';
import { h, replace } from '../dom';
import { num, period } from '../format';
import { ruleText, t } from '../i18n';
import type { AppContext } from '../main';
import type { PlaceStats } from '../types';
import { apiFilters, filterForm, readFilters, toSearch } from './filters';

const placeLabel = (p: PlaceStats) =>
  `${p.kecamatan ?? '—'} · ${period(p.periodKind ? { kind: p.periodKind, number: p.periodNumber, year: p.year } : null)}`;

/** green at or above 91 %, amber from 66 %, red below (the common LKj bands; only a colour cue) */
const band = (v: number | null) => (v === null ? '' : v >= 91 ? 'good' : v >= 66 ? 'fair' : 'poor');

export async function dashboardView(main: HTMLElement, ctx: AppContext): Promise<void> {
  document.title = `lkj — ${t('dashboardTitle')}`;
  const filters = readFilters();
  replace(main, h('p', { class: 'muted' }, t('loading')));
  const st = await api.stats(apiFilters(filters));
  if (!ctx.current()) return;

  const places = st.byPlace;
  const card = (title: string, id: string, ...body: (Node | null)[]) => h('section', { class: 'card', attrs: { id } }, h('h2', null, title), ...body);
  const pct = (v: number) => num(v);
  const d = st.documents;

  replace(main,
    h('h1', null, t('dashboardTitle')),
    filterForm(filters, { withStatus: true, onApply: (f) => ctx.go(`/dashboard${toSearch(f)}`) }),
    h('div', { class: 'cards' },
      card(t('flaggedRate'), 'stat-flagged',
        h('p', { class: 'big' }, st.flaggedRate === null ? '—' : `${num(st.flaggedRate)}%`),
        h('p', { class: 'muted' }, `${d.flagged} ${t('flaggedWord')} / ${d.clean + d.flagged} · ${d.total} ${t('documents')}`),
        h('p', { class: 'status-line' }, (['queued', 'processing', 'clean', 'flagged', 'failed'] as const).map((s) => h('span', { class: ['badge', `st-${s}`] }, `${d[s]} ${t(`st_${s}`)}`)))),
      card(t('processedPerDay'), 'stat-nightly',
        st.processedPerDay.length ? dayChart(st.processedPerDay, { title: t('processedPerDay'), id: 'chart-nightly' }) : h('p', { class: 'muted' }, t('noData')),
        legend([['processed', t('processed')], ['flagged', t('flaggedWord')]])),
      card(t('capaianByPlace'), 'stat-capaian',
        places.length ? barChart(places.map((p) => ({ label: placeLabel(p), value: p.capaianKinerja, cls: band(p.capaianKinerja) })), { max: 100, unit: '%', format: pct, title: t('capaianByPlace'), id: 'chart-capaian' }) : h('p', { class: 'muted' }, t('noData'))),
      card(t('serapanByPlace'), 'stat-serapan',
        places.length ? barChart(places.map((p) => ({ label: placeLabel(p), value: p.serapanAnggaran, cls: band(p.serapanAnggaran) })), { max: 100, unit: '%', format: pct, title: t('serapanByPlace'), id: 'chart-serapan' }) : h('p', { class: 'muted' }, t('noData'))),
      card(t('topRules'), 'stat-rules',
        st.rules.length ? barChart(st.rules.map((r) => ({ label: `${r.rule} — ${ruleText(r.rule)}`, value: r.findings, title: `${r.rule}: ${r.findings} (${r.reports} ${t('reports')}) — ${ruleText(r.rule)}` })), { format: (v) => num(v, 0), title: t('topRules'), id: 'chart-rules' }) : h('p', { class: 'muted' }, t('noData')))));
}
