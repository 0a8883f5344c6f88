import type { TableId } from '../model/contract.js';
import type { Line } from '../model/word.js';
import type { Grid } from './grid.js';
import { classifyHeader, mapColumns, REQUIRED_FIELDS, type ColumnField } from './columns.js';
import { bandCells, headerBandCount, columnLabels } from './rows.js';
import { TABLE_FIELDS } from './records.js';
import { editDistance } from '../parse/edit-distance.js';

/** A caption `Tabel 2.3`, tolerant of `TABEL 2.3.`, `Tabel 2.2SKALA…`, `Tabel 2,3`. */
const CAPTION = /^\s*tabel\s*(\d)\s*[.,]\s*(\d{1,2})(?!\d)/i;

export interface LocatedGrid {
  table: TableId;
  grid: Grid;
  /** the field each base column holds */
  columns: (ColumnField | null)[];
  /** number of header bands at the top of this grid (0 for a continuation without header) */
  headerBands: number;
  caption: Line | null;
}

export function captionOf(line: Line): string | null {
  const m = CAPTION.exec(line.text);
  return m ? `${m[1]}.${Number(m[2])}` : null;
}

function before(a: { page: number; y: number }, b: { page: number; y: number }): boolean {
  return a.page < b.page || (a.page === b.page && a.y < b.y);
}

const TABLE_IDS = new Set<string>(['2.1', '2.2', '2.3', '2.4', '2.5']);

/**
 * Label each grid with the table it belongs to: the nearest caption above it (on its page or at
 * the bottom of the previous one), checked against its header; a grid with no caption of its own
 * that starts a page continues the table broken off at the end of the previous page.
 */
export function locateTables(grids: readonly Grid[], lines: readonly Line[]): LocatedGrid[] {
  const captions = lines
    .map((l) => ({ line: l, id: captionOf(l) }))
    .filter((c): c is { line: Line; id: string } => c.id !== null);
  const ordered = [...grids].sort((a, b) => a.page - b.page || a.bbox[1] - b.bbox[1]);
  const out: LocatedGrid[] = [];
  let prevEnd = { page: 0, y: -Infinity };
  let prev: LocatedGrid | null = null;
  for (const grid of ordered) {
    const start = { page: grid.page, y: grid.bbox[1] };
    // captions between the previous grid and this one; the last is the nearest
    const between = captions.filter((c) => before(prevEnd, { page: c.line.page, y: c.line.bbox[1] })
      && before({ page: c.line.page, y: c.line.bbox[1] }, start));
    const caption = between[between.length - 1] ?? null;
    let headerBands = headerBandCount(grid);
    // a grid opening the page after a table broke off: bands under its repeated header (or at its
    // top) whose first cell is empty are the rest of a row the page break cut, not more header
    if (!caption && prev && grid.page === prev.grid.page + 1) {
      const repeated = repeatedHeaderBands(grid, prev);
      if (repeated < headerBands && range(repeated, headerBands).every((r) => !grid.at(r, 0).text.trim())) headerBands = repeated;
    }
    const labels = columnLabels(grid, headerBands);
    const guessed = headerBands > 0 ? classifyHeader(labels) : null;
    let table: TableId | null = null;
    let columns: (ColumnField | null)[] = [];
    let inherited = false;
    if (caption && TABLE_IDS.has(caption.id)) {
      table = caption.id as TableId;
      columns = mapColumns(table, labels);
      // a header cell OCR garbled (`Capaian (%)` read `“ar`): the caption names the table, and the
      // columns its header did map sit where the standard layout has them
      if (!fits(table, columns)) columns = standardColumns(table, columns) ?? columns;
      // a narrative mention ("pada tabel 2.4 sebagai berikut") can sit where a caption should
      if (!fits(table, columns) && guessed && guessed !== table) {
        table = guessed;
        columns = mapColumns(table, labels);
      }
    } else if (caption) {
      table = null; // Tabel 3.1 and friends are not ours
    } else if (prev && continues(prev, grid, headerBands)) {
      table = prev.table;
      columns = headerBands > 0 ? mapColumns(table, labels) : [];
      // a continuation may hold fewer columns (a lone JUMLAH row): what it has lines up with the part before
      if (!fits(table, columns)) { columns = inheritColumns(prev, grid); inherited = true; }
    } else if (guessed) {
      table = guessed;
      columns = mapColumns(table, labels);
    }
    prevEnd = { page: grid.page, y: grid.bbox[3] };
    if (!table || !(inherited || fits(table, columns))) { prev = null; continue; }
    const located: LocatedGrid = { table, grid, columns, headerBands, caption: caption?.line ?? null };
    out.push(located);
    prev = located;
  }
  return out;
}

