import type { GrayImage } from '../model/image.js';
import { ROW_INK_PX, TEXT_INK_LEVEL } from './ink.js';

// How a scanned page's text outside its tables is cut into bands for OCR, and at what scale.

/** A band of the page read on its own is at most about this tall (inches). */
const MAX_BAND_IN = 2.5;
/** Blank rows (inches) that always end a band: the space between them is not read. */
const WIDE_GAP_IN = 0.4;
/** Blank rows (inches) a band may be cut at: the space between two text lines. */
const LINE_GAP_IN = 0.03;

/**
 * Horizontal bands [y0, y1) of the image that hold ink, cut only at rows without ink across the
 * whole width (so no glyph and no line is split, whatever the columns): at every wide blank gap,
 * and at the last line gap once a band grows past MAX_BAND_IN.
 */
export function textBands(img: GrayImage, dpi: number): [number, number][] {
  const { width: w, height: h, data } = img;
  const inked = new Uint8Array(h);
  for (let y = 0; y < h; y++) {
    let dark = 0;
    for (let i = y * w, end = i + w; i < end && dark < ROW_INK_PX; i++) if (data[i]! < TEXT_INK_LEVEL) dark++;
    inked[y] = dark >= ROW_INK_PX ? 1 : 0;
  }
  const wide = Math.round(WIDE_GAP_IN * dpi),
    lineGap = Math.max(2, Math.round(LINE_GAP_IN * dpi));
  const maxH = Math.round(MAX_BAND_IN * dpi);
  const bands: [number, number][] = [];
  let start = -1,
    lastInk = -1,
    cut = -1;
  for (let y = 0; y < h; y++) {
    if (!inked[y]) {
      if (start < 0) continue;
      if (y - lastInk >= wide) {
        bands.push([start, lastInk + 1]);
        start = -1;
      } else if (y - lastInk === lineGap) cut = lastInk + 1;
      continue;
    }
    if (start < 0) {
      start = y;
      cut = -1;
    } else if (y - start > maxH && cut > start) {
      // end the band at the last line gap; the next one starts with the line after it
      bands.push([start, cut]);
      start = y;
      for (let u = cut; u < y; u++)
        if (inked[u]) {
          start = u;
          break;
        }
      cut = -1;
    }
    lastInk = y;
  }
  if (start >= 0) bands.push([start, lastInk + 1]);
  return bands;
}

/**
 * Tesseract scales every text line it recognises to a fixed height (36 px for the LSTM models)
 * before reading it; what it does at the scan's own resolution before that (thresholding,
 * connected components, layout) costs time in proportion to the pixels. So the narrative is read
 * with its lines brought to about this height (ink top to bottom), never enlarged. Measured on the
 * eval and corpus scans (12-pt text, lines ~47 px at 300 DPI): the page pass takes ~28 % less
 * time with every score unchanged; doubtful words are re-read at full resolution anyway.
 */
export const NARRATIVE_LINE_PX = 36;
/** Never below this scale: a page of large type (a cover) keeps enough pixels per stroke. */
const MIN_NARRATIVE_SCALE = 0.5;

/** The scale that brings the page's typical text line to NARRATIVE_LINE_PX (≤ 1). */
export function narrativeScale(img: GrayImage): number {
  const h = typicalLineHeight(img);
  if (!h) return 1;
  return Math.min(1, Math.max(MIN_NARRATIVE_SCALE, NARRATIVE_LINE_PX / h));
}

/**
 * The median height (px) of the runs of inked rows: on a page of text, one run per text line. Runs
 * under 8 px (rules, specks) are not lines. 0 when there are none.
 */
export function typicalLineHeight(img: GrayImage): number {
  const { width: w, height: h, data } = img;
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y <= h; y++) {
    let dark = 0;
    if (y < h)
      for (let i = y * w, end = i + w; i < end && dark < ROW_INK_PX; i++) if (data[i]! < TEXT_INK_LEVEL) dark++;
    if (dark >= ROW_INK_PX) {
      run++;
      continue;
    }
    if (run >= 8) runs.push(run);
    run = 0;
  }
  if (!runs.length) return 0;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

/**
 * Columns [x0, x1) of rows [y0, y1) from the first to the last inked column, widened by `margin`
 * and clamped: the page's side margins are a quarter of its pixels, and Tesseract's work before
 * recognition grows with every pixel it is given.
 */
export function inkColumns(img: GrayImage, y0: number, y1: number, margin: number): [number, number] {
  const { width: w, data } = img;
  let lo = w,
    hi = -1;
  for (let y = y0; y < y1; y++) {
    const row = y * w;
    for (let x = 0; x < lo; x++)
      if (data[row + x]! < TEXT_INK_LEVEL) {
        lo = x;
        break;
      }
    for (let x = w - 1; x > hi; x--)
      if (data[row + x]! < TEXT_INK_LEVEL) {
        hi = x;
        break;
      }
  }
  if (hi < lo) return [0, w];
  return [Math.max(0, lo - margin), Math.min(w, hi + 1 + margin)];
}

/** Rows [y0, y1), columns [x0, x1) of the image as their own image, with a white margin above and below. */
export function bandImage(img: GrayImage, y0: number, y1: number, margin: number, x0 = 0, x1 = img.width): GrayImage {
  const h = y1 - y0 + 2 * margin,
    w = x1 - x0;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = y0; y < y1; y++)
    data.set(img.data.subarray(y * img.width + x0, y * img.width + x1), (y - y0 + margin) * w);
  return { data, width: w, height: h };
}
