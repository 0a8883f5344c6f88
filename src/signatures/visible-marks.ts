/**
 * The visible side of an electronic signature (TTE): the BSrE footer sentence ("Dokumen ini telah
 * ditandatangani secara elektronik …") in the page text, and QR codes on the page image, decoded
 * with ZXing-C++ (zxing-wasm, its WebAssembly loaded from the package: nothing is downloaded).
 * A URL in a QR code is recorded as text: nothing is ever fetched.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { SignatureMarks } from '../model/contract.js';
import type { PageRaster } from '../model/image.js';
import type { BBox, PageContent } from '../model/word.js';

/** The footer's core phrase, matched on letters only so OCR spacing and punctuation do not matter. */
const PHRASE = /ditandatangani(?:secara)?elektronik/;
/** At most this many QR codes are read on one page (one per signer, normally). */
const MAX_CODES_PER_PAGE = 8;

/** Pages whose text carries the BSrE footer, and the footer as printed on the first of them. */
export function findFooter(pages: readonly PageContent[]): SignatureMarks['footer'] {
  let text: string | null = null;
  const found: number[] = [];
  for (const p of pages) {
    const words = p.words; // reading order, as the text layer or OCR gives it
    const letters = words.map((w) => w.text.toLowerCase().replace(/[^a-z]/g, ''));
    const joined = letters.join('');
    const m = PHRASE.exec(joined);
    if (!m) continue;
    found.push(p.page);
    if (text !== null) continue;
    // the words around the phrase: from "Dokumen" (when just before it) to the end of the sentence
    let at = 0,
      i = 0;
    while (i < letters.length && at + letters[i]!.length <= m.index) at += letters[i++]!.length;
    let start = i;
    for (let k = i; k >= Math.max(0, i - 4); k--)
      if (/^dokumen/i.test(words[k]!.text)) {
        start = k;
        break;
      }
    let end = i;
    while (end < words.length - 1 && end - start < 40 && !/[.)]$/.test(words[end]!.text.replace(/[”"']+$/, ''))) end++;
    text = words
      .slice(start, end + 1)
      .map((w) => w.text)
      .join(' ');
  }
  return found.length ? { text: text!, pages: found } : null;
}

let ready: Promise<unknown> | null = null;
/** The reader's WebAssembly, from the installed package (zxing-wasm would otherwise fetch it from a CDN). */
function zxing(): Promise<unknown> {
  ready ??= (async () => {
    const wasm = await fs.promises.readFile(
      createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'),
    );
    return prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
      fireImmediately: true,
    });
  })();
  return ready;
}

/** Every QR code on the page image, with its box in page points. */
export async function decodeQrCodes(raster: PageRaster): Promise<SignatureMarks['qrCodes']> {
  await zxing();
  const { image, dpi } = raster;
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    const v = image.data[i]!;
    rgba[j] = rgba[j + 1] = rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  // an ImageData-shaped object: Node has no ImageData class
  const imageData = {
    data: rgba,
    width: image.width,
    height: image.height,
    colorSpace: 'srgb',
  } as unknown as ImageData;
  const found = await readBarcodes(imageData, {
    formats: ['QRCode'],
    tryHarder: true,
    maxNumberOfSymbols: MAX_CODES_PER_PAGE,
  });
  const k = 72 / dpi,
    r = (v: number) => Math.round(v * k * 10) / 10;
  const out: SignatureMarks['qrCodes'] = [];
  for (const code of found) {
    if (!code.isValid || out.some((c) => c.text === code.text)) continue;
    const p = code.position;
    const xs = [p.topLeft.x, p.topRight.x, p.bottomLeft.x, p.bottomRight.x],
      ys = [p.topLeft.y, p.topRight.y, p.bottomLeft.y, p.bottomRight.y];
    const bbox: BBox = [r(Math.min(...xs)), r(Math.min(...ys)), r(Math.max(...xs)), r(Math.max(...ys))];
    out.push({ page: raster.page, text: code.text, url: urlOf(code.text), bbox });
  }
  return out;
}

/** An http(s) URL in a QR code, normalised; anything else is kept as text only. */
export function urlOf(text: string): string | null {
  const s = text.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    return new URL(s).toString();
  } catch {
    return null;
  }
}
