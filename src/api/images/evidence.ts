/**
 * The evidence of a finding: the part of the page around its box, with the box itself marked
 * (a red frame over a light yellow wash), so a reviewer sees at a glance which cell or sentence
 * the finding is about, and the surrounding row and column headers for context.
 */
import sharp from 'sharp';
import type { GrayImage } from '../../model/image.js';
import { toSharp } from '../../raster/gray.js';

/** Context shown around the box, in points: an inch sideways, 0.6 inch up and down. */
const MARGIN_X = 72, MARGIN_Y = 43;
export const HIGHLIGHT = { stroke: [224, 0, 0] as const, fill: [255, 212, 0] as const, fillOpacity: 0.3, strokePx: 3 };

export function pagePng(img: GrayImage): Promise<Buffer> {
  return toSharp(img).toColourspace('b-w').png({ compressionLevel: 6 }).toBuffer(); // b-w: else sharp writes 3 channels
}

/** `bbox` in page points ([x0, y0, x1, y1] from the top-left); `page` rendered at `dpi`. */
export async function evidencePng(page: { image: GrayImage; dpi: number }, bbox: readonly number[]): Promise<Buffer> {
  const k = page.dpi / 72;
  const { width: W, height: H } = page.image;
  const box = bbox.map((v) => v * k) as [number, number, number, number];
  const left = clamp(Math.floor(box[0] - MARGIN_X * k), 0, W - 1);
  const top = clamp(Math.floor(box[1] - MARGIN_Y * k), 0, H - 1);
  const right = clamp(Math.ceil(box[2] + MARGIN_X * k), left + 1, W);
  const bottom = clamp(Math.ceil(box[3] + MARGIN_Y * k), top + 1, H);
  const width = right - left, height = bottom - top;
  // a colour crop: the page is gray, so the mark stands out
  const rgb = await toSharp(page.image).extract({ left, top, width, height }).toColourspace('srgb').removeAlpha().raw().toBuffer();
  const pad = HIGHLIGHT.strokePx;
  const rx = Math.round(box[0] - left - pad), ry = Math.round(box[1] - top - pad);
  const rw = Math.max(1, Math.round(box[2] - box[0] + 2 * pad)), rh = Math.max(1, Math.round(box[3] - box[1] + 2 * pad));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`
    + `<rect x="${rx}" y="${ry}" width="${rw}" height="${rh}" fill="rgb(${HIGHLIGHT.fill.join(',')})" fill-opacity="${HIGHLIGHT.fillOpacity}" `
    + `stroke="rgb(${HIGHLIGHT.stroke.join(',')})" stroke-width="${HIGHLIGHT.strokePx}"/></svg>`;
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }])
    .png({ compressionLevel: 6 })
    .toBuffer();
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
