/**
 * Accuracy on randomised reports nobody tuned on: `npm run bench:accuracy -- --n N --seed S`.
 *
 *   --n N            documents 1..N of run seed S (default 12)
 *   --seed S         run seed (default 1). Seeds 1–99999 are for development; seeds ≥ 100000 are
 *                    reserved for reporting and need --reserved (see docs/accuracy.md)
 *   --doc I[,J…]     only these documents of the run (to regenerate one from a failure list)
 *   --class C        every scan of this degradation class (default: document i gets class i in turn)
 *   --variant V      scan (default) or born (the printed PDF with its text layer)
 *   --keep DIR       write the corpus and the outputs here and keep them (default: .cache/accuracy/run-S, replaced)
 *   --jobs J         extractions at once (default 1; each is one `lkj extract` process)
 *   --cmd TEMPLATE   extraction command, `{file}` = input path (default: bin/lkj extract {file} --json)
 *   --timeout SEC    per input (default 900)
 *   --json           print the summary as JSON instead of tables
 *
 * Document i of seed S is generated from the seed `S/i` (fixtures/gen/), printed by Chromium and
 * scanned with the damage of its class; the built `lkj extract --json` runs on it as a child
 * process and its output is scored with the sample evaluation's rules (fixtures/lib/score.ts).
 * Prints cells, meta, recall, precision, false alarms on clean reports and uncertain flags per
 * degradation class and overall, then every failing cell, meta field, missed and false
 * discrepancy with the document's seed. The corpus folder has the sample corpus's layout, so
 * `python3 ../shared/eval/score.py --corpus DIR …` scores it too.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLASSES, type DegradationClass } from '../fixtures/gen/classes.js';
import { generateInput, writeManifest, type Entry, type Generated, type Variant } from '../fixtures/gen/corpus.js';
import { Printer } from '../fixtures/gen/print.js';
import { scoreOutput, type Score } from '../fixtures/lib/score.js';

export const RESERVED_FROM = 100_000;

const { values: a } = parseArgs({
  options: {
    n: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    doc: { type: 'string' },
    class: { type: 'string' },
    variant: { type: 'string', default: 'scan' },
    keep: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    cmd: { type: 'string', default: 'bin/lkj extract {file} --json' },
    timeout: { type: 'string', default: '900' },
    json: { type: 'boolean', default: false },
    reserved: { type: 'boolean', default: false },
  },
});

function fail(msg: string): never {
  console.error(`bench:accuracy: ${msg}`);
  process.exit(2);
}
const int = (s: string | undefined, what: string): number => {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 0) fail(`${what} must be a whole number, got ${s}`);
  return v;
};
const runSeed = int(a.seed, '--seed');
const n = int(a.n, '--n');
const jobs = Math.max(1, int(a.jobs, '--jobs'));
const timeoutMs = int(a.timeout, '--timeout') * 1000;
if (runSeed >= RESERVED_FROM && !a.reserved)
  fail(
    `seed ${runSeed} is reserved for reporting (≥ ${RESERVED_FROM}); pass --reserved to run it, and do not develop against what it shows`,
  );
if (a.variant !== 'scan' && a.variant !== 'born') fail(`--variant is scan or born, got ${a.variant}`);
const variant = a.variant as Variant;
if (a.class && !(CLASSES as readonly string[]).includes(a.class)) fail(`--class is one of ${CLASSES.join(', ')}`);
const only = a.class as DegradationClass | undefined;
const docs = a.doc ? a.doc.split(',').map((x) => int(x, '--doc')) : Array.from({ length: n }, (_, i) => i + 1);
if (!docs.length) fail('no documents (--n 0)');
const root = path.resolve(a.keep ?? path.join('.cache', 'accuracy', `run-${runSeed}`));
if (!a.keep) fs.rmSync(root, { recursive: true, force: true });
fs.mkdirSync(path.join(root, 'out'), { recursive: true });
if (!a.cmd.includes('{file}')) fail('--cmd needs a {file} placeholder');
if (a.cmd.startsWith('bin/lkj') && !fs.existsSync('dist/cli/main.js'))
  fail('dist/ is missing: run `npm run build` first');

interface Row {
  gen: Generated;
  score: Score;
  status: string;
  seconds: number;
}

/** `lkj extract` as a user runs it, in its own process group (killed whole on timeout). */
function extract(e: Entry): Promise<{ status: string; out: unknown; seconds: number }> {
  const file = path.join(root, e.path);
  const cmd = a.cmd.replace('{file}', `'${file.replace(/'/g, `'\\''`)}'`);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', cmd], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '',
      err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - t0) / 1000;
      const base = path.join(root, 'out', e.id.replace(/\//g, '__'));
      fs.writeFileSync(`${base}.json`, out);
      fs.writeFileSync(`${base}.stderr`, err);
      if (timedOut) return resolve({ status: `FAIL timeout ${timeoutMs / 1000}s`, out: null, seconds });
      try {
        const i = out.indexOf('{');
        const parsed: unknown = JSON.parse(out.slice(i, out.lastIndexOf('}') + 1));
        resolve({ status: code ? `ok rc=${code}` : 'ok', out: parsed, seconds });
      } catch {
        resolve({
          status: `FAIL ${out.trim() ? 'invalid JSON' : 'empty stdout'}${code ? ` rc=${code}` : ''}: ${err.trim().split('\n').pop() ?? ''}`,
          out: null,
          seconds,
        });
      }
    });
  });
}

// generation (Chromium + scanner, in this process) runs ahead of the extractions (child processes)
const printer = new Printer();
const rows: Row[] = [];
const entries: Entry[] = [];
const queue: Generated[] = [];
let generating = true;
const wake: Array<() => void> = [];
const log = (s: string): void => {
  if (!a.json) console.error(s);
};

const producer = (async () => {
  try {
    for (const i of docs) {
      const t0 = performance.now();
      const g = await generateInput(printer, root, runSeed, i, variant, only);
      entries.push(g.entry);
      writeManifest(root, entries, `bench:accuracy seed ${runSeed} (${variant}${only ? `, class ${only}` : ''})`);
      log(
        `generated ${g.entry.id} (${g.entry.cls}, ${g.entry.pages} pages) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      queue.push(g);
      wake.shift()?.();
      // keep at most a few inputs waiting, so generation does not take the cores from extraction
      while (queue.length >= jobs + 1) await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    generating = false;
    for (const w of wake.splice(0)) w();
    await printer.close();
  }
})();

