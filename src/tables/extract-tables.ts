import type { TableId } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables } from '../model/extracted.js';
import type { Line, PageContent } from '../model/word.js';
import { findGrids, type Grid } from './grid.js';
import { locateTables } from './locate.js';
import { dataRows, type RawRow } from './rows.js';
import { toRecord } from './records.js';

export const TABLE_IDS: readonly TableId[] = ['2.1', '2.2', '2.3', '2.4', '2.5'];

export interface TablesResult {
  tables: ExtractedTables;
  /** every grid on every page, labelled or not: their words are not narrative */
  grids: Grid[];
  missing: TableId[];
}

/**
 * Tabel 2.1–2.5 from pages of words and ruling lines: grids found per page, labelled by caption
 * and header, their data rows joined across page breaks, then typed.
 */
export function extractTables(pages: readonly PageContent[], lines: readonly Line[]): TablesResult {
  const grids = pages.flatMap((p) => findGrids(p.page, p.segments, p.words));
  const located = locateTables(grids, lines);
  const raw: Record<TableId, RawRow[]> = { '2.1': [], '2.2': [], '2.3': [], '2.4': [], '2.5': [] };
  for (const lg of located) {
    const list = raw[lg.table];
    raw[lg.table].push(...dataRows(lg.grid, lg.headerBands, lg.columns, list[list.length - 1] ?? null));
  }
  const tables = Object.fromEntries(
    TABLE_IDS.map((id) => [id, raw[id].map((r) => toRecord(id, r))]),
  ) as Record<TableId, ExtractedRow[]>;
  const missing = TABLE_IDS.filter((id) => tables[id].length === 0);
  return { tables, grids, missing };
}
