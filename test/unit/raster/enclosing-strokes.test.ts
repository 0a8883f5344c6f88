import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../src/model/image.js';
import { dropEnclosingStrokes } from '../../../src/raster/enclosing-strokes.js';

const PAPER = 230;

/** A page of paper grey with dark ink drawn by `ink(x, y)`. */
function drawn(w: number, h: number, ink: (x: number, y: number) => boolean): GrayImage {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = ink(x, y) ? 30 : PAPER;
  return { width: w, height: h, data };
}

/** An ellipse's outline, about 2 px thick, centred in a 200 × 80 image. */
const ring = (x: number, y: number) => {
  const r = ((x - 100) / 90) ** 2 + ((y - 40) / 34) ** 2;
  return r > 0.92 && r < 1.05;
};
/** Two glyph-like bars inside it. */
const glyphs = (x: number, y: number) => y >= 28 && y <= 52 && ((x >= 70 && x <= 80) || (x >= 110 && x <= 125));
const at = (img: GrayImage, x: number, y: number) => img.data[y * img.width + x]!;

describe('dropEnclosingStrokes', () => {
  it('makes a pen ring round two glyphs paper and keeps the glyphs', () => {
    const img = drawn(200, 80, (x, y) => ring(x, y) || glyphs(x, y));
    const out = dropEnclosingStrokes(img);
    expect(out).not.toBe(img);
    expect(at(out, 10, 40)).toBe(PAPER); // the ring's left arc
    expect(at(out, 100, 6)).toBe(PAPER); // its top
    expect(at(out, 75, 40)).toBe(30); // the glyphs stay ink
    expect(at(out, 120, 30)).toBe(30);
  });

  it('leaves print alone: an outline holding one piece, none, or a filled shape', () => {
    const one = drawn(200, 80, (x, y) => ring(x, y) || (y >= 28 && y <= 52 && x >= 70 && x <= 80));
    expect(dropEnclosingStrokes(one)).toBe(one);
    const empty = drawn(200, 80, ring);
    expect(dropEnclosingStrokes(empty)).toBe(empty);
    // a blot (filled box) over two specks: no outline
    const blot = drawn(
      200,
      80,
      (x, y) => x >= 10 && x <= 190 && y >= 6 && y <= 74 && !glyphs(x, y) && !(x > 60 && x < 135 && y > 20 && y < 60),
    );
    expect(dropEnclosingStrokes(blot)).toBe(blot);
  });
});
