/**
 * The stored analysis (model/analysis.ts): what is stored reads back as it was, an analysis stored
 * before it carried a version reads as version 1, and any other shape is refused with where it breaks.
 */
import { describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, type Analysis, StoredAnalysis } from '../../../src/model/analysis.js';
import { applyCorrection } from '../../../src/review/correct.js';
import { reverify } from '../../../src/pipeline/extract.js';
import type { Report } from '../../../src/model/contract.js';
import { CONTIGUOUS_BANDS, claim, row, tables } from '../../helpers/records.js';

/** An analysis with every optional part, as analysePages and a reviewer's correction leave it. */
function fullAnalysis(): Analysis {
  const a: Analysis = {
    schemaVersion: ANALYSIS_VERSION,
    tables: tables({
      '2.1': [
        row('2.1', '1', {
          sasaran: 'S1',
          indikator: 'Indikator 1',
          target: '100%',
          satuan: '%',
          'extra:Sumber Data': 'BPS',
        }),
      ],
      '2.2': CONTIGUOUS_BANDS,
      '2.3': [
        row('2.3', '1', { sasaran: 'S1', indikator: 'Indikator 1', target: '100%', realisasi: '50%', capaian: '50%' }),
      ],
      '2.5': [row('2.5', '1', { uraian: 'PROGRAM A', pagu: '10.000.000', realisasi: '5.000.000', capaian: '50%' })],
    }),
    headers: {
      '2.1': [{ page: 2, bbox: [50, 100, 500, 130] }],
      '2.2': [],
      '2.3': [{ page: 3, bbox: [50, 90, 500, 120] }],
      '2.4': [],
      '2.5': [],
    },
    missing: ['2.4'],
    unread: ['2.4'],
    meta: {
      kind: 'lkj',
      unit: 'Kasi Pemberdayaan Masyarakat',
      kecamatan: 'Candipuro',
      kabupaten: 'Lumajang',
      period: { kind: 'tribulan', number: 2, year: 2024 },
      signedAt: '2024-06-28',
      signatories: [{ name: 'ARIF SUWARKO', nip: '196607022007011001', title: 'Camat', nipValid: true }],
    },
    claims: [claim('capaianKinerja', '50%'), claim('kesimpulan', 'baik')],
    captions: { '2.1': 'Tabel 3.1', '2.3': 'Tabel 3.2' },
    notes: {
      unread: [
        {
          table: '2.4',
          page: 4,
          bbox: [1, 2, 3, 4],
          caption: 'Tabel 3.3',
          reason: 'columns',
          labels: ['No', 'Uraian'],
        },
      ],
      unmappedColumns: [{ table: '2.3', label: 'Bobot Xyz', reason: 'position', page: 3, bbox: [5, 6, 7, 8] }],
      metaDoubts: ['year'],
    },
    method: {
      cap: 120,
      capSource: 'profile',
      negative: [{ row: '2.3/1', by: 'wording' }],
      positive: ['2.1/1'],
      rangeTargets: 'nearer',
    },
    profile: 'lumajang',
    profileScale: [
      { min: null, max: 50, kriteria: 'Rendah' },
      { min: 50, max: 100, kriteria: 'Tinggi' },
    ],
  };
  a.tables['2.3'][0]!.fields.realisasi!.na = true;
  a.tables['2.3'][0]!.fields.target!.range = { min: 80, max: 90 };
  a.tables['2.3'][0]!.fields.capaian!.note = '(>100%)';
  a.tables['2.3'][0]!.fields.capaian!.ambiguous = true;
  // a reviewer's corrections mark the cell and the claim
  const once = applyCorrection(
    a,
    { table: '2.5', row: '1', field: 'realisasi', value: '6.000.000' },
    'rudi',
    new Date('2025-01-02T03:04:05Z'),
  ).analysis;
  return applyCorrection(
    once,
    { table: 'narrative', row: 'capaianKinerja', field: 'value', value: 55 },
    'rudi',
    new Date('2025-01-02T03:04:05Z'),
  ).analysis;
}

/** As it comes back from a jsonb column. */
const stored = (a: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(a));

describe('a stored analysis', () => {
  it('reads back exactly as it was stored, corrections included', () => {
    const a = fullAnalysis();
    expect(a.tables['2.5'][0]!.fields.realisasi).toMatchObject({
      value: 6_000_000,
      correctedBy: 'rudi',
      correctedAt: '2025-01-02T03:04:05.000Z',
    });
    expect(a.claims[0]).toMatchObject({ value: 55, correctedBy: 'rudi' });
    const back = StoredAnalysis.parse(stored(a));
    expect(back).toEqual(stored(a));
    expect(stored(back)).toEqual(stored(a));
    // the smallest one (a document of no optional parts) too
    const bare = {
      schemaVersion: 1,
      tables: tables({}),
      missing: ['2.1', '2.2', '2.3', '2.4', '2.5'],
      meta: a.meta,
      claims: [],
    };
    expect(StoredAnalysis.parse(stored(bare))).toEqual(bare);
  });

  it('stored before analyses carried a version: read as version 1, and verification runs on it', () => {
    const { schemaVersion: _, ...old } = stored(fullAnalysis());
    expect('schemaVersion' in old).toBe(false);
    const back = StoredAnalysis.parse(old);
    expect(back.schemaVersion).toBe(1);
    expect(back).toEqual({ ...old, schemaVersion: 1 });
    // and before headers, unread, captions, notes, method and profile were kept
    const {
      headers: _h,
      unread: _u,
      captions: _c,
      notes: _n,
      method: _m,
      profile: _p,
      profileScale: _s,
      ...oldest
    } = old;
    const previous = {
      discrepancies: [],
      signatures: [],
      signatureMarks: { footer: null, qrCodes: [] },
      source: { file: 'x.pdf', sha256: null, pages: 1, mode: 'text' },
    } as unknown as Report;
    expect(reverify(StoredAnalysis.parse(oldest), previous).status).toBe('flagged');
  });

  it('of any other shape is refused, saying where it breaks', () => {
    const issues = (a: unknown) => {
      const r = StoredAnalysis.safeParse(a);
      expect(r.success).toBe(false);
      return r.error!.issues.map((i) => i.path.join('.'));
    };
    const a = stored(fullAnalysis()) as {
      tables: Record<string, { fields: Record<string, Record<string, unknown>> }[]>;
      [k: string]: unknown;
    };
    const broken = structuredClone(a);
    broken.tables['2.3']![0]!.fields.capaian!.value = { oops: true };
    expect(issues(broken)).toEqual(['tables.2.3.0.fields.capaian.value']);
    const noTable = structuredClone(a);
    delete noTable.tables['2.5'];
    expect(issues(noTable)).toEqual(['tables.2.5']);
    expect(issues({ ...a, missing: ['2.9'] })).toEqual(['missing.0']);
    expect(issues({ ...a, claims: [{ kind: 'capaianKinerja' }] })[0]).toMatch(/^claims\.0\./);
    expect(issues({ ...a, schemaVersion: 99 })).toEqual(['schemaVersion']);
    expect(issues({ ...a, meta: null })).toEqual(['meta']);
    // not an analysis at all: the whole is wrong
    expect(issues('{"tables": {}}')).toEqual(['']);
    expect(issues([a])).toEqual(['']);
  });
});
