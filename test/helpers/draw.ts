import { createCanvas } from '@napi-rs/canvas';
import type { GrayImage, PageRaster } from '../../src/model/image.js';
import { rgbaToGray } from '../../src/raster/gray.js';

export interface DrawnTable {
  x: number;
  y: number;
  colWidths: number[];
  rowHeight: number;
  rows: string[][];
}

/**
 * A synthetic scanned page at `dpi`: text lines and bordered tables drawn with @napi-rs/canvas
 * (coordinates in points, like a PDF), returned as the gray raster the OCR stage reads.
 */
export function drawPage(opts: {
  dpi?: number;
  widthPt?: number;
  heightPt?: number;
  lines?: { x: number; y: number; text: string; size?: number }[];
  tables?: DrawnTable[];
  ink?: { x: number; y: number; w: number; h: number; gray: number }[];
  /** lay the ink over the print as real ink and light do (darkening, never covering); default: painted over */
  inkMultiplies?: boolean;
}): PageRaster {
  const dpi = opts.dpi ?? 300,
    k = dpi / 72;
  const W = Math.round((opts.widthPt ?? 595) * k),
    H = Math.round((opts.heightPt ?? 842) * k);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#000';
  for (const l of opts.lines ?? []) {
    ctx.font = `${Math.round((l.size ?? 12) * k)}px DejaVu Sans, sans-serif`;
    ctx.fillText(l.text, l.x * k, l.y * k);
  }
  for (const t of opts.tables ?? []) {
    ctx.lineWidth = Math.max(1, Math.round(0.8 * k));
    ctx.strokeStyle = '#000';
    const xs = [t.x];
    for (const w of t.colWidths) xs.push(xs[xs.length - 1]! + w);
    t.rows.forEach((row, r) => {
      const y0 = t.y + r * t.rowHeight;
      row.forEach((cell, c) => {
        ctx.strokeRect(xs[c]! * k, y0 * k, (xs[c + 1]! - xs[c]!) * k, t.rowHeight * k);
        ctx.font = `${Math.round(10 * k)}px DejaVu Sans, sans-serif`;
        ctx.fillText(cell, (xs[c]! + 4) * k, (y0 + t.rowHeight * 0.65) * k);
      });
    });
  }
  if (opts.inkMultiplies) ctx.globalCompositeOperation = 'multiply';
  for (const b of opts.ink ?? []) {
    ctx.fillStyle = `rgb(${b.gray},${b.gray},${b.gray})`;
    ctx.fillRect(b.x * k, b.y * k, b.w * k, b.h * k);
  }
  const image: GrayImage = rgbaToGray(canvas.data(), W, H);
  return { page: 1, image, dpi };
}
