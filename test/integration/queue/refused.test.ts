/**
 * Issue 11, item 0: "a refused document keeps its real page count and mode, and its reason in the
 * user's language", through the queue as through `lkj extract` (test/integration/bad-input.test.ts).
 * In embedded mode `lkj run --lang` words it; in distributed mode the worker's `--lang`. The refusal
 * is made after the pages are read (src/pipeline/extract.ts, `finish`), and the report built from
 * them (`failure` → `sourceOf`): in the distributed flow from the page results the jobs stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../../src/model/contract.js';
import { makePdf } from '../../helpers/pdf.js';
import { allDone, distributedEnv, runCli, spawnCli, waitFor, type CliProcess } from '../../helpers/services.js';

let dir = '';
let letter = '';
let scan = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-refused-'));
  letter = path.join(dir, 'letter.pdf');
  scan = path.join(dir, 'scan.pdf');
  // three pages of text with no table and no LKj on its cover
  const text = 'Surat undangan rapat koordinasi kecamatan. Tidak ada tabel di sini. '.repeat(5);
  fs.writeFileSync(
    letter,
    await makePdf((d) => {
      d.fontSize(12).text(text);
      for (let i = 0; i < 2; i++) d.addPage().fontSize(12).text(text);
    }),
  );
  // two pages of nothing but a grey fill: scanned, no text to read
  fs.writeFileSync(
    scan,
    await makePdf((d) => {
      d.rect(50, 50, 400, 600).fill('#777');
      d.addPage().rect(50, 50, 400, 600).fill('#777');
    }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const storedReport = async (file: string, env: Record<string, string>) => {
  const r = await runCli(['report', file, '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return Report.parse(JSON.parse(r.stdout));
};

describe('embedded: lkj run', () => {
  let dataDir = '';
  let env: Record<string, string>;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-refused-emb-'));
    env = { LKJ_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stores the refusal with the pages read, its mode, and the reason in --lang', async () => {
    const r = await runCli(['run', letter, scan, '--json', '--lang', 'en'], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ queued: 2, failed: 2 });
    const l = await storedReport(letter, env);
    expect(l.source).toMatchObject({ pages: 3, mode: 'text' });
    expect(l.error).toEqual({
      code: 'not-lkj',
      message: expect.stringMatching(/letter\.pdf: is not an LKj report: none of Tabel 2\.1–2\.5/),
    });
    const s = await storedReport(scan, env);
    expect(s.source).toMatchObject({ pages: 2, mode: 'ocr' });
    expect(s.error?.message).toMatch(/scan\.pdf: no text could be read on any page/);
  }, 240_000);
});

describe('distributed: lkj ingest, a worker', () => {
  let setup: Awaited<ReturnType<typeof distributedEnv>>;
  let worker: CliProcess | null = null;
  beforeAll(async () => {
    setup = await distributedEnv();
  }, 60_000);
  afterAll(async () => {
    worker?.proc.kill('SIGKILL');
    await setup?.close();
  });

  it("stores the refusal with the pages its jobs read, their mode, and the reason in the worker's language", async () => {
    const r = await runCli(['ingest', letter, scan, '--json'], setup.env);
    expect(JSON.parse(r.stdout)).toEqual({ queued: 2, duplicates: 0, rejected: [] });
    worker = spawnCli(['worker', '--concurrency', '1', '--lang', 'en'], { ...setup.env, LKJ_OCR_WORKERS: '1' });
    await waitFor(() => allDone(setup.db, 2), 240_000, 'both documents done');
    worker.proc.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    worker = null;
    const l = await storedReport(letter, setup.env);
    expect(l.status).toBe('failed');
    expect(l.source).toMatchObject({ pages: 3, mode: 'text' });
    expect(l.error?.code).toBe('not-lkj');
    expect(l.error?.message).toMatch(/letter\.pdf: is not an LKj report/);
    const s = await storedReport(scan, setup.env);
    expect(s.source).toMatchObject({ pages: 2, mode: 'ocr' });
    expect(s.error?.message).toMatch(/scan\.pdf: no text could be read on any page/);
  }, 300_000);
});
