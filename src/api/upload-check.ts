/**
 * What an upload must pass before it is stored: a PDF or an image by its magic bytes (never its
 * name), within the size, page and pixel limits, and readable. The person uploading learns at
 * once, instead of finding a failed document later.
 */
import { fork, type ChildProcess } from 'node:child_process';
import sharp from 'sharp';
import { InputError } from '../intake/errors.js';
import { checkPdfImages } from '../intake/pdf-images.js';
import { msg, type InputMessage } from '../intake/messages.js';
import { checkIntake, type FileKind } from '../intake/sniff.js';
import { openPdf } from '../pages/pdfjs.js';
import { rssMb } from '../pipeline/timings.js';
import { openImage, DEFAULT_MAX_PAGE_PIXELS } from '../raster/decode.js';
import { DEFAULT_DPI } from '../raster/render.js';
import { childEnv } from '../settings/settings.js';
import type { CheckRequest, CheckVerdict } from './upload-check-child.js';

export interface UploadLimits {
  maxBytes: number;
  maxPages: number;
  /** pixels of one page image (a PDF page at the OCR resolution) */
  maxPixels?: number;
}

export async function checkUpload(
  bytes: Uint8Array,
  name: string,
  limits: UploadLimits,
): Promise<{ kind: FileKind; pages: number }> {
  const kind = checkIntake(bytes, name, limits.maxBytes);
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_PAGE_PIXELS;
  if (kind === 'pdf') {
    const doc = await openPdf(bytes, name); // encrypted and corrupt PDFs are refused here
    try {
      // an image bomb (30000×30000 px in 1 MB of Flate) is refused from its dictionary, never decoded
      await checkPdfImages(bytes, name, maxPixels);
      if (doc.numPages > limits.maxPages)
        throw new InputError('too-large', msg('pdfTooManyPages', { pages: doc.numPages, max: limits.maxPages }), name);
      for (let n = 1; n <= doc.numPages; n++) {
        // a page tree pdfjs cannot walk (a kid that is no page) is the file's fault, as in the pipeline
        const page = await doc.getPage(n).catch((e: Error) => {
          throw new InputError('corrupt-pdf', msg('pdfPageUnreadable', { page: n, detail: e.message }), name);
        });
        const vp = page.getViewport({ scale: DEFAULT_DPI / 72 });
        if (vp.width * vp.height > maxPixels) {
          throw new InputError(
            'too-large',
            msg('pageTooManyPixels', {
              page: n,
              width: Math.round(vp.width),
              height: Math.round(vp.height),
              dpi: DEFAULT_DPI,
              max: maxPixels,
            }),
            name,
          );
        }
      }
      return { kind, pages: doc.numPages };
    } finally {
      await doc.destroy();
    }
  }
  const img = await openImage(bytes, name, { maxPages: limits.maxPages, maxPixels });
  for (let i = 0; i < img.numPages; i++) {
    // headers only: a decompression bomb is refused before a pixel is decoded
    const meta = await sharp(bytes, { page: i, limitInputPixels: false })
      .metadata()
      .catch((e: Error) => {
        throw new InputError(
          'bad-image',
          msg('unreadableImage', { where: msg('pageLabel', { page: i + 1 }), detail: e.message }),
          name,
        );
      });
    if ((meta.width ?? 0) * (meta.height ?? 0) > maxPixels) {
      throw new InputError(
        'too-large',
        msg('imageTooManyPixels', {
          where: msg('pageLabel', { page: i + 1 }),
          width: meta.width ?? 0,
          height: meta.height ?? 0,
          max: maxPixels,
        }),
        name,
      );
    }
  }
  return { kind, pages: img.numPages };
}

export interface CheckLimits {
  /** a checker process is killed above this resident size (MB); its heap is capped at 3/4 of it */
  memoryMb: number;
  /** … or when one check takes longer than this */
  timeoutMs: number;
  /** checker processes (checks running at once) */
  processes: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { memoryMb: 1024, timeoutMs: 60_000, processes: 2 };

interface Checker {
  child: ChildProcess;
  ready: Promise<void>;
  /** the request in flight */
  pending: { id: number; resolve: (v: CheckVerdict | null) => void } | null;
  killedFor: InputMessage | null;
}

/**
 * `checkUpload` on files spooled to disk, in child processes whose heap is capped and whose
 * resident memory and time are watched: whatever a file does to the PDF parser (190 MB of zeros
 * after `%PDF-1.4` took 4.8 GB, and the server with it), the server's own memory does not grow and
 * the upload is refused (too-large: it cannot be read within the limits). A checker that was
 * killed is replaced for the next upload; one grown past half its limit is recycled.
 */
export class UploadChecker {
  private readonly idle: Checker[] = [];
  private readonly all = new Set<Checker>();
  private readonly waiting: ((c: Checker) => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly cap: CheckLimits = DEFAULT_CHECK_LIMITS) {}

