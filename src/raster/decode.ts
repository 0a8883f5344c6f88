import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import type { PageRaster } from '../model/image.js';
import { InputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { fromSharp } from './gray.js';
import { pageDpi } from './resolution.js';

export { pageDpi } from './resolution.js';

export const DEFAULT_MAX_PAGE_PIXELS = 120_000_000;
export const DEFAULT_MAX_IMAGE_PAGES = 500;
/** Extensions read as page images (a folder of pages may hold only these). */
export const PAGE_IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.tif', '.tiff'] as const;

export interface DecodeOptions {
  /** refuse a page with more pixels than this (decompression bombs) */
  maxPixels?: number;
  /** refuse a file with more pages than this */
  maxPages?: number;
}

/** An image file opened for reading page by page: a 500-page TIFF decoded at once would need gigabytes. */
export interface ImageDocument {
  file: string;
  format: string;
  numPages: number;
  /** decode page `n` (1-based) to gray */
  page(n: number): Promise<PageRaster>;
}

/** Open a JPG, PNG or TIFF (multi-page TIFF: one page per directory), checking limits up front. */
export async function openImage(bytes: Uint8Array, file: string, opts: DecodeOptions = {}): Promise<ImageDocument> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PAGE_PIXELS;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_IMAGE_PAGES;
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new InputError('bad-image', msg('notAnImage', { detail: (e as Error).message }), file);
  }
  const format = meta.format ?? 'unknown';
  if (!['jpeg', 'png', 'tiff'].includes(format)) {
    throw new InputError('bad-image', msg('imageFormat', { format }), file);
  }
  const numPages = meta.pages ?? 1;
  if (numPages > maxPages) {
    throw new InputError('too-large', msg('imageTooManyPages', { pages: numPages, max: maxPages }), file);
  }
  return {
    file,
    format,
    numPages,
    page: (n: number) => {
      if (!Number.isInteger(n) || n < 1 || n > numPages) throw new RangeError(`page ${n} is outside 1–${numPages}`);
      return decodePage(bytes, file, n, numPages, maxPixels);
    },
  };
}

/** Every page of an image file (convenience for small files; prefer `openImage` for long TIFFs). */
export async function decodeImage(bytes: Uint8Array, file: string, opts: DecodeOptions = {}): Promise<PageRaster[]> {
  const doc = await openImage(bytes, file, opts);
  const pages: PageRaster[] = [];
  for (let n = 1; n <= doc.numPages; n++) pages.push(await doc.page(n));
  return pages;
}

async function decodePage(
  bytes: Uint8Array,
  file: string,
  n: number,
  numPages: number,
  maxPixels: number,
): Promise<PageRaster> {
  const where = numPages > 1 ? msg('pageLabel', { page: n }) : '';
  // the page's own header first: a bomb is refused before any pixel is decoded
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { page: n - 1, limitInputPixels: false }).metadata();
  } catch (e) {
    throw new InputError('bad-image', msg('unreadableImage', { where, detail: (e as Error).message }), file);
  }
  const w = meta.width ?? 0,
    h = meta.height ?? 0;
  if (w * h > maxPixels) {
    throw new InputError('too-large', msg('imageBomb', { where, width: w, height: h, max: maxPixels }), file);
  }
  try {
    // autoOrient: phone photos store their rotation in EXIF; flatten: transparent PNGs onto white paper
    const input = sharp(bytes, { page: n - 1, limitInputPixels: maxPixels, failOn: 'error' });
    const image = await fromSharp(input.autoOrient().flatten({ background: '#ffffff' }));
    return { page: n, image, dpi: pageDpi(meta.density, image.width, image.height) };
  } catch (e) {
    const detail = (e as Error).message;
    if (/pixel limit/i.test(detail))
      throw new InputError('too-large', msg('imageAboveLimit', { where, max: maxPixels, detail }), file);
    throw new InputError('bad-image', msg('imageCorrupt', { where, detail }), file);
  }
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compare file names so that page2 sorts before page10. */
export function naturalCompare(a: string, b: string): number {
  return natural.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The page images of a folder, in natural name order, as full paths. A folder holding anything
 * else (other files, subfolders) is refused: guessing which files are pages would silently drop or
 * add pages. Hidden files (.DS_Store and the like) are ignored.
 */
export async function listPageImages(dir: string, maxPages = DEFAULT_MAX_IMAGE_PAGES): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError('not-found', msg('folderUnreadable', { detail: (e as Error).message }), dir);
  }
  const pages: string[] = [];
  const other: string[] = [];
  for (const ent of entries) {
    if (ent.name.startsWith('.')) continue;
    const ext = path.extname(ent.name).toLowerCase();
    if (ent.isFile() && (PAGE_IMAGE_EXTENSIONS as readonly string[]).includes(ext)) pages.push(ent.name);
    else other.push(ent.isDirectory() ? `${ent.name}/` : ent.name);
  }
  if (other.length) {
    const first = other.sort(naturalCompare).slice(0, 5).join(', ');
    const shown = other.length > 5 ? msg('someOfMany', { first, n: other.length }) : first;
    throw new InputError(
      'bad-image',
      msg('folderMixed', { files: shown, extensions: PAGE_IMAGE_EXTENSIONS.join(' ') }),
      dir,
    );
  }
  if (!pages.length)
    throw new InputError('empty-file', msg('folderEmpty', { extensions: PAGE_IMAGE_EXTENSIONS.join(' ') }), dir);
  if (pages.length > maxPages)
    throw new InputError('too-large', msg('folderTooManyPages', { pages: pages.length, max: maxPages }), dir);
  return pages.sort(naturalCompare).map((p) => path.join(dir, p));
}
