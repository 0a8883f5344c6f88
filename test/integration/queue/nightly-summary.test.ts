/**
 * Nightly summaries on the real PostgreSQL: every finished document is counted by exactly one summary,
 * also when its version commits while a summary is being written (a storing transaction stamps
 * processed_at when it starts, so a time window lost such documents), and when schedulers overlap.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/store.js';
import { loadFixtures } from '../../api/helpers.js';
import { freshDatabase } from '../../helpers/services.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let store: Store;
let side: pg.Client;

const intake = { inbox: '/inbox', found: 0, queued: 0, duplicates: 0, rejected: 0 };
const fakeSha = (n: number) => n.toString(16).padStart(64, '0');
// the statement a worker's storing transaction runs (Store.storeVersion)
const FINISH = `UPDATE documents SET status = $2, processed_at = now(), summarised = false, updated_at = now() WHERE id = $1`;

beforeAll(async () => {
  db = await freshDatabase();
  store = await openStore({ databaseUrl: db.url });
  side = new pg.Client({ connectionString: db.url });
  await side.connect();
}, 60_000);

afterAll(async () => {
  await side?.end();
  await store?.close();
  await db?.drop();
});

describe('nightly summaries', () => {
  it('count a document whose storing transaction commits after a summary began in the next summary', async () => {
    const a = (
      await store.registerDocument({ sha256: fakeSha(1), fileName: 'a.pdf', size: 1, kind: 'pdf', priority: 10 })
    ).doc;
    const b = (
      await store.registerDocument({ sha256: fakeSha(2), fileName: 'b.pdf', size: 1, kind: 'pdf', priority: 10 })
    ).doc;
    await side.query('BEGIN');
    await side.query(FINISH, [a.id, 'flagged']);
    await new Promise((r) => setTimeout(r, 50)); // a's processed_at is now older than anything the summary stamps
    await store.db.query(FINISH, [b.id, 'clean']);
    expect(await store.recordNightly(intake)).toEqual({ processed: 1, flagged: 0, failed: 0 });
    await side.query('COMMIT');
    expect(await store.recordNightly(intake)).toEqual({ processed: 1, flagged: 1, failed: 0 });
    expect(await store.recordNightly(intake)).toEqual({ processed: 0, flagged: 0, failed: 0 });
    const [sum] = await store.db.query<{ processed: number; n: number }>(
      'SELECT SUM(processed)::int AS processed, COUNT(*)::int AS n FROM nightly_summaries',
    );
    expect(sum).toEqual({ processed: 2, n: 3 });
  });

  it('overlapping summaries split the finished documents between them, none twice', async () => {
    const ids: number[] = [];
    for (let i = 10; i < 30; i++)
      ids.push(
        (await store.registerDocument({ sha256: fakeSha(i), fileName: `${i}.pdf`, size: 1, kind: 'pdf', priority: 10 }))
          .doc.id,
      );
    for (const id of ids) await store.db.query(FINISH, [id, id % 3 ? 'clean' : 'failed']);
    const runs = await Promise.all([
      store.recordNightly(intake),
      store.recordNightly(intake),
      store.recordNightly(intake),
    ]);
    expect(runs.reduce((s, r) => s + r.processed, 0)).toBe(ids.length);
    expect(runs.reduce((s, r) => s + r.failed, 0)).toBe(ids.filter((id) => id % 3 === 0).length);
  });

  it('a stored report and a later re-verified version each count once', async () => {
    const [doc] = [...(await loadFixtures(store, ['dau-tw4-2025.pdf'])).values()];
    expect(await store.recordNightly(intake)).toMatchObject({ processed: 1 });
    const cur = (await store.current(doc!.id))!;
    await store.saveRevision(doc!.id, 'rule change', cur.report, cur.analysis);
    expect(await store.recordNightly(intake)).toMatchObject({ processed: 1 });
    expect(await store.recordNightly(intake)).toMatchObject({ processed: 0 });
  }, 60_000);
});
