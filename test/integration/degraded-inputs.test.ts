import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { openPdf } from '../../src/pages/pdfjs.js';
import { renderPdfPage } from '../../src/raster/render.js';
import { homography } from '../../src/raster/flatten.js';
import { extractBytes } from '../../src/pipeline/extract.js';
import { closeSharedOcrPools } from '../../src/ocr/shared-pool.js';
import type { GrayImage } from '../../src/model/image.js';
import type { Report } from '../../src/model/contract.js';
import { CORPUS, cellMismatches } from '../helpers/truth.js';
import { g4Pdf } from '../helpers/g4-pdf.js';

/**
 * The pages of a fixture report holding Tabel 2.1–2.4 (pages 4 and 5), scanned the ways issue 10
 * names: 150 DPI gray and 1-bit CCITT G4 at 200 DPI (an office copier); and page 4 (Tabel 2.1 and
 * 2.2) as a phone photo in perspective on a desk. Each must read those tables' cells exactly.
 */
const DOC = 'dau-tw4-2025';
const truth = JSON.parse(fs.readFileSync(path.join(CORPUS, 'truth', `${DOC}.json`), 'utf8'));
const expected: Record<string, unknown> = {
  '150 DPI gray': { ...truth, tables: { ...truth.tables, '2.5': [] } },
  '1-bit G4 200 DPI': { ...truth, tables: { ...truth.tables, '2.5': [] } },
  'phone photo': { ...truth, tables: { ...truth.tables, '2.3': [], '2.4': [], '2.5': [] } },
};

async function pagesAt(dpi: number, pages: number[]): Promise<GrayImage[]> {
  const doc = await openPdf(fs.readFileSync(path.join(CORPUS, 'born', `${DOC}.pdf`)), `${DOC}.pdf`);
  try {
    const out: GrayImage[] = [];
    for (const n of pages) out.push((await renderPdfPage(await doc.getPage(n), 1, dpi)).image);
    return out;
  } finally {
    await doc.destroy();
  }
}

/** Scanner grain: paper a little grey, ink not quite black, a slight blur, as JPEG. */
async function grayJpegPdf(imgs: GrayImage[], dpi: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const img of imgs) {
    const data = img.data.map((v, i) => Math.round(240 - ((255 - v) * 210) / 255 + ((i * 7919) % 13) - 6));
    const jpg = await sharp(data, { raw: { width: img.width, height: img.height, channels: 1 } })
      .blur(0.5)
      .jpeg({ quality: 55 })
      .toBuffer();
    const page = pdf.addPage([(img.width * 72) / dpi, (img.height * 72) / dpi]);
    page.drawImage(await pdf.embedJpg(jpg), { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return pdf.save();
}

/** The page photographed from above: perspective, a dark desk around it, light falling off to one side. */
async function photoJpeg(img: GrayImage): Promise<Uint8Array> {
  const FW = 2000,
    FH = 2600;
  const corners: [number, number][] = [
    [210, 160],
    [1790, 240],
    [1840, 2470],
    [150, 2390],
  ];
  const m = homography(corners, [
    [0, 0],
    [img.width, 0],
    [img.width, img.height],
    [0, img.height],
  ]);
  const rgb = new Uint8Array(FW * FH * 3);
  for (let y = 0; y < FH; y++)
    for (let x = 0; x < FW; x++) {
      const d = m[6]! * x + m[7]! * y + 1;
      const u = (m[0]! * x + m[1]! * y + m[2]!) / d,
        v = (m[3]! * x + m[4]! * y + m[5]!) / d;
      const shade = 1 - 0.25 * (x / FW);
      const g =
        u >= 0 && v >= 0 && u < img.width - 1 && v < img.height - 1
          ? img.data[(v | 0) * img.width + (u | 0)]! * shade
          : 60 + (((x >> 3) + (y >> 4)) % 25);
      rgb.set([g, g * 0.97, g * 0.9], (y * FW + x) * 3);
    }
  return sharp(rgb, { raw: { width: FW, height: FH, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const reports = new Map<string, Report>();
beforeAll(async () => {
  const inputs: [string, () => Promise<Uint8Array>][] = [
    ['150 DPI gray', async () => grayJpegPdf(await pagesAt(150, [4, 5]), 150)],
    ['1-bit G4 200 DPI', async () => g4Pdf(await pagesAt(200, [4, 5]), 200)],
    ['phone photo', async () => photoJpeg((await pagesAt(240, [4]))[0]!)],
  ];
  for (const [name, make] of inputs) {
    const bytes = await make();
    reports.set(name, (await extractBytes(bytes, name === 'phone photo' ? 'page.jpg' : 'page.pdf')).report);
  }
}, 20 * 60_000);
afterAll(closeSharedOcrPools);

describe('low resolution, bilevel and photographed pages', () => {
  for (const name of ['150 DPI gray', '1-bit G4 200 DPI', 'phone photo']) {
    it(`reads the tables of ${name} pages exactly, without an error or warning of its own`, () => {
      const r = reports.get(name)!;
      expect(r.status).not.toBe('failed');
      expect(cellMismatches(expected[name] as never, r)).toEqual([]);
      // only the absent tables' T1 (and the unsigned page's S1) may be raised
      expect(r.discrepancies.filter((d) => d.severity !== 'uncertain' && d.rule !== 'T1' && d.rule !== 'S1')).toEqual(
        [],
      );
    });
  }
});
