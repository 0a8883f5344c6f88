import type { TablesResult } from '../tables/extract-tables.js';
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
  /** where each table's header is, per page (absent in analyses stored before it was kept) */
  headers?: TablesResult['headers'];
  missing: TableId[];
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
  const { tables, headers, grids, missing } = run('tables', () => extractTables(pages, lines));
  const meta = run('meta', () => extractMeta(lines));
  const claims = run('claims', () => {
    // narrative = everything outside the tables
    const narrative = groupLines(words.filter((w) => !grids.some((g) => gridContains(g, w))));
    return extractClaims(narrative);
  });
  return { tables, headers, missing, meta, claims };
}
