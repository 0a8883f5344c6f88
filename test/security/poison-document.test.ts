/**
 * Issue 12 item 2: a PDF whose font maps a glyph to U+0000 stopped embedded processing (PostgreSQL
 * refuses NUL in jsonb): the document stayed `processing`, the loop tried it first on every pass,
 * later documents waited behind it and `lkj run` exited 2. Now control characters are cleaned where
 * words are made, a store failure ends that document `failed` with its reason, and one document
 * never blocks the others (embedded loop, server background loop, `lkj run`), on PGlite and PostgreSQL.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanWordText } from '../../src/model/word.js';
import { extractBytes } from '../../src/pipeline/extract.js';
import { ingestBytes } from '../../src/jobs/stages.js';
import { MAX_INTERRUPTED_ATTEMPTS, runPending } from '../../src/queue/inline.js';
import { openStore, type Store } from '../../src/store/store.js';
import { fuzzBases, fuzzCases } from '../helpers/fuzz-corpus.js';
import { remapGlyphs } from '../helpers/raw-pdf.js';
import { freshDatabase, ROOT, runCli, waitFor } from '../helpers/services.js';
import { addUser, login, multipart, requester, startApi } from '../api/helpers.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');
let dir: string;
let nulPdf: Buffer;
let okPdf: Buffer;
/** a fuzzed mutant (seed 2943352324's upload 36) on which pdf.js throws `Invalid number: \0` */
let quotesNul: Buffer;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-poison-'));
  // every `j` of the report's fonts reads as U+0000 (13 of them land in the tables and meta)
  nulPdf = await remapGlyphs(await fs.readFile(path.join(BORN, 'pasirian-tw1-2023.pdf')), { j: 0 });
  okPdf = await fs.readFile(path.join(BORN, 'dau-tw4-2025.pdf'));
  const mutant = fuzzCases(await fuzzBases(), (2943352324 ^ 0x5bd1e995) >>> 0, 37, 'up')[36]!;
  expect(mutant.name).toBe('up-036-dau-tw4-2025-nul-tounicode.pdf');
  quotesNul = mutant.bytes;
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('control characters are cleaned where words are made', () => {
  it('cleanWordText', () => {
    expect(cleanWordText('A\u0000B')).toBe('A\ufffdB');
    expect(cleanWordText('\u0001\u0007')).toBe('');
    expect(cleanWordText('x\ud800y')).toBe('x\ufffdy'); // a lone surrogate
    expect(cleanWordText('Rp\u00a0100 \ud83d\ude00')).toBe('Rp\u00a0100 \ud83d\ude00');
  });

  it('a glyph mapped to NUL reaches no report', async () => {
    const { report } = await extractBytes(nulPdf, 'nul.pdf');
    expect(report.status).not.toBe('failed');
    const json = JSON.stringify(report);
    expect(json).not.toMatch(/\\u000[0-9a-f]|\\u001[0-9a-f]/);
    expect(json).toContain('\ufffd'); // the unreadable glyph shows as such
  });
});

