import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { pdfjs } from '../pages/pdfjs.js';
import type { GrayImage, PageRaster } from '../model/image.js';
import { InputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { rgbaToGray, rgbToGray } from './gray.js';
import { DEFAULT_DPI } from './resolution.js';
import { fullPageImageDpi } from './page-image.js';

export { DEFAULT_DPI } from './resolution.js';
/** A page rendered larger than this (pixels) is refused rather than exhausting memory. */
export const DEFAULT_MAX_RENDER_PIXELS = 120_000_000;

type Matrix = [number, number, number, number, number, number];

/**
 * Render one PDF page to gray pixels at `dpi`. The canvas pixels are read raw and converted in a
 * loop: encoding them to PNG for sharp would cost ~550 ms a page (stack notes).
 */
export async function renderPdfPage(
  page: PDFPageProxy,
  pageNo: number,
  dpi = DEFAULT_DPI,
  maxPixels = DEFAULT_MAX_RENDER_PIXELS,
): Promise<PageRaster> {
  if (!(dpi >= 10 && dpi <= 2400)) throw new RangeError(`render DPI ${dpi} is outside 10–2400`);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  if (width * height > maxPixels) {
    throw new InputError('too-large', msg('pageTooManyPixels', { page: pageNo, width, height, dpi, max: maxPixels }));
  }
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  // pdfjs types want DOM canvas objects; @napi-rs/canvas implements the parts it uses
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: ctx as unknown as CanvasRenderingContext2D,
    viewport,
    background: '#ffffff',
  }).promise;
  const image = rgbaToGray(canvas.data(), width, height);
  // free the 4-byte-per-pixel surface now rather than whenever the GC gets to it
  canvas.width = canvas.height = 1;
  return { page: pageNo, image, dpi };
}

/**
 * A scanned page is usually one full-page image and nothing else. Return that image at its own
 * resolution (skipping the canvas draw, ~300 ms at 300 DPI, and any resampling), or null when the
 * page holds anything more, the image is rotated or does not cover the page: render those instead.
 * The decoded image stays cached in the page until `page.cleanup()`.
 */
export async function embeddedPageImage(page: PDFPageProxy, pageNo: number): Promise<PageRaster | null> {
  const OPS = pdfjs.OPS;
  const ops = await page.getOperatorList();
  const viewport = page.getViewport({ scale: 1 });
  let ctm = viewport.transform as Matrix;
  const stack: Matrix[] = [];
  let found: { id: string; ctm: Matrix } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = pdfjs.Util.transform(ctm, args) as Matrix;
    else if (fn === OPS.dependency || fn === OPS.setGState) continue;
    else if (fn === OPS.paintImageXObject && !found) found = { id: args[0] as string, ctm };
    else return null; // text, paths, a second image: not a plain scan
  }
  if (!found) return null;
  // upright image: x scale positive, y flipped (image row 0 at the top), no rotation or shear
  const [a, b, c, d, e, f] = found.ctm;
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || d >= 0) return null;

  const objs = found.id.startsWith('g_') ? page.commonObjs : page.objs;
  const img = (await resolvedObject(objs, found.id)) as {
    width: number;
    height: number;
    kind?: number;
    data?: Uint8Array;
  } | null;
  if (!img?.data || !img.kind) return null;
  const dpi = fullPageImageDpi([e, f + d, e + a, f], [0, 0, viewport.width, viewport.height], img.width, img.height);
  const image = dpi === null ? null : imageDataToGray(img.width, img.height, img.kind, img.data);
  return image ? { page: pageNo, image, dpi: dpi! } : null;
}

/** How long to wait for pdfjs's worker to hand over a decoded image before rendering the page instead. */
const IMAGE_WAIT_MS = 60_000;

/**
 * A page object once pdfjs has it. The operator list can be complete before the image it names is
 * decoded (a CCITT G4 scan, decoded in JavaScript, arrives later): asking for it synchronously then
 * throws "Requesting object that isn't resolved yet". Null when it never comes (render instead).
 */
function resolvedObject(objs: PDFPageProxy['objs'], id: string): Promise<unknown> {
  if (objs.has(id)) return Promise.resolve(objs.get(id));
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), IMAGE_WAIT_MS);
    objs.get(id, (data: unknown) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** pdfjs decoded image data (ImageKind 1: 1 bit, bit set = white; 2: RGB; 3: RGBA) → gray. */
function imageDataToGray(width: number, height: number, kind: number, data: Uint8Array): GrayImage | null {
  const { GRAYSCALE_1BPP, RGB_24BPP, RGBA_32BPP } = pdfjs.ImageKind;
  if (kind === RGB_24BPP && data.length >= width * height * 3) return rgbToGray(data, width, height);
  if (kind === RGBA_32BPP && data.length >= width * height * 4) return rgbaToGray(data, width, height);
  if (kind === GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return null;
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[y * width + x] = data[y * rowBytes + (x >> 3)]! & (128 >> (x & 7)) ? 255 : 0;
    }
    return { data: out, width, height };
  }
  return null;
}
