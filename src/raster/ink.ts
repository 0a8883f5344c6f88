import type { GrayImage } from '../model/image.js';
import { clampBox, type PixelBox } from './gray.js';

export type { PixelBox } from './gray.js';

/**
 * Gray level under which a pixel counts as ink. Fixed rather than Otsu: a box holding only paper
 * has no ink to split off, and a grey stamp or blue pen scanned to gray (~100–170) must still count.
 */
export const DEFAULT_INK_LEVEL = 180;

export interface InkOptions {
  /** gray level below which a pixel is ink (default 180; use a normalised image) */
  level?: number;
  /** pixel boxes inside the box to leave out, e.g. the OCR'd words of the printed name and title */
  exclude?: readonly PixelBox[];
}

/**
 * Fraction (0–1) of dark pixels in a pixel box, for telling a signed or stamped signature block
 * from an empty one. Boxes are clamped to the image; an empty box has ratio 0. Printed text in the
 * box (name, NIP, title) is ink too: pass its word boxes as `exclude` to count only the marks.
 */
export function inkRatio(img: GrayImage, box: PixelBox, opts: InkOptions = {}): number {
  const [x0, y0, x1, y1] = clampBox(img, box);
  const level = opts.level ?? DEFAULT_INK_LEVEL;
  const excl = (opts.exclude ?? []).map((b) => clampBox(img, b));
  let ink = 0, total = 0;
  for (let y = y0; y < y1; y++) {
    // per row, the excluded x-spans, so the inner loop stays a plain scan
    const spans = excl.filter((b) => y >= b[1] && y < b[3]).map((b) => [b[0], b[2]] as const);
    const row = y * img.width;
    for (let x = x0; x < x1; x++) {
      if (spans.length && spans.some(([a, b]) => x >= a && x < b)) continue;
      total++;
      if (img.data[row + x]! < level) ink++;
    }
  }
  return total ? ink / total : 0;
}

/**
 * The box's ink after dropping rows that look like printed text lines: a run of rows whose ink
 * forms a band no taller than `maxTextHeight` px between blank rows (a typed name or NIP), while a
 * signature or stamp spans taller bands. Use when no OCR boxes are at hand; `exclude` is better.
 */
export function inkRatioWithoutTextLines(img: GrayImage, box: PixelBox, maxTextHeight: number, level = DEFAULT_INK_LEVEL): number {
  const [x0, y0, x1, y1] = clampBox(img, box);
  const w = x1 - x0, h = y1 - y0;
  if (w <= 0 || h <= 0) return 0;
  const rowInk = new Uint32Array(h);
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * img.width;
    let n = 0;
    for (let x = x0; x < x1; x++) if (img.data[row + x]! < level) n++;
    rowInk[y] = n;
  }
  // a row with a speck or two is blank: noise must not glue two text lines into one tall band
  const minRow = Math.max(2, Math.ceil(w / 500));
  let ink = 0;
  for (let y = 0; y < h; ) {
    if (rowInk[y]! < minRow) { y++; continue; }
    const start = y;
    let sum = 0;
    while (y < h && rowInk[y]! >= minRow) sum += rowInk[y++]!;
    if (y - start > maxTextHeight) ink += sum;
  }
  return ink / (w * h);
}
