/**
 * Findings on a PDF's digital signatures (verified in src/signatures/): G1 a signature that is not
 * intact, G2 a document changed after it was signed, G3 a signer not chaining to a trust anchor,
 * G4 a signer who is none of the report's signatories. Pure: the same in extraction and re-verification.
 */
import type { Discrepancy, Signatory, SignatureChange, SignatureInfo } from '../model/contract.js';
import { message } from './messages.js';
import { matchSignatory } from './signatory-match.js';
import type { Lang, Rule } from './types.js';

/** The signatures with their signers matched to the report's signatories (document timestamps have no signer to match). */
export function matchSigners(signatures: readonly SignatureInfo[], signatories: readonly Signatory[]): SignatureInfo[] {
  return signatures.map((s) => {
    if (s.kind === 'timestamp') return { ...s, matchesSignatory: null, matchedSignatory: null };
    const m = matchSignatory(s.signer, signatories);
    return { ...s, matchesSignatory: m.matches, matchedSignatory: m.signatory?.name ?? null };
  });
}

/** S1, as found on the page images (see VerifyInput.inkFindings). */
export const ruleS1: Rule = (input) => [...(input.inkFindings ?? [])];

/** G1–G4 on the digital signatures. */
export const ruleG: Rule = (input, ctx) =>
  signatureRules(input.signatures ?? [], input.signatories ?? [], ctx.opts.lang);

export function signatureRules(
  signatures: readonly SignatureInfo[],
  signatories: readonly Signatory[],
  lang: Lang,
): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const s of signatures) {
    const who = s.signer.name ?? s.field;
    const base = { table: 'signature' as const, row: s.field, evidence: s.evidence };
    if (s.integrity === 'invalid') {
      const p = s.problems.find((x) => INTEGRITY_ORDER.includes(x.code)) ?? s.problems[0];
      out.push({
        ...base,
        rule: 'G1',
        severity: 'error',
        field: 'integrity',
        stated: 'invalid',
        expected: 'valid',
        message: message(lang, 'G1', { field: s.field, reason: p ? message(lang, `G.${p.code}`, {}) : '?' }),
      });
    }
    if (s.modifiedAfterSigning) {
      const changes = s.changes.filter((c) => !c.allowed);
      const page = changes.find((c) => c.page !== null)?.page ?? null;
      // stated/expected stay language-free: they identify the finding across versions and languages
      out.push({
        ...base,
        rule: 'G2',
        severity: 'error',
        field: 'modifiedAfterSigning',
        stated: 'modified',
        expected: 'unchanged',
        message: message(lang, 'G2', { field: s.field, signer: who, changes: describeChanges(changes, lang) }),
        evidence: page === null ? s.evidence : { page, bbox: null },
      });
    }
    if (s.trust !== 'trusted') {
      const p = s.problems.find(
        (x) => x.code === 'no-trust-anchors' || x.code === 'trust-anchors-unreadable' || x.code === 'chain-untrusted',
      );
      out.push({
        ...base,
        rule: 'G3',
        severity: 'warning',
        field: 'trust',
        stated: s.trust,
        expected: 'trusted',
        message: message(lang, 'G3', {
          field: s.field,
          signer: who,
          issuer: s.signer.issuer ?? '?',
          reason: message(lang, `G.${p?.code ?? 'no-signer-certificate'}`, {}),
        }),
      });
    }
    if (s.matchesSignatory === false) {
      const names = signatories.map((x) => x.name).join(' / ');
      out.push({
        ...base,
        rule: 'G4',
        severity: 'warning',
        field: 'signer',
        stated: s.signer.nip ? `${who} (NIP ${s.signer.nip})` : who,
        expected: names,
        message: message(lang, 'G4', {
          field: s.field,
          signer: s.signer.nip ? `${who} (NIP ${s.signer.nip})` : who,
          names,
        }),
      });
    }
  }
  return out;
}

/** The reason G1 names first: the one that says most about the bytes. */
const INTEGRITY_ORDER: readonly string[] = [
  'digest-mismatch',
  'signature-invalid',
  'byte-range',
  'contents-too-large',
  'cms-unreadable',
  'unsupported',
  'no-signer-certificate',
  'timestamp-invalid',
];

/** `page 2 changed; Text annotation added on page 1; form field X changed` in the reader's language. */
export function describeChanges(changes: readonly SignatureChange[], lang: Lang): string {
  if (!changes.length) return message(lang, 'G.change.none', {});
  return (
    changes
      .slice(0, 8)
      .map((c) =>
        message(lang, `G.change.${c.kind}`, {
          change: message(lang, `G.${c.change}`, {}),
          page: c.page ?? '?',
          name: c.name ?? '',
        })
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .join('; ') + (changes.length > 8 ? ' …' : '')
  );
}