async function consumer(): Promise<void> {
  for (;;) {
    const g = queue.shift();
    if (!g) {
      if (!generating) return;
      await new Promise<void>((r) => wake.push(r));
      continue;
    }
    const r = await extract(g.entry);
    const score = scoreOutput(g.truth, r.status.startsWith('FAIL') ? null : r.out);
    rows.push({ gen: g, score, status: r.status, seconds: r.seconds });
    log(
      `extracted ${g.entry.id}: ${r.status}, cells ${score.cellsOk}/${score.cellsTotal}, false alarms ${score.fp}, missed ${score.missed.length}, ${r.seconds.toFixed(1)} s`,
    );
  }
}
await Promise.all([producer, ...Array.from({ length: jobs }, consumer)]);

// ---- summary
interface Agg {
  n: number;
  failures: number;
  cellsOk: number;
  cellsTotal: number;
  metaOk: number;
  metaTotal: number;
  req: number;
  hits: number;
  tp: number;
  fp: number;
  cleanFa: number;
  uncertain: number;
  seconds: number;
}
const zero = (): Agg => ({
  n: 0,
  failures: 0,
  cellsOk: 0,
  cellsTotal: 0,
  metaOk: 0,
  metaTotal: 0,
  req: 0,
  hits: 0,
  tp: 0,
  fp: 0,
  cleanFa: 0,
  uncertain: 0,
  seconds: 0,
});
const add = (g: Agg, r: Row): void => {
  const s = r.score;
  g.n++;
  g.failures += r.status.startsWith('FAIL') ? 1 : 0;
  g.cellsOk += s.cellsOk;
  g.cellsTotal += s.cellsTotal;
  g.metaOk += s.metaOk;
  g.metaTotal += s.metaTotal;
  g.req += s.req;
  g.hits += s.hits;
  g.tp += s.tp;
  g.fp += s.fp;
  g.uncertain += s.uncertain;
  g.seconds += r.seconds;
  if (r.gen.entry.cls === 'clean') g.cleanFa += s.fp;
};
const byClass = new Map<string, Agg>();
const overall = zero();
rows.sort(
  (x, y) => docs.indexOf(Number(x.gen.entry.seed.split('/')[1])) - docs.indexOf(Number(y.gen.entry.seed.split('/')[1])),
);
for (const r of rows) {
  const k = r.gen.entry.degradation;
  if (!byClass.has(k)) byClass.set(k, zero());
  add(byClass.get(k)!, r);
  add(overall, r);
}
const pct = (x: number, y: number): number | null => (y ? (100 * x) / y : null);
const figures = (g: Agg) => ({
  n: g.n,
  failures: g.failures,
  cells: pct(g.cellsOk, g.cellsTotal),
  meta: pct(g.metaOk, g.metaTotal),
  recall: pct(g.hits, g.req),
  precision: pct(g.tp, g.tp + g.fp),
  cleanFalseAlarms: g.cleanFa,
  falseAlarms: g.fp,
  uncertain: g.uncertain,
  secondsPerDoc: g.n ? g.seconds / g.n : 0,
  counts: {
    cells: [g.cellsOk, g.cellsTotal],
    meta: [g.metaOk, g.metaTotal],
    recall: [g.hits, g.req],
    precision: [g.tp, g.tp + g.fp],
  },
});
const regen = (e: Entry): string =>
  `--seed ${runSeed} --doc ${e.seed.split('/')[1]}${e.degradation !== 'born' && (only || e.degradation !== CLASSES[(Number(e.seed.split('/')[1]) - 1) % CLASSES.length]) ? ` --class ${e.degradation}` : ''}${variant === 'born' ? ' --variant born' : ''}`;
