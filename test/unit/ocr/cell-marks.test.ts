/**
 * A pen tick through a printed figure is read as surely as print, and wrongly: the cell is found
 * by its ink reaching well beyond one line of the table's figures, and its number made doubtful,
 * so a rule failing on it is `uncertain`, never an error about the document.
 */
import { describe, expect, it } from 'vitest';
import type { Field } from '../../../src/model/extracted.js';
import type { PageContent, Word } from '../../../src/model/word.js';
import { markedCells } from '../../../src/ocr/cell-marks.js';
import type { OcrPage } from '../../../src/ocr/read-page.js';
import { type CellRef, doubtCells, MARKED_CONF } from '../../../src/ocr/reread.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../../src/settings/settings.js';
import { drawPage } from '../../helpers/draw.js';

const ROWS = [
  ['52.500.000,00', '74,88 %'],
  ['39.313.550,00', '57,62 %'],
  ['34.250.000,00', '68,07 %'],
  ['19.735.000,00', '12,50 %'],
  ['86.750.000,00', '99,10 %'],
];
const X = 20,
  Y = 20,
  COLS = [120, 80],
  ROW_H = 26;

/** A ballpoint tick: two diagonal strokes of small dots, its foot below the figures' baseline. */
function tick(x: number, y: number) {
  const dots = [];
  for (let i = 0; i <= 6; i++) dots.push({ x: x + i * 0.7, y: y + i * 1.1, w: 1, h: 1, gray: 30 });
  for (let i = 0; i <= 12; i++) dots.push({ x: x + 4.2 + i * 0.6, y: y + 6.6 - i * 1.3, w: 1, h: 1, gray: 30 });
  return dots;
}

/**
 * An office stamp in grey (its ink lighter than print): two rings and a band of lettering, the
 * outer ring's edge at `r` points from (cx, cy).
 */
function stamp(cx: number, cy: number, r: number, gray = 150) {
  const dots = [];
  for (const radius of [r, r - 4])
    for (let a = 0; a < 360; a += 2) {
      const t = (a * Math.PI) / 180;
      dots.push({ x: cx + radius * Math.cos(t), y: cy + radius * Math.sin(t), w: 1.2, h: 1.2, gray });
    }
  // lettering across the middle: strokes a little apart
  for (let x = cx - 12; x < cx + 12; x += 2.2) dots.push({ x, y: cy - 9, w: 1, h: 5, gray });
  return dots;
}

function scanWith(ink: ReturnType<typeof tick>, inkMultiplies = false): Map<number, OcrPage> {
  const raster = drawPage({
    inkMultiplies,
    widthPt: 260,
    heightPt: 200,
    tables: [{ x: X, y: Y, colWidths: COLS, rowHeight: ROW_H, rows: ROWS }],
    ink,
  });
  return new Map([[1, { raster, content: {} as PageContent, blank: false, timings: {} } as OcrPage]]);
}

const cells: CellRef[] = ROWS.flatMap((row, r) =>
  row.map((raw, c): CellRef => {
    const x0 = X + (c ? COLS[0]! : 0);
    const f: Field = {
      kind: c ? 'pct' : 'money',
      raw,
      value: null,
      decimals: 2,
      conf: 96,
      parsed: true,
      page: 1,
      bbox: [x0, Y + r * ROW_H, x0 + COLS[c]!, Y + (r + 1) * ROW_H],
    };
    return { table: '2.5', row: String(r + 1), field: c ? 'capaian' : 'pagu', f };
  }),
);
const names = (cs: CellRef[]) => cs.map((c) => `${c.row}/${c.field}`);

describe('markedCells', () => {
  it('finds the figure a pen tick runs through, and only that one', () => {
    // the tick over `57,62 %` (row 2, capaian): its foot a little under the baseline, its arm above the figures
    const marked = markedCells(cells, scanWith(tick(X + COLS[0]! + 2, Y + ROW_H + 12)));
    expect(names(marked)).toEqual(['2/capaian']);
  });

  it('finds the figure a grey stamp covers, not the ones its edge grazes', () => {
    // centred on `68,07 %` (row 3, capaian); its outer ring reaches into rows 2 and 4 a little
    const marked = markedCells(cells, scanWith(stamp(X + COLS[0]! + 40, Y + 2.5 * ROW_H, 20)));
    expect(names(marked)).toEqual(['3/capaian']);
  });

  it("a scanner's grey streak down a column, past its figures, is no stamp", () => {
    // the figures end ~36 pt into the 80 pt capaian column
    const streak = [{ x: X + COLS[0]! + 60, y: 0, w: 4, h: 200, gray: 150 }];
    expect(markedCells(cells, scanWith(streak))).toEqual([]);
  });

  it("finds every figure a scanner's streak runs through (it closes a `3` into an `8`)", () => {
    const streak = [{ x: X + COLS[0]! + 15, y: 0, w: 0.7, h: 200, gray: 140 }];
    expect(names(markedCells(cells, scanWith(streak)))).toEqual([
      '1/capaian',
      '2/capaian',
      '3/capaian',
      '4/capaian',
      '5/capaian',
    ]);
  });

  it('uneven light, darker to one side, is no streak', () => {
    // the page greys towards the right by 2 levels a point, as under a scanner's lid left open
    const light = Array.from({ length: 130 }, (_, i) => ({ x: X + 2 * i, y: 0, w: 2, h: 200, gray: 250 - i }));
    expect(markedCells(cells, scanWith(light, true))).toEqual([]);
  });

  it('finds nothing on clean print', () => {
    expect(markedCells(cells, scanWith([]))).toEqual([]);
  });

  it('says nothing where too few figures tell the usual height', () => {
    expect(markedCells([cells[1]!, cells[3]!, cells[5]!], scanWith(tick(X + COLS[0]! + 2, Y + ROW_H + 12)))).toEqual(
      [],
    );
  });

  it("lowers the marked cells' words under the rules' threshold, and no others", () => {
    const word = (text: string, bbox: Word['bbox']): Word => ({ text, page: 1, bbox, conf: 96, source: 'ocr' });
    const page: PageContent = {
      page: 1,
      width: 260,
      height: 200,
      mode: 'ocr',
      segments: [],
      words: [word('57,62', [X + 124, Y + 34, X + 150, Y + 42]), word('74,88', [X + 124, Y + 8, X + 150, Y + 16])],
    };
    doubtCells([cells[3]!], [page], MARKED_CONF);
    expect(page.words.map((w) => [w.text, w.conf])).toEqual([
      ['57,62', MARKED_CONF],
      ['74,88', 96],
    ]);
    expect(MARKED_CONF).toBeLessThan(DEFAULT_MIN_CONFIDENCE);
  });
});
