import type { PageContent } from '../model/word.js';
import type { PageRaster } from '../model/image.js';
import { InputError } from '../intake/errors.js';
import { openPdf } from './pdfjs.js';
import { textLayerWords } from './text-layer.js';
import { vectorSegments } from './vector-lines.js';
import { embeddedPageImage, renderPdfPage, DEFAULT_DPI } from '../raster/render.js';
import { readScannedPage, type OcrPage } from '../ocr/read-page.js';
import type { OcrPools } from '../ocr/shared-pool.js';
import type { ImageDocument } from '../raster/decode.js';

export const DEFAULT_MAX_PAGES = 500;
/** A page whose text layer has fewer characters than this is a scan: it is OCR'd. */
const MIN_TEXT_CHARS = 20;

export interface ReadOptions {
  maxPages?: number;
  /** resolution scanned PDF pages are rendered at (an embedded page image keeps its own) */
  dpi?: number;
  /** the OCR pool, asked for only when a page needs OCR */
  ocr: () => OcrPools;
  onPage?: (done: number, total: number) => void;
  /** ms per stage, summed over pages */
  timings?: Record<string, number>;
}

export interface DocumentPages {
  numPages: number;
  pages: PageContent[];
  /** the scanned pages, by page number, with their corrected rasters */
  scans: Map<number, OcrPage>;
}

const add = (t: Record<string, number> | undefined, k: string, ms: number) => { if (t) t[k] = (t[k] ?? 0) + ms; };

/** Runs page jobs with at most `limit` in flight, so rasters of a long scan do not pile up. */
class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

function ocrJob(raster: PageRaster, opts: ReadOptions): Promise<OcrPage> {
  return readScannedPage(raster, opts.ocr()).then((p) => {
    for (const [k, v] of Object.entries(p.timings)) add(opts.timings, k, v);
    return p;
  });
}

/**
 * Every page of a PDF: a usable text layer is read as words and vector ruling lines; a page
 * without one is rasterised (its embedded scan taken as is when it is one full-page image) and
 * OCR'd. Rendering stays on this thread while earlier pages are OCR'd on the pool's threads.
 */
export async function readPdfDocument(bytes: Uint8Array, file: string, opts: ReadOptions): Promise<DocumentPages> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const doc = await openPdf(bytes, file);
  try {
    if (doc.numPages > maxPages) {
      throw new InputError('too-large', `the PDF has ${doc.numPages} pages, above the ${maxPages}-page limit`, file);
    }
    const pages: (PageContent | null)[] = new Array(doc.numPages).fill(null);
    const scans = new Map<number, OcrPage>();
    let limiter: Limiter | null = null;
    const pending: Promise<void>[] = [];
    let done = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      let page;
      try {
        page = await doc.getPage(n);
      } catch (e) {
        throw new InputError('corrupt-pdf', `page ${n} could not be read (${(e as Error).message})`, file);
      }
      let t = performance.now();
      const vp = page.getViewport({ scale: 1 });
      const words = await textLayerWords(page, n);
      const chars = words.reduce((s, w) => s + w.text.length, 0);
      if (chars >= MIN_TEXT_CHARS) {
        pages[n - 1] = { page: n, width: vp.width, height: vp.height, mode: 'text', words, segments: await vectorSegments(page, n) };
        add(opts.timings, 'pages', performance.now() - t);
        page.cleanup();
        opts.onPage?.(++done, doc.numPages);
        continue;
      }
      add(opts.timings, 'pages', performance.now() - t);
      limiter ??= new Limiter(opts.ocr().text.size + 1);
      const pageNo = n;
      const pg = page;
      pending.push(limiter.run(async () => {
        t = performance.now();
        const raster = (await embeddedPageImage(pg, pageNo)) ?? (await renderPdfPage(pg, pageNo, opts.dpi ?? DEFAULT_DPI));
        pg.cleanup();
        add(opts.timings, 'render', performance.now() - t);
        const scan = await ocrJob(raster, opts);
        scans.set(pageNo, scan);
        pages[pageNo - 1] = scan.content;
        opts.onPage?.(++done, doc.numPages);
      }));
    }
    await Promise.all(pending);
    return { numPages: doc.numPages, pages: pages as PageContent[], scans };
  } finally {
    await doc.destroy();
  }
}

/** The pages of image files (one JPG/PNG per page, or multi-page TIFFs), all OCR'd. */
export async function readImageDocument(images: readonly ImageDocument[], file: string, opts: ReadOptions): Promise<DocumentPages> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const total = images.reduce((s, d) => s + d.numPages, 0);
  if (total > maxPages) throw new InputError('too-large', `the document has ${total} pages, above the ${maxPages}-page limit`, file);
  const limiter = new Limiter(opts.ocr().text.size + 1);
  const pages: PageContent[] = new Array(total);
  const scans = new Map<number, OcrPage>();
  const jobs: Promise<void>[] = [];
  let pageNo = 0, done = 0;
  for (const img of images) {
    for (let i = 1; i <= img.numPages; i++) {
      const n = ++pageNo;
      jobs.push(limiter.run(async () => {
        const t = performance.now();
        const decoded = await img.page(i);
        add(opts.timings, 'render', performance.now() - t);
        const scan = await ocrJob({ ...decoded, page: n }, opts);
        scans.set(n, scan);
        pages[n - 1] = scan.content;
        opts.onPage?.(++done, total);
      }));
    }
  }
  await Promise.all(jobs);
  return { numPages: total, pages, scans };
}
