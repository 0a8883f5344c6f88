import sharp, { type Sharp } from 'sharp';
import type { GrayImage, PixelBox } from '../model/image.js';

// Every image lkj hands sharp is new (no repeat operations to cache), and the cores belong to the
// OCR threads: libvips's cache and its per-image thread pool only grew the process (measured on a
// 10-page scan: +310 MB peak RSS, glibc arenas of short-lived threads) without making it faster.
sharp.cache(false);
sharp.concurrency(1);

export function blankImage(width: number, height: number, value = 255): GrayImage {
  return { data: new Uint8Array(width * height).fill(value), width, height };
}

/** RGBA → gray (Rec. 601 luma, integer weights). Reads 32-bit words: ~4× faster than per byte. */
export function rgbaToGray(rgba: Uint8Array, width: number, height: number): GrayImage {
  const n = width * height;
  const out = new Uint8Array(n);
  if (rgba.byteOffset % 4 === 0) {
    const px = new Uint32Array(rgba.buffer, rgba.byteOffset, n);
    // little-endian: byte 0 (R) is the low byte
    for (let i = 0; i < n; i++) {
      const p = px[i]!;
      out[i] = ((p & 255) * 77 + ((p >>> 8) & 255) * 150 + ((p >>> 16) & 255) * 29) >> 8;
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += 4) out[i] = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
  }
  return { data: out, width, height };
}

export function rgbToGray(rgb: Uint8Array, width: number, height: number): GrayImage {
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29) >> 8;
  return { data: out, width, height };
}

/** A sharp pipeline reading the gray image as raw 1-channel pixels. */
export function toSharp(img: GrayImage): Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } });
}

/** Run a sharp pipeline to a 1-channel 8-bit gray image. */
export async function fromSharp(pipeline: Sharp): Promise<GrayImage> {
  const { data, info } = await pipeline
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels === 1)
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  // gray + alpha left over: keep the gray channel
  const n = info.width * info.height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i * info.channels]!;
  return { data: out, width: info.width, height: info.height };
}

/** Resample by `factor` (Lanczos): small glyphs read better at twice the size. */
export function scaleGray(img: GrayImage, factor: number): Promise<GrayImage> {
  return fromSharp(
    toSharp(img).resize(Math.round(img.width * factor), Math.round(img.height * factor), { kernel: 'lanczos3' }),
  );
}

/** Copy of a region, clamped to the image. */
export function crop(img: GrayImage, box: PixelBox): GrayImage {
  const [x0, y0, x1, y1] = clampBox(img, box);
  const w = x1 - x0,
    h = y1 - y0;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x1), y * w);
  return { data: out, width: w, height: h };
}

export function clampBox(img: GrayImage, box: PixelBox): PixelBox {
  const cl = (v: number, hi: number) => Math.max(0, Math.min(hi, Math.round(v)));
  const x0 = cl(box[0], img.width),
    x1 = cl(box[2], img.width);
  const y0 = cl(box[1], img.height),
    y1 = cl(box[3], img.height);
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

/** Pixels sampled for a histogram: a couple of million give the same levels as all 9 million of an A4 page. */
const HISTOGRAM_SAMPLES = 2_000_000;

/** 256-bin histogram of the gray levels (of every k-th pixel on large images). */
export function histogram(img: GrayImage): Uint32Array {
  const h = new Uint32Array(256);
  const d = img.data;
  // an odd stride so the samples do not line up in columns
  const step = d.length > HISTOGRAM_SAMPLES ? 2 * Math.floor(d.length / HISTOGRAM_SAMPLES / 2) + 1 : 1;
  for (let i = 0; i < d.length; i += step) h[d[i]!]!++;
  return h;
}

/** Gray level below which `fraction` (0–1) of the pixels lie. */
export function percentile(hist: Uint32Array, fraction: number): number {
  let total = 0;
  for (let v = 0; v < 256; v++) total += hist[v]!;
  const target = fraction * total;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc > target) return v;
  }
  return 255;
}

/** Shrink by an integer factor, averaging each factor×factor block (partial edge blocks dropped). */
export function downsample(img: GrayImage, factor: number): GrayImage {
  if (factor <= 1) return img;
  const w = Math.floor(img.width / factor),
    h = Math.floor(img.height / factor);
  const out = new Uint8Array(w * h);
  const sums = new Uint32Array(w);
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * img.width;
      for (let x = 0, sx = row; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < factor; dx++) s += img.data[sx++]!;
        sums[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) out[y * w + x] = Math.round(sums[x]! / area);
  }
  return { data: out, width: w, height: h };
}
