import { describe, expect, it } from 'vitest';
import type { Discrepancy, SignatureInfo } from '../../../src/model/contract.js';
import type { BBox } from '../../../src/model/word.js';
import { verify, verifyDocument } from '../../../src/verify/index.js';
import { row, tables } from '../../helpers/records.js';

const ind = (no: string, capaian: string) =>
  row('2.3', no, { sasaran: `S${no}`, indikator: `Indikator ${no}`, target: '100%', realisasi: '50%', capaian });

const s1: Discrepancy = {
  rule: 'S1',
  severity: 'warning',
  table: 'meta',
  row: 'HARI SUSANTO',
  field: 'signature',
  stated: null,
  expected: null,
  message: 'tanpa tanda tangan',
  evidence: { page: 8, bbox: [1, 2, 3, 4] },
};

const brokenSignature: SignatureInfo = {
  field: 'Signature1',
  kind: 'signature',
  signer: { name: 'HARI SUSANTO', nip: '196811051994031005', issuer: 'CN=CA' },
  signedAt: '2023-04-12T02:30:00.000Z',
  signedAtSource: 'signing-time',
  coversWholeDocument: true,
  modifiedAfterSigning: false,
  integrity: 'invalid',
  trust: 'trusted',
  revocation: 'not-checked',
  matchesSignatory: true,
  matchedSignatory: 'HARI SUSANTO',
  subFilter: 'adbe.pkcs7.detached',
  certificate: null,
  timestamp: null,
  byteRange: [0, 10, 20, 30],
  revisionEnd: 50,
  changes: [],
  problems: [],
  evidence: { page: 8, bbox: [1, 2, 3, 4] },
};

describe('DOCUMENT_RULES: S1, G1–G4 and T1 after the other rules', () => {
  it('lists the analysis rules (sorted by severity), then S1, G and T1 in that order, unsorted', () => {
    const input = {
      tables: tables({ '2.3': [ind('1', '60%')] }), // 50/100 ≠ 60 %: R1
      claims: [],
      missing: ['2.5' as const],
      inkFindings: [s1],
      signatures: [brokenSignature],
    };
    const ds = verifyDocument(input, { lang: 'en' });
    expect(ds.map((d) => `${d.rule} ${d.severity}`)).toEqual(['R1 error', 'S1 warning', 'G1 error', 'T1 warning']);
    expect(ds[1]).toBe(s1); // carried as found on the page images
    expect(ds[3]!.message).toBe('Tabel 2.5 was not found in the document; the rules that use it could not be checked.');
    // verify alone is the analysis rules only
    expect(verify(input).map((d) => d.rule)).toEqual(['R1']);
  });

  it('T1 for a table a kecamatan LKj lacks, not for one whose caption was seen (X1), nor on an LKIP', () => {
    const rules = (kind: 'lkj' | 'lkip' | undefined) =>
      verifyDocument({ tables: tables({}), claims: [], kind, missing: ['2.4', '2.5'], unread: ['2.5'] }).map(
        (d) => `${d.rule} ${d.table}`,
      );
    expect(rules('lkj')).toEqual(['X1 2.5', 'T1 2.4']);
    expect(rules(undefined)).toEqual(['X1 2.5', 'T1 2.4']);
    expect(rules('lkip')).not.toContain('T1 2.4');
  });

  it('no T1 beside a T2: a table whose caption was read but whose columns were not is extraction doubt (issue 10)', () => {
    const unread = [
      {
        table: '2.3' as const,
        caption: 'Tabel 2.3',
        reason: 'columns' as const,
        page: 5,
        bbox: [62, 108, 521, 230] as BBox,
        labels: ['\\o', 'Targeit'],
      },
    ];
    const ds = verifyDocument({
      tables: tables({}),
      claims: [],
      kind: 'lkj',
      missing: ['2.3', '2.4'],
      notes: { unread, unmappedColumns: [], metaDoubts: [] },
    });
    expect(ds.map((d) => `${d.rule} ${d.severity} ${d.table}`)).toEqual(['T2 uncertain 2.3', 'T1 warning 2.4']);
  });
});
