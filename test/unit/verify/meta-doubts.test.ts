/**
 * Issue 11, item 0: meta is `uncertain` when unsure (rule M1, src/verify/reading.ts, from the
 * doubts parse/meta.ts `readMeta` records), and a quarterly realisasi form is recognised as such
 * (`report.kind`, src/parse/kind.ts) with its failed rules `uncertain`, never `error`.
 */
import { describe, expect, it } from 'vitest';
import type { Line } from '../../../src/model/word.js';
import { documentKind } from '../../../src/parse/kind.js';
import { readMeta } from '../../../src/parse/meta.js';
import { verify } from '../../../src/verify/index.js';
import { row, tables } from '../../helpers/records.js';
import { block, line, wrap } from '../parse/lines.js';

/** A kecamatan LKj's cover (page 1), its opening paragraph (page 2) and its signature block. */
function report(cover: string[], opening: string, dateline = 'Candipuro, 28 Juni 2024'): Line[] {
  return [
    ...cover.map((t, i) => line(t, { page: 1, x: 150, y: 120 + i * 20 })),
    ...block(wrap(opening), { page: 2, y: 100 }),
    line(dateline, { page: 9, x: 330, y: 600 }),
    line('KASI PEMERINTAHAN', { page: 9, x: 330, y: 615 }),
    line('SITI AMINAH, S.Sos', { page: 9, x: 330, y: 690 }),
    line('NIP. 19780312 200501 2 004', { page: 9, x: 330, y: 705 }),
  ];
}

const m1 = (lines: Line[], lang: 'id' | 'en' = 'id') => {
  const { meta, doubts } = readMeta(lines);
  const found = verify(
    { tables: tables({}), claims: [], kind: meta.kind, notes: { unread: [], unmappedColumns: [], metaDoubts: doubts } },
    { lang },
  ).filter((d) => d.rule === 'M1');
  return { meta, doubts, found };
};

describe('M1: meta uncertain when unsure', () => {
  it('a kecamatan LKj naming its kecamatan, kabupaten and period raises no M1', () => {
    const { meta, found } = m1(
      report(
        ['LAPORAN KINERJA', 'KASI PEMERINTAHAN', 'KECAMATAN CANDIPURO', 'KABUPATEN LUMAJANG', 'TRIBULAN II TAHUN 2024'],
        'Laporan Kinerja (LKj) Kasi Pemerintahan Kecamatan Candipuro Tribulan II Tahun 2024 disusun sebagai pertanggungjawaban kinerja.',
      ),
    );
    expect(meta).toMatchObject({
      kind: 'lkj',
      kecamatan: 'Candipuro',
      kabupaten: 'Lumajang',
      period: { kind: 'tribulan', number: 2, year: 2024 },
    });
    expect(found).toEqual([]);
  });

  it('a kecamatan LKj whose cover, title and signature block omit the kabupaten and the year', () => {
    const { meta, doubts, found } = m1(
      report(
        ['LAPORAN KINERJA', 'KASI PEMERINTAHAN', 'KECAMATAN CANDIPURO', 'TRIBULAN II'],
        'Laporan Kinerja (LKj) Kasi Pemerintahan Kecamatan Candipuro Tribulan II disusun sebagai pertanggungjawaban kinerja.',
      ),
    );
    expect(meta).toMatchObject({ kind: 'lkj', kecamatan: 'Candipuro', kabupaten: null });
    expect(meta.period?.year ?? null).toBeNull();
    expect(doubts).toEqual(['kabupaten', 'year']);
    // each doubt is said, uncertain, about the meta: never a silent null, never an error
    expect(found.map((d) => `${d.rule} ${d.severity} ${d.table}/${d.row}`)).toEqual([
      'M1 uncertain meta/kabupaten',
      'M1 uncertain meta/year',
    ]);
    expect(found[0]?.message).toMatch(/kabupaten tidak ditemukan/);
    expect(
      m1(report(['LAPORAN KINERJA', 'KECAMATAN CANDIPURO', 'TRIBULAN II'], 'Laporan ini.'), 'en').found[0]?.message,
    ).toMatch(/kabupaten is named neither/);
  });

  it('no kecamatan on the cover, in the title or in the dateline: M1 kecamatan, and body text is not asked', () => {
    const lines = [
      ...report(
        ['LAPORAN KINERJA', 'KASI PEMERINTAHAN', 'KABUPATEN LUMAJANG', 'TRIBULAN II TAHUN 2024'],
        'Laporan Kinerja (LKj) Kasi Pemerintahan Tribulan II Tahun 2024 disusun sebagai pertanggungjawaban kinerja.',
        '28 Juni 2024',
      ),
      // a kegiatan's place in the body is no kecamatan of the report
      ...block(wrap('Kegiatan sosialisasi dilaksanakan di Kecamatan Pronojiwo pada bulan Mei.'), { page: 5, y: 300 }),
    ];
    const { meta, doubts, found } = m1(lines);
    expect(meta.kind).toBe('lkj');
    expect(meta.kecamatan).toBeNull();
    expect(doubts).toEqual(['kecamatan']);
    expect(found.map((d) => `${d.severity} ${d.row}`)).toEqual(['uncertain kecamatan']);
  });

  it('documents of other kinds raise no M1: they have no kecamatan to name', () => {
    const { meta, found } = m1(
      report(
        ['LAPORAN KINERJA INSTANSI PEMERINTAH', 'DINAS PERIKANAN DAN KELAUTAN', 'PROVINSI JAWA BARAT', 'TAHUN 2016'],
        'Laporan Kinerja Instansi Pemerintah ini disusun sebagai pertanggungjawaban kinerja.',
        'Bandung, 10 Februari 2017',
      ),
    );
    expect(meta.kind).toBe('lkip');
    expect(found).toEqual([]);
  });
});

