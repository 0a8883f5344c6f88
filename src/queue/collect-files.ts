import fs from 'node:fs/promises';
import path from 'node:path';
import { naturalCompare } from '../raster/decode.js';

/** What the command line names: single files, and folders of page images that are one report each. */
export interface Collected {
  files: string[];
  /** folders holding only JPG/PNG pages: one document each, pages in natural name order */
  pageFolders: { dir: string; pages: string[] }[];
  missing: string[];
}

const PAGE_ONLY = new Set(['.jpg', '.jpeg', '.png']);

/**
 * Files as given; folders listed (subfolders too with `recursive`), hidden files skipped. A folder
 * holding nothing but JPG/PNG images (two or more) is the scanned pages of one report, as
 * `lkj extract` reads it. TIFFs stay separate documents: a TIFF is usually a whole report.
 */
export async function collectFiles(paths: readonly string[], recursive: boolean): Promise<Collected> {
  const out: Collected = { files: [], pageFolders: [], missing: [] };
  const walk = async (dir: string) => {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort(naturalCompare);
    const dirs = entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort(naturalCompare);
    if (!dirs.length && files.length >= 2 && files.every((f) => PAGE_ONLY.has(path.extname(f).toLowerCase()))) {
      out.pageFolders.push({ dir, pages: files.map((f) => path.join(dir, f)) });
      return;
    }
    out.files.push(...files.map((f) => path.join(dir, f)));
    if (recursive) for (const d of dirs) await walk(path.join(dir, d));
  };
  for (const p of paths) {
    const st = await fs.stat(p).catch(() => null);
    if (!st) out.missing.push(p);
    else if (st.isDirectory()) await walk(p);
    else out.files.push(p);
  }
  return out;
}

const DOCUMENT_FILES = new Set(['.pdf', '.tif', '.tiff']);

/**
 * A folder that holds reports (PDFs, TIFFs, or subfolders) rather than the page images of one
 * report: `lkj extract` reads a folder as one report's pages, `lkj run` reads this one.
 */
export async function holdsReports(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return false;
  return entries.some(
    (e) =>
      !e.name.startsWith('.') &&
      (e.isDirectory() || (e.isFile() && DOCUMENT_FILES.has(path.extname(e.name).toLowerCase()))),
  );
}
