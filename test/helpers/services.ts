/**
 * The real services the queue and store tests run against: the machine's PostgreSQL (a fresh
 * database per test file) and Redis (a fresh key prefix, or a private redis-server that a test may
 * restart), plus the built CLI as child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { rssMb } from '../../src/pipeline/timings.js';
import { migrate, postgresDb } from '../../src/store/db.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'bin/lkj.js');
export const PG_ADMIN_URL = process.env.LKJ_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.LKJ_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const id = () => randomBytes(4).toString('hex');

/**
 * A new, empty database on the test PostgreSQL (or the one `adminUrl` reaches: bench/queue.ts);
 * `drop` removes it.
 */
export async function freshDatabase(
  adminUrl = PG_ADMIN_URL,
  prefix = 'lkj_test',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${id()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const queuePrefix = () => `lkjt${id()}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A private redis-server (nothing on disk) a test can stop and start again on the same port. */
export async function privateRedis(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await canConnect(port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not start on ${port}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const p = proc;
      proc = null;
      if (!p || p.exitCode !== null) return;
      await new Promise<void>((r) => {
        p.once('exit', () => r());
        p.kill('SIGKILL');
      });
    },
  };
}

/**
 * A TCP proxy in front of PostgreSQL: `outage(ms)` drops every connection and refuses new ones
 * for that long, as a database host that vanishes from the network does.
 */
export async function tcpProxy(target: {
  host: string;
  port: number;
}): Promise<{ port: number; outage(ms: number): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    async outage(ms) {
      down = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
      await sleep(ms);
      down = false;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CliProcess {
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** peak resident set size seen (MB), sampled from /proc while it runs */
  peakRssMb(): number;
}

/** The built CLI as a child process (a worker, a scheduler) with the given environment. */
export function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  proc.stderr!.on('data', (d) => {
    out += d;
  });
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(proc.pid));
  }, 200);
  const exited = new Promise<number | null>((r) =>
    proc.once('exit', (code) => {
      clearInterval(timer);
      r(code);
    }),
  );
  return { proc, output: () => out, exited, peakRssMb: () => peak };
}

/** Poll `fn` until it returns a truthy value or `ms` pass (then throws with `what`). */
export async function waitFor<T>(fn: () => Promise<T>, ms: number, what: string, every = 250): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

/** Run the built CLI to completion. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '',
      stderr = '';
    proc.stdout.on('data', (d) => {
      stdout += d;
    });
    proc.stderr.on('data', (d) => {
      stderr += d;
    });
    proc.stdin.end(input ?? '');
    proc.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A distributed-mode environment of its own: a fresh database and a Redis key prefix. */
export async function distributedEnv(
  redisUrl = REDIS_URL,
): Promise<{ env: Record<string, string>; db: pg.Pool; close(): Promise<void> }> {
  const fresh = await freshDatabase();
  const store = postgresDb(fresh.url);
  await migrate(store); // as the first command would: tests may poll before any has run
  await store.close();
  const db = new pg.Pool({ connectionString: fresh.url, max: 2 });
  db.on('error', () => {}); // idle clients are cut when the database is dropped
  return {
    env: { DATABASE_URL: fresh.url, REDIS_URL: redisUrl, LKJ_QUEUE_PREFIX: queuePrefix() },
    db,
    async close() {
      await db.end();
      await fresh.drop();
    },
  };
}

/** Documents per status, straight from the database. */
export async function statusCounts(db: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: number }>(
    'SELECT status, COUNT(*)::int AS n FROM documents GROUP BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function allDone(db: pg.Pool, total: number): Promise<boolean> {
  const c = await statusCounts(db);
  return (c.clean ?? 0) + (c.flagged ?? 0) + (c.failed ?? 0) === total;
}
