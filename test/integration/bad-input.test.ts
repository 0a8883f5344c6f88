import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedOcrPools } from '../../src/ocr/shared-pool.js';
import { extractBytes, extractFile } from '../../src/pipeline/extract.js';
import { Report } from '../../src/model/contract.js';
import { makePdf } from '../helpers/pdf.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/lkj.js');
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-bad-'));
  fs.writeFileSync(path.join(dir, 'empty.pdf'), '');
  fs.writeFileSync(path.join(dir, 'notes.pdf'), 'Laporan Kinerja, tapi hanya teks biasa.\n');
  const letter = await makePdf((d) =>
    d.fontSize(12).text('Surat undangan rapat koordinasi kecamatan. Tidak ada tabel di sini. '.repeat(5)),
  );
  fs.writeFileSync(path.join(dir, 'letter.pdf'), letter);
  fs.writeFileSync(path.join(dir, 'truncated.pdf'), letter.subarray(0, 300));
  fs.writeFileSync(
    path.join(dir, 'encrypted.pdf'),
    await makePdf((d) => d.text('rahasia'), { userPassword: 'rahasia', ownerPassword: 'x' }),
  );
  fs.writeFileSync(path.join(dir, 'only-2.1.pdf'), await makePdf(drawOnlyTabel21));
  fs.writeFileSync(path.join(dir, 'scan.pdf'), await makePdf((d) => d.rect(50, 50, 400, 600).fill('#777')));
});

afterAll(closeSharedOcrPools);

async function failure(name: string, lang?: 'id' | 'en') {
  const { report } = await extractFile(path.join(dir, name), { lang });
  expect(Report.parse(report)).toBeTruthy(); // even a failure honours the contract
  expect(report.status).toBe('failed');
  expect(report.error?.message).toContain(name);
  return report.error!;
}

describe('bad input ends failed with a clear reason naming the file', () => {
  it('zero bytes', async () => expect((await failure('empty.pdf')).code).toBe('empty-file'));
  it('not a PDF', async () => expect((await failure('notes.pdf')).code).toBe('not-pdf'));
  it('a truncated PDF', async () => expect((await failure('truncated.pdf')).code).toBe('corrupt-pdf'));
  it('an encrypted PDF', async () => {
    const e = await failure('encrypted.pdf');
    expect(e.code).toBe('encrypted-pdf');
    // in the report's language: Indonesian by default, English on request
    expect(e.message).toMatch(/dikunci dengan kata sandi/);
    expect((await failure('encrypted.pdf', 'en')).message).toMatch(/password/);
  });
  it("a PDF that is not an LKj: refused in the user's language, with its real page count and mode", async () => {
    const e = await failure('letter.pdf');
    expect(e.code).toBe('not-lkj');
    expect(e.message).toMatch(/bukan laporan LKj: tidak ada Tabel 2\.1–2\.5/);
    const { report } = await extractFile(path.join(dir, 'letter.pdf'), { lang: 'en' });
    expect(report.error?.message).toMatch(/letter\.pdf: is not an LKj report: none of Tabel 2\.1–2\.5/);
    expect(report.source).toMatchObject({ pages: 1, mode: 'text' });
  });
  it('a scan with nothing to read (OCR finds no text)', async () => {
    const e = await failure('scan.pdf');
    expect(e.code).toBe('not-lkj');
    expect(e.message).toMatch(/tidak ada teks yang terbaca/);
    const { report } = await extractFile(path.join(dir, 'scan.pdf'), { lang: 'en' });
    expect(report.error?.message).toMatch(/no text could be read/);
    expect(report.source).toMatchObject({ pages: 1, mode: 'ocr' });
  });
  it('a missing file', async () => expect((await failure('nope.pdf')).code).toBe('not-found'));
  it('a corrupt image', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const { report } = await extractBytes(png, 'page.png');
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('bad-image');
    expect(report.error?.message).toMatch(/^page\.png: /);
  });
});

/** An LKj fragment: Tabel 2.1 as a bordered table, and nothing else. */
function drawOnlyTabel21(d: PDFKit.PDFDocument): void {
  d.fontSize(11).text('Tabel 2.1', 250, 80);
  const xs = [60, 90, 260, 440, 530],
    ys = [110, 130, 150, 190];
  const rows = [
    ['No', 'Sasaran', 'Indikator Kinerja', 'Target'],
    ['1', '2', '3', '4'],
    ['1', 'Terkoordinasinya Kegiatan', 'Persentase Fasilitasi', '100%'],
  ];
  d.fontSize(9);
  for (const [i, r] of rows.entries()) {
    for (const [j, t] of r.entries())
      d.text(t, xs[j]! + 4, ys[i]! + 5, { width: xs[j + 1]! - xs[j]! - 8, lineBreak: false });
  }
  for (const y of ys)
    d.moveTo(xs[0]!, y)
      .lineTo(xs[xs.length - 1]!, y)
      .stroke();
  for (const x of xs)
    d.moveTo(x, ys[0]!)
      .lineTo(x, ys[ys.length - 1]!)
      .stroke();
}

describe('a report missing tables', () => {
  it('is partial: the tables it has, missingTables, and a T1 warning for each missing one', async () => {
    const { report } = await extractFile(path.join(dir, 'only-2.1.pdf'));
    Report.parse(report);
    expect(report.status).toBe('flagged');
    expect(report.tables['2.1']).toEqual([
      { no: '1', sasaran: 'Terkoordinasinya Kegiatan', indikator: 'Persentase Fasilitasi', target: 100 },
    ]);
    expect(report.missingTables).toEqual(['2.2', '2.3', '2.4', '2.5']);
    expect(report.discrepancies.map((d) => `${d.rule} ${d.severity} ${d.table}`)).toEqual([
      'T1 warning 2.2',
      'T1 warning 2.3',
      'T1 warning 2.4',
      'T1 warning 2.5',
    ]);
    expect(report.discrepancies[0]!.message).toMatch(/Tabel 2\.2 tidak ditemukan/);
  });
});

describe('lkj extract over a batch with bad files', () => {
  it('reports every file, keeps going past failures and exits non-zero', async () => {
    const files = ['empty.pdf', 'letter.pdf', 'encrypted.pdf'].map((f) => path.join(dir, f));
    const err = await run('node', [BIN, 'extract', '--json', ...files]).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect('code' in err && err.code).toBe(1);
    const lines = (err as { stdout: string }).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; source: { file: string } });
    expect(lines.map((l) => l.source.file)).toEqual(['empty.pdf', 'letter.pdf', 'encrypted.pdf']);
    expect(lines.every((l) => l.status === 'failed')).toBe(true);
    expect((err as { stderr: string }).stderr).toMatch(/empty\.pdf: berkasnya kosong/);
  });
  it('exits 2 on a usage error', async () => {
    const err = await run('node', [BIN, 'extract', '--lang', 'fr', 'x.pdf']).catch((e: { code: number }) => e);
    expect((err as { code: number }).code).toBe(2);
  });
});
