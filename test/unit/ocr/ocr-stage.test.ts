import type { PixelBox } from '../../../src/model/image.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OcrPool } from '../../../src/ocr/pool.js';
import { ensureLangDir } from '../../../src/ocr/langdata.js';
import { cellCrop } from '../../../src/ocr/cell-crop.js';
import { readScannedPage } from '../../../src/ocr/read-page.js';
import { dropLightInk, uncoveredInk } from '../../../src/raster/ink.js';
import {
  inkColumns,
  narrativeScale,
  NARRATIVE_LINE_PX,
  textBands,
  typicalLineHeight,
} from '../../../src/raster/text-bands.js';
import { ocrPools } from '../../../src/ocr/shared-pool.js';
import type { OcrReader } from '../../../src/ocr/pool.js';
import { toPgm } from '../../../src/ocr/pnm.js';
import { findGrids } from '../../../src/tables/grid.js';
import { drawPage } from '../../helpers/draw.js';

const pool = new OcrPool(1);
const pools = ocrPools(pool);
afterAll(() => pool.close());

describe('offline models', () => {
  it('links ind and eng from the npm packages into one folder, nothing fetched or written to the cwd', async () => {
    const dir = ensureLangDir();
    for (const lang of ['ind', 'eng']) {
      const real = fs.realpathSync(path.join(dir, `${lang}.traineddata.gz`));
      expect(real).toMatch(new RegExp(`@tesseract\\.js-data/${lang}/4\\.0\\.0_best_int/${lang}\\.traineddata\\.gz$`));
    }
    const before = fs.readdirSync('.');
    const words = await pools.cells.recognize({
      image: drawPage({ widthPt: 200, heightPt: 40, lines: [{ x: 10, y: 28, text: '48.320.000,00' }] }).image,
      psm: '7',
    });
    expect(words.map((w) => w.text).join(' ')).toBe('48.320.000,00');
    expect(fs.readdirSync('.').filter((f) => f.endsWith('.traineddata'))).toEqual(
      before.filter((f) => f.endsWith('.traineddata')),
    );
  });

  it('links the vendored fast Indonesian model (checked by its sha256) and reads with it', async () => {
    const dir = ensureLangDir(['ind_fast']);
    expect(fs.realpathSync(path.join(dir, 'ind_fast.traineddata.gz'))).toMatch(
      /models\/tessdata-fast\/ind_fast\.traineddata\.gz$/,
    );
    const words = await pools.cells.recognize({
      image: drawPage({ widthPt: 300, heightPt: 40, lines: [{ x: 10, y: 28, text: 'Kecamatan Candipuro' }] }).image,
      psm: '7',
      langs: 'ind_fast',
    });
    expect(words.map((w) => w.text).join(' ')).toBe('Kecamatan Candipuro');
  });
});

describe('one pool for both models', () => {
  it("reads with each reader's models on the same worker, switching as the jobs ask", async () => {
    const img = (text: string) => drawPage({ widthPt: 220, heightPt: 40, lines: [{ x: 10, y: 28, text }] }).image;
    // interleaved on a single worker: every job still gets the models it asked for
    const [a, b, c] = await Promise.all([
      pools.cells.recognize({ image: img('capaian 100%'), psm: '7' }),
      pools.text.recognize({ image: img('Kecamatan Candipuro'), psm: '7' }),
      pools.cells.recognize({ image: img('33,33%'), psm: '7' }),
    ]);
    expect(a.map((w) => w.text).join(' ')).toBe('capaian 100%');
    expect(b.map((w) => w.text).join(' ')).toBe('Kecamatan Candipuro');
    expect(c.map((w) => w.text).join(' ')).toBe('33,33%');
    expect(pools.text.size).toBe(1);
  });
});

