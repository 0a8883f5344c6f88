/**
 * Scanned-report speed: `npm run bench:ocr [files…]`.
 *
 * Side by side on the same pages in one run:
 * (a) the reference, what a user without lkj would run: poppler's `pdftoppm -r 300 -gray` to
 *     rasterise each page, then the native `tesseract` CLI (Debian's tesseract-ocr with the
 *     `tessdata_fast` `ind` model, `--oem 1 --psm 3`, plain full-page OCR), one page per process,
 *     as many processes at once as there are cores (OMP_THREAD_LIMIT=1 each): the same cores lkj gets;
 * (floor) tesseract.js, the WebAssembly build lkj reads with, on the reference's page images
 *     with the reference's model and mode, one worker per core: what reading all that native
 *     reads costs in WebAssembly, the floor under any lkj that reads every page;
 * (b) lkj's full extraction of the report (rasterise, preprocess, ruling lines, cell and page
 *     OCR, re-reads, tables, verification) as a user runs it: the built `lkj extract` in its own
 *     process with its default worker pool.
 * `--rounds N` measures everything N times in turn (odd rounds in reverse order) and reports each
 * report's medians: on this VM the same command's time drifts by a third within minutes.
 * Prints ms per page per stage (`LKJ_TIMINGS`), the Tesseract calls by purpose, wall and CPU
 * seconds per report for both, the ratio lkj / native (target ≤ 1.0) and the peak RSS of the lkj
 * process (Tesseract's threads are inside it; target ≤ 500 MB). Default input: three documents of
 * the committed scanned corpus. Poppler and tesseract are installed with apt when missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { rssMb } from '../src/pipeline/timings.js';
import { createWorker, OEM } from 'tesseract.js';
import { ensureLangDir } from '../src/ocr/langdata.js';
import { loadSettings } from '../src/settings/settings.js';

const DEFAULT = ['candipuro-tw2-2024_scan.pdf', 'pasirian-tw1-2023_scan.pdf', 'tempeh-tw2-2023_scan.pdf'];
const argv = process.argv.slice(2);
// --before DIR: another built checkout (e.g. a worktree of the commit before a change) run side by side
const beforeAt = argv.indexOf('--before');
const before = beforeAt >= 0 ? path.resolve(argv[beforeAt + 1]!, 'bin/lkj') : null;
let args = beforeAt >= 0 ? argv.filter((_, i) => i !== beforeAt && i !== beforeAt + 1) : argv;
// --rounds N: every measurement N times, in turn (this VM's speed drifts by a third within minutes);
// each report's figures are the medians
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1]) || 1) : 1;
if (roundsAt >= 0) args = args.filter((_, i) => i !== roundsAt && i !== roundsAt + 1);
const files = args.length ? args : DEFAULT.map((f) => path.resolve('fixtures/corpus/scan', f));
const CORES = os.availableParallelism();

function ensureTools(): string {
  const ok = () => spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  let r = ok();
  const hasPoppler = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).status === 0;
  if (r.status !== 0 || !/\bind\b/.test(r.stdout + r.stderr) || !hasPoppler) {
    console.error('bench: installing tesseract-ocr, tesseract-ocr-ind and poppler-utils (apt-get)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'tesseract-ocr', 'tesseract-ocr-ind', 'poppler-utils'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    r = ok();
    if (r.status !== 0) throw new Error('tesseract could not be installed');
  }
  return execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
}

/** A shell command's wall seconds and its children's CPU seconds (bash's `times`). */
function sh(cmd: string): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('bash', ['-c', `${cmd} >/dev/null 2>&1; times`], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      // second line of `times`: the children's user and system time, e.g. `0m1.234s 0m0.056s`
      const line = out.trim().split('\n')[1] ?? '';
      const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
      if (code !== 0) reject(new Error(`${cmd} exited ${code}`));
      else resolve({ wall: (performance.now() - t0) / 1000, cpu: secs });
    });
  });
}

/** The reference on one PDF: every page rasterised and read, CORES pages at a time. */
async function native(file: string, dir: string): Promise<{ pages: number; wall: number; cpu: number }> {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  const t0 = performance.now();
  let next = 1,
    cpu = 0;
  const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  await Promise.all(
    Array.from({ length: CORES }, async () => {
      for (let n = next++; n <= pages; n = next++) {
        const out = path.join(dir, `p${n}`);
        const r = await sh(
          `pdftoppm -r 300 -gray -f ${n} -l ${n} -singlefile ${q(file)} ${q(out)} && tesseract ${q(`${out}.pgm`)} - -l ind --oem 1 --psm 3`,
        );
        cpu += r.cpu;
      }
    }),
  );
  return { pages, wall: (performance.now() - t0) / 1000, cpu };
}

