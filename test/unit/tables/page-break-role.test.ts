/**
 * A table that opens a page right after another table broke off there: when the caption between
 * them was lost (printed at the foot of the page before, read by OCR as `Tabel 111.4`), the grid
 * must still open a table of its own when its header says it is one, never continue the table
 * before it.
 */
import { describe, expect, it } from 'vitest';
import { groupLines } from '../../../src/model/lines.js';
import type { PageContent, Segment, Word } from '../../../src/model/word.js';
import { extractTables } from '../../../src/tables/extract-tables.js';
import { findCaptions } from '../../../src/tables/roles.js';

const w = (page: number, text: string, x: number, y: number): Word => ({
  text,
  page,
  bbox: [x, y, x + text.length * 4, y + 8],
  conf: 95,
  source: 'ocr',
});
/** A line of words set left to right from `x`. */
const line = (page: number, text: string, x: number, y: number): Word[] => {
  let at = x;
  return text.split(' ').map((t) => {
    const word = w(page, t, at, y);
    at += t.length * 4 + 4;
    return word;
  });
};

/** A fully ruled grid: every row rule across, every column rule down. */
function ruled(page: number, xs: number[], ys: number[]): Segment[] {
  return [
    ...ys.map((y) => ({ page, x0: xs[0]!, y0: y, x1: xs[xs.length - 1]!, y1: y })),
    ...xs.map((x) => ({ page, x0: x, y0: ys[0]!, x1: x, y1: ys[ys.length - 1]! })),
  ];
}

/** One row of a grid: each text set in the cell under its column edge. */
const row = (page: number, xs: number[], y: number, cells: string[]): Word[] =>
  cells.flatMap((t, i) => (t ? line(page, t, xs[i]! + 3, y + 4) : []));

// Tabel 2.3: No | Sasaran | Indikator | Target | Realisasi | Capaian
const XS3 = [50, 70, 170, 290, 360, 430, 520];
// Tabel 2.4: No | Sasaran | Indikator | Pagu | Realisasi | Capaian | Target | Realisasi | Capaian
const XS4 = [50, 70, 140, 220, 290, 360, 410, 440, 480, 520];

function report(captionOnPage1: string): PageContent[] {
  const ys1 = [600, 620, 640, 660, 680];
  const p1: Word[] = [
    ...line(1, 'Tabel III.3.', 260, 585),
    ...row(1, XS3, 600, ['No', 'Sasaran', 'Indikator Kinerja', 'Target', 'Realisasi', 'Capaian (%)']),
    ...row(1, XS3, 620, ['1', 'Meningkatnya partisipasi', 'Persentase desa', '100 %', '92,50 %', '92,50']),
    ...row(1, XS3, 640, ['2', 'Meningkatnya kapasitas', 'Jumlah lembaga', '24', '21', '87,50']),
    ...row(1, XS3, 660, ['3', 'Meningkatnya kualitas', 'Persentase laporan', '90 %', '81 %', '90']),
    // the next table's caption at the foot of the page, its grid on the next
    ...line(1, captionOnPage1, 260, 720),
    ...line(1, 'Pencapaian Kinerja dan Anggaran', 220, 732),
  ];
  const ys2 = [50, 70, 90, 110, 130];
  const p2: Word[] = [
    ...row(2, XS4, 50, [
      'No',
      'Sasaran',
      'Indikator',
      'Pagu',
      'Realisasi',
      'Capaian',
      'Target',
      'Realisasi',
      'Capaian',
    ]),
    ...row(2, XS4, 70, ['1', 'Meningkatnya', 'Persentase', '45.000.000', '41.850.000', '93', '100', '92,50', '92,50']),
    ...row(2, XS4, 90, ['2', 'Meningkatnya', 'Jumlah', '30.000.000', '26.400.000', '88', '24', '21', '87,50']),
    ...row(2, XS4, 110, ['3', 'Meningkatnya', 'Persentase', '25.500.000', '19.125.000', '75', '90', '81', '90']),
  ];
  const page = (n: number, words: Word[], segments: Segment[]): PageContent => ({
    page: n,
    width: 595,
    height: 842,
    mode: 'ocr',
    words,
    segments,
  });
  return [page(1, p1, ruled(1, XS3, ys1)), page(2, p2, ruled(2, XS4, ys2))];
}

const read = (caption: string) => {
  const pages = report(caption);
  return extractTables(pages, groupLines(pages.flatMap((p) => p.words))).tables;
};

describe('a table opening the page after another broke off', () => {
  it('reads the Roman chapter of a caption OCR took for digits or letters', () => {
    const lines = groupLines([
      ...line(1, 'Tabel 111.4.', 100, 100),
      ...line(1, 'Tabel Il.5 Realisasi Anggaran', 100, 200),
      ...line(1, 'Tabel 11.5', 100, 300),
      ...line(1, 'Tabel 1.1', 100, 400),
    ]);
    expect(findCaptions(lines).map((c) => [c.label, c.number])).toEqual([
      ['Tabel III.4', 'III.4'],
      ['Tabel II.5', 'II.5'],
      ['Tabel 11.5', '11.5'],
      ['Tabel 1.1', '1.1'],
    ]);
  });

  it('is a table of its own under its caption read as `Tabel 111.4`', () => {
    const tables = read('Tabel 111.4.');
    expect(tables['2.3'].map((r) => r.no)).toEqual(['1', '2', '3']);
    expect(tables['2.4'].map((r) => r.fields.pagu?.value)).toEqual([45_000_000, 30_000_000, 25_500_000]);
  });

  it('is a table of its own when its caption was not read at all, by its header', () => {
    const tables = read('Tebal Ill 4');
    expect(tables['2.3'].map((r) => r.no)).toEqual(['1', '2', '3']);
    expect(tables['2.4'].map((r) => r.fields.realisasiAnggaran?.value)).toEqual([41_850_000, 26_400_000, 19_125_000]);
  });
});
