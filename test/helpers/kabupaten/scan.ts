/**
 * A KabSpec's born PDF through the fixtures' scanner (fixtures/scan): each page rendered in gray at
 * 300 DPI, a slight skew, paper tone, noise, blur, JPEG, and the JPEGs as an image-only PDF. No
 * signature ink (the S1 check is not what these shapes test). Seeded per document: the same bytes
 * every run.
 */
import PDFDocument from 'pdfkit';
import { encodeJpeg, scanPage, type ScanLook } from '../../../fixtures/scan/degrade.js';
import { openPdf } from '../../../fixtures/scan/pdf.js';
import { Rng } from '../../../fixtures/scan/prng.js';

const LOOK: ScanLook = { dpi: 300, quality: 60, noise: 2, blur: 0.8, paper: 242, ink: 25, mottle: 2 };

export async function scanPdf(born: Uint8Array, seed: string): Promise<Uint8Array> {
  const doc = await openPdf(Buffer.from(born));
  const jpegs: Buffer[] = [];
  const sizes: [number, number][] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const v = page.getViewport({ scale: 1 });
      sizes.push([v.width, v.height]);
      const rng = new Rng(`${seed}/page-${p}`);
      const scanned = await scanPage(
        page,
        LOOK,
        (rng.uniform(0, 1) - 0.5) * 0.8,
        false,
        { scribbles: [], stamps: [] },
        rng,
      );
      jpegs.push(await encodeJpeg(scanned, LOOK));
    }
  } finally {
    await doc.destroy();
  }
  const pdf = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: { Title: `Scan ${seed}`, CreationDate: new Date(0), ModDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  jpegs.forEach((j, i) => {
    const [w, h] = sizes[i]!;
    pdf.addPage({ size: [w, h], margin: 0 });
    pdf.image(j, 0, 0, { width: w, height: h });
  });
  pdf.end();
  return new Uint8Array(await done);
}
