/**
 * The evidence crop of a table cell shows its row label and its column's header with it: the crop
 * starts at the row's left end (the No column) and at the header's top; a header far above the
 * row comes as a strip of its own over the row's strip. Without that context (a narrative claim,
 * an analysis stored before headers were kept) the crop is the box with a margin, as before.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { evidencePng } from '../../src/api/images/evidence.js';
import { blankImage } from '../../src/raster/gray.js';

const DPI = 144,
  k = DPI / 72; // 2 px per point
const page = { image: blankImage(595 * k, 842 * k, 250), dpi: DPI };

/** the image's size and where its red frame is, in pixels */
async function frame(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      if (data[i]! > 180 && data[i + 1]! < 80 && data[i + 2]! < 80) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  return { width: info.width, height: info.height, x0, y0, x1, y1 };
}

const cell = [400, 150, 460, 170];
const row = [50, 150, 500, 170];
const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(4);

describe('evidence crop of a table cell', () => {
  it('runs from the row label to the cell and from the column header down, in one piece when they are close', async () => {
    const f = await frame(await evidencePng(page, cell, { row, header: [50, 100, 500, 140] }));
    near(f.x0, (400 - (50 - 6)) * k - 3); // the crop starts 6 pt left of the row: its label is in it
    near(f.y0, (150 - (100 - 4)) * k - 3); // and 4 pt above the header
    near(f.height, (176 - 96) * k);
    near(f.width, (460 + 24 - 44) * k);
  });
  it('a header far above the row is a strip of its own over the row', async () => {
    const low = [400, 600, 460, 620],
      lowRow = [50, 600, 500, 620];
    const f = await frame(await evidencePng(page, low, { row: lowRow, header: [50, 100, 500, 140] }));
    const headerStrip = (142 - 96) * k,
      rowStrip = (626 - 594) * k;
    near(f.height, headerStrip + 6 + rowStrip);
    near(f.y0, headerStrip + 6 + 6 * k - 3);
  });
  it('without context: the box and a margin around it', async () => {
    const f = await frame(await evidencePng(page, cell));
    near(f.x0, 72 * k - 3);
    near(f.y0, 43 * k - 3);
  });
});
