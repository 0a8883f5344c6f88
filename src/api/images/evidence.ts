/**
 * The evidence of a finding: the part of the page around its box, with the box itself marked
 * (a red frame over a light yellow wash), so a reviewer sees at a glance which cell or sentence
 * the finding is about; a table cell with its row label and its column's header.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { GrayImage, PixelBox } from '../../model/image.js';
import { toSharp } from '../../raster/gray.js';

/** Context shown around the box, in points: an inch sideways, 0.6 inch up and down. */
const MARGIN_X = 72,
  MARGIN_Y = 43;
export const HIGHLIGHT = { stroke: [224, 0, 0] as const, fill: [255, 212, 0] as const, fillOpacity: 0.3, strokePx: 3 };

export function pagePng(img: GrayImage): Promise<Buffer> {
  return toSharp(img).toColourspace('b-w').png({ compressionLevel: 6 }).toBuffer(); // b-w: else sharp writes 3 channels
}

/**
 * Where a table cell sits: its row (the row label is the row box's left end) and the header of its
 * table on the same page. With them the crop runs from the row label to the cell, and shows the
 * column's header above: a reviewer reads "JUMLAH · Realisasi" without the page beside.
 */
export interface CellContext {
  row: readonly number[];
  header?: readonly number[];
}

/** Header and row further apart than this (points) are shown as two strips, not one tall crop. */
const MAX_GAP = 110;
const SEPARATOR_PX = 6;

/** `bbox` in page points ([x0, y0, x1, y1] from the top-left); `page` rendered at `dpi`. */
export async function evidencePng(
  page: { image: GrayImage; dpi: number },
  bbox: readonly number[],
  context?: CellContext,
): Promise<Buffer> {
  const k = page.dpi / 72;
  const { width: W, height: H } = page.image;
  const px = (v: number) => v * k;
  const box = bbox.map(px) as PixelBox;
  // the strips to show, in page pixels, top to bottom; the cell is in the last one
  let x0: number, x1: number;
  const strips: [number, number][] = [];
  if (context) {
    const row = context.row.map(px),
      header = context.header?.map(px);
    x0 = Math.min(row[0]!, box[0]) - 6 * k;
    x1 = box[2] + 24 * k;
    const rowTop = Math.min(row[1]!, box[1]) - 6 * k,
      rowBottom = Math.max(row[3]!, box[3]) + 6 * k;
    if (header && header[3]! <= rowTop + 12 * k) {
      const top = header[1]! - 4 * k;
      if (rowTop - header[3]! <= MAX_GAP * k) strips.push([top, rowBottom]);
      else strips.push([top, header[3]! + 2 * k], [rowTop, rowBottom]);
    } else strips.push([rowTop, rowBottom]);
  } else {
    x0 = box[0] - MARGIN_X * k;
    x1 = box[2] + MARGIN_X * k;
    strips.push([box[1] - MARGIN_Y * k, box[3] + MARGIN_Y * k]);
  }
  const left = clamp(Math.floor(x0), 0, W - 1);
  const width = clamp(Math.ceil(x1), left + 1, W) - left;
  const parts = strips.map(([a, b]) => {
    const top = clamp(Math.floor(a), 0, H - 1);
    return { top, height: clamp(Math.ceil(b), top + 1, H) - top };
  });
  const height = parts.reduce((n, p) => n + p.height, 0) + SEPARATOR_PX * (parts.length - 1);
  // a colour crop: the page is gray, so the mark stands out; strips apart are split by a gray band
  const base = sharp({ create: { width, height, channels: 3, background: { r: 190, g: 194, b: 200 } } });
  let y = 0;
  const layers: OverlayOptions[] = [];
  for (const p of parts) {
    const strip = await toSharp(page.image)
      .extract({ left, top: p.top, width, height: p.height })
      .toColourspace('srgb')
      .removeAlpha()
      .png()
      .toBuffer();
    layers.push({ input: strip, left: 0, top: y });
    y += p.height + SEPARATOR_PX;
  }
  const last = parts[parts.length - 1]!;
  const pad = HIGHLIGHT.strokePx;
  const rx = Math.round(box[0] - left - pad),
    ry = Math.round(box[1] - last.top + (height - last.height) - pad);
  const rw = Math.max(1, Math.round(box[2] - box[0] + 2 * pad)),
    rh = Math.max(1, Math.round(box[3] - box[1] + 2 * pad));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect x="${rx}" y="${ry}" width="${rw}" height="${rh}" fill="rgb(${HIGHLIGHT.fill.join(',')})" fill-opacity="${HIGHLIGHT.fillOpacity}" ` +
    `stroke="rgb(${HIGHLIGHT.stroke.join(',')})" stroke-width="${HIGHLIGHT.strokePx}"/></svg>`;
  layers.push({ input: Buffer.from(svg), left: 0, top: 0 });
  return base.composite(layers).png({ compressionLevel: 6 }).toBuffer();
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
