/**
 * The nightly inbox job, fired by a test cron every 2 seconds: it ingests the inbox, moves what was
 * stored to the archive and records a summary, in both modes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/store.js';
import { allDone, distributedEnv, ROOT, spawnCli, waitFor, type CliProcess } from '../../helpers/services.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');
const EVERY_2S = '*/2 * * * * *';

function inboxWith(files: string[]): { root: string; inbox: string; archive: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-nightly-'));
  const inbox = path.join(root, 'inbox');
  fs.mkdirSync(inbox);
  for (const f of files) fs.copyFileSync(path.join(BORN, f), path.join(inbox, f));
  fs.writeFileSync(path.join(inbox, 'readme.txt'), 'not a report');
  return { root, inbox, archive: path.join(root, 'archive') };
}

const archived = (archive: string) =>
  fs.existsSync(archive)
    ? fs
        .readdirSync(archive)
        .flatMap((d) => fs.readdirSync(path.join(archive, d)))
        .sort()
    : [];

describe('lkj schedule', () => {
  it('distributed: the BullMQ job scheduler fires, ingests the inbox, archives, and records a summary', async () => {
    const setup = await distributedEnv();
    const { root, inbox, archive } = inboxWith(['dau-tw4-2025.pdf', 'candipuro-tw2-2024.pdf']);
    const procs: CliProcess[] = [];
    try {
      procs.push(spawnCli(['schedule', '--cron', EVERY_2S, '--inbox', inbox, '--archive', archive], setup.env));
      procs.push(spawnCli(['worker', '--concurrency', '1'], setup.env));
      await waitFor(() => allDone(setup.db, 3), 120_000, 'the inbox documents done');
      expect(fs.readdirSync(inbox)).toEqual([]);
      expect(archived(archive)).toEqual(['candipuro-tw2-2024.pdf', 'dau-tw4-2025.pdf', 'readme.txt']);
      const first = await setup.db.query(
        'SELECT found, queued, duplicates, rejected FROM nightly_summaries ORDER BY id LIMIT 1',
      );
      expect(first.rows[0]).toEqual({ found: 3, queued: 2, duplicates: 0, rejected: 1 });
      // a later firing counts what the workers finished since
      const later = await waitFor(
        async () =>
          (
            await setup.db.query<{ processed: number; flagged: number; failed: number }>(
              'SELECT SUM(processed)::int AS processed, SUM(flagged)::int AS flagged, SUM(failed)::int AS failed FROM nightly_summaries',
            )
          ).rows.find((r) => r.processed >= 3),
        60_000,
        'a summary counting the processed documents',
      );
      expect(later).toEqual({ processed: 3, flagged: 1, failed: 1 });
      expect(procs[0]!.output()).toMatch(/nightly .*inbox: 3 file\(s\): 2 queued, 0 duplicate, 1 rejected/);
      procs[0]!.proc.kill('SIGTERM');
      expect(await procs[0]!.exited).toBe(0);
    } finally {
      for (const p of procs) p.proc.kill('SIGKILL');
      await setup.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 200_000);

  it('embedded: a timer on the same cron ingests and processes in-process', async () => {
    const { root, inbox, archive } = inboxWith(['pasirian-tw1-2023.pdf']);
    const dataDir = path.join(root, 'data');
    const p = spawnCli(['schedule', '--cron', EVERY_2S, '--inbox', inbox, '--archive', archive], {
      LKJ_DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
    });
    try {
      await waitFor(async () => /nightly .*: 2 file\(s\)/.test(p.output()), 120_000, 'a nightly run');
      p.proc.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(archived(archive)).toEqual(['pasirian-tw1-2023.pdf', 'readme.txt']);
      const store = await openStore({ dataDir });
      try {
        const [s] = await store.db.query(
          'SELECT found, queued, rejected, processed, flagged, failed FROM nightly_summaries ORDER BY id LIMIT 1',
        );
        expect(s).toEqual({ found: 2, queued: 1, rejected: 1, processed: 2, flagged: 0, failed: 1 });
        expect(await store.counts()).toMatchObject({ total: 2, clean: 1, failed: 1 });
      } finally {
        await store.close();
      }
    } finally {
      p.proc.kill('SIGKILL');
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 200_000);
});
