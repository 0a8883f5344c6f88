import type { Line } from '../../../src/model/word.js';
import { block, line, row, wrap } from './lines.js';

/**
 * The reference report (LKj Kasi Pemberdayaan Masyarakat, Candipuro, Tribulan II 2024) laid out as
 * the line builder would hand it over: cover, kata pengantar with its signature, narrative pages
 * and the closing page with two signature blocks side by side. Tables are left out.
 */
export const KATA_PENGANTAR = [
  'Puji syukur kami panjatkan kehadirat Allah SWT karena atas limpahan rahmat dan karunia-Nya maka Laporan Kinerja (LKj) Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang pada Tribulan II Tahun 2024 dapat diselesaikan tepat waktu yang telah ditentukan. Laporan Kinerja (LKj) sebagai bagian dari Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) merupakan salah satu cara untuk mewujudkan tata pemerintahan yang baik (good governance).',
  'Laporan ini merupakan laporan akuntabilitas kepada khalayak publik bahwa Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang mempunyai komitmen dan tekad yang kuat untuk melaksanakan kinerja organisasi yang berorientasi pada hasil yang berupa output maupun outcomes.',
  'Akhirnya kami sampaikan terima kasih kepada semua pihak yang telah memberikan dukungan, bimbingan serta partisipasi dalam penyusunan Laporan Kinerja (LKj) Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang Tribulan II Tahun 2024.',
];

export const CAPAIAN_SUMMARY =
  'Berdasarkan perhitungan total akumulasi pencapaian kinerja dan anggaran (cost per outcomes) di atas maka dapat disimpulkan bahwa capaian kinerja Kasi Pemberdayaan Masyarakat pada Tribulan II Tahun 2024 sebesar 42,55 % dan capaian serapan anggaran sebesar 29,5%. Capaian kinerja sudah melebihi target pada Tribulan II, namun untuk penyerapan anggaran belum memenuhi target dikarenakan ada beberapa sub kegiatan yang belum dilaksanakan karena masih mengikuti jadwal pada anggaran kas.';
export const SASARAN =
  'Sasaran yang akan dicapai Kasi Pemberdayaan Masyarakat pada Tribulan II Tahun 2024 sejumlah 2 (dua) sasaran dengan 2 (dua) indikator kinerja dengan analisis indicator kinerja rata-rata persentase fasilitasi pemberdayaan masyarakat dengan target 42,55 % terealisasi 29,5%.';
export const KESIMPULAN_EVALUASI =
  'Jadi kesimpulan untuk evaluasi terhadap kinerja Kasi Pemberdayaan Masyarakat dengan persentase capaian kinerja sebesar 42,38% masuk kepada kategori “sangat rendah”. Adapun penyebab keberhasilan ini antara lain karena :';
export const PENYEBAB = [
  '1. Adanya komitmen bersama.',
  '2. Dukungan perencanaan yang bagus',
  '3. Dukungan data yang lengkap dan benar',
];
export const AKUNTABILITAS_KEUANGAN =
  'Hal ini tidak terlepas dari komitmen Kasi Pemberdayaan Masyarakat dengan Camat yang dituangkan dalam Reviu Perjanjian Kinerja. Berkaitan dengan akuntabilitas keuangan Kasi Pemberdayaan Masyarakat, penghitungan didasarkan pada pagu anggaran yang telah ditetapkan dalam DPA kemudian disinkronkan dengan realisasi belanja Operasi tahun anggaran 2024 maka dapat dilihat prosentase capaian realisasi anggaran pada tabel 2.4 sebagai berikut :';
export const HASIL_EVALUASI =
  'Berdasarkan hasil evaluasi dan analisis kinerja menunjukkan bahwa realisasi target sasaran masuk dalam kategori “Sangat rendah”, namun ada beberapa hal yang menjadi perhatian untuk lebih disempurnakan dan ditingkatkan.';
