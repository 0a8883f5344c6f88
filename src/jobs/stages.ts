/**
 * The processing stages as the queue and the embedded runner call them. Each is a thin shell over
 * the pipeline's stage functions (page source, page reading, assembly) with the store at its edge,
 * so a document reads the same in `lkj extract`, `lkj run` and on any worker.
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Report } from '../model/contract.js';
import { Profile } from '../model/profile.js';
import { PageContent } from '../model/word.js';
import { InputError, InternalError, isInputError, toInternalError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { checkIntake, sha256 } from '../intake/sniff.js';
import {
  openPageImages,
  openPageSource,
  pageImagesManifest,
  parseManifest,
  type DocumentPages,
  type PageImageFile,
  type PageSource,
} from '../pipeline/read-document.js';
import type { OcrPage } from '../ocr/read-page.js';
import { sharedOcrPools } from '../ocr/shared-pool.js';
import {
  assembleReport,
  extractBytes,
  extractPageImages,
  failedReport,
  readOptions,
  reverify,
  type ExtractOptions,
  type ExtractResult,
} from '../pipeline/extract.js';
import { Timings } from '../pipeline/timings.js';
import type { Lang } from '../verify/index.js';
import type { DocumentRow, Store } from '../store/store.js';
import { decodeRaster, encodeRaster } from './raster-codec.js';

export const PRIORITY = { upload: 1, bulk: 10 } as const;

export interface IngestOptions {
  force?: boolean;
  priority?: number;
  maxBytes?: number;
  /** the batch's template profile, kept with each document and used whenever it is processed */
  profile?: Profile;
  /** the language a refusal is worded in */
  lang?: Lang;
}

export type IngestOutcome =
  | { outcome: 'queued'; doc: DocumentRow }
  | { outcome: 'duplicate'; doc: DocumentRow }
  | { outcome: 'rejected'; doc: DocumentRow | null; reason: string };

/**
 * Register one file's bytes: kept content-addressed, recorded as a document to process. The same
 * bytes twice are one document (`force` starts a new run instead). Bytes that are not a PDF or an
 * image are rejected at once: the document is stored `failed` with the reason, original kept.
 */
export async function ingestBytes(
  store: Store,
  bytes: Uint8Array,
  fileName: string,
  opts: IngestOptions = {},
): Promise<IngestOutcome> {
  const digest = sha256(bytes);
  const priority = opts.priority ?? PRIORITY.bulk;
  let kind: string | null = null;
  let rejected: InputError | null = null;
  try {
    kind = checkIntake(bytes, fileName, opts.maxBytes);
  } catch (e) {
    if (!isInputError(e)) throw e;
    rejected = e;
  }
  const known = await store.document(digest);
  if (known && !opts.force) return { outcome: 'duplicate', doc: known };
  if (rejected?.code !== 'too-large') await store.blobs.put(digest, bytes); // before the row: a document never lacks its original
  if (known) {
    if (rejected) return { outcome: 'rejected', doc: known, reason: rejected.text(opts.lang ?? 'id') };
    return { outcome: 'queued', doc: await store.newRun(known.id, 'force', priority, opts.profile) };
  }
  const { doc, created } = await store.registerDocument({
    sha256: digest,
    fileName,
    size: bytes.length,
    kind,
    priority,
    profile: opts.profile,
  });
  if (!created) return { outcome: 'duplicate', doc }; // registered meanwhile by another ingest
  if (rejected) {
    await store.saveReport(doc.id, doc.run, doc.run_reason, failedReport(fileName, digest, 0, rejected, opts.lang));
    return { outcome: 'rejected', doc: await store.document(doc.id), reason: rejected.text(opts.lang ?? 'id') };
  }
  return { outcome: 'queued', doc };
}

/**
 * Register a folder of page images as one document (as `lkj extract` reads it): every page kept
 * content-addressed, plus the manifest of their hashes in order, whose hash is the document's.
 */