describe('textBands', () => {
  it('cuts the page into bands at blank rows only, skipping wide blank space', () => {
    const lines = Array.from({ length: 14 }, (_, i) => ({
      x: 40,
      y: 60 + i * 16,
      text: `baris ${i + 1} teks narasi yang cukup panjang`,
    }));
    const r = drawPage({ widthPt: 400, heightPt: 700, lines: [...lines, { x: 40, y: 640, text: 'penutup' }] });
    const bands = textBands(r.image, r.dpi);
    // 14 lines over ~3.1 in: two bands at most 2.5 in tall, then the lone line after the wide gap
    expect(bands.length).toBe(3);
    for (const [y0, y1] of bands) {
      expect(y1 - y0).toBeLessThanOrEqual(2.7 * r.dpi);
      // each band starts and ends on ink, and the rows just outside it are blank
      for (const y of [y0 - 1, y1]) {
        const row = r.image.data.subarray(y * r.image.width, (y + 1) * r.image.width);
        expect(row.filter((v) => v < 128).length).toBeLessThan(3);
      }
    }
    expect(bands[2]![0]).toBeGreaterThan(600 * (r.dpi / 72));
    expect(textBands(drawPage({ widthPt: 100, heightPt: 100 }).image, r.dpi)).toEqual([]);
  });
});

describe("the narrative's resolution", () => {
  const page = (size: number, dpi = 300) =>
    drawPage({
      dpi,
      widthPt: 400,
      heightPt: 400,
      lines: Array.from({ length: 8 }, (_, i) => ({
        x: 40,
        y: 60 + i * size * 1.8,
        text: 'Capaian kinerja Kecamatan tahun 2024 (jaga)',
        size,
      })),
    });

  it('measures the typical text line from the rows with ink, in proportion to the type size', () => {
    const h12 = typicalLineHeight(page(12).image),
      h9 = typicalLineHeight(page(9).image);
    // DejaVu Sans ascender to descender is ~1.17 em: 12 pt at 300 DPI is ~58 px
    expect(h12).toBeGreaterThan((0.95 * 12 * 300) / 72);
    expect(h12).toBeLessThan((1.3 * 12 * 300) / 72);
    expect(h9 / h12).toBeCloseTo(0.75, 1);
    expect(typicalLineHeight(drawPage({ widthPt: 100, heightPt: 100 }).image)).toBe(0);
  });

  it('brings lines to NARRATIVE_LINE_PX, never enlarging and never below half size', () => {
    const s12 = narrativeScale(page(12).image);
    expect(s12 * typicalLineHeight(page(12).image)).toBeCloseTo(NARRATIVE_LINE_PX, 0);
    expect(narrativeScale(page(12, 150).image)).toBe(1); // small type or a low-resolution scan: as it is
    expect(narrativeScale(page(40).image)).toBe(0.5); // a cover's title
    expect(narrativeScale(drawPage({ widthPt: 100, heightPt: 100 }).image)).toBe(1);
  });

  it('crops a band to its inked columns plus the margin', () => {
    const r = drawPage({ widthPt: 400, heightPt: 100, lines: [{ x: 100, y: 50, text: 'teks di tengah' }] });
    const k = r.dpi / 72;
    const [x0, x1] = inkColumns(r.image, 0, r.image.height, 10);
    expect(x0).toBeGreaterThanOrEqual(100 * k - 12);
    expect(x0).toBeLessThanOrEqual(100 * k - 8);
    expect(x1).toBeLessThan(300 * k);
    const [, right] = inkColumns(r.image, 0, r.image.height, 0);
    expect(r.image.data.subarray(0).some((v, i) => i % r.image.width >= right && v < 128)).toBe(false);
    expect(inkColumns(drawPage({ widthPt: 100, heightPt: 100 }).image, 0, 100, 10)).toEqual([0, Math.round(100 * k)]);
  });

  it('reads a narrative page at the reduced scale with words in page points', async () => {
    const r = drawPage({
      widthPt: 500,
      heightPt: 200,
      lines: [{ x: 60, y: 80, text: 'Capaian kinerja sebesar 95,50 % pada tahun 2024.', size: 12 }],
    });
    expect(narrativeScale(r.image)).toBeLessThan(0.8);
    const p = await readScannedPage(r, pools);
    const ws = p.content.words;
    expect(ws.map((w) => w.text).join(' ')).toContain('95,50');
    const first = ws.find((w) => w.text === 'Capaian')!;
    // the word's box is where it was drawn (page points), not where the scaled band put it
    expect(first.bbox[0]).toBeGreaterThan(57);
    expect(first.bbox[0]).toBeLessThan(63);
    expect(first.bbox[3]).toBeGreaterThan(78);
    expect(first.bbox[3]).toBeLessThan(86);
  });
});

