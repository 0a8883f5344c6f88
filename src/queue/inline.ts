/**
 * Embedded mode: no Redis. The database's unfinished documents are the queue, and this process
 * runs each through the same stage functions a worker would, most urgent first.
 */
import type { Report } from '../model/contract.js';
import type { ExtractOptions } from '../pipeline/extract.js';
import { processInline } from '../jobs/stages.js';
import type { DocumentRow, Store } from '../store/store.js';

export interface InlineProgress {
  onStart?: (doc: DocumentRow, index: number, total: number) => void;
  onPage?: (done: number, total: number) => void;
  onDone?: (doc: DocumentRow, report: Report) => void;
  /** checked between documents: stop taking new ones (SIGINT/SIGTERM) */
  stopped?: () => boolean;
}

/** Process every unfinished document (or only `ids`), one at a time: the OCR pool already uses every core. */
export async function runPending(store: Store, extract: ExtractOptions, p: InlineProgress = {}, ids?: ReadonlySet<number>): Promise<{ clean: number; flagged: number; failed: number }> {
  const counts = { clean: 0, flagged: 0, failed: 0 };
  const todo = (await store.unfinished()).filter((d) => !ids || ids.has(d.id));
  for (const [i, doc] of todo.entries()) {
    if (p.stopped?.()) break;
    p.onStart?.(doc, i, todo.length);
    const { report } = await processInline(store, doc, { ...extract, onPage: p.onPage });
    counts[report.status]++;
    p.onDone?.(doc, report);
  }
  return counts;
}