/**
 * The floor for any tesseract.js pipeline: the WebAssembly build lkj uses, reading the pages the
 * reference rasterised just as the reference does (the same `tessdata_fast` `ind` network, PSM 3,
 * whole pages, one worker thread per core), in this process. Its ratio to native is what
 * WebAssembly costs on the same work; lkj can only beat native by reading less than that.
 */
async function wasmFloor(dir: string, pages: number): Promise<{ wall: number; cpu: number }> {
  const langPath = ensureLangDir(['ind_fast']);
  const workers = await Promise.all(
    Array.from({ length: CORES }, () =>
      createWorker('ind_fast', OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true }),
    ),
  );
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  let next = 1;
  await Promise.all(
    workers.map(async (w) => {
      // Tesseract's defaults otherwise, as the CLI has them (the PGM carries no resolution either)
      await w.setParameters({ tessedit_pageseg_mode: '3' as never });
      for (let n = next++; n <= pages; n = next++) await w.recognize(path.join(dir, `p${n}.pgm`));
    }),
  );
  const c = process.cpuUsage(c0);
  await Promise.all(workers.map((w) => w.terminate()));
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const version = ensureTools();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-bench-'));
const rows: {
  name: string;
  pages: number;
  nativeS: number;
  nativeCpu: number;
  floorS: number;
  floorCpu: number;
  lkjS: number;
  lkjCpu: number;
  beforeS?: number;
  stages: Record<string, number>;
  ocr: OcrStats;
  status: string;
  rss: number;
}[] = [];

/** `lkj extract` as a user runs it (the built CLI in its own process): wall time, stage ms, peak RSS. */
type OcrStats = Record<string, { n: number; ms: number }>;
function runCli(
  file: string,
  bin = path.resolve('bin/lkj'),
): Promise<{
  seconds: number;
  cpu: number;
  stages: Record<string, number>;
  ocr: OcrStats;
  status: string;
  peakRssMb: number;
}> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, ['extract', file, '--json'], { env: { ...process.env, LKJ_TIMINGS: '1' } });
    let out = '',
      err = '',
      peak = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    const poll = setInterval(() => {
      peak = Math.max(peak, rssMb(child.pid));
    }, 25);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(poll);
      const t = /lkj-timings (.*)/.exec(err);
      const o = /lkj-ocr-stats (.*)/.exec(err);
      const c = /lkj-cpu (.*)/.exec(err);
      const cpu = c ? (JSON.parse(c[1]!) as { userMs: number; systemMs: number }) : { userMs: NaN, systemMs: NaN };
      resolve({
        seconds: (performance.now() - t0) / 1000,
        cpu: (cpu.userMs + cpu.systemMs) / 1000,
        stages: t ? (JSON.parse(t[1]!) as { ms: Record<string, number> }).ms : {},
        ocr: o ? (JSON.parse(o[1]!) as OcrStats) : {},
        status: (JSON.parse(out) as { status: string }).status,
        peakRssMb: peak,
      });
    });
  });
}
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};
for (const file of files) {
  const dir = fs.mkdtempSync(path.join(tmp, 'd'));
  const nats: Awaited<ReturnType<typeof native>>[] = [],
    floors: Awaited<ReturnType<typeof wasmFloor>>[] = [],
    runs: Awaited<ReturnType<typeof runCli>>[] = [],
    befores: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const nat = async () => void nats.push(await native(file, dir));
    // reads the pages native rasterised: native runs first in round 0
    const flo = async () => void floors.push(await wasmFloor(dir, nats[0]!.pages));
    const cur = async () => void runs.push(await runCli(file));
    const bef = async () => void (before && befores.push((await runCli(file, before)).seconds));
    // odd rounds the other way round, so a drift in the machine's speed weighs on both alike
    for (const step of r % 2 ? [bef, cur, nat, flo] : [nat, flo, cur, bef]) await step();
  }
  // the run whose wall time is the median gives the stages and calls shown
  const run = [...runs].sort((a, b) => a.seconds - b.seconds)[runs.length >> 1]!;
  rows.push({
    name: path.basename(file),
    pages: nats[0]!.pages,
    nativeS: median(nats.map((n) => n.wall)),
    nativeCpu: median(nats.map((n) => n.cpu)),
    floorS: median(floors.map((f) => f.wall)),
    floorCpu: median(floors.map((f) => f.cpu)),
    lkjS: run.seconds,
    lkjCpu: median(runs.map((r) => r.cpu)),
    beforeS: before ? median(befores) : undefined,
    stages: run.stages,
    ocr: run.ocr,
    status: run.status,
    rss: Math.max(...runs.map((r) => r.peakRssMb)),
  });
}
fs.rmSync(tmp, { recursive: true, force: true });

