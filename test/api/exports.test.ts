/**
 * Exports read back: CSV with unquoted numbers, XLSX with numeric cells (parsed with exceljs),
 * the same filters as the document list, findings, review outcomes, corrections, a report's JSON.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';
import { addUser, loadFixtures, login, requester, startApi, type Session, type TestApi } from './helpers.js';

let api: TestApi;
let call: ReturnType<typeof requester>;
let rudi: Session, vina: Session;
const id: Record<string, number> = {};

beforeAll(async () => {
  api = await startApi();
  call = requester(api.app);
  await addUser(api.rt.store, 'rudi', 'reviewer');
  await addUser(api.rt.store, 'vina', 'viewer');
  [rudi, vina] = await Promise.all([login(api.app, 'rudi'), login(api.app, 'vina')]);
  for (const [name, doc] of await loadFixtures(api.rt.store, [
    'candipuro-tw2-2024.pdf',
    'glenmore-tw4-2024.pdf',
    'dau-tw4-2025.pdf',
  ]))
    id[name.split('-')[0]!] = doc.id;
});
afterAll(async () => {
  await api?.close();
});

async function workbook(url: string): Promise<ExcelJS.Workbook> {
  const r = await call(vina, { url });
  expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
  expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(r.headers['content-disposition']).toMatch(/^attachment; filename="lkj-.*\.xlsx"$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** Rows of a sheet as objects keyed by the header row. */
function rows(ws: ExcelJS.Worksheet): { values: Record<string, ExcelJS.Cell> }[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: { values: Record<string, ExcelJS.Cell> }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    out.push({ values: Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])) });
  });
  return out;
}

/** A CSV line split on commas outside quotes, with the quoting kept (to see what was quoted). */
const fields = (line: string) =>
  line
    .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
    .slice(0, -1)
    .map((f) => f.replace(/,$/, ''));

