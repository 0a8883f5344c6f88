import os from 'node:os';
import { createWorker, OEM, type Worker, type Block } from 'tesseract.js';
import type { GrayImage } from '../model/image.js';
import { ensureLangDir, OCR_LANGS } from './langdata.js';
import { toPgm } from './pnm.js';

/** A word as Tesseract saw it, in pixels of the image it was given. */
export interface OcrWord {
  text: string;
  bbox: [number, number, number, number];
  conf: number;
}

/** Page segmentation: 3 auto, 6 one block, 7 one line, 11 sparse text. */
export type Psm = '3' | '4' | '6' | '7' | '11' | '13';

export interface OcrRequest {
  image: GrayImage;
  psm: Psm;
  /** restrict the characters (numeric cells); empty = any */
  whitelist?: string;
  dpi?: number;
}

const WORKER_START_TIMEOUT_MS = 60_000;

/**
 * A pool of tesseract.js workers (each its own thread) with the offline `ind+eng` models, sized
 * to the cores, reused across pages and documents. Jobs queue; `close()` terminates every worker
 * so the process can exit.
 */
export class OcrPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly all: Promise<Worker>[] = [];
  private closed = false;

  constructor(
    readonly size = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4)),
    readonly langs: readonly string[] = OCR_LANGS,
  ) {}

  private async spawn(): Promise<Worker> {
    const langPath = ensureLangDir(OCR_LANGS);
    // tesseract.js never settles createWorker when a model fails to load: guard with a timeout
    let timer: NodeJS.Timeout | undefined;
    const worker = await Promise.race([
      createWorker([...this.langs], OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`OCR worker did not start within ${WORKER_START_TIMEOUT_MS / 1000} s (models in ${langPath})`)), WORKER_START_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    // scans are never white-on-black: skipping Tesseract's inverted second pass saves ~15 %
    await worker.setParameters({ preserve_interword_spaces: '1', tessedit_do_invert: '0', debug_file: '/dev/null' } as never);
    return worker;
  }

  private acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('OCR pool is closed'));
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.all.length < this.size) {
      const p = this.spawn();
      this.all.push(p);
      return p;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  /** Recognise one image; words come back in the image's pixel coordinates. */
  async recognize(req: OcrRequest): Promise<OcrWord[]> {
    const w = await this.acquire();
    try {
      await w.setParameters({
        tessedit_pageseg_mode: req.psm as never,
        tessedit_char_whitelist: req.whitelist ?? '',
        user_defined_dpi: String(req.dpi ?? 300),
      });
      const res = await w.recognize(Buffer.from(toPgm(req.image)), {}, { blocks: true, text: false });
      return wordsOf(res.data.blocks ?? []);
    } finally {
      this.release(w);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = await Promise.allSettled(this.all);
    await Promise.all(workers.map((r) => (r.status === 'fulfilled' ? r.value.terminate().catch(() => undefined) : undefined)));
  }
}

function wordsOf(blocks: Block[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const b of blocks) for (const p of b.paragraphs) for (const l of p.lines) for (const w of l.words) {
    const text = w.text.trim();
    if (!text) continue;
    out.push({ text, bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1], conf: w.confidence });
  }
  return out;
}
