/**
 * The API against the real PostgreSQL (a fresh database) and Redis: claims under true
 * concurrency (row locks, SKIP LOCKED), a correction, the append-only audit log, and uploads
 * queued for the workers in distributed mode.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/queue/runtime.js';
import { buildServer, type Server } from '../../src/api/server.js';
import { Review } from '../../src/store/review.js';
import { freshDatabase, queuePrefix, REDIS_URL } from '../helpers/services.js';
import { addUser, born, loadFixtures, login, multipart, requester, type Session } from './helpers.js';
import { quietLogger } from '../helpers/log.js';

const FLAGGED = [
  'ambulu-sem2-2023.pdf',
  'candipuro-tw2-2024.pdf',
  'glenmore-tw4-2024.pdf',
  'paiton-tw1-2025.pdf',
  'rogojampi-tw2-2025.pdf',
  'rowokangkung-tw4-2022.pdf',
  'singosari-sem1-2021.pdf',
  'tempeh-tw2-2023.pdf',
  'tumpang-2022.pdf',
  'wuluhan-tw3-2024.pdf',
];
const REVIEWERS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];

let db: Awaited<ReturnType<typeof freshDatabase>>;
let rt: Runtime;
let server: Server;
let call: ReturnType<typeof requester>;
const sessions: Record<string, Session> = {};
let ids: number[];
let dataDir: string;

beforeAll(async () => {
  db = await freshDatabase();
  process.env.LKJ_QUEUE_PREFIX = queuePrefix();
  rt = await openRuntime({ DATABASE_URL: db.url, REDIS_URL });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-api-pg-'));
  server = await buildServer(rt, { dataDir, webDir: null, logger: quietLogger() });
  call = requester(server.app);
  await addUser(rt.store, 'admin', 'admin');
  for (const r of REVIEWERS) await addUser(rt.store, r, 'reviewer');
  for (const u of ['admin', ...REVIEWERS]) sessions[u] = await login(server.app, u);
  ids = [...(await loadFixtures(rt.store, FLAGGED)).values()].map((d) => d.id);
}, 180_000);

afterAll(async () => {
  await server?.app.close();
  await rt?.close();
  await db?.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
  delete process.env.LKJ_QUEUE_PREFIX;
});

describe('claims on PostgreSQL', () => {
  it('six reviewers claiming at once get six different reports', async () => {
    const answers = await Promise.all(
      REVIEWERS.map((r) => call(sessions[r]!, { method: 'POST', url: '/api/review/claim' })),
    );
    const got = answers.map((a) => a.json().document?.id);
    expect(got.every((g) => typeof g === 'number')).toBe(true);
    expect(new Set(got).size).toBe(REVIEWERS.length);
    const held = await rt.store.db.query<{ document_id: number; claimed_by: string }>(
      `SELECT document_id, claimed_by FROM review_state WHERE state = 'claimed'`,
    );
    expect(held).toHaveLength(REVIEWERS.length);
    // and again: each moves on to another report, still no two alike
    const again = (
      await Promise.all(REVIEWERS.map((r) => call(sessions[r]!, { method: 'POST', url: '/api/review/claim' })))
    ).map((a) => a.json().document?.id);
    expect(new Set(again.filter(Boolean)).size).toBe(again.filter(Boolean).length);
    for (const [i, r] of REVIEWERS.entries()) expect(again[i], r).not.toBe(got[i]);
  });

  it('one report claimed by five at once: one wins, four are told who holds it', async () => {
    const target = ids.at(-1)!;
    await rt.store.db.query(
      `UPDATE review_state SET state = 'open', claimed_by = NULL, claim_expires = NULL WHERE document_id = $1`,
      [target],
    );
    const answers = await Promise.all(
      REVIEWERS.slice(0, 5).map((r) => call(sessions[r]!, { method: 'POST', url: `/api/documents/${target}/claim` })),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().review.claimedBy;
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.details.claimedBy).toBe(winner);
  });

  it('a report whose row another transaction has locked is skipped, not waited for', async () => {
    await rt.store.db.query(`UPDATE review_state SET state = 'open', claimed_by = NULL, claim_expires = NULL`);
    const review = new Review(rt.store.db, 30);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // the report claim-next would take first, locked by a transaction that stays open
      const first = (await call(sessions.admin!, { url: '/api/review/queue?limit=1' })).json().items[0].id as number;
      await client.query('BEGIN');
      await client.query('SELECT * FROM review_state WHERE document_id = $1 FOR UPDATE', [first]);
      const claimed = await review.claimNext('r6');
      expect(claimed).not.toBeNull();
      expect(claimed!.document_id).not.toBe(first);
      await client.query('ROLLBACK');
      const next = await review.claimNext('r5');
      expect(next!.document_id).toBe(first);
    } finally {
      await client.end();
    }
  });
});

describe('review on PostgreSQL', () => {
  it('a correction re-verifies into a new version and clears the finding', async () => {
    const glenmore = ids[FLAGGED.indexOf('glenmore-tw4-2024.pdf')]!;
    const reviewer =
      (await call(sessions.admin!, { url: `/api/documents/${glenmore}` })).json().document.review.claimedBy ?? 'r1';
    const r = await call(sessions[reviewer]!, {
      method: 'POST',
      url: `/api/documents/${glenmore}/corrections`,
      payload: { table: '2.3', row: '3', field: 'capaian', value: 90 },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().cleared).toEqual([expect.objectContaining({ rule: 'R1', row: '3' })]);
    const audit = (await call(sessions.admin!, { url: `/api/audit?documentId=${glenmore}&action=correct` })).json()
      .items;
    expect(audit[0]).toMatchObject({ actor: reviewer, detail: { before: { value: 99 }, after: { value: 90 } } });
  });

  it('the audit log refuses updates and deletes', async () => {
    await expect(rt.store.db.query(`UPDATE audit_log SET detail = '{}'::jsonb`)).rejects.toThrow(/append-only/);
    await expect(rt.store.db.query('DELETE FROM audit_log WHERE id > 0')).rejects.toThrow(/append-only/);
  });
});

describe('distributed mode', () => {
  it('an upload is queued for the workers with upload priority', async () => {
    const r = await call(sessions.r1!, {
      method: 'POST',
      url: '/api/documents',
      ...multipart([{ name: 'kalisat.pdf', bytes: await born('kalisat-sem1-2022.pdf') }]),
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()[0].status).toBe('queued');
    const counts = await rt.queue!.jobCounts();
    const docs = counts['lkj-documents']!;
    expect((docs.prioritized ?? 0) + (docs.waiting ?? 0)).toBe(1);
  });
});
