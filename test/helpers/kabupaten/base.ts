/** A clean report in a kabupaten template other than the kecamatan one the project began with. */
import type { Indicator, KabSpec } from './spec.js';

export const FIVE_BANDS = [
  { min: 90, max: 100, kriteria: 'Sangat Tinggi', printed: '> 90% - 100%' },
  { min: 75, max: 90, kriteria: 'Tinggi', printed: '> 75% - 90%' },
  { min: 65, max: 75, kriteria: 'Sedang', printed: '> 65% - 75%' },
  { min: 50, max: 65, kriteria: 'Rendah', printed: '> 50% - 65%' },
  { min: null, max: 50, kriteria: 'Sangat Rendah', printed: '≤ 50%' },
];

/** Six bands, the top one open above 100 % (`Memuaskan`). */
export const SIX_BANDS = [
  { min: 100, max: null, kriteria: 'Memuaskan', printed: '> 100%' },
  { min: 90, max: 100, kriteria: 'Sangat Baik', printed: '> 90% - 100%' },
  { min: 75, max: 90, kriteria: 'Baik', printed: '> 75% - 90%' },
  { min: 65, max: 75, kriteria: 'Cukup Baik', printed: '> 65% - 75%' },
  { min: 50, max: 65, kriteria: 'Agak Kurang', printed: '> 50% - 65%' },
  { min: null, max: 50, kriteria: 'Kurang', printed: '≤ 50%' },
];

/** Five bands named by how good (`Sangat Baik` … `Sangat Kurang`), the top one open above 90 %. */
export const FIVE_BAIK = [
  { min: 90, max: null, kriteria: 'Sangat Baik', printed: '> 90%' },
  { min: 75, max: 90, kriteria: 'Baik', printed: '> 75% - 90%' },
  { min: 65, max: 75, kriteria: 'Cukup', printed: '> 65% - 75%' },
  { min: 50, max: 65, kriteria: 'Kurang', printed: '> 50% - 65%' },
  { min: null, max: 50, kriteria: 'Sangat Kurang', printed: '≤ 50%' },
];

export function baseSpec(id: string, patch: Partial<KabSpec> = {}): KabSpec {
  return {
    id,
    meta: {
      unit: 'Seksi Pemberdayaan Masyarakat',
      kecamatan: 'Sukamaju',
      kabupaten: 'Tasikmalaya',
      period: { kind: 'tahunan', number: null, year: 2023 },
      signedAt: '2024-01-15',
      signatories: [
        { name: 'ASEP SURYANA, S.Sos', nip: '19700512 199503 1 004', title: 'Kepala Seksi Pemberdayaan Masyarakat' },
      ],
    },
    style: 'id',
    captions: { scheme: 'standard', placement: 'above', oneLine: false },
    ruling: 'grid',
    headers: 'standard',
    columns: {},
    indicators: [
      {
        sasaran: 'Meningkatnya partisipasi masyarakat dalam pembangunan desa',
        indikator: 'Persentase desa yang melaksanakan musrenbang tepat waktu',
        satuan: '%',
        target: 100,
        realisasi: 92.5,
        pct: true,
        pagu: 45_000_000,
        realisasiAnggaran: 41_850_000,
      },
      {
        sasaran: 'Meningkatnya kapasitas lembaga kemasyarakatan desa',
        indikator: 'Jumlah lembaga kemasyarakatan yang dibina',
        satuan: 'Lembaga',
        target: 24,
        realisasi: 21,
        pagu: 30_000_000,
        realisasiAnggaran: 26_400_000,
      },
      {
        sasaran: 'Meningkatnya kualitas administrasi pemerintahan desa',
        indikator: 'Persentase desa dengan laporan keuangan tepat waktu',
        satuan: '%',
        target: 90,
        realisasi: 81,
        pct: true,
        pagu: 25_500_000,
        realisasiAnggaran: 19_125_000,
      },
    ],
    scale: FIVE_BANDS,
    budget: {
      jumlah: true,
      rows: [
        {
          no: '1',
          uraian: 'PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK',
          pagu: 100_500_000,
          realisasi: 87_375_000,
          children: [
            {
              no: '1.1',
              uraian: 'Koordinasi Penyelenggaraan Musrenbang Desa',
              pagu: 45_000_000,
              realisasi: 41_850_000,
            },
            { no: '1.2', uraian: 'Pembinaan Lembaga Kemasyarakatan Desa', pagu: 30_000_000, realisasi: 26_400_000 },
            { no: '1.3', uraian: 'Fasilitasi Administrasi Keuangan Desa', pagu: 25_500_000, realisasi: 19_125_000 },
          ],
        },
      ],
    },
    ...patch,
  };
}

/** `n` indicators, each with its kegiatan in Tabel 2.5: tables long enough to break across pages. */
export function manyIndicators(spec: KabSpec, n: number): KabSpec {
  const indicators = Array.from({ length: n }, (_, i) => {
    const target = 10 + (i % 7) * 5,
      realisasi = target - (i % 4);
    return {
      sasaran: `Meningkatnya kualitas layanan bidang ${i + 1} di wilayah kecamatan`,
      indikator: `Jumlah layanan bidang ${i + 1} yang diselesaikan tepat waktu`,
      satuan: 'Layanan',
      target,
      realisasi,
      pagu: 10_000_000 + i * 1_000_000,
      realisasiAnggaran: 9_000_000 + i * 900_000,
    };
  });
  const children = indicators.map((ind, i) => ({
    no: `1.${i + 1}`,
    uraian: `Fasilitasi Layanan Bidang ${i + 1}`,
    pagu: ind.pagu,
    realisasi: ind.realisasiAnggaran,
  }));
  const pagu = children.reduce((s, c) => s + c.pagu, 0),
    realisasi = children.reduce((s, c) => s + c.realisasi, 0);
  return {
    ...spec,
    indicators,
    budget: {
      jumlah: true,
      rows: [
        { no: '1', uraian: 'PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK', pagu, realisasi, children },
      ],
    },
  };
}

