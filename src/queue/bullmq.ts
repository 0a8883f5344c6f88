/**
 * Distributed mode: BullMQ on Redis. A thin adapter over the stage functions in ../jobs/stages:
 * a document's flow is prepare (text-layer pages read at once) → one job per scanned page, on any
 * worker → assemble (tables, verification, the stored version). PostgreSQL is the system of record;
 * Redis only holds work in flight, and `reconcile` rebuilds it from the database after Redis loses it.
 */
import { FlowProducer, Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { isInputError } from '../intake/errors.js';
import { loadSettings } from '../settings/settings.js';
import { rootLogger, since, withLogger, type Logger } from '../settings/log.js';
import { closeSharedOcrPools } from '../ocr/shared-pool.js';
import type { ExtractOptions } from '../pipeline/extract.js';
import { assembleJob, preparePages, readPageJob, storeFailure } from '../jobs/stages.js';
import type { DocumentRow, Store } from '../store/store.js';

/** Redis key prefix: several lkj installations (or test runs) can share one Redis. */
export const queuePrefix = () => loadSettings().queuePrefix;

export const QUEUE_NAMES = { documents: 'lkj-documents', pages: 'lkj-pages', assemble: 'lkj-assemble' } as const;
/** The stage (a log line's `stage`) of each queue's jobs. */
const STAGES: Record<string, string> = {
  [QUEUE_NAMES.documents]: 'prepare',
  [QUEUE_NAMES.pages]: 'page',
  [QUEUE_NAMES.assemble]: 'assemble',
};

const DocJob = z.object({ docId: z.number().int().positive(), run: z.number().int().positive() });
const PageJob = DocJob.extend({ page: z.number().int().positive() });

/** Job options every lkj job shares: transient errors retried with exponential backoff; history kept a day for dedup. */
export function jobOptions(priority: number): JobsOptions {
  return {
    priority,
    attempts: loadSettings().jobAttempts,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 24 * 3600, count: 200_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

// job ids are the deduplication: one per document run (BullMQ ids may not contain ':')
export const jobIds = {
  prepare: (d: { id: number; run: number }) => `doc-${d.id}-r${d.run}`,
  assemble: (d: { id: number; run: number }) => `asm-${d.id}-r${d.run}`,
  page: (d: { id: number; run: number }, n: number) => `pg-${d.id}-r${d.run}-p${n}`,
};

export function redis(url: string, opts: { worker?: boolean } = {}): Redis {
  // workers block on Redis and must wait it out (BullMQ requires maxRetriesPerRequest: null);
  // a CLI command should fail fast instead and leave the queueing to reconcile
  return new Redis(
    url,
    opts.worker
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 1,
          connectTimeout: 3000,
          enableOfflineQueue: false,
          retryStrategy: (n) => (n > 2 ? null : 200),
        },
  );
}

/** The producer side: what `lkj ingest`, the API and the scheduler use to queue documents. */
export class DocumentQueue {
  private readonly queue: Queue;
  constructor(private readonly conn: Redis) {
    this.queue = new Queue(QUEUE_NAMES.documents, { connection: conn, prefix: queuePrefix() });
    this.queue.on('error', () => {}); // surfaced by the calls that fail
  }

  async enqueue(doc: Pick<DocumentRow, 'id' | 'run' | 'priority'>): Promise<void> {
    await this.queue.add(
      'prepare',
      { docId: doc.id, run: doc.run },
      { ...jobOptions(doc.priority), jobId: jobIds.prepare(doc) },
    );
  }

  async enqueueMany(docs: readonly Pick<DocumentRow, 'id' | 'run' | 'priority'>[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 500) {
      await this.queue.addBulk(
        docs.slice(i, i + 500).map((doc) => ({
          name: 'prepare',
          data: { docId: doc.id, run: doc.run },
          opts: { ...jobOptions(doc.priority), jobId: jobIds.prepare(doc) },
        })),
      );
    }
  }

  /** Jobs per state over the three queues. */
  async jobCounts(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const name of Object.values(QUEUE_NAMES)) {
      const q =
        name === QUEUE_NAMES.documents ? this.queue : new Queue(name, { connection: this.conn, prefix: queuePrefix() });
      out[name] = await q.getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'delayed',
        'waiting-children',
        'completed',
        'failed',
      );
      if (q !== this.queue) await q.close();
    }
    return out;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** Re-queue every unfinished document: after a Redis restart the queue is empty, the database is not. */
export async function reconcile(store: Store, queue: DocumentQueue): Promise<number> {
  const docs = await store.unfinished(100_000);
  await queue.enqueueMany(docs);
  return docs.length;
}

export interface WorkerOptions {
  redisUrl: string;
  /** page jobs run at once in this process (OCR uses the pool's threads) */
  concurrency?: number;
  /** ms before an active job whose worker died is taken by another */
  lockMs?: number;
  reconcileMs?: number;
  extract?: ExtractOptions;
  /** job start, end and failure, reconcile, queue errors; default: the process's log */
  logger?: Logger;
}

export interface RunningWorkers {
  close(): Promise<void>;
  /** documents finished by this process */
  finished(): number;
}

/**
 * Workers for the three queues in this process. OCR runs on tesseract.js's worker threads, so the
 * event loop stays free to renew job locks; the lock is still set from measured page times
 * (≤ 15 s per page on 2 cores) with ample margin, so a slow page is never declared stalled.
 * Each job runs under a child logger carrying `doc`, `stage` (prepare, page, assemble) and `page`.
 */
export async function startWorkers(store: Store, o: WorkerOptions): Promise<RunningWorkers> {
  const log = o.logger ?? rootLogger();
  const concurrency = o.concurrency ?? 2;
  const lockDuration = o.lockMs ?? loadSettings().lockMs;
  const common = { lockDuration, stalledInterval: Math.min(30_000, lockDuration), maxStalledCount: 2 };
  const conns: Redis[] = [];
  const conn = () => {
    const c = redis(o.redisUrl, { worker: true });
    c.on('error', () => {});
    conns.push(c);
    return c;
  };
  const flows = new FlowProducer({ connection: conn(), prefix: queuePrefix() });
  const producer = new DocumentQueue(conn());
  let finished = 0;

  /** The document a job is about, or null when the job is stale (a newer run exists, or this run is stored). */
  const current = async (data: { docId: number; run: number }): Promise<DocumentRow | null> => {
    const doc = await store.document(data.docId);
    if (!doc || doc.run !== data.run || !['queued', 'processing'].includes(doc.status)) return null;
    return doc;
  };
  /** Bad input fails the document at once with its reason; anything else is retried. */
  const guard = async <T>(doc: DocumentRow, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (isInputError(e)) {
        await storeFailure(store, doc, e, o.extract?.lang);
        throw new UnrecoverableError(e.message);
      }
      throw e;
    }
  };
  /** A job's work under its own logger (doc, stage, page), with its start and end logged. */
  const logged = async <T>(
    job: Job,
    doc: DocumentRow,
    stage: 'prepare' | 'page' | 'assemble',
    page: number | undefined,
    fn: (jl: Logger) => Promise<T>,
    done: (r: T) => [Record<string, unknown>, string],
  ): Promise<T> => {
    const jl = log.child({ doc: doc.id, stage, ...(page === undefined ? {} : { page }) });
    const t0 = performance.now();
    jl.info(
      { job: job.id, run: doc.run, attempt: job.attemptsMade + 1 },
      `${doc.file_name}: ${stage}${page === undefined ? '' : ` ${page}`} started`,
    );
    const r = await withLogger(jl, () => fn(jl));
    const [fields, msg] = done(r);
    jl.info({ job: job.id, ms: since(t0), ...fields }, msg);
    return r;
  };

  const prepare = new Worker(
    QUEUE_NAMES.documents,
    async (job: Job) => {
      const data = DocJob.parse(job.data);
      const doc = await current(data);
      if (!doc) return { skipped: true };
      const { scanPages } = await logged(
        job,
        doc,
        'prepare',
        undefined,
        () => guard(doc, () => preparePages(store, doc, o.extract)),
        (r) => [
          { scanPages: r.scanPages.length },
          `${doc.file_name}: prepared, ${r.scanPages.length} scanned page(s) to read`,
        ],
      );
      const opts = jobOptions(doc.priority);
      await flows.add({
        name: 'assemble',
        queueName: QUEUE_NAMES.assemble,
        data,
        opts: { ...opts, jobId: jobIds.assemble(doc) },
        children: scanPages.map((page) => ({
          name: 'page',
          queueName: QUEUE_NAMES.pages,
          data: { ...data, page },
          opts: { ...opts, jobId: jobIds.page(doc, page), failParentOnFailure: true },
        })),
      });
      return { scanPages: scanPages.length };
    },
    { connection: conn(), prefix: queuePrefix(), concurrency, ...common },
  );

  const pages = new Worker(
    QUEUE_NAMES.pages,
    async (job: Job) => {
      const data = PageJob.parse(job.data);
      const doc = await current(data);
      if (!doc) return { skipped: true };
      return logged(
        job,
        doc,
        'page',
        data.page,
        () => guard(doc, () => readPageJob(store, doc, data.page, o.extract)),
        () => [{}, `${doc.file_name}: page ${data.page} read`],
      );
    },
    { connection: conn(), prefix: queuePrefix(), concurrency, ...common },
  );

  const assemble = new Worker(
    QUEUE_NAMES.assemble,
    async (job: Job) => {
      const data = DocJob.parse(job.data);
      const doc = await current(data);
      if (!doc) return { skipped: true };
      const { report, version, created } = await logged(
        job,
        doc,
        'assemble',
        undefined,
        () => guard(doc, () => assembleJob(store, doc, o.extract)),
        (r) => [
          { status: r.report.status, version: r.version, created: r.created },
          r.created
            ? `${doc.file_name}: ${r.report.status} (version ${r.version})`
            : `${doc.file_name}: already stored (version ${r.version})`,
        ],
      );
      if (created) finished++;
      return { status: report.status, version };
    },
    { connection: conn(), prefix: queuePrefix(), concurrency, ...common },
  );

  // a job that has failed for good takes its document with it: failed, with the reason
  for (const w of [prepare, pages, assemble]) {
    w.on('error', (e) => log.error({ err: e }, `queue error: ${e.message}`));
    w.on('failed', (job, err) => {
      if (!job) return;
      // a job that stalled too often (its workers keep dying on it) will not be retried either
      const final =
        err.name === 'UnrecoverableError' ||
        /stalled more than allowable limit/.test(err.message) ||
        job.attemptsMade >= (job.opts.attempts ?? 1);
      const ids = PageJob.partial({ page: true }).safeParse(job.data);
      const where = ids.success
        ? {
            doc: ids.data.docId,
            stage: STAGES[w.name] ?? w.name,
            ...(ids.data.page === undefined ? {} : { page: ids.data.page }),
          }
        : {};
      log[final ? 'error' : 'warn'](
        { ...where, job: job.id, attempt: job.attemptsMade, final, err },
        `${w.name} job ${job.id} failed${final ? '' : ', will retry'}: ${err.message}`,
      );
      if (!final) return;
      void (async () => {
        const data = DocJob.safeParse(job.data);
        if (!data.success) return;
        const doc = await current(data.data);
        if (doc) {
          await storeFailure(store, doc, err, o.extract?.lang);
          finished++;
        }
      })().catch((e) =>
        log.error({ job: job.id, err: e }, `could not record the failure of job ${job.id}: ${(e as Error).message}`),
      );
    });
  }

  // the database, not Redis, says what is left to do
  const reconcileNow = () =>
    reconcile(store, producer)
      .then((n) => {
        if (n) log.info({ queued: n }, `reconcile: ${n} unfinished document(s) queued`);
      })
      .catch((e) => log.warn({ err: e }, `reconcile failed: ${(e as Error).message}`));
  await reconcileNow();
  let lostRedis = false;
  const watch = conns[1]!;
  watch.on('close', () => {
    lostRedis = true;
  });
  watch.on('ready', () => {
    if (lostRedis) {
      lostRedis = false;
      void reconcileNow();
    }
  });
  const timer = setInterval(reconcileNow, o.reconcileMs ?? loadSettings().reconcileMs);
  timer.unref();

  return {
    finished: () => finished,
    async close() {
      clearInterval(timer);
      // stop taking jobs and let the active ones finish (their locks are kept until then)
      await Promise.all([prepare.close(), pages.close(), assemble.close()]);
      await Promise.all([flows.close(), producer.close()]);
      await closeSharedOcrPools();
      for (const c of conns) c.disconnect();
    },
  };
}
