import type { GrayImage, PixelBox } from '../model/image.js';
import { clampBox, percentile } from './gray.js';
import { connectedPieces } from './pieces.js';

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
  let ink = 0,
    total = 0;
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
export function inkRatioWithoutTextLines(
  img: GrayImage,
  box: PixelBox,
  maxTextHeight: number,
  level = DEFAULT_INK_LEVEL,
): number {
  const [x0, y0, x1, y1] = clampBox(img, box);
  const w = x1 - x0,
    h = y1 - y0;
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
    if (rowInk[y]! < minRow) {
      y++;
      continue;
    }
    const start = y;
    let sum = 0;
    while (y < h && rowInk[y]! >= minRow) sum += rowInk[y++]!;
    if (y - start > maxTextHeight) ink += sum;
  }
  return ink / (w * h);
}

/**
 * Gray level under which a pixel of a contrast-stretched page is text ink (print, a pen stroke);
 * lighter marks (a grey stamp's halo, paper grain) are not. DEFAULT_INK_LEVEL counts those too.
 */
export const TEXT_INK_LEVEL = 128;
/** A pixel row with fewer text-ink pixels than this is blank (scanner specks). */
export const ROW_INK_PX = 3;

/**
 * `box` (pixels) grown up and down until its edges lie on blank pixel rows, by at most `maxGrow`
 * pixels each way: a region cut at the middle of a text line reads that line as noise, or not at all.
 */
export function growToBlankRows(img: GrayImage, box: PixelBox, maxGrow: number): PixelBox {
  const x0 = Math.max(0, Math.round(box[0])),
    x1 = Math.min(img.width, Math.round(box[2]));
  const inked = (y: number) => {
    let n = 0;
    for (let x = x0, i = y * img.width + x0; x < x1; x++, i++)
      if (img.data[i]! < TEXT_INK_LEVEL && ++n >= ROW_INK_PX) return true;
    return false;
  };
  let top = Math.max(0, Math.round(box[1])),
    bottom = Math.min(img.height, Math.round(box[3]));
  // an edge cuts a line when the rows on both sides of it hold ink
  for (const limit = Math.max(0, top - maxGrow); top > limit && inked(top) && inked(top - 1); ) top--;
  for (const limit = Math.min(img.height, bottom + maxGrow); bottom < limit && inked(bottom - 1) && inked(bottom); )
    bottom++;
  return [box[0], top, box[2], bottom];
}

/** A copy of the image with the given regions (page points) painted white. */
export function maskRegions(img: GrayImage, boxes: readonly (readonly number[])[], k: number): GrayImage {
  if (!boxes.length) return img;
  const data = new Uint8Array(img.data);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b[0]! * k) - 3),
      x1 = Math.min(img.width, Math.ceil(b[2]! * k) + 3);
    const y0 = Math.max(0, Math.floor(b[1]! * k) - 3),
      y1 = Math.min(img.height, Math.ceil(b[3]! * k) + 3);
    for (let y = y0; y < y1; y++) data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  return { ...img, data };
}

/** Enough dark pixels to be worth a Tesseract call (an empty cell is not). */
export function hasInk(img: GrayImage, minDark = 12): boolean {
  let dark = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i++) if (d[i]! < TEXT_INK_LEVEL && ++dark >= minDark) return true;
  return false;
}

/**
 * Regions with ink that no recognised word covers, as pixel boxes: connected groups of inked
 * 0.1-inch tiles away from every word. Small specks (noise, a full stop) are left alone.
 */
