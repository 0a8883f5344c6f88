/**
 * A document page as gray pixels at a chosen resolution, as the reviewer should see it. A text
 * page is rendered by pdfjs; a scanned page goes through the same orientation and deskew as OCR,
 * so the evidence boxes (measured on the corrected scan) land on the right words.
 */
import type { GrayImage } from '../../model/image.js';
import type { FileKind } from '../../intake/sniff.js';
import { openPdf } from '../../pages/pdfjs.js';
import { textLayerWords } from '../../pages/text-layer.js';
import { embeddedPageImage, renderPdfPage, DEFAULT_MAX_RENDER_PIXELS } from '../../raster/render.js';
import { EmbeddedJpegs } from '../../raster/embedded-jpeg.js';
import { openImage } from '../../raster/decode.js';
import { scaleGray } from '../../raster/gray.js';
import { MIN_OCR_DPI, prepareScan } from '../../ocr/read-page.js';
import type { PageRaster } from '../../model/image.js';

/** As in pipeline/read-document.ts: fewer text-layer characters than this make a page a scan. */
const MIN_TEXT_CHARS = 20;

export class PageOutOfRange extends Error {
  constructor(
    readonly page: number,
    readonly pages: number,
  ) {
    super(`page ${page} is outside 1–${pages}`);
  }
}

export async function pageRaster(
  bytes: Uint8Array,
  kind: FileKind,
  name: string,
  n: number,
  dpi: number,
): Promise<{ image: GrayImage; dpi: number }> {
  if (kind === 'pdf') {
    const doc = await openPdf(bytes, name);
    try {
      if (n > doc.numPages) throw new PageOutOfRange(n, doc.numPages);
      const page = await doc.getPage(n);
      const words = await textLayerWords(page, n);
      if (words.reduce((s, w) => s + w.text.length, 0) >= MIN_TEXT_CHARS) {
        const r = await renderPdfPage(page, n, dpi);
        return { image: r.image, dpi: r.dpi };
      }
      // the pixels OCR read (pipeline/read-document.ts), so the evidence boxes land where they were measured
      const raw =
        (await new EmbeddedJpegs(bytes, name, doc.numPages, DEFAULT_MAX_RENDER_PIXELS).page(n, page.view)) ??
        (await embeddedPageImage(page, n)) ??
        (await renderPdfPage(page, n, MIN_OCR_DPI));
      return await asRead(raw, dpi);
    } finally {
      await doc.destroy();
    }
  }
  const img = await openImage(bytes, name);
  if (n > img.numPages) throw new PageOutOfRange(n, img.numPages);
  return asRead(await img.page(n), dpi);
}

/** The scan as OCR read it (upright, deskewed, contrast stretched), scaled to `dpi`. */
async function asRead(raw: PageRaster, dpi: number): Promise<{ image: GrayImage; dpi: number }> {
  const { raster } = await prepareScan(raw);
  const image = await scaleGray(raster.image, dpi / raster.dpi);
  return { image, dpi: (raster.dpi * image.width) / raster.image.width };
}
