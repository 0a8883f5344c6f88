import type { TablesResult } from '../tables/extract-tables.js';
import type { ReportMeta, TableId } from '../model/contract.js';
import type { ExtractedClaim, ExtractedTables } from '../model/extracted.js';
import type { Profile } from '../model/profile.js';
import type { PageContent } from '../model/word.js';
import { groupLines } from '../model/lines.js';
import { extractTables } from '../tables/extract-tables.js';
import { gridContains } from '../tables/grid.js';
import { readMeta } from '../parse/meta.js';
import type { ReadingNotes } from '../verify/types.js';
import { extractClaims } from '../parse/claims.js';
import { statedMethod, type StatedMethod } from '../parse/method.js';
import type { Timings } from './timings.js';

export interface Analysis {
  tables: ExtractedTables;
  /** where each table's header is, per page (absent in analyses stored before it was kept) */
  headers?: TablesResult['headers'];
  missing: TableId[];
  /** missing tables whose caption was seen (their grid was not read); absent in analyses stored before it */
  unread?: TableId[];
  meta: ReportMeta;
  claims: ExtractedClaim[];
  /** schemaVersion 2 (absent from analyses stored before): each role's printed caption */
  captions?: Partial<Record<TableId, string>>;
  /** schemaVersion 2: what could not be read (tables, columns, meta) */
  notes?: ReadingNotes;
  /** schemaVersion 2: the calculation method the document (or its profile) states */
  method?: StatedMethod;
  /** schemaVersion 2: the profile the document was read with */
  profile?: string;
  /** the profile's rating scale, for a report printing none (kept so re-verification needs no profile) */
  profileScale?: NonNullable<Profile['scale']>;
}

export interface AnalyseOptions {
  profile?: Profile;
}

/**
 * Everything between words and verification, a pure function of the pages: the same for text
 * layers and OCR, in `lkj extract`, the embedded runner and a queue worker.
 */
export function analysePages(pages: readonly PageContent[], timings?: Timings, opts: AnalyseOptions = {}): Analysis {
  const words = pages.flatMap((p) => p.words);
  const lines = groupLines(words);
  const run = <T>(stage: 'tables' | 'meta' | 'claims', fn: () => T): T => (timings ? timings.timeSync(stage, fn) : fn());
  // meta first: a table printing several years side by side is read for the report's year
  const { meta, doubts } = run('meta', () => readMeta(lines));
  const profile = opts.profile;
  const { tables, headers, grids, missing, captions, unread, unmappedColumns, unreadCaptioned } = run('tables', () =>
    extractTables(pages, lines, { year: meta.period?.year ?? null, synonyms: profile?.columns, numberStyle: profile?.numberStyle }));
  const { claims, method } = run('claims', () => {
    // narrative = everything outside the tables
    const narrative = groupLines(words.filter((w) => !grids.some((g) => gridContains(g, w))));
    const bands = tables['2.2'].map((r) => r.fields.kriteria?.value).filter((v): v is string => typeof v === 'string');
    return { claims: extractClaims(narrative, { bands }), method: statedMethod(narrative, tables, profile) };
  });
  return {
    tables, headers, missing, unread: unreadCaptioned, meta, claims, captions, method,
    notes: { unread, unmappedColumns, metaDoubts: doubts },
    ...(profile ? { profile: profile.name } : {}),
    ...(profile?.scale ? { profileScale: profile.scale } : {}),
  };
}
