/**
 * Found by the fuzz test (seed 1631334097): an image XObject declaring `/BitsPerComponent
 * 99999999999999999999999999` sent pdfjs's decoder into a loop that never ended, and the whole
 * batch with it. Such a file is corrupt: refused, with its reason, before a byte is decoded.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../src/pipeline/extract.js';

async function pdfWithImageBits(bits: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const image = doc.context.flateStream(new Uint8Array(40 * 30), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: 40,
    Height: 30,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: bits,
  });
  const ref = doc.context.register(image);
  page.node.setXObject(PDFName.of('Im1'), ref);
  page.node.addContentStream(doc.context.register(doc.context.stream('q 595 0 0 842 0 0 cm /Im1 Do Q')));
  return doc.save({ useObjectStreams: false });
}

describe('an image with an impossible sample size', () => {
  it('is refused as a corrupt PDF naming the image, not decoded', async () => {
    const { report } = await extractBytes(await pdfWithImageBits(1e26), 'bits.pdf', { lang: 'en' });
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('corrupt-pdf');
    expect(report.error?.message).toMatch(/bits per component/);
  });

  it('reads a valid one as before (8 bits: a blank scan, not a corrupt file)', async () => {
    const { report } = await extractBytes(await pdfWithImageBits(8), 'bits.pdf', { lang: 'en' });
    expect(report.error?.code).not.toBe('corrupt-pdf');
  });
});
