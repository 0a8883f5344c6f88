import { ANALYSIS_VERSION, type Analysis } from '../model/analysis.js';
import type { Profile } from '../model/profile.js';
import type { PageContent } from '../model/word.js';
import { groupLines } from '../model/lines.js';
import { extractTables } from '../tables/extract-tables.js';
import { gridContains } from '../tables/grid.js';
import { readMeta } from '../parse/meta.js';
import { extractClaims } from '../parse/claims.js';
import { statedMethod } from '../parse/method.js';
import type { Timings } from './timings.js';

/** The analysis of a document (its zod schema and versions: model/analysis.ts). */
export type { Analysis };

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
  const run = <T>(stage: 'tables' | 'meta' | 'claims', fn: () => T): T =>
    timings ? timings.timeSync(stage, fn) : fn();
  // meta first: a table printing several years side by side is read for the report's year
  const { meta, doubts } = run('meta', () => readMeta(lines));
  const profile = opts.profile;
  const { tables, headers, grids, missing, captions, unread, unmappedColumns, unreadCaptioned } = run('tables', () =>
    extractTables(pages, lines, {
      year: meta.period?.year ?? null,
      synonyms: profile?.columns,
      numberStyle: profile?.numberStyle,
    }),
  );
  const { claims, method } = run('claims', () => {
    // narrative = everything outside the tables
    const narrative = groupLines(words.filter((w) => !grids.some((g) => gridContains(g, w))));
    const bands = tables['2.2'].map((r) => r.fields.kriteria?.value).filter((v): v is string => typeof v === 'string');
    return { claims: extractClaims(narrative, { bands }), method: statedMethod(narrative, tables, profile) };
  });
  return {
    schemaVersion: ANALYSIS_VERSION,
    tables,
    headers,
    missing,
    unread: unreadCaptioned,
    meta,
    claims,
    captions,
    method,
    notes: { unread, unmappedColumns, metaDoubts: doubts },
    ...(profile ? { profile: profile.name } : {}),
    ...(profile?.scale ? { profileScale: profile.scale } : {}),
  };
}
