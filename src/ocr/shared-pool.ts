import { OcrPool, ocrStats, type OcrReader } from './pool.js';
import { loadSettings } from '../settings/settings.js';

/**
 * The two ways lkj reads. Narrative text is Indonesian: `ind_fast+eng` (the `ind` model cannot read
 * `%`, `eng` adds it). Table cells are numbers and short phrases: `eng` alone reads every `%`
 * right where `ind+eng` still turns `100%` into `10096`, and reads the Indonesian cell phrases as
 * well (measured on the eval scans); wrapped cell text is read first with the page's models. Both
 * run on the same workers.
 */
export interface OcrPools {
  /**
   * the first full pass over a page's text (narrative, cover, signature blocks), and wrapped cell
   * text's first reading
   */
  page: OcrReader;
  /** re-reads of page text (trouble spots, doubtful lines), with the page pass's models */
  text: OcrReader;
  cells: OcrReader;
}

/**
 * The models of the first page pass, of the re-reads of page text (trouble spots, weak lines, a
 * percentage's deciding reading) and of wrapped cell text: the vendored `tessdata_fast` Indonesian
 * network with `eng` (`ind_fast+eng`, models/tessdata-fast), about twice as fast in WebAssembly as
 * `best_int`.
 * Figures are read with `best_int` `eng` like table cells: every figure that may be a percentage
 * (percent-pass.ts), NIPs and doubtful cells. `LKJ_OCR_PAGE_LANGS=ind+eng` reads page text with
 * `best_int`. Two model sets, so each worker keeps both Tesseract APIs alive
 * (workers/tesseract-thread.cjs) and never parses a model twice; a third set (`best_int` `ind+eng`
 * for the re-reads) cost ~40 MB of peak RSS. `eng` alone misreads Indonesian words (`kategorii`).
 * `ind_fast` alone reads a page ~17 % faster but makes `%` ghosts no pattern foresees: `100%.`
 * read `10056.` lost a stated cap of 100 % and raised a false R1 error (golden scan-cap-range).
 */
const pageLangs = (): string[] => loadSettings().ocrPageLangs;

let shared: { pool: OcrPool; readers: OcrPools } | null = null;

/** One pool of workers (one per core) behind the readers; page text and its re-reads share one. */
export function ocrPools(pool: OcrPool): OcrPools {
  const page = pool.reader(pageLangs());
  return { page, text: page, cells: pool.reader(['eng']) };
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
