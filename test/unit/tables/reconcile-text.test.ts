import type { BBox } from '../../../src/model/word.js';
import { describe, expect, it } from 'vitest';
import { reconcileTexts, wordsInserted } from '../../../src/tables/reconcile-text.js';
import { field, row, tables } from '../../helpers/records.js';
import type { ExtractedRow } from '../../../src/model/extracted.js';

/** A row whose text cells were read by OCR at the given confidences. */
function ocrRow(
  table: '2.1' | '2.2' | '2.3' | '2.4' | '2.5',
  no: string,
  texts: Record<string, [string, number]>,
  numbers: Record<string, string> = {},
): ExtractedRow {
  const r = row(table, no, numbers);
  for (const [k, [t, conf]] of Object.entries(texts)) r.fields[k] = field(t, 'text', conf);
  return r;
}

describe('reconcileTexts', () => {
  it('mends a garbled indikator from its surer twins in 2.1 and 2.3, never a number', () => {
    const t = tables({
      '2.1': [ocrRow('2.1', '2', { indikator: ['Jumlah kegiatan keagamaan dan sosial', 91] }, { target: '12' })],
      '2.3': [ocrRow('2.3', '2', { indikator: ['Jumlah kegiatan keagamaan dan sosial', 90] })],
      '2.4': [ocrRow('2.4', '2', { indikator: ['Jumiah kegiatan keagamaan dan | sosial', 42] }, { target: '13' })],
    });
    reconcileTexts(t);
    expect(t['2.4'][0]!.fields.indikator!.value).toBe('Jumlah kegiatan keagamaan dan sosial');
    expect(t['2.4'][0]!.fields.target!.value).toBe(13); // the numbers stay as read: R6 still sees 12 against 13
    expect(t['2.1'][0]!.fields.target!.value).toBe(12);
  });

  it('leaves a doubtful reading that differs from its twin by whole words (another wording)', () => {
    const t = tables({
      '2.1': [ocrRow('2.1', '1', { sasaran: ['Terlaksananya Pemberdayaan dan Kesejahteraan Keluarga', 90] })],
      '2.3': [ocrRow('2.3', '1', { sasaran: ['Pemberdayaan dan Kesejahteraan Keluarga', 60] })],
    });
    reconcileTexts(t);
    expect(t['2.3'][0]!.fields.sasaran!.value).toBe('Pemberdayaan dan Kesejahteraan Keluarga');
  });

  it('keeps a 2.4 sasaran worded like its 2.5 kegiatan but for whole words (seed 4252 doc 1)', () => {
    const t = tables({
      '2.4': [
        ocrRow('2.4', '1', {
          sasaran: [
            'Terselenggaranya urusan pemerintahan yang tidak dilaksanakan oleh unit kerja perangkat daerah di kecamatan',
            70,
          ],
        }),
      ],
      '2.5': [
        ocrRow('2.5', '1', { uraian: ['PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM', 90] }),
        ocrRow('2.5', '1.1', {
          uraian: [
            'Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah yang Ada di Kecamatan',
            92,
          ],
        }),
      ],
    });
    reconcileTexts(t);
    expect(t['2.4'][0]!.fields.sasaran!.value).toMatch(/^Terselenggaranya .* daerah di kecamatan$/);
  });

  it('drops a pen stroke read as a mark between words when a twin reads the same words without it (seed 4252 doc 2)', () => {
    const t = tables({
      '2.1': [ocrRow('2.1', '1', { indikator: ['Jumlah laporan penyelenggaraan pemerintahan', 90] })],
      '2.3': [ocrRow('2.3', '1', { indikator: ['Jumlah laporan / penyelenggaraan pemerintahan', 91] })],
      '2.4': [ocrRow('2.4', '1', { indikator: ['Laporan Kabupaten / Kota', 91] })],
    });
    reconcileTexts(t);
    expect(t['2.3'][0]!.fields.indikator!.value).toBe('Jumlah laporan penyelenggaraan pemerintahan');
    // a mark every copy prints stays
    const k = tables({
      '2.1': [ocrRow('2.1', '1', { indikator: ['Laporan Kabupaten / Kota', 90] })],
      '2.3': [ocrRow('2.3', '1', { indikator: ['Laporan Kabupaten / Kota', 88] })],
    });
    reconcileTexts(k);
    expect(k['2.3'][0]!.fields.indikator!.value).toBe('Laporan Kabupaten / Kota');
  });

  it('wordsInserted: whole words on one side only, between shared words', () => {
    expect(wordsInserted('unit kerja daerah yang Ada di Kecamatan', 'unit kerja daerah di kecamatan')).toBe(true);
    // a garbled word in place, a lost `di`, words joined, and different ends are no insertion
    expect(wordsInserted('unit kerja dacrah di kecamatan', 'unit kerja daerah di kecamatan')).toBe(false);
    expect(wordsInserted('unit kerja daerah kecamatan', 'unit kerja daerah di kecamatan')).toBe(false);
    expect(wordsInserted('unit kerjadaerah di kecamatan', 'unit kerja daerah di kecamatan')).toBe(false);
    expect(wordsInserted('Terlaksananya unit kerja', 'unit kerja')).toBe(false);
  });

  it('drops a rule read as `|` from an OCR text cell', async () => {
    const { toRecord } = await import('../../../src/tables/records.js');
    const w = (text: string) => ({ text, page: 1, bbox: [0, 0, 1, 1] as BBox, conf: 90, source: 'ocr' as const });
    const rec = toRecord('2.1', {
      no: '1',
      page: 1,
      bbox: [0, 0, 1, 1],
      cells: {
        sasaran: {
          text: 'partisipasi dalam | kegiatan',
          words: [w('partisipasi'), w('|')],
          bbox: [0, 0, 1, 1],
          conf: 90,
          page: 1,
        },
      },
    });
    expect(rec.fields.sasaran!.value).toBe('partisipasi dalam kegiatan');
  });

  it('leaves different texts and text-layer cells alone', () => {
    const t = tables({
      '2.1': [ocrRow('2.1', '1', { sasaran: ['Meningkatnya kualitas pelayanan publik', 95] })],
      '2.3': [ocrRow('2.3', '1', { sasaran: ['Terkoordinasinya kegiatan pemberdayaan desa', 60] })],
      '2.4': [row('2.4', '1', { sasaran: 'Meningkatnya kualitas pelayanan publk' })], // printed (conf 100): as the document has it
    });
    reconcileTexts(t);
    expect(t['2.3'][0]!.fields.sasaran!.value).toBe('Terkoordinasinya kegiatan pemberdayaan desa');
    expect(t['2.4'][0]!.fields.sasaran!.value).toBe('Meningkatnya kualitas pelayanan publk');
  });

  it('reads a doubtful program name as the national name it is close to', () => {
    const t = tables({
      '2.5': [
        ocrRow(
          '2.5',
          '1',
          { uraian: ['PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KDTA', 55] },
          { pagu: '10.000.000' },
        ),
        ocrRow('2.5', '2', { uraian: ['PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN KHUSUS', 92] }),
        ocrRow('2.5', '3', { uraian: ['PROGRAM PENGADAAN BARANG LAINNYA', 50] }),
      ],
    });
    reconcileTexts(t);
    expect(t['2.5'].map((r) => r.fields.uraian!.value)).toEqual([
      'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA',
      'PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN KHUSUS', // read clearly: its own wording
      'PROGRAM PENGADAAN BARANG LAINNYA', // close to no national name
    ]);
    expect(t['2.5'][0]!.fields.pagu!.value).toBe(10_000_000);
  });

  it('drops a speck from a program name read with its very letters, however surely (seed 100787 doc 58)', () => {
    const t = tables({
      '2.5': [
        ocrRow('2.5', '1', { uraian: ['PROGRAM PENUNJANG URUSAN,/ PEMERINTAHAN DAERAH KABUPATEN/KOTA', 90] }),
        ocrRow('2.5', '2', { uraian: ['PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA', 90] }),
      ],
    });
    reconcileTexts(t);
    expect(t['2.5'].map((r) => r.fields.uraian!.value)).toEqual([
      'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA',
      'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA', // its own spacing: no speck
    ]);
  });

  it('mends a doubtful 2.5 kegiatan from the 2.4 row it names, and only from a single close twin', () => {
    const t = tables({
      '2.4': [
        ocrRow('2.4', '1', { sasaran: ['Kegiatan Pemberdayaan Kelurahan', 92] }),
        ocrRow('2.4', '2', { sasaran: ['Pembinaan Lembaga Kemasyarakatan Desa', 90] }),
        ocrRow('2.4', '3', { sasaran: ['Terlaksananya Pelayanan Administrasi', 91] }),
      ],
      '2.5': [
        ocrRow('2.5', '1', { uraian: ['PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN', 90] }),
        ocrRow('2.5', '1.1', { uraian: ['<egiatan Pembercayaan Kelurahan', 55] }, { pagu: '7.000.000' }),
        ocrRow('2.5', '1.2', { uraian: ['Pembinaan _Lembaga Kemasyarakatan Desa', 60] }),
        ocrRow('2.5', '1.3', { uraian: ['Pelayanan Adminstrasi Kependudukan', 50] }), // another wording
      ],
    });
    reconcileTexts(t);
    expect(t['2.5'].slice(1).map((r) => r.fields.uraian!.value)).toEqual([
      'Kegiatan Pemberdayaan Kelurahan',
      'Pembinaan Lembaga Kemasyarakatan Desa',
      'Pelayanan Adminstrasi Kependudukan',
    ]);
    expect(t['2.5'][1]!.fields.pagu!.value).toBe(7_000_000);
  });

  it("mends a band name's word one or two letters from a rating word, in its printed case, and nothing else", () => {
    const band = (no: string, kriteria: string, conf = 90) => ocrRow('2.2', no, { kriteria: [kriteria, conf] });
    const t = tables({
      '2.2': [
        band('1', 'Sangat Memuaskan'),
        band('2', 'Vlemuaskan'),
        band('3', 'Cukup Memuaskan'),
        band('4', 'Kurang Vemuaskan'),
        band('5', 'SANGAT BALK'),
        band('6', 'Baik Sekali'), // a word of its own: kept
        band('7', 'Gagal'), // two letters from `agak`, too short for that: kept
        band('9', 'Ticlak Memuaskan'),
        band('10', '<urang'),
        band('11', 'Sangatl Kurang'),
        band('12', 'VM emuaskan'),
        band('13', 'Cukup B aik'),
      ],
    });
    t['2.2'].push(row('2.2', '8', { kriteria: 'Vlemuaskan' })); // a text layer is never mended
    reconcileTexts(t);
    expect(t['2.2'].map((r) => r.fields.kriteria!.value)).toEqual([
      'Sangat Memuaskan',
      'Memuaskan',
      'Cukup Memuaskan',
      'Kurang Memuaskan',
      'SANGAT BAIK',
      'Baik Sekali',
      'Gagal',
      'Tidak Memuaskan',
      'Kurang',
      'Sangat Kurang',
      'Memuaskan',
      'Cukup Baik',
      'Vlemuaskan',
    ]);
  });
});

