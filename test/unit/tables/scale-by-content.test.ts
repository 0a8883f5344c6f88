/**
 * Tabel 2.2 whose bold header OCR garbled beyond any synonym (`IINITTIERVAIL INIILAI`): its caption
 * names it and its rows show a scale (percent intervals beside words), so it is read from them.
 */
import { describe, expect, it } from 'vitest';
import { extractTables } from '../../../src/tables/extract-tables.js';
import { groupLines } from '../../../src/model/lines.js';
import type { PageContent, Segment, Word } from '../../../src/model/word.js';

const XS = [100, 130, 280, 460];
const YS = [200, 230, 250, 270, 290, 310, 330];
const rules = (): Segment[] => [
  ...YS.map((y) => ({ page: 1, x0: XS[0]!, y0: y, x1: XS[XS.length - 1]!, y1: y })),
  ...XS.map((x) => ({ page: 1, x0: x, y0: YS[0]!, x1: x, y1: YS[YS.length - 1]! })),
];
const w = (text: string, x: number, y: number): Word => ({
  text,
  page: 1,
  bbox: [x, y, x + text.length * 5, y + 9],
  conf: 90,
  source: 'ocr',
});
const line = (texts: string[], x: number, y: number): Word[] => {
  let at = x;
  return texts.map((t) => {
    const word = w(t, at, y);
    at += t.length * 5 + 4;
    return word;
  });
};

function page(
  header: string[][],
  rows: [string, string, string][],
  title = 'Skala Nilai Peringkat Kinerja',
): PageContent {
  const words = [
    ...line(['Tabel', '2.2'], 240, 170),
    ...line(title.split(' '), 200, 182),
    ...header.flatMap((h, c) => line(h, XS[c]! + 4, 210)),
    ...rows.flatMap(([no, iv, k], r) => [
      ...line([no], XS[0]! + 4, YS[r + 1]! + 5),
      ...line(iv.split(' '), XS[1]! + 4, YS[r + 1]! + 5),
      ...line(k.split(' '), XS[2]! + 4, YS[r + 1]! + 5),
    ]),
  ];
  return { page: 1, width: 595, height: 842, mode: 'ocr', words, segments: rules() };
}

const BANDS: [string, string, string][] = [
  ['1', '> 90% - 100%', 'Sangat Tinggi'],
  ['2', '> 75% - 90%', 'Tinggi'],
  ['3', '> 65% - 75%', 'Sedang'],
  ['4', '> 50% - 65%', 'Rendah'],
  ['5', '≤ 50%', 'Sangat Rendah'],
];
const GARBLED = [['INI'], ['IINITTIERVAIL', 'INIILAI'], ['IKIRITTERNIA', 'IPIEINIIILAI']];

describe('a rating scale whose header did not read', () => {
  it('is read from its rows: intervals, kriteria and row labels', () => {
    const p = page(GARBLED, BANDS);
    const { tables, missing } = extractTables([p], groupLines(p.words));
    expect(missing).not.toContain('2.2');
    expect(
      tables['2.2'].map((r) => [r.no, r.fields.min?.value, r.fields.max?.value, r.fields.kriteria?.value]),
    ).toEqual([
      ['1', 90, 100, 'Sangat Tinggi'],
      ['2', 75, 90, 'Tinggi'],
      ['3', 65, 75, 'Sedang'],
      ['4', 50, 65, 'Rendah'],
      ['5', null, 50, 'Sangat Rendah'],
    ]);
  });

  it('is not made up from rows that show no scale', () => {
    const rows: [string, string, string][] = BANDS.map(([no], i) => [no, `Kegiatan ${i + 1}`, `${10 + i}.000.000`]);
    const p = page(GARBLED, rows);
    expect(extractTables([p], groupLines(p.words)).tables['2.2']).toEqual([]);
  });
});
