/**
 * Issue 12 item 10: the app's own database role can disable the audit log's triggers and rewrite
 * history; token actions recorded only the user. Now a token action records the token's id, every
 * row holds the hash of the previous one, and `lkj audit verify` recomputes the chain outside the
 * database: changed, inserted and deleted rows are found (a full rewrite: with an anchor kept
 * from an earlier verify). PGlite and PostgreSQL.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newSecret, API_TOKEN_PREFIX } from '../../src/accounts/secrets.js';
import { migrate, postgresDb, type Db } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { verifyAuditLog, writeAudit } from '../../src/store/audit.js';
import { openStore, type Store } from '../../src/store/store.js';
import { Users } from '../../src/store/users.js';
import { freshDatabase, runCli } from '../helpers/services.js';
import { addUser, requester, startApi, type TestApi } from '../api/helpers.js';

/** As the app's own role can: triggers off, the change, triggers on. */
async function asOwner(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  await db.tx(async (q) => {
    await q.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await q.query(sql, params);
    await q.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
}

function suite(database: () => Promise<{ url?: string; drop(): Promise<void> }>) {
  let api: TestApi;
  let store: Store;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const d = await database();
    drop = d.drop;
    api = await startApi({ databaseUrl: d.url });
    store = api.rt.store;
    await addUser(store, 'root', 'admin');
  });
  afterAll(async () => {
    await api?.close();
    await drop?.();
  });

  it('an action through an API token records the token', async () => {
    const users = new Users(store.db);
    const root = (await users.byName('root'))!;
    const secret = newSecret(API_TOKEN_PREFIX);
    const token = await users.createToken(root.id, 'script', hashSecret(secret));
    const r = await requester(api.app)(
      { token: secret },
      { method: 'POST', url: '/api/users', payload: { username: 'made-by-script', role: 'viewer' } },
    );
    expect(r.statusCode).toBe(201);
    const audit = await requester(api.app)({ token: secret }, { method: 'GET', url: '/api/audit?action=user-created' });
    expect(audit.json().items[0]).toMatchObject({ actor: 'root', tokenId: token.id });
  });

  it('rows written at once form one chain, and verify finds it intact', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        writeAudit(store.db, 'test', 'parallel', null, { i, text: 'ünïcödé 😀 "quoted" \n' }),
      ),
    );
    const v = await verifyAuditLog(store.db);
    expect(v.problems).toEqual([]);
    expect(v.rows).toBeGreaterThan(40);
    const [n] = await store.db.query<{ n: number; max: number }>(
      'SELECT COUNT(*)::int AS n, MAX(seq)::int AS max FROM audit_log',
    );
    expect(n).toEqual({ n: v.rows, max: v.rows });
  });

  it('a row edited with the triggers disabled is found; so is re-hashing it', async () => {
    const anchor = (await verifyAuditLog(store.db)).head!;
    await asOwner(store.db, `UPDATE audit_log SET detail = '{"i": 999}' WHERE seq = 5`);
    expect((await verifyAuditLog(store.db)).problems).toEqual([
      {
        id: expect.any(Number),
        seq: 5,
        code: 'changed',
        vars: {},
        problem: expect.stringMatching(/does not match its hash/),
      },
    ]);
    // the editor recomputes that row's hash: the next row no longer follows it
    await asOwner(
      store.db,
      `UPDATE audit_log SET hash = audit_row_hash(prev_hash, seq, at, actor, action, document_id, token_id, detail) WHERE seq = 5`,
    );
    expect((await verifyAuditLog(store.db)).problems).toEqual([
      {
        id: expect.any(Number),
        seq: 6,
        code: 'brokenLink',
        vars: {},
        problem: expect.stringMatching(/does not follow the previous row/),
      },
    ]);
    // …and every later one, rewriting the whole chain: only an anchor kept from before tells
    await store.db.tx(async (q) => {
      await q.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      const rows = await q.query<{ seq: number }>('SELECT seq FROM audit_log WHERE seq > 5 ORDER BY seq');
      for (const r of rows) {
        await q.query(
          `UPDATE audit_log a SET prev_hash = p.hash FROM audit_log p WHERE p.seq = a.seq - 1 AND a.seq = $1`,
          [r.seq],
        );
        await q.query(
          `UPDATE audit_log SET hash = audit_row_hash(prev_hash, seq, at, actor, action, document_id, token_id, detail) WHERE seq = $1`,
          [r.seq],
        );
      }
      await q.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
    expect((await verifyAuditLog(store.db)).problems).toEqual([]);
    expect((await verifyAuditLog(store.db, anchor)).problems).toEqual([
      {
        id: expect.any(Number),
        seq: anchor.seq,
        code: 'notAnchor',
        vars: { hash: anchor.hash },
        problem: expect.stringMatching(/rewritten/),
      },
    ]);
  });

  it('a deleted row and a row inserted behind the chain trigger are found', async () => {
    const before = (await verifyAuditLog(store.db)).rows;
    await asOwner(store.db, 'DELETE FROM audit_log WHERE seq = 10');
    await asOwner(store.db, `INSERT INTO audit_log (actor, action, detail) VALUES ('root', 'login', '{}')`);
    const v = await verifyAuditLog(store.db);
    expect(v.rows).toBe(before - 1);
    expect(v.problems.map((p) => p.problem)).toEqual([
      expect.stringMatching(/not in the chain/),
      expect.stringMatching(/rows 10–10 of the chain are missing/),
      expect.stringMatching(/does not follow the previous row/),
    ]);
  });
}

describe('audit chain, embedded (PGlite)', () => {
  suite(async () => ({ drop: async () => {} }));
});

describe('audit chain, PostgreSQL', () => {
  suite(async () => freshDatabase());

  it('the migration chains the rows written before it, in the order they were written', async () => {
    const fresh = await freshDatabase();
    const db = postgresDb(fresh.url);
    try {
      // the schema as it was before migration 5, with a history in it
      await db.query(
        'CREATE TABLE schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const m of MIGRATIONS.filter((x) => x.id < 5)) {
        for (const stmt of m.sql
          .split(/;\s*\n/)
          .map((x) => x.replace(/^\s*--.*$/gm, '').trim())
          .filter(Boolean))
          await db.query(stmt);
        await db.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      }
      for (const action of ['login', 'upload', 'claim', 'confirm'])
        await db.query(`INSERT INTO audit_log (actor, action, detail) VALUES ('sari', $1, '{"x": 1}')`, [action]);
      await migrate(db);
      const v = await verifyAuditLog(db);
      expect(v).toMatchObject({ rows: 4, problems: [] });
      expect(
        (await db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).map((r) => r.action),
      ).toEqual(['login', 'upload', 'claim', 'confirm']);
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

describe('lkj audit verify', () => {
  it('exits 0 on an intact log and prints its head; 1 with the tampered row named', { timeout: 180_000 }, async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-audit-'));
    const env = { LKJ_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '' };
    try {
      expect(
        (
          await runCli(
            ['user', 'add', 'sari', '--role', 'reviewer', '--password-stdin'],
            env,
            'a long enough password\n',
          )
        ).code,
      ).toBe(0);
      const ok = await runCli(['audit', 'verify'], env);
      expect(ok.code, ok.stderr).toBe(0);
      const head = /utuh: 1 baris; kepala (1:[0-9a-f]{64})/.exec(ok.stdout)![1]!;
      const store = await openStore({ dataDir: dir });
      await asOwner(store.db, `UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1`);
      await store.close();
      const bad = await runCli(['audit', 'verify', '--anchor', head, '--lang', 'en'], env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/row \d+ \(seq 1\): its content does not match its hash/);
      expect(bad.stdout).toMatch(/TAMPERED: 1 rows/);
      const id = await runCli(['audit', 'verify', '--anchor', head], env);
      expect(id.stdout).toMatch(/baris \d+ \(seq 1\): isinya tidak cocok dengan hash-nya/);
      const wrong = await runCli(['audit', 'verify', '--anchor', 'x'], env);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/--anchor harus berbentuk <seq>:<hex sha256>/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
