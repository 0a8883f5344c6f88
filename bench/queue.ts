/**
 * Queue throughput: `npm run bench:queue [-- --scan N --copies N --corpus born|scan|both --runs SPEC
 * --pin --no-ceiling --rounds N --wait-idle MIN --retries N]` (or LKJ_BENCH_SCAN, _COPIES, _CORPUS, _RUNS,
 * _PIN, _CEILING=0, _ROUNDS, _WAIT_IDLE, _RETRIES).
 *
 * Distributed mode end to end, as it is deployed: the built `lkj ingest` queues the corpus into a
 * fresh PostgreSQL database (and a fresh Redis key prefix), then N `lkj worker` processes drain it.
 * Per corpus and worker count it prints the wall time from the first worker's start to the last
 * document stored (documents.processed_at), reports per minute, the CPU the workers used, the
 * peak RSS of each worker process (/proc/<pid>/status VmRSS) and the scaling ratio.
 *
 * Corpora: born-digital = fixtures/corpus/born replicated `--copies` times (default 10) with
 * distinct bytes (a trailing `%lkj-copy-<n>` PDF comment, which PDF readers ignore: the copies
 * extract exactly as the original), so the queue sees distinct documents; scanned = the first
 * `--scan` documents (default 4, ~9 pages and ~20 s each) of fixtures/corpus/scan.
 *
 * Runs (`--runs`, comma-separated `processes/LKJ_OCR_WORKERS/--concurrency`, default
 * `1/1/1,2/1/1,1/2/2`):
 *  - `1/1/1` one worker sized for one core (one OCR thread per pool, one job of each kind at a
 *    time): THE REFERENCE of the scaling ratio: what one worker adds to a deployment;
 *  - `2/1/1` two such workers: scaling ratio = its reports/min ÷ the reference's (target ≥ 1.8 for
 *    scanned). On a 2-core machine the two workers share the cores with PostgreSQL, Redis and
 *    this script, so the ratio measures the queue's overhead and parallel efficiency (jobs
 *    spread over processes, page results through PostgreSQL, no idle core), not a cluster of
 *    machines;
 *  - `1/2/2` one worker given the whole machine (two OCR threads, two jobs at a time): the
 *    single-process alternative; "2 workers ÷ this" says what splitting into processes costs or
 *    gains against using both cores in one process.
 * `--pin` pins each worker to as many cores as it has OCR threads, in turn (taskset: 1/1/1 on core
 * 0, 2/1/1 on cores 0 and 1, 1/2/2 on both), i.e. a 1-process run really gets one core
 * (unpinned, the 1/1/1 reference borrows ~0.1 core of the other one: its next document's pages
 * overlap the previous one's assembly, and libvips has threads of its own).
 * With `--pin`, the scanned corpus is also run without any queue (`--no-ceiling`: not): `lkj
 * extract` alone on one core, then two at once on two cores, which says how far this machine's two
 * cores scale this work at all (memory and caches are shared), next to the queue's scaling.
 * `--rounds N` keeps the fastest of N runs per configuration; `--wait-idle MIN` waits (up to MIN
 * minutes) before each run until other processes use < `--idle-cores` (0.2), and `--retries N`
 * repeats a run during which they used more.
 *
 * Needs Redis (REDIS_URL, default redis://127.0.0.1:6379) and PostgreSQL (LKJ_BENCH_PG_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres, a role that may create databases); every
 * database and key prefix it makes is removed afterwards. The machine should be otherwise idle:
 * the load average and the CPU used by other processes during each run are printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { rssMb } from '../src/pipeline/timings.js';
import { freshDatabase, ROOT, sleep } from '../test/helpers/services.js';

// the `lkj` command as users run it (bin/lkj: its malloc setting included)
const CLI = path.join(ROOT, 'bin/lkj');
const PG_ADMIN_URL = process.env.LKJ_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLK_TCK = 100; // USER_HZ on Linux (getconf CLK_TCK)

const { values: opt } = parseArgs({
  options: {
    scan: { type: 'string', default: process.env.LKJ_BENCH_SCAN ?? '4' },
    copies: { type: 'string', default: process.env.LKJ_BENCH_COPIES ?? '10' },
    corpus: { type: 'string', default: process.env.LKJ_BENCH_CORPUS ?? 'both' },
    runs: { type: 'string', default: process.env.LKJ_BENCH_RUNS ?? '1/1/1,2/1/1,1/2/2' },
    pin: { type: 'boolean', default: !!process.env.LKJ_BENCH_PIN },
    'timeout-min': { type: 'string', default: '30' },
    'wait-idle': { type: 'string', default: process.env.LKJ_BENCH_WAIT_IDLE ?? '0' },
    'idle-cores': { type: 'string', default: '0.2' },
    retries: { type: 'string', default: process.env.LKJ_BENCH_RETRIES ?? '0' },
    rounds: { type: 'string', default: process.env.LKJ_BENCH_ROUNDS ?? '1' },
    'no-ceiling': { type: 'boolean', default: process.env.LKJ_BENCH_CEILING === '0' },
  },
});

interface RunSpec {
  processes: number;
  ocr: number;
  concurrency: number;
}
const runs: RunSpec[] = opt.runs.split(',').map((s) => {
  const [processes, ocr, concurrency] = s.split('/').map(Number);
  if (![processes, ocr, concurrency].every((n) => Number.isInteger(n) && n! > 0))
    throw new Error(`--runs: "${s}" is not processes/ocrWorkers/concurrency`);
  return { processes: processes!, ocr: ocr!, concurrency: concurrency! };
});
const specName = (r: RunSpec) => `${r.processes}/${r.ocr}/${r.concurrency}`;
const positive = (v: string, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const scanCount = positive(opt.scan, 'scan');
const copies = positive(opt.copies, 'copies');
const timeoutMs = positive(opt['timeout-min'], 'timeout-min') * 60_000;
const waitIdleMs = Number(opt['wait-idle']) * 60_000;
const idleCores = Number(opt['idle-cores']);
const retries = Number(opt.retries);
const rounds = positive(opt.rounds, 'rounds');
if (![waitIdleMs, idleCores, retries].every((n) => Number.isFinite(n) && n >= 0))
  throw new Error('--wait-idle, --idle-cores and --retries take numbers ≥ 0');
if (!['born', 'scan', 'both'].includes(opt.corpus)) throw new Error('--corpus must be born, scan or both');
if (!fs.existsSync(path.join(ROOT, 'dist/cli/main.js')))
  throw new Error('run `npm run build` first (npm run bench:queue does)');

/** SIGINT/SIGTERM: the current run stops (its workers, database and keys removed), the table so far is printed. */
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    interrupted = true;
    process.stderr.write(`\nbench: ${sig}, stopping\n`);
  });
}
const hex = () => randomBytes(4).toString('hex');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-bench-queue-'));

