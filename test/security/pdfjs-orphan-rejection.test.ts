/**
 * Found by the fuzz test (test/load/fuzz.test.ts): a PDF whose cross-reference entries for some
 * pages point at other objects ended `lkj extract` (and would end `lkj serve`) with Node's
 * "UnhandledPromiseRejection: XRefEntryException", exit code 1 and no report. pdfjs caches
 * prefetched page dictionaries it never awaits; such a rejection is now ignored (the read that
 * needs the object fails on its own and is reported), and any other unhandled rejection stays fatal.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';
import { misdirectedKidsPdf } from '../helpers/raw-pdf.js';
import { runCli } from '../helpers/services.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-orphan-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a rejection pdfjs leaves unhandled', () => {
  it('lkj extract reports the document instead of dying', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'kids.pdf');
    await fs.writeFile(file, misdirectedKidsPdf());
    const r = await runCli(['extract', '--json', '--lang', 'en', file], { LKJ_DATA_DIR: dir });
    expect(r.stderr).not.toMatch(/UnhandledPromiseRejection/);
    const report = Report.parse(JSON.parse(r.stdout));
    expect(['clean', 'flagged', 'failed']).toContain(report.status);
    expect(report.error?.code).not.toBe('internal');
    expect(r.code).toBe(report.status === 'failed' ? 1 : 0);
  });

  it('any other unhandled rejection still ends the process', { timeout: 60_000 }, async () => {
    const script = `import('${path.resolve('dist/pages/pdfjs.js')}').then(() => { Promise.reject(new Error('ours')); setTimeout(() => {}, 2000); });`;
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Error: ours/);
  });
});
