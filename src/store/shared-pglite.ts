/**
 * The embedded database for other local processes. PGlite lives inside one process (the holder of
 * the data folder: `lkj serve`, `lkj worker`…); other lkj commands (`lkj status`, `lkj user add`,
 * `lkj token create`…) reach it as PostgreSQL clients over a unix socket in the data folder,
 * served by @electric-sql/pglite-socket. Only the folder's owner can connect (the socket is 0600).
 *
 * The socket server runs each client message under PGlite's own lock, and keeps a client's open
 * transaction to that client; the facade below also makes it take the holder's gate, so the
 * holder's own queries never run inside a client's transaction, nor a client's inside the holder's.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { postgresDb, type Db } from './db.js';
import type { Gate } from './gate.js';

/** The PostgreSQL clients' socket name for port 5432: `pg` connects to `<host dir>/.s.PGSQL.<port>`. */
export const SOCKET_PORT = 5432;
export const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
/** unix socket paths are limited to 107 bytes on Linux */
const MAX_SOCKET_PATH = 107;
/** a client that holds a transaction open and goes quiet is cut off (its transaction rolled back) */
const IDLE_MS = 60_000;

export const socketPath = (dataDir: string) => path.join(dataDir, SOCKET_NAME);

export async function shareOverSocket(db: PGlite, gate: Gate, file: string): Promise<() => Promise<void>> {
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH)
    throw new Error(`the socket path ${file} is longer than ${MAX_SOCKET_PATH} bytes`);
  // the caller holds the data folder's lock: a socket file left here is a dead holder's
  await fs.rm(file, { force: true });
  let held: (() => void) | null = null;
  const enter = async () => {
    if (!held) held = await gate.acquire();
  };
  // the turn ends when the client's statement left no transaction open
  const leave = () => {
    if (held && !db.isInTransaction()) {
      const release = held;
      held = null;
      release();
    }
  };
  const facade = {
    waitReady: db.waitReady,
    isInTransaction: () => db.isInTransaction(),
    // called by the socket server inside runExclusive
    execProtocolRawStream: (message: Uint8Array, o: Parameters<PGlite['execProtocolRawStream']>[1]) =>
      db.execProtocolRawStream(message, o),
    async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
      await enter();
      try {
        return await db.runExclusive(fn);
      } finally {
        leave();
      }
    },
    // ROLLBACK of a client that went away inside a transaction
    async exec(sql: string) {
      await enter();
      try {
        return await db.exec(sql);
      } finally {
        leave();
      }
    },
  };
  const server = new PGLiteSocketServer({
    db: facade as unknown as PGlite,
    path: file,
    maxConnections: 16,
    idleTimeout: IDLE_MS,
  });
  await server.start();
  await fs.chmod(file, 0o600);
  return async () => {
    await server.stop();
    await fs.rm(file, { force: true });
  };
}

/** The folder's holder serves it to other local processes. */
export async function isShared(dataDir: string): Promise<boolean> {
  return (await fs.stat(socketPath(dataDir)).catch(() => null))?.isSocket() ?? false;
}

/** A database served by the data folder's holder, as a PostgreSQL client over its socket. */
export async function attachOverSocket(dataDir: string): Promise<Db | null> {
  if (!(await isShared(dataDir))) return null;
  // no retries: a holder that stopped is not coming back in this command's lifetime
  const db = postgresDb(
    `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dataDir)}&port=${SOCKET_PORT}`,
    { retryMs: 0, max: 2 },
  );
  try {
    await db.query('SELECT 1');
  } catch {
    await db.close().catch(() => {});
    return null;
  }
  return db;
}