// ---- corpora ----------------------------------------------------------------------------------

function bornCorpus(): string[] {
  const dir = path.join(ROOT, 'fixtures/corpus/born');
  const originals = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  const out: string[] = [];
  for (let n = 1; n <= copies; n++) {
    for (const f of originals) {
      const target = path.join(tmp, `${path.basename(f, '.pdf')}-copy${n}.pdf`);
      // a PDF comment after %%EOF: readers ignore it, the sha256 (the document's identity) changes
      fs.writeFileSync(target, Buffer.concat([fs.readFileSync(path.join(dir, f)), Buffer.from(`%lkj-copy-${n}\n`)]));
      out.push(target);
    }
  }
  return out;
}

function scanCorpus(): string[] {
  const dir = path.join(ROOT, 'fixtures/corpus/scan');
  const all = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  if (scanCount > all.length) throw new Error(`--scan ${scanCount}: only ${all.length} scanned documents in ${dir}`);
  return all.slice(0, scanCount).map((f) => path.join(dir, f));
}

// ---- services -----------------------------------------------------------------------------------

async function dropRedisPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

// ---- /proc sampling -------------------------------------------------------------------------------

/** user + system CPU seconds of a live process (its threads included). */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    return (Number(f[11]) + Number(f[12])) / CLK_TCK; // utime (14), stime (15)
  } catch {
    return 0;
  }
}

