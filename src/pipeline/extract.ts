import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  NO_SIGNATURE_MARKS,
  OPTIONAL_FIELDS,
  SCHEMA_VERSION,
  TABLES,
  TABLE_FIELDS,
  TABLE_IDS,
  byTable,
  type Discrepancy,
  type Report,
  type ReportMeta,
  type SignatureInfo,
  type SignatureMarks,
  type Tables,
  type TableId,
} from '../model/contract.js';
import type { ExtractedClaim, ExtractedTables } from '../model/extracted.js';
import type { Profile } from '../model/profile.js';
import { DEFAULT_MIN_CONFIDENCE } from '../settings/settings.js';

import { InputError, isInputError, toInternalError, type InternalError } from '../intake/errors.js';
import { msg } from '../intake/messages.js';
import { sha256 } from '../intake/sniff.js';
import {
  openPageImages,
  openPageSource,
  pageImagesManifest,
  readDocument,
  type DocumentPages,
  type PageImageFile,
  type PageSource,
  type ReadOptions,
} from './read-document.js';
import { listPageImages } from '../raster/decode.js';
import { sharedOcrPools, type OcrPools } from '../ocr/shared-pool.js';
import { markedCells } from '../ocr/cell-marks.js';
import {
  bandCells,
  doubtCells,
  doubtfulCells,
  MARKED_CONF,
  numericCells,
  rereadCells,
  rereadShapes,
} from '../ocr/reread.js';
import { structureBreaks } from '../verify/structure.js';
import { shapeCells, slippedCapaian } from './shape-rereads.js';
import { checkSignatures } from '../ocr/signatures.js';
import { verify, verifyDocument, type Lang, type VerifyInput } from '../verify/index.js';
import { matchSigners } from '../verify/signatures.js';
import type { TrustAnchors } from '../signatures/index.js';
import { analysePages, type Analysis } from './analyse.js';
import { readSignatures } from './signatures.js';
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
  /** anchors digital signatures must chain to (default: LKJ_TRUST_ANCHORS; null: none) */
  trustAnchors?: TrustAnchors | Error | null;
  /** a template's quirks (model/profile.ts); the default reads without one */
  profile?: Profile;
  onPage?: (done: number, total: number) => void;
}

export interface ExtractResult {
  report: Report;
  timings: Timings;
  /** the extracted tables, meta and claims with their provenance (absent when the document failed) */
  analysis?: Analysis;
}

const EMPTY_META: ReportMeta = {
  unit: null,
  kecamatan: null,
  kabupaten: null,
  period: null,
  signedAt: null,
  signatories: [],
};

/**
 * Read a file — a PDF, an image (JPG, PNG, multi-page TIFF), or a folder of page images read in
 * name order as one document — and extract its report. Never throws for bad input: the report
 * says `failed` with a coded reason naming the file.
 */
export async function extractFile(file: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const name = path.basename(path.resolve(file));
  let stat: Stats;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? msg('fileNotFound') : msg('cannotRead', { detail: code ?? (e as Error).message });
    return {
      report: failedReport(name, null, 0, new InputError('not-found', reason, file), opts.lang),
      timings: new Timings(),
    };
  }
  if (stat.isDirectory()) return extractFolder(file, opts);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return {
      report: failedReport(
        name,
        null,
        0,
        new InputError('not-found', msg('cannotRead', { detail: (e as Error).message }), file),
        opts.lang,
      ),
      timings: new Timings(),
    };
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
export async function extractPageImages(
  files: readonly PageImageFile[],
  name: string,
  opts: ExtractOptions = {},
): Promise<ExtractResult> {
  return extractSource(() => openPageImages(files, name, opts), name, pageImagesManifest(files).digest, null, opts);
}

/** The whole pipeline on one document's bytes: intake → pages (text layer or OCR) → analysis → verify → contract. */
export async function extractBytes(bytes: Uint8Array, name: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  return extractSource(() => openPageSource(bytes, name, opts), name, sha256(bytes), bytes, opts);
}

async function extractSource(
  open: () => Promise<PageSource>,
  name: string,
  digest: string,
  original: Uint8Array | null,
  opts: ExtractOptions,
): Promise<ExtractResult> {
  const timings = new Timings();
  let read: DocumentPages | null = null;
  try {
    const source = await timings.time('intake', open);
    read = await readDocument(source, readOptions(opts, timings));
    return await finish(name, digest, read, original, opts, timings);
  } catch (e) {
    // a document refused after it was read keeps its real page count and mode
    return { report: failure(name, digest, read, e, opts.lang), timings };
  }
}

