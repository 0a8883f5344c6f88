/**
 * The report's digital signatures (verified on the PDF's bytes by the server) and what its pages
 * show of an electronic signature: per signature whether it is intact, trusted, changed after
 * signing (and what changed), who signed and whether they are a signatory of the report; the BSrE
 * footer and the QR codes. A URL in a QR code is shown as text, never opened or fetched.
 */
import { h } from '../dom';
import { dateTime } from '../format';
import { t, type Key } from '../i18n';
import type { Report, SignatureChange, SignatureInfo } from '../types';

type ShowPage = (page: number, bbox?: readonly number[]) => void;

export function signaturePanel(report: Report, showPage: ShowPage): HTMLElement {
  const sigs = report.signatures ?? [];
  const marks = report.signatureMarks ?? { footer: null, qrCodes: [] };
  const pageLink = (n: number, bbox?: readonly number[] | null) =>
    h(
      'button',
      { class: 'link', attrs: { type: 'button' }, on: { click: () => showPage(n, bbox ?? undefined) } },
      `${t('page')} ${n}`,
    );

  return h(
    'section',
    { class: 'signatures', attrs: { id: 'signatures' } },
    h('h2', null, t('sigTitle')),
    sigs.length
      ? sigs.map((s) => card(s, pageLink))
      : h('p', { class: 'muted', attrs: { id: 'no-signatures' } }, t('sigNone')),
    marks.footer || marks.qrCodes.length
      ? h(
          'div',
          { class: 'sig-marks', attrs: { id: 'signature-marks' } },
          h('h3', null, t('sigMarks')),
          marks.footer
            ? h(
                'p',
                { class: 'sig-footer' },
                h('span', { class: 'muted' }, `${t('sigFooter')} (${t('page')} ${marks.footer.pages.join(', ')}): `),
                h('q', null, marks.footer.text),
              )
            : null,
          marks.qrCodes.map((q) =>
            h(
              'p',
              { class: 'sig-qr', dataset: { page: String(q.page) } },
              h('span', { class: 'muted' }, `${t('sigQr')} · `),
              pageLink(q.page, q.bbox),
              ': ',
              // shown, never linked: the reader decides whether to open it elsewhere
              h('code', { class: 'sig-qr-text' }, q.text),
              q.url ? h('span', { class: 'muted small' }, ` (${t('sigQrUrl')})`) : null,
            ),
          ),
        )
      : null,
  );
}

function card(s: SignatureInfo, pageLink: (n: number, bbox?: readonly number[] | null) => HTMLElement): HTMLElement {
  const badge = (ok: boolean | null, label: string, id: string) =>
    h(
      'span',
      { class: ['badge', ok === null ? 'sig-neutral' : ok ? 'sig-ok' : 'sig-bad'], dataset: { check: id } },
      label,
    );
  const match = s.matchesSignatory;
  const changes = s.changes.filter((c) => !c.allowed);
  const dd = (label: string, ...value: (Node | string | null)[]) => [h('dt', null, label), h('dd', null, ...value)];
  return h(
    'article',
    {
      class: [
        'sig-card',
        s.integrity === 'invalid' || s.modifiedAfterSigning
          ? 'sev-error'
          : s.trust !== 'trusted' || match === false
            ? 'sev-warning'
            : 'sig-good',
      ],
      dataset: { field: s.field },
    },
    h(
      'header',
      null,
      h('strong', null, s.field),
      s.kind === 'timestamp' ? h('span', { class: 'muted' }, ` (${t('sigTimestampKind')})`) : null,
      ' ',
      badge(s.integrity === 'valid', t(s.integrity === 'valid' ? 'sigIntact' : 'sigNotIntact'), 'integrity'),
      ' ',
      badge(
        s.trust === 'trusted' ? true : s.trust === 'untrusted' ? false : null,
        t(`sigTrust_${s.trust}` as Key),
        'trust',
      ),
      ' ',
      badge(
        !s.modifiedAfterSigning,
        t(s.modifiedAfterSigning ? 'sigModified' : s.coversWholeDocument ? 'sigWhole' : 'sigOnlySignaturesAfter'),
        'modified',
      ),
      ' ',
      s.kind === 'signature'
        ? badge(
            match,
            t(match === true ? 'sigIsSignatory' : match === false ? 'sigNotSignatory' : 'sigNoSignatories'),
            'signatory',
          )
        : null,
    ),
    h(
      'dl',
      { class: 'sig-details' },
      dd(
        t('sigSigner'),
        [s.signer.name ?? '—', s.signer.nip ? ` · NIP ${s.signer.nip}` : ''].join(''),
        s.matchedSignatory ? h('span', { class: 'muted' }, ` = ${s.matchedSignatory}`) : null,
      ),
      dd(t('sigIssuer'), s.signer.issuer ?? '—'),
      dd(
        t('sigSignedAt'),
        s.signedAt ? `${dateTime(s.signedAt)} (${t(`sigSource_${s.signedAtSource ?? 'pdf'}` as Key)})` : '—',
      ),
      s.certificate
        ? dd(
            t('sigValidity'),
            `${dateTime(s.certificate.notBefore)} – ${dateTime(s.certificate.notAfter)}`,
            s.certificate.validAtSigning === false ? h('span', { class: 'badge sig-bad' }, t('sigExpired')) : null,
          )
        : null,
      dd(t('sigRevocation'), t('sigRevocationNotChecked')),
      s.evidence.page ? dd(t('sigWidget'), pageLink(s.evidence.page, s.evidence.bbox)) : null,
    ),
    changes.length
      ? h(
          'div',
          { class: 'sig-changes' },
          h('p', null, h('strong', null, t('sigChanges'))),
          h(
            'ul',
            null,
            changes.map((c) => h('li', null, changeText(c), c.page ? [' · ', pageLink(c.page)] : null)),
          ),
        )
      : null,
    s.problems.length
      ? h(
          'ul',
          { class: 'sig-problems' },
          s.problems.map((p) =>
            h('li', null, t(`sigProblem_${p.code}` as Key), h('span', { class: 'muted small' }, ` — ${p.detail}`)),
          ),
        )
      : null,
  );
}

function changeText(c: SignatureChange): string {
  return t(`sigChange_${c.kind}` as Key, {
    name: c.name ?? '',
    change: t(`sigChanged_${c.change}` as Key),
    page: c.page ?? '',
  })
    .replace(/\s+/g, ' ')
    .trim();
}
