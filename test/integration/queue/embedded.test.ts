/**
 * Embedded mode through the CLI (no Redis, PGlite under LKJ_DATA_DIR): run, dedup, --force
 * versions, report, reprocess. The same commands as distributed mode, the same stage functions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../../src/model/contract.js';
import { openStore } from '../../../src/store/store.js';
import { ROOT, runCli } from '../../helpers/services.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');
const REPLICA = path.join(BORN, 'candipuro-tw2-2024.pdf');
const CLEAN = path.join(BORN, 'pasirian-tw1-2023.pdf');

/** A data folder of its own for the describe block calling it, removed after; embedded mode forced. */
function embeddedDataDir(prefix: string): { dir: () => string; env: () => Record<string, string> } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir: () => dir, env: () => ({ LKJ_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '' }) };
}

describe('embedded mode (PGlite, in-process)', () => {
  const data = embeddedDataDir('lkj-emb-');
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dataDir = data.dir();
    env = data.env();
  });

  it('run processes a folder in-process and prints a summary; originals are kept content-addressed', async () => {
    const r = await runCli(['run', BORN, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      queued: 16,
      duplicates: 0,
      rejected: [],
      clean: 6,
      flagged: 10,
      failed: 0,
    });
    const sha = Report.parse(JSON.parse((await runCli(['extract', REPLICA, '--json'], env)).stdout)).source.sha256!;
    const kept = fs.readFileSync(path.join(dataDir, 'originals', sha.slice(0, 2), sha));
    expect(kept.equals(fs.readFileSync(REPLICA))).toBe(true);
  }, 120_000);

  it('the same bytes again are a duplicate; status and report read the store', async () => {
    expect(JSON.parse((await runCli(['ingest', BORN, '--json'], env)).stdout)).toEqual({
      queued: 0,
      duplicates: 16,
      rejected: [],
    });
    const status = JSON.parse((await runCli(['status', '--json'], env)).stdout) as {
      documents: unknown;
      failures: unknown[];
    };
    expect(status.documents).toEqual({ total: 16, pending: 0, clean: 6, flagged: 10, failed: 0 });
    expect(status.failures).toEqual([]);
    const stored = Report.parse(JSON.parse((await runCli(['report', REPLICA, '--json'], env)).stdout));
    const inline = Report.parse(JSON.parse((await runCli(['extract', REPLICA, '--json'], env)).stdout));
    expect(stored).toEqual(inline);
    const text = await runCli(['report', stored.source.sha256!.slice(0, 12), '--lang', 'en'], env);
    expect(text.stdout).toMatch(/candipuro-tw2-2024\.pdf\s+FLAGGED/);
    const missing = await runCli(['report', 'ffffffffffff'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/tidak ada dokumen tersimpan yang cocok dengan ffffffffffff/);
  }, 120_000);

  it('--force re-processes into a new version with its reason', async () => {
    const r = await runCli(['run', CLEAN, '--force', '--json'], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ queued: 1, clean: 1 });
    const store = await openStore({ dataDir });
    try {
      const doc = (await store.documentsWhere('all')).find((d) => d.file_name === 'pasirian-tw1-2023.pdf')!;
      expect((await store.versions(doc.id)).map((v) => [v.version, v.reason])).toEqual([
        [1, 'ingest'],
        [2, 'force'],
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('reprocess --all re-verifies stored reports: a new version only where the result changed', async () => {
    // a report stored under an older rule set: its flags differ from what the rules say today
    let replicaId = 0;
    const store = await openStore({ dataDir });
    try {
      const doc = (await store.documentsWhere('all')).find((d) => d.file_name === 'candipuro-tw2-2024.pdf')!;
      replicaId = doc.id;
      await store.db.query(
        `UPDATE report_versions SET report = jsonb_set(report, '{discrepancies}', '[]'::jsonb) WHERE document_id = $1`,
        [doc.id],
      );
    } finally {
      await store.close();
    }
    const r = await runCli(['reprocess', '--all'], env);
    expect(r.stdout).toMatch(/16 diverifikasi ulang: 1 berubah \(versi baru\), 15 tidak berubah/);
    const again = await runCli(['reprocess', '--all'], env);
    expect(again.stdout).toMatch(/16 diverifikasi ulang: 0 berubah \(versi baru\), 16 tidak berubah/);
    const s2 = await openStore({ dataDir });
    try {
      expect((await s2.versions(replicaId)).map((v) => v.reason)).toEqual(['ingest', 'reprocess']);
      expect((await s2.report(replicaId))!.discrepancies.length).toBeGreaterThan(0);
    } finally {
      await s2.close();
    }
  }, 120_000);

  it('reprocess --all says which document has a broken stored analysis and re-verifies the others', async () => {
    let id = 0;
    const broken = async (sql: string) => {
      const store = await openStore({ dataDir });
      try {
        id = (await store.documentsWhere('all')).find((d) => d.file_name === 'glenmore-tw4-2024.pdf')!.id;
        await store.db.query(`UPDATE report_versions SET analysis = ${sql} WHERE document_id = $1`, [id]);
      } finally {
        await store.close();
      }
    };
    await broken(`jsonb_set(analysis, '{meta,period}', '"tribulan 4"')`);
    // (in the reports' language: --lang en would word every finding anew, a new version each)
    const r = await runCli(['reprocess', '--all'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `dokumen ${id} \\(glenmore-tw4-2024\\.pdf\\), versi 1: analisis tersimpan tidak valid \\(meta\\.period: [^\\n]*\\); dokumen lain tetap diverifikasi ulang`,
      ),
    );
    expect(r.stdout).toMatch(
      /16 diverifikasi ulang: 0 berubah \(versi baru\), 15 tidak berubah, 0 tanpa analisis tersimpan, 1 dengan analisis tersimpan yang tidak valid/,
    );
    // an analysis stored before analyses carried a version is no broken one
    await broken(
      `jsonb_set(analysis, '{meta,period}', (SELECT report->'report'->'period' FROM report_versions WHERE document_id = $1 AND version = 1)) - 'schemaVersion'`,
    );
    const again = await runCli(['reprocess', '--all'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /16 diverifikasi ulang: 0 berubah \(versi baru\), 16 tidak berubah, 0 tanpa analisis tersimpan, 0 dengan analisis tersimpan yang tidak valid/,
    );
  }, 120_000);

  it('reprocess --failed runs failed documents again; usage errors are explained', async () => {
    const bad = path.join(dataDir, 'broken.pdf');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 0x20)]));
    const r = await runCli(['run', bad], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 diproses .*1 gagal/);
    const re = await runCli(['reprocess', '--failed', '--lang', 'en'], env);
    expect(re.stdout).toMatch(/1 failed document\(s\) processed again: 0 clean, 0 flagged, 1 failed/);
    const none = await runCli(['reprocess'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/pilih --failed, --all, atau keduanya/);
  }, 120_000);
});

describe('lkj report before the document is read', () => {
  const data = embeddedDataDir('lkj-emb-ready-');
  let own: string;
  let ownEnv: Record<string, string>;
  beforeAll(() => {
    own = data.dir();
    ownEnv = data.env();
  });

  it('a document stored but not yet read: lkj report says so and exits 4 (3 is an internal error)', async () => {
    const copy = path.join(own, 'later.pdf');
    fs.writeFileSync(copy, Buffer.concat([fs.readFileSync(CLEAN), Buffer.from('\n% another copy\n')]));
    expect(JSON.parse((await runCli(['ingest', copy, '--json'], ownEnv)).stdout)).toMatchObject({ queued: 1 });
    const r = await runCli(['report', copy], ownEnv);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/later\.pdf: dalam antrean, belum ada laporan/);
    const json = await runCli(['report', copy, '--json'], ownEnv);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'queued' });
  }, 120_000);
});
