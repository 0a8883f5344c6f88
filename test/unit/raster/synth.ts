/** Synthetic pages for the raster tests: drawn on the spot, nothing read from the corpus (PDF-made ones: synth-pdf.ts). */
import { createCanvas } from '@napi-rs/canvas';
import type { GrayImage } from '../../../src/model/image.js';
import { fromSharp, rgbaToGray, toSharp } from '../../../src/raster/gray.js';

/** Rotate with sharp (positive: clockwise), independently of the code under test; the canvas grows. */
export function rotateWithSharp(img: GrayImage, deg: number): Promise<GrayImage> {
  return fromSharp(toSharp(img).rotate(deg, { background: '#ffffff' }));
}

/** Deterministic pseudo-random numbers in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scanner grain (±amount gray levels) plus dark specks on a fraction of the pixels. */
export function addNoise(img: GrayImage, amount: number, specks: number, seed = 1): GrayImage {
  // xorshift32 inline: one draw per pixel (grain from the low bits, speck from the high ones)
  let s = (seed * 2654435761) >>> 0 || 1;
  const speckLimit = Math.floor(specks * 65536);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const u = s >>> 0;
    const v = u >>> 16 < speckLimit ? 40 + (u & 63) : img.data[i]! + (((u & 255) - 127.5) / 127.5) * amount;
    out[i] = v < 0 ? 0 : Math.min(v, 255);
  }
  return { data: out, width: img.width, height: img.height };
}

export interface TableSpec {
  /** column boundaries and row boundaries, pixels */
  xs: number[];
  ys: number[];
  lineWidth?: number;
  /** gray of the ink, 0 = black */
  ink?: number;
}

/**
 * A 300 DPI A4 page (2480×3508) with a bordered table holding text in every cell, plus `extra`
 * drawing (stamps, underlines...) on the same canvas.
 */
export function tablePage(spec: TableSpec, extra?: (ctx: CanvasRenderingContext2D) => void): GrayImage {
  const W = 2480,
    H = 3508;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  const ink = spec.ink ?? 0;
  ctx.strokeStyle = ctx.fillStyle = `rgb(${ink},${ink},${ink})`;
  ctx.lineWidth = spec.lineWidth ?? 3;
  const { xs, ys } = spec;
  ctx.beginPath();
  for (const y of ys) {
    ctx.moveTo(xs[0]!, y);
    ctx.lineTo(xs[xs.length - 1]!, y);
  }
  for (const x of xs) {
    ctx.moveTo(x, ys[0]!);
    ctx.lineTo(x, ys[ys.length - 1]!);
  }
  ctx.stroke();
  ctx.font = '36px "DejaVu Sans"';
  for (let r = 0; r + 1 < ys.length; r++) {
    for (let c = 0; c + 1 < xs.length; c++) {
      ctx.fillText(
        c === 0 ? `${r + 1}` : r === 0 ? 'Indikator Kinerja' : '72,50 % lagi',
        xs[c]! + 14,
        ys[r]! + 50,
        xs[c + 1]! - xs[c]! - 28,
      );
    }
  }
  // a bold title and a paragraph above the table: text must not turn into rules (bold capitals
  // stand close enough for their bars and baselines to join into long runs)
  ctx.font = 'bold 70px "DejaVu Sans"';
  ctx.fillText('LAPORAN KINERJA KASI KESEJAHTERAAN SOSIAL', 250, 200);
  ctx.font = '40px "DejaVu Sans"';
  for (let i = 0; i < 6; i++)
    ctx.fillText('Capaian kinerja Kasi Kesejahteraan Sosial Tribulan III Tahun 2025 lllll', 250, 300 + i * 60);
  // serif text: the feet of adjacent letters (r, m, n, u) bridge into baseline-long runs
  ctx.font = '44px "DejaVu Serif"';
  for (let i = 0; i < 4; i++)
    ctx.fillText('Berdasarkan Peraturan Bupati Lumajang Nomor 75 perumusan urusan dimaksud', 250, 700 + i * 60);
  extra?.(ctx);
  const c2 = canvas as unknown as { data(): Uint8Array };
  return rgbaToGray(c2.data(), W, H);
}
