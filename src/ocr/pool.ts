import { createWorker, OEM, type Worker, type Block } from 'tesseract.js';
import { fileURLToPath } from 'node:url';
import type { GrayImage, PixelBox } from '../model/image.js';
import { loadSettings } from '../settings/settings.js';
import { ensureLangDir, OCR_LANGS } from './langdata.js';
import { toPgm } from './pnm.js';

/** A word as Tesseract saw it, in pixels of the image it was given. */
export interface OcrWord {
  text: string;
  bbox: PixelBox;
  conf: number;
}

/** Page segmentation: 3 auto, 6 one block, 7 one line, 11 sparse text. */
export type Psm = '3' | '4' | '6' | '7' | '8' | '11' | '13';

export interface OcrRequest {
  image: GrayImage;
  psm: Psm;
  /** restrict the characters (numeric cells); empty = any */
  whitelist?: string;
  dpi?: number;
  /** models to read with, `+`-joined (`ind_fast+eng`); default: the pool's */
  langs?: string;
  /** what the read is for, counted in the OCR statistics (`LKJ_TIMINGS`) */
  tag?: string;
}

/** Anything that reads images: a pool, or one model's view of it. */
export interface OcrReader {
  /** worker threads behind it (callers size their page pipelines by it) */
  readonly size: number;
  recognize(req: OcrRequest): Promise<OcrWord[]>;
}

/** Calls and milliseconds (hand-over to answer) per request tag, and model switches, for the process. */
export const ocrStats: Record<string, { n: number; ms: number; mpx: number }> = {};
const count = (tag: string, ms: number, mpx: number) => {
  const s = ocrStats[tag] ?? { n: 0, ms: 0, mpx: 0 };
  ocrStats[tag] = s;
  s.n++;
  s.ms += ms;
  s.mpx += mpx;
};

const WORKER_START_TIMEOUT_MS = 60_000;
/** tesseract.js's worker thread, keeping every model set it has initialised (see the file). */
const THREAD_SCRIPT = fileURLToPath(new URL('../../workers/tesseract-thread.cjs', import.meta.url));
/** Set at every (re)initialisation; scans are never white-on-black: no inverted second pass (~15 %). */
const INIT_CONFIG = { preserve_interword_spaces: '1', tessedit_do_invert: '0', debug_file: '/dev/null' };

/** `LKJ_OCR_WORKERS`, else one worker thread per core (at most 4): OCR is CPU-bound, more threads only share the cores. */
export function defaultPoolSize(): number {
  return loadSettings().ocrWorkers;
}

/** A job waiting this long is taken by the next free worker even if that means switching models. */
const MAX_WAIT_MS = 3000;

interface Job {
  req: OcrRequest;
  langs: string;
  queued: number;
  resolve: (w: OcrWord[]) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** the models the worker's Tesseract is (or is being re-)initialised with */
  langs: string;
  /** jobs handed to the worker and not answered yet */
  inflight: number;
  switching: boolean;
}

/** A job this small (pixels) may wait in a busy worker's own queue behind its current job. */
const SHORT_JOB_PX = 500_000;

/**
 * A pool of tesseract.js workers, one thread per core, created on demand and reused across pages
 * and documents. Each worker reads with whichever models a job asks for: a free worker takes the
 * oldest job for the models it holds, else turns to the oldest job's models: 0.1–0.3 s the first
 * time a worker reads with a model set, nothing after (its thread keeps every Tesseract API it
 * initialised, workers/tesseract-thread.cjs). One pool instead of one per model keeps every core
 * busy with whatever work there is and holds a Tesseract heap per core, not per core and model.
 * `close()` ends every worker.
 */
export class OcrPool implements OcrReader {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly all: Promise<Slot>[] = [];
  private starting = 0;
  private closed = false;

  constructor(
    readonly size = defaultPoolSize(),
    readonly langs: readonly string[] = ['eng'],
  ) {}

  /** This pool reading with other models by default (same workers). */
  reader(langs: readonly string[]): OcrReader {
    const joined = langs.join('+');
    ensureLangDir(langs); // a worker may switch to these models later: they must be in its folder
    return { size: this.size, recognize: (req) => this.recognize({ ...req, langs: req.langs ?? joined }) };
  }

  private async spawn(langs: string): Promise<Slot> {
    // every model a job may ask for later goes into the one folder tesseract.js reads from
    const langPath = ensureLangDir([...new Set([...OCR_LANGS, ...langs.split('+')])]);
    // tesseract.js never settles createWorker when a model fails to load: guard with a timeout
    let timer: NodeJS.Timeout | undefined;
    const worker = await Promise.race([
      createWorker(
        langs.split('+'),
        OEM.LSTM_ONLY,
        { langPath, cacheMethod: 'none', gzip: true, workerPath: THREAD_SCRIPT },
        INIT_CONFIG as never,
      ),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`OCR worker did not start within ${WORKER_START_TIMEOUT_MS / 1000} s (models in ${langPath})`),
            ),
          WORKER_START_TIMEOUT_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    return { worker, langs, inflight: 0, switching: false };
  }

