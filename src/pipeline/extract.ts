import fs from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_VERSION, type Discrepancy, type Report, type ReportMeta, type Tables, type TableId } from '../model/contract.js';
import type { ExtractedClaim, ExtractedTables } from '../model/extracted.js';

import { InputError, isInputError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { sha256 } from '../intake/sniff.js';
import { openPageImages, openPageSource, pageImagesManifest, readDocument, type DocumentPages, type PageImageFile, type PageSource, type ReadOptions } from '../pages/read-document.js';
import { listPageImages } from '../raster/decode.js';
import { sharedOcrPools, type OcrPools } from '../ocr/shared-pool.js';
import { doubtfulCells, numericCells, rereadCells } from '../ocr/reread.js';
import { checkSignatures } from '../ocr/signatures.js';
import { TABLE_FIELDS } from '../tables/records.js';
import { TABLE_IDS } from '../tables/extract-tables.js';
import { verify, type Lang } from '../verify/index.js';
import { message } from '../verify/messages.js';
import { analysePages, type Analysis } from './analyse.js';
import { Timings } from './timings.js';

export interface ExtractOptions {
  lang?: Lang;
  /** OCR confidence (0–100) under which a failed rule is `uncertain` */
  minConfidence?: number;
  maxPages?: number;
  maxBytes?: number;
  /** render DPI for scanned PDF pages */
  dpi?: number;
  /** the OCR pool (default: the process's shared pool, created on first scanned page) */
  ocr?: () => OcrPools;
  onPage?: (done: number, total: number) => void;
}

export interface ExtractResult {
  report: Report;
  timings: Timings;
  /** the extracted tables, meta and claims with their provenance (absent when the document failed) */
  analysis?: Analysis;
}

const EMPTY_META: ReportMeta = { unit: null, kecamatan: null, kabupaten: null, period: null, signedAt: null, signatories: [] };
const EMPTY_TABLES: Tables = { '2.1': [], '2.2': [], '2.3': [], '2.4': [], '2.5': [] };
const DEFAULT_MIN_CONFIDENCE = 80;

/**
 * Read a file — a PDF, an image (JPG, PNG, multi-page TIFF), or a folder of page images read in
 * name order as one document — and extract its report. Never throws for bad input: the report
 * says `failed` with a coded reason naming the file.
 */
export async function extractFile(file: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const name = path.basename(path.resolve(file));
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? msg('fileNotFound') : msg('cannotRead', { detail: code ?? (e as Error).message });
    return { report: failedReport(name, null, 0, new InputError('not-found', reason, file), opts.lang), timings: new Timings() };
  }
  if (stat.isDirectory()) return extractFolder(file, opts);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { report: failedReport(name, null, 0, new InputError('not-found', msg('cannotRead', { detail: (e as Error).message }), file), opts.lang), timings: new Timings() };
  }
  return extractBytes(bytes, name, opts);
}

/** A folder of page images is one document; its identity is the hash of its pages' hashes in order. */
async function extractFolder(dir: string, opts: ExtractOptions): Promise<ExtractResult> {
  const name = path.basename(path.resolve(dir));
  let files: PageImageFile[];
  try {
    const paths = await listPageImages(dir, opts.maxPages);
    files = await Promise.all(paths.map(async (f) => ({ name: f, bytes: new Uint8Array(await fs.readFile(f)) })));
  } catch (e) {
    return { report: failure(name, null, 0, e, opts.lang), timings: new Timings() };
  }
  return extractPageImages(files, name, opts);
}

/** Page images in order as one report (a folder, or its stored pages). */
export async function extractPageImages(files: readonly PageImageFile[], name: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  return extractSource(() => openPageImages(files, name, opts), name, pageImagesManifest(files).digest, opts);
}

/** The whole pipeline on one document's bytes: intake → pages (text layer or OCR) → analysis → verify → contract. */
export async function extractBytes(bytes: Uint8Array, name: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  return extractSource(() => openPageSource(bytes, name, opts), name, sha256(bytes), opts);
}

async function extractSource(open: () => Promise<PageSource>, name: string, digest: string, opts: ExtractOptions): Promise<ExtractResult> {
  const timings = new Timings();
  try {
    const source = await timings.time('intake', open);
    const read = await readDocument(source, readOptions(opts, timings));
    return await finish(name, digest, read, opts, timings);
  } catch (e) {
    return { report: failure(name, digest, 0, e, opts.lang), timings };
  }
}

export function readOptions(opts: ExtractOptions, timings: Timings): ReadOptions {
  return { maxPages: opts.maxPages, dpi: opts.dpi, ocr: opts.ocr ?? sharedOcrPools, onPage: opts.onPage, timings: timings.ms as Record<string, number> };
}

/**
 * The document-level stage, after every page is read (here or by page jobs on other workers):
 * tables, meta, claims, re-reads of doubtful numbers, verification, the contract. Never throws for
 * bad input: the report says `failed` with its reason.
 */
export async function assembleReport(name: string, digest: string, read: DocumentPages, opts: ExtractOptions = {}, timings = new Timings()): Promise<ExtractResult> {
  try {
    return await finish(name, digest, read, opts, timings);
  } catch (e) {
    return { report: failure(name, digest, read.numPages, e, opts.lang), timings };
  }
}

