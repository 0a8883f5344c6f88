import type { TableId } from '../model/contract.js';
import type { GrayImage, PixelBox } from '../model/image.js';
import { faintInkAway } from '../raster/ink.js';
import { streakThroughInk } from '../raster/streaks.js';
import { cellCrop, insideRules } from './cell-crop.js';
import type { OcrPage } from './read-page.js';
import type { CellRef } from './reread.js';

/**
 * Reviewers and auditors tick, circle and underline figures on the printed report before it is
 * scanned. A pen stroke through a digit is read as surely as print, and wrongly (a tick over `74,88`
 * reads `14,88` every time), so agreeing re-reads prove nothing there. What gives it away is its
 * extent: one line of figures is as tall as the table's other figures, a line with a tick or a
 * circle across it is much taller. Such a cell's number is doubtful whatever it reads.
 *
 * A stamp is another matter: its coloured ink scans to a grey lighter than print, which the crops
 * leave out, but where its ring crosses a stroke the digit changes (`14,17` read `14,77`). A cell
 * the stamp's grey covers, across most of its height, is doubtful too. So is one a scanner's
 * streak runs through: a thin grey line down the page closes open digits (`13.194.300` read
 * `18.194.300` on every re-read, and R2 and R6 called a correct report wrong).
 */

/** A one-line cell whose ink is this much taller than its table's usual figure holds more than print. */
const MARK_HEIGHT_RATIO = 1.2;
/** The usual figure height needs this many one-line cells of the table to be known. */
const MIN_CELLS = 4;

/** A cell this much of whose area is grey ink away from the print holds a stamp… */
const STAMP_INK_RATIO = 0.03;
/**
 * …when that ink spreads over this much of its height and width: a stamp's edge grazing the cell
 * covers little of its width, a scanner's streak through the column less still.
 */
const STAMP_ROWS = 0.5;
const STAMP_COLS = 0.25;
/** Print's own grey (stroke edges, blur) lies within this many points of its strokes. */
const PRINT_HALO_PT = 0.6;

/** The numeric cells whose ink runs well beyond one line of the table's figures (a pen mark), under a stamp or crossed by a streak. */
export function markedCells(cells: readonly CellRef[], scans: ReadonlyMap<number, OcrPage>): CellRef[] {
  const covered = new Set(
    cells.filter((c) => {
      const scan = scans.get(c.f.page);
      if (!scan || !c.f.raw.trim()) return false;
      const k = scan.raster.dpi / 72;
      const box = insideRules(c.f.bbox, k);
      return underStamp(scan.raster.image, box, k) || streakThroughInk(scan.raster.image, box);
    }),
  );
  const measured = cells.flatMap((c) => {
    const scan = scans.get(c.f.page);
    if (!scan || !c.f.raw.trim()) return [];
    const k = scan.raster.dpi / 72;
    const crop = cellCrop(scan.raster.image, c.f.bbox, k);
    // a cell of two lines (a number over its `%`) is no single line to compare
    return crop && crop.lines === 1 ? [{ c, height: crop.inkHeight / k }] : [];
  });
  const usual = new Map<TableId, number>();
  for (const table of new Set(measured.map((m) => m.c.table))) {
    const heights = measured.filter((m) => m.c.table === table).map((m) => m.height);
    if (heights.length >= MIN_CELLS) usual.set(table, median(heights));
  }
  const tall = new Set(
    measured
      .filter((m) => usual.has(m.c.table) && m.height > MARK_HEIGHT_RATIO * usual.get(m.c.table)!)
      .map((m) => m.c),
  );
  return cells.filter((c) => covered.has(c) || tall.has(c));
}

/** A stamp's grey over the cell, away from the print's strokes. */
function underStamp(page: GrayImage, box: PixelBox, k: number): boolean {
  const faint = faintInkAway(page, box, Math.max(2, Math.round(PRINT_HALO_PT * k)));
  return faint.ratio > STAMP_INK_RATIO && faint.rows > STAMP_ROWS && faint.cols > STAMP_COLS;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
