import fs from 'node:fs/promises';
import path from 'node:path';
import { ingestBytes, ingestPageImages, PRIORITY } from '../jobs/stages.js';
import type { PageImageFile } from '../pipeline/read-document.js';
import type { Runtime } from './runtime.js';
import type { DocumentRow } from '../store/store.js';
import { collectFiles } from './collect-files.js';
import type { Profile } from '../model/profile.js';
import { inputMessage, msg } from '../intake/messages.js';
import type { Lang } from '../model/lang.js';

export interface IngestSummary {
  queued: DocumentRow[];
  duplicates: DocumentRow[];
  rejected: { file: string; reason: string }[];
  /** files whose document is stored (queued, duplicate or rejected with its original kept) */
  stored: string[];
  /** why Redis could not take the jobs, when it could not: the documents are recorded and a worker's reconcile queues them */
  queueError?: string;
}

/** Record every file as a document and, in distributed mode, queue it. */
export async function ingestPaths(
  rt: Runtime,
  paths: readonly string[],
  o: {
    recursive?: boolean;
    force?: boolean;
    priority?: number;
    profile?: Profile;
    lang?: Lang;
    onFile?: (file: string) => void;
  },
): Promise<IngestSummary> {
  const lang = o.lang ?? 'id';
  const { files, pageFolders, missing } = await collectFiles(paths, o.recursive ?? false);
  // one document is an upload someone waits for; many are an archive
  const priority =
    o.priority ?? (files.length + pageFolders.length === 1 && missing.length === 0 ? PRIORITY.upload : PRIORITY.bulk);
  const out: IngestSummary = {
    queued: [],
    duplicates: [],
    rejected: missing.map((file) => ({ file, reason: inputMessage(lang, msg('fileNotFound')) })),
    stored: [],
  };
  for (const file of files) {
    o.onFile?.(file);
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch (e) {
      out.rejected.push({
        file,
        reason: inputMessage(
          lang,
          msg('cannotRead', { detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }),
        ),
      });
      continue;
    }
    const r = await ingestBytes(rt.store, bytes, path.basename(file), {
      force: o.force,
      priority,
      profile: o.profile,
      lang,
    });
    if (r.outcome === 'queued') out.queued.push(r.doc);
    else if (r.outcome === 'duplicate') out.duplicates.push(r.doc);
    else out.rejected.push({ file, reason: r.reason });
    if (r.doc) out.stored.push(file);
  }
  for (const { dir, pages } of pageFolders) {
    o.onFile?.(dir);
    let images: PageImageFile[];
    try {
      images = await Promise.all(
        pages.map(async (p) => ({ name: path.basename(p), bytes: new Uint8Array(await fs.readFile(p)) })),
      );
    } catch (e) {
      out.rejected.push({
        file: dir,
        reason: inputMessage(
          lang,
          msg('cannotRead', { detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }),
        ),
      });
      continue;
    }
    const r = await ingestPageImages(rt.store, images, path.basename(dir), {
      force: o.force,
      priority,
      profile: o.profile,
      lang,
    });
    if (r.outcome === 'queued') out.queued.push(r.doc);
    else if (r.outcome === 'duplicate') out.duplicates.push(r.doc);
    else out.rejected.push({ file: dir, reason: r.reason });
    if (r.doc) out.stored.push(...pages);
  }
  if (rt.queue && out.queued.length) {
    try {
      await rt.queue.enqueueMany(out.queued);
    } catch (e) {
      out.queueError = (e as Error).message;
    }
  }
  return out;
}
