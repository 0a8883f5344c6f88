import type { ReportMeta, TableId } from '../model/contract.js';
import type { ExtractedClaim, ExtractedTables } from '../model/extracted.js';
import type { PageContent } from '../model/word.js';
import { groupLines } from '../pages/lines.js';
import { extractTables } from '../tables/extract-tables.js';
import { gridContains } from '../tables/grid.js';
import { extractMeta } from '../parse/meta.js';
import { extractClaims } from '../parse/claims.js';
import type { Timings } from './timings.js';

export interface Analysis {
  tables: ExtractedTables;
  missing: TableId[];
  /** missing tables whose caption was seen (their grid was not read); absent in analyses stored before it */
  unread?: TableId[];
  meta: ReportMeta;
  claims: ExtractedClaim[];
}

/**
 * Everything between words and verification, a pure function of the pages: the same for text
 * layers and OCR, in `lkj extract`, the embedded runner and a queue worker.
 */
export function analysePages(pages: readonly PageContent[], timings?: Timings): Analysis {
  const words = pages.flatMap((p) => p.words);
  const lines = groupLines(words);
  const run = <T>(stage: 'tables' | 'meta' | 'claims', fn: () => T): T => (timings ? timings.timeSync(stage, fn) : fn());
  const { tables, grids, missing, unread } = run('tables', () => extractTables(pages, lines));
  const meta = run('meta', () => extractMeta(lines));
  const claims = run('claims', () => {
    // narrative = everything outside the tables
    const narrative = groupLines(words.filter((w) => !grids.some((g) => gridContains(g, w))));
    return extractClaims(narrative);
  });
  return { tables, missing, unread, meta, claims };
}
