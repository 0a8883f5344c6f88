import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/parse/claims.js';
import { block, line, wrap } from './lines.js';
import {
  AKUNTABILITAS_KEUANGAN,
  CAPAIAN_SUMMARY,
  HASIL_EVALUASI,
  KESIMPULAN_EVALUASI,
  PENUTUP,
  PENYEBAB,
  SASARAN,
  referenceReport,
} from './reference-report.js';

/** Claims of one paragraph printed over wrapped lines, as [kind, value, decimals]. */
function claimsOf(text: string, width = 90): Array<[string, number | string, number | null]> {
  return extractClaims(block(wrap(text, width))).map((c) => [c.kind, c.value, c.decimals]);
}

// Sentences of the sample corpus (lkj04 Senduro, lkj07 Sumbersuko), as printed.
const LKJ04_SUMMARY =
  'Berdasarkan perhitungan total akumulasi pencapaian kinerja dan anggaran (cost per outcomes) di atas maka dapat disimpulkan bahwa capaian kinerja Kasi Kesejahteraan Sosial pada Tribulan III Tahun 2025 sebesar 69,58 % dan capaian serapan anggaran sebesar 68,74 %.';
const LKJ04_KATEGORI =
  'Jadi kesimpulan untuk evaluasi terhadap kinerja Kasi Kesejahteraan Sosial dengan persentase capaian kinerja sebesar 69,58 % masuk kepada kategori “Sedang”.';
const LKJ04_HASIL =
  'Berdasarkan hasil evaluasi dan analisis kinerja menunjukkan bahwa realisasi target sasaran masuk dalam kategori “Sedang”, namun ada beberapa hal yang menjadi perhatian untuk lebih disempurnakan dan ditingkatkan.';
const LKJ04_PENUTUP =
  'Secara keseluruhan kinerja Kasi Kesejahteraan Sosial Kecamatan Senduro pada Tribulan III Tahun 2025 dinilai Cukup Berhasil, dengan rata-rata capaian kinerja 69,58 % dan realisasi anggaran 68,74 %.';
const LKJ07_SUMMARY =
  'Berdasarkan perhitungan total akumulasi pencapaian kinerja dan anggaran (cost per outcomes) di atas maka dapat disimpulkan bahwa capaian kinerja Kasi Pemberdayaan Masyarakat pada Tribulan I Tahun 2022 sebesar 20,13% dan capaian serapan anggaran sebesar 16,58%.';
const LKJ07_KATEGORI =
  'Jadi kesimpulan untuk evaluasi terhadap kinerja Kasi Pemberdayaan Masyarakat dengan persentase capaian kinerja sebesar 20,13% masuk kepada kategori “sangat rendah”.';
const LKJ07_PENUTUP =
  'Adapun capaian kinerja Kasi Pemberdayaan Masyarakat Kecamatan Sumbersuko Kabupaten Lumajang dinilai Belum Berhasil dengan capaian kinerja sebesar 20,13% dan capaian serapan anggaran sebesar 16,58%.';

describe('extractClaims on the sample corpus sentences', () => {
  it.each([
    [
      LKJ04_SUMMARY,
      [
        ['capaianKinerja', 69.58, 2],
        ['serapanAnggaran', 68.74, 2],
      ],
    ],
    [
      LKJ04_KATEGORI,
      [
        ['capaianKinerja', 69.58, 2],
        ['kategori', 'Sedang', null],
      ],
    ],
    [LKJ04_HASIL, [['kategori', 'Sedang', null]]],
    [
      LKJ04_PENUTUP,
      [
        ['kesimpulan', 'Cukup Berhasil', null],
        ['capaianKinerja', 69.58, 2],
        ['serapanAnggaran', 68.74, 2],
      ],
    ],
    [
      LKJ07_SUMMARY,
      [
        ['capaianKinerja', 20.13, 2],
        ['serapanAnggaran', 16.58, 2],
      ],
    ],
    [
      LKJ07_KATEGORI,
      [
        ['capaianKinerja', 20.13, 2],
        ['kategori', 'sangat rendah', null],
      ],
    ],
    [
      LKJ07_PENUTUP,
      [
        ['kesimpulan', 'Belum Berhasil', null],
        ['capaianKinerja', 20.13, 2],
        ['serapanAnggaran', 16.58, 2],
      ],
    ],
  ])('%s', (text, want) => {
    expect(claimsOf(text)).toEqual(want);
    for (const c of extractClaims(block(wrap(text)))) expect(c.text).toBe(text);
  });
});

