import type { GrayImage, PixelBox } from '../model/image.js';
import { clampBox, percentile } from './gray.js';
import { TEXT_INK_LEVEL } from './ink.js';

/**
 * A scanner's streak: a thin line of grey down the page, along the feed, from dirt on the glass or
 * a worn sensor element. Where it crosses print it closes open digits (`3` reads `8`) and glues
 * itself to the letters it touches (`Jumlah` read `umlah`); across a cell of wrapped text it joins
 * the lines into one block, which Tesseract's line mode then reads as nothing.
 */

/** A streak's column is this much darker than the paper beside it… */
const STREAK_CONTRAST = 24;
/** …`STREAK_SIDE_PX` pixels away on both sides: a streak is thin, uneven light is not. */
const STREAK_SIDE_PX = 5;
/**
 * A column's paper is the level its brightest tenth of pixels reaches: print crossing it does not
 * count, and a streak, which runs the whole height of any slice, must darken nine rows in ten.
 */
const COLUMN_PAPER = 0.9;
/**
 * Only a grey column is evened out. A column whose paper is as dark as print is print (a letter's
 * stem in a tight box) or a rule's remnant, and brightening it would erase ink.
 */
const MIN_STREAK_PAPER = TEXT_INK_LEVEL;

/** Each column's paper level over the box's rows, at `fraction` (see COLUMN_PAPER). */
function columnPaper(img: GrayImage, [x0, y0, x1, y1]: PixelBox, fraction: number): Uint8Array {
  const paper = new Uint8Array(x1 - x0);
  const hist = new Uint32Array(256);
  for (let x = x0; x < x1; x++) {
    hist.fill(0);
    for (let y = y0; y < y1; y++) hist[img.data[y * img.width + x]!]!++;
    paper[x - x0] = percentile(hist, fraction);
  }
  return paper;
}

/** Whether column `i` of `paper` is darker than the paper `STREAK_SIDE_PX` to either side. */
function darkerThanSides(paper: Uint8Array, i: number): boolean {
  return (
    i >= STREAK_SIDE_PX &&
    i < paper.length - STREAK_SIDE_PX &&
    paper[i]! < Math.min(paper[i - STREAK_SIDE_PX]!, paper[i + STREAK_SIDE_PX]!) - STREAK_CONTRAST
  );
}

/**
 * The image with its streaks evened out: each grey column darker than the paper beside it is
 * brightened by the ratio of that paper to its own, so the streak becomes paper while print crossing
 * it stays dark (a letter's stroke keeps its shape; only the streak's grey goes). A streak's grey
 * varies along its length (and the light with it), so the image is judged in horizontal slices of
 * about `slice` px, each tall enough to hold the gap between two lines of text. Meant for a box
 * with some paper above and below its text (a table cell inside its rules); the print-dark floor
 * keeps a letter's stem in a tight box from passing for a streak. Returns the same image when it
 * holds no streak.
 */
export function flattenStreaks(img: GrayImage, slice: number): GrayImage {
  const { width: w, height: h, data } = img;
  if (w < 2 * STREAK_SIDE_PX + 1 || h < 8) return img;
  const n = Math.max(1, Math.round(h / Math.max(8, slice)));
  let out: Uint8Array | null = null;
  for (let s = 0; s < n; s++) {
    const y0 = Math.round((s * h) / n),
      y1 = Math.round(((s + 1) * h) / n);
    const paper = columnPaper(img, [0, y0, w, y1], COLUMN_PAPER);
    for (let x = 0; x < w; x++) {
      if (paper[x]! < MIN_STREAK_PAPER || !darkerThanSides(paper, x)) continue;
      const gain = Math.min(paper[x - STREAK_SIDE_PX]!, paper[x + STREAK_SIDE_PX]!) / paper[x]!;
      out ??= new Uint8Array(data);
      for (let y = y0; y < y1; y++) out[y * w + x] = Math.min(255, Math.round(data[y * w + x]! * gain));
    }
  }
  return out ? { ...img, data: out } : img;
}

/**
 * Whether a scanner's streak runs through the print in the box: a column whose paper (the level its
 * brightest quarter of pixels reaches, so that print in it does not count) is darker than the paper
 * a few pixels to either side, lying between the first and last column of text ink. Such a line
 * closes open digits (`3` reads `8`). Uneven light changes slowly across a cell, a streak does not.
 */
export function streakThroughInk(img: GrayImage, box: PixelBox): boolean {
  const [x0, y0, x1, y1] = clampBox(img, box);
  const w = x1 - x0,
    h = y1 - y0;
  if (w < 2 * STREAK_SIDE_PX + 2 || h < 8) return false;
  const paper = columnPaper(img, [x0, y0, x1, y1], 0.75);
  const textInk = new Uint8Array(w);
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) if (img.data[y * img.width + x]! < TEXT_INK_LEVEL) textInk[x - x0] = 1;
  let first = -1,
    last = -1;
  for (let i = 0; i < w; i++)
    if (textInk[i] && !darkerThanSides(paper, i)) {
      if (first < 0) first = i;
      last = i;
    }
  for (let i = first + 1; i < last; i++) if (darkerThanSides(paper, i)) return true;
  return false;
}
