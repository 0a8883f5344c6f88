/**
 * Scanned-report speed: `npm run bench:ocr [files…]`.
 *
 * Side by side on the same pages in one run: (a) the reference, the native `tesseract` CLI
 * (Debian's tesseract-ocr + tesseract-ocr-ind, installed here when missing) doing plain full-page
 * OCR of every page, one thread (OMP_THREAD_LIMIT=1); (b) lkj's full extraction of the report
 * (rasterise, preprocess, ruling lines, cell and page OCR, re-reads, tables, verification) as a
 * user runs it: the built `lkj extract` in its own process with its default worker pools. Prints
 * ms per page per stage, seconds per report, the ratio lkj / native (target ≤ 1.0) and the peak
 * RSS of the lkj process (Tesseract's threads are inside it). Default input: three documents of
 * the committed scanned corpus. Run `npm run build` first if the sources changed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { openPdf } from '../src/pages/pdfjs.js';
import { embeddedPageImage, renderPdfPage } from '../src/raster/render.js';
import { toPgm } from '../src/ocr/pnm.js';

const DEFAULT = ['candipuro-tw2-2024_scan.pdf', 'pasirian-tw1-2023_scan.pdf', 'tempeh-tw2-2023_scan.pdf'];
const argv = process.argv.slice(2);
// --before DIR: another built checkout (e.g. a worktree of the commit before a change) run side by side
const beforeAt = argv.indexOf('--before');
const before = beforeAt >= 0 ? path.resolve(argv[beforeAt + 1]!, 'bin/lkj') : null;
const args = beforeAt >= 0 ? argv.filter((_, i) => i !== beforeAt && i !== beforeAt + 1) : argv;
const files = args.length ? args : DEFAULT.map((f) => path.resolve('fixtures/corpus/scan', f));

function ensureTesseract(): string {
  const has = () => spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  let r = has();
  if (r.status !== 0 || !/\bind\b/.test(r.stdout + r.stderr)) {
    console.error('bench: installing tesseract-ocr and tesseract-ocr-ind (apt-get)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'tesseract-ocr', 'tesseract-ocr-ind'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    r = has();
    if (r.status !== 0) throw new Error('tesseract could not be installed');
  }
  return execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
}

/** The pages of a scanned PDF as PGM files (what lkj OCRs), for the native reference. */
async function pagesAsPgm(file: string, dir: string): Promise<string[]> {
  const doc = await openPdf(fs.readFileSync(file), file);
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const r = (await embeddedPageImage(page, n)) ?? (await renderPdfPage(page, n, 300));
    const p = path.join(dir, `p${n}.pgm`);
    fs.writeFileSync(p, toPgm(r.image));
    out.push(p);
  }
  await doc.destroy();
  return out;
}

const version = ensureTesseract();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-bench-'));
const rows: { name: string; pages: number; nativeS: number; lkjS: number; beforeS?: number; stages: Record<string, number>; ocr: OcrStats; status: string; rss: number }[] = [];

/** `lkj extract` as a user runs it (the built CLI in its own process): wall time, stage ms, peak RSS. */
type OcrStats = Record<string, { n: number; ms: number }>;
function runCli(file: string, bin = path.resolve('bin/lkj')): Promise<{ seconds: number; stages: Record<string, number>; ocr: OcrStats; status: string; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, ['extract', file, '--json'], { env: { ...process.env, LKJ_TIMINGS: '1' } });
    let out = '', err = '', peak = 0;
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { err += d; });
    const poll = setInterval(() => {
      try {
        const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch { /* exited */ }
    }, 25);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(poll);
      const t = /lkj-timings (.*)/.exec(err);
      const o = /lkj-ocr-stats (.*)/.exec(err);
      resolve({
        seconds: (performance.now() - t0) / 1000,
        stages: t ? (JSON.parse(t[1]!) as { ms: Record<string, number> }).ms : {},
        ocr: o ? (JSON.parse(o[1]!) as OcrStats) : {},
        status: (JSON.parse(out) as { status: string }).status,
        peakRssMb: peak,
      });
    });
  });
}
for (const file of files) {
  const dir = fs.mkdtempSync(path.join(tmp, 'd'));
  const pgms = await pagesAsPgm(file, dir);
  let t = performance.now();
  for (const p of pgms) {
    execFileSync('tesseract', [p, '-', '-l', 'ind', '--psm', '3'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'ignore', 'ignore'] });
  }
  const nativeS = (performance.now() - t) / 1000;
  const run = await runCli(file);
  const beforeS = before ? (await runCli(file, before)).seconds : undefined;
  rows.push({ name: path.basename(file), pages: pgms.length, nativeS, lkjS: run.seconds, beforeS, stages: run.stages, ocr: run.ocr, status: run.status, rss: run.peakRssMb });
}
fs.rmSync(tmp, { recursive: true, force: true });

