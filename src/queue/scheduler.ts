import { createHash } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import type { ExtractOptions } from '../pipeline/extract.js';
import { formatNightly, nightlyRun, type NightlySummary } from './nightly.js';
import { queuePrefix, redis } from './bullmq.js';
import { runPending } from './inline.js';
import type { Runtime } from './runtime.js';
import type { Logger } from '../settings/log.js';

export const NIGHTLY_QUEUE = 'lkj-nightly';
const NightlyJob = z.object({ inbox: z.string().min(1), archive: z.string().min(1) });

export interface SchedulerOptions {
  cron: string;
  inbox: string;
  archive: string;
  extract?: ExtractOptions;
  logger: Logger;
  onRun?: (s: NightlySummary) => void;
}

/** Refuse a bad cron expression up front, with the parser's reason. */
export function checkCron(cron: string): void {
  try {
    CronExpressionParser.parse(cron);
  } catch (e) {
    throw new Error(`invalid --cron "${cron}": ${(e as Error).message}`);
  }
}

/**
 * The nightly inbox job. Distributed: a BullMQ job scheduler (one per inbox, however many
 * `lkj schedule` processes run) fires the job and this process, which sees the inbox, runs it.
 * Embedded: a timer on the same cron expression, and the night's documents processed in-process.
 */
export async function startScheduler(rt: Runtime, o: SchedulerOptions): Promise<{ close(): Promise<void> }> {
  checkCron(o.cron);
  const log = o.logger.child({ stage: 'nightly' });
  const done = (s: NightlySummary) => {
    log.info({ summary: s }, formatNightly(s));
    o.onRun?.(s);
  };
  if (rt.redisUrl) {
    const conn = redis(rt.redisUrl, { worker: true });
    const queue = new Queue(NIGHTLY_QUEUE, { connection: conn, prefix: queuePrefix() });
    const id = `inbox-${createHash('sha256').update(o.inbox).digest('hex').slice(0, 16)}`;
    await queue.upsertJobScheduler(
      id,
      { pattern: o.cron },
      {
        name: 'nightly',
        data: { inbox: o.inbox, archive: o.archive },
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      },
    );
    const workerConn = redis(rt.redisUrl, { worker: true });
    const worker = new Worker(
      NIGHTLY_QUEUE,
      async (job) => {
        const data = NightlyJob.parse(job.data);
        const s = await nightlyRun(rt, data.inbox, data.archive);
        done(s);
        return s;
      },
      { connection: workerConn, prefix: queuePrefix(), concurrency: 1 },
    );
    worker.on('error', (e) => log.error({ err: e }, `scheduler: ${e.message}`));
    worker.on('failed', (_job, e) => log.error({ err: e }, `nightly run failed: ${e.message}`));
    return {
      async close() {
        await worker.close();
        await queue.removeJobScheduler(id).catch(() => {});
        await queue.close();
        conn.disconnect(); // connections handed to BullMQ stay open until their owner closes them
        workerConn.disconnect();
      },
    };
  }
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const arm = () => {
    if (closed) return;
    // from now, not from the last firing: a run longer than the interval skips, never piles up
    const wait = Math.max(
      0,
      CronExpressionParser.parse(o.cron, { currentDate: new Date() }).next().getTime() - Date.now(),
    );
    timer = setTimeout(() => {
      running = nightlyRun(rt, o.inbox, o.archive, async () => {
        await runPending(rt.store, o.extract ?? {});
      })
        .then(done, (e) => log.error({ err: e }, `nightly run failed: ${(e as Error).message}`))
        .finally(arm);
    }, wait);
  };
  arm();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
