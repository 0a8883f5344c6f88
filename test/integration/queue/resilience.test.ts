/**
 * The queue survives its services failing: Redis restarted (losing everything: it keeps nothing on
 * disk) in the middle of a batch, and PostgreSQL unreachable for 10 s. Every document completes,
 * once. A private redis-server and a TCP proxy in front of the real PostgreSQL stand in for the outages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allDone,
  distributedEnv,
  privateRedis,
  ROOT,
  runCli,
  sleep,
  spawnCli,
  statusCounts,
  tcpProxy,
  waitFor,
  type CliProcess,
} from '../../helpers/services.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');

/** `n` copies of the born corpus with distinct bytes (a trailing PDF comment), in a temp folder. */
function copies(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-res-'));
  const files = fs.readdirSync(BORN);
  for (let i = 0; i < n; i++) {
    const f = files[i % files.length]!;
    fs.writeFileSync(
      path.join(dir, `${i}-${f}`),
      Buffer.concat([fs.readFileSync(path.join(BORN, f)), Buffer.from(`%lkj-copy-${i}\n`)]),
    );
  }
  return dir;
}

async function versionsPerDocument(db: import('pg').Pool): Promise<number[]> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT COUNT(v.id)::int AS n FROM documents d LEFT JOIN report_versions v ON v.document_id = d.id GROUP BY d.id',
  );
  return rows.map((r) => r.n);
}

describe('service outages', () => {
  it('Redis restarted in the middle of a batch: every document completes, once', async () => {
    const redis = await privateRedis();
    const setup = await distributedEnv(redis.url);
    const dir = copies(60);
    const env = { ...setup.env, LKJ_RECONCILE_MS: '5000' };
    const workers: CliProcess[] = [];
    try {
      expect(JSON.parse((await runCli(['ingest', dir, '--json'], env)).stdout).queued).toBe(60);
      for (let i = 0; i < 2; i++) workers.push(spawnCli(['worker', '--concurrency', '2'], env));
      await waitFor(
        async () => {
          const c = await statusCounts(setup.db);
          return (c.clean ?? 0) + (c.flagged ?? 0) >= 10;
        },
        120_000,
        '10 documents done',
      );
      await redis.stop(); // every job, lock and flow is gone with it
      await sleep(1500);
      await redis.start();
      await waitFor(() => allDone(setup.db, 60), 240_000, 'all 60 documents done after the restart');
      expect(await versionsPerDocument(setup.db)).toEqual(Array(60).fill(1));
      expect((await statusCounts(setup.db)).failed ?? 0).toBe(0);
      expect(workers.map((w) => w.output()).join('')).toMatch(/reconcile: \d+ unfinished document/);
      expect(
        workers.map((w) => w.proc.exitCode),
        'no worker crashed',
      ).toEqual([null, null]);
    } finally {
      for (const w of workers) w.proc.kill('SIGKILL');
      await redis.stop();
      await setup.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);

  it('PostgreSQL unreachable for 10 s: writes are retried, nothing is lost', async () => {
    const setup = await distributedEnv();
    const pgUrl = new URL(setup.env.DATABASE_URL!);
    const proxy = await tcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
    pgUrl.port = String(proxy.port);
    const env = { ...setup.env, DATABASE_URL: pgUrl.toString() };
    const dir = copies(60);
    const workers: CliProcess[] = [];
    try {
      expect(JSON.parse((await runCli(['ingest', dir, '--json'], env)).stdout).queued).toBe(60);
      for (let i = 0; i < 2; i++) workers.push(spawnCli(['worker', '--concurrency', '2'], env));
      await waitFor(
        async () => {
          const c = await statusCounts(setup.db);
          return (c.clean ?? 0) + (c.flagged ?? 0) >= 10;
        },
        120_000,
        '10 documents done',
      );
      await proxy.outage(10_000);
      await waitFor(() => allDone(setup.db, 60), 240_000, 'all 60 documents done after the outage');
      expect(await versionsPerDocument(setup.db)).toEqual(Array(60).fill(1));
      expect((await statusCounts(setup.db)).failed ?? 0).toBe(0);
      expect(workers.map((w) => w.output()).join('')).toMatch(/database unreachable/);
      expect(
        workers.map((w) => w.proc.exitCode),
        'no worker crashed',
      ).toEqual([null, null]);
    } finally {
      for (const w of workers) w.proc.kill('SIGKILL');
      await proxy.close();
      await setup.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
