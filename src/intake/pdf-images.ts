/**
 * Image bombs inside a PDF: a 875 KB file can hold a 30000×30000 Flate image that decodes to
 * 900 MP (gigabytes once drawn). Its size is written in its dictionary (/Width, /Height), so it is
 * refused from there, before a byte of it is decoded. pdfjs's `maxImageSize` (pages/pdfjs.ts)
 * guards what this cannot see: inline images in content streams, a file pdf-lib cannot parse.
 */
import { type PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, ParseSpeeds } from 'pdf-lib';
import { InputError } from './errors.js';

/** The sample sizes PDF images have (ISO 32000-1, 8.9.5.1). */
const VALID_BPC = new Set([1, 2, 4, 8, 16]);

/** Refuses the PDF (too-large) when any image XObject is larger than `maxPixels`. */
export async function checkPdfImages(bytes: Uint8Array, file: string, maxPixels: number): Promise<void> {
  let doc: PDFDocument;
  try {
    // pdf-lib is stricter than pdfjs: a PDF it cannot parse is left to pdfjs and its maxImageSize
    doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
      throwOnInvalidObject: false,
    });
  } catch {
    return;
  }
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : null;
    const subtype = dict?.lookup(PDFName.of('Subtype'));
    if (!dict || !(subtype instanceof PDFName) || subtype.asString() !== '/Image') continue;
    const width = numberOf(dict, 'Width'),
      height = numberOf(dict, 'Height');
    // a sample size no image format has (/BitsPerComponent 1e26) sends pdfjs's decoder into a
    // loop that never ends: the file is corrupt, refused before a byte is decoded
    const bpc = dict.lookup(PDFName.of('BitsPerComponent'));
    if (bpc instanceof PDFNumber && !VALID_BPC.has(bpc.asNumber())) {
      throw new InputError(
        'corrupt-pdf',
        `an image (object ${ref.objectNumber}) declares ${bpc.asNumber()} bits per component`,
        file,
      );
    }
    // a missing size is pdfjs's to refuse; a declared one above the limit (or not finite) is ours
    if (!(width * height <= maxPixels)) {
      throw new InputError(
        'too-large',
        `an image (object ${ref.objectNumber}) is ${width}×${height} px, above the ${maxPixels}-pixel limit`,
        file,
      );
    }
  }
}

function numberOf(d: PDFDict, key: string): number {
  const v = d.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? Math.abs(v.asNumber()) : 0;
}