/** busy CPU seconds of the whole machine so far (every core). */
function machineBusySeconds(): number {
  const [, ...v] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = v.map(Number); // user nice system idle iowait irq softirq steal …
  return (n[0]! + n[1]! + n[2]! + n[5]! + n[6]! + n[7]!) / CLK_TCK;
}

/**
 * CPU seconds so far of the services a run leans on: Redis, PostgreSQL's own processes and the
 * backends connected to `db` (backends of other databases belong to other users of the machine).
 */
function serviceCpu(db: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim();
      if (comm !== 'postgres' && comm !== 'redis-server') continue;
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const backend = /^postgres: (?:\S+: )?\S+ (\S+) \S+\(\d+\)/.exec(cmd); // "postgres: [15/main: ]user db host(port) state"
      if (backend && backend[1] !== db) continue;
      out.set(Number(d), cpuSeconds(Number(d)));
    } catch {
      /* gone */
    }
  }
  return out;
}
const cpuDelta = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((s, [pid, cpu]) => s + cpu - (before.get(pid) ?? 0), 0);

/** Cores busy with anything but this script over the next `ms`. */
async function busyCores(ms: number): Promise<number> {
  const m0 = machineBusySeconds(),
    s0 = process.cpuUsage();
  await sleep(ms);
  const self = process.cpuUsage(s0);
  return Math.max(0, machineBusySeconds() - m0 - (self.user + self.system) / 1e6) / (ms / 1000);
}

/** Wait (up to --wait-idle minutes) until other processes use less than --idle-cores. */
async function waitIdle(): Promise<void> {
  if (!waitIdleMs) return;
  const deadline = Date.now() + waitIdleMs;
  let said = false;
  for (;;) {
    const busy = await busyCores(3000);
    if (busy < idleCores || interrupted) return;
    if (Date.now() > deadline) {
      process.stderr.write(`(still ${busy.toFixed(2)} cores busy, running anyway) `);
      return;
    }
    if (!said) {
      process.stderr.write(`waiting for the machine to be idle (${busy.toFixed(2)} cores busy)… `);
      said = true;
    }
    await sleep(5000);
  }
}

/** The cores (taskset list) of process i with `ocr` OCR threads: as many cores as threads, in turn. */
function coresFor(i: number, ocr: number): string {
  const n = os.availableParallelism();
  return Array.from({ length: Math.min(ocr, n) }, (_, k) => (i * ocr + k) % n).join(',');
}

// ---- the machine's own scaling --------------------------------------------------------------------

interface Ceiling {
  alone: number;
  together: number[];
  scaling: number;
}

/**
 * What two cores give this workload without any queue: `lkj extract` of the same documents (one
 * OCR thread, pinned) alone, then two such processes at once on two cores. Both do the same work,
 * so the scaling is the sum of their speeds relative to the one alone. CPU-bound work that shares
 * nothing but the memory system scales by 2 only where caches and memory bandwidth are not shared.
 */
