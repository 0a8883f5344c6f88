import { describe, expect, it } from 'vitest';
import type { Signatory, SignatureInfo } from '../../../src/model/contract.js';
import { matchSignatory, normaliseName } from '../../../src/verify/signatory-match.js';
import { describeChanges, matchSigners, signatureRules } from '../../../src/verify/signatures.js';

const signatories: Signatory[] = [
  { name: 'SUGENG RIYADI, S.Sos', nip: '197503122006041008', title: 'Kasi' },
  { name: 'Drs. HARI SUSANTO, M.Si', nip: '196811051994031005', title: 'Camat Pasirian' },
];

function sig(over: Partial<SignatureInfo> = {}): SignatureInfo {
  return {
    field: 'Signature1',
    kind: 'signature',
    signer: { name: 'HARI SUSANTO', nip: '196811051994031005', issuer: 'CN=CA' },
    signedAt: '2023-04-12T02:30:00.000Z',
    signedAtSource: 'signing-time',
    coversWholeDocument: true,
    modifiedAfterSigning: false,
    integrity: 'valid',
    trust: 'trusted',
    revocation: 'not-checked',
    matchesSignatory: null,
    matchedSignatory: null,
    subFilter: 'adbe.pkcs7.detached',
    certificate: null,
    timestamp: null,
    byteRange: [0, 10, 20, 30],
    revisionEnd: 50,
    changes: [],
    problems: [],
    evidence: { page: 8, bbox: [1, 2, 3, 4] },
    ...over,
  };
}

describe('signer names', () => {
  it.each([
    ['Drs. HARI SUSANTO, M.Si', 'HARI SUSANTO'],
    ['drs hari susanto m.si', 'HARI SUSANTO'],
    ['H. ABDUL ROZAQ, S.Sos, M.Si', 'ABDUL ROZAQ'],
    ['Hj. SITI KHOLIFAH, S.Ag', 'SITI KHOLIFAH'],
    ['AKHMAD KHARIRI SH', 'AKHMAD KHARIRI'],
    ['Dr. Ir. Bambang Heru Susilo M.AP', 'BAMBANG HERU SUSILO'],
    ['MOCHAMAD FAUZI, S.Sos, MM', 'MOCHAMAD FAUZI'],
    ['Sútrisno', 'SUTRISNO'],
    ['M. RIDWAN', 'M RIDWAN'],
  ])('%s → %s', (raw, want) => expect(normaliseName(raw)).toBe(want));
});

describe('matching a signer to the signatories', () => {
  it('by NIP, whatever the name says', () => {
    expect(matchSignatory({ name: 'H. SUSANTO', nip: '196811051994031005' }, signatories)).toMatchObject({
      matches: true,
      by: 'nip',
      signatory: { name: 'Drs. HARI SUSANTO, M.Si' },
    });
  });
  it('else by name, ignoring case, titles and punctuation', () => {
    expect(matchSignatory({ name: 'sugeng riyadi', nip: null }, signatories)).toMatchObject({
      matches: true,
      by: 'name',
    });
    expect(matchSignatory({ name: 'Drs. Hari Susanto', nip: '199001012015011001' }, signatories)).toMatchObject({
      matches: true,
      by: 'name',
    });
  });
  it('a stranger matches none; nothing to compare is null', () => {
    expect(matchSignatory({ name: 'BUDI SANTOSO', nip: '198001012005011001' }, signatories).matches).toBe(false);
    expect(matchSignatory({ name: 'HARI SUSANTONO', nip: null }, signatories).matches).toBe(false);
    expect(matchSignatory({ name: 'HARI SUSANTO', nip: null }, []).matches).toBeNull();
    expect(matchSignatory({ name: null, nip: null }, signatories).matches).toBeNull();
  });
  it('tolerates one misread letter in a long name (a scanned signature block)', () => {
    expect(
      matchSignatory({ name: 'SUGENG RIYADI', nip: null }, [{ name: 'SUGENG RlYADI, S.Sos', nip: null, title: null }])
        .matches,
    ).toBe(true);
  });
  it('document timestamps are never matched', () => {
    const [t] = matchSigners(
      [sig({ kind: 'timestamp', signer: { name: 'TSA', nip: null, issuer: null } })],
      signatories,
    );
    expect(t!.matchesSignatory).toBeNull();
  });
});

