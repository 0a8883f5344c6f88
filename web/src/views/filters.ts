/**
 * The filters the API takes (kecamatan, kabupaten, year, period, status, rule, severity), kept in
 * the page's query string so a filtered queue can be bookmarked and survives a reload.
 */
import { h } from '../dom';
import { t, type Key } from '../i18n';

export const FILTER_KEYS = ['kecamatan', 'kabupaten', 'year', 'period', 'status', 'rule', 'severity'] as const;
/** the filters, plus `scope` (queue or all documents) and `offset` (paging), which the API filters do not take */
export type Filters = Partial<Record<(typeof FILTER_KEYS)[number] | 'scope' | 'offset', string>>;

export function readFilters(search = location.search): Filters {
  const q = new URLSearchParams(search);
  const out: Filters = {};
  for (const k of [...FILTER_KEYS, 'scope', 'offset'] as const) {
    const v = q.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** The API's query: only the filters (no `scope`), only those set. */
export function apiFilters(f: Filters, without: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (f[k] && !without.includes(k)) out[k] = f[k]!;
  return out;
}

export function toSearch(f: Filters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const PERIODS = ['tribulan-1', 'tribulan-2', 'tribulan-3', 'tribulan-4', 'semester-1', 'semester-2', 'tahunan'];
const RULES = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'T1', 'S1'];

function periodLabel(p: string): string {
  const [kind, n] = p.split('-');
  return `${t(kind as Key)}${n ? ` ${n}` : ''}`;
}

function select(name: string, value: string | undefined, options: [string, string][]): HTMLSelectElement {
  const el = h(
    'select',
    { attrs: { name, id: `f-${name}` } },
    h('option', { attrs: { value: '' } }, t('any')),
    options.map(([v, label]) => h('option', { attrs: { value: v, selected: v === value } }, label)),
  );
  return el;
}

function field(name: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { attrs: { for: `f-${name}` } }, label), control);
}

/** The filter form; `withStatus` adds the document status (the queue is flagged reports only). */
export function filterForm(
  f: Filters,
  o: { withStatus: boolean; onApply: (f: Filters) => void; extra?: HTMLElement[] },
): HTMLFormElement {
  const text = (name: 'kecamatan' | 'kabupaten') =>
    h('input', { attrs: { name, id: `f-${name}`, value: f[name] ?? '', maxlength: 100 } });
  const form = h(
    'form',
    {
      class: 'filters',
      attrs: { 'aria-label': t('filters') },
      on: {
        submit: (e) => {
          e.preventDefault();
          const data = new FormData(form);
          const next: Filters = { scope: f.scope };
          for (const k of FILTER_KEYS) {
            const v = String(data.get(k) ?? '').trim();
            if (v) next[k] = v;
          }
          o.onApply(next);
        },
      },
    },
    o.extra ?? [],
    field('kecamatan', t('kecamatan'), text('kecamatan')),
    field('kabupaten', t('kabupaten'), text('kabupaten')),
    field(
      'year',
      t('year'),
      h('input', { attrs: { name: 'year', id: 'f-year', type: 'number', min: 1900, max: 2200, value: f.year ?? '' } }),
    ),
    field(
      'period',
      t('period'),
      select(
        'period',
        f.period,
        PERIODS.map((p) => [p, periodLabel(p)]),
      ),
    ),
    o.withStatus
      ? field(
          'status',
          t('status'),
          select(
            'status',
            f.status,
            (['queued', 'processing', 'clean', 'flagged', 'failed'] as const).map((s) => [s, t(`st_${s}`)]),
          ),
        )
      : null,
    field(
      'rule',
      t('rule'),
      select(
        'rule',
        f.rule,
        RULES.map((r) => [r, r]),
      ),
    ),
    field(
      'severity',
      t('severity'),
      select(
        'severity',
        f.severity,
        (['error', 'uncertain', 'warning'] as const).map((s) => [s, t(`sev_${s}`)]),
      ),
    ),
    h(
      'div',
      { class: 'field buttons' },
      h('button', { attrs: { type: 'submit', id: 'apply-filters' } }, t('apply')),
      h(
        'button',
        { class: 'link', attrs: { type: 'button' }, on: { click: () => o.onApply({ scope: f.scope }) } },
        t('reset'),
      ),
    ),
  );
  return form;
}