async function machineCeiling(files: string[]): Promise<Ceiling> {
  const run = (core: number) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const p = spawn('taskset', ['-c', String(core), CLI, 'extract', ...files, '--json'], {
        cwd: ROOT,
        env: { ...process.env, LKJ_OCR_WORKERS: '1', DATABASE_URL: '', REDIS_URL: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      p.stderr!.on('data', (d: Buffer) => {
        err += d;
      });
      p.once('error', reject);
      p.once('exit', (code) =>
        code === 0
          ? resolve((performance.now() - t0) / 1000)
          : reject(new Error(`lkj extract exited ${code}: ${err.slice(-500)}`)),
      );
    });
  const alone = await run(0);
  const together = await Promise.all(Array.from({ length: Math.min(2, os.availableParallelism()) }, (_, i) => run(i)));
  return { alone, together, scaling: together.reduce((s, t) => s + alone / t, 0) };
}

// ---- one run --------------------------------------------------------------------------------------

interface Result {
  corpus: string;
  spec: RunSpec;
  docs: number;
  pages: number;
  seconds: number;
  startup: number;
  perMin: number;
  statuses: Record<string, number>;
  peakRss: number[];
  workerCpu: number;
  /** cores busy, on average over the run, with PostgreSQL + Redis, and with anything else (other users) */
  serviceCores: number;
  foreignCores: number;
  load: number;
}

async function runCase(corpus: string, files: string[], spec: RunSpec): Promise<Result> {
  const db = await freshDatabase(PG_ADMIN_URL, 'lkj_bench');
  const prefix = `lkjbench${hex()}`;
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL,
    LKJ_QUEUE_PREFIX: prefix,
    LKJ_OCR_WORKERS: String(spec.ocr),
    LKJ_TIMINGS: '',
    LKJ_DEBUG_OCR: '',
  };
  const workers: ChildProcess[] = [];
  const logs: string[] = [];
  const client = new pg.Client({ connectionString: db.url });
  try {
    const ing = spawnSync(CLI, ['ingest', ...files, '--json'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (ing.status !== 0) throw new Error(`lkj ingest exited ${ing.status}: ${ing.stderr}`);
    const queued = (JSON.parse(ing.stdout) as { queued: number }).queued;
    if (queued !== files.length) throw new Error(`lkj ingest queued ${queued} of ${files.length}: ${ing.stdout}`);
    await client.connect();

    const load = os.loadavg()[0]!;
    const busy0 = machineBusySeconds(),
      self0 = process.cpuUsage(),
      svc0 = serviceCpu(db.name);
    const t0 = Date.now();
    let startup = 0; // until the last worker is ready (module loading, migrations, reconcile)
    for (let i = 0; i < spec.processes; i++) {
      const args = ['worker', '--concurrency', String(spec.concurrency)];
      const p = opt.pin
        ? spawn('taskset', ['-c', coresFor(i, spec.ocr), CLI, ...args], {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'ignore', 'pipe'],
          })
        : spawn(CLI, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
      p.stderr!.on('data', (d: Buffer) => {
        logs.push(`[worker ${i + 1}] ${d}`);
        if (/ready \(distributed/.test(String(d))) startup = Math.max(startup, (Date.now() - t0) / 1000);
      });
      workers.push(p);
    }
    const peakRss = workers.map(() => 0);
    const lastCpu = workers.map(() => 0);
    const sampler = setInterval(() => {
      workers.forEach((w, i) => {
        peakRss[i] = Math.max(peakRss[i]!, rssMb(w.pid!));
        lastCpu[i] = Math.max(lastCpu[i]!, cpuSeconds(w.pid!));
      });
    }, 100);

    let row: { done: number; total: number; last: Date | null; pages: number } | undefined;
    try {
      for (;;) {
        [row] = (
          await client.query(
            `SELECT COUNT(*) FILTER (WHERE status IN ('clean', 'flagged', 'failed'))::int AS done, COUNT(*)::int AS total,
             MAX(processed_at) AS last, COALESCE(SUM(pages), 0)::int AS pages FROM documents`,
          )
        ).rows;
        if (row && row.done === row.total) break;
        const dead = workers.find((w) => w.exitCode !== null || w.signalCode !== null);
        if (dead) throw new Error(`a worker exited early (${dead.exitCode ?? dead.signalCode})`);
        if (Date.now() - t0 > timeoutMs) throw new Error(`timed out: ${row?.done} of ${row?.total} done`);
        if (interrupted) throw new Error('interrupted');
        await sleep(100);
      }
    } finally {
      clearInterval(sampler);
    }
    workers.forEach((w, i) => {
      lastCpu[i] = Math.max(lastCpu[i]!, cpuSeconds(w.pid!));
    });
    const end = row!.last ? row!.last.getTime() : Date.now();
    const seconds = (end - t0) / 1000;
    const busy = machineBusySeconds() - busy0;
    const window = (Date.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    const services = cpuDelta(svc0, serviceCpu(db.name));
    const workerCpu = lastCpu.reduce((s, c) => s + c, 0);
    const statuses = Object.fromEntries(
      (
        await client.query<{ status: string; n: number }>(
          'SELECT status, COUNT(*)::int AS n FROM documents GROUP BY status ORDER BY status',
        )
      ).rows.map((r) => [r.status, r.n]),
    );
    return {
      corpus,
      spec,
      docs: row!.total,
      pages: row!.pages,
      seconds,
      startup,
      perMin: (row!.total / seconds) * 60,
      statuses,
      peakRss,
      workerCpu,
      serviceCores: services / window,
      foreignCores: Math.max(0, busy - workerCpu - services - (self.user + self.system) / 1e6) / window,
      load,
    };
  } catch (e) {
    if (!interrupted) process.stderr.write(`${logs.join('').split('\n').slice(-40).join('\n')}\n`);
    throw e;
  } finally {
    await stopWorkers(workers);
    await client.end().catch(() => {});
    await db.drop().catch((e) => process.stderr.write(`bench: could not drop the database: ${(e as Error).message}\n`));
    await dropRedisPrefix(prefix).catch((e) =>
      process.stderr.write(`bench: could not clean Redis prefix ${prefix}: ${(e as Error).message}\n`),
    );
  }
}

/** SIGTERM (a worker finishes its current jobs, then exits); SIGKILL after 60 s. */
async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null || w.signalCode !== null) return resolve();
          const kill = setTimeout(() => w.kill('SIGKILL'), 60_000);
          w.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          w.kill('SIGTERM');
        }),
    ),
  );
}

