/**
 * Issue 12 item 5: after `kill -9` in the middle of `lkj run`, running it again called the files
 * duplicates and left the interrupted documents pending. A re-run, and `lkj worker` in embedded
 * mode, finish what is pending. Real processes, real SIGKILL, the embedded database (PGlite).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { ROOT, runCli, spawnCli, waitFor } from '../helpers/services.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');
const FILES = [
  'ambulu-sem2-2023.pdf',
  'dau-tw4-2025.pdf',
  'genteng-tw3-2023.pdf',
  'glenmore-tw4-2024.pdf',
  'kraksaan-sem2-2024.pdf',
];
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-crash-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** `lkj run` on a fresh batch, killed with SIGKILL once its first document is stored. */
async function killedRun(name: string): Promise<{ inbox: string; dataDir: string; env: Record<string, string> }> {
  const inbox = path.join(dir, name);
  await fs.mkdir(inbox);
  for (const f of FILES) await fs.copyFile(path.join(BORN, f), path.join(inbox, f));
  const dataDir = path.join(dir, `${name}-data`);
  const env = { LKJ_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' };
  const p = spawnCli(['run', inbox, '--json'], env);
  await waitFor(
    async () => /\.pdf: (clean|flagged|failed)\n/.test(p.output()) || p.proc.exitCode !== null,
    120_000,
    'the first document to be stored',
  );
  p.proc.kill('SIGKILL');
  await p.exited;
  return { inbox, dataDir, env };
}

async function pending(dataDir: string): Promise<{ unfinished: number; total: number }> {
  const store = await openStore({ dataDir });
  try {
    return { unfinished: (await store.unfinished()).length, total: (await store.documentsWhere('all')).length };
  } finally {
    await store.close();
  }
}

describe('crash recovery of lkj run', () => {
  it('running it again after kill -9 finishes the interrupted documents', { timeout: 300_000 }, async () => {
    const { inbox, dataDir, env } = await killedRun('rerun');
    const before = await pending(dataDir);
    expect(before.total).toBe(FILES.length);
    expect(before.unfinished).toBeGreaterThan(0); // killed mid-batch
    const r = await runCli(['run', inbox, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      queued: 0,
      resumed: before.unfinished,
      duplicates: FILES.length - before.unfinished,
      failed: 0,
    });
    expect(summary.clean + summary.flagged).toBe(before.unfinished);
    expect((await pending(dataDir)).unfinished).toBe(0);
  });

  it('lkj worker in embedded mode finishes them too', { timeout: 300_000 }, async () => {
    const { dataDir, env } = await killedRun('worker');
    const { unfinished } = await pending(dataDir);
    expect(unfinished).toBeGreaterThan(0);
    const w = spawnCli(['worker'], env);
    try {
      // the worker logs each stored document as a JSON line (src/settings/log.ts)
      await waitFor(
        async () => (w.output().match(/"msg":"[^"]*\.pdf: (clean|flagged|failed)"/g) ?? []).length >= unfinished,
        240_000,
        'the worker to finish the pending documents',
      );
    } finally {
      w.proc.kill('SIGTERM');
      expect(await w.exited).toBe(0);
    }
    expect(w.output()).not.toMatch(/\.pdf: failed/);
    expect((await pending(dataDir)).unfinished).toBe(0);
  });
});