async function finish(name: string, digest: string, read: DocumentPages, opts: ExtractOptions, timings: Timings): Promise<ExtractResult> {
  const lang = opts.lang ?? 'id';
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const pages = read.pages;
  const numPages = read.numPages;
  if (!pages.some((p) => p.words.length)) {
    if (read.scans.size === numPages && [...read.scans.values()].every((s) => s.blank)) {
      throw new InputError('blank-page', numPages === 1 ? msg('pageBlank') : msg('pagesBlank', { pages: numPages }), name);
    }
    throw new InputError('not-lkj', read.scans.size ? msg('noTextRead') : msg('noTextLayer'), name);
  }
  let analysis = analysePages(pages, timings);
  if (analysis.missing.length === TABLE_IDS.length) {
    throw new InputError('not-lkj', msg('notLkj'), name);
  }
  let discrepancies: Discrepancy[];
  const verifyNow = (a: Analysis) => verify({ tables: a.tables, claims: a.claims }, { lang, minConfidence });
  if (read.scans.size) {
    const pool = (opts.ocr ?? sharedOcrPools)();
    const reread = new Set<string>();
    // 1. numbers that read doubtfully are read again on their own
    analysis = await timings.time('reread', async () => {
      const doubtful = doubtfulCells(analysis.tables, read.scans, minConfidence);
      if (!doubtful.length) return analysis;
      await rereadCells(doubtful, pages, read.scans, pool, reread);
      return analysePages(pages);
    });
    // 2. before calling the document wrong, read every number a failed rule rests on once more
    discrepancies = verifyNow(analysis);
    const suspect = suspectTables(discrepancies);
    if (suspect.length) {
      analysis = await timings.time('reread', async () => {
        const again = numericCells(analysis.tables, read.scans, suspect);
        if (!(await rereadCells(again, pages, read.scans, pool, reread)).length) return analysis;
        return analysePages(pages);
      });
    }
  }
  discrepancies = await timings.time('verify', () => [
    ...verifyNow(analysis),
    ...checkSignatures(analysis.meta, read.scans, pages, lang),
    ...analysis.missing.map((t) => missingTable(t, lang)),
  ]);
  const textPages = pages.filter((p) => p.mode === 'text').length;
  const source: Report['source'] = { file: name, sha256: digest, pages: numPages, mode: textPages === numPages ? 'text' : textPages === 0 ? 'ocr' : 'mixed' };
  return { report: toReport(source, analysis, discrepancies), timings, analysis };
}

function toReport(source: Report['source'], analysis: Analysis, discrepancies: Discrepancy[]): Report {
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    source,
    report: analysis.meta,
    tables: toContractTables(analysis.tables),
    claims: analysis.claims.map(toContractClaim),
    discrepancies,
    ...(analysis.missing.length ? { missingTables: analysis.missing } : {}),
    status: discrepancies.length ? 'flagged' : 'clean',
  };
  return report;
}

/**
 * Verification alone, on a stored analysis (after a rule change): the same rules as extraction.
 * S1 findings rest on the page images, so they are carried over from the previous report.
 */
export function reverify(analysis: Analysis, previous: Report, opts: Pick<ExtractOptions, 'lang' | 'minConfidence'> = {}): Report {
  const lang = opts.lang ?? 'id';
  const discrepancies = [
    ...verify({ tables: analysis.tables, claims: analysis.claims }, { lang, minConfidence: opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE }),
    ...previous.discrepancies.filter((d) => d.rule === 'S1'),
    ...analysis.missing.map((t) => missingTable(t, lang)),
  ];
  return toReport(previous.source, analysis, discrepancies);
}

/** Tables whose numbers an error rests on (narrative rules rest on 2.3, 2.4 and 2.5). */
function suspectTables(ds: readonly Discrepancy[]): TableId[] {
  const out = new Set<TableId>();
  for (const d of ds) {
    if (d.severity !== 'error') continue;
    if (d.table === 'narrative') { out.add('2.3'); out.add('2.4'); out.add('2.5'); }
    else if (d.table !== 'meta') {
      out.add(d.table);
      if (d.rule === 'R6') { out.add('2.1'); out.add('2.3'); out.add('2.4'); out.add('2.5'); }
    }
  }
  return [...out];
}

function failure(name: string, digest: string | null, pages: number, e: unknown, lang?: Lang): Report {
  if (isInputError(e)) return failedReport(name, digest, pages, e, lang);
  return failedReport(name, digest, pages, new InputError('internal', msg('notProcessed', { detail: (e as Error).stack ?? String(e) }), name), lang);
}

function missingTable(table: TableId, lang: Lang): Discrepancy {
  return {
    rule: 'T1', severity: 'warning', table, row: '-', field: '-', stated: null, expected: null,
    message: message(lang, 'T1', { table }), evidence: { page: null, bbox: null },
  };
}

/** A document that could not be read: its reason in `lang`, the language of the report's messages. */
export function failedReport(file: string, digest: string | null, pages: number, e: InputError, lang: Lang = 'id'): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { file, sha256: digest, pages, mode: 'text' },
    report: EMPTY_META,
    tables: EMPTY_TABLES,
    claims: [],
    discrepancies: [],
    status: 'failed',
    error: { code: e.code, message: e.text(lang) },
  };
}

function toContractTables(t: ExtractedTables): Tables {
  const out: Record<string, unknown[]> = {};
  for (const id of TABLE_IDS) {
    out[id] = t[id].map((row) => {
      const rec: Record<string, unknown> = { no: row.no };
      for (const f of TABLE_FIELDS[id]) rec[f] = row.fields[f]?.value ?? null;
      return rec;
    });
  }
  return out as Tables;
}

function toContractClaim(c: ExtractedClaim) {
  return { kind: c.kind, value: c.value, text: c.text, page: c.page };
}