describe('reconcileTexts: a reading that lost a line of its cell', () => {
  const IND = 'Persentase layanan administrasi kepegawaian yang terselesaikan';
  /** One row's `field` as 2.1, 2.3 and 2.4 were read (OCR, confidence 90; `null`: no such table), after reconciling. */
  const reconciled = (field: string, copies: (string | null)[]) => {
    const ids = ['2.1', '2.3', '2.4'] as const;
    const t = tables(
      Object.fromEntries(
        ids.flatMap((id, i) => (copies[i] === null ? [] : [[id, [ocrRow(id, '2', { [field]: [copies[i]!, 90] })]]])),
      ),
    );
    reconcileTexts(t);
    return ids.map((id) => t[id][0]?.fields[field]?.value ?? null);
  };

  it('takes the text two twins read alike when its words are their first or last words', () => {
    for (const short of ['Persentase layanan administrasi', 'kepegawaian yang terselesaikan'])
      expect(reconciled('indikator', [IND, short, IND])[1]).toBe(IND);
  });

  it('keeps a shorter text when only one twin reads longer, or the words differ', () => {
    expect(reconciled('indikator', [IND, 'Persentase layanan administrasi', null])[1]).toBe(
      'Persentase layanan administrasi',
    );
    expect(reconciled('indikator', [IND, 'Persentase layanan umum', IND])[1]).toBe('Persentase layanan umum');
    // 2.4 naming its row by the kegiatan: the sasaran without its first word is another wording
    const S = 'Meningkatnya koordinasi penyelenggaraan kegiatan pemerintahan di tingkat kecamatan';
    const K = 'Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan';
    expect(reconciled('sasaran', [S, S, K])[2]).toBe(K);
  });
});