export async function ingestPageImages(
  store: Store,
  files: readonly PageImageFile[],
  name: string,
  opts: IngestOptions = {},
): Promise<IngestOutcome> {
  const { digest, manifest, pages } = pageImagesManifest(files);
  const known = await store.document(digest);
  if (known && !opts.force) return { outcome: 'duplicate', doc: known };
  for (const [i, f] of files.entries()) {
    try {
      checkIntake(f.bytes, f.name, opts.maxBytes);
    } catch (e) {
      if (!isInputError(e)) throw e;
      return { outcome: 'rejected', doc: null, reason: e.text(opts.lang ?? 'id') };
    }
    await store.blobs.put(pages[i]!, f.bytes);
  }
  await store.blobs.put(digest, manifest);
  if (known)
    return {
      outcome: 'queued',
      doc: await store.newRun(known.id, 'force', opts.priority ?? PRIORITY.bulk, opts.profile),
    };
  const size = files.reduce((s, f) => s + f.bytes.length, 0);
  const { doc, created } = await store.registerDocument({
    sha256: digest,
    fileName: name,
    size,
    kind: PAGES_KIND,
    priority: opts.priority ?? PRIORITY.bulk,
    profile: opts.profile,
  });
  return created ? { outcome: 'queued', doc } : { outcome: 'duplicate', doc };
}

/** `documents.kind` of a folder of page images (its stored original is the page manifest). */
export const PAGES_KIND = 'pages';

async function original(store: Store, doc: DocumentRow): Promise<Uint8Array> {
  const bytes = await store.blobs.get(doc.sha256);
  if (!bytes) throw new InputError('internal', msg('originalMissing', { sha: doc.sha256 }), doc.file_name);
  return bytes;
}

/** The stored pages of a page-folder document, in order. */
async function storedPageImages(store: Store, doc: DocumentRow): Promise<PageImageFile[]> {
  const hashes = parseManifest(await original(store, doc), doc.file_name);
  return Promise.all(
    hashes.map(async (h, i) => {
      const bytes = await store.blobs.get(h);
      if (!bytes) throw new InputError('internal', msg('pageOriginalMissing', { page: i + 1, sha: h }), doc.file_name);
      return { name: `${doc.file_name}/page-${i + 1}`, bytes };
    }),
  );
}

/** A stored document opened for reading page by page, whatever its kind. */
async function openStored(store: Store, doc: DocumentRow, opts: ExtractOptions): Promise<PageSource> {
  if (doc.kind === PAGES_KIND) return openPageImages(await storedPageImages(store, doc), doc.file_name, opts);
  return openPageSource(await original(store, doc), doc.file_name, opts);
}

/** Store a failure as the run's report (the job then ends failed with the same reason). */
export async function storeFailure(store: Store, doc: DocumentRow, e: unknown, lang?: Lang): Promise<Report> {
  const err = isInputError(e) ? e : toInternalError(e, doc.file_name);
  const report = failedReport(doc.file_name, doc.sha256, doc.pages ?? 0, err, lang);
  await store.saveReport(doc.id, doc.run, doc.run_reason, report);
  return report;
}

// ---- embedded: the whole document in this process ------------------------------------------

/** The document's own profile (stored at ingest) over whatever the caller passes. */
function withProfile<T extends { profile?: Profile }>(doc: DocumentRow, opts: T): T {
  if (doc.profile === null || doc.profile === undefined) return opts;
  const p = Profile.safeParse(doc.profile);
  return p.success ? { ...opts, profile: p.data } : opts;
}

export async function processInline(
  store: Store,
  doc: DocumentRow,
  opts: ExtractOptions = {},
): Promise<{ report: Report; version: number }> {
  opts = withProfile(doc, opts);
  await store.markProcessing(doc.id, doc.run, null, doc.kind);
  let result: ExtractResult;
  try {
    result =
      doc.kind === PAGES_KIND
        ? await extractPageImages(await storedPageImages(store, doc), doc.file_name, opts)
        : await extractBytes(await original(store, doc), doc.file_name, opts);
  } catch (e) {
    const report = await storeFailure(store, doc, e, opts.lang);
    return { report, version: (await store.document(doc.id))!.current_version! };
  }
  const { report, analysis } = result;
  try {
    const { version } = await store.saveReport(doc.id, doc.run, doc.run_reason, report, analysis);
    return { report, version };
  } catch (e) {
    // the database refused this report (a value it cannot hold): the document ends failed with
    // the reason, instead of staying `processing` and being tried first on every pass
    const failed = await storeFailure(store, doc, storeError(e, doc.file_name));
    return { report: failed, version: (await store.document(doc.id))!.current_version! };
  }
}

function storeError(e: unknown, file: string): InternalError {
  toInternalError(e, file); // the stack to the log
  return new InternalError({ key: 'notStored', vars: { detail: (e as Error)?.message ?? String(e) } }, file, {
    cause: e,
  });
}

