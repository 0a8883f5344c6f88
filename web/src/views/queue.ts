/**
 * The queue: flagged reports not yet reviewed, most severe first then oldest (the server's
 * order), with counts and filters; or every document with its status. Claim-next takes the
 * next report for this reviewer and opens it.
 */
import { api, type ApiError, PAGE_SIZE, query } from '../api';
import { h, replace } from '../dom';
import { age, period, worst } from '../format';
import { t } from '../i18n';
import { keyed, setShortcuts, shortcutLegend, type Shortcut } from '../shortcuts';
import type { DocumentList, DocumentSummary, QueueAnswer } from '../types';
import type { AppContext } from '../main';
import { apiFilters, filterForm, readFilters, toSearch, type Filters } from './filters';

export function severityBadge(d: DocumentSummary['discrepancies']): HTMLElement | null {
  const w = worst(d);
  return w ? h('span', { class: ['badge', `sev-${w}`] }, t(`sev_${w}`)) : null;
}

function counts(d: DocumentSummary['discrepancies']): HTMLElement {
  return h(
    'span',
    { class: 'counts' },
    (['error', 'uncertain', 'warning'] as const).map((s) =>
      d[s] ? h('span', { class: ['count', `sev-${s}`], attrs: { title: t(`sev_${s}`) } }, String(d[s])) : null,
    ),
  );
}

export async function claimNext(ctx: AppContext, filters: Filters): Promise<void> {
  try {
    const r = await api.claimNext(apiFilters(filters));
    if (!r.document) return ctx.notify(t('noneLeft'));
    ctx.go(`/documents/${r.document.id}${toSearch({ ...filters, offset: undefined })}`);
  } catch (e) {
    ctx.notify((e as ApiError).message, 'error');
  }
}

