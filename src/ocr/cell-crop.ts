import type { BBox } from '../model/word.js';
import type { GrayImage, PixelBox } from '../model/image.js';
import { crop } from '../raster/gray.js';
import { TEXT_INK_LEVEL } from '../raster/ink.js';
import { flattenStreaks } from '../raster/streaks.js';

export interface CellCrop {
  image: GrayImage;
  /** where the crop's pixel (0, 0) sits on the page raster (the crop carries a white margin) */
  x: number;
  y: number;
  /** height of the ink, pixels */
  inkHeight: number;
  inkWidth: number;
  /** text lines in the crop (bands of ink rows), to pick Tesseract's line or block mode */
  lines: number;
  /** each text line's first and last pixel row in `image` (top to bottom) */
  bands: [number, number][];
}

/** Slices a cell is judged in for streaks: a line of text and the gap below it (`flattenStreaks`). */
const STREAK_SLICE_PT = 18;

/** White margin around the ink: Tesseract reads glyphs touching the image edge badly. */
const MARGIN_PX = 12;

/** A cell's pixels (page points × `k`) a little inside its ruling lines, clear of the rules' blur. */
export function insideRules(cell: BBox, k: number): PixelBox {
  const inset = Math.max(3, Math.round(1.2 * k));
  return [
    Math.round(cell[0] * k) + inset,
    Math.round(cell[1] * k) + inset,
    Math.round(cell[2] * k) - inset,
    Math.round(cell[3] * k) - inset,
  ];
}

/**
 * The ink of one table cell, cut out cleanly: start a little inside the ruling lines, even out a
 * scanner's streak, drop rows and columns that are mostly dark (remnants of a border, thick or
 * skewed in a scan), keep the bounding box of what is left and give it a white margin. null for an
 * empty cell.
 */