export function uncoveredInk(img: GrayImage, words: readonly { bbox: readonly number[] }[], dpi: number): PixelBox[] {
  const S = Math.max(8, Math.round(dpi / 10));
  const cols = Math.ceil(img.width / S),
    rows = Math.ceil(img.height / S);
  const ink = new Uint32Array(cols * rows);
  for (let y = 0; y < img.height; y++) {
    const r = Math.floor(y / S) * cols,
      row = y * img.width;
    for (let x = 0; x < img.width; x++) if (img.data[row + x]! < TEXT_INK_LEVEL) ink[r + Math.floor(x / S)]!++;
  }
  const covered = new Uint8Array(cols * rows);
  for (const w of words) {
    const c0 = Math.max(0, Math.floor((w.bbox[0]! - S / 2) / S)),
      c1 = Math.min(cols - 1, Math.floor((w.bbox[2]! + S / 2) / S));
    const r0 = Math.max(0, Math.floor((w.bbox[1]! - S / 2) / S)),
      r1 = Math.min(rows - 1, Math.floor((w.bbox[3]! + S / 2) / S));
    for (let r = r0; r <= r1; r++) covered.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
  const minInk = S * S * 0.02;
  const hot = (i: number) => !covered[i] && ink[i]! >= minInk;
  const boxes: PixelBox[] = [];
  for (const p of connectedPieces(cols, rows, hot)) {
    if (p.cells.length < 4) continue;
    boxes.push([
      Math.max(0, (p.x0 - 1) * S),
      Math.max(0, (p.y0 - 1) * S),
      Math.min(img.width, (p.x1 + 2) * S),
      Math.min(img.height, (p.y1 + 2) * S),
    ]);
  }
  return boxes;
}

/** Where `dropLightInk` cuts by default: 40 % of the way from the region's darkest ink to paper. */
export const LIGHT_INK_CUT = 0.4;

/**
 * Turn ink much lighter than the region's text to paper: a grey stamp pressed over a name and NIP
 * then no longer breaks their glyphs (measured: NIP `9710215` → `19710215`). The cut-off follows
 * the region's darkest ink (`cut` of the way from it to paper), so faint text is kept.
 */
export function dropLightInk(img: GrayImage, cutAt = LIGHT_INK_CUT): GrayImage {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v]!++;
  let acc = 0,
    dark = 0;
  const target = img.data.length * 0.02;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= target) {
      dark = v;
      break;
    }
  }
  const cut = Math.max(90, Math.min(170, Math.round(dark + cutAt * (255 - dark))));
  return { ...img, data: img.data.map((v) => (v > cut ? 255 : v)) };
}

/** Grey this much darker than the paper around it is ink, not paper (`faintInkAway`). */
const PAPER_MARGIN = 40;

/** What `faintInkAway` finds in a box. */
export interface FaintInk {
  /** fraction of the box's pixels that are faint ink away from any text ink */
  ratio: number;
  /** fraction of the box's rows holding some of it */
  rows: number;
  /** fraction of the box's columns holding some of it */
  cols: number;
}

/**
 * Light ink that is not part of the print: pixels between TEXT_INK_LEVEL and DEFAULT_INK_LEVEL
 * (and clearly darker than the box's paper) lying more than `reach` px from every text-ink pixel. Print's own grey (anti-aliased and blurred
 * stroke edges) lies next to its strokes; a stamp's coloured ink, scanned to grey, spreads across
 * the box. A row or column counts when it holds more than a speck (noise is not a stamp).
 */
export function faintInkAway(img: GrayImage, box: PixelBox, reach: number): FaintInk {
  const [x0, y0, x1, y1] = clampBox(img, box);
  const w = x1 - x0,
    h = y1 - y0;
  if (w <= 0 || h <= 0) return { ratio: 0, rows: 0, cols: 0 };
  // text ink grown by `reach` each way: a row pass, then a column pass (a square neighbourhood)
  const dark = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * img.width + x0;
    for (let x = 0; x < w; x++) if (img.data[row + x]! < TEXT_INK_LEVEL) dark[y * w + x] = 1;
  }
  const wide = grow(dark, w, h, 1, w, reach);
  const grown = grow(wide, h, w, w, 1, reach);
  // grey is judged against the box's own paper (where its brightest quarter starts): under uneven
  // light the paper itself may be darker than DEFAULT_INK_LEVEL
  const hist = new Uint32Array(256);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hist[img.data[y * img.width + x]!]!++;
  const paper = percentile(hist, 0.75);
  const faintBelow = Math.min(DEFAULT_INK_LEVEL, paper - PAPER_MARGIN);
  const minRow = Math.max(2, Math.ceil(w / 100)),
    minCol = Math.max(2, Math.ceil(h / 100));
  const perCol = new Uint32Array(w);
  let faint = 0,
    rows = 0;
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * img.width + x0;
    let n = 0;
    for (let x = 0; x < w; x++) {
      const v = img.data[row + x]!;
      if (v >= TEXT_INK_LEVEL && v < faintBelow && !grown[y * w + x]) {
        n++;
        perCol[x]!++;
      }
    }
    faint += n;
    if (n >= minRow) rows++;
  }
  const cols = perCol.filter((n) => n >= minCol).length;
  return { ratio: faint / (w * h), rows: rows / h, cols: cols / w };
}

/**
 * A mask grown by `reach` along one axis: `n` lines of `len` pixels, `step` apart along the line
 * and `stride` apart between lines (a row pass: lines = rows; a column pass: lines = columns).
 */
function grow(mask: Uint8Array, len: number, n: number, step: number, stride: number, reach: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let line = 0; line < n; line++) {
    const base = line * stride;
    let last = -Infinity;
    for (let i = 0; i < len; i++) {
      if (mask[base + i * step]) last = i;
      if (i - last <= reach) out[base + i * step] = 1;
    }
    let next = Infinity;
    for (let i = len - 1; i >= 0; i--) {
      if (mask[base + i * step]) next = i;
      if (next - i <= reach) out[base + i * step] = 1;
    }
  }
  return out;
}
