/**
 * What `lkj extract` tells a person: in the chosen language, each error once, a folder of reports
 * pointed to `lkj run` (a folder of page images is one report and gets no such hint), and a
 * progress bar that moves with the pages of a scan (seen on a real terminal, through `script`).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/lkj.js');
const BORN = path.resolve('fixtures/corpus/born');
let dir: string;

/** stdout, stderr and the exit code, whatever the code */
async function lkj(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('node', [BIN, ...args], { env: { ...process.env, LKJ_LANG: '', ...env } });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const count = (text: string, what: string) => text.split(what).length - 1;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-climsg-'));
  // a folder of reports
  fs.mkdirSync(path.join(dir, 'reports'));
  for (const f of ['dau-tw4-2025.pdf', 'pasirian-tw1-2023.pdf'])
    fs.copyFileSync(path.join(BORN, f), path.join(dir, 'reports', f));
  // a folder of page images: one (blank) scanned report of three A4 pages at 300 DPI
  fs.mkdirSync(path.join(dir, 'pages'));
  const page = await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#fdfdfd' } })
    .png()
    .withMetadata({ density: 300 })
    .toBuffer();
  for (const n of [1, 2, 3]) fs.writeFileSync(path.join(dir, 'pages', `page-${n}.png`), page);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('lkj extract messages', () => {
  it('a missing file: the reason once, in Indonesian by default, in English with --lang en', async () => {
    const id = await lkj(['extract', path.join(dir, 'hilang.pdf')]);
    expect(id.code).toBe(1);
    expect(id.stdout).toMatch(/hilang\.pdf {2}GAGAL\n {2}.*hilang\.pdf: berkas tidak ditemukan/);
    expect(count(id.stdout + id.stderr, 'berkas tidak ditemukan')).toBe(1);
    expect(id.stdout + id.stderr).not.toMatch(/not found|halaman, lapisan teks/);
    const en = await lkj(['extract', '--lang', 'en', path.join(dir, 'hilang.pdf')]);
    expect(en.stdout).toMatch(/hilang\.pdf {2}FAILED/);
    expect(count(en.stdout + en.stderr, 'file not found')).toBe(1);
    // LKJ_LANG chooses too
    expect((await lkj(['extract', path.join(dir, 'hilang.pdf')], { LKJ_LANG: 'en' })).stdout).toMatch(/FAILED/);
    // with --json stdout is data: the reason goes to stderr, once
    const json = await lkj(['extract', '--json', path.join(dir, 'hilang.pdf')]);
    expect(JSON.parse(json.stdout).error.code).toBe('not-found');
    expect(count(json.stderr, 'berkas tidak ditemukan')).toBe(1);
  });

  it('several files end with the totals in the chosen language', async () => {
    const id = await lkj(['extract', path.join(BORN, 'dau-tw4-2025.pdf'), path.join(dir, 'hilang.pdf')]);
    expect(id.stdout).toMatch(/^2 berkas: 1 bersih, 0 ditandai, 1 gagal$/m);
    const en = await lkj([
      'extract',
      '--lang',
      'en',
      path.join(BORN, 'dau-tw4-2025.pdf'),
      path.join(dir, 'hilang.pdf'),
    ]);
    expect(en.stdout).toMatch(/^2 files: 1 clean, 0 flagged, 1 failed$/m);
  });

  it('a folder of reports is pointed to `lkj run`; a folder of page images is one report and is not', async () => {
    const reports = await lkj(['extract', path.join(dir, 'reports')]);
    expect(reports.code).toBe(1);
    expect(reports.stderr).toContain(`\`lkj run ${path.join(dir, 'reports')}\``);
    expect(count(reports.stderr, 'lkj run')).toBe(1);
    const pages = await lkj(['extract', path.join(dir, 'pages')]);
    expect(pages.stdout).toMatch(/pages {2}GAGAL\n.*semua 3 halaman kosong/);
    expect(pages.stderr).not.toContain('lkj run');
  });

  it('on a terminal the bar moves with the pages of a scan, before the file is done', async () => {
    // `script` gives the command a terminal, as a person running it has
    // (a blank scan fails: `-e` passes on its exit code 1)
    const stdout = await run('script', ['-qfec', `node ${BIN} extract ${path.join(dir, 'pages')}`, '/dev/null'], {
      env: { ...process.env, LKJ_LANG: '' },
    }).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a frame ends at the next escape sequence (ESC)
    const frames = [...stdout.matchAll(/ekstrak \[([█░]+)\] (\d)\/1 berkas \| ([^\x1b\r\n]*)/g)].map((m) => ({
      filled: [...m[1]!].filter((c) => c === '█').length / [...m[1]!].length,
      done: Number(m[2]),
      page: m[3]!,
    }));
    expect(frames.length).toBeGreaterThan(1);
    // a frame of the file still being read whose bar is partly filled, naming the page
    const moving = frames.filter((f) => f.done === 0 && f.filled > 0 && f.filled < 1);
    expect(moving.length, JSON.stringify(frames)).toBeGreaterThan(0);
    expect(moving.some((f) => /hlm\. [12]\/3/.test(f.page))).toBe(true);
  });
});
