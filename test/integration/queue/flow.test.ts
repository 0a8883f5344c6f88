/**
 * Distributed mode end to end, against the machine's Redis and PostgreSQL: the built CLI ingests,
 * two worker processes share the work, and every document is stored once with the report the
 * inline `lkj extract` produces. Then a worker is killed with SIGKILL in the middle of a scan.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../../src/model/contract.js';
import { extractFile } from '../../../src/pipeline/extract.js';
import { closeSharedOcrPools } from '../../../src/ocr/shared-pool.js';
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
const PAGES = path.join(ROOT, 'fixtures/corpus/jpg/rowokangkung-tw4-2022');

describe('distributed flow: ingest → two workers → store', () => {
  let setup: Awaited<ReturnType<typeof distributedEnv>>;
  let inbox: string;
  const workers: CliProcess[] = [];
  beforeAll(async () => {
    setup = await distributedEnv();
    inbox = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-flow-'));
    for (const f of fs.readdirSync(BORN)) fs.copyFileSync(path.join(BORN, f), path.join(inbox, f));
    fs.cpSync(PAGES, path.join(inbox, path.basename(PAGES)), { recursive: true }); // loose JPG pages: one report
    // poison: a PDF header over garbage, and a file that is no report at all
    fs.writeFileSync(
      path.join(inbox, 'poison.pdf'),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]),
    );
    fs.writeFileSync(path.join(inbox, 'notes.txt'), 'not a report');
  });
  afterAll(async () => {
    for (const w of workers) w.proc.kill('SIGKILL');
    await closeSharedOcrPools();
    await setup?.close();
    fs.rmSync(inbox, { recursive: true, force: true });
  });

  it('ingest --json counts queued, duplicates and rejected files with reasons', async () => {
    const r = await runCli(['ingest', inbox, '--recursive', '--json'], setup.env);
    const out = JSON.parse(r.stdout) as {
      queued: number;
      duplicates: number;
      rejected: { file: string; reason: string }[];
    };
    expect(out.queued).toBe(16 + 1 + 1); // the poison PDF is queued: only opening it shows it is broken
    expect(out.duplicates).toBe(0);
    expect(out.rejected).toEqual([
      { file: path.join(inbox, 'notes.txt'), reason: expect.stringMatching(/bukan PDF/i) },
    ]);
    expect(r.code).toBe(1);
    const again = JSON.parse(
      (await runCli(['ingest', inbox, '--recursive', '--json'], setup.env)).stdout,
    ) as typeof out;
    expect(again).toEqual({ queued: 0, duplicates: 19, rejected: [] });
  });

  it('two worker processes finish every document exactly once', async () => {
    for (let i = 0; i < 2; i++)
      workers.push(spawnCli(['worker', '--concurrency', '1'], { ...setup.env, LKJ_OCR_WORKERS: '1' }));
    await waitFor(() => allDone(setup.db, 19), 240_000, 'all 19 documents done');
    const { rows: versions } = await setup.db.query<{ document_id: number; n: number }>(
      'SELECT document_id, COUNT(*)::int AS n FROM report_versions GROUP BY document_id',
    );
    expect(versions).toHaveLength(19);
    expect(versions.every((v) => v.n === 1)).toBe(true);
    // both workers took part
    for (const w of workers) expect(w.output()).toMatch(/: (clean|flagged|failed) \(version 1\)/);
    const counts = await statusCounts(setup.db);
    expect(counts.failed).toBe(2); // notes.txt at ingest, poison.pdf in its prepare job
  }, 300_000);

  it('a poison file fails with its reason; the rest are unaffected', async () => {
    const { rows } = await setup.db.query<{ file_name: string; failure_code: string; failure_reason: string }>(
      `SELECT file_name, failure_code, failure_reason FROM documents WHERE status = 'failed' ORDER BY file_name`,
    );
    expect(rows.map((r) => [r.file_name, r.failure_code])).toEqual([
      ['notes.txt', 'not-pdf'],
      ['poison.pdf', 'corrupt-pdf'],
    ]);
    expect(rows[1]!.failure_reason).toMatch(/poison\.pdf/);
    const status = JSON.parse((await runCli(['status', '--json'], setup.env)).stdout) as {
      documents: Record<string, number>;
      failures: { file: string; reason: string }[];
    };
    expect(status.documents).toEqual({
      total: 19,
      pending: 0,
      clean: expect.any(Number),
      flagged: expect.any(Number),
      failed: 2,
    });
    expect(status.failures.map((f) => f.file).sort()).toEqual(['notes.txt', 'poison.pdf']);
  });

  // (a scanned PDF through the queue is the SIGKILL test below; its pages take the same page jobs)
  it('stores the same report the inline extract produces (born, a folder of scanned JPG pages)', async () => {
    const files = fs.readdirSync(BORN).map((f) => path.join(BORN, f));
    for (const file of files) {
      const inline = (await extractFile(file)).report;
      const r = await runCli(['report', file, '--json'], setup.env);
      expect(r.code, r.stderr).toBe(0);
      const stored = Report.parse(JSON.parse(r.stdout));
      expect(stored, path.basename(file)).toEqual(inline);
    }
    const folder = (await extractFile(PAGES)).report;
    expect(folder.status).toBe('flagged');
    const r = await runCli(['report', folder.source.sha256!, '--json'], setup.env);
    expect(Report.parse(JSON.parse(r.stdout))).toEqual(folder);
  }, 600_000);

  it('normalised rows answer questions in SQL', async () => {
    const { rows } = await setup.db.query<{ kecamatan: string; capaian: number }>(
      `SELECT DISTINCT v.kecamatan, p.capaian FROM performance p JOIN report_versions v ON v.id = p.version_id
       JOIN documents d ON d.id = v.document_id AND d.current_version = v.version
       WHERE p.capaian < 50 ORDER BY 1, 2`,
    );
    const truthLow = new Set<string>();
    for (const f of fs.readdirSync(BORN)) {
      const truth = JSON.parse(
        fs.readFileSync(path.join(ROOT, 'fixtures/corpus/truth', f.replace(/\.pdf$/, '.json')), 'utf8'),
      ) as Report;
      for (const r of truth.tables['2.3'])
        if (r.capaian !== null && r.capaian < 50) truthLow.add(truth.report.kecamatan!);
    }
    expect(new Set(rows.map((r) => r.kecamatan))).toEqual(truthLow);
  });
});

describe('a worker killed with SIGKILL in the middle of a document', () => {
  it('the other worker completes it, with exactly one report version', async () => {
    const setup = await distributedEnv();
    const env = { ...setup.env, LKJ_LOCK_MS: '10000', LKJ_OCR_WORKERS: '1' };
    const file = path.join(ROOT, 'fixtures/corpus/scan/rowokangkung-tw4-2022_scan.pdf');
    let a: CliProcess | null = null,
      b: CliProcess | null = null;
    try {
      expect(JSON.parse((await runCli(['ingest', file, '--json'], env)).stdout).queued).toBe(1);
      a = spawnCli(['worker', '--concurrency', '1'], env);
      // mid-document: some pages read, not all
      await waitFor(
        async () => (await setup.db.query('SELECT 1 FROM page_results')).rowCount! >= 1,
        120_000,
        'a first page read',
      );
      a.proc.kill('SIGKILL');
      await a.exited;
      const before = await setup.db.query<{ status: string }>('SELECT status FROM documents');
      expect(before.rows[0]!.status).toBe('processing');
      b = spawnCli(['worker', '--concurrency', '2'], env);
      await waitFor(() => allDone(setup.db, 1), 240_000, 'the document done by the second worker');
      const { rows } = await setup.db.query<{ n: number; status: string }>(
        'SELECT COUNT(*)::int AS n, MIN(status) AS status FROM report_versions',
      );
      expect(rows[0]).toEqual({ n: 1, status: 'flagged' });
      // the worker logs the version after committing it: on a busy machine its line comes later
      await waitFor(
        async () => /rowokangkung-tw4-2022_scan\.pdf: flagged \(version 1\)/.test(b!.output()),
        10_000,
        "the worker's line for the version",
      );
      b.proc.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    } finally {
      a?.proc.kill('SIGKILL');
      b?.proc.kill('SIGKILL');
      await setup.close();
    }
  }, 400_000);
});
