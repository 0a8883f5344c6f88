/**
 * Uploads (accepted, duplicate, refused), listing with filters and paging, the report detail,
 * page images and evidence crops, and processing in the background (embedded mode).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';
import { buildServer } from '../../src/api/server.js';
import { HIGHLIGHT } from '../../src/api/images/evidence.js';
import { processInline } from '../../src/jobs/stages.js';
import {
  addUser,
  born,
  loadFixtures,
  login,
  multipart,
  requester,
  ROOT,
  startApi,
  type Session,
  type TestApi,
} from './helpers.js';
import { waitFor } from '../helpers/services.js';
import { quietLogger } from '../helpers/log.js';

let api: TestApi;
let call: ReturnType<typeof requester>;
let reviewer: Session, viewer: Session;
let ids: Map<string, number>;

const FIXTURES = [
  'candipuro-tw2-2024.pdf',
  'glenmore-tw4-2024.pdf',
  'dau-tw4-2025.pdf',
  'tempeh-tw2-2023.pdf',
  'kalisat-sem1-2022.pdf',
];

beforeAll(async () => {
  // uploads above 60 kB are refused here, to test the limit without a 200 MB file
  api = await startApi({ opts: { maxUploadBytes: 60_000 } });
  call = requester(api.app);
  await addUser(api.rt.store, 'rudi', 'reviewer');
  await addUser(api.rt.store, 'vina', 'viewer');
  [reviewer, viewer] = await Promise.all([login(api.app, 'rudi'), login(api.app, 'vina')]);
  ids = new Map([...(await loadFixtures(api.rt.store, FIXTURES))].map(([k, d]) => [k, d.id]));
});
afterAll(async () => {
  await api?.close();
});

const upload = (who: Session, files: { name: string; bytes: Uint8Array }[]) =>
  call(who, { method: 'POST', url: '/api/documents', ...multipart(files) });

describe('POST /api/documents', () => {
  it('stores a PDF, queued with upload priority; the same bytes again are a duplicate', async () => {
    const bytes = await born('paiton-tw1-2025.pdf');
    const r = await upload(reviewer, [{ name: 'paiton-tw1-2025.pdf', bytes }]);
    expect(r.statusCode).toBe(201);
    const [item] = r.json();
    expect(item).toMatchObject({
      file: 'paiton-tw1-2025.pdf',
      status: 'queued',
      duplicate: false,
      url: `/api/documents/${item.id}`,
    });
    expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await api.rt.store.document(item.id))!.priority).toBe(1);
    const again = await upload(reviewer, [{ name: 'renamed.pdf', bytes }]);
    expect(again.statusCode).toBe(200);
    expect(again.json()[0]).toMatchObject({ id: item.id, duplicate: true });
    const detail = await call(viewer, { url: item.url });
    expect(detail.json()).toMatchObject({ document: { status: 'queued' }, report: null });
  });

  it('takes many files at once, reporting each', async () => {
    const r = await upload(reviewer, [
      { name: 'wuluhan.pdf', bytes: await born('wuluhan-tw3-2024.pdf') },
      { name: 'notes.txt', bytes: Buffer.from('just some notes, not a report') },
      { name: 'ambulu.pdf', bytes: await born('ambulu-sem2-2023.pdf') },
    ]);
    expect(r.statusCode).toBe(201);
    const items = r.json();
    expect(items.map((i: { status: string }) => i.status)).toEqual(['queued', 'rejected', 'queued']);
    expect(items[1]).toMatchObject({ id: null, error: { code: 'not-pdf' } });
  });

  it.each([
    ['not a PDF', 'report.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 415, 'not-pdf'],
    ['empty', 'empty.pdf', Buffer.alloc(0), 400, 'empty-file'],
    [
      'a corrupt PDF',
      'broken.pdf',
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF'),
      422,
      'corrupt-pdf',
    ],
    ['too large', 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70_000, 32)]), 413, 'too-large'],
  ])('refuses %s (%s) and stores nothing', async (_what, name, bytes, status, code) => {
    const before = (await api.rt.store.documentsWhere('all')).length;
    const r = await upload(reviewer, [{ name, bytes }]);
    expect(r.statusCode).toBe(status);
    expect(r.json()[0]).toMatchObject({ file: name, status: 'rejected', error: { code } });
    expect((await api.rt.store.documentsWhere('all')).length).toBe(before);
  });

  it('refuses an image above the pixel limit from its header (a decompression bomb)', async () => {
    const bomb = await sharp({ create: { width: 12000, height: 11000, channels: 3, background: '#ffffff' } })
      .png({ palette: true, colours: 2, compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(60_000);
    const r = await upload(reviewer, [{ name: 'bomb.png', bytes: bomb }]);
    expect(r.statusCode).toBe(413);
    expect(r.json()[0].error.message).toMatch(/batas \d+ piksel/);
  });

  it('needs a multipart body with at least one file', async () => {
    expect((await call(reviewer, { method: 'POST', url: '/api/documents', payload: { a: 1 } })).statusCode).toBe(415);
    const empty = await call(reviewer, { method: 'POST', url: '/api/documents', ...multipart([]) });
    expect(empty.statusCode).toBe(400);
  });

  it('file names are kept as text, never as paths', async () => {
    const r = await upload(reviewer, [
      { name: '../../etc/<img src=x onerror=alert(1)>.pdf', bytes: await born('rogojampi-tw2-2025.pdf') },
    ]);
    expect(r.json()[0].file).toBe('<img src=x onerror=alert(1)>.pdf');
    const list = (await call(viewer, { url: '/api/documents?q=onerror' })).json();
    expect(list.items[0].fileName).toBe('<img src=x onerror=alert(1)>.pdf');
  });
});

describe('GET /api/documents', () => {
  const list = async (q: string) => (await call(viewer, { url: `/api/documents?${q}` })).json();
  const files = (body: { items: { fileName: string }[] }) => body.items.map((i) => i.fileName).sort();

  it('filters by place, year, period, status, rule and severity', async () => {
    expect(files(await list('kecamatan=candipuro'))).toEqual(['candipuro-tw2-2024.pdf']);
    expect(files(await list('kabupaten=Banyuwangi'))).toEqual(['glenmore-tw4-2024.pdf']);
    expect(files(await list('year=2023'))).toEqual(['tempeh-tw2-2023.pdf']);
    expect(files(await list('period=semester-1'))).toEqual(['kalisat-sem1-2022.pdf']);
    expect(files(await list('period=tribulan'))).toEqual([
      'candipuro-tw2-2024.pdf',
      'dau-tw4-2025.pdf',
      'glenmore-tw4-2024.pdf',
      'tempeh-tw2-2023.pdf',
    ]);
    expect(files(await list('status=clean'))).toEqual(['dau-tw4-2025.pdf', 'kalisat-sem1-2022.pdf']);
    expect(files(await list('status=clean,flagged&rule=R5'))).toEqual([
      'candipuro-tw2-2024.pdf',
      'glenmore-tw4-2024.pdf',
    ]);
    expect(files(await list('rule=R9&severity=warning'))).toEqual(['candipuro-tw2-2024.pdf', 'tempeh-tw2-2023.pdf']);
    expect(files(await list('severity=uncertain'))).toEqual([]);
    expect((await call(viewer, { url: '/api/documents?period=kuartal' })).statusCode).toBe(400);
    expect((await call(viewer, { url: "/api/documents?kecamatan=x' OR 1=1 --" })).json().total).toBe(0);
  });

  it('pages', async () => {
    const all = await list('status=clean,flagged&sort=oldest');
    expect(all.total).toBe(5);
    const p1 = await list('status=clean,flagged&sort=oldest&limit=2&offset=0');
    const p3 = await list('status=clean,flagged&sort=oldest&limit=2&offset=4');
    expect(p1).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(p1.items.map((i: { id: number }) => i.id)).toEqual(all.items.slice(0, 2).map((i: { id: number }) => i.id));
    expect(p3.items).toHaveLength(1);
    expect((await call(viewer, { url: '/api/documents?limit=100000' })).statusCode).toBe(400);
  });
});

describe('GET /api/documents/:id', () => {
  it('gives the status, the contract JSON, findings with evidence URLs, and versions', async () => {
    const id = ids.get('candipuro-tw2-2024.pdf')!;
    const r = await call(viewer, { url: `/api/documents/${id}` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.document).toMatchObject({
      id,
      status: 'flagged',
      kecamatan: 'Candipuro',
      kabupaten: 'Lumajang',
      period: { kind: 'tribulan', number: 2, year: 2024 },
      version: 1,
    });
    // R7's "two different values" of capaian kinerja is part of the finding on the wrong value it repeats
    expect(body.document.discrepancies).toEqual({ error: 7, uncertain: 0, warning: 4 });
    const report = Report.parse(body.report);
    expect(report.tables['2.5'].find((r) => r.no === 'JUMLAH')).toMatchObject({ realisasi: 16320000 });
    expect(body.discrepancies).toHaveLength(report.discrepancies.length);
    expect(body.discrepancies[0]).toMatchObject({
      index: 0,
      decision: null,
      evidenceUrl: `/api/documents/${id}/discrepancies/0/evidence.png?version=1`,
    });
    expect(body.versions).toEqual([expect.objectContaining({ version: 1, reason: 'ingest', status: 'flagged' })]);
    expect(body.pageUrl).toBe(`/api/documents/${id}/pages/{n}.png`);
    expect((await call(viewer, { url: `/api/documents/${id}/versions/1` })).json()).toEqual(body.report);
  });

  it('words the findings in English on request', async () => {
    const id = ids.get('candipuro-tw2-2024.pdf')!;
    const idn = (await call(viewer, { url: `/api/documents/${id}` })).json().report;
    const en = (await call(viewer, { url: `/api/documents/${id}?lang=en` })).json().report;
    expect(en.discrepancies.map((d: { rule: string }) => d.rule)).toEqual(
      idn.discrepancies.map((d: { rule: string }) => d.rule),
    );
    const r5 = (r: { discrepancies: { rule: string; message: string }[] }) =>
      r.discrepancies.find((d) => d.rule === 'R5')!.message;
    expect(r5(idn)).toContain('tidak sama dengan');
    expect(r5(en)).toContain('does not equal');
  });

  it('gives the provenance of every cell', async () => {
    const id = ids.get('candipuro-tw2-2024.pdf')!;
    const a = (await call(viewer, { url: `/api/documents/${id}/analysis` })).json();
    const jumlah = a.tables['2.5'].find((r: { no: string }) => r.no === 'JUMLAH');
    expect(jumlah.fields.realisasi).toMatchObject({ value: 16320000, raw: '16.320.000,00', conf: 100, page: 8 });
    expect(jumlah.fields.realisasi.bbox).toHaveLength(4);
  });

  it('a stored analysis of no known shape: its provenance is an error naming the document; the detail, the listing and the evidence still answer', async () => {
    const id = ids.get('glenmore-tw4-2024.pdf')!;
    const before = (await call(viewer, { url: `/api/documents/${id}` })).json();
    const [{ analysis }] = (await api.rt.store.db.query<{ analysis: unknown }>(
      'SELECT analysis FROM report_versions WHERE document_id = $1 AND version = 1',
      [id],
    )) as [{ analysis: unknown }];
    await api.rt.store.db.query(
      `UPDATE report_versions SET analysis = jsonb_set(analysis, '{claims}', '"broken"') WHERE document_id = $1`,
      [id],
    );
    try {
      const en = await call(viewer, { url: `/api/documents/${id}/analysis?lang=en` });
      expect(en.statusCode).toBe(500);
      expect(en.json().error.code).toBe('invalid-analysis');
      expect(en.json().error.message).toMatch(
        new RegExp(
          `^the stored analysis of document ${id} \\(glenmore-tw4-2024\\.pdf\\), version 1, is not valid: claims: `,
        ),
      );
      const idn = await call(viewer, { url: `/api/documents/${id}/analysis` });
      expect(idn.json().error.message).toMatch(
        new RegExp(`^analisis tersimpan dokumen ${id} \\(glenmore-tw4-2024\\.pdf\\), versi 1, tidak valid: claims: `),
      );
      // the report is shown as stored (its findings cannot be worded again without the analysis)
      const detail = await call(viewer, { url: `/api/documents/${id}?lang=en` });
      expect(detail.statusCode).toBe(200);
      expect(detail.json().report).toEqual(before.report);
      const list = await call(viewer, { url: '/api/documents?limit=500' });
      expect(list.json().items.map((i: { id: number }) => i.id)).toContain(id);
      const evidence = await call(viewer, {
        url: before.discrepancies.find((d: { evidenceUrl: string | null }) => d.evidenceUrl).evidenceUrl,
      });
      expect(evidence.statusCode).toBe(200);
      expect(evidence.headers['content-type']).toBe('image/png');
    } finally {
      await api.rt.store.db.query('UPDATE report_versions SET analysis = $2 WHERE document_id = $1', [
        id,
        JSON.stringify(analysis),
      ]);
    }
    expect((await call(viewer, { url: `/api/documents/${id}/analysis` })).statusCode).toBe(200);
  });

  it('404 for an unknown document, 400 for a malformed id', async () => {
    expect((await call(viewer, { url: '/api/documents/999999' })).statusCode).toBe(404);
    expect((await call(viewer, { url: '/api/documents/abc' })).statusCode).toBe(400);
    expect((await call(viewer, { url: '/api/documents/1%20OR%201=1' })).statusCode).toBe(400);
  });

  it('the original downloads as an attachment, sandboxed', async () => {
    const id = ids.get('dau-tw4-2025.pdf')!;
    const r = await call(viewer, { url: `/api/documents/${id}/original` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="dau-tw4-2025.pdf"/);
    expect(r.headers['content-security-policy']).toContain('sandbox');
    expect(r.rawPayload.equals(await born('dau-tw4-2025.pdf'))).toBe(true);
  });
});

describe('images', () => {
  it('a page renders as a PNG at the asked resolution and is cached', async () => {
    const id = ids.get('candipuro-tw2-2024.pdf')!;
    const r = await call(viewer, { url: `/api/documents/${id}/pages/1.png?dpi=72` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    const meta = await sharp(r.rawPayload).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(595); // A4 at 72 DPI
    expect(meta.height).toBe(842);
    const again = await call(viewer, { url: `/api/documents/${id}/pages/1.png?dpi=72` });
    expect(again.rawPayload.equals(r.rawPayload)).toBe(true);
    expect((await call(viewer, { url: `/api/documents/${id}/pages/11.png` })).statusCode).toBe(404);
    expect((await call(viewer, { url: `/api/documents/${id}/pages/0.png` })).statusCode).toBe(400);
    expect((await call(viewer, { url: `/api/documents/${id}/pages/1.png?dpi=123` })).statusCode).toBe(400);
    expect((await call(null, { url: `/api/documents/${id}/pages/1.png` })).statusCode).toBe(401);
  });

  it('a scanned page is shown upright and deskewed, as OCR read it (boxes are measured there)', async () => {
    const { ingestBytes } = await import('../../src/jobs/stages.js');
    const bytes = await fs.readFile(path.join(ROOT, 'fixtures/corpus/scan/rowokangkung-tw4-2022_scan.pdf'));
    const r = await ingestBytes(api.rt.store, bytes, 'scan.pdf'); // not processed: pages render from the original alone
    const png = await call(viewer, { url: `/api/documents/${r.doc!.id}/pages/1.png?dpi=72` });
    expect(png.statusCode).toBe(200);
    expect((await sharp(png.rawPayload).metadata()).channels).toBe(1); // a gray PNG, a third of an RGB one
    const { data, info } = await sharp(png.rawPayload).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect(Math.abs(info.width - 595)).toBeLessThanOrEqual(3);
    expect(Math.abs(info.height - 842)).toBeLessThanOrEqual(3);
    // contrast stretched like the OCR input: the paper is white
    const white = data.filter((v) => v > 240).length / data.length;
    expect(white).toBeGreaterThan(0.8);
    // this test does not process the scan (OCR takes a minute): close it so no background loop takes it up
    const { failedReport } = await import('../../src/pipeline/extract.js');
    const { InputError } = await import('../../src/intake/errors.js');
    await api.rt.store.saveReport(
      r.doc!.id,
      r.doc!.run,
      'test',
      failedReport('scan.pdf', r.doc!.sha256, 0, new InputError('internal', 'not processed in this test')),
    );
  });

  it('the evidence crop shows the cell with a red frame and a yellow wash', async () => {
    const id = ids.get('candipuro-tw2-2024.pdf')!;
    const detail = (await call(viewer, { url: `/api/documents/${id}` })).json();
    const index = detail.report.discrepancies.findIndex(
      (d: { rule: string; row: string; field: string }) =>
        d.rule === 'R5' && d.row === 'JUMLAH' && d.field === 'realisasi',
    );
    const r = await call(viewer, { url: detail.discrepancies[index].evidenceUrl });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(r.rawPayload).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    // the page is gray: saturated red can only be the frame, yellow only the wash
    let red = 0,
      yellow = 0;
    const minX = { red: Infinity },
      maxX = { red: -Infinity };
    for (let i = 0; i < info.width * info.height; i++) {
      const [R, G, B] = [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!];
      if (R > 180 && G < 60 && B < 60) {
        red++;
        const x = i % info.width;
        minX.red = Math.min(minX.red, x);
        maxX.red = Math.max(maxX.red, x);
      } else if (R > 230 && G > 220 && B < 200 && R - B > 50) yellow++;
    }
    // the frame goes round the cell (80 × 16 pt at 150 DPI ≈ 167 × 33 px)
    expect(red).toBeGreaterThan(2 * (160 + 30) * (HIGHLIGHT.strokePx - 1));
    expect(maxX.red - minX.red).toBeGreaterThan(160);
    expect(maxX.red - minX.red).toBeLessThan(190);
    expect(yellow).toBeGreaterThan(160 * 25 * 0.5);
    // the other findings have crops of their own
    const other = await call(viewer, {
      url: detail.discrepancies[(index + 1) % detail.discrepancies.length].evidenceUrl,
    });
    expect(other.rawPayload.equals(r.rawPayload)).toBe(false);
  });

  it('404 for a finding that does not exist or has no place on a page', async () => {
    const id = ids.get('tempeh-tw2-2023.pdf')!;
    expect((await call(viewer, { url: `/api/documents/${id}/discrepancies/99/evidence.png` })).statusCode).toBe(404);
    // a report with a missing table: T1 has no evidence box
    const cur = (await api.rt.store.current(id))!;
    const report = {
      ...cur.report,
      discrepancies: [
        ...cur.report.discrepancies,
        {
          rule: 'T1',
          severity: 'warning' as const,
          table: '2.5' as const,
          row: '-',
          field: '-',
          stated: null,
          expected: null,
          message: 'Tabel 2.5 tidak ditemukan',
          evidence: { page: null, bbox: null },
        },
      ],
    };
    const version = await api.rt.store.saveRevision(id, 'test', report, cur.analysis);
    const r = await call(viewer, {
      url: `/api/documents/${id}/discrepancies/${report.discrepancies.length - 1}/evidence.png?version=${version}`,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('no-evidence');
    const detail = (await call(viewer, { url: `/api/documents/${id}` })).json();
    expect(detail.discrepancies.at(-1).evidenceUrl).toBeNull();
  });
});

describe('processing in the server (embedded mode)', () => {
  it('an upload is processed in the background and its status URL shows the result', async () => {
    const bg = await buildServer(api.rt, {
      dataDir: api.dir,
      webDir: null,
      processing: 'background',
      logger: quietLogger(),
    });
    try {
      const s = await login(bg.app, 'rudi');
      const r = await requester(bg.app)(s, {
        method: 'POST',
        url: '/api/documents',
        ...multipart([{ name: 'rowokangkung.pdf', bytes: await born('rowokangkung-tw4-2022.pdf') }]),
      });
      expect(r.statusCode).toBe(201);
      const url = r.json()[0].url as string;
      const done = await waitFor(
        async () => {
          const d = (await requester(bg.app)(s, { url })).json();
          return d.report ? d : null;
        },
        60_000,
        'the upload to be processed',
      );
      expect(done.document.status).toBe('flagged');
      expect(done.report.discrepancies.map((d: { rule: string }) => d.rule).sort()).toEqual(['R3', 'R4', 'R8']);
    } finally {
      await bg.app.close();
    }
  });
});

describe('POST /api/documents with a template profile', () => {
  it("keeps the batch's profile (the form's `profile` field) with its documents and processes them with it", async () => {
    const own = await startApi();
    try {
      await addUser(own.rt.store, 'rita', 'reviewer');
      const rita = await login(own.app, 'rita');
      const post = (bytes: Buffer, profile: string) =>
        requester(own.app)(rita, {
          method: 'POST',
          url: '/api/documents',
          ...multipart([{ name: 'report.pdf', bytes }], 'files', { profile }),
        });
      const profile = { name: 'Kabupaten Malang 2021', method: { cap: 120 } };
      const r = await post(await born('singosari-sem1-2021.pdf'), JSON.stringify(profile));
      expect(r.statusCode).toBe(201);
      const doc = (await own.rt.store.document(r.json()[0].id))!;
      expect(doc.profile).toEqual(profile);
      const { report } = await processInline(own.rt.store, doc);
      expect(report.profile).toBe('Kabupaten Malang 2021');
      const bad = await post(await born('tumpang-2022.pdf'), '{"name": 3}');
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.code).toBe('bad-profile');
      expect(bad.json().error.message).toMatch(/profile: not a valid profile \(name:/);
    } finally {
      await own.close();
    }
  }, 120_000);
});
