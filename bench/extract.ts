/**
 * Born-digital extraction speed: `npm run bench:extract [files…]`.
 *
 * Runs, side by side on the same PDFs in one process, (a) the reference: pdfjs reading every
 * page's text layer and nothing else — the floor any pdfjs-based extractor pays — and (b) lkj's
 * full extraction (pages, ruling lines, tables, meta, claims, verification). Prints ms per
 * report, ms per page per stage, the ratio to the reference, and peak RSS. Default input: the
 * committed fixtures corpus (born-digital variants) and a 60-page annual report laid out by another
 * kabupaten with five non-LKj tables (printed by Chromium from test/helpers/kabupaten at start;
 * target: read in under 2 s).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractBytes } from '../src/pipeline/extract.js';
import { openPdf } from '../src/pages/pdfjs.js';
import type { Stage } from '../src/pipeline/timings.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const args = process.argv.slice(2);
const corpus = path.resolve('fixtures/corpus/born');
const files = args.length
  ? args
  : [
      ...fs
        .readdirSync(corpus)
        .filter((f) => f.endsWith('.pdf'))
        .sort()
        .map((f) => path.join(corpus, f)),
      await annualReport(),
    ];
if (!files.length) {
  console.error('bench: no PDFs (run `npm run fixtures` or pass files)');
  process.exit(2);
}
const docs = files.map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) }));

/** The 60-page annual report with five other tables, printed once per run into the temp folder. */
async function annualReport(): Promise<string> {
  const [{ launchChromium }, { baseSpec }, { printKab }] = await Promise.all([
    import('../test/helpers/chromium.js'),
    import('../test/helpers/kabupaten/base.js'),
    import('../test/helpers/kabupaten/print.js'),
  ]);
  const browser = await launchChromium();
  try {
    const spec = baseSpec('annual-60', {
      document: { fillerPages: 50, otherTables: 5, runningHeader: true, landscape: ['2.3', '2.4'] },
      ruling: 'rows',
    });
    const file = path.join(os.tmpdir(), 'lkj-bench-annual-60.pdf');
    fs.writeFileSync(file, await printKab(browser, spec));
    return file;
  } finally {
    await browser.close();
  }
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

async function reference(bytes: Uint8Array, name: string): Promise<number> {
  const doc = await openPdf(bytes, name);
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    await page.getTextContent();
    page.cleanup();
  }
  const pages = doc.numPages;
  await doc.destroy();
  return pages;
}

// warm-up: module loading and JIT are start-up costs, not per-report costs
await reference(docs[0]!.bytes, docs[0]!.name);
await extractBytes(docs[0]!.bytes, docs[0]!.name);

const stages: Stage[] = ['intake', 'pages', 'tables', 'meta', 'claims', 'signatures', 'verify'];
const rows: { name: string; pages: number; refMs: number; lkjMs: number; stage: Partial<Record<Stage, number>> }[] = [];
for (const d of docs) {
  let refMs = Infinity,
    lkjMs = Infinity,
    pages = 0;
  let stage: Partial<Record<Stage, number>> = {};
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    pages = await reference(d.bytes, d.name);
    refMs = Math.min(refMs, performance.now() - t);
    t = performance.now();
    const { report, timings } = await extractBytes(d.bytes, d.name);
    const ms = performance.now() - t;
    if (report.status === 'failed') throw new Error(`${d.name}: ${report.error?.message}`);
    if (ms < lkjMs) {
      lkjMs = ms;
      stage = { ...timings.ms };
    }
  }
  rows.push({ name: d.name, pages, refMs, lkjMs, stage });
}
clearInterval(sampler);

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`born-digital extraction, best of ${ROUNDS} rounds, ${docs.length} reports, node ${process.version}`);
console.log(`reference: pdfjs getTextContent of every page (text layer only)\n`);
console.log(
  `${'report'.padEnd(34)} ${pad('pages', 5)} ${pad('ref ms', 8)} ${pad('lkj ms', 8)} ${pad('ratio', 6)}  ms/page: ${stages.map((s) => pad(s, 7)).join('')}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(34)} ${pad(r.pages, 5)} ${pad(r.refMs.toFixed(1), 8)} ${pad(r.lkjMs.toFixed(1), 8)} ${pad((r.lkjMs / r.refMs).toFixed(2), 6)}           ${stages.map((s) => pad(((r.stage[s] ?? 0) / r.pages).toFixed(2), 7)).join('')}`,
  );
}
const totPages = rows.reduce((s, r) => s + r.pages, 0);
const totRef = rows.reduce((s, r) => s + r.refMs, 0);
const totLkj = rows.reduce((s, r) => s + r.lkjMs, 0);
console.log(
  `\nmean per report: reference ${(totRef / rows.length).toFixed(1)} ms, lkj ${(totLkj / rows.length).toFixed(1)} ms (ratio ${(totLkj / totRef).toFixed(2)})`,
);
console.log(
  `per page: reference ${(totRef / totPages).toFixed(2)} ms, lkj ${(totLkj / totPages).toFixed(2)} ms; a 10-page report ≈ ${((totLkj / totPages) * 10).toFixed(0)} ms (target < 1000 ms)`,
);
const annual = rows.find((r) => r.name === 'lkj-bench-annual-60.pdf');
if (annual)
  console.log(
    `${annual.pages}-page annual report with five other tables: ${annual.lkjMs.toFixed(0)} ms (target < 2000 ms)`,
  );
console.log(`reports per minute (one core): ${(60000 / (totLkj / rows.length)).toFixed(0)}`);
console.log(`peak RSS: ${(peakRss / 1048576).toFixed(0)} MB`);
