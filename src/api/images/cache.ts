/**
 * Rendered images kept on disk under the data folder. Keys are built by the server from hashes
 * and integers only (checked here again), so no request text ever becomes part of a path. The
 * same image asked for twice at once is rendered once; renders run one at a time, since pdfjs
 * and the image work run on this thread and would otherwise stall every other request together.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

const KEY = /^[a-z0-9][a-z0-9-]{0,150}$/;

export class ImageCache {
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  async get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    if (!KEY.test(key)) throw new Error(`bad image cache key ${JSON.stringify(key)}`);
    const file = path.join(this.dir, key.slice(0, 2), `${key}.png`);
    try {
      return await fs.readFile(file);
    } catch {
      /* not cached yet */
    }
    let p = this.inflight.get(key);
    if (!p) {
      p = this.serial(render)
        .then(async (png) => {
          await fs.mkdir(path.dirname(file), { recursive: true });
          const tmp = `${file}.${randomUUID()}.tmp`;
          await fs.writeFile(tmp, png);
          await fs.rename(tmp, file); // a reader never sees half an image
          return png;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => {});
    return run;
  }
}
