import type { BBox } from '../../../src/model/word.js';
import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../../../src/parse/sentences.js';
import { block, line, lineOf, wordsAt } from './lines.js';

const texts = (lines: Parameters<typeof sentencesOf>[0]) => sentencesOf(lines).map((s) => s.text);

describe('sentencesOf', () => {
  it('joins lines and splits at sentence ends', () => {
    const lines = block([
      'Capaian kinerja sebesar 42,55 % dan capaian serapan',
      'anggaran sebesar 29,5%. Capaian kinerja sudah melebihi',
      'target pada Tribulan II.',
    ]);
    expect(texts(lines)).toEqual([
      'Capaian kinerja sebesar 42,55 % dan capaian serapan anggaran sebesar 29,5%.',
      'Capaian kinerja sudah melebihi target pada Tribulan II.',
    ]);
  });

  it('splits after a closing quote and after a year', () => {
    expect(
      texts([line('masuk kepada kategori “sangat rendah”. Adapun penyebab keberhasilan ini antara lain karena :')]),
    ).toEqual(['masuk kepada kategori “sangat rendah”.', 'Adapun penyebab keberhasilan ini antara lain karena :']);
    expect(
      texts([line('Lumajang Tribulan III Tahun 2025. Kasi Kesejahteraan Sosial senantiasa mengarahkan.')]),
    ).toHaveLength(2);
  });

  it('does not split after abbreviations and initials', () => {
    for (const t of [
      'Mengetahui Plt. Camat Candipuro menyetujui laporan ini.',
      'Jl. Raya Senduro No. 46 Kabupaten Lumajang.',
      'pagu sebesar Rp. 48.320.000,00 telah direalisasikan.',
      'ditandatangani oleh H. Ahmad dan NIP. 19660702 200701 1 001 tercatat.',
      'A. Tugas Pokok dan Fungsi Jabatan sudah jelas.',
    ])
      expect(texts([line(t)])).toEqual([t]);
  });

  it('joins a word broken with a hyphen at the line end, keeping the hyphen', () => {
    const lines = block(['limpahan rahmat dan karunia-', 'Nya maka Laporan Kinerja dibuat.']);
    expect(texts(lines)).toEqual(['limpahan rahmat dan karunia-Nya maka Laporan Kinerja dibuat.']);
  });

  it('joins words printed touching (ligature splits)', () => {
    const ws = [
      ...wordsAt('tingkat efektivitas dan', { x: 85 }),
      { text: 'e', page: 1, bbox: [205, 100, 211, 110] as BBox, conf: 100, source: 'text' as const },
      { text: 'fi', page: 1, bbox: [211, 100, 218, 110] as BBox, conf: 100, source: 'text' as const },
      { text: 'siensi', page: 1, bbox: [218, 100, 248, 110] as BBox, conf: 100, source: 'text' as const },
    ];
    expect(texts([lineOf(ws)])).toEqual(['tingkat efektivitas dan efisiensi']);
  });

  it('runs a sentence across a page break, dropping the page number', () => {
    const lines = [
      line('ditetapkan dalam DPA kemudian disinkronkan dengan realisasi belanja Operasi tahun', { page: 5, y: 751 }),
      line('5', { page: 5, x: 309, y: 814 }),
      line('anggaran 2025 maka dapat dilihat prosentase capaian realisasi anggaran.', { page: 6, y: 79 }),
    ];
    const [s] = sentencesOf(lines);
    expect(s!.text).toBe(
      'ditetapkan dalam DPA kemudian disinkronkan dengan realisasi belanja Operasi tahun anggaran 2025 maka dapat dilihat prosentase capaian realisasi anggaran.',
    );
    expect(new Set(s!.tokens.map((t) => t.word.page))).toEqual(new Set([5, 6]));
  });

  it('keeps a number line that is not at a page edge', () => {
    const lines = block(['sejumlah', '2', 'sasaran.'], { page: 4, y: 300 });
    expect(texts([line('awal', { page: 4, y: 100 }), ...lines, line('akhir', { page: 4, y: 700 })])).toContain(
      'sejumlah 2 sasaran.',
    );
  });

  it('ends a paragraph at headings, list items and wide gaps', () => {
    const lines = [
      line('Strategis yang telah ditetapkan', { y: 100 }),
      line('Akhirnya kami sampaikan terima kasih', { y: 100 + 15 * 2 }),
      line('2.3. EVALUASI DAN ANALISIS KINERJA', { y: 160 }),
      line('Sasaran yang akan dicapai sejumlah 2 sasaran antara lain :', { y: 175 }),
      line('1. Adanya komitmen bersama.', { y: 190 }),
      line('2. Dukungan perencanaan yang bagus', { y: 205 }),
      line('3. Dukungan data yang lengkap', { y: 220 }),
      line('dan benar', { y: 235 }),
      line('☐ Laporan Sudah Baik', { y: 250 }),
    ];
    expect(texts(lines)).toEqual([
      'Strategis yang telah ditetapkan',
      'Akhirnya kami sampaikan terima kasih',
      '2.3. EVALUASI DAN ANALISIS KINERJA',
      'Sasaran yang akan dicapai sejumlah 2 sasaran antara lain :',
      '1. Adanya komitmen bersama.',
      '2. Dukungan perencanaan yang bagus',
      '3. Dukungan data yang lengkap dan benar',
      '☐ Laporan Sudah Baik',
    ]);
  });

  it('does not take a continuation line starting with a number for a heading', () => {
    const lines = block(['dapat dilihat prosentase capaian realisasi anggaran pada tabel', '2.5 sebagai berikut :']);
    expect(texts(lines)).toEqual([
      'dapat dilihat prosentase capaian realisasi anggaran pada tabel 2.5 sebagai berikut :',
    ]);
  });

  it('maps every token to its place in the sentence', () => {
    const lines = block([
      'Jadi kesimpulan untuk evaluasi. Capaian kinerja',
      'sebesar 42,38% masuk kategori “sangat rendah”.',
    ]);
    const sentences = sentencesOf(lines);
    for (const s of sentences) {
      for (const t of s.tokens) expect(s.text.slice(t.start - s.offset, t.end - s.offset)).toBe(t.text);
    }
    expect(sentences[1]!.tokens.map((t) => t.text)).toEqual([
      'Capaian',
      'kinerja',
      'sebesar',
      '42,38%',
      'masuk',
      'kategori',
      '“sangat',
      'rendah”.',
    ]);
  });

  it('reads a line without words from its text', () => {
    const s = sentencesOf([
      { text: 'Capaian  kinerja sebesar 42,38%.', page: 3, bbox: [85, 100, 300, 110], words: [] },
    ]);
    expect(s[0]!.text).toBe('Capaian kinerja sebesar 42,38%.');
    expect(s[0]!.tokens[0]!.word).toMatchObject({ page: 3, conf: 100 });
  });

  it('gives nothing for nothing', () => {
    expect(sentencesOf([])).toEqual([]);
  });
});
