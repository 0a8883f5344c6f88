/**
 * Reading an upload with bounded memory: each file is streamed to a temporary file (hashed on the
 * way) instead of being held in memory, and a body that stops arriving ends the request with 408
 * instead of holding it forever.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

export interface SpooledFile {
  path: string;
  size: number;
  sha256: string;
  /** cut short at the size limit */
  truncated: boolean;
}

/** Stream one multipart file to a new file in `dir`; the caller removes it. */
export async function spool(
  file: Readable & { truncated?: boolean },
  dir: string,
  stall: StallGuard,
): Promise<SpooledFile> {
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await stall.wait(pipeline(file, tap, createWriteStream(target, { flags: 'wx' })));
  } catch (e) {
    file.destroy();
    await fs.rm(target, { force: true });
    throw e;
  }
  return { path: target, size, sha256: hash.digest('hex'), truncated: file.truncated === true };
}

/**
 * Watches the request's socket while the multipart parser is waited on: when no byte arrives for
 * `ms`, the wait ends with 408. (A part header with a bare CR or LF left @fastify/multipart waiting
 * forever on a body it had already received.) Requests without a real socket (inject) are not watched.
 */
export class StallGuard {
  constructor(
    private readonly req: FastifyRequest,
    private readonly ms: number,
  ) {}

  async wait<T>(work: Promise<T>): Promise<T> {
    const socket = this.req.raw.socket as { bytesRead?: number } | undefined;
    if (typeof socket?.bytesRead !== 'number') return work;
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      let seen = socket.bytesRead!;
      let idle = 0;
      const step = Math.min(1000, this.ms);
      timer = setInterval(() => {
        const now = socket.bytesRead!;
        idle = now === seen ? idle + step : 0;
        seen = now;
        if (idle >= this.ms)
          reject(
            new ApiError(
              408,
              'request-timeout',
              `the upload stopped: nothing could be read from it for ${Math.round(this.ms / 1000)} s (a broken multipart body?)`,
            ),
          );
      }, step);
    });
    try {
      return await Promise.race([work, stalled]);
    } finally {
      clearInterval(timer);
    }
  }
}