export async function queueView(main: HTMLElement, ctx: AppContext): Promise<void> {
  const filters = readFilters();
  const all = filters.scope === 'all';
  document.title = `lkj — ${t(all ? 'allDocsTitle' : 'queueTitle')}`;
  replace(main, h('p', { class: 'muted' }, t('loading')));
  const offset = Math.max(0, Number(filters.offset) || 0);
  const answer: DocumentList & Partial<Pick<QueueAnswer, 'counts'>> = all
    ? await api.documents(apiFilters(filters), offset)
    : await api.queue(apiFilters(filters, ['status']), offset);
  if (!ctx.current()) return;

  const apply = (f: Filters) => ctx.go(`/${toSearch(f)}`);
  const scope = h(
    'div',
    { class: 'field' },
    h('label', { attrs: { for: 'f-scope' } }, t('scope')),
    h(
      'select',
      {
        attrs: { id: 'f-scope', name: 'scope' },
        on: {
          change: (e) =>
            apply({
              ...filters,
              scope: (e.target as HTMLSelectElement).value === 'all' ? 'all' : undefined,
              status: undefined,
              offset: undefined,
            }),
        },
      },
      h('option', { attrs: { value: '', selected: !all } }, t('scopeQueue')),
      h('option', { attrs: { value: 'all', selected: all } }, t('scopeAll')),
    ),
  );

  // the report keeps the queue's filters: back returns to them, claim-next applies them
  const docUrl = (id: number) => `/documents/${id}${toSearch({ ...filters, offset: undefined })}`;
  let selected = 0;
  const headings = [
    t('severity'),
    t('file'),
    t('kecamatan'),
    t('kabupaten'),
    t('period'),
    t('findings'),
    all ? t('status') : t('review'),
    t('age'),
  ];
  // each cell names its column: on a phone the rows are cards and the header row is hidden (app.css)
  const td = (col: number, cls: string | null, ...children: (Node | string | null)[]) =>
    h('td', { class: cls ?? undefined, dataset: { label: headings[col]! } }, ...children);
  const rows = answer.items.map((d, i) =>
    h(
      'tr',
      {
        class: 'doc-row',
        dataset: { id: String(d.id) },
        attrs: { 'aria-selected': i === 0 ? 'true' : 'false' },
        on: {
          click: (e) => {
            if (!(e.target as Element).closest('a')) ctx.go(docUrl(d.id));
          },
        },
      },
      td(
        0,
        'col-severity',
        severityBadge(d.discrepancies) ?? h('span', { class: ['badge', `st-${d.status}`] }, t(`st_${d.status}`)),
      ),
      td(
        1,
        'col-file',
        h('a', { attrs: { href: docUrl(d.id), 'data-link': '' } }, d.fileName),
        h('div', { class: 'muted small' }, d.unit ?? ''),
      ),
      td(2, null, d.kecamatan ?? '—'),
      td(3, null, d.kabupaten ?? '—'),
      td(4, null, period(d.period)),
      td(5, null, counts(d.discrepancies)),
      td(
        6,
        null,
        all && d.status !== 'flagged' ? t(`st_${d.status}`) : t(`rv_${d.review.state}`),
        d.review.claimedBy ? h('div', { class: 'muted small' }, `${t('claimedBy')} ${d.review.claimedBy}`) : null,
      ),
      td(7, 'muted', age(d.createdAt)),
    ),
  );

  const select = (i: number) => {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, i));
    for (const [j, r] of rows.entries()) r.setAttribute('aria-selected', j === selected ? 'true' : 'false');
    rows[selected]!.scrollIntoView({ block: 'nearest' });
  };
  const keys: Shortcut[] = [
    { key: 'j', label: t('kNext'), run: () => select(selected + 1) },
    { key: 'k', label: t('kPrev'), run: () => select(selected - 1) },
    {
      key: 'Enter',
      label: t('kOpen'),
      run: () => {
        const d = answer.items[selected];
        if (d) ctx.go(docUrl(d.id));
      },
    },
    ...(ctx.canReview ? [{ key: 'n', label: t('kNextReport'), run: () => void claimNext(ctx, filters) }] : []),
  ];
  setShortcuts(keys);

  const exportQuery = query(apiFilters(filters, all ? [] : ['status']));
  const exportLink = (path: string, label: string, id: string) =>
    h('a', { class: 'button secondary', attrs: { href: `${path}${exportQuery}`, download: '', id } }, label);

  const summary = answer.counts
    ? h(
        'p',
        { class: 'summary', attrs: { id: 'queue-counts' } },
        h('strong', null, String(answer.counts!.total)),
        ` ${t('countTotal')} · `,
        h('strong', null, String(answer.counts!.open)),
        ` ${t('countOpen')} · `,
        h('strong', null, String(answer.counts!.claimed)),
        ` ${t('countClaimed')} · `,
        (['error', 'uncertain', 'warning'] as const).map((s) =>
          h('span', { class: ['count', `sev-${s}`] }, `${answer.counts!.mostSevere[s]} ${t(`sev_${s}`)}`),
        ),
      )
    : h('p', { class: 'summary' }, h('strong', null, String(answer.total)), ` ${t('documents')}`);

  replace(
    main,
    h(
      'div',
      { class: 'title-row' },
      h('h1', null, t(all ? 'allDocsTitle' : 'queueTitle')),
      ctx.canReview
        ? h(
            'button',
            { attrs: { type: 'button', id: 'claim-next' }, on: { click: () => void claimNext(ctx, filters) } },
            keyed(t('claimNext'), 'n'),
          )
        : null,
    ),
    summary,
    filterForm(filters, { withStatus: all, onApply: apply, extra: [scope] }),
    h(
      'div',
      { class: 'exports' },
      h('span', null, `${t('exports')}:`),
      exportLink('/api/exports/tables.xlsx', t('exportTables'), 'export-tables'),
      exportLink('/api/exports/findings.xlsx', t('exportFindings'), 'export-findings'),
      exportLink('/api/exports/findings.csv', t('exportFindingsCsv'), 'export-findings-csv'),
      exportLink('/api/exports/reviews.xlsx', t('exportReviews'), 'export-reviews'),
    ),
    rows.length
      ? h(
          'table',
          { class: 'docs', attrs: { id: 'queue-table' } },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              headings.map((c) => h('th', { attrs: { scope: 'col' } }, c)),
            ),
          ),
          h('tbody', null, rows),
        )
      : h('p', { class: 'muted', attrs: { id: 'queue-empty' } }, t('emptyList')),
    pager(answer.total, offset, (o) => ctx.go(`/${toSearch({ ...filters, offset: o ? String(o) : undefined })}`)),
    shortcutLegend(keys, t('shortcuts')),
  );
}

/** previous / next page of the list, when it is longer than a page */
function pager(total: number, offset: number, go: (offset: number) => void): HTMLElement | null {
  if (total <= PAGE_SIZE && offset === 0) return null;
  return h(
    'nav',
    { class: 'pager', attrs: { 'aria-label': t('pages') } },
    h(
      'button',
      {
        class: 'secondary',
        attrs: { type: 'button', disabled: offset === 0 },
        on: { click: () => go(Math.max(0, offset - PAGE_SIZE)) },
      },
      `‹ ${t('prevPage')}`,
    ),
    h('span', null, `${offset + 1}–${Math.min(total, offset + PAGE_SIZE)} / ${total}`),
    h(
      'button',
      {
        class: 'secondary',
        attrs: { type: 'button', disabled: offset + PAGE_SIZE >= total },
        on: { click: () => go(offset + PAGE_SIZE) },
      },
      `${t('nextPage')} ›`,
    ),
  );
}
