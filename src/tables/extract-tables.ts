import type { TableId } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables } from '../model/extracted.js';
import type { BBox, Line, PageContent } from '../model/word.js';
import { findGrids, type Grid } from './grid.js';
import { locateTables } from './locate.js';
import { dataRows, type RawRow } from './rows.js';
import { toRecord } from './records.js';

export const TABLE_IDS: readonly TableId[] = ['2.1', '2.2', '2.3', '2.4', '2.5'];

/** Where a table's header is printed on a page (a table across pages may have one per page). */
export interface TableHeader { page: number; bbox: BBox }

export interface TablesResult {
  tables: ExtractedTables;
  /** each table's header bands, per page it has them: a reviewer's evidence shows the column's name */
  headers: Record<TableId, TableHeader[]>;
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
  const headers: Record<TableId, TableHeader[]> = { '2.1': [], '2.2': [], '2.3': [], '2.4': [], '2.5': [] };
  for (const lg of located) {
    const { grid, headerBands: n } = lg;
    if (n > 0) headers[lg.table].push({ page: grid.page, bbox: [grid.xs[0]!, grid.ys[0]!, grid.xs[grid.xs.length - 1]!, grid.ys[n]!] });
    const list = raw[lg.table];
    raw[lg.table].push(...dataRows(lg.grid, lg.headerBands, lg.columns, list[list.length - 1] ?? null));
  }
  for (const id of TABLE_IDS) repairFirstLabel(raw[id]);
  repairKegiatanLabels(raw['2.5']);
  const tables = Object.fromEntries(
    TABLE_IDS.map((id) => [id, raw[id].map((r) => toRecord(id, r))]),
  ) as Record<TableId, ExtractedRow[]>;
  const missing = TABLE_IDS.filter((id) => tables[id].length === 0);
  return { tables, headers, grids, missing };
}

/**
 * A first row labelled `I` (or `l`, `|`) followed by `2` or `1.1` is row `1`: OCR reads a serif `1`
 * as a capital I, which would otherwise pass for a Roman numeral.
 */
export function repairFirstLabel(rows: RawRow[]): void {
  for (let i = 0; i + 1 < rows.length; i++) {
    if (/^[Il|]\.?$/.test(rows[i]!.no) && /^(2|1\.1)$/.test(rows[i + 1]!.no) && (i === 0 || !/^\d/.test(rows[i - 1]!.no))) rows[i]!.no = '1';
  }
}

/**
 * A kegiatan label whose dot OCR lost (`1.1` read `11`): a two-digit label right after program
 * `1` or kegiatan `1.1` that continues that numbering is `1.2`, not program 11. Only labels that
 * fit the sequence are touched; a report with eleven programs keeps its `11`.
 */
export function repairKegiatanLabels(rows: RawRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    const m = /^(\d)(\d)$/.exec(rows[i]!.no);
    if (!m) continue;
    const prev = rows[i - 1]!.no;
    const [p, k] = [m[1]!, Number(m[2])];
    const fits = (k === 1 && prev === p) || prev === `${p}.${k - 1}`;
    if (fits) rows[i]!.no = `${p}.${k}`;
  }
  // a program label between its program's kegiatan (`1`, `2`, `1.2`: `1.1` read as `2`) cannot be
  // a program: a kegiatan of program 1 never follows program 2. It is the kegiatan the
  // numbering calls for.
  for (let i = 1; i + 1 < rows.length; i++) {
    const label = rows[i]!.no, prev = rows[i - 1]!.no;
    const next = /^(\d+)\.(\d+)$/.exec(rows[i + 1]!.no);
    if (!/^\d+$/.test(label) || !next) continue;
    const [p, k] = [next[1]!, Number(next[2])];
    if (p === label || k < 2) continue;
    if (prev === p ? k === 2 : prev === `${p}.${k - 2}`) rows[i]!.no = `${p}.${k - 1}`;
  }
}