export function cellCrop(page: GrayImage, cell: BBox, k: number): CellCrop | null {
  const box = insideRules(cell, k);
  if (box[2] - box[0] < 6 || box[3] - box[1] < 6) return null;
  // a scanner's streak through the cell joins its lines and eats the letters it touches
  const img = flattenStreaks(crop(page, box), Math.round(STREAK_SLICE_PT * k));
  const { width: w, height: h, data } = img;
  // longest unbroken dark run per row and column: a border remnant is one long run, while a row
  // through bold digits is dark in many short pieces (counting dark pixels would erase it)
  const rowRun = new Uint32Array(h),
    colRun = new Uint32Array(w),
    colCur = new Uint32Array(w);
  for (let y = 0; y < h; y++) {
    let cur = 0;
    for (let x = 0; x < w; x++) {
      if (data[y * w + x]! < TEXT_INK_LEVEL) {
        cur++;
        if (cur > rowRun[y]!) rowRun[y] = cur;
        colCur[x]!++;
        if (colCur[x]! > colRun[x]!) colRun[x] = colCur[x]!;
      } else {
        cur = 0;
        colCur[x] = 0;
      }
    }
  }
  const lineRow = (y: number) => rowRun[y]! > 0.6 * w;
  const lineCol = (x: number) => colRun[x]! > 0.6 * h;
  let x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1,
    ink = 0;
  // ink per row without the border remnants: a vertical rule left in the crop must not join the
  // cell's text lines into one band
  const rowInk = new Uint32Array(h);
  for (let y = 0; y < h; y++) {
    if (lineRow(y)) continue;
    for (let x = 0; x < w; x++) {
      if (lineCol(x) || data[y * w + x]! >= TEXT_INK_LEVEL) continue;
      ink++;
      rowInk[y]!++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (ink < 12 || x1 < x0 || y1 < y0) return null;
  // a rule just under or over the text (a border close to it, an underline) runs unbroken across
  // the ink's width: peel such rows off the edges of the ink box
  const solid = (y: number) => rowRun[y]! > 0.75 * (x1 - x0 + 1);
  const peeled = new Set<number>();
  const edge = Math.max(2, Math.round(0.25 * (y1 - y0 + 1)));
  for (let y = y1; y > y1 - edge && solid(y); y--) peeled.add(y);
  for (let y = y0; y < y0 + edge && solid(y); y++) peeled.add(y);
  if (peeled.size) {
    // the rule's blurred edge: one more row each side
    for (const y of [...peeled]) {
      peeled.add(y - 1);
      peeled.add(y + 1);
    }
    let ny0 = h,
      ny1 = -1;
    for (let y = y0; y <= y1; y++) {
      if (peeled.has(y) || lineRow(y)) continue;
      for (let x = x0; x <= x1; x++)
        if (!lineCol(x) && data[y * w + x]! < TEXT_INK_LEVEL) {
          ny0 = Math.min(ny0, y);
          ny1 = Math.max(ny1, y);
          break;
        }
    }
    if (ny1 < ny0) return null;
    y0 = ny0;
    y1 = ny1;
  }
  const iw = x1 - x0 + 1,
    ih = y1 - y0 + 1;
  const out = new Uint8Array((iw + 2 * MARGIN_PX) * (ih + 2 * MARGIN_PX)).fill(255);
  const ow = iw + 2 * MARGIN_PX;
  for (let y = y0; y <= y1; y++) {
    if (lineRow(y) || peeled.has(y)) continue;
    for (let x = x0; x <= x1; x++) {
      if (lineCol(x)) continue;
      out[(y - y0 + MARGIN_PX) * ow + (x - x0 + MARGIN_PX)] = data[y * w + x]!;
    }
  }
  return {
    image: { data: out, width: ow, height: ih + 2 * MARGIN_PX },
    x: box[0] + x0 - MARGIN_PX,
    y: box[1] + y0 - MARGIN_PX,
    inkHeight: ih,
    inkWidth: iw,
    ...withLines(
      textBands(rowInk, y0, y1, (y) => lineRow(y) || peeled.has(y), Math.max(2, Math.round(0.6 * k))).map(([a, b]) => [
        a - y0 + MARGIN_PX,
        b - y0 + MARGIN_PX,
      ]),
    ),
  };
}

const withLines = (bands: [number, number][]) => ({ lines: bands.length, bands });

/** Bands of inked rows separated by at least `gap` blank rows, as [first, last] row. */
function textBands(
  rowDark: Uint32Array,
  y0: number,
  y1: number,
  skip: (y: number) => boolean,
  gap: number,
): [number, number][] {
  const bands: [number, number][] = [];
  let blank = gap,
    inBand = false;
  for (let y = y0; y <= y1; y++) {
    const ink = !skip(y) && rowDark[y]! > 0;
    if (ink) {
      if (!inBand && blank >= gap) bands.push([y, y]);
      else bands[bands.length - 1]![1] = y;
      inBand = true;
      blank = 0;
    } else {
      blank++;
      if (blank >= gap) inBand = false;
    }
  }
  return bands;
}

/**
 * The crop's text lines set side by side on one line, a word space apart. A number wrapped in a
 * narrow column (`85` over `%`, `80 -` over `90 %`) is then read as one line: Tesseract's block
 * mode on two short stacked lines drops one of them. null when the crop holds one line.
 */
export function oneLine(cell: CellCrop): GrayImage | null {
  if (cell.bands.length < 2) return null;
  const { data, width } = cell.image;
  const parts = cell.bands
    .map(([a, b]) => {
      let x0 = width,
        x1 = -1;
      for (let y = a; y <= b; y++)
        for (let x = 0; x < width; x++)
          if (data[y * width + x]! < TEXT_INK_LEVEL) {
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
          }
      return { a, b, x0, x1 };
    })
    .filter((p) => p.x1 >= p.x0);
  if (parts.length < 2) return null;
  const height = Math.max(...parts.map((p) => p.b - p.a + 1));
  // a word space: half the line height
  const gap = Math.max(4, Math.round(height / 2));
  const ow = parts.reduce((s, p) => s + p.x1 - p.x0 + 1, 0) + gap * (parts.length - 1) + 2 * MARGIN_PX;
  const oh = height + 2 * MARGIN_PX;
  const out = new Uint8Array(ow * oh).fill(255);
  let left = MARGIN_PX;
  for (const p of parts) {
    // lines sit on a common baseline: bottom-aligned
    const top = MARGIN_PX + height - (p.b - p.a + 1);
    for (let y = p.a; y <= p.b; y++)
      for (let x = p.x0; x <= p.x1; x++) out[(top + y - p.a) * ow + left + x - p.x0] = data[y * width + x]!;
    left += p.x1 - p.x0 + 1 + gap;
  }
  return { data: out, width: ow, height: oh };
}
