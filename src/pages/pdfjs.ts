import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
// In Node pdfjs runs its worker in-process; handing it the module up front saves a dynamic
// import on the first document and keeps it working from any working directory.
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { InputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { log } from '../settings/log.js';

export { pdfjs };
export type { PDFDocumentProxy };

const require = createRequire(import.meta.url);
// pdfjs needs these data folders to work offline; each must end with '/'.
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const dataDirs = {
  standardFontDataUrl: `${path.join(pdfjsRoot, 'standard_fonts')}/`,
  cMapUrl: `${path.join(pdfjsRoot, 'cmaps')}/`,
  cMapPacked: true,
  wasmUrl: `${path.join(pdfjsRoot, 'wasm')}/`,
  iccUrl: `${path.join(pdfjsRoot, 'iccs')}/`,
};

/**
 * pdfjs prefetches the dictionaries of a page tree's kids and caches the promises; on a damaged
 * cross-reference table the fetches it never awaits reject unhandled, and Node ends the process
 * on an unhandled rejection: one damaged file stopped `lkj extract`, or `lkj serve` with every
 * document in it. A rejection whose error pdfjs made is dropped (the read that needs that object
 * fails on its own and is reported); any other stays fatal, as Node would have it.
 */
process.on('unhandledRejection', (reason) => {
  if (!madeByPdfjs(reason)) throw reason;
  log().warn(
    { err: reason },
    `pdfjs left a failed read unawaited (ignored): ${(reason as Error).name}: ${(reason as Error).message}`,
  );
});

/** An error created in pdfjs's code: its stack's first frame (BaseExceptionClosure for its own exceptions) is there. */
function madeByPdfjs(e: unknown): boolean {
  const frame = e instanceof Error ? e.stack?.split('\n').find((l) => /^\s+at /.test(l)) : undefined;
  return frame !== undefined && /[\\/]pdfjs-dist[\\/]/.test(frame);
}

/** Pixels of one image in a PDF (the page-image limit of raster/render.ts). */
export const MAX_IMAGE_PIXELS = 120_000_000;

/** Open a PDF, mapping pdfjs failures to clear, coded input errors. */
export async function openPdf(bytes: Uint8Array, file: string): Promise<PDFDocumentProxy> {
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    ...dataDirs,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    // an image above this is never decoded (inline images and what pdf-lib cannot parse: see
    // intake/pdf-images.ts, which refuses the document from its image dictionaries first)
    maxImageSize: MAX_IMAGE_PIXELS,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string }).name ?? '';
    const detail = (e as Error).message ?? String(e);
    if (name === 'PasswordException') {
      throw new InputError('encrypted-pdf', msg('pdfEncrypted'), file);
    }
    if (name === 'InvalidPDFException') {
      throw new InputError('corrupt-pdf', msg('pdfCorrupt', { detail }), file);
    }
    throw new InputError('corrupt-pdf', msg('pdfUnopenable', { detail }), file);
  }
  // pdfjs takes the page tree's /Count as it stands when it is at most 1 (a -1 or a 0 is no page
  // count, and pdfjs will give no page of such a document)
  if (!Number.isInteger(doc.numPages) || doc.numPages < 1) {
    const count = doc.numPages;
    await doc.destroy().catch(() => undefined);
    throw new InputError('corrupt-pdf', msg('pdfNoPages', { count }), file);
  }
  return doc;
}
