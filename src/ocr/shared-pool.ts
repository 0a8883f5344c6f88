import { OcrPool, ocrStats, type OcrReader } from './pool.js';
import { loadSettings } from '../settings/settings.js';

/**
 * The two ways lkj reads. Narrative text is Indonesian: `ind+eng` (the `ind` model cannot read
 * `%`, `eng` adds it). Table cells are numbers and short phrases: `eng` alone reads every `%`
 * right where `ind+eng` still turns `100%` into `10096`, and reads the Indonesian cell phrases as
 * well (measured on the eval scans). Both run on the same workers.
 */
export interface OcrPools {
  /** the first full pass over a page's text (narrative, cover, signature blocks) */
  page: OcrReader;
  /** re-reads of page text (trouble spots, doubtful lines), where exactness matters */
  text: OcrReader;
  cells: OcrReader;
}

/**
 * The models of the first page pass: `best_int` `ind+eng` by default. The vendored `tessdata_fast`
 * Indonesian network (`ind_fast`, models/tessdata-fast), selected with
 * `LKJ_OCR_PAGE_LANGS=ind_fast+eng`, is about twice as fast in WebAssembly and, with every figure
 * that may be a percentage read again with `best_int` (percent-pass.ts), read the randomised scan
 * corpus as `best_int` does (docs/performance.md); it is not the default because it drops words
 * `best_int` reads (the last figure of a synthetic line in test/unit/ocr/ocr-stage.test.ts, read
 * doubtfully and then lost to a trouble-spot re-read).
 */
const pageLangs = (): string[] => loadSettings().ocrPageLangs;

let shared: { pool: OcrPool; readers: OcrPools } | null = null;

/** One pool of workers (one per core) behind both readers. */
export function ocrPools(pool: OcrPool): OcrPools {
  return { page: pool.reader(pageLangs()), text: pool.reader(['ind', 'eng']), cells: pool.reader(['eng']) };
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
  if (loadSettings().timings) {
    const cpu = process.cpuUsage(); // the whole process, OCR threads included
    process.stderr.write(
      `lkj-ocr-stats ${JSON.stringify(ocrStats)}\nlkj-cpu ${JSON.stringify({ userMs: cpu.user / 1000, systemMs: cpu.system / 1000 })}\n`,
    );
  }
}
