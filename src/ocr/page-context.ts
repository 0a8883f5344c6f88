import type { PixelBox } from '../model/image.js';
import { cleanWordText, type BBox, type Word } from '../model/word.js';
import type { OcrWord } from './pool.js';
import type { OcrPools } from './shared-pool.js';

/**
 * What every OCR pass over one scanned page shares: the page, its resolution and scale (pixels per
 * point), and the worker pools. A pass takes the words so far and the image it reads, and returns
 * the words after it.
 */
export interface PageContext {
  page: number;
  dpi: number;
  /** pixels per PDF point */
  k: number;
  pools: OcrPools;
}

/** A word read below this confidence marks a trouble spot or a weak line. */
export const WEAK_WORD_CONF = 60;

/** Mean confidence of some words (0 for none). */
export const meanConf = (ws: readonly { conf: number }[]) =>
  ws.reduce((s, w) => s + w.conf, 0) / Math.max(1, ws.length);

export function toPoints(b: readonly number[], k: number, ox = 0, oy = 0): BBox {
  return [(b[0]! + ox) / k, (b[1]! + oy) / k, (b[2]! + ox) / k, (b[3]! + oy) / k];
}

export function toWord(w: OcrWord, page: number, k: number, ox: number, oy: number): Word {
  return {
    text: cleanWordText(w.text) || '\ufffd',
    page,
    bbox: toPoints(w.bbox, k, ox, oy),
    conf: w.conf,
    source: 'ocr',
  };
}

/** A word's box in page pixels. */
export function unionPx(ws: readonly Word[], k: number): PixelBox {
  return [
    Math.min(...ws.map((w) => w.bbox[0])) * k,
    Math.min(...ws.map((w) => w.bbox[1])) * k,
    Math.max(...ws.map((w) => w.bbox[2])) * k,
    Math.max(...ws.map((w) => w.bbox[3])) * k,
  ];
}
