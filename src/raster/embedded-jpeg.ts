import sharp, { type OutputInfo } from 'sharp';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  ParseSpeeds,
  decodePDFRawStream,
} from 'pdf-lib';
import type { PageRaster } from '../model/image.js';
import { InputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { rgbToGray } from './gray.js';
import { fullPageImageDpi } from './page-image.js';

type Matrix = [number, number, number, number, number, number];

/** The page's JPEG as it is stored in the PDF, with what is needed to place it. */
interface PageJpeg {
  bytes: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

/**
 * The scanned pages of a PDF read straight from their JPEG streams, decoded by libjpeg-turbo
 * (sharp) instead of pdfjs's JavaScript decoder: measured ~150 against ~430 ms a page at 300 DPI,
 * and pdfjs no longer keeps a decoded RGB copy (~26 MB) of every page in flight. Only the plainest
 * case is taken: a page whose content is one upright 8-bit gray or RGB DCT image covering the page
 * (what scanners write). `page(n)` answers null for anything else, and the caller renders the page
 * with pdfjs as before. The PDF is parsed (pdf-lib) on the first call only.
 */
export class EmbeddedJpegs {
  private doc: Promise<PDFDocument | null> | null = null;

  /** `pages`: the page count pdfjs found; pdf-lib must agree, or its page n may not be pdfjs's. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
    private readonly pages: number,
    private readonly maxPixels: number,
  ) {}

  private load(): Promise<PDFDocument | null> {
    // pdf-lib is stricter than pdfjs: a PDF it cannot parse simply takes the pdfjs path
    this.doc ??= PDFDocument.load(this.bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
      throwOnInvalidObject: false,
    })
      .then((d) => (d.isEncrypted || d.getPageCount() !== this.pages ? null : d))
      .catch(() => null); // a broken page tree throws from getPageCount too
    return this.doc;
  }

  /** Page n's scan, or null; `view` is pdfjs's page box for it ([x0, y0, x1, y1]), which must match. */
  async page(n: number, view: readonly number[]): Promise<PageRaster | null> {
    const doc = await this.load();
    if (!doc || n < 1 || n > doc.getPageCount()) return null;
    let jpeg: PageJpeg | null;
    try {
      jpeg = pageJpeg(doc, n - 1, view);
    } catch {
      return null;
    }
    if (!jpeg) return null;
    if (jpeg.width * jpeg.height > this.maxPixels) {
      throw new InputError(
        'too-large',
        msg('pageImageTooManyPixels', { page: n, width: jpeg.width, height: jpeg.height, max: this.maxPixels }),
        this.file,
      );
    }
    return decodeJpeg(jpeg, n);
  }
}

async function decodeJpeg(j: PageJpeg, pageNo: number): Promise<PageRaster | null> {
  let out: { data: Buffer; info: OutputInfo };
  try {
    const s = sharp(j.bytes, { limitInputPixels: j.width * j.height, failOn: 'error' });
    const meta = await s.metadata();
    // CMYK, or a stream that disagrees with its dictionary: leave it to pdfjs
    if (
      meta.width !== j.width ||
      meta.height !== j.height ||
      !(meta.channels === 1 || meta.channels === 3) ||
      !['b-w', 'srgb'].includes(meta.space ?? '')
    )
      return null;
    // a gray JPEG comes out gray (sharp's raw output would otherwise widen it to RGB: 3× the
    // bytes, and a conversion back that took ~0.15 s a page)
    out = await (meta.channels === 1 ? s.toColourspace('b-w') : s)
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch {
    return null;
  }
  const { data, info } = out;
  const px = new Uint8Array(data.buffer, data.byteOffset, data.length);
  // the same luma as pdfjs-decoded pages (gray.ts), so a page reads the same either way
  const image =
    info.channels === 1 ? { data: px, width: info.width, height: info.height } : rgbToGray(px, info.width, info.height);
  return { page: pageNo, image, dpi: j.dpi };
}

/** The page's only image when the page is nothing but that image, upright, covering the page. */
function pageJpeg(doc: PDFDocument, index: number, view: readonly number[]): PageJpeg | null {
  const page = doc.getPage(index).node;
  const ctx = page.context;
  if ((page.Rotate()?.asNumber() ?? 0) % 360 !== 0) return null;
  const box = numbers(page.CropBox() ?? page.MediaBox());
  if (box?.length !== 4) return null;
  const [bx0, by0, bx1, by1] = [
    Math.min(box[0]!, box[2]!),
    Math.min(box[1]!, box[3]!),
    Math.max(box[0]!, box[2]!),
    Math.max(box[1]!, box[3]!),
  ];
  // the same page as pdfjs's (a repaired page tree could order them differently), same box
  if ([bx0, by0, bx1, by1].some((v, i) => Math.abs(v - (view[i] ?? NaN)) > 0.5)) return null;

  const ops = contentOps(page.Contents(), ctx);
  if (!ops) return null;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let drawn: { name: string; ctm: Matrix } | null = null;
  for (const { op, args } of ops) {
    if (op === 'q') stack.push(ctm);
    else if (op === 'Q') ctm = stack.pop() ?? ctm;
    else if (op === 'cm' && args.length === 6 && args.every((a) => typeof a === 'number'))
      ctm = multiply(args as Matrix, ctm);
    else if (op === 'gs') continue;
    else if (op === 'Do' && !drawn && typeof args[0] === 'string') drawn = { name: args[0], ctm };
    else return null; // text, paths, a second image: not a plain scan
  }
  if (!drawn) return null;

  const xobjects = ctx.lookupMaybe(page.Resources()?.get(PDFName.of('XObject')), PDFDict);
  const img = ctx.lookup(xobjects?.get(PDFName.of(drawn.name)));
  if (!(img instanceof PDFRawStream)) return null;
  const d = img.dict;
  const name = (k: string) => {
    const v = ctx.lookup(d.get(PDFName.of(k)));
    return v instanceof PDFName
      ? v.asString()
      : v instanceof PDFArray && v.size() === 1
        ? nameOf(ctx.lookup(v.get(0)))
        : v === undefined
          ? undefined
          : '?';
  };
  const num = (k: string) => {
    const v = ctx.lookup(d.get(PDFName.of(k)));
    return v instanceof PDFNumber ? v.asNumber() : undefined;
  };
  if (name('Subtype') !== '/Image' || name('Filter') !== '/DCTDecode' || num('BitsPerComponent') !== 8) return null;
  for (const k of ['ImageMask', 'SMask', 'Mask', 'Decode', 'DecodeParms']) if (d.has(PDFName.of(k))) return null;
  if (!plainColorSpace(ctx.lookup(d.get(PDFName.of('ColorSpace'))), ctx)) return null;
  const width = num('Width'),
    height = num('Height');
  if (!width || !height) return null;

  // upright: the unit square scaled and moved, not rotated, sheared or flipped
  const [a, b, c, dd, e, f] = drawn.ctm;
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || dd <= 0) return null;
  const dpi = fullPageImageDpi([e, f, e + a, f + dd], [bx0, by0, bx1, by1], width, height);
  return dpi === null ? null : { bytes: img.contents, width, height, dpi };
}

function nameOf(v: unknown): string | undefined {
  return v instanceof PDFName ? v.asString() : undefined;
}

function numbers(arr: PDFArray | undefined): number[] | null {
  if (!arr) return null;
  const out: number[] = [];
  for (let i = 0; i < arr.size(); i++) {
    const v = arr.lookup(i);
    if (!(v instanceof PDFNumber)) return null;
    out.push(v.asNumber());
  }
  return out;
}

/** DeviceGray, DeviceRGB, or an ICC profile of 1 or 3 components (as pdfjs reads them). */
function plainColorSpace(cs: unknown, ctx: PDFDocument['context']): boolean {
  if (cs instanceof PDFName) return cs.asString() === '/DeviceGray' || cs.asString() === '/DeviceRGB';
  if (cs instanceof PDFArray && cs.size() === 2 && nameOf(cs.lookup(0)) === '/ICCBased') {
    const profile = ctx.lookup(cs.get(1));
    const n = profile instanceof PDFStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
    return n instanceof PDFNumber && (n.asNumber() === 1 || n.asNumber() === 3);
  }
  return false;
}

/** Multiply two PDF matrices: `m` then `ctm`. */
function multiply(m: Matrix, ctm: Matrix): Matrix {
  const [a, b, c, d, e, f] = m,
    [A, B, C, D, E, F] = ctm;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

type Operand = number | string;

/**
 * The page's content stream(s) as operators with their operands, when it holds only numbers,
 * names and the few operators a scan page uses; null otherwise (strings, arrays, inline images…
 * mean it is not a plain scan page, and pdfjs handles it).
 */
function contentOps(contents: unknown, ctx: PDFDocument['context']): { op: string; args: Operand[] }[] | null {
  const streams =
    contents instanceof PDFArray
      ? Array.from({ length: contents.size() }, (_, i) => ctx.lookup(contents.get(i)))
      : [contents];
  let text = '';
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) return null;
    // no filter, or Flate/LZW/ASCII…; pdf-lib throws on one it cannot decode
    text += `${Buffer.from(decodePDFRawStream(s).decode()).toString('latin1')}\n`;
    if (text.length > 4096) return null; // a scan page's content is a few operators
  }
  const ops: { op: string; args: Operand[] }[] = [];
  let args: Operand[] = [];
  for (const tok of text.split(/[\s\0]+/).filter(Boolean)) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) args.push(Number(tok));
    else if (/^\/[^/[\]()<>{}%]+$/.test(tok)) args.push(tok.slice(1));
    else if (/^(q|Q|cm|Do|gs)$/.test(tok)) {
      ops.push({ op: tok, args });
      args = [];
    } else return null;
  }
  return args.length ? null : ops;
}