  /** Hand queued jobs to workers (same models first), starting workers while fewer than `size` exist. */
  private pump(): void {
    for (;;) {
      const idle = this.slots.filter((s) => s.inflight === 0);
      if (!this.queue.length || !idle.length) break;
      // the worker whose models the oldest job wants; else an idle worker takes a later job for
      // its models rather than switching, unless the oldest has waited too long
      const first = this.queue[0]!;
      let slot = idle.find((s) => s.langs === first.langs),
        j = 0;
      if (!slot && performance.now() - first.queued <= MAX_WAIT_MS) {
        for (const s of idle) {
          j = this.queue.findIndex((q) => q.langs === s.langs);
          if (j >= 0) {
            slot = s;
            break;
          }
        }
      }
      if (!slot) {
        slot = idle[0]!;
        j = 0;
      }
      this.dispatch(slot, this.queue.splice(j, 1)[0]!);
    }
    // a busy worker also gets the next short job for its models: while this thread renders or
    // preprocesses a page (0.2–0.5 s without a break) it cannot hand out work, and a worker
    // reading cells (~30 ms each) would stand idle
    for (const s of this.slots) {
      if (s.inflight !== 1 || s.switching) continue;
      const j = this.queue.findIndex(
        (q) => q.langs === s.langs && q.req.image.width * q.req.image.height <= SHORT_JOB_PX,
      );
      if (j >= 0) this.dispatch(s, this.queue.splice(j, 1)[0]!);
    }
    while (this.queue.length > this.starting && this.all.length < this.size)
      this.start(this.queue[this.starting]!.langs);
  }

  private start(langs: string): void {
    this.starting++;
    const p = this.spawn(langs);
    this.all.push(p);
    p.then(
      (slot) => {
        this.starting--;
        if (this.closed) {
          void slot.worker.terminate().catch(() => undefined);
          return;
        }
        this.slots.push(slot);
        this.pump();
      },
      (e: unknown) => {
        this.starting--;
        this.all.splice(this.all.indexOf(p), 1);
        // no worker could ever run the queued jobs: fail them rather than hang
        if (!this.all.length) for (const j of this.queue.splice(0)) j.reject(e);
      },
    );
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.inflight++;
    let switched: Promise<unknown> | null = null;
    if (slot.langs !== job.langs) {
      // nothing else is handed to this worker until it has switched (tesseract.js may load a model
      // first, and a job sent meanwhile would run with the old one)
      const t = performance.now();
      slot.langs = job.langs;
      slot.switching = true;
      switched = slot.worker.reinitialize(job.langs, OEM.LSTM_ONLY).finally(() => {
        slot.switching = false;
        count('switch', performance.now() - t, 0);
      });
    }
    void this.run(slot, job, switched);
  }

  private async run(slot: Slot, job: Job, switched: Promise<unknown> | null): Promise<void> {
    const { req } = job;
    const t0 = performance.now();
    try {
      if (switched) await switched;
      // per-call parameters ride with the image (one message; Tesseract restores them after)
      const params = {
        tessedit_pageseg_mode: req.psm,
        tessedit_char_whitelist: req.whitelist ?? '',
        user_defined_dpi: String(req.dpi ?? 300),
      };
      // an ArrayBuffer is handed on as it is (a Buffer or Uint8Array would be copied once more)
      const res = await slot.worker.recognize(toPgm(req.image).buffer as never, params as never, {
        blocks: true,
        text: false,
      });
      job.resolve(wordsOf(res.data.blocks ?? []));
    } catch (e) {
      job.reject(e);
    } finally {
      count(req.tag ?? 'other', performance.now() - t0, (req.image.width * req.image.height) / 1e6);
      slot.inflight--;
      if (this.closed) {
        if (!slot.inflight) void slot.worker.terminate().catch(() => undefined);
      } else this.pump();
    }
  }

  /** Recognise one image; words come back in the image's pixel coordinates. */
  recognize(req: OcrRequest): Promise<OcrWord[]> {
    if (this.closed) return Promise.reject(new Error('OCR pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ req, langs: req.langs ?? this.langs.join('+'), queued: performance.now(), resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('OCR pool is closed'));
    const slots = await Promise.allSettled(this.all);
    await Promise.all(
      slots.map((r) => (r.status === 'fulfilled' ? r.value.worker.terminate().catch(() => undefined) : undefined)),
    );
  }
}

function wordsOf(blocks: Block[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const b of blocks)
    for (const p of b.paragraphs)
      for (const l of p.lines)
        for (const w of l.words) {
          const text = w.text.trim();
          if (!text) continue;
          out.push({ text, bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1], conf: w.confidence });
        }
  return out;
}