const stages = ['render', 'preprocess', 'lines', 'ocr', 'reread', 'tables', 'meta', 'claims', 'verify'];
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(
  `scanned extraction vs native full-page OCR, ${rows.length} reports, ${CORES} cores, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)} at the end${ROUNDS > 1 ? `; medians of ${ROUNDS} rounds, odd rounds in reverse order` : ''}`,
);
console.log(
  `reference: pdftoppm -r 300 -gray + ${version} -l ind (tessdata_fast) --oem 1 --psm 3, one page per process, ${CORES} processes at once`,
);
console.log(
  `lkj: one OCR pool of ${process.env.LKJ_OCR_WORKERS ?? Math.min(CORES, 4)} workers (page text and its re-reads ${loadSettings().ocrPageLangs.join('+')}, page text in bands; figures and table cells eng)\n`,
);
console.log(
  `${'report'.padEnd(30)} ${pad('pages', 5)} ${pad('native s', 9)} ${pad('cpu', 6)} ${pad('floor s', 8)} ${pad('lkj s', 7)} ${pad('cpu', 6)} ${pad('ratio', 6)}  ms/page (summed over concurrent pages): ${stages.map((s) => pad(s, 8)).join('')}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(30)} ${pad(r.pages, 5)} ${pad(r.nativeS.toFixed(1), 9)} ${pad(r.nativeCpu.toFixed(1), 6)} ${pad(r.floorS.toFixed(1), 8)} ${pad(r.lkjS.toFixed(1), 7)} ${pad(r.lkjCpu.toFixed(1), 6)} ${pad((r.lkjS / r.nativeS).toFixed(2), 6)}  ${' '.repeat(40)}${stages.map((s) => pad(((r.stages[s] ?? 0) / r.pages).toFixed(0), 8)).join('')}`,
  );
}
// Tesseract calls per report by purpose: count and ms from hand-over to answer (concurrent calls overlap)
const tags = [...new Set(rows.flatMap((r) => Object.keys(r.ocr)))];
console.log(
  `\nOCR calls per report (n, ms): ${tags
    .map((t) => {
      const n = rows.reduce((s, r) => s + (r.ocr[t]?.n ?? 0), 0) / rows.length,
        ms = rows.reduce((s, r) => s + (r.ocr[t]?.ms ?? 0), 0) / rows.length;
      return `${t} ${n.toFixed(0)} × ${(ms / Math.max(1, n)).toFixed(0)} ms`;
    })
    .join(', ')}`,
);
const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
const nat = sum((r) => r.nativeS),
  lkj = sum((r) => r.lkjS),
  natCpu = sum((r) => r.nativeCpu),
  lkjCpu = sum((r) => r.lkjCpu);
const pages = sum((r) => r.pages);
console.log(
  `\nseconds per report: native ${(nat / rows.length).toFixed(1)}, lkj ${(lkj / rows.length).toFixed(1)}; per page: native ${(nat / pages).toFixed(2)} s, lkj ${(lkj / pages).toFixed(2)} s`,
);
console.log(
  `CPU seconds per report: native ${(natCpu / rows.length).toFixed(1)}, lkj ${(lkjCpu / rows.length).toFixed(1)} (CPU ratio ${(lkjCpu / natCpu).toFixed(2)}: steadier than wall time on a busy machine)`,
);
const floor = sum((r) => r.floorS),
  floorCpu = sum((r) => r.floorCpu);
console.log(
  `floor (tesseract.js, the same wasm build and tessdata_fast ind network, whole pages PSM 3, ${CORES} workers): ${(floor / rows.length).toFixed(1)} s and ${(floorCpu / rows.length).toFixed(1)} CPU s per report, ${(floor / nat).toFixed(2)} × native (CPU ${(floorCpu / natCpu).toFixed(2)}): reading what native reads, no more, in WebAssembly`,
);
console.log(`ratio lkj full extraction / native full-page OCR: ${(lkj / nat).toFixed(2)} (target ≤ 1.0)`);
console.log(`reports per minute (lkj): ${(60 / (lkj / rows.length)).toFixed(2)}`);
if (before) {
  const b = rows.reduce((s, r) => s + (r.beforeS ?? 0), 0);
  console.log(
    `before (${before}): ${(b / rows.length).toFixed(1)} s per report (${rows.map((r) => r.beforeS!.toFixed(1)).join(', ')}); this checkout: ${(lkj / rows.length).toFixed(1)} s (${rows.map((r) => r.lkjS.toFixed(1)).join(', ')}); after / before ${(lkj / b).toFixed(2)}`,
  );
}
console.log(
  `peak RSS of lkj extract: ${Math.max(...rows.map((r) => r.rss)).toFixed(0)} MB (target ≤ 500 MB; LKJ_OCR_WORKERS=1 trades speed for memory)`,
);