describe('reconcileTexts: a reading with a word garbled under a streak or a mark', () => {
  const S = 'Meningkatnya penegakan Peraturan Daerah';
  const copies = (texts: [string, number][]) => {
    const ids = ['2.1', '2.3', '2.4'] as const;
    const t = tables(
      Object.fromEntries(texts.map(([x, conf], i) => [ids[i], [ocrRow(ids[i]!, '3', { indikator: [x, conf] })]])),
    );
    reconcileTexts(t);
    return ids.slice(0, texts.length).map((id) => t[id][0]!.fields.indikator!.value);
  };

  it('takes the twin text where a garble of two letters at most stands for a word', () => {
    expect(
      copies([
        [S, 91],
        ['Meningkatnya penegakan B= Daerah', 85],
      ])[1],
    ).toBe(S);
    // two words garbled into `a ar`, two twins agreeing: whatever the confidences
    const P = 'Terkoordinasinya penyelenggaraan pemerintahan di wilayah kecamatan';
    expect(
      copies([
        [P, 90],
        ['Terkoordinasinya a ar pemerintahan di wilayah kecamatan', 93],
        [P, 90],
      ])[1],
    ).toBe(P);
  });

  it('keeps a reading whose short word is a word (`di`), or that was read more surely than its one twin', () => {
    const A = 'Pelayanan administrasi kecamatan terpadu';
    expect(
      copies([
        [A, 91],
        ['Pelayanan di kecamatan terpadu', 85],
      ])[1],
    ).toBe('Pelayanan di kecamatan terpadu');
    expect(
      copies([
        [S, 85],
        ['Meningkatnya penegakan B= Daerah', 91],
      ])[1],
    ).toBe('Meningkatnya penegakan B= Daerah');
    // a garble at the text's edge, with fewer than two words read alike around it: left alone
    expect(
      copies([
        [S, 91],
        ['Meningkatnya RE', 85],
      ])[1],
    ).toBe('Meningkatnya RE');
  });
});

