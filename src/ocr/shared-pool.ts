import { OcrPool, ocrStats, type OcrReader } from './pool.js';

/**
 * The two ways lkj reads. Narrative text is Indonesian: `ind+eng` (the `ind` model cannot read
 * `%`, `eng` adds it). Table cells are numbers and short phrases: `eng` alone reads every `%`
 * right where `ind+eng` still turns `100%` into `10096`, and reads the Indonesian cell phrases as
 * well (measured on the eval scans). Both run on the same workers.
 */
export interface OcrPools {
  text: OcrReader;
  cells: OcrReader;
}

let shared: { pool: OcrPool; readers: OcrPools } | null = null;

/** One pool of workers (one per core) behind both readers. */
export function ocrPools(pool: OcrPool): OcrPools {
  return { text: pool.reader(['ind', 'eng']), cells: pool.reader(['eng']) };
}

/**
 * The process's OCR readers, created on first use (a born-digital run never starts Tesseract) and
 * reused across pages and documents. Whoever owns the process closes them when done.
 */
export function sharedOcrPools(): OcrPools {
  if (!shared) {
    const pool = new OcrPool(undefined, ['ind', 'eng']);
    shared = { pool, readers: ocrPools(pool) };
  }
  return shared.readers;
}

export async function closeSharedOcrPools(): Promise<void> {
  const p = shared;
  shared = null;
  if (!p) return;
  await p.pool.close();
  if (process.env.LKJ_TIMINGS) process.stderr.write(`lkj-ocr-stats ${JSON.stringify(ocrStats)}\n`);
}
