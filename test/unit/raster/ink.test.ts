import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import type { GrayImage, PixelBox } from '../../../src/model/image.js';
import { rgbaToGray } from '../../../src/raster/gray.js';
import { growToBlankRows, inkRatio, inkRatioWithoutTextLines } from '../../../src/raster/ink.js';
import { addNoise } from './synth.js';

/** A 300 DPI signature block, 900×500 px: printed title at the top, name and NIP at the bottom. */
function signatureBlock(opts: { signed?: boolean; stamp?: boolean }): GrayImage {
  const W = 900,
    H = 500;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#000';
  // printed text as solid bars of text-line height, so the test does not depend on fonts
  ctx.fillRect(150, 30, 600, 36); // "Kasi Kesejahteraan Sosial"
  ctx.fillRect(120, 380, 660, 36); // name
  ctx.fillRect(120, 440, 660, 36); // NIP
  if (opts.stamp) {
    ctx.strokeStyle = 'rgb(120,120,120)';
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.arc(300, 220, 130, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (opts.signed) {
    ctx.strokeStyle = 'rgb(40,40,90)'; // blue-black pen
    ctx.lineWidth = 5;
    ctx.beginPath();
    for (let i = 0; i <= 50; i++) ctx.lineTo(250 + i * 9, 230 + Math.sin(i * 0.9) * 90);
    ctx.stroke();
  }
  return rgbaToGray(canvas.data(), W, H);
}

const ALL: PixelBox = [0, 0, 900, 500];
const TEXT: PixelBox[] = [
  [150, 30, 750, 66],
  [120, 380, 780, 416],
  [120, 440, 780, 476],
];

describe('inkRatio', () => {
  it('is the fraction of dark pixels in the box, clamped to the image', () => {
    const img: GrayImage = { data: new Uint8Array(100).fill(255), width: 10, height: 10 };
    img.data.fill(0, 0, 20); // top two rows dark
    expect(inkRatio(img, [0, 0, 10, 10])).toBeCloseTo(0.2);
    expect(inkRatio(img, [0, 0, 10, 2])).toBe(1);
    expect(inkRatio(img, [-5, -5, 10, 1])).toBe(1); // clamped
    expect(inkRatio(img, [3, 3, 3, 8])).toBe(0); // empty box
    expect(inkRatio(img, [0, 0, 10, 10], { level: 0 })).toBe(0);
  });

  it('tells a signed block from an unsigned one once the printed text is excluded', () => {
    const unsigned = addNoise(signatureBlock({}), 15, 0.001);
    const signed = addNoise(signatureBlock({ signed: true }), 15, 0.001);
    const stamped = addNoise(signatureBlock({ stamp: true }), 15, 0.001);
    expect(inkRatio(unsigned, ALL)).toBeGreaterThan(0.1); // the printed text alone
    expect(inkRatio(unsigned, ALL, { exclude: TEXT })).toBeLessThan(0.002);
    expect(inkRatio(signed, ALL, { exclude: TEXT })).toBeGreaterThan(0.02);
    // a 2 cm stamp ring covers ~1 % of the block; grey stamp ink counts
    expect(inkRatio(stamped, ALL, { exclude: TEXT })).toBeGreaterThan(0.006);
  });
});

describe('inkRatioWithoutTextLines', () => {
  it('ignores text-line bands and keeps the tall marks of a signature or stamp', () => {
    const textHeight = 50; // ~12 pt at 300 DPI
    const unsigned = addNoise(signatureBlock({}), 15, 0.001);
    expect(inkRatioWithoutTextLines(unsigned, ALL, textHeight)).toBe(0);
    expect(inkRatioWithoutTextLines(signatureBlock({ signed: true }), ALL, textHeight)).toBeGreaterThan(0.02);
    expect(inkRatioWithoutTextLines(signatureBlock({ stamp: true }), ALL, textHeight)).toBeGreaterThan(0.006);
  });
});

describe('growToBlankRows', () => {
  // two text lines (rows 20–34 and 50–64) on paper, a speck row at 80
  const img: GrayImage = { width: 200, height: 120, data: new Uint8Array(200 * 120).fill(235) };
  const ink = (y0: number, y1: number, x0 = 20, x1 = 180) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x += 3) img.data[y * 200 + x] = 40;
  };
  ink(20, 35);
  ink(50, 65);
  img.data[80 * 200 + 100] = 40;

  it('moves edges that cut a line to the blank rows past it, and leaves edges on blank rows alone', () => {
    // the top edge lies in the gap, the bottom one cuts the second line
    expect(growToBlankRows(img, [10, 40, 190, 57], 30)).toEqual([10, 40, 190, 65]);
    // both edges cut a line
    expect(growToBlankRows(img, [10, 27, 190, 57], 30)).toEqual([10, 20, 190, 65]);
    // a lone speck is no line
    expect(growToBlankRows(img, [10, 70, 190, 81], 30)).toEqual([10, 70, 190, 81]);
  });

  it('grows at most maxGrow, and only over ink inside its own columns', () => {
    expect(growToBlankRows(img, [10, 40, 190, 52], 5)).toEqual([10, 40, 190, 57]);
    // the lines lie in columns 20–180: a box right of them does not grow
    expect(growToBlankRows(img, [182, 40, 199, 57], 30)).toEqual([182, 40, 199, 57]);
  });
});