  async check(file: string, name: string, limits: UploadLimits): Promise<{ kind: FileKind; pages: number }> {
    const c = await this.take();
    if (!this.all.has(c)) throw new Error(`upload check of ${name}: the checker process did not start`);
    const id = this.nextId++;
    const verdict = await new Promise<CheckVerdict | null>((resolve) => {
      c.pending = { id, resolve };
      c.child.send({ id, path: file, name, limits } satisfies CheckRequest, (err) => {
        if (err) this.kill(c, msg('limitNoAnswer'));
      });
    });
    hold(c, false);
    this.give(c);
    if (!verdict) {
      const limit = c.killedFor ?? msg('limitHeap', { n: Math.round(this.cap.memoryMb * 0.75) });
      throw new InputError('too-large', msg('checkLimits', { limit }), name);
    }
    if (verdict.ok) return { kind: verdict.kind as FileKind, pages: verdict.pages };
    if (verdict.internal) throw new Error(`upload check of ${name}: ${String(verdict.reason)}`);
    throw new InputError(verdict.code as InputError['code'], verdict.reason, name);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.all) c.child.kill('SIGKILL');
    this.all.clear();
  }

  private async take(): Promise<Checker> {
    const c =
      this.idle.pop() ??
      (this.all.size < this.cap.processes ? this.spawn() : await new Promise<Checker>((r) => this.waiting.push(r)));
    hold(c, true);
    await c.ready;
    return c;
  }

  private give(c: Checker): void {
    if (!this.all.has(c)) return; // it died: the next one is spawned on demand
    if (rssMb(c.child.pid) > this.cap.memoryMb / 2) {
      // memory a check left behind: start afresh
      this.kill(c, msg('limitMemory', { n: Math.round(this.cap.memoryMb / 2) })); // idle: nobody waits on this reason
      return;
    }
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }

  private spawn(): Checker {
    if (this.closed) throw new Error('the upload checker is closed');
    const child = fork(CHILD, [], {
      execArgv: [...CHILD_LOADER, `--max-old-space-size=${Math.round(this.cap.memoryMb * 0.75)}`],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: childEnv({ MALLOC_ARENA_MAX: '2' }),
    });
    const c: Checker = { child, pending: null, killedFor: null, ready: Promise.resolve() };
    this.all.add(c);
    c.ready = new Promise<void>((resolve) => {
      child.on('message', (m: { ready?: boolean; id?: number; verdict?: CheckVerdict }) => {
        if (m.ready) resolve();
        else if (c.pending && m.id === c.pending.id) {
          const p = c.pending;
          c.pending = null;
          p.resolve(m.verdict ?? null);
        }
      });
      child.once('exit', () => resolve());
    });
    child.once('exit', () => {
      this.all.delete(c);
      const i = this.idle.indexOf(c);
      if (i >= 0) this.idle.splice(i, 1);
      clearInterval(watch);
      c.pending?.resolve(null);
      c.pending = null;
      // someone waits for a checker: a new one takes this one's place
      const next = this.waiting.shift();
      if (next && !this.closed) next(this.spawn());
    });
    child.on('error', () => {});
    child.unref();
    (child.channel as { unref?: () => void } | null | undefined)?.unref?.();
    // the heap cap does not bound typed arrays and native memory: watch the whole process, and time
    let since = 0,
      lastId = 0;
    const watch = setInterval(() => {
      if (c.pending && c.pending.id !== lastId) {
        lastId = c.pending.id;
        since = Date.now();
      }
      if (c.pending && Date.now() - since > this.cap.timeoutMs)
        this.kill(c, msg('limitSeconds', { n: Math.round(this.cap.timeoutMs / 1000) }));
      if (c.pending && rssMb(child.pid) > this.cap.memoryMb) this.kill(c, msg('limitMemory', { n: this.cap.memoryMb }));
    }, 100);
    watch.unref();
    return c;
  }

  private kill(c: Checker, why: InputMessage): void {
    c.killedFor ??= why;
    c.child.kill('SIGKILL');
  }
}

/** In use, a checker keeps this process alive; idle, it does not (a closing server, a test). */
function hold(c: Checker, on: boolean): void {
  const ch = c.child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
  if (on) {
    c.child.ref();
    ch?.ref?.();
  } else {
    c.child.unref();
    ch?.unref?.();
  }
}

// the child runs the same code as this module: compiled JS, or TypeScript through tsx (tests)
const CHILD = new URL(
  import.meta.url.endsWith('.ts') ? './upload-check-child.ts' : './upload-check-child.js',
  import.meta.url,
);
const CHILD_LOADER = import.meta.url.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];

/** The HTTP status a refused upload answers with. */
export function uploadErrorStatus(code: string): number {
  if (code === 'too-large') return 413;
  if (code === 'not-pdf' || code === 'bad-image') return 415;
  if (code === 'empty-file') return 400;
  return 422; // encrypted, corrupt
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** A file name from a multipart header, as text to show: no path, no control characters, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(CONTROL_CHARACTERS, '').trim().slice(0, 200);
  return clean || 'upload';
}
