/**
 * What an upload must pass before it is stored: a PDF or an image by its magic bytes (never its
 * name), within the size, page and pixel limits, and readable. The person uploading learns at
 * once, instead of finding a failed document later.
 */
import sharp from 'sharp';
import { InputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { checkIntake, type FileKind } from '../intake/sniff.js';
import { openPdf } from '../pages/pdfjs.js';
import { openImage, DEFAULT_MAX_PAGE_PIXELS } from '../raster/decode.js';
import { DEFAULT_DPI } from '../raster/render.js';

export interface UploadLimits {
  maxBytes: number;
  maxPages: number;
  /** pixels of one page image (a PDF page at the OCR resolution) */
  maxPixels?: number;
}

export async function checkUpload(bytes: Uint8Array, name: string, limits: UploadLimits): Promise<{ kind: FileKind; pages: number }> {
  const kind = checkIntake(bytes, name, limits.maxBytes);
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_PAGE_PIXELS;
  if (kind === 'pdf') {
    const doc = await openPdf(bytes, name); // encrypted and corrupt PDFs are refused here
    try {
      if (doc.numPages > limits.maxPages) throw new InputError('too-large', msg('pdfTooManyPages', { pages: doc.numPages, max: limits.maxPages }), name);
      for (let n = 1; n <= doc.numPages; n++) {
        const vp = (await doc.getPage(n)).getViewport({ scale: DEFAULT_DPI / 72 });
        if (vp.width * vp.height > maxPixels) {
          throw new InputError('too-large', msg('pageTooManyPixels', { page: n, width: Math.round(vp.width), height: Math.round(vp.height), dpi: DEFAULT_DPI, max: maxPixels }), name);
        }
      }
      return { kind, pages: doc.numPages };
    } finally {
      await doc.destroy();
    }
  }
  const img = await openImage(bytes, name, { maxPages: limits.maxPages, maxPixels });
  for (let i = 0; i < img.numPages; i++) {
    // headers only: a decompression bomb is refused before a pixel is decoded
    const meta = await sharp(bytes, { page: i, limitInputPixels: false }).metadata().catch((e: Error) => {
      throw new InputError('bad-image', msg('unreadableImage', { where: msg('pageLabel', { page: i + 1 }), detail: e.message }), name);
    });
    if ((meta.width ?? 0) * (meta.height ?? 0) > maxPixels) {
      throw new InputError('too-large', msg('imageTooManyPixels', { where: msg('pageLabel', { page: i + 1 }), width: meta.width ?? 0, height: meta.height ?? 0, max: maxPixels }), name);
    }
  }
  return { kind, pages: img.numPages };
}

/** The HTTP status a refused upload answers with. */
export function uploadErrorStatus(code: string): number {
  if (code === 'too-large') return 413;
  if (code === 'not-pdf' || code === 'bad-image') return 415;
  if (code === 'empty-file') return 400;
  return 422; // encrypted, corrupt
}

/** A file name from a multipart header, as text to show: no path, no control characters, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'upload';
}
