import { describe, expect, it } from 'vitest';
import { ReportMeta } from '../../../src/model/contract.js';
import type { Line } from '../../../src/model/word.js';
import { extractMeta, findPeriod, findPlace, findSignedAt, findUnit } from '../../../src/parse/meta.js';
import { block, line, row, wrap } from './lines.js';
import { coverPage, kataPengantarPage, referenceReport } from './reference-report.js';

describe('extractMeta on the reference report', () => {
  const meta = extractMeta(referenceReport());

  it('matches the contract', () => {
    expect(ReportMeta.safeParse(meta).success).toBe(true);
  });

  it('reads every field', () => {
    expect(meta).toEqual({
      kind: 'lkj',
      unit: 'Kasi Pemberdayaan Masyarakat',
      kecamatan: 'Candipuro',
      kabupaten: 'Lumajang',
      period: { kind: 'tribulan', number: 2, year: 2024 },
      signedAt: '2024-06-28',
      signatories: [
        { name: 'ARIF SUWARKO', nip: '196607022007011001', title: 'Plt. Kasi Pemberdayaan Masyarakat', nipValid: true },
        { name: 'AKHMAD KHARIRI, SH', nip: '197208181994031009', title: 'Plt. Camat Candipuro', nipValid: true },
      ],
    });
  });
});

/** The lkj04 layout: capitals on the cover, the unit head signing alone on page 2, both on page 8. */
function senduroReport(): Line[] {
  return [
    line('LAPORAN KINERJA', { page: 1, x: 228, y: 127 }),
    line('KASI KESEJAHTERAAN SOSIAL', { page: 1, x: 175, y: 149 }),
    line('TRIBULAN III', { page: 1, x: 254, y: 171 }),
    line('TAHUN 2025', { page: 1, x: 255, y: 193 }),
    line('PEMERINTAH KABUPATEN LUMAJANG', { page: 1, x: 182, y: 717 }),
    line('KECAMATAN SENDURO', { page: 1, x: 232, y: 734 }),
    line('Jl. Raya Senduro No. 46, Kabupaten Lumajang', { page: 1, x: 196, y: 752 }),
    ...block(
      wrap(
        'Puji syukur kami panjatkan kehadirat Allah SWT karena atas limpahan rahmat dan karunia-Nya maka Laporan Kinerja (LKj) Kasi Kesejahteraan Sosial Kecamatan Senduro Kabupaten Lumajang pada Tribulan III Tahun 2025 dapat diselesaikan tepat waktu yang telah ditentukan.',
      ),
      { page: 2, y: 107 },
    ),
    line('Senduro, 29 September 2025', { page: 2, x: 357, y: 466 }),
    line('Kasi Kesejahteraan Sosial', { page: 2, x: 367, y: 479 }),
    line('Kecamatan Senduro', { page: 2, x: 381, y: 493 }),
    line('DWI CAHYO PRASETYO, SE', { page: 2, x: 356, y: 574 }),
    line('NIP. 19680226 199603 1 010', { page: 2, x: 358, y: 588 }),
    ...block(
      wrap(
        'Tugas dan fungsi Kasi Kesejahteraan Sosial Kecamatan Senduro selama Tribulan III Tahun 2025, berdasarkan Peraturan Bupati Lumajang Nomor 75 Tahun 2019 tentang Kedudukan, Susunan Organisasi, Uraian Tugas dan Fungsi serta Tata Kerja Kecamatan dan Kelurahan.',
      ),
      { page: 3, y: 100 },
    ),
    row(8, 364, [[158, 'Mengetahui']]),
    row(8, 378, [
      [137, 'ATASAN LANGSUNG'],
      [357, 'Senduro, 29 September 2025'],
    ]),
    row(8, 391, [
      [148, 'Camat Senduro'],
      [367, 'Kasi Kesejahteraan Sosial'],
    ]),
    row(8, 473, [
      [124, 'ACHMAD FAUZI, S.Sos'],
      [356, 'DWI CAHYO PRASETYO, SE'],
    ]),
    row(8, 487, [
      [113, 'NIP. 19670804 199504 1 003'],
      [358, 'NIP. 19680226 199603 1 010'],
    ]),
  ];
}
describe('extractMeta on other layouts', () => {
  it('reads the lkj04 layout', () => {
    expect(extractMeta(senduroReport())).toEqual({
      kind: 'lkj',
      unit: 'Kasi Kesejahteraan Sosial',
      kecamatan: 'Senduro',
      kabupaten: 'Lumajang',
      period: { kind: 'tribulan', number: 3, year: 2025 },
      signedAt: '2025-09-29',
      signatories: [
        {
          name: 'DWI CAHYO PRASETYO, SE',
          nip: '196802261996031010',
          title: 'Kasi Kesejahteraan Sosial',
          nipValid: true,
        },
        { name: 'ACHMAD FAUZI, S.Sos', nip: '196708041995041003', title: 'Camat Senduro', nipValid: true },
      ],
    });
  });

  it('reads an annual report', () => {
    const lines = [
      line('LAPORAN KINERJA', { page: 1, x: 228, y: 127 }),
      line('SEKSI PEMERINTAHAN', { page: 1, x: 200, y: 149 }),
      line('TAHUN 2021', { page: 1, x: 255, y: 171 }),
      line('KECAMATAN PASIRIAN', { page: 1, x: 232, y: 734 }),
      ...block(
        wrap(
          'Laporan Kinerja Seksi Pemerintahan Kecamatan Pasirian Kabupaten Lumajang disusun dengan mendasarkan pada Rencana Kerja Tahunan yang telah ditetapkan.',
        ),
        { page: 2, y: 100 },
      ),
    ];
    expect(extractMeta(lines)).toMatchObject({
      kind: 'lkj',
      unit: 'Seksi Pemerintahan',
      kecamatan: 'Pasirian',
      kabupaten: 'Lumajang',
      period: { kind: 'tahunan', number: null, year: 2021 },
      signedAt: null,
      signatories: [],
    });
  });

  it('gives nulls for an empty document', () => {
    expect(extractMeta([])).toEqual({
      kind: 'other',
      unit: null,
      kecamatan: null,
      kabupaten: null,
      period: null,
      signedAt: null,
      signatories: [],
    });
  });
});