/**
 * A program with three kegiatan, the first split into two sub kegiatan, all adding up; labelled
 * 1, 1.1, 1.1.1 or by budget codes (4.01.05, 4.01.05.1.01, 4.01.05.1.01.01). JUMLAH printed.
 */
export function threeLevels(codes: boolean): KabSpec['budget'] {
  return {
    jumlah: true,
    rows: [
      {
        no: codes ? '4.01.05' : '1',
        uraian: 'PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK',
        pagu: 100_500_000,
        realisasi: 87_375_000,
        children: [
          {
            no: codes ? '4.01.05.1.01' : '1.1',
            uraian: 'Koordinasi Penyelenggaraan Musrenbang Desa',
            pagu: 45_000_000,
            realisasi: 41_850_000,
            children: [
              {
                no: codes ? '4.01.05.1.01.01' : '1.1.1',
                uraian: 'Fasilitasi Musrenbang Desa',
                pagu: 30_000_000,
                realisasi: 28_850_000,
              },
              {
                no: codes ? '4.01.05.1.01.02' : '1.1.2',
                uraian: 'Monitoring Musrenbang Desa',
                pagu: 15_000_000,
                realisasi: 13_000_000,
              },
            ],
          },
          {
            no: codes ? '4.01.05.1.02' : '1.2',
            uraian: 'Pembinaan Lembaga Kemasyarakatan Desa',
            pagu: 30_000_000,
            realisasi: 26_400_000,
          },
          {
            no: codes ? '4.01.05.1.03' : '1.3',
            uraian: 'Fasilitasi Administrasi Keuangan Desa',
            pagu: 25_500_000,
            realisasi: 19_125_000,
          },
        ],
      },
    ],
  };
}

/** threeLevels(false) and a second program of one kegiatan (20.000.000, 18.000.000): JUMLAH sums the two. */
export function twoPrograms(): KabSpec['budget'] {
  const budget = threeLevels(false);
  budget.rows.push({
    no: '2',
    uraian: 'PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN',
    pagu: 20_000_000,
    realisasi: 18_000_000,
    children: [
      { no: '2.1', uraian: 'Pelatihan Kader Pemberdayaan Masyarakat', pagu: 20_000_000, realisasi: 18_000_000 },
    ],
  });
  return budget;
}

/**
 * twoPrograms' JUMLAH printed wrong: its realisasi 1.000.000 short of program 1 + program 2, its pagu
 * summing every row (each subtotal counted again under its parent). R5 on both, expecting the sum of
 * the two programs (105.375.000 and 120.500.000).
 */
export function jumlahNotSumming(): Pick<KabSpec, 'budget' | 'print' | 'expect'> {
  return {
    budget: twoPrograms(),
    print: { '2.5/JUMLAH/realisasi': '104375000', '2.5/JUMLAH/pagu': '286000000' },
    expect: [
      { rule: 'R5', table: '2.5', row: 'JUMLAH', field: 'realisasi' },
      { rule: 'R5', table: '2.5', row: 'JUMLAH', field: 'pagu' },
    ],
  };
}

/** Last year's figures printed beside this year's, unlike them, so that taking the wrong year cannot pass. */
export function lastYearUnlike(spec: KabSpec): KabSpec {
  spec.indicators = spec.indicators.map((ind, i) => ({ ...ind, prev: { target: 50 + i, realisasi: 40 + i } }));
  return spec;
}

/** The indicator made lower-is-better by its wording (`Menurunnya … pengangguran`): 5 % targeted, 4 % reached. */
export function lowerIsBetter(ind: Indicator): Indicator {
  return {
    ...ind,
    sasaran: 'Menurunnya angka pengangguran di desa',
    indikator: 'Tingkat pengangguran terbuka',
    satuan: '%',
    target: 5,
    realisasi: 4,
    pct: true,
    negative: true,
  };
}

/** The indicator made lower-is-better by the formula printed beside it (`(2T - R)/T x 100%`): 5 % targeted, 4 % reached. */
export function lowerIsBetterByFormula(ind: Indicator): Indicator {
  return {
    ...ind,
    indikator: 'Rasio aduan masyarakat yang tertunda',
    formula: '(2T - R)/T x 100%',
    satuan: '%',
    target: 5,
    realisasi: 4,
    pct: true,
    negative: true,
  };
}

/**
 * The base indicators' capaian raised from an average of 90 % (`Baik` on the five- and six-band
 * scales) to 95,5 % (`Sangat Baik`): the second met in full, the third at 94 %.
 */
export function highCapaian(spec: KabSpec): KabSpec {
  spec.indicators[1]!.realisasi = 24;
  spec.indicators[2]!.realisasi = 84.6;
  return spec;
}
