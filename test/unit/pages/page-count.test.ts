/**
 * Found by the fuzz test (test/load/fuzz.test.ts, seed 1902144599): a report whose page tree says
 * `/Count -1` ended `internal` ("Invalid array length"): pdfjs keeps a count of at most 1 as it
 * stands, and the pipeline sized its page list by it. Such a PDF is now refused as corrupt,
 * naming the count, in the reader's language.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../src/pipeline/extract.js';

const born = path.resolve(import.meta.dirname, '../../../fixtures/corpus/born/paiton-tw1-2025.pdf');

async function withCount(count: string): Promise<Buffer> {
  const pdf = (await fs.readFile(born)).toString('latin1');
  expect(pdf).toContain('/Count 9');
  return Buffer.from(pdf.replace('/Count 9', `/Count ${count}`), 'latin1');
}

describe('a page tree that declares no pages', () => {
  it.each(['-1', '0'])('/Count %s: failed as a corrupt PDF naming the count, not an internal error', async (count) => {
    const { report } = await extractBytes(await withCount(count), 'count.pdf', { lang: 'en' });
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('corrupt-pdf');
    expect(report.error?.message).toContain(`declares ${count} pages`);
    const id = await extractBytes(await withCount(count), 'count.pdf', { lang: 'id' });
    expect(id.report.error?.message).toContain(`menyebut ${count} halaman`);
  });

  it('/Count 9 as printed still reads (the check refuses only what pdfjs cannot page)', async () => {
    const { report } = await extractBytes(await withCount('9'), 'count.pdf', { lang: 'en' });
    expect(report.status).not.toBe('failed');
    expect(report.source.pages).toBe(9);
  });
});