describe('extractClaims on the reference report', () => {
  it('reads the summary: two claims, then the performance verdict but not the budget one', () => {
    expect(claimsOf(CAPAIAN_SUMMARY)).toEqual([
      ['capaianKinerja', 42.55, 2],
      ['serapanAnggaran', 29.5, 1],
      ['kesimpulan', 'melebihi target', null],
    ]);
  });

  it('takes no claim from “dengan target 42,55 % terealisasi 29,5%”', () => {
    expect(claimsOf(SASARAN)).toEqual([]);
  });

  it('reads the evaluation sentence and ignores “penyebab keberhasilan”', () => {
    expect(claimsOf(KESIMPULAN_EVALUASI)).toEqual([
      ['capaianKinerja', 42.38, 2],
      ['kategori', 'sangat rendah', null],
    ]);
    expect(claimsOf('Adapun penyebab keberhasilan ini antara lain karena :')).toEqual([]);
  });

  it('takes nothing from the budget paragraph or the list', () => {
    expect(claimsOf(AKUNTABILITAS_KEUANGAN)).toEqual([]);
    expect(extractClaims(block(PENYEBAB))).toEqual([]);
  });

  it('reads the kategori and the closing verdict', () => {
    expect(claimsOf(HASIL_EVALUASI)).toEqual([['kategori', 'Sangat rendah', null]]);
    expect(claimsOf(PENUTUP[1]!)).toEqual([
      ['kesimpulan', 'Berhasil', null],
      ['capaianKinerja', 42.38, 2],
      ['serapanAnggaran', 29.5, 1],
    ]);
  });

  it('finds every claim of the whole report, in order, with sentence texts', () => {
    const claims = extractClaims(referenceReport());
    expect(claims.map((c) => [c.kind, c.value, c.page])).toEqual([
      ['capaianKinerja', 42.55, 5],
      ['serapanAnggaran', 29.5, 5],
      ['kesimpulan', 'melebihi target', 5],
      ['capaianKinerja', 42.38, 6],
      ['kategori', 'sangat rendah', 6],
      ['kategori', 'Sangat rendah', 7],
      ['kesimpulan', 'Berhasil', 8],
      ['capaianKinerja', 42.38, 8],
      ['serapanAnggaran', 29.5, 8],
    ]);
    expect(claims[2]!.text).toBe(
      'Capaian kinerja sudah melebihi target pada Tribulan II, namun untuk penyerapan anggaran belum memenuhi target dikarenakan ada beberapa sub kegiatan yang belum dilaksanakan karena masih mengikuti jadwal pada anggaran kas.',
    );
  });
});

describe('extractClaims wording variants', () => {
  it.each([
    ['Rata-rata capaian kinerja 69,58 % pada periode ini.', [['capaianKinerja', 69.58, 2]]],
    ['Persentase capaian kinerja sebesar 42,38%.', [['capaianKinerja', 42.38, 2]]],
    ['Capaian kinerja mencapai 100 persen.', [['capaianKinerja', 100, 0]]],
    ['Penyerapan anggaran sebesar 29,50 %.', [['serapanAnggaran', 29.5, 2]]],
    ['Realisasi keuangan sebesar 70.78%.', [['serapanAnggaran', 70.78, 2]]],
    ['Capaian realisasi anggaran adalah 68,74%.', [['serapanAnggaran', 68.74, 2]]],
    // OCR lost the space between the word and the figure
    ['Capaian serapan anggaran sebesarr42,61%.', [['serapanAnggaran', 42.61, 2]]],
    ['Capaian kinerja pada kode SS1%.', []],
    [
      'Kinerja tergolong dalam kategori Tinggi dengan capaian kinerja 80%.',
      [
        ['kategori', 'Tinggi', null],
        ['capaianKinerja', 80, 0],
      ],
    ],
    ['Realisasi masuk dalam kategori sangat tinggi dan patut dipertahankan.', [['kategori', 'sangat tinggi', null]]],
    ['Realisasi masuk kategori "Sedang".', [['kategori', 'Sedang', null]]],
    ['Realisasi masuk kategori : ‘Rendah’.', [['kategori', 'Rendah', null]]],
    ['Realisasi masuk kategori “Sedang.”', [['kategori', 'Sedang', null]]],
    ['Pengukuran menggunakan kategori sebagai berikut :', []],
    ['Kinerja Seksi dinilai Sangat Berhasil.', [['kesimpulan', 'Sangat Berhasil', null]]],
    ['Kinerja Seksi Tidak Berhasil mencapai sasaran.', [['kesimpulan', 'Tidak Berhasil', null]]],
    ['Kinerja Seksi dinyatakan berhasil.', [['kesimpulan', 'berhasil', null]]],
    ['Capaian kinerja telah mencapai target yang ditetapkan.', [['kesimpulan', 'mencapai target', null]]],
    [
      'Capaian kinerja belum memenuhi target karena kegiatan tertunda.',
      [['kesimpulan', 'belum memenuhi target', null]],
    ],
    ['Capaian kinerja sudah melampaui target.', [['kesimpulan', 'melampaui target', null]]],
    ['Serapan anggaran sudah melebihi target.', []],
    ['Kegiatan telah mencapai target.', []],
    ['Penyerapan anggaran dinilai Belum Berhasil.', []],
    ['Kegiatan kami berhasil dilaksanakan dengan baik.', []],
  ])('%s', (text, want) => {
    expect(claimsOf(text)).toEqual(want);
  });

  it('needs the key phrase before the number, close enough, with no target in between', () => {
    expect(claimsOf('Sebesar 42,55 % capaian kinerja tercatat.')).toEqual([]);
    expect(
      claimsOf(
        'Capaian kinerja untuk setiap sasaran disajikan sebagaimana yang tertuang dalam dokumen Reviu Perjanjian Kinerja dengan berdasarkan hasil pengukuran kinerja yang nilainya 42 %.',
      ),
    ).toEqual([]);
    expect(claimsOf('Capaian kinerja dengan target 100 % terealisasi 42,55 %.')).toEqual([]);
    expect(claimsOf('Capaian kinerja pada tabel 2.3 sebesar 42,55 %.')).toEqual([]);
  });

  it('gives a key only to the first percentage after it', () => {
    expect(claimsOf('Capaian kinerja sebesar 42,55 % dan 30 % pada tribulan lalu.')).toEqual([
      ['capaianKinerja', 42.55, 2],
    ]);
  });

  it('reads a percent sign pushed to the next line', () => {
    const lines = block([
      'Tribulan III Tahun 2025 dinilai Cukup Berhasil, dengan rata-rata capaian kinerja 69,58',
      '% dan realisasi anggaran 68,74 %.',
    ]);
    expect(extractClaims(lines).map((c) => [c.kind, c.value])).toEqual([
      ['kesimpulan', 'Cukup Berhasil'],
      ['capaianKinerja', 69.58],
      ['serapanAnggaran', 68.74],
    ]);
  });
});

