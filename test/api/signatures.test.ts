/**
 * Signed reports through the API: uploaded, processed by the same stage function as the queue,
 * and read back — the document's report carries `signatures` and G1–G4 (worded in the language
 * asked for), the normalised rows answer SQL, and the signatures and findings exports list them.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processInline } from '../../src/jobs/stages.js';
import { Report } from '../../src/model/contract.js';
import { KINDS, makeSignedFixtures, SIGNATORIES, type Kind, type SignedFixtures } from '../helpers/signed-fixtures.js';
import { addUser, login, multipart, requester, startApi, type Session, type TestApi } from './helpers.js';

let api: TestApi;
let fx: SignedFixtures;
let call: ReturnType<typeof requester>;
let rudi: Session;
const id = {} as Record<Kind, number>;
const saved = process.env.LKJ_TRUST_ANCHORS;

beforeAll(async () => {
  fx = await makeSignedFixtures();
  process.env.LKJ_TRUST_ANCHORS = fx.anchors; // what a worker of this deployment would be given
  api = await startApi();
  call = requester(api.app);
  await addUser(api.rt.store, 'rudi', 'reviewer');
  rudi = await login(api.app, 'rudi');
  const r = await call(rudi, {
    method: 'POST',
    url: '/api/documents',
    ...multipart(KINDS.map((k) => ({ name: `${k}.pdf`, bytes: fx.bytes(k), type: 'application/pdf' }))),
  });
  expect(r.statusCode, r.body).toBe(201);
  const items = r.json() as { file: string; id: number }[];
  for (const it of items) {
    const kind = it.file.replace(/\.pdf$/, '') as Kind;
    id[kind] = it.id;
    await processInline(api.rt.store, (await api.rt.store.document(it.id))!);
  }
}, 240_000);
afterAll(async () => {
  if (saved === undefined) delete process.env.LKJ_TRUST_ANCHORS;
  else process.env.LKJ_TRUST_ANCHORS = saved;
  await api?.close();
  fx?.remove();
});

const detail = async (k: Kind, lang?: 'en' | 'id') => {
  const r = await call(rudi, { url: `/api/documents/${id[k]}${lang ? `?lang=${lang}` : ''}` });
  expect(r.statusCode).toBe(200);
  return r.json() as { document: { status: string; discrepancies: Record<string, number> }; report: Report };
};

describe('GET /api/documents/:id', () => {
  it('each kind carries its signatures and G findings', async () => {
    const want: Record<Kind, { status: string; g: string[]; sigs: number }> = {
      'signed-one': { status: 'clean', g: [], sigs: 1 },
      'signed-two': { status: 'clean', g: [], sigs: 2 },
      'signed-changed': { status: 'flagged', g: ['G2 error'], sigs: 1 },
      'signed-tampered': { status: 'flagged', g: ['G1 error'], sigs: 1 },
      'signed-stranger': { status: 'flagged', g: ['G3 warning', 'G4 warning'], sigs: 1 },
      unsigned: { status: 'clean', g: [], sigs: 0 },
    };
    for (const k of KINDS) {
      const d = await detail(k);
      const report = Report.parse(d.report);
      expect(d.document.status, k).toBe(want[k].status);
      expect(report.signatures, k).toHaveLength(want[k].sigs);
      expect(
        report.discrepancies.map((x) => `${x.rule} ${x.severity}`),
        k,
      ).toEqual(want[k].g);
      expect(
        report.discrepancies.every((x) => x.table === 'signature' && x.row === 'Signature1'),
        k,
      ).toBe(true);
    }
    const two = Report.parse((await detail('signed-two')).report);
    expect(two.signatures.map((s) => s.matchedSignatory)).toEqual([SIGNATORIES.head.name, SIGNATORIES.staff.name]);
    expect(two.signatureMarks.qrCodes.map((q) => q.page)).toEqual([8]);
  });

  it('findings are worded in the language asked for', async () => {
    const en = (await detail('signed-changed', 'en')).report.discrepancies[0]!.message;
    expect(en).toBe(
      'The document was changed after HARI SUSANTO signed it (Signature1): page 2 changed; Text annotation on page 1 added.',
    );
    const id_ = (await detail('signed-changed', 'id')).report.discrepancies[0]!.message;
    expect(id_).toMatch(/^Dokumen diubah setelah ditandatangani oleh HARI SUSANTO \(Signature1\): halaman 2 diubah/);
  });

  it('a G finding can be confirmed like any other; the report version is unchanged by it', async () => {
    const d = await detail('signed-tampered');
    const r = await call(rudi, {
      method: 'POST',
      url: `/api/documents/${id['signed-tampered']}/discrepancies/0/confirm`,
      payload: { version: 1 },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await detail('signed-tampered')).report).toEqual(d.report);
  });
});

describe('store and exports', () => {
  it('a report stored under schemaVersion 1 (before signatures) still loads, as version 2 with none', async () => {
    const doc = id.unsigned;
    await api.rt.store.db.query(
      `UPDATE report_versions SET report = (report - 'signatures' - 'signatureMarks') || '{"schemaVersion": 1}'::jsonb WHERE document_id = $1`,
      [doc],
    );
    const raw = await api.rt.store.db.query<{ report: { schemaVersion: number; signatures?: unknown } }>(
      'SELECT report FROM report_versions WHERE document_id = $1',
      [doc],
    );
    expect(raw[0]!.report).toMatchObject({ schemaVersion: 1 });
    expect(raw[0]!.report.signatures).toBeUndefined();
    const r = (await detail('unsigned')).report;
    expect(r).toMatchObject({ schemaVersion: 2, signatures: [], signatureMarks: { footer: null, qrCodes: [] } });
  });

  it('the normalised signatures rows answer SQL', async () => {
    const rows = await api.rt.store.db.query<{
      file_name: string;
      field: string;
      signer_nip: string;
      integrity: string;
      trust: string;
      matches_signatory: boolean;
      modified_after_signing: boolean;
    }>(
      `SELECT d.file_name, s.field, s.signer_nip, s.integrity, s.trust, s.matches_signatory, s.modified_after_signing
       FROM signatures s JOIN report_versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id ORDER BY d.file_name, s.idx`,
    );
    expect(
      rows.map((r) => [r.file_name, r.field, r.integrity, r.trust, r.matches_signatory, r.modified_after_signing]),
    ).toEqual([
      ['signed-changed.pdf', 'Signature1', 'valid', 'trusted', true, true],
      ['signed-one.pdf', 'Signature1', 'valid', 'trusted', true, false],
      ['signed-stranger.pdf', 'Signature1', 'valid', 'untrusted', false, false],
      ['signed-tampered.pdf', 'Signature1', 'invalid', 'trusted', true, false],
      ['signed-two.pdf', 'Signature1', 'valid', 'trusted', true, false],
      ['signed-two.pdf', 'Signature2', 'valid', 'trusted', true, false],
    ]);
  });

  it('signatures.csv and .xlsx: one row per signature field', async () => {
    const csv = await call(rudi, { url: '/api/exports/signatures.csv' });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(
      /^document_id,file,.*,field,kind,signer_name,signer_nip,issuer,signed_at,covers_whole_document,modified_after_signing,integrity,trust,matches_signatory$/,
    );
    expect(lines).toHaveLength(1 + 6);
    expect(
      lines.some(
        (l) => l.includes('signed-stranger.pdf') && l.includes('BUDI SANTOSO') && l.endsWith(',valid,untrusted,false'),
      ),
    ).toBe(true);
    const x = await call(rudi, { url: '/api/exports/signatures.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('Tanda tangan');
    expect(wb.worksheets[0]!.rowCount).toBe(1 + 6);
  });

  it('the findings export lists the G findings with table "signature"', async () => {
    const csv = (await call(rudi, { url: '/api/exports/findings.csv' })).body;
    const g = csv.split(/\r?\n/).filter((l) => /,G\d,/.test(l));
    expect(g.map((l) => /,(G\d),(\w+),signature,Signature1,/.exec(l)?.slice(1).join(' ')).sort()).toEqual([
      'G1 error',
      'G2 error',
      'G3 warning',
      'G4 warning',
    ]);
  });
});