const docRows = rows.map((r) => ({
  id: r.gen.entry.id,
  seed: r.gen.entry.seed,
  class: r.gen.entry.degradation,
  cls: r.gen.entry.cls,
  status: r.status,
  seconds: r.seconds,
  regenerate: regen(r.gen.entry),
  cells: [r.score.cellsOk, r.score.cellsTotal],
  missCells: r.score.missCells,
  missMeta: r.score.missMeta,
  missed: r.score.missed,
  falseAlarms: r.score.falseAlarms,
  uncertain: r.score.uncertainFlags,
  injected: (r.gen.truth.layout as { injected?: string[] }).injected ?? [],
}));
const summary = {
  runSeed,
  variant,
  class: only ?? null,
  corpus: root,
  classes: Object.fromEntries([...byClass].map(([k, g]) => [k, figures(g)])),
  overall: figures(overall),
  docs: docRows,
};
fs.writeFileSync(path.join(root, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);

if (a.json) {
  console.log(JSON.stringify(summary, null, 1));
} else {
  const f = (v: number | null): string => (v === null ? '     -' : `${v.toFixed(1).padStart(5)}%`);
  const line = (name: string, g: Agg): string => {
    const x = figures(g);
    return `${name.padEnd(14)} ${String(g.n).padStart(3)} ${f(x.cells)} ${f(x.meta)} ${f(x.recall)} ${f(x.precision)} ${String(g.cleanFa).padStart(8)} ${String(g.fp).padStart(6)} ${String(g.uncertain).padStart(9)} ${String(g.failures).padStart(5)} ${x.secondsPerDoc.toFixed(1).padStart(7)}`;
  };
  const hdr = `${'class'.padEnd(14)} ${'n'.padStart(3)} ${'cells'.padStart(6)} ${'meta'.padStart(6)} ${'recall'.padStart(6)} ${'prec'.padStart(6)} ${'clean-FA'.padStart(8)} ${'all-FA'.padStart(6)} ${'uncertain'.padStart(9)} ${'fail'.padStart(5)} ${'s/doc'.padStart(7)}`;
  console.log(
    `\nbench:accuracy seed ${runSeed}, ${rows.length} ${variant} inputs${only ? ` of class ${only}` : ''} (corpus: ${root})\n`,
  );
  console.log(hdr);
  console.log('-'.repeat(hdr.length));
  for (const c of [...CLASSES, 'born']) if (byClass.has(c)) console.log(line(c, byClass.get(c)!));
  console.log('-'.repeat(hdr.length));
  console.log(line('overall', overall));
  for (const d of docRows) {
    const bad = d.missCells.length + d.missMeta.length + d.missed.length + d.falseAlarms.length;
    if (!bad && d.status === 'ok') continue;
    console.log(
      `\n${d.id} (${d.cls}; seed ${d.seed}; regenerate: ${d.regenerate}) ${d.status}${d.injected.length ? `\n  injected: ${d.injected.join('; ')}` : ''}`,
    );
    for (const m of d.missCells) console.log(`  cell   ${m}`);
    for (const m of d.missMeta) console.log(`  meta   ${m}`);
    for (const m of d.missed) console.log(`  missed ${m}`);
    for (const m of d.falseAlarms) console.log(`  false  ${m}`);
  }
  const o = figures(overall);
  console.log(
    `\ncells ${f(o.cells).trim()} meta ${f(o.meta).trim()} recall ${f(o.recall).trim()} precision ${f(o.precision).trim()} clean-false-alarms ${overall.cleanFa} uncertain ${overall.uncertain} s/doc ${o.secondsPerDoc.toFixed(1)}`,
  );
}
