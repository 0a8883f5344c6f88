/**
 * Tabel 2.3 whose header a stamp and blur garbled past any synonym (`TRiget`, `Rea isasi`,
 * `(Caoaian` on seed 4244 doc 10, which lost the whole table): the caption names it, its columns are the
 * template's, and its rows hold figures where the template's figures are, so it is read by place.
 */
import { describe, expect, it } from 'vitest';
import { extractTables } from '../../../src/tables/extract-tables.js';
import { groupLines } from '../../../src/model/lines.js';
import type { PageContent, Segment, Word } from '../../../src/model/word.js';

const XS = [40, 60, 240, 420, 470, 510, 550, 580];
const YS = [200, 220, 232, 262, 292, 322];
const rules = (): Segment[] => [
  ...YS.map((y) => ({ page: 1, x0: XS[0]!, y0: y, x1: XS[XS.length - 1]!, y1: y })),
  ...XS.map((x) => ({ page: 1, x0: x, y0: YS[0]!, x1: x, y1: YS[YS.length - 1]! })),
];
const line = (texts: string[], x: number, y: number): Word[] => {
  let at = x;
  return texts.map((t) => {
    const word: Word = { text: t, page: 1, bbox: [at, y, at + t.length * 4, y + 8], conf: 90, source: 'ocr' };
    at += t.length * 4 + 3;
    return word;
  });
};
const cells = (texts: string[], y: number) => texts.flatMap((t, c) => (t ? line(t.split(' '), XS[c]! + 3, y) : []));

function page(header: string[], rows: string[][], numbers = ['1', '2', '3', '4', '5', '6', '7']): PageContent {
  const words = [
    ...line(['Tabel', '2.3'], 240, 170),
    ...line(['Capaian', 'Kinerja', 'Kasi', 'Pemerintahan'], 200, 182),
    ...cells(header, YS[0]! + 5),
    ...cells(numbers, YS[1]! + 2),
    ...rows.flatMap((r, i) => cells(r, YS[i + 2]! + 5)),
  ];
  return { page: 1, width: 595, height: 842, mode: 'ocr', words, segments: rules() };
}

// only `Sasaran` legible: too little of the header to map it by its words
const GARBLED = ['\\o', 'Sasaran (egjiaftan', 'ncicator Kinerja', 'TRiget', 'Rqa ixqsi', '(Cqoqiqn', 'Keit'];
const ROWS = [
  [
    '1',
    'Meningkatnya akuntabilitas keuangan desa',
    'Persentase desa yang menyampaikan laporan',
    '95%',
    '36,25%',
    '38,16%',
    '',
  ],
  [
    '2',
    'Terfasilitasinya penyusunan Peraturan Desa',
    'Jumlah Peraturan Desa',
    '26 Dokumen',
    '11 Dokumen',
    '42,31%',
    '',
  ],
  ['3', 'Meningkatnya tertib administrasi desa', 'Persentase desa yang tertib', '80%', '58,78%', '73,48%', ''],
];

/** Each 2.3 row's label and figures as read from the page. */
const figures = (p: PageContent) =>
  extractTables([p], groupLines(p.words)).tables['2.3'].map((r) => [
    r.no,
    r.fields.target?.value,
    r.fields.realisasi?.value,
    r.fields.capaian?.value,
  ]);
const FIGURES = [
  ['1', 95, 36.25, 38.16],
  ['2', 26, 11, 42.31],
  ['3', 80, 58.78, 73.48],
];

describe('a captioned table whose header did not read', () => {
  it('is read by the template’s columns when its rows hold figures where those are', () => {
    const p = page(GARBLED, ROWS);
    expect(figures(p)).toEqual(FIGURES);
  });

  it('keeps a legible `Ket` column, and a column-number row a stamp garbled is no row (the same page, printed smaller)', () => {
    const header = ['\\o', 'Sasaran Kegiat:an', 'Inclikatior Kinerja', 'arth', 'Realisasi', 'Capoaian', 'Ket'];
    const p = page(header, ROWS, ['-', '2', '3', 'NAN', '5', '6', '/']);
    expect(figures(p)).toEqual(FIGURES);
  });

  it('is not read from rows whose columns hold something else', () => {
    // words where the figures should be: another table under a caption it does not answer to
    const rows = ROWS.map(([no, s, i]) => [no!, s!, i!, 'Dokumen lengkap', 'Belum tersedia', 'Sedang berjalan', '']);
    const p = page(GARBLED, rows);
    expect(extractTables([p], groupLines(p.words)).tables['2.3']).toEqual([]);
  });
});
