/**
 * Load: 1,000 documents (copies of the born corpus with distinct bytes) through two worker
 * processes. done + failed = 1,000, no document stored twice, and the workers' memory stays
 * bounded. Peak RSS is printed (a measurement, not a timed assertion: see bench/ for speed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allDone,
  distributedEnv,
  ROOT,
  runCli,
  spawnCli,
  statusCounts,
  waitFor,
  type CliProcess,
} from '../../helpers/services.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');
const N = 1000;
/** A worker holds one OCR-free born document per job: far below this unless something accumulates. */
const RSS_BOUND_MB = 600;

describe('load', () => {
  it(`${N} documents through two workers: all done once, memory bounded`, async () => {
    const setup = await distributedEnv();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-load-'));
    const files = fs.readdirSync(BORN);
    for (let i = 0; i < N; i++) {
      const f = files[i % files.length]!;
      fs.writeFileSync(
        path.join(dir, `${String(i).padStart(4, '0')}-${f}`),
        Buffer.concat([fs.readFileSync(path.join(BORN, f)), Buffer.from(`%lkj-copy-${i}\n`)]),
      );
    }
    const workers: CliProcess[] = [];
    try {
      const ingest = await runCli(['ingest', dir, '--json'], setup.env);
      expect(JSON.parse(ingest.stdout)).toEqual({ queued: N, duplicates: 0, rejected: [] });
      const t0 = Date.now();
      for (let i = 0; i < 2; i++) workers.push(spawnCli(['worker', '--concurrency', '2'], setup.env));
      await waitFor(() => allDone(setup.db, N), 600_000, `all ${N} documents done`, 1000);
      const seconds = (Date.now() - t0) / 1000;
      const counts = await statusCounts(setup.db);
      expect((counts.clean ?? 0) + (counts.flagged ?? 0) + (counts.failed ?? 0)).toBe(N);
      expect(counts.failed ?? 0).toBe(0);
      const { rows } = await setup.db.query<{ docs: number; versions: number; shas: number }>(
        'SELECT COUNT(DISTINCT d.id)::int AS docs, COUNT(v.id)::int AS versions, COUNT(DISTINCT d.sha256)::int AS shas FROM documents d JOIN report_versions v ON v.document_id = d.id',
      );
      expect(rows[0]).toEqual({ docs: N, versions: N, shas: N });
      const peaks = workers.map((w) => Math.round(w.peakRssMb()));
      console.log(
        `load: ${N} documents in ${seconds.toFixed(0)} s (${((N / seconds) * 60).toFixed(0)}/min), worker peak RSS ${peaks.join(' MB, ')} MB`,
      );
      for (const p of peaks) expect(p).toBeLessThan(RSS_BOUND_MB);
      for (const w of workers) w.proc.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    } finally {
      for (const w of workers) w.proc.kill('SIGKILL');
      await setup.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
