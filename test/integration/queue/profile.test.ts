/**
 * `lkj run --profile` and `lkj ingest --profile` (issue 11, item 6: the queue takes a profile per
 * batch): the profile is kept with each document (documents.profile) and used whenever it is
 * processed or re-verified, in embedded mode (PGlite) and through Redis, PostgreSQL and a worker.
 *
 * The profile names `batas wilayah` a lower-is-better indicator. In pasirian-tw1-2023 (a clean
 * report) indicator 3, `Persentase desa yang difasilitasi penegasan batas wilayah`, is 22 of 25,
 * printed 88 %: read the profile's way R1 expects (2 × 25 − 22) / 25 = 112 %, so a report read with
 * it is flagged on 2.3/3 and 2.4/3, and one read without it is clean. That tells a profile that was
 * used from one that was only stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../../src/model/contract.js';
import { allDone, distributedEnv, ROOT, runCli, spawnCli, waitFor, type CliProcess } from '../../helpers/services.js';

const CLEAN = path.join(ROOT, 'fixtures/corpus/born/pasirian-tw1-2023.pdf');
const OTHER = path.join(ROOT, 'fixtures/corpus/born/candipuro-tw2-2024.pdf');
const PROFILE = { name: 'Kabupaten Uji', method: { negativeIndicators: ['batas wilayah'] } };

const r1Rows = (r: Report) =>
  r.discrepancies
    .filter((d) => d.rule === 'R1')
    .map((d) => `${d.severity} ${d.table}/${d.row}`)
    .sort();

let dir = '';
let good = '';
let bad = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-qprofile-'));
  good = path.join(dir, 'uji.json');
  bad = path.join(dir, 'bad.json');
  fs.writeFileSync(good, JSON.stringify(PROFILE));
  fs.writeFileSync(bad, JSON.stringify({ name: 'x', method: { rangeTargets: 'middle' } }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('run --profile (embedded: PGlite, in-process)', () => {
  let env: Record<string, string>;
  let dataDir = '';
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-qprofile-emb-'));
    env = { LKJ_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('a bad profile is refused before anything is ingested, naming the file', async () => {
    for (const command of ['run', 'ingest']) {
      const r = await runCli([command, CLEAN, '--json', '--profile', bad], env);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/--profile .*bad\.json: not a valid profile \(method\.rangeTargets:/);
    }
    const status = JSON.parse((await runCli(['status', '--json'], env)).stdout) as { documents: { total: number } };
    expect(status.documents.total).toBe(0);
  }, 120_000);

  it('processes the batch with the profile and stores what `extract --profile` gives', async () => {
    const r = await runCli(['run', CLEAN, '--json', '--profile', good], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ queued: 1, duplicates: 0, clean: 0, flagged: 1, failed: 0 });
    const stored = Report.parse(JSON.parse((await runCli(['report', CLEAN, '--json'], env)).stdout));
    expect(stored.profile).toBe('Kabupaten Uji');
    expect(stored.status).toBe('flagged');
    expect(r1Rows(stored)).toEqual(['error 2.3/3', 'error 2.4/3']);
    const inline = Report.parse(
      JSON.parse((await runCli(['extract', CLEAN, '--json', '--profile', good], env)).stdout),
    );
    expect(stored).toEqual(inline);
    // the same file read without the profile is clean: the flags above are the profile's
    const plain = Report.parse(JSON.parse((await runCli(['extract', CLEAN, '--json'], env)).stdout));
    expect(plain.profile).toBeUndefined();
    expect(plain.status).toBe('clean');
  }, 120_000);

  it("the profile is a batch's: another run without one stores its documents without it", async () => {
    const r = await runCli(['run', OTHER, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const stored = Report.parse(JSON.parse((await runCli(['report', OTHER, '--json'], env)).stdout));
    expect(stored.profile).toBeUndefined();
  }, 120_000);

  it('--force reads the document again with the profile it was ingested with, though none is given', async () => {
    const r = await runCli(['run', CLEAN, '--force', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ queued: 1, flagged: 1 });
    const stored = Report.parse(JSON.parse((await runCli(['report', CLEAN, '--json'], env)).stdout));
    expect(stored.profile).toBe('Kabupaten Uji');
    expect(r1Rows(stored)).toEqual(['error 2.3/3', 'error 2.4/3']);
  }, 120_000);

  it('reprocess re-verifies by the method read with the profile (kept in the stored analysis)', async () => {
    // were it re-verified without the profile's method, the R1 errors would go and a new version be stored
    const r = await runCli(['reprocess', '--all'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 diverifikasi ulang: 0 berubah \(versi baru\), 2 tidak berubah/);
    const stored = Report.parse(JSON.parse((await runCli(['report', CLEAN, '--json'], env)).stdout));
    expect(stored.profile).toBe('Kabupaten Uji');
    expect(r1Rows(stored)).toEqual(['error 2.3/3', 'error 2.4/3']);
  }, 120_000);
});

describe('ingest --profile (distributed: Redis, PostgreSQL, a worker process)', () => {
  let setup: Awaited<ReturnType<typeof distributedEnv>>;
  let worker: CliProcess | null = null;
  beforeAll(async () => {
    setup = await distributedEnv();
  }, 60_000);
  afterAll(async () => {
    worker?.proc.kill('SIGKILL');
    await setup?.close();
  });

  it('keeps the profile with the document, and the worker reads with it', async () => {
    const r = await runCli(['ingest', CLEAN, '--json', '--profile', good], setup.env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ queued: 1, duplicates: 0, rejected: [] });
    const { rows } = await setup.db.query<{ profile: unknown; status: string }>(
      'SELECT profile, status FROM documents',
    );
    expect(rows).toEqual([{ profile: PROFILE, status: 'queued' }]);

    worker = spawnCli(['worker', '--concurrency', '1'], { ...setup.env, LKJ_OCR_WORKERS: '1' });
    await waitFor(() => allDone(setup.db, 1), 120_000, 'the document done');
    // the worker logs the version after committing it: on a busy machine its line comes later
    await waitFor(
      async () => /pasirian-tw1-2023\.pdf: flagged \(version 1\)/.test(worker!.output()),
      10_000,
      "the worker's line for the version",
    );
    worker.proc.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    worker = null;

    const stored = Report.parse(JSON.parse((await runCli(['report', CLEAN, '--json'], setup.env)).stdout));
    expect(stored.profile).toBe('Kabupaten Uji');
    expect(r1Rows(stored)).toEqual(['error 2.3/3', 'error 2.4/3']);
    const inline = Report.parse(
      JSON.parse((await runCli(['extract', CLEAN, '--json', '--profile', good], setup.env)).stdout),
    );
    expect(stored).toEqual(inline);
  }, 180_000);

  it('a bad profile queues nothing', async () => {
    const r = await runCli(['ingest', OTHER, '--json', '--profile', bad], setup.env);
    expect(r.code).toBe(2);
    const { rows } = await setup.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM documents');
    expect(rows[0]!.n).toBe(1);
  });
});
