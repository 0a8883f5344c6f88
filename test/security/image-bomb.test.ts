/**
 * Issue 12 item 3: an 875 KB PDF with one 30000×30000 Flate image passed the page-size check;
 * pdfjs decoded it after the document was already reported failed (RSS 1.3 → 4.7 GB, /api/health
 * 20 s). Now the image's size is read from its dictionary and the document refused before any
 * decoding; pdfjs's maxImageSize skips what has no dictionary (an inline image); and a document
 * that fails on one page starts no other page and waits for the ones under way before closing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';
import type { OcrPage } from '../../src/ocr/read-page.js';
import type { OcrPools } from '../../src/ocr/shared-pool.js';
import { readDocument, type PageSource } from '../../src/pipeline/read-document.js';
import { deflatedZeros, imagePdf, inlineImagePdf } from '../helpers/raw-pdf.js';
import { spawnCli, sleep } from '../helpers/services.js';
import { addUser, login, multipart, requester, startApi } from '../api/helpers.js';

/** Peak resident memory `lkj extract` may reach on a bomb (it holds ~150 MB for a born-digital report). */
const EXTRACT_RSS_BOUND_MB = 500;

let dir: string;
let bomb: string, inline: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-bomb-'));
  const data = await deflatedZeros(30000 * 30000); // 900 MB of pixels in ~870 KB
  bomb = path.join(dir, 'bomb.pdf');
  inline = path.join(dir, 'inline-bomb.pdf');
  await fs.writeFile(bomb, imagePdf(30000, 30000, data));
  await fs.writeFile(inline, inlineImagePdf(30000, 30000, data));
}, 60_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** `lkj extract --json` on `file`, its peak RSS watched (and stopped above 3 GB to spare the machine). */
async function extract(file: string): Promise<{ report: Report; code: number | null; peakMb: number }> {
  const p = spawnCli(['extract', file, '--json'], { LKJ_DATA_DIR: dir });
  const guard = setInterval(() => {
    if (p.peakRssMb() > 3000) p.proc.kill('SIGKILL');
  }, 100);
  const code = await p.exited;
  clearInterval(guard);
  await sleep(50);
  const json = p.output().slice(p.output().indexOf('{'), p.output().lastIndexOf('}') + 1);
  return { report: Report.parse(JSON.parse(json)), code, peakMb: p.peakRssMb() };
}

describe('an image bomb inside a PDF', () => {
  it('lkj extract refuses it from the image dictionary, without decoding it', { timeout: 120_000 }, async () => {
    const r = await extract(bomb);
    expect(r.code).toBe(1);
    expect(r.report.status).toBe('failed');
    expect(r.report.error).toEqual({
      code: 'too-large',
      message: 'bomb.pdf: an image (object 4) is 30000×30000 px, above the 120000000-pixel limit',
    });
    expect(r.peakMb).toBeLessThan(EXTRACT_RSS_BOUND_MB);
  });

  it('an inline image (no dictionary object) is skipped by pdfjs, never decoded', { timeout: 120_000 }, async () => {
    const r = await extract(inline);
    expect(r.report.status).toBe('failed');
    expect(r.peakMb).toBeLessThan(EXTRACT_RSS_BOUND_MB);
  });

  it('the upload route refuses it (413)', { timeout: 120_000 }, async () => {
    const api = await startApi();
    try {
      await addUser(api.rt.store, 'rev', 'reviewer');
      const s = await login(api.app, 'rev');
      const r = await requester(api.app)(s, {
        method: 'POST',
        url: '/api/documents',
        ...multipart([{ name: 'bomb.pdf', bytes: await fs.readFile(bomb) }]),
      });
      expect(r.statusCode).toBe(413);
      expect(r.json()[0].error.message).toMatch(/30000×30000 px/);
    } finally {
      await api.close();
    }
  });
});

describe('a document that fails on a page stops its work', () => {
  it('no page starts after the failure; pages under way finish before the document is closed', async () => {
    const events: string[] = [];
    const source: PageSource = {
      file: 'x.pdf',
      kind: 'pdf',
      numPages: 6,
      readText: async () => null,
      async readScan(n) {
        events.push(`start ${n}`);
        await sleep(n === 1 ? 10 : 80);
        if (n === 1) throw new Error('page 1 is a bomb');
        events.push(`end ${n}`);
        return {} as OcrPage;
      },
      close: async () => {
        events.push('close');
      },
    };
    // two OCR threads: three pages in flight at once
    const ocr = () => ({ text: { size: 2 } }) as unknown as OcrPools;
    await expect(readDocument(source, { ocr })).rejects.toThrow('page 1 is a bomb');
    expect(events).toEqual(['start 1', 'start 2', 'start 3', 'end 2', 'end 3', 'close']);
  });
});