export function readOptions(opts: ExtractOptions, timings: Timings): ReadOptions {
  return {
    maxPages: opts.maxPages,
    dpi: opts.dpi,
    ocr: opts.ocr ?? sharedOcrPools,
    onPage: opts.onPage,
    timings: timings.ms as Record<string, number>,
  };
}

/**
 * The document-level stage, after every page is read (here or by page jobs on other workers):
 * tables, meta, claims, re-reads of doubtful numbers, digital signatures (from `original`, the
 * file's bytes, when it is a PDF), verification, the contract. Never throws for bad input: the
 * report says `failed` with its reason.
 */
export async function assembleReport(
  name: string,
  digest: string,
  read: DocumentPages,
  original: Uint8Array | null,
  opts: ExtractOptions = {},
  timings = new Timings(),
): Promise<ExtractResult> {
  try {
    return await finish(name, digest, read, original, opts, timings);
  } catch (e) {
    return { report: failure(name, digest, read, e, opts.lang), timings };
  }
}

async function finish(
  name: string,
  digest: string,
  read: DocumentPages,
  original: Uint8Array | null,
  opts: ExtractOptions,
  timings: Timings,
): Promise<ExtractResult> {
  const lang = opts.lang ?? 'id';
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const pages = read.pages;
  const numPages = read.numPages;
  if (!pages.some((p) => p.words.length)) {
    if (read.scans.size === numPages && [...read.scans.values()].every((s) => s.blank)) {
      throw refusal('blank-page', name, lang, numPages === 1 ? 'blank1' : 'blankAll', { pages: numPages });
    }
    throw refusal('not-lkj', name, lang, read.scans.size ? 'noTextScan' : 'noText', {});
  }
  const analyse = (t?: Timings) => analysePages(pages, t, { profile: opts.profile });
  let analysis = analyse(timings);
  // a document of a kind we know (an LKIP, a Perjanjian Kinerja, a realisasi form) is read for what
  // it holds; only a document of no known kind with none of the tables is refused
  if (analysis.missing.length === TABLE_IDS.length && analysis.meta.kind === 'other') {
    throw refusal('not-lkj', name, lang, 'notLkj', {});
  }
  let discrepancies: Discrepancy[];
  const verifyNow = (a: Analysis) => verify(verifyInput(a), { lang, minConfidence });
  if (read.scans.size) {
    const pool = (opts.ocr ?? sharedOcrPools)();
    const reread = new Set<string>();
    // 1. numbers that read doubtfully are read again on their own
    analysis = await timings.time('reread', async () => {
      const doubtful = doubtfulCells(analysis.tables, read.scans, minConfidence);
      if (!doubtful.length) return analysis;
      await rereadCells(doubtful, pages, read.scans, pool, reread);
      return analyse();
    });
    // 2. a cell whose reading breaks a shape every report has (a band bound over 100, money not in
    // groups of three) is read in other ways, and a reading that fits the shape replaces it
    analysis = await timings.time('reread', async () => {
      const cells = shapeCells(structureBreaks(analysis.tables), read.scans);
      if (!cells.length || !(await rereadShapes(cells, pages, read.scans, pool)).length) return analysis;
      return analysePages(pages);
    });
    // 3. before calling the document wrong, read every number a failed rule rests on once more;
    // and a capaian that fails only by a slip of its reading (`329 %` for 32,9 %), which the rule
    // calls uncertain: a second read may show its separator
    discrepancies = verifyNow(analysis);
    const suspect = suspectTables(discrepancies);
    const slips = slippedCapaian(discrepancies, analysis.tables, read.scans);
    if (suspect.length || slips.length) {
      analysis = await timings.time('reread', async () => {
        const again = [
          ...numericCells(analysis.tables, read.scans, suspect),
          ...(suspect.includes('2.2') ? bandCells(analysis.tables, read.scans) : []),
          ...slips,
        ];
        if (!(await rereadCells(again, pages, read.scans, pool, reread)).length) return analysis;
        return analyse();
      });
    }
    // 4. a number under a pen tick or circle reads as surely as print, and wrongly: it is doubtful
    const marked = markedCells(numericCells(analysis.tables, read.scans, TABLE_IDS), read.scans);
    if (marked.length) {
      doubtCells(marked, pages, MARKED_CONF);
      analysis = analyse();
    }
  }
  const signed = await timings.time('signatures', () =>
    readSignatures(original, name, read, analysis.meta, { anchors: opts.trustAnchors }),
  );
  const signatures = matchSigners(signed.signatures, analysis.meta.signatories);
  discrepancies = await timings.time('verify', () =>
    verifyDocument(
      { ...verifyInput(analysis), signatures, inkFindings: checkSignatures(analysis.meta, read.scans, pages, lang) },
      { lang, minConfidence },
    ),
  );
  return {
    report: toReport(sourceOf(name, digest, read), analysis, discrepancies, signatures, signed.marks),
    timings,
    analysis,
  };
}