describe('findUnit', () => {
  it('prefers the sentence over the capitals of the cover', () => {
    expect(
      findUnit(
        'Laporan Kinerja (LKj) Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang',
        coverPage(),
      ),
    ).toBe('Kasi Pemberdayaan Masyarakat');
  });

  it('falls back to the cover, title-cased, when no sentence names the unit', () => {
    expect(findUnit('Laporan Kinerja (LKj) sebagai bagian dari Sistem Akuntabilitas Kecamatan', coverPage())).toBe(
      'Kasi Pemberdayaan Masyarakat',
    );
  });

  it('cuts the kecamatan off a cover line', () => {
    const cover = [
      line('LAPORAN KINERJA SEKSI KETENTRAMAN DAN KETERTIBAN UMUM KECAMATAN TEMPEH'),
      line('TRIWULAN 3 TAHUN 2023', { y: 130 }),
    ];
    expect(findUnit('', cover)).toBe('Seksi Ketentraman dan Ketertiban Umum');
  });

  it('keeps connectors and rejects sentences that are not a unit', () => {
    expect(findUnit('Laporan Kinerja Seksi Ketentraman dan Ketertiban Umum Kecamatan Tempeh', [])).toBe(
      'Seksi Ketentraman dan Ketertiban Umum',
    );
    expect(
      findUnit('Laporan Kinerja (LKj) Tribulan II Tahun 2024 Kasi Pemberdayaan Masyarakat Kecamatan Candipuro', []),
    ).toBeNull();
    expect(findUnit('Laporan Kinerja ini disusun oleh Kecamatan Candipuro', [])).toBeNull();
    expect(findUnit('', [])).toBeNull();
  });

  it('votes when the sentences disagree', () => {
    const text =
      'Laporan Kinerja Kasi Trantib Kecamatan A. Laporan Kinerja Kasi Pemberdayaan Masyarakat Kecamatan A. Laporan Kinerja Kasi Pemberdayaan Masyarakat Kecamatan A.';
    expect(findUnit(text, [])).toBe('Kasi Pemberdayaan Masyarakat');
  });
});