const stages = ['render', 'preprocess', 'lines', 'ocr', 'reread', 'tables', 'meta', 'claims', 'verify'];
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`scanned extraction vs native full-page OCR, ${rows.length} reports, ${os.cpus().length} cores, node ${process.version}`);
console.log(`reference: ${version}, -l ind --psm 3, OMP_THREAD_LIMIT=1, one process per page`);
console.log(`lkj: one OCR pool of ${process.env.LKJ_OCR_WORKERS ?? Math.min(os.availableParallelism(), 4)} workers (ind+eng page text in bands, eng table cells; a worker switches models as jobs ask)\n`);
console.log(`${'report'.padEnd(30)} ${pad('pages', 5)} ${pad('native s', 9)} ${pad('lkj s', 8)} ${pad('ratio', 6)}  ms/page (summed over concurrent pages): ${stages.map((s) => pad(s, 8)).join('')}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(30)} ${pad(r.pages, 5)} ${pad(r.nativeS.toFixed(1), 9)} ${pad(r.lkjS.toFixed(1), 8)} ${pad((r.lkjS / r.nativeS).toFixed(2), 6)}  ${' '.repeat(40)}${stages.map((s) => pad(((r.stages[s] ?? 0) / r.pages).toFixed(0), 8)).join('')}`);
}
// Tesseract calls per report by purpose: count and ms from hand-over to answer (concurrent calls overlap)
const tags = [...new Set(rows.flatMap((r) => Object.keys(r.ocr)))];
console.log(`\nOCR calls per report (n, ms): ${tags.map((t) => {
  const n = rows.reduce((s, r) => s + (r.ocr[t]?.n ?? 0), 0) / rows.length, ms = rows.reduce((s, r) => s + (r.ocr[t]?.ms ?? 0), 0) / rows.length;
  return `${t} ${n.toFixed(0)} × ${(ms / Math.max(1, n)).toFixed(0)} ms`;
}).join(', ')}`);
const nat = rows.reduce((s, r) => s + r.nativeS, 0), lkj = rows.reduce((s, r) => s + r.lkjS, 0);
const pages = rows.reduce((s, r) => s + r.pages, 0);
console.log(`\nseconds per report: native ${(nat / rows.length).toFixed(1)}, lkj ${(lkj / rows.length).toFixed(1)}; per page: native ${(nat / pages).toFixed(2)} s, lkj ${(lkj / pages).toFixed(2)} s`);
console.log(`ratio lkj full extraction / native full-page OCR: ${(lkj / nat).toFixed(2)} (target ≤ 1.0)`);
console.log(`reports per minute (lkj): ${(60 / (lkj / rows.length)).toFixed(2)}`);
if (before) {
  const b = rows.reduce((s, r) => s + (r.beforeS ?? 0), 0);
  console.log(`before (${before}): ${(b / rows.length).toFixed(1)} s per report (${rows.map((r) => r.beforeS!.toFixed(1)).join(', ')}); this checkout: ${(lkj / rows.length).toFixed(1)} s (${rows.map((r) => r.lkjS.toFixed(1)).join(', ')}); after / before ${(lkj / b).toFixed(2)}`);
}
console.log(`peak RSS of lkj extract: ${Math.max(...rows.map((r) => r.rss)).toFixed(0)} MB (target < 500 MB; LKJ_OCR_WORKERS=1 trades speed for memory)`);
