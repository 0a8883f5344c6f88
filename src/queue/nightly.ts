import fs from 'node:fs/promises';
import path from 'node:path';
import { PRIORITY } from '../jobs/stages.js';
import { ingestPaths } from './ingest.js';
import type { Runtime } from './runtime.js';

export interface NightlySummary {
  inbox: string;
  found: number;
  queued: number;
  duplicates: number;
  rejected: number;
  /** documents finished since the previous summary */
  processed: number;
  flagged: number;
  failed: number;
}

/**
 * The nightly job: ingest every file in the inbox, move each one whose original is stored into the
 * archive (under the night's date, never overwriting), then record what was finished since the
 * last summary. `process` runs the queued documents first (embedded mode has no workers).
 */
export async function nightlyRun(
  rt: Runtime,
  inbox: string,
  archive: string,
  process?: () => Promise<void>,
): Promise<NightlySummary> {
  const started = new Date();
  const r = await ingestPaths(rt, [inbox], { recursive: true, priority: PRIORITY.bulk });
  const night = path.join(archive, started.toISOString().slice(0, 10));
  for (const file of r.stored) {
    await fs.mkdir(night, { recursive: true });
    const target = path.join(night, path.relative(inbox, file));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await moveUnique(file, target);
  }
  await process?.();
  const intake = {
    inbox,
    found: r.queued.length + r.duplicates.length + r.rejected.length,
    queued: r.queued.length,
    duplicates: r.duplicates.length,
    rejected: r.rejected.length,
  };
  const summary: NightlySummary = { ...intake, ...(await rt.store.recordNightly(intake)) };
  await rt.store.audit('scheduler', 'nightly-run', null, summary);
  return summary;
}

/** rename, or copy + delete across filesystems; a name already in the archive gets a numbered suffix. */
async function moveUnique(from: string, to: string): Promise<void> {
  const { dir, name, ext } = path.parse(to);
  for (let i = 0; ; i++) {
    const target = i ? path.join(dir, `${name}-${i}${ext}`) : to;
    try {
      await fs.access(target);
      continue;
    } catch {
      /* free */
    }
    try {
      await fs.rename(from, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      await fs.copyFile(from, target, fs.constants.COPYFILE_EXCL);
      await fs.unlink(from);
    }
    return;
  }
}

export function formatNightly(s: NightlySummary): string {
  return `nightly ${s.inbox}: ${s.found} file(s): ${s.queued} queued, ${s.duplicates} duplicate, ${s.rejected} rejected; since the last run ${s.processed} processed, ${s.flagged} flagged, ${s.failed} failed`;
}