function sourceOf(name: string, digest: string | null, read: DocumentPages): Report['source'] {
  // a page read from its text layer and OCR (`mixed`) is neither: the document is mixed
  const textPages = read.pages.filter((p) => p?.mode === 'text').length;
  return {
    file: name,
    sha256: digest,
    pages: read.numPages,
    mode:
      textPages === read.numPages
        ? 'text'
        : textPages === 0 && !read.pages.some((p) => p?.mode === 'mixed')
          ? 'ocr'
          : 'mixed',
  };
}

/** The verification input of an analysis: its tables and claims, and what the document states and lacks. */
function verifyInput(a: Analysis): VerifyInput {
  return {
    tables: a.tables,
    claims: a.claims,
    unread: a.unread,
    method: a.method,
    kind: a.meta.kind,
    notes: a.notes,
    ...(a.profileScale ? { scale: a.profileScale } : {}),
    missing: a.missing,
    signatories: a.meta.signatories,
  };
}

function toReport(
  source: Report['source'],
  analysis: Analysis,
  discrepancies: Discrepancy[],
  signatures: SignatureInfo[],
  signatureMarks: SignatureMarks,
): Report {
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    source,
    report: analysis.meta,
    tables: toContractTables(analysis.tables),
    claims: analysis.claims.map(toContractClaim),
    discrepancies,
    ...(analysis.missing.length ? { missingTables: analysis.missing } : {}),
    signatures,
    signatureMarks,
    ...(analysis.captions && Object.keys(analysis.captions).length ? { captions: analysis.captions } : {}),
    ...(analysis.profile ? { profile: analysis.profile } : {}),
    status: discrepancies.length ? 'flagged' : 'clean',
  };
  return report;
}

/**
 * Verification alone, on a stored analysis (after a rule change): the same rules as extraction.
 * S1 findings rest on the page images, so they are carried over from the previous report; the
 * signatures were verified on the file's bytes and are kept, their findings (G1–G4) derived again.
 */
export function reverify(
  analysis: Analysis,
  previous: Report,
  opts: Pick<ExtractOptions, 'lang' | 'minConfidence'> = {},
): Report {
  const lang = opts.lang ?? 'id';
  const signatures = matchSigners(previous.signatures ?? [], analysis.meta.signatories);
  const discrepancies = verifyDocument(
    { ...verifyInput(analysis), signatures, inkFindings: previous.discrepancies.filter((d) => d.rule === 'S1') },
    { lang, minConfidence: opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE },
  );
  return toReport(previous.source, analysis, discrepancies, signatures, previous.signatureMarks ?? NO_SIGNATURE_MARKS);
}

/** Tables whose numbers an error or a warning rests on (narrative rules rest on 2.3, 2.4 and 2.5; R8 on 2.2 too). */
function suspectTables(ds: readonly Discrepancy[]): TableId[] {
  const out = new Set<TableId>();
  for (const d of ds) {
    // the scale's bands are never read twice before this (step 1 reads numbers, not intervals), so a
    // doubtful finding on them asks for their re-read too: two reads that agree make it sure
    if ((d.rule === 'R8' || d.rule === 'R9') && d.severity === 'uncertain') out.add('2.2');
    // a warning on a clean report is a false alarm too
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    if (d.table === 'narrative') {
      out.add('2.3');
      out.add('2.4');
      out.add('2.5');
      // a kategori is judged against the scale's bands
      if (d.rule === 'R8') out.add('2.2');
    } else if (d.table !== 'meta' && d.table !== 'signature') {
      out.add(d.table);
      if (d.rule === 'R6') {
        out.add('2.1');
        out.add('2.3');
        out.add('2.4');
        out.add('2.5');
      }
    }
  }
  return [...out];
}

