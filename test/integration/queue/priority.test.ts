/** A single upload jumps ahead of a bulk archive ingest already waiting in the queue. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDone, distributedEnv, ROOT, runCli, spawnCli, waitFor, type CliProcess } from '../../helpers/services.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');

describe('priorities', () => {
  it('one uploaded file is processed before the bulk backlog', async () => {
    const setup = await distributedEnv();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-prio-'));
    const files = fs.readdirSync(BORN);
    for (let i = 0; i < 40; i++) {
      const f = files[i % files.length]!;
      fs.writeFileSync(
        path.join(dir, `${i}-${f}`),
        Buffer.concat([fs.readFileSync(path.join(BORN, f)), Buffer.from(`%lkj-bulk-${i}\n`)]),
      );
    }
    const upload = path.join(os.tmpdir(), `lkj-upload-${process.pid}.pdf`);
    fs.writeFileSync(
      upload,
      Buffer.concat([fs.readFileSync(path.join(BORN, 'dau-tw4-2025.pdf')), Buffer.from('%lkj-upload\n')]),
    );
    let w: CliProcess | null = null;
    try {
      expect(JSON.parse((await runCli(['ingest', dir, '--json'], setup.env)).stdout).queued).toBe(40);
      expect(JSON.parse((await runCli(['ingest', upload, '--json'], setup.env)).stdout).queued).toBe(1);
      w = spawnCli(['worker', '--concurrency', '1'], setup.env);
      await waitFor(() => allDone(setup.db, 41), 180_000, 'all documents done');
      const { rows } = await setup.db.query<{ file_name: string; priority: number }>(
        'SELECT file_name, priority FROM documents ORDER BY processed_at, id',
      );
      const at = rows.findIndex((r) => r.file_name === path.basename(upload));
      expect(rows[at]!.priority).toBeLessThan(rows.find((r) => r.file_name !== path.basename(upload))!.priority);
      expect(at).toBeLessThan(5); // the worker may already hold a few bulk jobs when it sees the upload
    } finally {
      w?.proc.kill('SIGKILL');
      await setup.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(upload, { force: true });
    }
  }, 240_000);
});
