/**
 * The analysis stored with each report version (model/analysis.ts) read back through the store
 * (embedded PGlite): it round-trips, one stored before analyses carried a version still loads, and a
 * broken one is a clear error naming its document that stops neither the report nor the other
 * documents (`lkj reprocess --all` goes on: test/integration/queue/embedded.test.ts).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBytes, PRIORITY, processInline, reverifyStored } from '../../src/jobs/stages.js';
import { extractFile } from '../../src/pipeline/extract.js';
import { InvalidAnalysisError, openStore, type Store } from '../../src/store/store.js';
import { ROOT } from '../helpers/services.js';

const BORN = path.join(ROOT, 'fixtures/corpus/born');
const FIXTURES = ['candipuro-tw2-2024.pdf', 'pasirian-tw1-2023.pdf', 'tempeh-tw2-2023.pdf'] as const;

let dir: string;
let store: Store;
const ids = {} as Record<(typeof FIXTURES)[number], number>;
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-analysis-'));
  store = await openStore({ dataDir: dir });
  for (const name of FIXTURES) {
    const r = await ingestBytes(store, await fs.readFile(path.join(BORN, name)), name, { priority: PRIORITY.bulk });
    if (r.outcome !== 'queued') throw new Error(`${name}: ${r.outcome}`);
    await processInline(store, r.doc);
    ids[name] = r.doc.id;
  }
});
afterAll(async () => {
  await store?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const setAnalysis = (id: number, sql: string, params: unknown[] = []) =>
  store.db.query(`UPDATE report_versions SET analysis = ${sql} WHERE document_id = $1`, [id, ...params]);

describe('the stored analysis', () => {
  it('round-trips: what is read back is what extraction made, versioned', async () => {
    const id = ids['candipuro-tw2-2024.pdf'];
    const { analysis } = await extractFile(path.join(BORN, 'candipuro-tw2-2024.pdf'), { trustAnchors: null });
    const stored = await store.analysis(id);
    expect(stored?.schemaVersion).toBe(1);
    expect(stored).toEqual(json(analysis));
    const cur = (await store.current(id))!;
    expect(cur.analysis).toEqual(stored);
    expect(cur.invalidAnalysis).toBeNull();
    // stored again as a revision, it reads back the same
    const version = await store.saveRevision(id, 'test', cur.report, cur.analysis);
    expect(await store.analysis(id, version)).toEqual(stored);
    expect(await store.analysis(id, 1)).toEqual(stored);
  });

  it('stored before analyses carried a version: still loads, as version 1, and re-verifies', async () => {
    const id = ids['pasirian-tw1-2023.pdf'];
    const current = json(await store.analysis(id));
    await setAnalysis(id, `analysis - 'schemaVersion'`);
    const [raw] = await store.db.query<{ analysis: Record<string, unknown> }>(
      'SELECT analysis FROM report_versions WHERE document_id = $1',
      [id],
    );
    expect(raw!.analysis).not.toHaveProperty('schemaVersion');
    expect(await store.analysis(id)).toEqual(current);
    expect((await store.current(id))!.analysis).toEqual(current);
    const doc = (await store.document(id))!;
    expect(await reverifyStored(store, doc)).toBe('unchanged');
  });

  it('broken: a clear error naming the document; the report still reads, the other documents re-verify', async () => {
    const id = ids['tempeh-tw2-2023.pdf'];
    const report = await store.report(id);
    await setAnalysis(id, `jsonb_set(analysis, '{tables,2.3,0,fields,capaian,value}', $2::jsonb)`, [
      JSON.stringify({ not: 'a number' }),
    ]);
    const err = await store.analysis(id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidAnalysisError);
    expect((err as InvalidAnalysisError).message).toMatch(
      new RegExp(
        `^document ${id} \\(tempeh-tw2-2023\\.pdf\\), version 1: the stored analysis is not valid \\(tables\\.2\\.3\\.0\\.fields\\.capaian\\.value: `,
      ),
    );
    expect(err).toMatchObject({ documentId: id, fileName: 'tempeh-tw2-2023.pdf', version: 1 });
    const cur = (await store.current(id))!;
    expect(cur.report).toEqual(report);
    expect(cur.analysis).toBeNull();
    expect(cur.invalidAnalysis?.message).toBe((err as Error).message);
    // going through every document as `lkj reprocess --all` does: the broken one is said, the others are done
    const outcomes: Record<string, string> = {};
    for (const doc of await store.documentsWhere(['clean', 'flagged'])) {
      outcomes[doc.file_name] = await reverifyStored(store, doc).catch((e: unknown) =>
        e instanceof InvalidAnalysisError ? `invalid: ${e.documentId}` : 'crash',
      );
    }
    expect(outcomes).toEqual({
      'candipuro-tw2-2024.pdf': 'unchanged',
      'pasirian-tw1-2023.pdf': 'unchanged',
      'tempeh-tw2-2023.pdf': `invalid: ${id}`,
    });
    // not an object at all
    await setAnalysis(id, `'[1, 2]'::jsonb`);
    await expect(store.analysis(id)).rejects.toThrow(/version 1: the stored analysis is not valid \(\(the whole\): /);
  });
});