async function storeFailureSuite(open: () => Promise<{ store: Store; close(): Promise<void> }>) {
  // one database for the suite (a new PGlite takes tens of seconds on a busy machine); each test its own documents
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(async () => {
    await close();
  });

  it('a document with NUL text is stored and does not hold up the next one', async () => {
    const a = await ingestBytes(store, nulPdf, 'nul.pdf');
    const b = await ingestBytes(store, okPdf, 'ok.pdf');
    const counts = await runPending(store, {});
    expect(counts.failed).toBe(0);
    expect((await store.document(a.doc!.id))!.status).toMatch(/^(clean|flagged)$/);
    expect((await store.document(b.doc!.id))!.status).toMatch(/^(clean|flagged)$/);
  });

  it("a reader's error quoting a NUL byte ends the document failed with its input reason, stored", async () => {
    const bad = await ingestBytes(store, quotesNul, 'quotes-nul.pdf');
    const good = await ingestBytes(store, okPdf, 'ok-after-nul-error.pdf');
    await runPending(store, {});
    const doc = (await store.document(bad.doc!.id))!;
    expect(doc.status).toBe('failed');
    expect(doc.failure_code).toBe('corrupt-pdf');
    // pdf.js names the byte it choked on: U+FFFD stands for it
    expect(doc.failure_reason).toMatch(/^quotes-nul\.pdf: .*\ufffd \(charCode 0\)/);
    expect((await store.report(bad.doc!.id))!.error!.message).toBe(doc.failure_reason);
    expect((await store.document(good.doc!.id))!.status).toMatch(/^(clean|flagged)$/);
  });

  it('a string PostgreSQL refuses that reaches the store is kept with U+FFFD, not refused', async () => {
    const r = await ingestBytes(store, await fs.readFile(path.join(BORN, 'glenmore-tw4-2024.pdf')), 'nul-cell.pdf');
    const { report } = await extractBytes(await fs.readFile(path.join(BORN, 'glenmore-tw4-2024.pdf')), 'nul-cell.pdf');
    const row = report.tables['2.1'][0]!;
    report.tables['2.1'][0] = { ...row, sasaran: `${row.sasaran}\u0000\ud800` };
    await store.saveReport(r.doc!.id, r.doc!.run, 'test', report);
    const stored = (await store.report(r.doc!.id))!;
    expect(stored.tables['2.1'][0]!.sasaran).toBe(`${row.sasaran}\ufffd\ufffd`);
  });

  it('a report the database refuses ends that document failed with the reason; the others go on', async () => {
    const bad = await ingestBytes(store, await fs.readFile(path.join(BORN, 'tempeh-tw2-2023.pdf')), 'refused.pdf');
    const good = await ingestBytes(store, await fs.readFile(path.join(BORN, 'genteng-tw3-2023.pdf')), 'good.pdf');
    // a real refusal by the database: only a failed report of that document gets in
    await store.db.query(
      `CREATE FUNCTION refuse_report() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'value refused by the test'; END $$`,
    );
    await store.db.query(`CREATE TRIGGER refuse_report BEFORE INSERT ON report_versions FOR EACH ROW
      WHEN (NEW.document_id = ${bad.doc!.id} AND NEW.status <> 'failed') EXECUTE FUNCTION refuse_report()`);
    const counts = await runPending(store, {});
    expect(counts).toMatchObject({ failed: 1 });
    const doc = (await store.document(bad.doc!.id))!;
    expect(doc.status).toBe('failed');
    expect(doc.failure_code).toBe('internal');
    expect(doc.failure_reason).toMatch(/^refused\.pdf: laporannya tidak dapat disimpan \(value refused by the test\)/);
    expect((await store.report(bad.doc!.id))!.status).toBe('failed');
    expect((await store.document(good.doc!.id))!.status).toMatch(/^(clean|flagged)$/);
  });

  it('when not even the failure can be stored, the document is marked failed and the loop goes on', async () => {
    const bad = await ingestBytes(store, await fs.readFile(path.join(BORN, 'kalisat-sem1-2022.pdf')), 'refused.pdf');
    const good = await ingestBytes(store, await fs.readFile(path.join(BORN, 'paiton-tw1-2025.pdf')), 'good.pdf');
    await store.db.query(
      `CREATE FUNCTION refuse_any() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'nothing of this document'; END $$`,
    );
    await store.db.query(
      `CREATE TRIGGER refuse_any BEFORE INSERT ON report_versions FOR EACH ROW WHEN (NEW.document_id = ${bad.doc!.id}) EXECUTE FUNCTION refuse_any()`,
    );
    await runPending(store, {});
    const doc = (await store.document(bad.doc!.id))!;
    expect(doc.status).toBe('failed');
    expect(doc.failure_reason).toMatch(/nothing of this document/);
    expect((await store.document(good.doc!.id))!.status).toMatch(/^(clean|flagged)$/);
    expect(await store.unfinished()).toEqual([]);
  });

  it(`a document whose processing was interrupted ${MAX_INTERRUPTED_ATTEMPTS} times is failed, not started again`, async () => {
    const r = await ingestBytes(store, await fs.readFile(path.join(BORN, 'wuluhan-tw3-2024.pdf')), 'poison.pdf');
    // as three processes killed while reading it leave it
    await store.db.query(`UPDATE documents SET status = 'processing', attempts = $2 WHERE id = $1`, [
      r.doc!.id,
      MAX_INTERRUPTED_ATTEMPTS,
    ]);
    await runPending(store, {});
    const doc = (await store.document(r.doc!.id))!;
    expect(doc.status).toBe('failed');
    expect(doc.failure_reason).toMatch(/terputus 3 kali/);
    // lkj reprocess --failed starts a new run with its own count
    expect((await store.newRun(doc.id, 'reprocess')).attempts).toBe(0);
  });
}

describe('store failures, embedded (PGlite)', () => {
  storeFailureSuite(async () => {
    const d = await fs.mkdtemp(path.join(dir, 'pglite-'));
    const store = await openStore({ dataDir: d });
    return { store, close: () => store.close() };
  });
});

describe('store failures, PostgreSQL', () => {
  storeFailureSuite(async () => {
    const db = await freshDatabase();
    const store = await openStore({ databaseUrl: db.url });
    return {
      store,
      async close() {
        await store.close();
        await db.drop();
      },
    };
  });
});

describe('one document never blocks the others', () => {
  it("the server's background loop processes a later upload after a NUL document", { timeout: 180_000 }, async () => {
    const api = await startApi({ opts: { processing: 'background' } });
    try {
      await addUser(api.rt.store, 'rev', 'reviewer');
      const as = requester(api.app);
      const s = await login(api.app, 'rev');
      const up = await as(s, {
        method: 'POST',
        url: '/api/documents',
        ...multipart([
          { name: 'nul.pdf', bytes: nulPdf },
          { name: 'ok.pdf', bytes: okPdf },
        ]),
      });
      expect(up.statusCode).toBe(201);
      const ids = (up.json() as { id: number }[]).map((i) => i.id);
      await waitFor(
        async () => {
          const docs = await Promise.all(ids.map((id) => api.rt.store.document(id)));
          return docs.every((d) => d && ['clean', 'flagged'].includes(d.status));
        },
        60_000,
        'both uploads to be processed',
      );
    } finally {
      await api.close();
    }
  });

  it('lkj run finishes the batch and exits 0', { timeout: 180_000 }, async () => {
    const batch = await fs.mkdtemp(path.join(dir, 'batch-'));
    await fs.writeFile(path.join(batch, 'a-nul.pdf'), nulPdf);
    await fs.writeFile(path.join(batch, 'b-ok.pdf'), okPdf);
    const r = await runCli(['run', batch, '--json'], {
      LKJ_DATA_DIR: path.join(batch, 'data'),
      DATABASE_URL: '',
      REDIS_URL: '',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ queued: 2, failed: 0 });
  });
});
