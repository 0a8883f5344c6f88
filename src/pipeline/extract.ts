import fs from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_VERSION, type Discrepancy, type Report, type ReportMeta, type Tables, type TableId } from '../model/contract.js';
import type { ExtractedClaim, ExtractedTables } from '../model/extracted.js';
import { InputError, isInputError } from '../intake/errors.js';
import { checkIntake, sha256 } from '../intake/sniff.js';
import { readPdfPages } from '../pages/pdf-pages.js';
import { TABLE_FIELDS } from '../tables/records.js';
import { TABLE_IDS } from '../tables/extract-tables.js';
import { verify, type Lang } from '../verify/index.js';
import { message } from '../verify/messages.js';
import { analysePages } from './analyse.js';
import { Timings } from './timings.js';

export interface ExtractOptions {
  lang?: Lang;
  minConfidence?: number;
  maxPages?: number;
  maxBytes?: number;
  onPage?: (done: number, total: number) => void;
}

export interface ExtractResult {
  report: Report;
  timings: Timings;
}

const EMPTY_META: ReportMeta = { unit: null, kecamatan: null, kabupaten: null, period: null, signedAt: null, signatories: [] };
const EMPTY_TABLES: Tables = { '2.1': [], '2.2': [], '2.3': [], '2.4': [], '2.5': [] };

/** Read a file and extract its report. Never throws for bad input: the report says `failed`. */
export async function extractFile(file: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? (e as Error).message})`;
    return { report: failedReport(name, null, 0, new InputError('not-found', reason, file)), timings: new Timings() };
  }
  return extractBytes(bytes, name, opts);
}

/** The whole pipeline on one document's bytes: intake → pages → tables/meta/claims → verify → contract. */
export async function extractBytes(bytes: Uint8Array, name: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const timings = new Timings();
  const digest = sha256(bytes);
  let pages = 0;
  try {
    const kind = await timings.time('intake', () => checkIntake(bytes, name, opts.maxBytes));
    if (kind !== 'pdf') {
      throw new InputError('not-pdf', `is a ${kind.toUpperCase()} image: scanned images need the OCR reader, which this build does not have yet`, name);
    }
    const read = await timings.time('pages', () => readPdfPages(bytes, name, opts.maxPages, opts.onPage));
    pages = read.numPages;
    if (read.needOcr.length === read.numPages) {
      throw new InputError('needs-ocr', 'has no text layer on any page (a scan): it needs OCR, which this build does not have yet', name);
    }
    const analysis = analysePages(read.pages, timings);
    if (analysis.missing.length === TABLE_IDS.length) {
      throw new InputError('not-lkj', 'is not an LKj report: none of Tabel 2.1–2.5 was found', name);
    }
    const discrepancies = await timings.time('verify', () => [
      ...verify({ tables: analysis.tables, claims: analysis.claims }, { lang: opts.lang, minConfidence: opts.minConfidence }),
      ...analysis.missing.map((t) => missingTable(t, opts.lang ?? 'id')),
    ]);
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      source: { file: name, sha256: digest, pages, mode: read.needOcr.length ? 'mixed' : 'text' },
      report: analysis.meta,
      tables: toContractTables(analysis.tables),
      claims: analysis.claims.map(toContractClaim),
      discrepancies,
      ...(analysis.missing.length ? { missingTables: analysis.missing } : {}),
      status: discrepancies.length ? 'flagged' : 'clean',
    };
    return { report, timings };
  } catch (e) {
    if (isInputError(e)) return { report: failedReport(name, digest, pages, e), timings };
    const err = new InputError('internal', `could not be processed: ${(e as Error).stack ?? String(e)}`, name);
    return { report: failedReport(name, digest, pages, err), timings };
  }
}

function missingTable(table: TableId, lang: Lang): Discrepancy {
  return {
    rule: 'T1', severity: 'warning', table, row: '-', field: '-', stated: null, expected: null,
    message: message(lang, 'T1', { table }), evidence: { page: null, bbox: null },
  };
}

export function failedReport(file: string, digest: string | null, pages: number, e: InputError): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { file, sha256: digest, pages, mode: 'text' },
    report: EMPTY_META,
    tables: EMPTY_TABLES,
    claims: [],
    discrepancies: [],
    status: 'failed',
    error: { code: e.code, message: e.message },
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
