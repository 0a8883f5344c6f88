/**
 * Embedded mode: no Redis. The database's unfinished documents are the queue, and this process
 * runs each through the same stage functions a worker would, most urgent first.
 */
import type { Report } from '../model/contract.js';
import type { ExtractOptions } from '../pipeline/extract.js';
import { InternalError, isInputError, toInternalError } from '../intake/errors.js';
import { processInline, storeFailure } from '../jobs/stages.js';
import { failedReport } from '../pipeline/extract.js';
import { log, since, withLogger } from '../settings/log.js';
import type { DocumentRow, Store } from '../store/store.js';

export interface InlineProgress {
  onStart?: (doc: DocumentRow, index: number, total: number) => void;
  onPage?: (done: number, total: number) => void;
  onDone?: (doc: DocumentRow, report: Report) => void;
  /** checked between documents: stop taking new ones (SIGINT/SIGTERM) */
  stopped?: () => boolean;
}

/**
 * A document whose processing started this many times without ending (the process was killed, or
 * ran out of memory on it) is failed instead of started again: a poison file must not crash-loop
 * the server or `lkj run`.
 */
export const MAX_INTERRUPTED_ATTEMPTS = 3;

/**
 * Process every unfinished document (or only `ids`), one at a time: the OCR pool already uses every
 * core. One document never stops the others: whatever it throws, it ends failed with the reason
 * (or, when even that cannot be stored, is logged and left) and the next one is taken. Each
 * document runs under a child logger carrying its id and `stage: process` (start and end at debug
 * level: the caller says what it wants said about a finished document).
 */
export async function runPending(
  store: Store,
  extract: ExtractOptions,
  p: InlineProgress = {},
  ids?: ReadonlySet<number>,
): Promise<{ clean: number; flagged: number; failed: number }> {
  const counts = { clean: 0, flagged: 0, failed: 0 };
  const todo = (await store.unfinished()).filter((d) => !ids || ids.has(d.id));
  for (const [i, doc] of todo.entries()) {
    if (p.stopped?.()) break;
    p.onStart?.(doc, i, todo.length);
    const logger = log().child({ doc: doc.id, stage: 'process' });
    const t0 = performance.now();
    logger.debug({ file: doc.file_name, run: doc.run }, `${doc.file_name}: started`);
    const report = await withLogger(logger, async (): Promise<Report> => {
      try {
        if (doc.status === 'processing' && doc.attempts >= MAX_INTERRUPTED_ATTEMPTS) {
          logger.warn({ attempts: doc.attempts }, `${doc.file_name}: interrupted ${doc.attempts} times, failed`);
          return await storeFailure(
            store,
            doc,
            new InternalError({ key: 'interrupted', vars: { n: doc.attempts } }, doc.file_name),
          );
        }
        return (await processInline(store, doc, { ...extract, onPage: p.onPage })).report;
      } catch (e) {
        return lastResort(store, doc, e);
      }
    });
    logger.debug({ status: report.status, ms: since(t0) }, `${doc.file_name}: ${report.status}`);
    counts[report.status]++;
    p.onDone?.(doc, report);
  }
  return counts;
}

/** Not even a failed report could be stored: mark the document failed by its row alone. */
async function lastResort(store: Store, doc: DocumentRow, e: unknown): Promise<Report> {
  const err = isInputError(e) ? e : toInternalError(e, doc.file_name);
  try {
    await store.markFailed(doc.id, doc.run, err.code, err.message);
  } catch (again) {
    // the database itself is unreachable: the document stays unfinished and is retried later
    log().error({ err: again }, `${doc.file_name}: the failure could not be recorded (${(again as Error).message})`);
  }
  return failedReport(doc.file_name, doc.sha256, doc.pages ?? 0, err);
}