describe('extractClaims provenance', () => {
  it('puts a claim on the page of its number, boxed by the sentence words there', () => {
    const lines = [
      line('Berdasarkan perhitungan di atas maka dapat disimpulkan bahwa capaian kinerja Kasi', { page: 5, y: 740 }),
      line('Pemberdayaan Masyarakat pada Tribulan II Tahun 2024', { page: 5, y: 755 }),
      line('sebesar 42,55 % dan capaian serapan anggaran sebesar 29,5%.', { page: 6, y: 80 }),
    ];
    const [kinerja, anggaran] = extractClaims(lines);
    expect(kinerja).toMatchObject({ kind: 'capaianKinerja', page: 6, conf: 100 });
    expect(kinerja!.bbox).toEqual([
      85,
      80,
      85 + 5 * 'sebesar 42,55 % dan capaian serapan anggaran sebesar 29,5%.'.length,
      90,
    ]);
    expect(anggaran!.page).toBe(6);
    expect(kinerja!.text).toBe(
      'Berdasarkan perhitungan di atas maka dapat disimpulkan bahwa capaian kinerja Kasi Pemberdayaan Masyarakat pada Tribulan II Tahun 2024 sebesar 42,55 % dan capaian serapan anggaran sebesar 29,5%.',
    );
  });

  it('boxes the whole sentence on one page', () => {
    const lines = block(
      [
        'Jadi kesimpulan untuk evaluasi terhadap kinerja dengan persentase',
        'capaian kinerja sebesar 42,38% masuk kepada kategori “sangat rendah”.',
      ],
      { page: 3, y: 200 },
    );
    const [c] = extractClaims(lines);
    expect(c!.bbox).toEqual([
      85,
      200,
      85 + 5 * 'capaian kinerja sebesar 42,38% masuk kepada kategori “sangat rendah”.'.length,
      225,
    ]);
  });

  it('takes the lowest confidence of the words carrying the value', () => {
    const conf = (w: string) => (w === '42,55' ? 61 : w === '%' ? 88 : w === 'Berdasarkan' ? 20 : 95);
    const lines = [line('Berdasarkan itu capaian kinerja sebesar 42,55 % dinilai Berhasil.', { page: 2, conf })];
    const claims = extractClaims(lines);
    expect(claims.map((c) => [c.kind, c.conf])).toEqual([
      ['capaianKinerja', 61],
      ['kesimpulan', 95],
    ]);
  });

  it('gives nothing for no lines', () => {
    expect(extractClaims([])).toEqual([]);
  });
});
