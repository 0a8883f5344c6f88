import type { GrayImage } from '../model/image.js';
import { inkMask, otsuThreshold } from './binarize.js';
import { downsample } from './gray.js';

/** Skew is searched on a copy about this wide: fine enough for 0.1°, small enough to be quick. */
const WORK_WIDTH = 1240;

/** Ink pixels of a downscaled copy, as coordinates in that copy. */
export interface InkPoints {
  xs: Int32Array;
  ys: Int32Array;
  count: number;
  width: number;
  height: number;
  /** downscale factor from the original image */
  factor: number;
}

/** Every ink pixel of a 0/1 mask as a point; `transpose` swaps the axes so columns score as rows. */
export function maskPoints(mask: Uint8Array, w: number, h: number, transpose = false): InkPoints {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]!;
  const xs = new Int32Array(count),
    ys = new Int32Array(count);
  let k = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (!mask[i]) continue;
      xs[k] = transpose ? y : x;
      ys[k] = transpose ? x : y;
      k++;
    }
  }
  return transpose
    ? { xs, ys, count, width: h, height: w, factor: 1 }
    : { xs, ys, count, width: w, height: h, factor: 1 };
}

/** Ink pixels (Otsu) of a copy downscaled to about `workWidth` wide. */
export function inkPoints(img: GrayImage, workWidth = WORK_WIDTH): InkPoints {
  const factor = Math.max(1, Math.round(img.width / workWidth));
  const small = downsample(img, factor);
  const mask = inkMask(small, otsuThreshold(small));
  return { ...maskPoints(mask, small.width, small.height), factor };
}

/**
 * Sharpness of the row projection after shearing the points by `deg` (Σ bin²; linear binning keeps
 * it smooth between whole-pixel shifts, which sub-0.1° accuracy needs).
 */
export function projectionScore(p: InkPoints, deg: number, hist: Float64Array): number {
  const tan = Math.tan((deg * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(tan) * p.width) + 1;
  hist.fill(0);
  for (let i = 0; i < p.count; i++) {
    const v = p.ys[i]! - p.xs[i]! * tan + offset;
    const b = Math.floor(v),
      f = v - b;
    hist[b]! += 1 - f;
    hist[b + 1]! += f;
  }
  let s = 0;
  for (let i = 0; i < hist.length; i++) s += hist[i]! * hist[i]!;
  return s;
}

export interface AngleScan {
  /** best angle, degrees */
  angle: number;
  /** score at the best angle */
  best: number;
}

/**
 * Best shear angle within center ± range: a coarse sweep, then (when `refine`) a fine sweep and a
 * parabola through the top.
 */
export function scanAngles(p: InkPoints, range: number, refine = true, coarse = 0.25, center = 0): AngleScan {
  const reach = Math.abs(center) + range + coarse;
  const hist = new Float64Array(p.height + 2 * Math.ceil(Math.tan((reach * Math.PI) / 180) * p.width) + 8);
  const score = (a: number) => projectionScore(p, a, hist);
  if (p.count === 0) return { angle: 0, best: 0 };
  let best = center,
    bestScore = -1;
  for (let a = center - range; a <= center + range + 1e-9; a += coarse) {
    const s = score(a);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  if (!refine) return { angle: best, best: bestScore };
  const fine = 0.025;
  center = best;
  for (let a = center - coarse; a <= center + coarse + 1e-9; a += fine) {
    const s = score(a);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  center = best;
  const sl = score(center - fine),
    sr = score(center + fine);
  const denom = sl - 2 * bestScore + sr;
  const shift = denom < 0 ? (0.5 * (sl - sr)) / denom : 0;
  return { angle: center + Math.max(-1, Math.min(1, shift)) * fine, best: bestScore };
}

/**
 * Skew of the page's text lines in degrees within ±maxAngle: positive when lines descend to the
 * right (content turned clockwise; the sign of the eval corpus's `scan.angles`). `deskew(img, angle)`
 * undoes it. 0 for a page without ink.
 */
export function estimateSkew(img: GrayImage, maxAngle = 5): number {
  const angle = scanAngles(inkPoints(img), maxAngle).angle;
  return Math.round(angle * 1000) / 1000;
}

/**
 * Rotate the page by −angle about its centre, keeping its size (a pixel keeps its meaning: page
 * points = pixels × 72 / dpi); corners brought in are white. Bilinear in 16.16 fixed point: about
 * 2× a float loop, and sharp's rotate turns gray into three channels when given a white background.
 */
export function deskew(img: GrayImage, angle: number): GrayImage {
  if (Math.abs(angle) < 0.005) return img;
  const { width: w, height: h, data: src } = img;
  const out = new Uint8Array(w * h);
  const rad = (angle * Math.PI) / 180,
    cos = Math.cos(rad),
    sin = Math.sin(rad);
  const cx = (w - 1) / 2,
    cy = (h - 1) / 2;
  const ONE = 65536;
  const dx = Math.round(cos * ONE),
    dy = Math.round(sin * ONE);
  const maxX = (w - 1) * ONE,
    maxY = (h - 1) * ONE;
  for (let y = 0; y < h; y++) {
    // source of output pixel (x, y): (x, y) turned about the centre by +angle
    let sx = Math.round((cx - cx * cos - (y - cy) * sin) * ONE);
    let sy = Math.round((cy - cx * sin + (y - cy) * cos) * ONE);
    for (let x = 0, o = y * w; x < w; x++, o++, sx += dx, sy += dy) {
      if (sx < 0 || sy < 0 || sx >= maxX || sy >= maxY) {
        out[o] = 255;
        continue;
      }
      const i = (sy >> 16) * w + (sx >> 16);
      const fx = (sx & 65535) >> 8,
        fy = (sy & 65535) >> 8;
      const a = src[i]!,
        b = src[i + 1]!,
        c = src[i + w]!,
        d = src[i + w + 1]!;
      const top = (a << 8) + (b - a) * fx,
        bot = (c << 8) + (d - c) * fx;
      out[o] = ((top << 8) + (bot - top) * fy + 32768) >> 16;
    }
  }
  return { data: out, width: w, height: h };
}
