import { describe, expect, it } from 'vitest';
import { toRecord } from '../../../src/tables/records.js';
import type { RawCell, RawRow } from '../../../src/tables/rows.js';
import type { BBox } from '../../../src/model/word.js';

const cell = (text: string, source: 'ocr' | 'text'): RawCell => ({
  text,
  words: [{ text, page: 1, bbox: [0, 0, 10, 10] as BBox, conf: 86, source }],
  bbox: [0, 0, 10, 10],
  conf: source === 'ocr' ? 86 : 100,
  page: 1,
});
const band = (interval: string, source: 'ocr' | 'text' = 'ocr'): RawRow => ({
  no: '1',
  page: 1,
  bbox: [0, 0, 10, 10],
  cells: { interval: cell(interval, source), kriteria: cell('Sangat Tinggi', source) },
});
const bounds = (r: RawRow) => {
  const { min, max } = toRecord('2.2', r).fields;
  return [min!.value, max!.value, max!.conf < 80];
};

describe('a Tabel 2.2 band whose upper bound OCR read with a separator put in', () => {
  it('reads `90 < X = 1.00` as 90–100, doubtful', () => {
    expect(bounds(band('90 < X = 1.00'))).toEqual([90, 100, true]);
    expect(bounds(band('80 <X =1,00'))).toEqual([80, 100, true]);
  });

  it('leaves a scale of fractions, bands read in order, and a text layer as they are', () => {
    expect(bounds(band('0,90 < X ≤ 1,00'))).toEqual([0.9, 1, false]);
    expect(bounds(band('75 < X = 90'))).toEqual([75, 90, false]);
    // a text layer prints what it prints: R9 judges the document's own band
    expect(bounds(band('90 < X ≤ 1.00', 'text'))).toEqual([1, 90, false]);
    // a joined bound over 100 is no percent band either
    expect(bounds(band('95 < X ≤ 9.99'))).toEqual([9.99, 95, false]);
  });
});

describe('an OCR text cell crossed by a rule or a streak', () => {
  const text = (raw: string, source: 'ocr' | 'text' = 'ocr') =>
    toRecord('2.5', { no: '1.1', page: 1, bbox: [0, 0, 10, 10], cells: { uraian: cell(raw, source) } }).fields.uraian!
      .value;

  it('loses a `|` alone or at a word edge, never a letter', () => {
    expect(text('Unit Kerja| Perangkat Daerah')).toBe('Unit Kerja Perangkat Daerah');
    expect(text('Unit Kerja |Perangkat | Daerah |')).toBe('Unit Kerja Perangkat Daerah');
    // inside a word it may be a letter (`l`): left for the text reconciliation
    expect(text('Pe|aksanaan')).toBe('Pe|aksanaan');
    // a text layer keeps what it prints
    expect(text('A | B', 'text')).toBe('A | B');
  });

  it('loses a comma or full stop standing alone between words, never one at a word (seed 100787 doc 58)', () => {
    expect(text('Persentase jasa , komunikasi, sumber daya air .')).toBe('Persentase jasa komunikasi, sumber daya air');
    expect(text('Belanja Jasa, Kantor')).toBe('Belanja Jasa, Kantor');
    expect(text('A , B', 'text')).toBe('A , B');
  });
});

describe('an OCR number cell with a stamp’s or a pen stroke’s ink read as letters beside the figure', () => {
  const words = (source: 'ocr' | 'text', ...ws: [string, number, number][]): RawCell => ({
    text: ws.map(([t]) => t).join(' '),
    words: ws.map(([text, y, conf]) => ({ text, page: 1, bbox: [0, y, 30, y + 8] as BBox, conf, source })),
    bbox: [0, 0, 30, 60],
    conf: Math.min(...ws.map(([, , c]) => c)),
    page: 1,
  });
  const row = (cells: RawRow['cells']): RawRow => ({ no: '1', page: 1, bbox: [0, 0, 10, 10], cells });
  const field = (f: string, c: RawCell) => toRecord('2.4', row({ [f]: c })).fields[f]!;

  it('reads the figure without the unsure digitless words, doubtful (seed 100787 doc 34)', () => {
    const pct = field('capaianAnggaran', words('ocr', ['20,06%', 0, 92], ['WR', 40, 9], ['Bary', 40, 0]));
    expect([pct.value, pct.conf <= 50]).toEqual([20.06, true]);
    const target = field('target', words('ocr', ['38', 0, 96], ['Laporan', 10, 90], ['~', 30, 33], ['AN', 45, 28]));
    expect([target.value, target.conf <= 50]).toEqual([38, true]);
    // a tick's tail read as a lone dot, surely
    const realisasi = field('realisasi', words('ocr', ['64.35%', 0, 93], ['.', 2, 72]));
    expect([realisasi.value, realisasi.conf <= 50]).toEqual([64.35, true]);
  });

  it('keeps sure words and a text layer as printed, and finds no figure where none was read', () => {
    // a sure word beside the figure is no mark: the cell stays unread
    expect(field('capaianAnggaran', words('ocr', ['20,06%', 0, 92], ['Bary', 40, 90])).value).toBeNull();
    expect(field('capaianAnggaran', words('text', ['20,06%', 0, 100], ['WR', 40, 9])).value).toBeNull();
    // only mark ink: nothing to read
    expect(field('target', words('ocr', ['or', 0, 22])).value).toBeNull();
  });
});