function fits(table: TableId, columns: readonly (ColumnField | null)[]): boolean {
  return REQUIRED_FIELDS[table].every((f) => columns.includes(f));
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
const bandText = (grid: Grid, r: number) => bandCells(grid, r).map((cell) => cell.text).join('|').toLowerCase().replace(/\s+/g, '');

/**
 * How many bands at the top of `grid` repeat the header of the table part before it (browsers and
 * word processors repeat a table's header on each page): all of them, read alike up to OCR slips, or 0.
 */
function repeatedHeaderBands(grid: Grid, prev: LocatedGrid): number {
  const n = prev.headerBands;
  if (n === 0 || grid.ys.length - 1 < n) return 0;
  for (let r = 0; r < n; r++) {
    const a = bandText(grid, r), b = bandText(prev.grid, r);
    if (editDistance(a, b) > Math.max(2, 0.2 * Math.max(a.length, b.length))) return 0;
  }
  return n;
}

/** A grid continues the previous table when it opens the next page with the same columns. */
function continues(prev: LocatedGrid, grid: Grid, headerBands: number): boolean {
  if (grid.page !== prev.grid.page + 1) return false;
  const labels = headerBands > 0 ? columnLabels(grid, headerBands) : [];
  // a header of its own decides; a page opening with only the column-number row (`1 2 3 …`: the
  // header rows stayed on the previous page) has none, and continues when the columns line up
  if (labels.some(Boolean)) return fits(prev.table, mapColumns(prev.table, labels));
  return inheritColumns(prev, grid).length > 0;
}

/**
 * The columns of a table as the SAKIP template prints them, left to right: `No`, then the contract's
 * fields, which follow the printed order. Not for 2.2, whose interval column becomes two fields.
 */
const standardLayout = (table: TableId): ColumnField[] | null =>
  (table === '2.2' ? null : ['no', ...TABLE_FIELDS[table]] as ColumnField[]);

/**
 * The standard layout for a captioned grid whose header did not map every required column: only
 * when it has the standard number of columns (one more for a trailing `Ket`) and every column its
 * header did map is where the standard puts it. null otherwise.
 */
function standardColumns(table: TableId, mapped: readonly (ColumnField | null)[]): (ColumnField | null)[] | null {
  const std = standardLayout(table);
  if (!std || (mapped.length !== std.length && mapped.length !== std.length + 1)) return null;
  // a label read half (`Pagu` over a garbled `Realisasi (Rp)`) may repeat a field that its own
  // column holds: that copy is no contradiction
  const agrees = (f: ColumnField | null, i: number) => f === null || f === (std[i] ?? null) || (std.includes(f) && mapped[std.indexOf(f)] === f);
  if (!mapped.every(agrees)) return null;
  // most of the header must have been read: a grid with one stray column label is not this table
  if (mapped.filter((f, i) => f !== null && f === std[i]).length < Math.ceil(std.length / 2)) return null;
  return mapped.map((_, i) => std[i] ?? null);
}

/** Column rules closer than this (points) are the same column edge on both pages. */
const EDGE_TOLERANCE = 4;

/**
 * The fields of a continuation grid's columns, taken from the part before it. With as many columns,
 * the same ones. With fewer (a lone `JUMLAH` row merged across No and Uraian), its column edges must
 * be among the earlier part's, measured from the left border (a scanned page sits a little
 * elsewhere on the glass), and each of its columns takes the field of the earlier column starting
 * at the same edge. Empty when the edges do not line up.
 */
function inheritColumns(prev: LocatedGrid, grid: Grid): (ColumnField | null)[] {
  if (grid.xs.length === prev.grid.xs.length) return prev.columns;
  const dx = grid.xs[0]! - prev.grid.xs[0]!;
  const at = (x: number) => prev.grid.xs.findIndex((p) => Math.abs(p - (x - dx)) <= EDGE_TOLERANCE);
  const idx = grid.xs.map(at);
  if (idx.some((i) => i < 0) || idx[0] !== 0 || idx[idx.length - 1] !== prev.grid.xs.length - 1) return [];
  return idx.slice(0, -1).map((i) => prev.columns[i] ?? null);
}
