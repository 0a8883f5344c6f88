import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
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
  const letter = await makePdf((d) => d.fontSize(12).text('Surat undangan rapat koordinasi kecamatan. Tidak ada tabel di sini. '.repeat(5)));
  fs.writeFileSync(path.join(dir, 'letter.pdf'), letter);
  fs.writeFileSync(path.join(dir, 'truncated.pdf'), letter.subarray(0, 300));
  fs.writeFileSync(path.join(dir, 'encrypted.pdf'), await makePdf((d) => d.text('rahasia'), { userPassword: 'rahasia', ownerPassword: 'x' }));
  fs.writeFileSync(path.join(dir, 'scan.pdf'), await makePdf((d) => d.rect(50, 50, 400, 600).fill('#777')));
});

async function failure(name: string) {
  const { report } = await extractFile(path.join(dir, name));
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
    expect(e.message).toMatch(/password/);
  });
  it('a PDF that is not an LKj', async () => {
    const e = await failure('letter.pdf');
    expect(e.code).toBe('not-lkj');
    expect(e.message).toMatch(/Tabel 2\.1–2\.5/);
  });
  it('a PDF without a text layer', async () => expect((await failure('scan.pdf')).code).toBe('needs-ocr'));
  it('a missing file', async () => expect((await failure('nope.pdf')).code).toBe('not-found'));
  it('an image', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const { report } = await extractBytes(png, 'page.png');
    expect(report.status).toBe('failed');
    expect(report.error?.message).toMatch(/page\.png.*PNG/);
  });
});

describe('lkj extract over a batch with bad files', () => {
  it('reports every file, keeps going past failures and exits non-zero', async () => {
    const files = ['empty.pdf', 'letter.pdf', 'encrypted.pdf'].map((f) => path.join(dir, f));
    const err = await run('node', [BIN, 'extract', '--json', ...files]).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect('code' in err && err.code).toBe(1);
    const lines = (err as { stdout: string }).stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string; source: { file: string } });
    expect(lines.map((l) => l.source.file)).toEqual(['empty.pdf', 'letter.pdf', 'encrypted.pdf']);
    expect(lines.every((l) => l.status === 'failed')).toBe(true);
    expect((err as { stderr: string }).stderr).toMatch(/empty\.pdf: the file is empty/);
  });
  it('exits 2 on a usage error', async () => {
    const err = await run('node', [BIN, 'extract', '--lang', 'fr', 'x.pdf']).catch((e: { code: number }) => e);
    expect((err as { code: number }).code).toBe(2);
  });
});
