/**
 * Issue 12 item 6: a failure of ours (a bug, the environment) is not a failure of the input. Its
 * stack goes to the log (stderr), never into the report; `lkj extract` exits 3 for it, not 1.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';
import { InternalError, toInternalError } from '../../src/intake/errors.js';
import { makePdf } from '../helpers/pdf.js';
import { ROOT, runCli } from '../helpers/services.js';
import { capturedLogger } from '../helpers/log.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-internal-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('an internal error', () => {
  it('lkj extract: the report says internal in one line, the stack goes to stderr, exit code 3', async () => {
    // a page without text needs OCR; the OCR models' folder cannot be made (a file is in its way)
    const scan = path.join(dir, 'scan.pdf');
    await fs.writeFile(scan, await makePdf((d) => d.rect(50, 50, 400, 600).fill('#777')));
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const r = await runCli(['extract', scan, '--json'], { LKJ_CACHE_DIR: blocker, LKJ_DATA_DIR: dir });
    expect(r.code, r.stderr).toBe(3);
    const report = Report.parse(JSON.parse(r.stdout));
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('internal');
    expect(report.error?.message).toMatch(/^scan\.pdf: tidak dapat diproses \(kesalahan internal: /);
    expect(report.error?.message).not.toMatch(/\n\s+at /); // no stack
    expect(report.error?.message).not.toContain(dir); // no path of this machine
    expect(report.error?.message).not.toContain(ROOT);
    // the stack is in the log: a JSON line on stderr, at error level, naming the file
    const logged = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; file?: string; err?: { stack?: string } });
    expect(logged.find((l) => l.level === 'error' && l.file === 'scan.pdf')?.err?.stack).toMatch(/\n\s+at /);
  });

  it('an input error still exits 1', async () => {
    const notPdf = path.join(dir, 'notes.pdf');
    await fs.writeFile(notPdf, 'just text');
    const r = await runCli(['extract', notPdf, '--json'], { LKJ_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('not-pdf');
  });

  it('toInternalError keeps the message, shortens paths, logs the stack', () => {
    const { logger, lines } = capturedLogger();
    const e = toInternalError(
      new Error("ENOENT: no such file or directory, open '/srv/lkj/data/cache/x.bin'"),
      'a.pdf',
      logger,
    );
    expect(e).toBeInstanceOf(InternalError);
    expect(e.code).toBe('internal');
    expect(e.message).toBe(
      "a.pdf: could not be processed (internal error: Error: ENOENT: no such file or directory, open '…/x.bin')",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', file: 'a.pdf' });
    expect((lines[0]!.err as { stack: string }).stack).toMatch(/\/srv\/lkj\/data\/cache\/x\.bin[\s\S]*\n\s+at /);
  });
});
