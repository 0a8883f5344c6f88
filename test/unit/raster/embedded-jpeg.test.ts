import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { openPdf } from '../../../src/pages/pdfjs.js';
import { embeddedPageImage } from '../../../src/raster/render.js';
import { EmbeddedJpegs } from '../../../src/raster/embedded-jpeg.js';
import { InputError } from '../../../src/intake/errors.js';
import { makePdf } from '../../helpers/pdf.js';

const LIMIT = 120_000_000;

/** A w×h "scan" with a dark bar and a mid-grey patch, as a JPEG of the given colour mode. */
async function scanJpeg(w: number, h: number, channels: 1 | 3): Promise<Buffer> {
  const raw = Buffer.alloc(w * h * channels, 255);
  const set = (x: number, y: number, v: number[]) => {
    for (let c = 0; c < channels; c++) raw[(y * w + x) * channels + c] = v[c] ?? v[0]!;
  };
  for (let y = 400; y < 450; y++) for (let x = 100; x < 900; x++) set(x, y, [0, 0, 0]);
  for (let y = 600; y < 700; y++) for (let x = 100; x < 300; x++) set(x, y, [200, 40, 40]); // a red stamp's ink
  return sharp(raw, { raw: { width: w, height: h, channels } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

async function viaPdfjs(pdf: Buffer, n = 1) {
  const doc = await openPdf(pdf, 't.pdf');
  try {
    return await embeddedPageImage(await doc.getPage(n), n);
  } finally {
    await doc.destroy();
  }
}

/** EmbeddedJpegs as the readers use it: with pdfjs's page count and page box. */
async function viaSharp(pdf: Buffer, n = 1, file = 't.pdf', limit = LIMIT) {
  const doc = await openPdf(pdf, file).catch(() => null);
  if (!doc) return new EmbeddedJpegs(pdf, file, 1, limit).page(n, [0, 0, 595.28, 841.89]);
  try {
    const view = n <= doc.numPages ? (await doc.getPage(n)).view : [0, 0, 595.28, 841.89];
    return await new EmbeddedJpegs(pdf, file, doc.numPages, limit).page(n, view);
  } finally {
    await doc.destroy();
  }
}

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
};

describe('EmbeddedJpegs', () => {
  for (const channels of [1, 3] as const) {
    it(`decodes a full-page ${channels === 1 ? 'gray' : 'colour'} scan to the pixels pdfjs gives, at its own resolution`, async () => {
      const w = 1240,
        h = 1754; // 150 DPI on A4
      const jpeg = await scanJpeg(w, h, channels);
      const doc = await makePdf((d) => d.image(jpeg, 0, 0, { width: 595.28, height: 841.89 }), { margin: 0 });
      const r = await viaSharp(doc);
      expect(r).not.toBeNull();
      expect(r!.page).toBe(1);
      expect([r!.image.width, r!.image.height]).toEqual([w, h]);
      expect(r!.dpi).toBeCloseTo(150, 0);
      const ref = (await viaPdfjs(doc))!;
      expect([ref.image.width, ref.image.height]).toEqual([w, h]);
      expect(ref.dpi).toBeCloseTo(r!.dpi, 6);
      // two JPEG decoders: the same picture, within rounding of the inverse DCT
      expect(meanAbsDiff(r!.image.data, ref.image.data)).toBeLessThan(1);
      const at = (x: number, y: number) => r!.image.data[y * w + x]!;
      expect(at(500, 425)).toBeLessThan(20);
      expect(at(500, 380)).toBeGreaterThan(235);
      if (channels === 3) expect(Math.abs(at(200, 650) - ref.image.data[650 * w + 200]!)).toBeLessThan(6);
    });
  }

  it('declines pages that are not one upright full-page JPEG (pdfjs renders those)', async () => {
    const jpeg = await scanJpeg(620, 877, 1);
    const text = await makePdf((d) => d.text('a born-digital page'));
    const small = await makePdf((d) => d.image(jpeg, 100, 100, { width: 200 }));
    const withText = await makePdf(
      (d) => {
        d.image(jpeg, 0, 0, { width: 595.28, height: 841.89 });
        d.text('stamped', 50, 50);
      },
      { margin: 0 },
    );
    const png = await sharp(Buffer.alloc(620 * 877, 128), { raw: { width: 620, height: 877, channels: 1 } })
      .png()
      .toBuffer();
    const flate = await makePdf((d) => d.image(png, 0, 0, { width: 595.28, height: 841.89 }), { margin: 0 });
    const turned = await makePdf((d) => d.image(jpeg, 0, 0, { width: 595.28, height: 841.89 }), { margin: 0 });
    const rotated = Buffer.from(
      turned.toString('latin1').replace('/Type /Page\n', '/Type /Page\n/Rotate 90\n'),
      'latin1',
    );
    expect(rotated.toString('latin1')).toContain('/Rotate 90');
    for (const pdf of [text, small, withText, flate, rotated]) expect(await viaSharp(pdf)).toBeNull();
    // and a page outside the document, or bytes that are no PDF at all
    expect(await viaSharp(turned, 2)).toBeNull();
    expect(await viaSharp(Buffer.from('not a pdf'))).toBeNull();
    // pdf-lib must see the document as pdfjs does: the same page count and the same page box
    expect(await viaSharp(turned)).not.toBeNull();
    expect(await new EmbeddedJpegs(turned, 't.pdf', 2, LIMIT).page(1, [0, 0, 595.28, 841.89])).toBeNull();
    expect(await new EmbeddedJpegs(turned, 't.pdf', 1, LIMIT).page(1, [0, 0, 612, 792])).toBeNull();
  });

  it('refuses a page image above the pixel limit, naming the file and the page', async () => {
    const jpeg = await scanJpeg(1240, 1754, 1);
    const pdf = await makePdf((d) => {
      d.addPage({ size: 'A4', margin: 0 });
      d.image(jpeg, 0, 0, { width: 595.28, height: 841.89 });
    });
    await expect(viaSharp(pdf, 2, 'big.pdf', 1_000_000)).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof InputError &&
        e.code === 'too-large' &&
        /page 2/.test(e.message) &&
        /big\.pdf/.test(String(e.file ?? e.message)),
    );
  });
});