// ---- distributed: prepare → page jobs → assemble --------------------------------------------

/**
 * First job of a document's flow: open it, read every text-layer page at once (tens of ms) and
 * return the pages that need OCR, for page jobs that any worker can run.
 */
export async function preparePages(
  store: Store,
  doc: DocumentRow,
  opts: ExtractOptions = {},
): Promise<{ scanPages: number[] }> {
  const source = await openStored(store, doc, opts);
  try {
    await store.markProcessing(doc.id, doc.run, source.numPages, null); // the kind was fixed at ingest
    const scanPages: number[] = [];
    for (let n = 1; n <= source.numPages; n++) {
      const text = await source.readText(n);
      if (text) await store.savePageResult(doc.id, doc.run, n, text, null, null);
      else scanPages.push(n);
    }
    return { scanPages };
  } finally {
    await source.close();
  }
}

const ScanInfo = z.object({ blank: z.boolean(), dpi: z.number().positive() });

/** One scanned page: rasterise, preprocess, OCR; the words and the corrected raster go to the store. */
export async function readPageJob(
  store: Store,
  doc: DocumentRow,
  page: number,
  opts: ExtractOptions = {},
): Promise<{ ms: Record<string, number> }> {
  const source = await openStored(store, doc, opts);
  const timings = new Timings();
  try {
    const scan = await source.readScan(page, readOptions(opts, timings));
    const scanInfo: z.infer<typeof ScanInfo> = { blank: scan.blank, dpi: scan.raster.dpi };
    await store.savePageResult(doc.id, doc.run, page, scan.content, scanInfo, await encodeRaster(scan.raster));
    return { ms: timings.ms as Record<string, number> };
  } finally {
    await source.close();
  }
}

/** Last job of the flow: all pages read → tables, verification, the report stored as a version. */
export async function assembleJob(
  store: Store,
  doc: DocumentRow,
  opts: ExtractOptions = {},
): Promise<{ report: Report; version: number; created: boolean }> {
  opts = withProfile(doc, opts);
  const rows = await store.pageResults(doc.id, doc.run);
  const numPages = doc.pages ?? rows.length;
  if (rows.length !== numPages)
    throw new Error(`document ${doc.id} run ${doc.run}: ${rows.length} of ${numPages} pages read`);
  const pages: PageContent[] = [];
  const scans = new Map<number, OcrPage>();
  for (const row of rows) {
    const content = PageContent.parse(row.content);
    pages.push(content);
    if (row.scan && row.raster) {
      const info = ScanInfo.parse(row.scan);
      const raster = await decodeRaster(row.raster, row.page, info.dpi);
      scans.set(row.page, { content, raster, blank: info.blank, timings: {} });
    }
  }
  const read: DocumentPages = { numPages, pages, scans };
  // the signatures are verified on the original's bytes (a PDF's; a folder of page images has none)
  const bytes = doc.kind === PAGES_KIND ? null : await original(store, doc);
  const { report, analysis } = await assembleReport(doc.file_name, doc.sha256, read, bytes, {
    ...opts,
    ocr: opts.ocr ?? sharedOcrPools,
  });
  const saved = await store.saveReport(doc.id, doc.run, doc.run_reason, report, analysis);
  return { report, ...saved };
}

// ---- re-verification --------------------------------------------------------------------------

/**
 * Re-run verification on a stored analysis; a new version only when the result changed. A stored
 * analysis of no known shape throws InvalidAnalysisError (store.ts), naming the document: the
 * caller reports it and goes on with the others.
 */
export async function reverifyStored(
  store: Store,
  doc: DocumentRow,
  opts: Pick<ExtractOptions, 'lang' | 'minConfidence'> = {},
): Promise<'changed' | 'unchanged' | 'skipped'> {
  const cur = await store.current(doc.id);
  if (!cur || cur.report.status === 'failed') return 'skipped';
  if (cur.invalidAnalysis) throw cur.invalidAnalysis;
  if (!cur.analysis) return 'skipped';
  const next = reverify(cur.analysis, cur.report, opts);
  if (isDeepStrictEqual(JSON.parse(JSON.stringify(next)), cur.report)) return 'unchanged';
  await store.saveRevision(doc.id, 'reprocess', next, cur.analysis);
  return 'changed';
}
