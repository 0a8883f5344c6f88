/**
 * The embedded database shared over the data folder's socket (src/store/shared-pglite.ts): a
 * second store reaches it through the holder; a client's open transaction is its own (the holder's
 * queries wait for it instead of running inside it), and the socket is the owner's only.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachOverSocket, SOCKET_NAME, SOCKET_PORT } from '../../src/store/shared-pglite.js';
import { openStore, type Store } from '../../src/store/store.js';

let dir: string;
let holder: Store;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-share-'));
  holder = await openStore({ dataDir: dir, share: true });
  await holder.db.query('CREATE TABLE probe (n integer)');
});
afterAll(async () => {
  await holder?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const client = async () => {
  const c = new pg.Client({ host: dir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' });
  await c.connect();
  return c;
};

describe('the embedded database shared over a socket', () => {
  it("another process's store reaches the held folder through the holder (over the socket, 0600)", async () => {
    // (in one process the data lock is this process's own: `lkj serve` with `lkj status` is in test/api/serve.test.ts)
    const other = await attachOverSocket(dir);
    expect(other).not.toBeNull();
    try {
      await other!.query('INSERT INTO probe VALUES (7)');
      expect(await holder.db.query('SELECT n FROM probe')).toEqual([{ n: 7 }]);
      await holder.db.query('DELETE FROM probe');
    } finally {
      await other!.close();
    }
    const st = await fs.stat(path.join(dir, SOCKET_NAME));
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
  });

  it("a client's open transaction is its own: the holder's query waits for it, and does not see it", async () => {
    const c = await client();
    try {
      await c.query('BEGIN');
      await c.query('INSERT INTO probe VALUES (1)');
      let seen: number | null = null;
      const during = holder.db.query<{ n: number }>('SELECT count(*)::int AS n FROM probe').then((r) => {
        seen = r[0]!.n;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toBeNull(); // still waiting: it would otherwise have run inside the client's transaction
      await c.query('ROLLBACK');
      await during;
      expect(seen).toBe(0);
    } finally {
      await c.end();
    }
  });

  it("the holder's transaction is its own: a client statement waits for it", async () => {
    const c = await client();
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const tx = holder.db
        .tx(async (q) => {
          await q.query('INSERT INTO probe VALUES (2)');
          await held;
          throw new Error('roll back');
        })
        .catch(() => 'rolled back');
      await new Promise((r) => setTimeout(r, 100));
      const read = c.query('SELECT count(*)::int AS n FROM probe');
      await new Promise((r) => setTimeout(r, 300));
      release();
      expect(await tx).toBe('rolled back');
      expect((await read).rows).toEqual([{ n: 0 }]);
    } finally {
      await c.end();
    }
  });

  it('a client that goes away inside a transaction leaves nothing held', async () => {
    const c = await client();
    await c.query('BEGIN');
    await c.query('INSERT INTO probe VALUES (3)');
    await c.end();
    // its transaction is rolled back and the holder goes on
    expect(await holder.db.query('SELECT count(*)::int AS n FROM probe')).toEqual([{ n: 0 }]);
  });
});