// ---- main -----------------------------------------------------------------------------------------

const corpora: { name: string; files: string[] }[] = [];
if (opt.corpus !== 'scan') corpora.push({ name: 'born', files: bornCorpus() });
if (opt.corpus !== 'born') corpora.push({ name: 'scanned', files: scanCorpus() });

const cores = os.availableParallelism();
const fmtLoad = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `queue throughput: lkj ingest → N × lkj worker (BullMQ ${REDIS_URL}, PostgreSQL), ${cores} cores, node ${process.version}`,
);
console.log(
  `load average at start: ${fmtLoad()}${opt.pin ? '; workers pinned (taskset): each to as many cores as OCR threads, in turn' : ''}`,
);
for (const c of corpora)
  console.log(
    `corpus ${c.name}: ${c.files.length} documents${c.name === 'born' ? ` (${c.files.length / copies} PDFs × ${copies} copies)` : ''}`,
  );
console.log(
  `runs: processes/LKJ_OCR_WORKERS/--concurrency per process${rounds > 1 ? `; the fastest of ${rounds} rounds each` : ''}\n`,
);

const results: Result[] = [];
let ceiling: Ceiling | null = null;
try {
  for (const c of corpora) {
    for (const spec of runs) {
      let best: Result | null = null;
      for (let round = 1; round <= rounds; round++) {
        for (let attempt = 0; attempt <= retries && !interrupted; attempt++) {
          process.stderr.write(
            `bench: ${c.name}, ${spec.processes} worker(s) (${specName(spec)})${rounds > 1 ? `, round ${round}/${rounds}` : ''}… `,
          );
          await waitIdle();
          if (interrupted) break;
          const r = await runCase(c.name, c.files, spec);
          const noisy = r.foreignCores >= idleCores;
          process.stderr.write(
            `${r.seconds.toFixed(1)} s${noisy ? `, other processes used ${r.foreignCores.toFixed(2)} cores${attempt < retries ? ': again' : ''}` : ''}\n`,
          );
          if (!noisy || attempt === retries) {
            if (!best || r.seconds < best.seconds) best = r;
            break;
          }
        }
      }
      if (best) results.push(best);
    }
  }
  const scanned = corpora.find((c) => c.name === 'scanned');
  if (scanned && !opt['no-ceiling'] && opt.pin && !interrupted) {
    process.stderr.write("bench: the machine's own scaling (lkj extract alone, then two at once)… ");
    ceiling = await machineCeiling(scanned.files);
    process.stderr.write(
      `${ceiling.alone.toFixed(1)} s, then ${ceiling.together.map((t) => t.toFixed(1)).join(' s and ')} s\n`,
    );
  }
} catch (e) {
  if (!interrupted) throw e;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(
  `${'corpus'.padEnd(8)} ${pad('workers', 7)} ${pad('ocr/conc', 8)} ${pad('docs', 5)} ${pad('pages', 6)} ${pad('seconds', 8)} ${pad('startup', 7)} ${pad('reports/min', 11)} ${pad('worker cpu s', 12)} ${pad('cores used', 10)} ${pad('pg+redis', 8)} ${pad('foreign', 7)} ${pad('load', 5)}  ${'peak RSS per worker (MB)'.padEnd(24)}  statuses`,
);
for (const r of results) {
  console.log(
    [
      r.corpus.padEnd(8),
      pad(r.spec.processes, 7),
      pad(`${r.spec.ocr}/${r.spec.concurrency}`, 8),
      pad(r.docs, 5),
      pad(r.pages, 6),
      pad(r.seconds.toFixed(1), 8),
      pad(r.startup.toFixed(1), 7),
      pad(r.perMin.toFixed(1), 11),
      pad(r.workerCpu.toFixed(1), 12),
      pad((r.workerCpu / r.seconds).toFixed(2), 10),
      pad(r.serviceCores.toFixed(2), 8),
      pad(r.foreignCores.toFixed(2), 7),
      pad(r.load.toFixed(2), 5),
      ` ${r.peakRss
        .map((m) => m.toFixed(0))
        .join(' + ')
        .padEnd(24)}`,
      Object.entries(r.statuses)
        .map(([s, n]) => `${n} ${s}`)
        .join(', '),
    ].join(' '),
  );
}
console.log(
  '\nseconds = first worker started → last document stored (startup included); startup = until the last worker was ready',
);
console.log(
  "cores used = worker CPU seconds ÷ wall seconds; pg+redis = cores used by PostgreSQL (this database's backends) and Redis;",
);
console.log(
  `foreign = cores used by anything else (other users of the machine: a run with foreign ≥ ${idleCores} is noisy); load = 1-min load average at the start`,
);

const TARGET: Record<string, number> = { scanned: 1.8 };
for (const c of corpora) {
  const mine = results.filter((r) => r.corpus === c.name);
  const ref = mine.find((r) => r.spec.processes === 1);
  const two = mine.find((r) => r.spec.processes === 2);
  if (!ref || !two) continue;
  const ratio = two.perMin / ref.perMin;
  const target = TARGET[c.name];
  console.log(
    `scaling ${c.name}: 2 workers (${specName(two.spec)}) ${two.perMin.toFixed(1)}/min ÷ 1 worker (${specName(ref.spec)}) ${ref.perMin.toFixed(1)}/min = ${ratio.toFixed(2)}` +
      (target ? ` (target ≥ ${target}: ${ratio >= target ? 'met' : 'NOT met'})` : ''),
  );
  for (const other of mine.filter((r) => r.spec.processes === 1 && r !== ref)) {
    console.log(
      `  2 workers ÷ 1 worker with the whole machine (${specName(other.spec)}, ${other.perMin.toFixed(1)}/min) = ${(two.perMin / other.perMin).toFixed(2)}`,
    );
  }
}
if (ceiling) {
  console.log(
    `the machine's own scaling on the scanned documents, no queue: lkj extract (1 OCR thread, pinned) alone ${ceiling.alone.toFixed(1)} s; ` +
      `two at once on two cores ${ceiling.together.map((t) => t.toFixed(1)).join(' s and ')} s: scaling ${ceiling.scaling.toFixed(2)} ` +
      '(the most any queue can reach here for this work)',
  );
}
console.log(`load average at end: ${fmtLoad()}`);
