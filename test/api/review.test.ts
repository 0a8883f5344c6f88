/**
 * The review workflow through the API: the queue's order, claims (exclusive, expiring, two at
 * once), confirming and dismissing findings, correcting a misread value (re-verified at once,
 * the flag clears), marking reviewed, and the audit log of it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, loadFixtures, login, requester, startApi, type Session, type TestApi } from './helpers.js';

let api: TestApi;
let call: ReturnType<typeof requester>;
let admin: Session, rudi: Session, sari: Session, vina: Session;
const id = {} as Record<'tempeh' | 'glenmore' | 'paiton' | 'candipuro' | 'dau', number>;

// tempeh is the oldest; it is given warnings only below, so it must come last in the queue
const FIXTURES = [
  'tempeh-tw2-2023.pdf',
  'glenmore-tw4-2024.pdf',
  'paiton-tw1-2025.pdf',
  'candipuro-tw2-2024.pdf',
  'dau-tw4-2025.pdf',
];

beforeAll(async () => {
  api = await startApi();
  call = requester(api.app);
  await addUser(api.rt.store, 'ana', 'admin');
  await addUser(api.rt.store, 'rudi', 'reviewer');
  await addUser(api.rt.store, 'sari', 'reviewer');
  await addUser(api.rt.store, 'vina', 'viewer');
  [admin, rudi, sari, vina] = await Promise.all([
    login(api.app, 'ana'),
    login(api.app, 'rudi'),
    login(api.app, 'sari'),
    login(api.app, 'vina'),
  ]);
  for (const [name, doc] of await loadFixtures(api.rt.store, FIXTURES))
    id[name.split('-')[0] as keyof typeof id] = doc.id;
  const cur = (await api.rt.store.current(id.tempeh!))!;
  await api.rt.store.saveRevision(
    id.tempeh!,
    'test',
    { ...cur.report, discrepancies: cur.report.discrepancies.filter((d) => d.severity === 'warning') },
    cur.analysis,
  );
});
afterAll(async () => {
  await api?.close();
});

const queue = async (q = '') => (await call(vina, { url: `/api/review/queue${q}` })).json();
const detail = async (doc: number) => (await call(vina, { url: `/api/documents/${doc}` })).json();
const findIndex = (
  d: { report: { discrepancies: { rule: string; table: string; row: string; field: string }[] } },
  rule: string,
  table: string,
  row: string,
  field: string,
) =>
  d.report.discrepancies.findIndex((x) => x.rule === rule && x.table === table && x.row === row && x.field === field);

describe('the queue', () => {
  it('lists flagged reports, most severe first, then the oldest, with counts', async () => {
    const q = await queue();
    expect(q.items.map((i: { id: number }) => i.id)).toEqual([id.glenmore, id.paiton, id.candipuro, id.tempeh]);
    expect(q.counts).toEqual({ total: 4, open: 4, claimed: 0, mostSevere: { error: 3, uncertain: 0, warning: 1 } });
    expect(q.items[0].discrepancies).toEqual({ error: 4, uncertain: 0, warning: 0 });
    expect((await queue('?kabupaten=Lumajang')).items.map((i: { id: number }) => i.id)).toEqual([
      id.candipuro,
      id.tempeh,
    ]);
    expect((await queue('?review=reviewed')).items).toEqual([]);
    expect((await queue('?severity=warning')).items.map((i: { id: number }) => i.id)).toEqual([
      id.candipuro,
      id.tempeh,
    ]);
  });
});

describe('claims', () => {
  it('two reviewers claiming at once get different reports', async () => {
    const [a, b] = await Promise.all([
      call(rudi, { method: 'POST', url: '/api/review/claim' }),
      call(sari, { method: 'POST', url: '/api/review/claim' }),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const got = [a.json().document.id, b.json().document.id];
    expect(new Set(got).size).toBe(2);
    expect(got.sort()).toEqual([id.glenmore, id.paiton].sort());
    expect(a.json().expiresAt).toEqual(expect.any(String));
    const q = await queue();
    expect(q.counts).toMatchObject({ open: 2, claimed: 2 });
    expect(q.items.find((i: { id: number }) => i.id === a.json().document.id).review).toMatchObject({
      state: 'claimed',
      claimedBy: 'rudi',
    });
  });

  it('a report held by another reviewer cannot be claimed or acted on; an expired claim can', async () => {
    const held = (await queue()).items.find((i: { review: { claimedBy: string } }) => i.review.claimedBy === 'sari').id;
    const r = await call(rudi, { method: 'POST', url: `/api/documents/${held}/claim` });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'claimed', details: { claimedBy: 'sari' } });
    expect(
      (await call(rudi, { method: 'POST', url: `/api/documents/${held}/discrepancies/0/confirm`, payload: {} }))
        .statusCode,
    ).toBe(409);
    expect((await call(rudi, { method: 'POST', url: `/api/documents/${held}/release` })).statusCode).toBe(409);
    await api.rt.store.db.query(
      `UPDATE review_state SET claim_expires = now() - interval '1 minute' WHERE document_id = $1`,
      [held],
    );
    expect((await queue()).items.find((i: { id: number }) => i.id === held).review.state).toBe('open');
    const taken = await call(rudi, { method: 'POST', url: `/api/documents/${held}/claim` });
    expect(taken.statusCode).toBe(200);
    expect(taken.json().review).toMatchObject({ state: 'claimed', claimedBy: 'rudi' });
  });

  it('claiming the next report releases your others; releasing returns a report to the queue', async () => {
    const next = (await call(sari, { method: 'POST', url: '/api/review/claim' })).json().document.id;
    const mine = (await queue()).items.filter((i: { review: { claimedBy: string } }) => i.review.claimedBy === 'sari');
    expect(mine.map((i: { id: number }) => i.id)).toEqual([next]);
    const rel = await call(sari, { method: 'POST', url: `/api/documents/${next}/release` });
    expect(rel.statusCode).toBe(200);
    expect(rel.json().review.state).toBe('open');
  });

  it('viewers cannot claim', async () => {
    expect((await call(vina, { method: 'POST', url: '/api/review/claim' })).statusCode).toBe(403);
    expect((await call(vina, { method: 'POST', url: `/api/documents/${id.candipuro}/claim` })).statusCode).toBe(403);
  });
});

describe('decisions', () => {
  it('confirm a finding; dismiss another with a reason (required)', async () => {
    const d = await detail(id.candipuro);
    const r5 = findIndex(d, 'R5', '2.5', 'JUMLAH', 'realisasi');
    const r9 = findIndex(d, 'R9', '2.2', '1', 'min');
    const ok = await call(sari, {
      method: 'POST',
      url: `/api/documents/${id.candipuro}/discrepancies/${r5}/confirm`,
      payload: { version: 1, note: 'JUMLAH realisasi salah jumlah' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      decision: { outcome: 'confirmed', by: 'sari', version: 1 },
      review: { state: 'claimed', claimedBy: 'sari' },
    });
    expect(
      (
        await call(sari, {
          method: 'POST',
          url: `/api/documents/${id.candipuro}/discrepancies/${r9}/dismiss`,
          payload: {},
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(sari, {
          method: 'POST',
          url: `/api/documents/${id.candipuro}/discrepancies/${r9}/dismiss`,
          payload: { reason: '  ' },
        })
      ).statusCode,
    ).toBe(400);
    const dis = await call(sari, {
      method: 'POST',
      url: `/api/documents/${id.candipuro}/discrepancies/${r9}/dismiss`,
      payload: { reason: 'batas 90/91 dibaca wajar' },
    });
    expect(dis.json().decision).toMatchObject({ outcome: 'dismissed', reason: 'batas 90/91 dibaca wajar' });
    const after = await detail(id.candipuro);
    expect(after.discrepancies[r5].decision).toMatchObject({ outcome: 'confirmed', by: 'sari' });
    expect(after.discrepancies[r9].decision).toMatchObject({
      outcome: 'dismissed',
      reason: 'batas 90/91 dibaca wajar',
    });
    expect(
      (
        await call(sari, {
          method: 'POST',
          url: `/api/documents/${id.candipuro}/discrepancies/999/confirm`,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(sari, {
          method: 'POST',
          url: `/api/documents/${id.candipuro}/discrepancies/0/confirm`,
          payload: { version: 7 },
        })
      ).json().error.code,
    ).toBe('stale-version');
  });
});

describe('corrections', () => {
  it('correcting a misread value re-verifies at once: a new version, the flag clears', async () => {
    const before = await detail(id.glenmore);
    const i = findIndex(before, 'R1', '2.3', '3', 'capaian');
    expect(before.report.discrepancies[i]).toMatchObject({ stated: 99, expected: 90 });
    await call(rudi, { method: 'POST', url: `/api/documents/${id.glenmore}/claim` });
    const r = await call(rudi, {
      method: 'POST',
      url: `/api/documents/${id.glenmore}/corrections`,
      payload: { version: 1, table: '2.3', row: '3', field: 'capaian', value: '90%' },
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      version: 2,
      status: 'flagged',
      before: { value: 99 },
      after: { value: 90, conf: 100 },
    });
    expect(body.cleared).toEqual([expect.objectContaining({ rule: 'R1', table: '2.3', row: '3', field: 'capaian' })]);
    expect(body.added).toEqual([]);
    expect(body.discrepancies).toHaveLength(before.report.discrepancies.length - 1);
    expect(body.evidenceUrls[0]).toMatch(/\?version=2$/);
    const after = await detail(id.glenmore);
    expect(after.document).toMatchObject({ version: 2, review: { state: 'claimed', claimedBy: 'rudi' } }); // the claim survives the new version
    expect(after.versions.map((v: { reason: string }) => v.reason)).toEqual(['ingest', 'correction']);
    expect(after.report.tables['2.3'].find((x: { no: string }) => x.no === '3').capaian).toBe(90);
    const prov = (await call(vina, { url: `/api/documents/${id.glenmore}/analysis` })).json();
    expect(prov.tables['2.3'].find((x: { no: string }) => x.no === '3').fields.capaian).toMatchObject({
      value: 90,
      conf: 100,
      correctedBy: 'rudi',
    });
    expect(
      (await call(vina, { url: `/api/documents/${id.glenmore}/versions/1` }))
        .json()
        .tables['2.3'].find((x: { no: string }) => x.no === '3').capaian,
    ).toBe(99);
  });

  it('correcting every misread value of a report makes it clean: it leaves the queue', async () => {
    const doc = id.paiton!;
    expect((await detail(doc)).document.review.claimedBy).toBe('rudi'); // since the claims above
    let version = (await detail(doc)).document.version;
    for (const c of [
      { table: '2.4', row: '4', field: 'capaian', value: 95 },
      { table: '2.1', row: '2', field: 'target', value: 80 },
      { table: '2.4', row: '3', field: 'target', value: 5 },
      { table: '2.4', row: '3', field: 'capaian', value: '80%' }, // 4 of 4 was printed as 100%: with the target 5 it is 80%
    ]) {
      const r = await call(rudi, {
        method: 'POST',
        url: `/api/documents/${doc}/corrections`,
        payload: { ...c, version },
      });
      expect(r.statusCode, JSON.stringify(r.json())).toBe(200);
      version = r.json().version;
    }
    const d = await detail(doc);
    expect(d.document.status).toBe('clean');
    expect(d.report.discrepancies).toEqual([]);
    expect((await queue()).items.map((i: { id: number }) => i.id)).not.toContain(doc);
    const rows = await api.rt.store.db.query(
      'SELECT tbl, row_no, field, actor FROM corrections WHERE document_id = $1 ORDER BY id',
      [doc],
    );
    expect(rows).toEqual([
      { tbl: '2.4', row_no: '4', field: 'capaian', actor: 'rudi' },
      { tbl: '2.1', row_no: '2', field: 'target', actor: 'rudi' },
      { tbl: '2.4', row_no: '3', field: 'target', actor: 'rudi' },
      { tbl: '2.4', row_no: '3', field: 'capaian', actor: 'rudi' },
    ]);
  });

  it('refuses a stale version, a cell that does not exist, a value that is no number, a repeated label', async () => {
    const doc = id.glenmore!;
    const post = (payload: object, who = rudi) =>
      call(who, { method: 'POST', url: `/api/documents/${doc}/corrections`, payload });
    expect((await post({ version: 1, table: '2.3', row: '3', field: 'capaian', value: 91 })).json().error.code).toBe(
      'stale-version',
    );
    expect((await post({ table: '2.3', row: '3', field: 'pagu', value: 1 })).json().error.code).toBe('no-such-field');
    expect((await post({ table: '2.3', row: '42', field: 'capaian', value: 1 })).json().error.code).toBe('no-such-row');
    const bad = await post({ table: '2.3', row: '3', field: 'capaian', value: 'sembilan puluh' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('bad-value');
    expect((await post({ table: '2.9', row: '3', field: 'capaian', value: 1 })).statusCode).toBe(400);
    expect((await post({ table: '2.3', row: '3', field: 'capaian', value: 90 }, sari)).json().error.code).toBe(
      'claimed',
    );
    expect((await post({ table: '2.3', row: '3', field: 'capaian', value: 90 }, vina)).statusCode).toBe(403);
    const cand = await call(sari, {
      method: 'POST',
      url: `/api/documents/${id.candipuro}/corrections`,
      payload: { table: 'narrative', row: 'capaianKinerja', field: 'value', value: 25.89 },
    });
    expect(cand.json().error.code).toBe('ambiguous-row');
    expect((await detail(doc)).document.version).toBe(2);
  });
});

describe('a stored analysis of no known shape', () => {
  it('refuses a correction with an error naming the document, and stores nothing; a decision still goes through', async () => {
    const doc = id.glenmore!;
    const db = api.rt.store.db;
    const before = await detail(doc);
    const [{ analysis }] = (await db.query<{ analysis: unknown }>(
      'SELECT analysis FROM report_versions WHERE document_id = $1 AND version = $2',
      [doc, before.document.version],
    )) as [{ analysis: unknown }];
    await db.query(
      `UPDATE report_versions SET analysis = jsonb_set(analysis, '{tables,2.3}', '{"rows": 1}') WHERE document_id = $1 AND version = $2`,
      [doc, before.document.version],
    );
    try {
      const r = await call(rudi, {
        method: 'POST',
        url: `/api/documents/${doc}/corrections?lang=en`,
        payload: { version: before.document.version, table: '2.3', row: '3', field: 'capaian', value: 91 },
      });
      expect(r.statusCode).toBe(500);
      expect(r.json().error).toMatchObject({ code: 'invalid-analysis' });
      expect(r.json().error.message).toMatch(
        new RegExp(
          `^the stored analysis of document ${doc} \\(glenmore-tw4-2024\\.pdf\\), version ${before.document.version}, is not valid: tables\\.2\\.3: `,
        ),
      );
      expect((await detail(doc)).versions).toEqual(before.versions);
      const index = before.discrepancies.findIndex((d: { decision: unknown }) => !d.decision);
      const confirm = await call(rudi, {
        method: 'POST',
        url: `/api/documents/${doc}/discrepancies/${index}/confirm`,
        payload: { version: before.document.version },
      });
      expect(confirm.statusCode).toBe(200);
    } finally {
      await db.query('UPDATE report_versions SET analysis = $2 WHERE document_id = $1 AND version = $3', [
        doc,
        JSON.stringify(analysis),
        before.document.version,
      ]);
    }
  });
});

describe('reviewed', () => {
  it('marking a report reviewed releases it and takes it out of the queue', async () => {
    const r = await call(sari, {
      method: 'POST',
      url: `/api/documents/${id.candipuro}/reviewed`,
      payload: { note: 'selesai' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ review: { state: 'reviewed', reviewedBy: 'sari', claimedBy: null } });
    expect(r.json().undecided).toBe((await detail(id.candipuro)).report.discrepancies.length - 2);
    expect((await queue()).items.map((i: { id: number }) => i.id)).not.toContain(id.candipuro);
    expect(
      (await call(vina, { url: '/api/documents?review=reviewed' })).json().items.map((i: { id: number }) => i.id),
    ).toEqual([id.candipuro]);
  });
});

describe('the audit log', () => {
  it('records every action with who, when, before and after; admins read it', async () => {
    const r = await call(admin, { url: `/api/audit?documentId=${id.glenmore}` });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { actor: string; action: string; at: string; detail: Record<string, unknown> }[];
    const correct = items.find((e) => e.action === 'correct')!;
    expect(correct).toMatchObject({
      actor: 'rudi',
      detail: {
        table: '2.3',
        row: '3',
        field: 'capaian',
        fromVersion: 1,
        toVersion: 2,
        before: { value: 99 },
        after: { value: 90 },
      },
    });
    expect(Date.parse(correct.at)).toBeGreaterThan(Date.now() - 600_000);
    const actions = new Set(
      ((await call(admin, { url: '/api/audit?limit=1000' })).json().items as { action: string }[]).map((e) => e.action),
    );
    for (const a of ['login', 'claim', 'release', 'confirm', 'dismiss', 'correct', 'reviewed', 'report-stored'])
      expect(actions, a).toContain(a);
    const confirm = (await call(admin, { url: `/api/audit?documentId=${id.candipuro}&action=confirm` })).json()
      .items[0];
    expect(confirm).toMatchObject({ actor: 'sari', detail: { version: 1, after: { outcome: 'confirmed' } } });
    const page1 = (await call(admin, { url: '/api/audit?limit=2' })).json().items;
    const page2 = (await call(admin, { url: `/api/audit?limit=2&before=${page1[1].id}` })).json().items;
    expect(page2[0].id).toBeLessThan(page1[1].id);
  });

  it('cannot be changed, even by a query that tries', async () => {
    const db = api.rt.store.db;
    const [{ n }] = (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM audit_log')) as [{ n: number }];
    await expect(db.query(`UPDATE audit_log SET actor = 'nobody'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM audit_log'))[0]!.n).toBe(n);
  });
});
