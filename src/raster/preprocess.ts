import type { GrayImage, PageRaster } from '../model/image.js';
import { histogram, percentile } from './gray.js';
import { detectOrientation, rotateQuarter, type QuarterTurn } from './orientation.js';
import { deskew, estimateSkew } from './skew.js';

export { binarize, inkMask, otsuThreshold, type BinarizeOptions } from './binarize.js';
export { deskew, estimateSkew } from './skew.js';
export { detectOrientation, rotateQuarter, type Orientation, type QuarterTurn } from './orientation.js';

/** The paper's gray level: the most common level in the brighter half of the histogram. */
export function paperLevel(hist: Uint32Array): number {
  let best = 255;
  for (let v = 128; v < 256; v++) if (hist[v]! > hist[best]!) best = v;
  return best;
}

/**
 * Stretch contrast: paper becomes 255 and the darkest ink 0. The stretch is capped (black point at
 * most 96 levels under the paper) so a nearly blank page's grain is not blown up into ink.
 */
export function normalize(img: GrayImage, inPlace = false): GrayImage {
  const hist = histogram(img);
  const white = paperLevel(hist);
  const black = Math.max(0, Math.min(percentile(hist, 0.002), white - 96));
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - black) * 255) / (white - black))));
  // in place when the caller owns the pixels (a turned or deskewed copy): one page copy fewer
  const out = inPlace ? img.data : new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[img.data[i]!]!;
  return { data: out, width: img.width, height: img.height };
}

/** Block side (pixels) for ink coverage: larger than scanner grain, smaller than a pen stroke's reach. */
const COVERAGE_BLOCK = 4;
/** Margin ignored on each side (fraction of the page): scanner edges and punch holes live there. */
const COVERAGE_MARGIN = 0.04;

/**
 * Fraction of the page (inside the margins) covered by ink, measured on 4×4 blocks whose mean is
 * clearly darker than the paper: single noise pixels average away, pen and print strokes do not.
 * With `enough`, counting stops once that fraction is reached (what is returned is then at least
 * `enough`, not the whole page's coverage).
 */
export function inkCoverage(img: GrayImage, enough = Infinity): number {
  const paper = paperLevel(histogram(img));
  const dark = paper * 0.7;
  const B = COVERAGE_BLOCK;
  const mx = Math.floor(img.width * COVERAGE_MARGIN),
    my = Math.floor(img.height * COVERAGE_MARGIN);
  const bw = Math.floor((img.width - 2 * mx) / B),
    bh = Math.floor((img.height - 2 * my) / B);
  if (bw <= 0 || bh <= 0) return 0;
  const limit = dark * B * B;
  const sums = new Uint32Array(bw);
  let ink = 0;
  for (let by = 0; by < bh; by++) {
    sums.fill(0);
    for (let dy = 0; dy < B; dy++) {
      let i = (my + by * B + dy) * img.width + mx;
      for (let bx = 0; bx < bw; bx++) {
        let s = 0;
        for (let dx = 0; dx < B; dx++) s += img.data[i++]!;
        sums[bx]! += s;
      }
    }
    for (let bx = 0; bx < bw; bx++) if (sums[bx]! < limit) ink++;
    if (ink / (bw * bh) >= enough) break; // the caller asked only whether there is this much
  }
  return ink / (bw * bh);
}

/** Below this ink coverage a page is blank (a page number alone covers ~0.01 %, a short line ~0.1 %). */
export const BLANK_MAX_COVERAGE = 0.0005;

/** Almost no ink: an empty page, or one with nothing but a page number or specks. */
export function isBlankPage(img: GrayImage, maxCoverage = BLANK_MAX_COVERAGE): boolean {
  // a page of text passes the bar within its first lines: the rest need not be counted
  return inkCoverage(img, maxCoverage) < maxCoverage;
}

export interface PreprocessOptions {
  /** detect and undo a quarter turn (default true) */
  orient?: boolean;
  /** estimate and undo skew within ±5° (default true) */
  deskew?: boolean;
  /** stretch contrast (default true) */
  normalize?: boolean;
}

export interface PreprocessedPage {
  /** upright, deskewed, contrast-stretched page: OCR boxes and ruling lines are measured on it */
  raster: PageRaster;
  blank: boolean;
  /** clockwise quarter turn applied */
  turned: QuarterTurn;
  /** skew removed, degrees (positive: the scan's lines descended to the right) */
  skew: number;
  /** ms per step */
  timings: Record<string, number>;
}

/** The usual clean-up of a scanned page, in the order that keeps each step reliable. */
export function preprocessPage(page: PageRaster, opts: PreprocessOptions = {}): PreprocessedPage {
  const timings: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t = performance.now();
    const r = f();
    timings[name] = Math.round((performance.now() - t) * 10) / 10;
    return r;
  };
  let img = page.image;
  const blank = time('blank', () => isBlankPage(img));
  let turned: QuarterTurn = 0,
    skew = 0;
  if (!blank) {
    let measured: number | undefined;
    if (opts.orient ?? true) {
      const o = time('orient', () => detectOrientation(img));
      turned = o.angle;
      measured = o.skew; // found on the way, as precise as estimateSkew's
      img = time('turn', () => rotateQuarter(img, turned));
    }
    if (opts.deskew ?? true) {
      skew = measured ?? time('skew', () => estimateSkew(img));
      img = time('deskew', () => deskew(img, skew));
    }
    if (opts.normalize ?? true) img = time('normalize', () => normalize(img, img !== page.image));
  }
  return { raster: { page: page.page, image: img, dpi: page.dpi }, blank, turned, skew, timings };
}
