import type { PageContent } from '../model/word.js';
import type { PageRaster } from '../model/image.js';
import { InputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { checkIntake, sha256, type FileKind } from '../intake/sniff.js';
import { openPdf } from './pdfjs.js';
import { textLayerWords } from './text-layer.js';
import { vectorSegments } from './vector-lines.js';
import { embeddedPageImage, renderPdfPage, DEFAULT_DPI, DEFAULT_MAX_RENDER_PIXELS } from '../raster/render.js';
import { EmbeddedJpegs } from '../raster/embedded-jpeg.js';
import { readScannedPage, type OcrPage } from '../ocr/read-page.js';
import type { OcrPools } from '../ocr/shared-pool.js';
import { openImage, type ImageDocument } from '../raster/decode.js';

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

/**
 * One document opened for reading page by page. The in-process reader and the queue's per-page
 * jobs both go through this, so a page reads the same wherever it runs.
 */
export interface PageSource {
  file: string;
  kind: FileKind;
  numPages: number;
  /** the page's text layer as words and vector ruling lines, or null when the page is a scan */
  readText(n: number, timings?: Record<string, number>): Promise<PageContent | null>;
  /** rasterise page `n` (its embedded scan as is, or a render) and OCR it */
  readScan(n: number, opts: ReadOptions): Promise<OcrPage>;
  close(): Promise<void>;
}

const add = (t: Record<string, number> | undefined, k: string, ms: number) => { if (t) t[k] = (t[k] ?? 0) + ms; };

/** Open a PDF or an image file (JPG, PNG, multi-page TIFF) after the magic-byte and size checks. */
export async function openPageSource(bytes: Uint8Array, file: string, opts: { maxPages?: number; maxBytes?: number } = {}): Promise<PageSource> {
  const kind = checkIntake(bytes, file, opts.maxBytes);
  if (kind === 'pdf') return openPdfSource(bytes, file, opts.maxPages ?? DEFAULT_MAX_PAGES);
  return imageSource([await openImage(bytes, file, { maxPages: opts.maxPages })], file, kind, opts.maxPages);
}

async function openPdfSource(bytes: Uint8Array, file: string, maxPages: number): Promise<PageSource> {
  const doc = await openPdf(bytes, file);
  if (doc.numPages > maxPages) {
    await doc.destroy();
    throw new InputError('too-large', msg('pdfTooManyPages', { pages: doc.numPages, max: maxPages }), file);
  }
  // scanner-written pages are decoded from their JPEG directly; pdfjs renders everything else
  const jpegs = new EmbeddedJpegs(bytes, file, doc.numPages, DEFAULT_MAX_RENDER_PIXELS);
  const getPage = async (n: number) => {
    try {
      return await doc.getPage(n);
    } catch (e) {
      throw new InputError('corrupt-pdf', msg('pdfPageUnreadable', { page: n, detail: (e as Error).message }), file);
    }
  };
  return {
    file, kind: 'pdf', numPages: doc.numPages,
    async readText(n, timings) {
      const t = performance.now();
      const page = await getPage(n);
      const vp = page.getViewport({ scale: 1 });
      const words = await textLayerWords(page, n);
      const chars = words.reduce((s, w) => s + w.text.length, 0);
      const out: PageContent | null = chars >= MIN_TEXT_CHARS
        ? { page: n, width: vp.width, height: vp.height, mode: 'text', words, segments: await vectorSegments(page, n) }
        : null;
      if (out) page.cleanup();
      add(timings, 'pages', performance.now() - t);
      return out;
    },
    async readScan(n, opts) {
      const t = performance.now();
      const page = await getPage(n);
      const raster = (await jpegs.page(n, page.view))
        ?? (await embeddedPageImage(page, n)) ?? (await renderPdfPage(page, n, opts.dpi ?? DEFAULT_DPI));
      page.cleanup();
      add(opts.timings, 'render', performance.now() - t);
      return ocrPage(raster, opts);
    },
    close: () => doc.destroy(),
  };
}

/** Page images as one document: every page is OCR'd. */
export function imageSource(images: readonly ImageDocument[], file: string, kind: FileKind, maxPages = DEFAULT_MAX_PAGES): PageSource {
  const total = images.reduce((s, d) => s + d.numPages, 0);
  if (total > maxPages) throw new InputError('too-large', msg('documentTooManyPages', { pages: total, max: maxPages }), file);
  const index: { img: ImageDocument; i: number }[] = images.flatMap((img) => Array.from({ length: img.numPages }, (_, k) => ({ img, i: k + 1 })));
  return {
    file, kind, numPages: total,
    readText: async () => null,
    async readScan(n, opts) {
      const at = index[n - 1];
      if (!at) throw new RangeError(`page ${n} is outside 1–${total}`);
      const t = performance.now();
      const decoded = await at.img.page(at.i);
      add(opts.timings, 'render', performance.now() - t);
      return ocrPage({ ...decoded, page: n }, opts);
    },
    close: async () => {},
  };
}

/** One file of a folder of page images. */
export interface PageImageFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * A document's identity when it is a folder of page images: the sha256 of its pages' sha256s (hex,
 * in page order). The manifest is exactly that concatenation, so its own hash is the document's.
 */
export function pageImagesManifest(files: readonly PageImageFile[]): { digest: string; manifest: Uint8Array; pages: string[] } {
  const pages = files.map((f) => sha256(f.bytes));
  const manifest = Buffer.from(pages.join(''), 'ascii');
  return { digest: sha256(manifest), manifest, pages };
}

/** The page hashes a manifest lists. */
export function parseManifest(manifest: Uint8Array, file: string): string[] {
  const text = Buffer.from(manifest).toString('ascii');
  if (!text.length || text.length % 64 || !/^[0-9a-f]+$/.test(text)) throw new InputError('internal', msg('manifestDamaged'), file);
  return text.match(/.{64}/g)!;
}

/** Page images in order as one document (each a JPG, PNG or multi-page TIFF). */
export async function openPageImages(files: readonly PageImageFile[], file: string, opts: { maxPages?: number; maxBytes?: number } = {}): Promise<PageSource> {
  const images: ImageDocument[] = [];
  for (const f of files) {
    const kind = checkIntake(f.bytes, f.name, opts.maxBytes);
    if (kind === 'pdf') throw new InputError('bad-image', msg('folderHoldsPdf'), f.name);
    images.push(await openImage(f.bytes, f.name, { maxPages: opts.maxPages }));
  }
  return imageSource(images, file, 'png', opts.maxPages);
}

function ocrPage(raster: PageRaster, opts: ReadOptions): Promise<OcrPage> {
  return readScannedPage(raster, opts.ocr()).then((p) => {
    for (const [k, v] of Object.entries(p.timings)) add(opts.timings, k, v);
    return p;
  });
}

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

/**
 * Every page of a document in this process: a usable text layer is read as words and vector
 * ruling lines; a page without one is rasterised and OCR'd. Rendering stays on this thread while
 * earlier pages are OCR'd on the pool's threads. Closes the source.
 */
export async function readDocument(source: PageSource, opts: ReadOptions): Promise<DocumentPages> {
  try {
    const pages: (PageContent | null)[] = new Array(source.numPages).fill(null);
    const scans = new Map<number, OcrPage>();
    let limiter: Limiter | null = null;
    const pending: Promise<void>[] = [];
    let done = 0;
    for (let n = 1; n <= source.numPages; n++) {
      const text = await source.readText(n, opts.timings);
      if (text) {
        pages[n - 1] = text;
        opts.onPage?.(++done, source.numPages);
        continue;
      }
      limiter ??= new Limiter(opts.ocr().text.size + 1);
      const pageNo = n;
      pending.push(limiter.run(async () => {
        const scan = await source.readScan(pageNo, opts);
        scans.set(pageNo, scan);
        pages[pageNo - 1] = scan.content;
        opts.onPage?.(++done, source.numPages);
      }));
    }
    await Promise.all(pending);
    return { numPages: source.numPages, pages: pages as PageContent[], scans };
  } finally {
    await source.close();
  }
}