describe('findPlace', () => {
  it('reads the name without its prefix', () => {
    expect(findPlace('Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang', 'kecamatan')).toBe(
      'Candipuro',
    );
    expect(findPlace('Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang', 'kabupaten')).toBe(
      'Lumajang',
    );
    expect(findPlace('Pemerintah Kab. Lumajang', 'kabupaten')).toBe('Lumajang');
  });

  it('skips words that are no place and lowercase running text', () => {
    expect(
      findPlace('Tata Kerja Kecamatan dan Kelurahan, TINGKAT KECAMATAN DAN KELURAHAN, kecamatan setempat', 'kecamatan'),
    ).toBeNull();
  });

  it('title-cases a name only printed in capitals', () => {
    expect(findPlace('KECAMATAN SENDURO', 'kecamatan')).toBe('Senduro');
  });

  it('reads a name of several words as far as its mentions print it alike (seed 100787 doc 58)', () => {
    const text =
      'PEMERINTAH KABUPATEN JOMBANG KECAMATAN BANDAR KEDUNG MULYO KATA PENGANTAR | Laporan Kinerja Sekretariat Kecamatan Bandar Kedung Mulyo Kabupaten Jombang | Sekretariat Kecamatan Bandar Kedung Mulyo Semester 2 Tahun 2024';
    expect(findPlace(text, 'kecamatan')).toBe('Bandar Kedung Mulyo');
    expect(findPlace(text, 'kabupaten')).toBe('Jombang');
    expect(findPlace('Kabupaten Tanah Datar | KABUPATEN TANAH DATAR', 'kabupaten')).toBe('Tanah Datar');
    // what follows a one-word name in one title, or in one sentence, is not part of it
    expect(
      findPlace(
        'KECAMATAN CANDIPURO KATA PENGANTAR | Kecamatan Candipuro Kabupaten | Kecamatan Candipuro Jaya',
        'kecamatan',
      ),
    ).toBe('Candipuro');
  });

  it('prefers the mixed-case printing and the most frequent name', () => {
    expect(findPlace('KECAMATAN CANDIPURO … Kecamatan Candipuro … Kecamatan Pronojiwo', 'kecamatan')).toBe('Candipuro');
  });
});

describe('findPeriod', () => {
  it('outvotes a stray mention', () => {
    const text = 'Tribulan II Tahun 2024 … Tribulan II Tahun 2024 … Tribulan III';
    expect(findPeriod(text, 'TRIBUNAN II Tahun 2024')).toEqual({ kind: 'tribulan', number: 2, year: 2024 });
  });

  it('takes the year from the cover when mentions have none', () => {
    expect(findPeriod('pada Semester I', 'LAPORAN KINERJA SEMESTER I TAHUN 2022')).toEqual({
      kind: 'semester',
      number: 1,
      year: 2022,
    });
    expect(findPeriod('pada Semester I', 'LAPORAN KINERJA')).toEqual({ kind: 'semester', number: 1, year: null });
  });

  it('makes an annual report from a titled cover without tribulan or semester', () => {
    expect(findPeriod('Rencana Kerja Tahunan', 'LAPORAN KINERJA TAHUN 2021')).toEqual({
      kind: 'tahunan',
      number: null,
      year: 2021,
    });
    expect(findPeriod('realisasi Tribulan IV', 'LAPORAN KINERJA TAHUNAN 2021')).toEqual({
      kind: 'tahunan',
      number: null,
      year: 2021,
    });
  });

  it('is null when nothing names a period', () => {
    expect(findPeriod('Peraturan Bupati Nomor 96 Tahun 2019', 'Pemerintah Kabupaten Lumajang')).toBeNull();
  });
});

describe('findSignedAt', () => {
  it('takes the last dateline of the document', () => {
    const lines = [
      line('Candipuro, 20 Juni 2024', { page: 2, x: 350 }),
      row(8, 415, [
        [120, 'ATASAN LANGSUNG'],
        [350, 'Candipuro, 28 Juni 2024'],
      ]),
    ];
    expect(findSignedAt(lines)).toEqual({ place: 'Candipuro', date: '2024-06-28' });
  });

  it('ignores dates inside sentences and undated datelines', () => {
    const lines = [
      line('Candipuro, 28 Juni 2024', { page: 2, x: 350 }),
      line('Kabupaten Lumajang pada tanggal 10 Januari 2024 dengan sasaran', { page: 4 }),
      line('Candipuro,        Juni 2024', { page: 8, x: 350 }),
    ];
    expect(findSignedAt(lines)?.date).toBe('2024-06-28');
    expect(findSignedAt(kataPengantarPage())?.date).toBe('2024-06-28');
  });
});
