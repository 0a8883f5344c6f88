import type { TableId } from '../model/contract.js';
import { cellCrop } from './cell-crop.js';
import type { OcrPage } from './read-page.js';
import type { CellRef } from './reread.js';

/**
 * Reviewers and auditors tick, circle and underline figures on the printed report before it is
 * scanned. A pen stroke through a digit is read as surely as print, and wrongly (a tick over `74,88`
 * reads `14,88` every time), so agreeing re-reads prove nothing there. What gives it away is its
 * extent: one line of figures is as tall as the table's other figures, a line with a tick or a
 * circle across it is much taller. Such a cell's number is doubtful whatever it reads.
 */

/** A one-line cell whose ink is this much taller than its table's usual figure holds more than print. */
const MARK_HEIGHT_RATIO = 1.2;
/** The usual figure height needs this many one-line cells of the table to be known. */
const MIN_CELLS = 4;

/** The numeric cells whose ink runs well beyond one line of the table's figures: a pen mark, a stamp. */
export function markedCells(cells: readonly CellRef[], scans: ReadonlyMap<number, OcrPage>): CellRef[] {
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
  return measured
    .filter((m) => usual.has(m.c.table) && m.height > MARK_HEIGHT_RATIO * usual.get(m.c.table)!)
    .map((m) => m.c);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
