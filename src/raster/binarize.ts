import type { GrayImage } from '../model/image.js';
import { histogram } from './gray.js';

/** Otsu's threshold: the gray level that best splits the histogram into ink and paper. Ink is < t. */
export function otsuThreshold(img: GrayImage): number {
  const hist = histogram(img);
  let total = 0,
    sumAll = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sumAll += v * hist[v]!;
  }
  let wB = 0,
    sumB = 0,
    best = -1,
    threshold = 128;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += v * hist[v]!;
    const mB = sumB / wB,
      mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = v + 1;
    }
  }
  return threshold;
}

/** 1 where the pixel is ink (darker than `threshold`), else 0. */
export function inkMask(img: GrayImage, threshold = otsuThreshold(img)): Uint8Array {
  const d = img.data,
    out = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = d[i]! < threshold ? 1 : 0;
  return out;
}

export interface BinarizeOptions {
  /**
   * 'otsu': one threshold for the page (clean flatbed scans). 'local': each pixel against the mean
   * of its neighbourhood (Bradley), for shadows and uneven lighting in photos.
   */
  method?: 'otsu' | 'local';
  /** local: window side in pixels (default: width / 24) */
  window?: number;
  /** local: how much darker than the local mean ink must be (0–1, default 0.15) */
  k?: number;
}

/** Black-and-white copy: ink 0, paper 255. */
export function binarize(img: GrayImage, opts: BinarizeOptions = {}): GrayImage {
  const out = new Uint8Array(img.data.length);
  if ((opts.method ?? 'otsu') === 'otsu') {
    const t = otsuThreshold(img),
      d = img.data;
    for (let i = 0; i < d.length; i++) out[i] = d[i]! < t ? 0 : 255;
  } else {
    localThreshold(img, out, opts.window ?? Math.max(15, Math.round(img.width / 24)), opts.k ?? 0.15);
  }
  return { data: out, width: img.width, height: img.height };
}

function localThreshold(img: GrayImage, out: Uint8Array, window: number, k: number): void {
  const { width: w, height: h, data: d } = img;
  // integral image kept modulo 2^32 (Uint32Array stores wrap): a window's sum is far below 2^32,
  // so the wrapped differences below still give it exactly, at half the memory of Float64
  const W = w + 1;
  const integral = new Uint32Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += d[y * w + x]!;
      integral[(y + 1) * W + x + 1] = integral[y * W + x + 1]! + row;
    }
  }
  const r = window >> 1;
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r),
      y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r),
        x1 = Math.min(w, x + r + 1);
      const sum =
        (integral[y1 * W + x1]! - integral[y0 * W + x1]! - integral[y1 * W + x0]! + integral[y0 * W + x0]!) >>> 0;
      const area = (x1 - x0) * (y1 - y0);
      out[y * w + x] = d[y * w + x]! * area < sum * (1 - k) ? 0 : 255;
    }
  }
}
