/**
 * Who processes what the API stores. Embedded mode: this process, one document at a time in a
 * background loop over the same `runPending` as `lkj worker` (PGlite is single-process, so the
 * server owns the database and nobody else can process). Distributed mode: BullMQ workers.
 */
import { runPending } from '../queue/inline.js';
import { closeSharedOcrPools } from '../ocr/shared-pool.js';
import type { Runtime } from '../queue/runtime.js';
import type { DocumentRow, Store } from '../store/store.js';
import type { Lang } from '../verify/index.js';
import type { Logger } from '../settings/log.js';

export interface Processor {
  /** documents were stored: process (or queue) them */
  submitted(docs: readonly DocumentRow[]): Promise<{ warning?: string }>;
  close(): Promise<void>;
}

export function processorFor(
  rt: Runtime,
  mode: 'background' | 'queue' | 'none',
  o: { lang: Lang; logger: Logger },
): Processor {
  if (mode === 'queue') {
    return {
      async submitted(docs) {
        if (!docs.length || !rt.queue) return {};
        try {
          await rt.queue.enqueueMany(docs);
          return {};
        } catch (e) {
          // recorded in the database: a worker's reconcile queues them when Redis is back
          o.logger.warn(
            { docs: docs.map((d) => d.id), err: e },
            `queue: Redis did not take ${docs.length} job(s): ${(e as Error).message}`,
          );
          return { warning: 'stored; the queue is unreachable, a worker will pick the documents up when it is back' };
        }
      },
      close: async () => {},
    };
  }
  if (mode === 'none') return { submitted: async () => ({}), close: async () => {} };
  return backgroundLoop(rt.store, o);
}

const IDLE_MS = 5000;

function backgroundLoop(store: Store, o: { lang: Lang; logger: Logger }): Processor {
  let stopped = false;
  // set by an upload while a pass runs: the pass took its list of documents before it came
  let dirty = true;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      dirty = false;
      try {
        await runPending(
          store,
          { lang: o.lang },
          {
            stopped: () => stopped,
            onDone: (d, r) =>
              o.logger.info(
                { doc: d.id, stage: 'process', status: r.status, ...(r.error ? { code: r.error.code } : {}) },
                `processed ${d.file_name}: ${r.status}${r.error ? ` (${r.error.code})` : ''}`,
              ),
          },
        );
        failures = 0;
      } catch (e) {
        // the database went away or a bug: keep the server up, try again later
        failures++;
        o.logger.error({ err: e }, `background processing failed: ${(e as Error).message}`);
      }
      if (stopped) break;
      if (dirty && !failures) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, IDLE_MS * Math.min(2 ** failures, 12));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return {
    async submitted(docs) {
      if (!docs.length) return {};
      dirty = true;
      wake?.();
      return {};
    },
    async close() {
      stopped = true;
      wake?.();
      await loop; // the current document is finished, not abandoned half-stored
      await closeSharedOcrPools(); // OCR threads would keep the process alive
    },
  };
}
