import { afterAll, describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../src/model/image.js';
import { cellCrop } from '../../../src/ocr/cell-crop.js';
import { OcrPool } from '../../../src/ocr/pool.js';
import { ocrPools } from '../../../src/ocr/shared-pool.js';
import { crop } from '../../../src/raster/gray.js';
import { flattenStreaks } from '../../../src/raster/streaks.js';
import { drawPage } from '../../helpers/draw.js';

const pool = new OcrPool(1);
const pools = ocrPools(pool);
afterAll(() => pool.close());

// a cell of wrapped text (an indikator), 4 lines, its left edge at x = 14 pt
const LINES = ['Jumlah', 'posyandu', 'yang', 'dibina'];
const CELL: [number, number, number, number] = [10, 6, 110, 96];
const text = LINES.map((t, i) => ({ x: 14, y: 24 + 18 * i, text: t, size: 12 }));
/**
 * A scanner's streak down the page along the letters' left edge, its grey varying along its length
 * as a real one does (lighter at the top, darker lower down); laid over the print as light is.
 */
const streak = [
  { x: 15.4, y: 0, w: 0.8, h: 40, gray: 180 },
  { x: 15.4, y: 40, w: 0.8, h: 70, gray: 130 },
];
const clean = drawPage({ widthPt: 120, heightPt: 110, lines: text });
const streaked = drawPage({ widthPt: 120, heightPt: 110, lines: text, ink: streak, inkMultiplies: true });
const k = clean.dpi / 72;
const box = (p: { image: GrayImage }) =>
  crop(p.image, [Math.round(CELL[0] * k), Math.round(CELL[1] * k), Math.round(CELL[2] * k), Math.round(CELL[3] * k)]);
const slice = Math.round(18 * k);

/** Pixels darker than `level` in the image. */
const dark = (img: GrayImage, level: number) => img.data.reduce((n, v) => n + (v < level ? 1 : 0), 0);

describe('flattenStreaks', () => {
  it("turns a streak's grey to paper along its whole length, however its grey varies", () => {
    const flat = flattenStreaks(box(streaked), slice);
    // the streak alone is ~1 200 pixels of grey; what remains darker than paper is the print's
    expect(dark(box(streaked), 230) - dark(box(clean), 230)).toBeGreaterThan(900);
    expect(Math.abs(dark(flat, 230) - dark(box(clean), 230))).toBeLessThan(0.1 * dark(box(clean), 230));
  });

  it('keeps the print the streak crosses dark', () => {
    const flat = flattenStreaks(box(streaked), slice);
    // the letters' ink: as many print-dark pixels as the clean print has, give or take the blur
    expect(dark(flat, 100)).toBeGreaterThan(0.95 * dark(box(clean), 100));
  });

  it('leaves clean print alone, a tight single line too (its letters are no streak)', () => {
    const img = box(clean);
    expect(flattenStreaks(img, slice)).toBe(img);
    // a line of upright strokes cut tight: each stem is dark over the whole box, and is print
    const tight = drawPage({ widthPt: 120, heightPt: 30, lines: [{ x: 6, y: 18, text: 'lllI1|ll', size: 14 }] });
    const line = crop(tight.image, [0, Math.round(8 * k), tight.image.width, Math.round(19 * k)]);
    expect(flattenStreaks(line, slice)).toBe(line);
  });

  it('leaves uneven light alone (it changes slowly across the cell)', () => {
    const light = Array.from({ length: 60 }, (_, i) => ({ x: 2 * i, y: 0, w: 2, h: 110, gray: 250 - i }));
    const lit = drawPage({ widthPt: 120, heightPt: 110, lines: text, ink: light, inkMultiplies: true });
    const img = box(lit);
    expect(flattenStreaks(img, slice)).toBe(img);
  });
});

describe('a cell a streak runs through', () => {
  it('reads every letter the streak touches (it ate the first of `posyandu` and `dibina`)', async () => {
    const c = cellCrop(streaked.image, CELL, k)!;
    const words = await pools.cells.recognize({ image: c.image, psm: '6', dpi: streaked.dpi, tag: 'test' });
    expect(words.map((w) => w.text).join(' ')).toBe(LINES.join(' '));
  });
});
