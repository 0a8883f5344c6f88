/**
 * Scanned-report speed: `npm run bench:ocr [files…]`.
 *
 * Side by side on the same pages in one run: (a) the reference, the native `tesseract` CLI
 * (Debian's tesseract-ocr + tesseract-ocr-ind, installed here when missing) doing plain full-page
 * OCR of every page, one thread (OMP_THREAD_LIMIT=1); (b) lkj's full extraction of the report
 * (rasterise, preprocess, ruling lines, cell and page OCR, re-reads, tables, verification) with its
 * default worker pools. Prints ms per page per stage, seconds per report, the ratio
 * lkj / native (target ≤ 1.0) and peak RSS of this process (lkj runs in it; Tesseract's threads
 * are inside it). Default input: three documents of the committed scanned corpus.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { extractFile } from '../src/pipeline/extract.js';
import { closeSharedOcrPools } from '../src/ocr/shared-pool.js';
import { openPdf } from '../src/pages/pdfjs.js';
import { embeddedPageImage, renderPdfPage } from '../src/raster/render.js';
import { toPgm } from '../src/ocr/pnm.js';

const DEFAULT = ['candipuro-tw2-2024_scan.pdf', 'pasirian-tw1-2023_scan.pdf', 'tempeh-tw2-2023_scan.pdf'];
const args = process.argv.slice(2);
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
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 25);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-bench-'));
const rows: { name: string; pages: number; nativeS: number; lkjS: number; stages: Record<string, number>; status: string }[] = [];
for (const file of files) {
  const dir = fs.mkdtempSync(path.join(tmp, 'd'));
  const pgms = await pagesAsPgm(file, dir);
  let t = performance.now();
  for (const p of pgms) {
    execFileSync('tesseract', [p, '-', '-l', 'ind', '--psm', '3'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'ignore', 'ignore'] });
  }
  const nativeS = (performance.now() - t) / 1000;
  t = performance.now();
  const { report, timings } = await extractFile(file);
  const lkjS = (performance.now() - t) / 1000;
  rows.push({ name: path.basename(file), pages: pgms.length, nativeS, lkjS, stages: timings.ms as Record<string, number>, status: report.status });
}
clearInterval(sampler);
await closeSharedOcrPools();
fs.rmSync(tmp, { recursive: true, force: true });

const stages = ['render', 'preprocess', 'lines', 'ocr', 'reread', 'tables', 'meta', 'claims', 'verify'];
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`scanned extraction vs native full-page OCR, ${rows.length} reports, ${os.cpus().length} cores, node ${process.version}`);
console.log(`reference: ${version}, -l ind --psm 3, OMP_THREAD_LIMIT=1, one process per page`);
console.log(`lkj: OCR pools of ${process.env.LKJ_OCR_WORKERS ?? os.availableParallelism()} workers (ind+eng page text, eng table cells)\n`);
console.log(`${'report'.padEnd(30)} ${pad('pages', 5)} ${pad('native s', 9)} ${pad('lkj s', 8)} ${pad('ratio', 6)}  ms/page (summed over concurrent pages): ${stages.map((s) => pad(s, 8)).join('')}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(30)} ${pad(r.pages, 5)} ${pad(r.nativeS.toFixed(1), 9)} ${pad(r.lkjS.toFixed(1), 8)} ${pad((r.lkjS / r.nativeS).toFixed(2), 6)}  ${' '.repeat(40)}${stages.map((s) => pad(((r.stages[s] ?? 0) / r.pages).toFixed(0), 8)).join('')}`);
}
const nat = rows.reduce((s, r) => s + r.nativeS, 0), lkj = rows.reduce((s, r) => s + r.lkjS, 0);
const pages = rows.reduce((s, r) => s + r.pages, 0);
console.log(`\nseconds per report: native ${(nat / rows.length).toFixed(1)}, lkj ${(lkj / rows.length).toFixed(1)}; per page: native ${(nat / pages).toFixed(2)} s, lkj ${(lkj / pages).toFixed(2)} s`);
console.log(`ratio lkj full extraction / native full-page OCR: ${(lkj / nat).toFixed(2)} (target ≤ 1.0)`);
console.log(`reports per minute (lkj): ${(60 / (lkj / rows.length)).toFixed(2)}`);
console.log(`peak RSS: ${(peakRss / 1048576).toFixed(0)} MB (target < 500 MB)`);
