/**
 * Found by the fuzz test (test/load/fuzz.test.ts): a born-digital report whose pages say
 * `/UserUnit 99999999999999999999999999` ended `internal` ("Invalid typed array length: 8.76e+28"):
 * the column-edge tally of an open table had one slot per half point across the scaled page.
 * The tally is now coarser on such a page; the report is read (or refused) like any other.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../../src/pipeline/extract.js';

const born = path.resolve(import.meta.dirname, '../../../fixtures/corpus/born/paiton-tw1-2025.pdf');

describe('a page scaled past reason', () => {
  it.each(['99999999999999999999999999', '1e9'])('/UserUnit %s: a report, not an internal error', async (unit) => {
    const pdf = (await fs.readFile(born)).toString('latin1');
    expect(pdf).toContain('/UserUnit 1\n');
    const bytes = Buffer.from(pdf.replaceAll('/UserUnit 1\n', `/UserUnit ${unit}\n`), 'latin1');
    const { report } = await extractBytes(bytes, 'huge.pdf', { lang: 'en' });
    expect(report.error?.code).not.toBe('internal');
    expect(['clean', 'flagged', 'failed']).toContain(report.status);
  });
});
