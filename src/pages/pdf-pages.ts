import type { PageContent } from '../model/word.js';
import { openPdf } from './pdfjs.js';
import { textLayerWords } from './text-layer.js';
import { vectorSegments } from './vector-lines.js';
import { InputError } from '../intake/errors.js';

export const DEFAULT_MAX_PAGES = 500;

/** Words of fewer than this many characters on a page mean it has no usable text layer. */
const MIN_TEXT_CHARS = 20;

export interface PdfPages {
  numPages: number;
  pages: PageContent[];
  /** pages (1-based) without a usable text layer: scanned, to be OCR'd */
  needOcr: number[];
}

/** Read every page's text layer and ruling lines. */
export async function readPdfPages(bytes: Uint8Array, file: string, maxPages = DEFAULT_MAX_PAGES,
  onPage?: (done: number, total: number) => void): Promise<PdfPages> {
  const doc = await openPdf(bytes, file);
  try {
    if (doc.numPages > maxPages) {
      throw new InputError('too-large', `the PDF has ${doc.numPages} pages, above the ${maxPages}-page limit`, file);
    }
    const pages: PageContent[] = [];
    const needOcr: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let page;
      try {
        page = await doc.getPage(n);
      } catch (e) {
        throw new InputError('corrupt-pdf', `page ${n} could not be read (${(e as Error).message})`, file);
      }
      const vp = page.getViewport({ scale: 1 });
      const [words, segments] = await Promise.all([textLayerWords(page, n), vectorSegments(page, n)]);
      const chars = words.reduce((s, w) => s + w.text.length, 0);
      if (chars < MIN_TEXT_CHARS) needOcr.push(n);
      pages.push({ page: n, width: vp.width, height: vp.height, mode: 'text', words, segments });
      page.cleanup();
      onPage?.(n, doc.numPages);
    }
    return { numPages: doc.numPages, pages, needOcr };
  } finally {
    await doc.destroy();
  }
}
