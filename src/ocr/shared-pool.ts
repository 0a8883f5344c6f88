import { OcrPool } from './pool.js';

/**
 * The two kinds of OCR workers lkj uses. Narrative text is Indonesian: `ind+eng` (the `ind` model
 * cannot read `%`, `eng` adds it). Table cells are numbers and short phrases: `eng` alone reads
 * every `%` right where `ind+eng` still turns `100%` into `10096`, and reads the Indonesian cell
 * phrases as well (measured on the eval scans).
 */
export interface OcrPools {
  text: OcrPool;
  cells: OcrPool;
}

let shared: OcrPools | null = null;

/**
 * The process's OCR pools, created on first use (a born-digital run never starts Tesseract) and
 * reused across pages and documents. Whoever owns the process closes them when done.
 */
export function sharedOcrPools(): OcrPools {
  const size = Number(process.env.LKJ_OCR_WORKERS) || undefined;
  shared ??= { text: new OcrPool(size, ['ind', 'eng']), cells: new OcrPool(size, ['eng']) };
  return shared;
}

export async function closeSharedOcrPools(): Promise<void> {
  const p = shared;
  shared = null;
  await Promise.all([p?.text.close(), p?.cells.close()]);
}
