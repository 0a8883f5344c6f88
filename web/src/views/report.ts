/**
 * One report under review: its findings (stated vs expected, the rule in plain words, the
 * highlighted evidence crop) beside the page with the finding's box drawn on it, the extracted
 * tables with the flagged cells marked, the narrative's claims with their sentences, and the
 * actions: confirm, correct a misread value (verification runs again), dismiss, mark reviewed.
 */
import { api, type ApiError, type Analysis } from '../api';
import { formDialog } from '../dialog';
import { h, replace } from '../dom';
import { cell, claimLabel, dateTime, fieldLabel, period, versionReason, where } from '../format';
import { ruleText, t, type Key } from '../i18n';
import { keyed, setShortcuts, shortcutLegend, type Shortcut } from '../shortcuts';
import type { Cell, Discrepancy, DocumentDetail, Report, TableField, TableId, TableRow } from '../types';
import type { AppContext } from '../main';
import { pageView, type PageBox } from './page-view';
import { claimNext } from './queue';
import { readFilters } from './filters';
import { signaturePanel } from './signature-panel';

/** The columns of each table as shown: `No` and the contract's fields (src/model/contract.ts), in its order. */
const COLUMNS = {
  '2.1': ['no', 'sasaran', 'indikator', 'target'],
  '2.2': ['no', 'min', 'max', 'kriteria'],
  '2.3': ['no', 'sasaran', 'indikator', 'target', 'realisasi', 'capaian'],
  '2.4': [
    'no',
    'sasaran',
    'indikator',
    'pagu',
    'realisasiAnggaran',
    'capaianAnggaran',
    'target',
    'realisasi',
    'capaian',
  ],
  '2.5': ['no', 'uraian', 'pagu', 'realisasi', 'capaian'],
} as const satisfies { readonly [K in TableId]: readonly ('no' | TableField<K>)[] };
/** A field of the contract that COLUMNS does not show: the typecheck fails naming it. */
type Unshown = { [K in TableId]: Exclude<TableField<K>, (typeof COLUMNS)[K][number]> }[TableId];
type Assert<T extends true> = T;
export type EveryFieldShown = Assert<[Unshown] extends [never] ? true : { unshown: Unshown }>;

const TABLE_IDS = Object.keys(COLUMNS) as TableId[];
const isTable = (t: string): t is TableId => Object.hasOwn(COLUMNS, t);
/** A row's value in a column (its extras, `extra`, `ranges`, `notes`, are no column). */
const cellValue = (row: TableRow, col: string): Cell => {
  const v = (row as Record<string, unknown>)[col];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
};

interface Finding {
  index: number;
  d: Discrepancy;
  view: DocumentDetail['discrepancies'][number];
}

/** Which occurrence of a repeated row label the finding is about: the row whose cell shows the stated value. */
function occurrenceOf(report: Report, d: Discrepancy): number | undefined {
  const rows = (isTable(d.table) ? (report.tables[d.table] as TableRow[]) : []).filter((r) => r.no === d.row);
  if (rows.length < 2) return undefined;
  const i = rows.findIndex((r) => cellValue(r, d.field) === d.stated);
  return i >= 0 ? i : undefined;
}

/** Columns of running text: they wrap at words and keep a readable width on a phone (the table scrolls). */
const TEXT_COLUMNS = new Set(['sasaran', 'indikator', 'uraian', 'kriteria']);