describe('G1–G4', () => {
  const rules = (s: SignatureInfo, lang: 'id' | 'en' = 'en') =>
    signatureRules(matchSigners([s], signatories), signatories, lang);
  it('a valid, trusted signature by a signatory raises nothing', () => {
    expect(rules(sig())).toEqual([]);
  });
  it('G1 error when integrity is invalid, naming the reason', () => {
    const [d] = rules(sig({ integrity: 'invalid', problems: [{ code: 'digest-mismatch', detail: 'x' }] }));
    expect(d).toMatchObject({
      rule: 'G1',
      severity: 'error',
      table: 'signature',
      row: 'Signature1',
      field: 'integrity',
      stated: 'invalid',
      expected: 'valid',
      evidence: { page: 8 },
    });
    expect(d!.message).toMatch(/Signature1 is not intact: the signed content was altered/);
  });
  it('G2 error when modified after signing, saying what changed; its evidence is the first changed page', () => {
    const changes = [
      { kind: 'signature' as const, change: 'added' as const, page: 1, name: 'Widget', allowed: true },
      { kind: 'page' as const, change: 'modified' as const, page: 2, name: null, allowed: false },
      { kind: 'annotation' as const, change: 'added' as const, page: 1, name: 'Text', allowed: false },
    ];
    const [d] = rules(sig({ modifiedAfterSigning: true, coversWholeDocument: false, changes }));
    expect(d).toMatchObject({
      rule: 'G2',
      severity: 'error',
      field: 'modifiedAfterSigning',
      stated: 'modified',
      expected: 'unchanged',
      evidence: { page: 2, bbox: null },
    });
    expect(d!.message).toBe(
      'The document was changed after HARI SUSANTO signed it (Signature1): page 2 changed; Text annotation on page 1 added.',
    );
    expect(rules(sig({ modifiedAfterSigning: true, changes }), 'id')[0]!.message).toMatch(
      /halaman 2 diubah; anotasi Text di halaman 1 ditambahkan/,
    );
  });
  it('G3 warning when not trusted, no anchors included', () => {
    const [d] = rules(sig({ trust: 'unknown', problems: [{ code: 'no-trust-anchors', detail: '' }] }));
    expect(d).toMatchObject({ rule: 'G3', severity: 'warning', stated: 'unknown', expected: 'trusted' });
    expect(d!.message).toMatch(/no trust anchors are configured \(LKJ_TRUST_ANCHORS\)/);
    expect(rules(sig({ trust: 'untrusted', problems: [{ code: 'chain-untrusted', detail: '' }] }))[0]).toMatchObject({
      rule: 'G3',
      stated: 'untrusted',
    });
  });
  it('G4 warning when the signer is none of the signatories', () => {
    const [d] = rules(sig({ signer: { name: 'BUDI SANTOSO', nip: '198001012005011001', issuer: 'CN=X' } }));
    expect(d).toMatchObject({
      rule: 'G4',
      severity: 'warning',
      field: 'signer',
      stated: 'BUDI SANTOSO (NIP 198001012005011001)',
      expected: 'SUGENG RIYADI, S.Sos / Drs. HARI SUSANTO, M.Si',
    });
  });
  it('no G4 without signatories to compare with', () => {
    expect(
      signatureRules(matchSigners([sig({ signer: { name: 'BUDI', nip: null, issuer: null } })], []), [], 'en'),
    ).toEqual([]);
  });
  it('changes are described in both languages, at most eight', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({
      kind: 'page' as const,
      change: 'modified' as const,
      page: i + 1,
      name: null,
      allowed: false,
    }));
    expect(describeChanges(many, 'en')).toMatch(/^page 1 changed; .*page 8 changed …$/);
    expect(describeChanges([], 'id')).toBe('ada data yang ditambahkan sesudah tanda tangan');
  });
});