export const PENUTUP = [
  'Laporan Kinerja (LKj) Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang merupakan langkah yang baik sebagai pra evaluasi Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) SKPD di lingkungan Pemerintah Kabupaten Lumajang Tribulan II Tahun 2024. Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang senantiasa mengarahkan program dan kegiatan yang dilaksanakan untuk dapat mengikuti perubahan isu strategis Pemerintah Kabupaten Lumajang.',
  'Adapun capaian kinerja Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang dinilai Berhasil dengan capaian kinerja sebesar 42,38% dan capaian serapan anggaran sebesar 29,5%.',
];

/** Paragraphs as lines: 15 pt line pitch, 25 pt between paragraphs. */
export function paragraphs(texts: string[], page: number, y0 = 100): { lines: Line[]; y: number } {
  const lines: Line[] = [];
  let y = y0;
  for (const t of texts) {
    const ls = block(wrap(t), { page, y });
    lines.push(...ls);
    y += ls.length * 15 + 10;
  }
  return { lines, y };
}

export function coverPage(): Line[] {
  return [
    line('LAPORAN KINERJA', { page: 1, x: 240, y: 120 }),
    line('KASI PEMBERDAYAAN', { page: 1, x: 230, y: 145 }),
    line('MASYARAKAT', { page: 1, x: 250, y: 170 }),
    line('TRIBUNAN II', { page: 1, x: 255, y: 195 }),
    line('Tahun 2024', { page: 1, x: 255, y: 220 }),
    line('Pemerintah Kabupaten Lumajang', { page: 1, x: 200, y: 700 }),
    line('Kecamatan Candipuro', { page: 1, x: 230, y: 720 }),
  ];
}

export function kataPengantarPage(): Line[] {
  const { lines, y } = paragraphs(KATA_PENGANTAR, 2, 110);
  return [
    line('KATA PENGANTAR', { page: 2, x: 250, y: 80 }),
    ...lines,
    line('Candipuro, 28 Juni 2024', { page: 2, x: 350, y: y + 10 }),
    line('Plt.Kasi Pemberdayaan Masyarakat', { page: 2, x: 350, y: y + 25 }),
    line('Kecamatan Candipuro', { page: 2, x: 350, y: y + 40 }),
    line('ARIF SUWARKO', { page: 2, x: 350, y: y + 120 }),
    line('NIP. 19660702 200701 1 001', { page: 2, x: 350, y: y + 135 }),
  ];
}

/** Closing page: the camat's block on the left, the unit head's on the right, sharing lines. */
export function closingPage(page = 8): Line[] {
  const { lines, y } = paragraphs(PENUTUP, page, 100);
  return [
    line('BAB III', { page, x: 290, y: 60 }),
    line('PENUTUP', { page, x: 285, y: 78 }),
    ...lines,
    row(page, y + 10, [[150, 'Mengetahui']]),
    row(page, y + 25, [
      [120, 'ATASAN LANGSUNG'],
      [350, 'Candipuro, 28 Juni 2024'],
    ]),
    row(page, y + 40, [
      [115, 'Plt. Camat Candipuro'],
      [350, 'Plt. Kasi Pemberdayaan Masyarakat'],
    ]),
    row(page, y + 120, [
      [110, 'AKHMAD KHARIRI, SH'],
      [350, 'ARIF SUWARKO'],
    ]),
    row(page, y + 135, [
      [90, 'NIP. 19720818 199403 1 009'],
      [350, 'NIP. 19660702 200701 1 001'],
    ]),
  ];
}

export function referenceReport(): Line[] {
  const p5 = paragraphs([CAPAIAN_SUMMARY], 5, 500).lines;
  const p6 = [
    ...paragraphs([SASARAN, KESIMPULAN_EVALUASI], 6, 80).lines,
    ...block(PENYEBAB, { page: 6, x: 95, y: 300 }),
    ...paragraphs([AKUNTABILITAS_KEUANGAN], 6, 360).lines,
  ];
  const p7 = paragraphs([HASIL_EVALUASI], 7, 300).lines;
  return [...coverPage(), ...kataPengantarPage(), ...p5, ...p6, ...p7, ...closingPage()];
}