describe('pnm', () => {
  it('writes a binary PGM header in front of the pixels', () => {
    const pgm = toPgm({ data: new Uint8Array([0, 255, 128, 7]), width: 2, height: 2 });
    expect(Buffer.from(pgm.subarray(0, 11)).toString('latin1')).toBe('P5\n2 2\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 255, 128, 7]);
  });
});

describe('cellCrop', () => {
  it('cuts the ink of a cell clear of its borders and counts its lines', () => {
    const r = drawPage({
      widthPt: 200,
      heightPt: 80,
      tables: [{ x: 10, y: 10, colWidths: [150], rowHeight: 50, rows: [['33,33%']] }],
    });
    const k = r.dpi / 72;
    const c = cellCrop(r.image, [10, 10, 160, 60], k)!;
    expect(c).not.toBeNull();
    expect(c.lines).toBe(1);
    // no border pixel survives: the crop's outermost rows and columns are paper
    const { data, width, height } = c.image;
    for (let x = 0; x < width; x++) {
      expect(data[x]).toBeGreaterThan(200);
      expect(data[(height - 1) * width + x]).toBeGreaterThan(200);
    }
    expect(cellCrop(r.image, [170, 10, 190, 60], k)).toBeNull(); // nothing there
  });
});

describe('dropLightInk', () => {
  it('turns a grey stamp to paper and keeps the text', () => {
    const r = drawPage({
      widthPt: 120,
      heightPt: 40,
      lines: [{ x: 5, y: 25, text: 'NIP 1971' }],
      ink: [{ x: 60, y: 5, w: 50, h: 30, gray: 150 }],
    });
    const out = dropLightInk(r.image);
    const k = r.dpi / 72;
    const at = (x: number, y: number) => out.data[Math.round(y * k) * out.width + Math.round(x * k)]!;
    expect(at(100, 8)).toBe(255); // stamp area (right of the text) is paper now
    const dark = out.data.filter((v) => v < 80).length;
    expect(dark).toBeGreaterThan(500); // the text is still there
  });
});

describe('uncoveredInk', () => {
  it('finds inked regions no word covers and ignores specks', () => {
    const r = drawPage({
      widthPt: 300,
      heightPt: 200,
      ink: [
        { x: 20, y: 20, w: 60, h: 30, gray: 0 },
        { x: 200, y: 120, w: 60, h: 30, gray: 0 },
        { x: 150, y: 180, w: 1, h: 1, gray: 0 },
      ],
    });
    const k = r.dpi / 72;
    const covered = [{ text: 'x', conf: 90, bbox: [20 * k, 20 * k, 80 * k, 50 * k] as PixelBox }];
    const boxes = uncoveredInk(r.image, covered, r.dpi);
    expect(boxes).toHaveLength(1);
    const [x0, y0, x1, y1] = boxes[0]!.map((v) => v / k);
    expect(x0).toBeLessThanOrEqual(200);
    expect(x1).toBeGreaterThanOrEqual(260);
    expect(y0).toBeLessThanOrEqual(120);
    expect(y1).toBeGreaterThanOrEqual(150);
  });
});

describe('readScannedPage', () => {
  it('reads a small scanned page: grid from the ruling lines, every cell, and the narrative', async () => {
    const r = drawPage({
      lines: [
        { x: 60, y: 80, text: 'Tabel 2.1' },
        { x: 60, y: 300, text: 'capaian kinerja sebesar 42,55 % dan serapan anggaran 29,5%.' },
      ],
      tables: [
        {
          x: 60,
          y: 100,
          colWidths: [30, 200, 150, 80],
          rowHeight: 28,
          rows: [
            ['No', 'Sasaran', 'Indikator Kinerja', 'Target'],
            ['1', 'Terkoordinasinya Kegiatan', 'Persentase Fasilitasi', '100%'],
          ],
        },
      ],
    });
    const page = await readScannedPage(r, pools);
    expect(page.blank).toBe(false);
    const grids = findGrids(1, page.content.segments, page.content.words);
    expect(grids).toHaveLength(1);
    expect(grids[0]!.xs).toHaveLength(5);
    expect(grids[0]!.at(1, 3).text).toBe('100%');
    expect(grids[0]!.at(1, 1).text).toBe('Terkoordinasinya Kegiatan');
    const text = page.content.words
      .filter((w) => w.bbox[1] > 280)
      .map((w) => w.text)
      .join(' ');
    expect(text).toContain('42,55');
    expect(text).toMatch(/29,5%/);
  });
  it('reads wrapped table text with the page model, and a wrapped cell with a digit in it with the cell model', async () => {
    // two rows of two-line cells: an indicator's name beside `4` over `Dokumen`
    const r = drawPage({
      lines: [
        { x: 64, y: 157, text: 'Persentase desa yang', size: 10 },
        { x: 264, y: 157, text: '4', size: 10 },
      ],
      tables: [
        {
          x: 60,
          y: 100,
          colWidths: [200, 80],
          rowHeight: 44,
          rows: [
            ['Indikator Kinerja', 'Target'],
            ['tertib administrasi', 'Dokumen'],
          ],
        },
      ],
    });
    const calls: { reader: string; tag: string | undefined; psm: string; width: number }[] = [];
    // scripted readers: the page model reads every wrapped cell as it sees it, digits included;
    // the cell model says where a reading came from
    const scripted = (reader: string, wrapped: (width: number) => string[]): OcrReader => ({
      size: 1,
      recognize: async (req) => {
        calls.push({ reader, tag: req.tag, psm: req.psm, width: req.image.width });
        const words = req.tag === 'cell-text' || req.tag === 'cell' ? wrapped(req.image.width) : [];
        return words.map((text, i) => ({ text, bbox: [10 + 60 * i, 10, 60 + 60 * i, 40], conf: 90 }));
      },
    });
    const narrow = (width: number) => width < 100 * (300 / 72);
    const page = scripted('page', (w) => (narrow(w) ? ['4', 'Dokumen'] : ['halaman', 'teks']));
    const cells = scripted('cells', (w) => (narrow(w) ? ['sel-4', 'sel-Dokumen'] : ['sel-teks']));
    const out = await readScannedPage(r, { page, text: page, cells });
    const texts = out.content.words.map((w) => w.text);
    expect(texts).toEqual(expect.arrayContaining(['halaman', 'teks', 'sel-4', 'sel-Dokumen']));
    expect(texts).not.toContain('sel-teks');
    // the text cell was read once, by the page model; the number cell by both, the cell model last
    const wrappedCalls = calls.filter((c) => c.tag?.startsWith('cell') && c.psm === '6');
    expect(wrappedCalls.filter((c) => !narrow(c.width)).map((c) => c.reader)).toEqual(['page']);
    expect(wrappedCalls.filter((c) => narrow(c.width)).map((c) => c.reader)).toEqual(['page', 'cells']);
  });
  it('says a blank page is blank without reading it', async () => {
    const page = await readScannedPage(drawPage({}), pools);
    expect(page.blank).toBe(true);
    expect(page.content.words).toEqual([]);
  });
});
