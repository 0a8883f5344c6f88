import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { loadSettings } from '../settings/settings.js';
import { Gate } from './gate.js';
import { MIGRATIONS } from './migrations.js';

/** What the repositories need from a database: PostgreSQL (`pg`) and PGlite both provide it. */
export interface Db {
  readonly kind: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** runs `fn` in one transaction; retried whole when the connection drops, so `fn` must be idempotent */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PGlite only: serve this database to other local processes over a unix socket at `socketPath`
   * (src/store/shared-pglite.ts); resolves with the function that stops serving.
   */
  share?(socketPath: string): Promise<() => Promise<void>>;
}
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

const INT8 = 20,
  NUMERIC = 1700;
// ids and counts stay far below 2^53; numerics are report figures (money, percentages)
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

/** Errors that mean "PostgreSQL is not reachable right now", not "this statement is wrong". */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (
    err?.code &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'EHOSTUNREACH',
      'ENOTFOUND',
      '57P01',
      '57P02',
      '57P03',
      '53300',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(err.code)
  )
    return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    err?.message ?? '',
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Retry while the database is unreachable (a restart, a failover, a network blip), with capped
 * exponential backoff, for up to `budgetMs`; any other error is thrown at once.
 */
export async function withDbRetry<T>(
  fn: () => Promise<T>,
  budgetMs: number,
  onRetry?: (e: unknown, waitMs: number) => void,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isConnectionError(e) || Date.now() >= deadline) throw e;
      const wait = Math.min(200 * 2 ** attempt, 5000, Math.max(50, deadline - Date.now()));
      onRetry?.(e, wait);
      await sleep(wait);
    }
  }
}

export function postgresDb(url: string, opts: { retryMs?: number; max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, connectionTimeoutMillis: 5000 });
  // an idle client losing its server must not crash the process: the next query reconnects
  pool.on('error', () => {});
  const retryMs = opts.retryMs ?? loadSettings().dbRetryMs;
  let warned = 0;
  const onRetry = (e: unknown) => {
    if (Date.now() - warned > 5000) {
      warned = Date.now();
      process.stderr.write(`lkj: database unreachable (${(e as Error).message}); retrying\n`);
    }
  };
  return {
    kind: 'postgres',
    query: (sql, params) =>
      withDbRetry(async () => (await pool.query(sql, params as unknown[])).rows, retryMs, onRetry),
    tx: (fn) =>
      withDbRetry(
        async () => {
          const client = await pool.connect();
          let broken = false;
          // a checked-out client reports a dropped connection as an 'error' event: without a
          // listener that would crash the process; the failing query below carries the error
          const onError = () => {
            broken = true;
          };
          client.on('error', onError);
          try {
            await client.query('BEGIN');
            const out = await fn({ query: async (sql, params) => (await client.query(sql, params as unknown[])).rows });
            await client.query('COMMIT');
            return out;
          } catch (e) {
            broken ||= isConnectionError(e);
            if (!broken) await client.query('ROLLBACK').catch(() => {});
            throw e;
          } finally {
            client.off('error', onError);
            client.release(broken);
          }
        },
        retryMs,
        onRetry,
      ),
    close: () => pool.end(),
  };
}

export async function pgliteDb(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create(dataDir, { parsers: { [INT8]: Number, [NUMERIC]: Number } });
  // PGlite is one connection: a transaction must not interleave with other queries, this process's
  // or (when shared) another process's over the socket, so everything passes one gate
  const gate = new Gate();
  return {
    kind: 'pglite',
    query: (sql, params) => gate.run(async () => (await db.query(sql, params as unknown[])).rows as never[]),
    tx: (fn) =>
      gate.run(() =>
        db.transaction((t) =>
          fn({ query: async (sql, params) => (await t.query(sql, params as unknown[])).rows as never[] }),
        ),
      ),
    close: () => gate.run(() => db.close()),
    share: async (socketPath) => (await import('./shared-pglite.js')).shareOverSocket(db, gate, socketPath),
  };
}

/** Apply the migrations not yet applied, once even when many workers start together. */
export async function migrate(db: Db): Promise<number> {
  return db.tx(async (q) => {
    if (db.kind === 'postgres') await q.query('SELECT pg_advisory_xact_lock(4242001)');
    await q.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await q.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    let n = 0;
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const stmt of splitSql(m.sql)) await q.query(stmt);
      await q.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      n++;
    }
    return n;
  });
}

/** Statements of a migration (none of ours has a `;` inside a literal or body). */
function splitSql(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
