import type { PageContent } from '../model/word.js';
import type { PageRaster } from '../model/image.js';
import { InputError, isInputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { checkIntake, sha256, type FileKind } from '../intake/sniff.js';
import { checkPdfImages } from '../intake/pdf-images.js';
import { openPdf } from '../pages/pdfjs.js';
import { textLayerWords } from '../pages/text-layer.js';
import { pageGraphics } from '../pages/vector-lines.js';
import { mergeRegions, pictureRegions } from '../pages/picture-regions.js';
import { unreadableText } from '../pages/text-quality.js';
import { embeddedPageImage, renderPdfPage, DEFAULT_DPI, DEFAULT_MAX_RENDER_PIXELS } from '../raster/render.js';
import { EmbeddedJpegs } from '../raster/embedded-jpeg.js';
import { MIN_OCR_DPI, readScannedPage, type OcrPage } from '../ocr/read-page.js';
import type { OcrPools } from '../ocr/shared-pool.js';
import { openImage, type ImageDocument } from '../raster/decode.js';
import { Semaphore } from './semaphore.js';

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

const add = (t: Record<string, number> | undefined, k: string, ms: number) => {
  if (t) t[k] = (t[k] ?? 0) + ms;
};

/** Open a PDF or an image file (JPG, PNG, multi-page TIFF) after the magic-byte and size checks. */
export async function openPageSource(
  bytes: Uint8Array,
  file: string,
  opts: { maxPages?: number; maxBytes?: number } = {},
): Promise<PageSource> {
  const kind = checkIntake(bytes, file, opts.maxBytes);
  if (kind === 'pdf') return openPdfSource(bytes, file, opts.maxPages ?? DEFAULT_MAX_PAGES);
  return imageSource([await openImage(bytes, file, { maxPages: opts.maxPages })], file, kind, opts.maxPages);
}

async function openPdfSource(bytes: Uint8Array, file: string, maxPages: number): Promise<PageSource> {
  // an image bomb is refused from its dictionary before pdfjs decodes a byte of it
  await checkPdfImages(bytes, file, DEFAULT_MAX_RENDER_PIXELS);
  const doc = await openPdf(bytes, file);
  if (doc.numPages > maxPages) {
    await doc.destroy();
    throw new InputError('too-large', msg('pdfTooManyPages', { pages: doc.numPages, max: maxPages }), file);
  }
  // scanner-written pages are decoded from their JPEG directly; pdfjs renders everything else
  const jpegs = new EmbeddedJpegs(bytes, file, doc.numPages, DEFAULT_MAX_RENDER_PIXELS);
  const getPage = async (n: number) => {
    try {
      return readingErrorsAsInput(await doc.getPage(n), n, file);
    } catch (e) {
      throw new InputError('corrupt-pdf', msg('pdfPageUnreadable', { page: n, detail: (e as Error).message }), file);
    }
  };
  return {
    file,
    kind: 'pdf',
    numPages: doc.numPages,
    async readText(n, timings) {
      const t = performance.now();
      const page = await getPage(n);
      const vp = page.getViewport({ scale: 1 });
      const words = await textLayerWords(page, n);
      const chars = words.reduce((s, w) => s + w.text.length, 0);
      // a text layer whose glyphs map to nothing is no text: the page is read as a scan
      let out: PageContent | null = null;
      if (chars >= MIN_TEXT_CHARS && !unreadableText(words)) {
        const g = await pageGraphics(page, n);
        // a picture holding text the layer lacks (a pasted table): the page goes to OCR, which reads it
        if (!pictureRegions(g.images, words, vp.width, vp.height).length)
          out = { page: n, width: vp.width, height: vp.height, mode: 'text', words, segments: g.segments };
      }
      if (out) page.cleanup();
      add(timings, 'pages', performance.now() - t);
      return out;
    },
    async readScan(n, opts) {
      const t = performance.now();
      const page = await getPage(n);
      // a born-digital page with pictures: its text layer is kept, OCR reads the pictures
      const vp = page.getViewport({ scale: 1 });
      const words = await textLayerWords(page, n);
      const text = words.length && !unreadableText(words) ? { words, g: await pageGraphics(page, n) } : null;
      const regions = text ? pictureRegions(text.g.images, words, vp.width, vp.height) : [];
      const raster =
        (await jpegs.page(n, page.view)) ??
        (await embeddedPageImage(page, n)) ??
        (await renderPdfPage(page, n, opts.dpi ?? DEFAULT_DPI));
      page.cleanup();
      add(opts.timings, 'render', performance.now() - t);
      const scan = await ocrPage(scanWithinLimits(raster, file, 'corrupt-pdf'), opts);
      if (!text || !regions.length) return scan;
      const layer: PageContent = {
        page: n,
        width: vp.width,
        height: vp.height,
        mode: 'text',
        words,
        segments: text.g.segments,
      };
      return { ...scan, content: mergeRegions(layer, scan.content, regions) };
    },
    close: () => doc.destroy(),
  };
}

/**
 * The page with pdfjs's work on its content (text, operators, drawing) failing as the input's
 * fault: what a broken stream, font or name makes pdfjs or the canvas throw (`Bad encoding in flate
 * stream`, `Convert String to CString failed`) is a corrupt page, not a failure of ours.
 */
function readingErrorsAsInput(page: PDFPageProxy, n: number, file: string): PDFPageProxy {
  const asInput = (e: unknown): never => {
    if (isInputError(e)) throw e;
    throw new InputError('corrupt-pdf', `page ${n} could not be read (${(e as Error)?.message ?? String(e)})`, file);
  };
  return new Proxy(page, {
    get(target, key) {
      if (key === 'getTextContent' || key === 'getOperatorList') {
        return (...args: unknown[]) =>
          (target[key] as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(asInput);
      }
      if (key === 'render') {
        return (...args: Parameters<PDFPageProxy['render']>) => {
          const task = target.render(...args);
          const promise = task.promise.catch(asInput);
          return Object.defineProperty(task, 'promise', { value: promise });
        };
      }
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v; // pdfjs methods use private fields: call them on the page itself
    },
  });
}

/** Page images as one document: every page is OCR'd. */
export function imageSource(
  images: readonly ImageDocument[],
  file: string,
  kind: FileKind,
  maxPages = DEFAULT_MAX_PAGES,
): PageSource {
  const total = images.reduce((s, d) => s + d.numPages, 0);
  if (total > maxPages)
    throw new InputError('too-large', msg('documentTooManyPages', { pages: total, max: maxPages }), file);
  const index: { img: ImageDocument; i: number }[] = images.flatMap((img) =>
    Array.from({ length: img.numPages }, (_, k) => ({ img, i: k + 1 })),
  );
  return {
    file,
    kind,
    numPages: total,
    readText: async () => null,
    async readScan(n, opts) {
      const at = index[n - 1];
      if (!at) throw new RangeError(`page ${n} is outside 1–${total}`);
      const t = performance.now();
      const decoded = await at.img.page(at.i);
      add(opts.timings, 'render', performance.now() - t);
      return ocrPage(scanWithinLimits({ ...decoded, page: n }, file, 'bad-image'), opts);
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
export function pageImagesManifest(files: readonly PageImageFile[]): {
  digest: string;
  manifest: Uint8Array;
  pages: string[];
} {
  const pages = files.map((f) => sha256(f.bytes));
  const manifest = Buffer.from(pages.join(''), 'ascii');
  return { digest: sha256(manifest), manifest, pages };
}

/** The page hashes a manifest lists. */
export function parseManifest(manifest: Uint8Array, file: string): string[] {
  const text = Buffer.from(manifest).toString('ascii');
  if (!text.length || text.length % 64 || !/^[0-9a-f]+$/.test(text))
    throw new InputError('internal', msg('manifestDamaged'), file);
  return text.match(/.{64}/g)!;
}

/** Page images in order as one document (each a JPG, PNG or multi-page TIFF). */
export async function openPageImages(
  files: readonly PageImageFile[],
  file: string,
  opts: { maxPages?: number; maxBytes?: number } = {},
): Promise<PageSource> {
  const images: ImageDocument[] = [];
  for (const f of files) {
    const kind = checkIntake(f.bytes, f.name, opts.maxBytes);
    if (kind === 'pdf') throw new InputError('bad-image', msg('folderHoldsPdf'), f.name);
    images.push(await openImage(f.bytes, f.name, { maxPages: opts.maxPages }));
  }
  return imageSource(images, file, 'png', opts.maxPages);
}

/**
 * A scan is read at MIN_OCR_DPI at least: a small image over a huge page (240 px across 200 inches)
 * would be upsampled into gigapixels. Such a page is refused as the page-size limit refuses renders;
 * one without a usable resolution (a page box of 10^400 points) as unreadable.
 */
function scanWithinLimits(r: PageRaster, file: string, unreadable: 'corrupt-pdf' | 'bad-image'): PageRaster {
  const { width, height } = r.image;
  if (!(Number.isFinite(r.dpi) && r.dpi > 0))
    throw new InputError(
      unreadable,
      `page ${r.page} has no usable size (its resolution comes out as ${r.dpi} DPI)`,
      file,
    );
  const scale = Math.max(1, MIN_OCR_DPI / r.dpi);
  const pixels = width * height * scale * scale;
  if (pixels > DEFAULT_MAX_RENDER_PIXELS) {
    throw new InputError(
      'too-large',
      `page ${r.page} is ${width}×${height} px at ${Math.round(r.dpi * 10) / 10} DPI: read at ${MIN_OCR_DPI} DPI it would be ${Math.round(width * scale)}×${Math.round(height * scale)} px, above the ${DEFAULT_MAX_RENDER_PIXELS}-pixel limit`,
      file,
    );
  }
  return r;
}

function ocrPage(raster: PageRaster, opts: ReadOptions): Promise<OcrPage> {
  return readScannedPage(raster, opts.ocr()).then((p) => {
    for (const [k, v] of Object.entries(p.timings)) add(opts.timings, k, v);
    return p;
  });
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
    // page jobs with at most this many in flight, so the rasters of a long scan do not pile up
    let limiter: Semaphore | null = null;
    const pending: Promise<void>[] = [];
    let done = 0;
    // the first page that fails fails the document: no page starts after it, and the ones under way
    // are waited for before the document is closed, so no work goes on once it is reported failed
    let failure: { error: unknown } | null = null;
    for (let n = 1; n <= source.numPages && !failure; n++) {
      let text: PageContent | null;
      try {
        text = await source.readText(n, opts.timings);
      } catch (error) {
        failure = { error };
        break;
      }
      if (text) {
        pages[n - 1] = text;
        opts.onPage?.(++done, source.numPages);
        continue;
      }
      limiter ??= new Semaphore(opts.ocr().text.size + 1);
      const pageNo = n;
      pending.push(
        limiter.run(async () => {
          if (failure) return;
          try {
            const scan = await source.readScan(pageNo, opts);
            scans.set(pageNo, scan);
            pages[pageNo - 1] = scan.content;
            opts.onPage?.(++done, source.numPages);
          } catch (error) {
            failure ??= { error }; // before the limiter lets the next page in
          }
        }),
      );
    }
    await Promise.all(pending);
    if (failure) throw (failure as { error: unknown }).error;
    return { numPages: source.numPages, pages: pages as PageContent[], scans };
  } finally {
    await source.close();
  }
}