describe('tables', () => {
  it('XLSX of a table across the selected reports: numbers are numeric cells', async () => {
    const wb = await workbook('/api/exports/tables/2.5.xlsx');
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Tabel 2.5');
    const all = rows(ws);
    expect(new Set(all.map((r) => r.values.document_id!.value))).toEqual(new Set([id.candipuro, id.glenmore, id.dau]));
    const jumlah = all.find((r) => r.values.document_id!.value === id.candipuro && r.values.no!.value === 'JUMLAH')!;
    expect(jumlah.values.realisasi!.type).toBe(ExcelJS.ValueType.Number);
    expect(jumlah.values.realisasi!.value).toBe(16320000);
    expect(jumlah.values.capaian!.value).toBe(29.5);
    expect(jumlah.values.capaian!.type).toBe(ExcelJS.ValueType.Number);
    expect(jumlah.values.kecamatan!.value).toBe('Candipuro');
    expect(jumlah.values.year!.type).toBe(ExcelJS.ValueType.Number);
    const numeric = all.flatMap((r) => [r.values.pagu!, r.values.realisasi!]).filter((c) => c.value !== null);
    expect(numeric.length).toBeGreaterThan(10);
    for (const c of numeric) expect(c.type).toBe(ExcelJS.ValueType.Number);
  });

  it('the same filters as the document list', async () => {
    const wb = await workbook('/api/exports/tables/2.3.xlsx?kabupaten=banyuwangi');
    expect(new Set(rows(wb.worksheets[0]!).map((r) => r.values.document_id!.value))).toEqual(new Set([id.glenmore]));
    const none = await workbook('/api/exports/tables/2.3.xlsx?year=1999');
    expect(rows(none.worksheets[0]!)).toEqual([]);
  });

  it('all five tables in one workbook', async () => {
    const wb = await workbook('/api/exports/tables.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tabel 2.1', 'Tabel 2.2', 'Tabel 2.3', 'Tabel 2.4', 'Tabel 2.5']);
    const t22 = rows(wb.getWorksheet('Tabel 2.2')!).find(
      (r) => r.values.document_id!.value === id.candipuro && r.values.no!.value === '1',
    )!;
    expect(t22.values.min!.value).toBe(91);
    expect(t22.values.max!.value).toBe(100);
  });

  it('CSV: a header, UTF-8 with BOM, numbers unquoted with a dot decimal', async () => {
    const r = await call(vina, { url: `/api/exports/tables/2.4.csv?kecamatan=Candipuro` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const header = fields(lines[0]!);
    expect(header).toEqual([
      'document_id',
      'file',
      'kabupaten',
      'kecamatan',
      'unit',
      'period',
      'period_number',
      'year',
      'version',
      'no',
      'sasaran',
      'indikator',
      'pagu',
      'realisasiAnggaran',
      'capaianAnggaran',
      'target',
      'realisasi',
      'capaian',
    ]);
    const first = fields(lines[1]!);
    const at = (h: string) => first[header.indexOf(h)]!;
    expect(at('pagu')).toBe('48320000');
    expect(at('realisasiAnggaran')).toBe('9420000');
    expect(at('capaianAnggaran')).toBe('19.5');
    expect(at('year')).toBe('2024');
    expect(lines).toHaveLength(1 + 2);
    expect((await call(vina, { url: '/api/exports/tables/2.9.csv' })).statusCode).toBe(400);
    expect((await call(vina, { url: '/api/exports/tables/2.3.pdf' })).statusCode).toBe(400);
  });
});

describe('findings, review outcomes, corrections', () => {
  it('findings: stated and expected are numbers where they are numbers', async () => {
    const wb = await workbook('/api/exports/findings.xlsx?kecamatan=Candipuro');
    const all = rows(wb.worksheets[0]!);
    expect(all).toHaveLength(11);
    const r5 = all.find((r) => r.values.rule!.value === 'R5' && r.values.field!.value === 'realisasi')!;
    expect(r5.values.stated!.value).toBe(16320000);
    expect(r5.values.expected!.value).toBe(16620000);
    expect(r5.values.stated!.type).toBe(ExcelJS.ValueType.Number);
    expect(r5.values.page!.value).toBe(8);
    const kesimpulan = all.find((r) => r.values.field!.value === 'value' && r.values.rule!.value === 'R8')!;
    expect(kesimpulan.values.stated!.type).toBe(ExcelJS.ValueType.String);
    const csv = await call(vina, { url: '/api/exports/discrepancies.csv?kecamatan=Candipuro' });
    expect(csv.body).toContain(',16320000,16620000,');
  });

  it('review outcomes and corrections after reviewing', async () => {
    const detail = (await call(vina, { url: `/api/documents/${id.glenmore}` })).json();
    const r6 = detail.report.discrepancies.findIndex((d: { rule: string }) => d.rule === 'R6');
    const r1 = detail.report.discrepancies.findIndex((d: { rule: string }) => d.rule === 'R1');
    expect(
      (
        await call(rudi, {
          method: 'POST',
          url: `/api/documents/${id.glenmore}/discrepancies/${r6}/dismiss`,
          payload: { reason: 'salin ulang benar' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call(rudi, {
          method: 'POST',
          url: `/api/documents/${id.glenmore}/corrections`,
          payload: { table: '2.3', row: '3', field: 'capaian', value: 90 },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call(rudi, { method: 'POST', url: `/api/documents/${id.glenmore}/reviewed`, payload: {} })).statusCode,
    ).toBe(200);
    expect(r1).toBeGreaterThanOrEqual(0);

    const wb = await workbook('/api/exports/reviews.xlsx?kabupaten=Banyuwangi');
    const all = rows(wb.worksheets[0]!);
    expect(all).toHaveLength(3); // 4 findings, R1 corrected away
    for (const r of all) {
      expect(r.values.review_state!.value).toBe('reviewed');
      expect(r.values.reviewed_by!.value).toBe('rudi');
      expect(r.values.version!.value).toBe(2);
    }
    const dismissed = all.find((r) => r.values.rule!.value === 'R6')!;
    expect(dismissed.values.outcome!.value).toBe('dismissed');
    expect(dismissed.values.reason!.value).toBe('salin ulang benar');
    expect(dismissed.values.decided_by!.value).toBe('rudi');
    expect(all.filter((r) => r.values.outcome!.value === 'open')).toHaveLength(2);
    // a clean report still has its row
    const clean = rows((await workbook('/api/exports/reviews.xlsx?kecamatan=Dau')).worksheets[0]!);
    expect(clean).toHaveLength(1);
    expect(clean[0]!.values.rule!.value).toBeNull();

    const corr = rows((await workbook('/api/exports/corrections.xlsx')).worksheets[0]!);
    expect(corr).toHaveLength(1);
    expect(corr[0]!.values).toMatchObject({});
    expect(corr[0]!.values.value_before!.value).toBe(99);
    expect(corr[0]!.values.value_after!.value).toBe(90);
    expect(corr[0]!.values.value_after!.type).toBe(ExcelJS.ValueType.Number);
  });

  it('text a spreadsheet would run as a formula is defused in CSV, kept as text in XLSX', async () => {
    const formula = '=HYPERLINK("http://x.invalid","klik")';
    expect(
      (
        await call(rudi, {
          method: 'POST',
          url: `/api/documents/${id.dau}/corrections`,
          payload: { table: '2.3', row: '1', field: 'indikator', value: formula },
        })
      ).statusCode,
    ).toBe(200);
    const csv = await call(vina, { url: '/api/exports/tables/2.3.csv?kecamatan=Dau' });
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.invalid"",""klik"")"`);
    const wb = await workbook('/api/exports/tables/2.3.xlsx?kecamatan=Dau');
    const cell = rows(wb.worksheets[0]!).find((r) => r.values.no!.value === '1')!.values.indikator!;
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(formula);
  });
});

describe('report JSON', () => {
  it('the contract of a report as a download', async () => {
    const r = await call(vina, { url: `/api/exports/reports/${id.candipuro}.json` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="candipuro-tw2-2024.json"');
    const report = Report.parse(r.json());
    expect(report.source.file).toBe('candipuro-tw2-2024.pdf');
    expect(report).toEqual(await api.rt.store.report(id.candipuro!));
    expect(
      (await call(vina, { url: `/api/exports/reports/${id.glenmore}.json?version=1` })).json().tables['2.3'][2].capaian,
    ).toBe(99);
    expect((await call(vina, { url: '/api/exports/reports/424242.json' })).statusCode).toBe(404);
    expect((await call(null, { url: `/api/exports/reports/${id.candipuro}.json` })).statusCode).toBe(401);
  });
});
