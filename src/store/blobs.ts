import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';

/**
 * Originals, content-addressed by sha256 and never altered. Embedded mode keeps them in a folder;
 * distributed mode in PostgreSQL, the one store every worker machine reaches (workers share no disk).
 */
export interface BlobStore {
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Uint8Array | null>;
}

const checkSha = (sha: string) => {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a sha256: ${sha}`);
  return sha;
};

export function folderBlobStore(dir: string): BlobStore {
  const file = (sha: string) => path.join(dir, checkSha(sha).slice(0, 2), sha);
  return {
    async put(sha, bytes) {
      const target = file(sha);
      try {
        await fs.access(target);
        return; // same bytes already kept: the original is never rewritten
      } catch {
        /* new */
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await fs.writeFile(tmp, bytes, { mode: 0o444 });
      await fs.rename(tmp, target); // atomic: a crash never leaves half a file under the final name
    },
    async get(sha) {
      try {
        return new Uint8Array(await fs.readFile(file(sha)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}

export function postgresBlobStore(db: Db): BlobStore {
  return {
    async put(sha, bytes) {
      await db.query('INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [
        checkSha(sha),
        Buffer.from(bytes),
      ]);
    },
    async get(sha) {
      const rows = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM blobs WHERE sha256 = $1', [checkSha(sha)]);
      return rows[0] ? new Uint8Array(rows[0].bytes) : null;
    },
  };
}