describe('reconcileTexts: a text cell OCR all but failed to read', () => {
  const S = 'Meningkatnya tertib administrasi keuangan kecamatan';
  const K = 'Penatausahaan keuangan kecamatan';
  const sasaran = (texts: ([string, number] | null)[]) => {
    const ids = ['2.1', '2.3', '2.4'] as const;
    const t = tables(
      Object.fromEntries(
        texts.flatMap((x, i) => (x ? [[ids[i], [ocrRow(ids[i]!, '2', { sasaran: [x[0], x[1]] })]]] : [])),
      ),
    );
    reconcileTexts(t);
    return ids.map((id) => t[id][0]?.fields.sasaran?.value);
  };

  it('takes the text two twins read alike, or the one sure twin that prints the same text (seed 100787 doc 22)', () => {
    expect(
      sasaran([
        [S, 92],
        ['Bel camino', 0],
        [S, 90],
      ])[1],
    ).toBe(S);
    expect(sasaran([[S, 92], ['Bel camino', 0], null])[1]).toBe(S);
    expect(sasaran([null, ['Bel camino', 0], [S, 90]])[1]).toBe('Bel camino');
  });

  it('keeps a reading read with some confidence, and one whose twins disagree', () => {
    expect(
      sasaran([
        [S, 92],
        ['Bel camino', 45],
        [S, 90],
      ])[1],
    ).toBe('Bel camino');
    // 2.4 may name the kegiatan: alone, and unlike 2.1's reading, it decides nothing
    expect(
      sasaran([
        [S, 50],
        ['Bel camino', 0],
        [K, 90],
      ])[1],
    ).toBe('Bel camino');
  });
});
