import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { openPdf } from '../../../src/pages/pdfjs.js';
import { embeddedPageImage, renderPdfPage } from '../../../src/raster/render.js';
import { InputError } from '../../../src/intake/errors.js';
import { makePdf } from '../../helpers/pdf.js';
import { g4Pdf } from '../../helpers/g4-pdf.js';

async function withFirstPage<T>(
  pdf: Buffer,
  f: (page: Awaited<ReturnType<Awaited<ReturnType<typeof openPdf>>['getPage']>>) => Promise<T>,
): Promise<T> {
  const doc = await openPdf(pdf, 't.pdf');
  try {
    return await f(await doc.getPage(1));
  } finally {
    await doc.destroy();
  }
}

const px = (img: { data: Uint8Array; width: number }, x: number, y: number) => img.data[y * img.width + x]!;

describe('renderPdfPage', () => {
  it('renders at the requested DPI onto white, in gray with luma weights', async () => {
    const pdf = await makePdf((d) => {
      d.rect(72, 72, 72, 72).fill('#000000'); // 1 in black square, 1 in from the top-left corner
      d.rect(216, 72, 72, 72).fill('#ff0000');
      d.rect(360, 72, 72, 72).fill('#0000ff');
    });
    const r = await withFirstPage(pdf, (p) => renderPdfPage(p, 3, 100));
    expect(r.page).toBe(3);
    expect(r.dpi).toBe(100);
    expect(r.image.width).toBe(Math.round((595.28 * 100) / 72));
    expect(r.image.height).toBe(Math.round((841.89 * 100) / 72));
    expect(r.image.data.length).toBe(r.image.width * r.image.height);
    expect(px(r.image, 150, 150)).toBeLessThan(10); // inside the black square
    expect(px(r.image, 90, 90)).toBe(255); // margin: white background
    expect(px(r.image, 250, 90)).toBe(255);
    expect(px(r.image, 350, 150)).toBeGreaterThan(70); // red → ~76
    expect(px(r.image, 350, 150)).toBeLessThan(82);
    expect(px(r.image, 550, 150)).toBeGreaterThan(24); // blue → ~29: channel order is RGBA
    expect(px(r.image, 550, 150)).toBeLessThan(34);
  });

  it('defaults to 300 DPI and refuses a page that would exceed the pixel limit', async () => {
    const pdf = await makePdf((d) => d.text('x'));
    const r = await withFirstPage(pdf, (p) => renderPdfPage(p, 1));
    expect(r.dpi).toBe(300);
    expect(r.image.width).toBe(2480);
    await expect(withFirstPage(pdf, (p) => renderPdfPage(p, 1, 300, 1_000_000))).rejects.toSatisfy(
      (e: unknown) => e instanceof InputError && e.code === 'too-large' && /page 1/.test(e.message),
    );
  });
});

describe('embeddedPageImage', () => {
  it('returns a full-page scan at its own resolution, pixel for pixel', async () => {
    // a 150 DPI "scan": 1240×1754 gray JPEG with a black bar at a known place
    const w = 1240,
      h = 1754;
    const raw = Buffer.alloc(w * h, 255);
    for (let y = 400; y < 450; y++) raw.fill(0, y * w + 100, y * w + 900);
    const jpeg = await sharp(raw, { raw: { width: w, height: h, channels: 1 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const pdf = await makePdf((d) => d.image(jpeg, 0, 0, { width: 595.28, height: 841.89 }), { margin: 0 });
    const r = await withFirstPage(pdf, (p) => embeddedPageImage(p, 2));
    expect(r).not.toBeNull();
    expect(r!.page).toBe(2);
    expect(r!.image.width).toBe(w);
    expect(r!.image.height).toBe(h);
    expect(r!.dpi).toBeCloseTo(150, 0);
    expect(px(r!.image, 500, 425)).toBeLessThan(20);
    expect(px(r!.image, 500, 380)).toBeGreaterThan(235);
  });

  it('unpacks a 1-bit scan (CCITT/JBIG2 archives decode to this)', async () => {
    // hand-made PDF: a 40×20 px DeviceGray 1-bit image (bit 1 = white) over a 72×36 pt page
    const W = 40,
      H = 20,
      rowBytes = W / 8;
    const bits = Buffer.alloc(rowBytes * H, 0xff);
    for (let y = 5; y < 10; y++) for (let x = 3; x < 30; x++) bits[y * rowBytes + (x >> 3)]! &= ~(128 >> (x & 7));
    const content = 'q 72 0 0 36 0 0 cm /Im0 Do Q';
    const pdf = Buffer.concat([
      Buffer.from(
        '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
          '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
          '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 72 36] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >> endobj\n' +
          `4 0 obj << /Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceGray /BitsPerComponent 1 /Length ${bits.length} >> stream\n`,
      ),
      bits,
      Buffer.from(
        `\nendstream endobj\n5 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
      ),
    ]);
    const r = await withFirstPage(pdf, (p) => embeddedPageImage(p, 1));
    expect(r!.dpi).toBeCloseTo(40, 5);
    expect(Array.from(r!.image.data.subarray(7 * W, 8 * W))).toEqual(
      Array.from({ length: W }, (_, x) => (x >= 3 && x < 30 ? 0 : 255)),
    );
    expect(r!.image.data[2 * W + 10]).toBe(255);
  });

  it("waits for a CCITT G4 scan pdfjs decodes after the operator list (a copier's 1-bit page)", async () => {
    // 1-bit G4 pages arrive after getOperatorList resolves: reading the object at once threw
    // "Requesting object that isn't resolved yet img_p0_1" and failed the document
    const w = 1654,
      h = 2339;
    const data = new Uint8Array(w * h).fill(255);
    for (let y = 400; y < 430; y++) data.fill(0, y * w + 100, y * w + 900);
    for (let y = 600; y < 1600; y++) data.fill(0, y * w + 1200, y * w + 1204);
    const pdf = await g4Pdf([{ data, width: w, height: h }], 200);
    const r = await withFirstPage(Buffer.from(pdf), (p) => embeddedPageImage(p, 1));
    expect(r).not.toBeNull();
    expect(r!.dpi).toBeCloseTo(200, 0);
    expect([r!.image.width, r!.image.height]).toEqual([w, h]);
    expect(px(r!.image, 500, 415)).toBe(0);
    expect(px(r!.image, 500, 380)).toBe(255);
    expect(px(r!.image, 1202, 1000)).toBe(0);
    expect(px(r!.image, 1210, 1000)).toBe(255);
  });

  it('declines pages that are not a single full-page image', async () => {
    const text = await makePdf((d) => d.text('a born-digital page'));
    expect(await withFirstPage(text, (p) => embeddedPageImage(p, 1))).toBeNull();
    const jpeg = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const small = await makePdf((d) => d.image(jpeg, 100, 100, { width: 200 }));
    expect(await withFirstPage(small, (p) => embeddedPageImage(p, 1))).toBeNull();
  });
});