function failure(
  name: string,
  digest: string | null,
  read: DocumentPages | number | null,
  e: unknown,
  lang?: Lang,
): Report {
  // a bug or the environment: one line in the report, the stack in the log
  const err = isInputError(e) ? e : toInternalError(e, name);
  if (read === null || typeof read === 'number') return failedReport(name, digest, read ?? 0, err, lang);
  return { ...failedReport(name, digest, read.numPages, err, lang), source: sourceOf(name, digest, read) };
}

/** A refusal in the user's language (the contract's `error.message` reaches the user as is). */
function refusal(
  code: 'not-lkj' | 'blank-page',
  file: string,
  lang: Lang,
  key: keyof typeof REFUSALS,
  vars: Record<string, number>,
): InputError {
  const tpl = REFUSALS[key][lang];
  return new InputError(
    code,
    tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')),
    file,
  );
}

const REFUSALS = {
  blank1: { en: 'the page is blank', id: 'halamannya kosong' },
  blankAll: { en: 'all {pages} pages are blank', id: 'semua {pages} halaman kosong' },
  noTextScan: {
    en: 'no text could be read on any page (not a document, or an unreadable scan)',
    id: 'tidak ada teks yang terbaca di halaman mana pun (bukan dokumen, atau hasil pindaian tidak terbaca)',
  },
  noText: { en: 'has no text on any page', id: 'tidak ada teks di halaman mana pun' },
  notLkj: {
    en: 'is not an LKj report: none of Tabel 2.1–2.5 (Perjanjian Kinerja, skala nilai, capaian kinerja, cost per outcome, realisasi anggaran) was found, and the cover names no LKj, LKIP, Perjanjian Kinerja or realisasi report',
    id: 'bukan laporan LKj: tidak ada Tabel 2.1–2.5 (Perjanjian Kinerja, skala nilai, capaian kinerja, cost per outcome, realisasi anggaran), dan sampulnya tidak menyebut LKj, LKIP, Perjanjian Kinerja, atau laporan realisasi',
  },
} satisfies Record<string, Record<Lang, string>>;

/** A document that could not be read: its reason in `lang`, the language of the report's messages. */
export function failedReport(
  file: string,
  digest: string | null,
  pages: number,
  e: InputError | InternalError,
  lang: Lang = 'id',
): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { file, sha256: digest, pages, mode: 'text' },
    report: EMPTY_META,
    tables: byTable(() => []) as Tables,
    claims: [],
    discrepancies: [],
    signatures: [],
    signatureMarks: NO_SIGNATURE_MARKS,
    status: 'failed',
    error: { code: e.code, message: e.text(lang) },
  };
}

function toContractTables(t: ExtractedTables): Tables {
  return byTable((id) =>
    t[id].map((row) => {
      const rec: Record<string, unknown> = { no: row.no };
      for (const f of TABLE_FIELDS[id]) rec[f] = row.fields[f]?.value ?? null;
      // a record with no extras (2.2)
      if (!('notes' in TABLES[id].row.shape)) return rec;
      // schemaVersion 2: the template's own columns, and what numeric cells printed besides numbers
      for (const f of OPTIONAL_FIELDS) if (row.fields[f]) rec[f] = row.fields[f]!.value ?? null;
      const extra: Record<string, string> = {},
        ranges: Record<string, { min: number; max: number }> = {},
        notes: Record<string, string> = {};
      for (const [name, f] of Object.entries(row.fields)) {
        if (name.startsWith('extra:') && typeof f.value === 'string') extra[name.slice(6)] = f.value;
        if (f.range) ranges[name] = f.range;
        if (f.note !== undefined) notes[name] = f.note;
      }
      if (Object.keys(extra).length) rec.extra = extra;
      if (Object.keys(ranges).length) rec.ranges = ranges;
      if (Object.keys(notes).length) rec.notes = notes;
      return rec;
    }),
  ) as Tables;
}

function toContractClaim(c: ExtractedClaim) {
  return { kind: c.kind, value: c.value, text: c.text, page: c.page };
}