describe('realisasi forms', () => {
  const kindOf = (cover: string) => documentKind(cover, '', []);
  it('are known by their cover, in their common wordings', () => {
    for (const cover of [
      'LAPORAN REALISASI FISIK DAN KEUANGAN TRIWULAN I TAHUN 2023',
      'FORMULIR REALISASI KINERJA DAN ANGGARAN DINAS KESEHATAN TRIWULAN III TAHUN 2022',
      'PENGUKURAN KINERJA TRIWULAN II TAHUN 2023 BADAN PENDAPATAN DAERAH',
      'EVALUASI RENCANA AKSI TAHUN 2021',
      'MONITORING DAN EVALUASI KINERJA SEMESTER I 2022',
    ])
      expect(kindOf(cover), cover).toBe('realisasi');
  });
  it('a report titled as one stays a report, though its cover names a realisasi', () => {
    expect(kindOf('LAPORAN KINERJA REALISASI ANGGARAN KECAMATAN CANDIPURO TAHUN 2023')).toBe('lkj');
    expect(kindOf('LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) PENGUKURAN KINERJA DINAS SOSIAL 2023')).toBe('lkip');
  });
  it('is read through readMeta as `realisasi`, without M1, and its failed rules are uncertain', () => {
    const lines = [
      line('LAPORAN REALISASI FISIK DAN KEUANGAN', { page: 1, x: 150, y: 120 }),
      line('BADAN PENDAPATAN DAERAH', { page: 1, x: 170, y: 140 }),
      line('TRIWULAN I TAHUN 2023', { page: 1, x: 190, y: 160 }),
    ];
    const { meta, doubts } = readMeta(lines);
    expect(meta.kind).toBe('realisasi');
    expect(doubts).toEqual([]);
    // 8 / 10 is 80 %, printed 85 %: an error in a kecamatan LKj, for a human to judge here
    const t = tables({ '2.3': [row('2.3', '1', { target: '10', realisasi: '8', capaian: '85%' })] });
    expect(verify({ tables: t, claims: [], kind: 'lkj' }).map((d) => `${d.rule} ${d.severity}`)).toEqual(['R1 error']);
    const onForm = verify({ tables: t, claims: [], kind: meta.kind });
    expect(onForm.map((d) => `${d.rule} ${d.severity}`)).toEqual(['R1 uncertain']);
    expect(onForm[0]?.message).toMatch(/bukan LKj kecamatan \(realisasi\)/);
  });
});