export async function reportView(main: HTMLElement, ctx: AppContext, id: number): Promise<void> {
  let selected = 0;
  let busy = false;
  /** after a decision: bring the next finding into view in both panes once the report is drawn again */
  let reveal = false;
  document.title = `lkj — ${t('loadingReport')}`;
  replace(
    main,
    h(
      'p',
      { class: 'loading', attrs: { id: 'report-loading', role: 'status', 'aria-busy': 'true' } },
      h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      t('loadingReport'),
    ),
  );

  const load = async (after?: () => void): Promise<void> => {
    const [detail, analysis] = await Promise.all([
      api.document(id),
      api.analysis(id).catch(() => null as Analysis | null),
    ]);
    if (!ctx.current()) return;
    // the notice sits above the report: shown first, so it cannot push the finding just revealed out of view
    after?.();
    draw(detail, analysis);
  };

  /** run an action, then reload the report so every flag shows the server's new state */
  const act = async (fn: () => Promise<string | null>) => {
    if (busy) return;
    busy = true;
    try {
      const msg = await fn();
      await load(() => {
        if (msg) ctx.notify(msg);
      });
    } catch (e) {
      const err = e as ApiError;
      ctx.notify(err.message, 'error');
      if (err.code === 'stale-version') await load();
    } finally {
      busy = false;
    }
  };

  const draw = (detail: DocumentDetail, analysis: Analysis | null) => {
    const doc = detail.document;
    const report = detail.report;
    document.title = `lkj — ${doc.fileName}`;
    const version = doc.version ?? 0;
    const mine = doc.review.claimedBy === ctx.session.user.username;
    const heldByOther = doc.review.state === 'claimed' && doc.review.claimedBy && !mine;

    const head = h(
      'div',
      { class: 'report-head' },
      h('a', { class: 'back', attrs: { href: `/${location.search}`, 'data-link': '' } }, `← ${t('back')}`),
      h('h1', { attrs: { id: 'report-title' } }, doc.fileName),
      h(
        'p',
        { class: 'meta-line' },
        h(
          'span',
          { class: ['badge', `st-${doc.status}`], attrs: { id: 'report-status' } },
          t(`st_${doc.status}` as Key),
        ),
        ' ',
        [
          doc.unit,
          doc.kecamatan && `Kec. ${doc.kecamatan}`,
          doc.kabupaten && `Kab. ${doc.kabupaten}`,
          period(doc.period),
        ]
          .filter(Boolean)
          .join(' · '),
        version ? ` · ${t('version')} ${version}` : '',
        detail.versions.length > 1
          ? ` (${t('versionHistory')}: ${detail.versions.map((v) => `${v.version} ${versionReason(v.reason)}`).join(', ')})`
          : '',
      ),
      h(
        'p',
        { class: 'review-line', attrs: { id: 'review-state' } },
        `${t('review')}: ${t(`rv_${doc.review.state}` as Key)}`,
        doc.review.claimedBy ? ` — ${mine ? t('claimedByYou') : `${t('claimedBy')} ${doc.review.claimedBy}`}` : '',
        doc.review.reviewedBy
          ? ` — ${doc.review.reviewedBy}, ${doc.review.reviewedAt ? dateTime(doc.review.reviewedAt) : ''}`
          : '',
      ),
      ctx.canReview && report
        ? h(
            'div',
            { class: 'actions' },
            mine
              ? h(
                  'button',
                  {
                    class: 'secondary',
                    attrs: { type: 'button', id: 'release' },
                    on: {
                      click: () =>
                        act(async () => {
                          await api.release(id);
                          return null;
                        }),
                    },
                  },
                  t('release'),
                )
              : h(
                  'button',
                  {
                    class: 'secondary',
                    attrs: { type: 'button', id: 'claim', disabled: !!heldByOther },
                    on: {
                      click: () =>
                        act(async () => {
                          await api.claim(id);
                          return null;
                        }),
                    },
                  },
                  t('claim'),
                ),
            h(
              'button',
              {
                attrs: { type: 'button', id: 'mark-reviewed', disabled: !!heldByOther },
                on: { click: () => void markReviewed() },
              },
              keyed(t('markReviewed'), 'r'),
            ),
            h(
              'button',
              {
                class: 'secondary',
                attrs: { type: 'button', id: 'next-report' },
                on: { click: () => void claimNext(ctx, readFilters()) },
              },
              keyed(t('claimNext'), 'n'),
            ),
            h(
              'a',
              { class: 'button secondary', attrs: { href: `/api/exports/reports/${id}.json`, download: '' } },
              'JSON',
            ),
          )
        : !ctx.canReview
          ? h('p', { class: 'muted' }, t('readOnly'))
          : null,
    );

    if (!report) {
      const why = doc.failure?.message ?? t(`st_${doc.status}` as Key);
      replace(main, head, h('p', { class: 'notice', attrs: { id: 'not-ready' } }, why));
      setShortcuts([]);
      // still being read: look again until the report is there
      if (doc.status === 'queued' || doc.status === 'processing')
        setTimeout(() => {
          if (ctx.current()) void load().catch(() => {});
        }, 3000);
      return;
    }

    const findings: Finding[] = detail.discrepancies.map((view) => ({
      index: view.index,
      d: report.discrepancies[view.index]!,
      view,
    }));
    selected = Math.min(selected, Math.max(0, findings.length - 1));
    const pages = Math.max(1, report.source.pages || doc.pages || 1);
    const pv = pageView(detail.pageUrl, pages, (n) => showPage(n));

    /** the boxes of every finding on page n, the selected one strong; plus one cell's box */
    const showPage = (n: number, cellBox?: readonly number[]) => {
      const boxes: PageBox[] = findings
        .filter((f) => f.d.evidence.page === n && f.d.evidence.bbox)
        .map((f) => ({
          bbox: f.d.evidence.bbox!,
          kind: f.index === findings[selected]?.index && !cellBox ? ('selected' as const) : ('finding' as const),
          label: `${f.d.rule} ${where(f.d)}`,
        }));
      if (cellBox) boxes.push({ bbox: cellBox, kind: 'cell' });
      pv.show(n, boxes);
    };

    const cards = findings.map((f, i) => findingCard(f, i));
    /** `scroll`: the findings pane only (the window stays where the reader is); `reveal`: the window too */
    const select = (i: number, scroll: boolean | 'reveal' = true) => {
      if (!findings.length) return;
      selected = (i + findings.length) % findings.length;
      for (const [j, card] of cards.entries()) card.classList.toggle('selected', j === selected);
      const c = cards[selected]!,
        pane = c.parentElement!;
      const bring = () => {
        if (scroll === 'reveal') c.scrollIntoView({ block: 'nearest' });
        else if (scroll) {
          if (c.offsetTop < pane.scrollTop || c.offsetTop + c.offsetHeight > pane.scrollTop + pane.clientHeight)
            pane.scrollTop = c.offsetTop - 40;
        }
      };
      bring();
      // its evidence crop has no size until it loads: the card grows then, so bring it into view again
      for (const img of c.querySelectorAll('img'))
        if (!img.complete)
          img.addEventListener('load', () => c.isConnected && cards[selected] === c && bring(), { once: true });
      const f = findings[selected]!;
      showPage(f.d.evidence.page ?? pv.page());
      for (const c of main.querySelectorAll('td.flag'))
        c.classList.toggle('flag-selected', c.getAttribute('data-finding') === String(f.index));
    };

    function findingCard(f: Finding, i: number): HTMLElement {
      const dec = f.view.decision;
      const decided =
        dec &&
        h(
          'p',
          { class: ['decision', dec.outcome], attrs: { 'data-testid': 'decision' } },
          `${t(dec.outcome)} ${t('by')} ${dec.by}`,
          dec.reason ? ` — “${dec.reason}”` : '',
        );
      const canAct = ctx.canReview && !heldByOther;
      return h(
        'article',
        {
          class: ['finding', `sev-${f.d.severity}`, dec ? 'decided' : null],
          dataset: { index: String(f.index), rule: f.d.rule, where: `${f.d.table}/${f.d.row}/${f.d.field}` },
          attrs: { tabindex: -1 },
          on: {
            click: (e) => {
              if (!(e.target as Element).closest('button')) select(i, false);
            },
          },
        },
        h(
          'header',
          null,
          h('span', { class: ['badge', `sev-${f.d.severity}`] }, t(`sev_${f.d.severity}` as Key)),
          h('strong', { class: 'rule' }, f.d.rule),
          h('span', { class: 'where' }, where(f.d)),
        ),
        h(
          'dl',
          { class: 'values' },
          h('dt', null, t('stated')),
          h('dd', { class: 'stated' }, cell(f.d.stated, f.d.field, f.d.table)),
          h('dt', null, t('expected')),
          h('dd', { class: 'expected' }, cell(f.d.expected, f.d.field, f.d.table)),
        ),
        h('p', { class: 'message' }, f.d.message),
        h(
          'p',
          { class: 'rule-text' },
          h('span', { class: 'muted' }, `${t('ruleMeaning')} ${f.d.rule}: `),
          ruleText(f.d.rule),
        ),
        f.view.evidenceUrl
          ? h(
              'figure',
              { class: 'evidence' },
              h('img', {
                class: 'evidence-crop',
                attrs: { src: f.view.evidenceUrl, alt: `${t('evidence')}: ${where(f.d)}`, loading: 'lazy' },
              }),
              h('figcaption', { class: 'muted small' }, `${t('evidence')} · ${t('page')} ${f.d.evidence.page}`),
            )
          : h('p', { class: 'muted small' }, t('noEvidence')),
        decided,
        canAct
          ? h(
              'div',
              { class: 'buttons' },
              h(
                'button',
                {
                  attrs: { type: 'button', 'data-action': 'confirm' },
                  on: {
                    click: () => {
                      select(i, false);
                      confirm();
                    },
                  },
                },
                keyed(t('confirm'), 'c'),
              ),
              f.d.table !== 'meta' && f.d.table !== 'signature'
                ? h(
                    'button',
                    {
                      class: 'secondary',
                      attrs: { type: 'button', 'data-action': 'correct' },
                      on: {
                        click: () => {
                          select(i, false);
                          void correct();
                        },
                      },
                    },
                    keyed(t('correct'), 'e'),
                  )
                : null,
              h(
                'button',
                {
                  class: 'secondary',
                  attrs: { type: 'button', 'data-action': 'dismiss' },
                  on: {
                    click: () => {
                      select(i, false);
                      void dismiss();
                    },
                  },
                },
                keyed(t('dismiss'), 'd'),
              ),
            )
          : null,
      );
    }

    /** after a decision, the next finding still undecided (in list order, wrapping) */
    const nextUndecided = () => {
      for (let k = 1; k <= findings.length; k++) {
        const j = (selected + k) % findings.length;
        if (!findings[j]!.view.decision) return j;
      }
      return selected;
    };

    const confirm = () => {
      const f = findings[selected];
      if (!f || !ctx.canReview || heldByOther) return;
      selected = nextUndecided();
      reveal = true;
      void act(async () => {
        await api.confirm(id, f.index, version);
        return `${f.d.rule} ${where(f.d)}: ${t('confirmed')}`;
      });
    };

    const dismiss = async () => {
      const f = findings[selected];
      if (!f || !ctx.canReview || heldByOther) return;
      const data = await formDialog({
        id: 'dismiss-dialog',
        title: t('dismissTitle'),
        submit: t('dismiss'),
        intro: [h('p', null, h('strong', null, f.d.rule), ` · ${where(f.d)}`), h('p', { class: 'muted' }, f.d.message)],
        fields: [
          h('label', { attrs: { for: 'dismiss-reason' } }, t('reason')),
          h('textarea', { attrs: { id: 'dismiss-reason', name: 'reason', required: true, maxlength: 2000, rows: 3 } }),
        ],
      });
      const reason = String(data?.get('reason') ?? '').trim();
      if (!data) return;
      if (!reason) return ctx.notify(t('reasonRequired'), 'error');
      selected = nextUndecided();
      reveal = true;
      await act(async () => {
        await api.dismiss(id, f.index, version, reason);
        return `${f.d.rule} ${where(f.d)}: ${t('dismissed')}`;
      });
    };

    /** the correction dialog for one cell (or claim); verification runs again on save */
    const correctCell = async (c: {
      table: TableId | 'narrative';
      row: string;
      field: string;
      stated: Discrepancy['stated'];
      occurrence?: number;
    }) => {
      const raw = (c.table === 'narrative' ? undefined : analysis?.tables[c.table])?.filter((r) => r.no === c.row)[
        c.occurrence ?? 0
      ]?.fields[c.field]?.raw;
      const data = await formDialog({
        id: 'correct-dialog',
        title: t('correctTitle'),
        submit: t('save'),
        intro: [
          h('p', null, h('strong', null, where(c)), ` · ${t('stated')}: ${cell(c.stated, c.field, c.table)}`),
          h('p', { class: 'muted' }, t('correctHelp')),
        ],
        fields: [
          h('label', { attrs: { for: 'correct-value' } }, t('value')),
          h('input', {
            attrs: {
              id: 'correct-value',
              name: 'value',
              value: raw || (c.stated === null ? '' : String(c.stated)),
              maxlength: 200,
              autocomplete: 'off',
            },
          }),
        ],
      });
      if (!data) return;
      const value = String(data.get('value') ?? '').trim();
      await act(async () => {
        const r = await api.correct(id, {
          table: c.table,
          row: c.row,
          field: c.table === 'narrative' ? 'value' : c.field,
          value: value === '' ? null : value,
          version,
          ...(c.occurrence !== undefined ? { occurrence: c.occurrence } : {}),
        });
        selected = 0;
        return [
          t('clearedN', { n: r.cleared.length }),
          r.added.length ? t('addedN', { n: r.added.length }) : '',
          t('newVersion', { v: r.version }),
        ]
          .filter(Boolean)
          .join(' · ');
      });
    };

    const correct = () => {
      const f = findings[selected];
      if (!f || !ctx.canReview || heldByOther || f.d.table === 'meta' || f.d.table === 'signature') return;
      return correctCell({
        ...f.d,
        table: f.d.table,
        occurrence: f.d.table === 'narrative' ? undefined : occurrenceOf(report, f.d),
      });
    };

    const markReviewed = async () => {
      if (!ctx.canReview || heldByOther) return;
      // findings nobody decided on: ask before the report leaves the queue
      const open = findings.filter((f) => !f.view.decision).length;
      if (open) {
        const ok = await formDialog({
          id: 'reviewed-dialog',
          title: t('reviewTitle'),
          submit: t('markReviewedAnyway'),
          intro: [h('p', null, t('markReviewedAsk', { n: open }))],
          fields: [],
        });
        if (!ok) return;
      }
      await act(async () => {
        const r = await api.reviewed(id, version);
        return `${t('reviewedMsg')}${r.undecided ? ` (${r.undecided} ${t('undecidedLeft')})` : ''}`;
      });
    };

    // where each cell is on the page (provenance), to show any cell, not only flagged ones
    const cellBox = (table: TableId, rowIndex: number, field: string) =>
      analysis?.tables[table]?.[rowIndex]?.fields[field];
    const pagePane = h('section', { class: 'page-pane', attrs: { id: 'page-pane', 'aria-label': t('page') } }, pv.el);
    /**
     * A cell clicked down in the tables: the page beside the findings comes into view with its box;
     * a moment later, so the second click of a double-click (correct the cell) still lands on it.
     */
    let paneTimer: ReturnType<typeof setTimeout> | undefined;
    const showPane = () => {
      clearTimeout(paneTimer);
      paneTimer = setTimeout(() => {
        if (pagePane.isConnected) pagePane.scrollIntoView({ block: 'nearest' });
      }, 400);
    };
    const tables = TABLE_IDS.map((tid) => {
      const rows: TableRow[] = report.tables[tid] ?? [];
      const columns: readonly string[] = COLUMNS[tid];
      const missing = report.missingTables?.includes(tid);
      return h(
        'section',
        { class: 'table-block', attrs: { id: `table-${tid.replace('.', '-')}` } },
        h('h3', null, `Tabel ${tid} — ${t(`table_${tid.replace('.', '_')}` as Key)}`),
        missing || !rows.length
          ? h('p', { class: 'muted' }, t('missingTable'))
          : h(
              'div',
              { class: 'table-scroll' },
              h(
                'table',
                { class: 'extracted' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    columns.map((c) =>
                      h(
                        'th',
                        { class: TEXT_COLUMNS.has(c) ? 'text' : undefined, attrs: { scope: 'col' } },
                        fieldLabel(c, tid),
                      ),
                    ),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  rows.map((row, ri) =>
                    h(
                      'tr',
                      null,
                      columns.map((col) => {
                        const hit = findings.find((f) => f.d.table === tid && f.d.row === row.no && f.d.field === col);
                        const prov = cellBox(tid, ri, col);
                        return h(
                          'td',
                          {
                            class: [
                              hit ? 'flag' : null,
                              hit ? `sev-${hit.d.severity}` : null,
                              typeof cellValue(row, col) === 'number' ? 'num' : null,
                              TEXT_COLUMNS.has(col) ? 'text' : null,
                              prov?.correctedBy ? 'corrected' : null,
                            ],
                            attrs: {
                              'data-finding': hit ? String(hit.index) : null,
                              'data-cell': `${tid}/${row.no}/${col}`,
                              title: prov?.correctedBy
                                ? `${t('correctedBy')} ${prov.correctedBy}`
                                : ctx.canReview && col !== 'no'
                                  ? t('dblclickCorrect')
                                  : null,
                            },
                            on: {
                              click: () => {
                                if (hit) select(findings.indexOf(hit));
                                else if (prov?.page && prov.bbox) showPage(prov.page, prov.bbox);
                                showPane();
                              },
                              // any cell can be misread, not only the flagged one (R6 names one of two tables)
                              dblclick: () => {
                                clearTimeout(paneTimer);
                                if (!ctx.canReview || heldByOther || col === 'no') return;
                                const same = rows.filter((r) => r.no === row.no);
                                void correctCell({
                                  table: tid,
                                  row: row.no,
                                  field: col,
                                  stated: cellValue(row, col),
                                  occurrence: same.length > 1 ? same.indexOf(row) : undefined,
                                });
                              },
                            },
                          },
                          cell(cellValue(row, col), col, tid),
                        );
                      }),
                    ),
                  ),
                ),
              ),
            ),
      );
    });

    const claims = h(
      'section',
      { class: 'claims', attrs: { id: 'claims' } },
      h('h2', null, t('claims')),
      report.claims.length
        ? h(
            'ul',
            null,
            report.claims.map((c) => {
              const hit = findings.find((f) => f.d.table === 'narrative' && f.d.row === c.kind);
              return h(
                'li',
                { class: hit ? ['claim', 'flag', `sev-${hit.d.severity}`] : 'claim' },
                h(
                  'button',
                  { class: 'link', attrs: { type: 'button' }, on: { click: () => showPage(c.page) } },
                  `${t('page')} ${c.page}`,
                ),
                ' ',
                h('strong', null, claimLabel(c.kind)),
                ': ',
                h(
                  'span',
                  { class: 'claim-value' },
                  typeof c.value === 'number' ? cell(c.value, '', 'narrative') : c.value,
                ),
                h('blockquote', { class: 'claim-text' }, c.text),
              );
            }),
          )
        : h('p', { class: 'muted' }, '—'),
    );

    const meta = report.report;
    const metaBlock = h(
      'section',
      { class: 'meta', attrs: { id: 'meta' } },
      h('h2', null, t('meta')),
      h(
        'dl',
        null,
        h('dt', null, t('unit')),
        h('dd', null, meta.unit ?? '—'),
        h('dt', null, t('kecamatan')),
        h('dd', null, meta.kecamatan ?? '—'),
        h('dt', null, t('kabupaten')),
        h('dd', null, meta.kabupaten ?? '—'),
        h('dt', null, t('period')),
        h('dd', null, period(meta.period)),
        h('dt', null, t('signedAt')),
        h('dd', null, meta.signedAt ?? '—'),
        h('dt', null, t('signatories')),
        h(
          'dd',
          null,
          meta.signatories.map((s) =>
            h(
              'div',
              null,
              s.name,
              s.nip ? ` · NIP ${s.nip}` : '',
              s.nipValid === false ? h('span', { class: 'badge sev-warning' }, t('nipInvalid')) : null,
              s.title ? h('div', { class: 'muted small' }, s.title) : null,
            ),
          ),
        ),
      ),
    );

    const keys: Shortcut[] = [
      { key: 'j', label: t('kNext'), run: () => select(selected + 1) },
      { key: 'k', label: t('kPrev'), run: () => select(selected - 1) },
      ...(ctx.canReview
        ? [
            { key: 'c', label: t('kConfirm'), run: confirm },
            { key: 'e', label: t('kCorrect'), run: () => void correct() },
            { key: 'd', label: t('kDismiss'), run: () => void dismiss() },
            { key: 'r', label: t('kReviewed'), run: () => void markReviewed() },
            { key: 'n', label: t('kNextReport'), run: () => void claimNext(ctx, readFilters()) },
          ]
        : []),
    ];
    setShortcuts(keys);

    replace(
      main,
      head,
      shortcutLegend(keys, t('shortcuts')),
      h(
        'div',
        { class: 'report-grid' },
        h(
          'section',
          { class: 'findings', attrs: { id: 'findings', 'aria-label': t('findings') } },
          h('h2', null, `${t('findings')} (${findings.length})`),
          findings.length ? cards : h('p', { class: 'notice ok', attrs: { id: 'no-findings' } }, t('noFindings')),
        ),
        pagePane,
      ),
      h('section', { class: 'tables', attrs: { id: 'tables' } }, h('h2', null, t('tables')), tables),
      claims,
      signaturePanel(report, showPage),
      metaBlock,
    );
    if (findings.length) select(selected, reveal ? 'reveal' : false);
    else showPage(1);
    reveal = false;
  };

  await load();
}
