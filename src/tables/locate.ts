import type { TableId } from '../model/contract.js';
import type { UnreadTable } from '../model/analysis.js';
import type { Line } from '../model/word.js';
import type { Grid } from './grid.js';
import { CANONICAL, FIGURE_FIELDS, mapColumns, type ColumnField, type MapOptions } from './columns.js';
import {
  bandColumnsByContent,
  captionScore,
  findCaptions,
  fits,
  headerCandidates,
  standardNumber,
  titleRole,
  usesStandardNumbering,
  type Caption,
  type RoleCandidate,
} from './roles.js';
import { bandCells, headerBandCount, columnLabels, isNumberingBand, isRowLabel } from './rows.js';
import { editDistance } from '../parse/edit-distance.js';

export interface LocatedGrid {
  table: TableId;
  grid: Grid;
  /** the field each base column holds */
  columns: (ColumnField | null)[];
  /** number of header bands at the top of this grid (0 for a continuation without header) */
  headerBands: number;
  caption: Line | null;
  /** columns mapped by their place in the template's layout, their header not understood */
  byPosition?: number[];
}

export type { UnreadTable };

export interface LocateResult {
  located: LocatedGrid[];
  /** each role's caption as printed (`Tabel 3.2`) */
  captions: Partial<Record<TableId, string>>;
  unread: UnreadTable[];
  /** the roles some caption names (`Tabel 2.3`, or a title only that role has), read or not */
  captioned: TableId[];
}

function before(a: { page: number; y: number }, b: { page: number; y: number }): boolean {
  return a.page < b.page || (a.page === b.page && a.y < b.y);
}

interface Part {
  grid: Grid;
  headerBands: number;
  labels: string[];
}
interface Group {
  parts: Part[];
  candidates: RoleCandidate[];
  above: Caption | null;
  below: Caption | null;
}

/** A caption this close (points) under a table, or over it, is printed with it. */
const CAPTION_GAP = 45;

/**
 * Label each grid with the role it plays (roles.ts): grids are first joined into tables (a grid
 * opening the next page with no caption of its own, under the same header or none, continues the
 * table broken off before), then each table takes the role its header, rows and caption point at;
 * where two tables claim one role the better evidence wins.
 */
export function locateTables(grids: readonly Grid[], lines: readonly Line[], opts: MapOptions = {}): LocatedGrid[] {
  return locateRoles(grids, lines, opts).located;
}

export function locateRoles(grids: readonly Grid[], lines: readonly Line[], opts: MapOptions = {}): LocateResult {
  const ordered = [...grids].sort((a, b) => a.page - b.page || a.bbox[1] - b.bbox[1]);
  const inTable = (l: Line) =>
    ordered.some(
      (g) => g.page === l.page && l.bbox[1] >= g.bbox[1] - 1 && l.bbox[3] <= g.bbox[3] + 1 && l.bbox[0] < g.bbox[2],
    );
  const captions = findCaptions(lines, inTable);
  const groups: Group[] = [];
  let prevEnd = { page: 0, y: -Infinity };
  for (const grid of ordered) {
    const start = { page: grid.page, y: grid.bbox[1] };
    // captions between the previous grid and this one; the last is the nearest
    const between = captions.filter(
      (c) =>
        before(prevEnd, { page: c.line.page, y: c.line.bbox[1] }) &&
        before({ page: c.line.page, y: c.line.bbox[1] }, start),
    );
    const above = [...between].reverse().find((c) => !c.mention) ?? between[between.length - 1] ?? null;
    const group = groups[groups.length - 1];
    const last = group?.parts[group.parts.length - 1];
    let headerBands = headerBandCount(grid);
    // a grid opening the page after a table broke off: bands under its repeated header (or at its
    // top) whose first cell is empty are the rest of a row the page break cut, not more header
    // (unless the part before is header only: then the break cut the header, and no row yet)
    const headerOnly = !!last && group!.parts.length === 1 && last.headerBands === last.grid.ys.length - 1;
    if ((!above || above.continued) && last && !headerOnly && grid.page === last.grid.page + 1) {
      const repeated = repeatedHeaderBands(grid, last.grid, group!.parts[0]!.headerBands);
      if (repeated < headerBands && range(repeated, headerBands).every((r) => !grid.at(r, 0).text.trim()))
        headerBands = repeated;
    }
    const labels = columnLabels(grid, headerBands);
    prevEnd = { page: grid.page, y: grid.bbox[3] };
    // the page broke inside the header: the rest of it opens this page, under the earlier columns split
    const joined = headerOnly && (!above || above.continued) ? joinSplitHeader(last!, grid, headerBands, labels) : null;
    if (joined) {
      group!.parts = [{ grid, headerBands, labels: joined }];
      group!.candidates = headerCandidates(grid, headerBands, joined, opts);
      continue;
    }
    if (group && last && (!above || above.continued) && continuesGroup(group, last, grid, headerBands, labels, opts)) {
      group.parts.push({ grid, headerBands, labels });
      continue;
    }
    groups.push({
      parts: [{ grid, headerBands, labels }],
      candidates: headerBands > 0 ? headerCandidates(grid, headerBands, labels, opts) : [],
      above,
      below: null,
    });
  }
  attachCaptionsBelow(groups, captions);
  const below = captionsPrintedBelow(ordered, captions, lines);
  const standard = usesStandardNumbering(captions);

  // each table's best role, then one table per role: the best evidence
  const scored = groups.map((g, order) => {
    const caption = below ? (g.below ?? g.above) : g.above;
    const cands = [...g.candidates];
    // a header OCR garbled: the role the caption names, in the template's column layout
    const named =
      caption && !caption.mention ? ((standard ? standardNumber(caption) : null) ?? strongTitleRole(caption)) : null;
    if (named && !cands.some((c) => c.table === named) && g.parts[0]!.headerBands > 0) {
      const byLabel = mapColumns(named, g.parts[0]!.labels, opts);
      // a scale has no fixed layout (its interval column becomes two fields): its rows tell
      const cols =
        named === '2.2'
          ? bandColumnsByContent(g.parts[0]!.grid, g.parts[0]!.headerBands)
          : standardColumns(named, byLabel, standard ? g.parts[0]! : undefined);
      if (cols)
        cands.push({
          table: named,
          columns: cols,
          score: 10,
          byPosition: cols.flatMap((f, i) => (f && !byLabel[i] ? [i] : [])),
        });
    }
    const best =
      cands
        .map((c) => ({ ...c, score: c.score + captionScore(c.table, caption, standard) }))
        .filter((c) => c.score > 0)
        .sort((a, b) => b.score - a.score)[0] ?? null;
    return { g, order, caption, best, named };
  });
  const taken = new Map<TableId, (typeof scored)[number]>();
  for (const s of [...scored]
    .filter((x) => x.best)
    .sort((a, b) => b.best!.score - a.best!.score || a.order - b.order)) {
    if (!taken.has(s.best!.table)) taken.set(s.best!.table, s);
  }
  const out: LocatedGrid[] = [];
  const captionsOut: Partial<Record<TableId, string>> = {};
  const unread: UnreadTable[] = [];
  for (const s of scored) {
    const first = s.g.parts[0]!;
    const unreadOf = (table: TableId, reason: UnreadTable['reason']): UnreadTable => ({
      table,
      page: first.grid.page,
      bbox: first.grid.bbox,
      caption: s.caption?.label ?? null,
      reason,
      labels: first.labels,
    });
    if (!s.best) {
      // a caption naming a role over a table whose columns say nothing we know: not read, said so
      const role = s.caption && !s.caption.mention ? strongTitleRole(s.caption) : null;
      if (role) unread.push(unreadOf(role, 'columns'));
      continue;
    }
    const table = s.best.table;
    if (taken.get(table) !== s) {
      if (s.caption && strongTitleRole(s.caption) === table) unread.push(unreadOf(table, 'duplicate'));
      continue;
    }
    if (s.caption && !s.caption.mention) captionsOut[table] = s.caption.label;
    let prev: LocatedGrid | null = null;
    for (const part of s.g.parts) {
      let columns = prev === null ? s.best.columns : mapColumns(table, part.labels, opts);
      if (prev && !(part.headerBands > 0 && fits(table, columns))) columns = inheritColumns(prev, part.grid);
      if (prev && !columns.length) break;
      const located: LocatedGrid = {
        table,
        grid: part.grid,
        columns,
        headerBands: part.headerBands,
        caption: prev ? null : (s.caption?.line ?? null),
        ...(!prev && s.best.byPosition?.length ? { byPosition: s.best.byPosition } : {}),
      };
      out.push(located);
      prev = located;
    }
  }
  out.sort((a, b) => a.grid.page - b.grid.page || a.grid.bbox[1] - b.grid.bbox[1]);
  const captioned = [
    ...new Set(
      captions
        .filter((c) => !c.mention)
        .map((c) => (standard ? standardNumber(c) : null) ?? strongTitleRole(c))
        .filter((r): r is TableId => r !== null),
    ),
  ];
  return { located: out, captions: captionsOut, unread, captioned };
}

function strongTitleRole(c: Caption): TableId | null {
  const r = titleRole(c.title);
  return r?.strong && r.role !== 'other' ? r.role : null;
}

/** The caption right under each table's last part, if one is printed there. */
function attachCaptionsBelow(groups: Group[], captions: readonly Caption[]): void {
  groups.forEach((g, i) => {
    const end = g.parts[g.parts.length - 1]!.grid;
    const next = groups[i + 1]?.parts[0]?.grid;
    g.below =
      captions.find(
        (c) =>
          !c.mention &&
          c.line.page === end.page &&
          c.line.bbox[1] >= end.bbox[3] - 2 &&
          c.line.bbox[1] - end.bbox[3] <= CAPTION_GAP &&
          (!next || before({ page: c.line.page, y: c.line.bbox[1] }, { page: next.page, y: next.bbox[1] })),
      ) ?? null;
  });
}

/**
 * Whether the document prints its captions under its tables. A caption under a table follows it
 * with no text between; one over a table is followed by it, at most its title lines between. A
 * caption between two tables fits both and does not vote; the first and last tables of a
 * document, and those set apart by paragraphs, decide.
 */
function captionsPrintedBelow(grids: readonly Grid[], captions: readonly Caption[], lines: readonly Line[]): boolean {
  let over = 0,
    under = 0;
  const free = (l: Line) =>
    !grids.some((g) => g.page === l.page && l.bbox[1] >= g.bbox[1] - 1 && l.bbox[3] <= g.bbox[3] + 1);
  const between = (page: number, top: number, bottom: number) =>
    lines.filter((l) => l.page === page && l.bbox[1] > top && l.bbox[3] < bottom && free(l)).length;
  for (const c of captions) {
    if (c.mention) continue;
    const { page } = c.line;
    const prev = grids
      .filter((g) => g.page === page && g.bbox[3] <= c.line.bbox[1] + 2)
      .sort((a, b) => b.bbox[3] - a.bbox[3])[0];
    const next = grids
      .filter((g) => g.page === page && g.bbox[1] >= c.line.bbox[3] - 2)
      .sort((a, b) => a.bbox[1] - b.bbox[1])[0];
    const hugsAbove =
      !!prev && between(page, prev.bbox[3], c.line.bbox[1]) === 0 && c.line.bbox[1] - prev.bbox[3] <= CAPTION_GAP;
    const hugsBelow = !!next && between(page, c.line.bbox[3], next.bbox[1]) <= 2;
    if (hugsAbove && !hugsBelow) under++;
    else if (hugsBelow && !hugsAbove) over++;
  }
  return under > over;
}

const bestCandidate = (cands: readonly RoleCandidate[]) =>
  cands.reduce<RoleCandidate | null>((b, c) => (!b || c.score > b.score ? c : b), null);

/**
 * A grid opening the next page continues a table when it repeats its header (or a header its role
 * reads the same), or has no header and its columns line up with the part before.
 */
function continuesGroup(
  group: Group,
  last: Part,
  grid: Grid,
  headerBands: number,
  labels: readonly string[],
  opts: MapOptions,
): boolean {
  if (grid.page !== last.grid.page + 1) return false;
  if (labels.some(Boolean)) {
    const head = group.parts[0]!.labels;
    if (head.length === labels.length && head.every((l, i) => similarLabel(l, labels[i]!))) return true;
    // the header repeated on this page, garbled past one label's tolerance (`lealisasi ([f0)` on a
    // streaked scan) but alike band by band, over the same column edges: the same table
    const n = group.parts[0]!.headerBands;
    if (n > 0 && headerBands === n && repeatedHeaderBands(grid, last.grid, n) === n && edgesLineUp(last.grid, grid))
      return true;
    // a header that reads as another of our tables better than as this one opens that table (a
    // caption OCR lost between them must not join Tabel 2.4 to the 2.3 before it)
    const own = bestCandidate(headerCandidates(grid, headerBands, labels, opts));
    const role = bestCandidate(group.candidates);
    if (own && role && own.table !== role.table) return false;
    return group.candidates.some((c) => fits(c.table, mapColumns(c.table, labels, opts)));
  }
  return edgesLineUp(last.grid, grid);
}

const foldLabel = (s: string) => s.toLowerCase().replace(/\s+/g, '');
function similarLabel(a: string, b: string): boolean {
  const x = foldLabel(a),
    y = foldLabel(b);
  return editDistance(x, y) <= Math.max(2, 0.2 * Math.max(x.length, y.length));
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
const bandText = (grid: Grid, r: number) =>
  bandCells(grid, r)
    .map((cell) => cell.text)
    .join('|')
    .toLowerCase()
    .replace(/\s+/g, '');

/**
 * How many bands at the top of `grid` repeat the header of the table part before it (browsers and
 * word processors repeat a table's header on each page): all of them, read alike up to OCR slips, or 0.
 */
function repeatedHeaderBands(grid: Grid, prevGrid: Grid, n: number): number {
  if (n === 0 || grid.ys.length - 1 < n) return 0;
  for (let r = 0; r < n; r++) {
    const a = bandText(grid, r),
      b = bandText(prevGrid, r);
    if (editDistance(a, b) > Math.max(2, 0.2 * Math.max(a.length, b.length))) return 0;
  }
  return n;
}

/**
 * The columns of a table as the SAKIP template prints them, left to right (columns.ts). Not for
 * 2.2, whose interval column becomes two fields.
 */
const standardLayout = (table: TableId): readonly ColumnField[] | null => (table === '2.2' ? null : CANONICAL[table]);

/**
 * The standard layout for a captioned grid whose header did not map every required column: only
 * when it has the standard number of columns (one more for a trailing `Ket`) and every column its
 * header did map is where the standard puts it. null otherwise.
 */
function standardColumns(
  table: TableId,
  mapped: readonly (ColumnField | null)[],
  content?: { grid: Grid; headerBands: number },
): (ColumnField | null)[] | null {
  const std = standardLayout(table);
  if (!std || (mapped.length !== std.length && mapped.length !== std.length + 1)) return null;
  // a label read half (`Pagu` over a garbled `Realisasi (Rp)`) may repeat a field that its own
  // column holds: that copy is no contradiction
  // the trailing column (`Ket`, `Keterangan`) holds what its header says
  const agrees = (f: ColumnField | null, i: number) =>
    f === null || i >= std.length || f === (std[i] ?? null) || (std.includes(f) && mapped[std.indexOf(f)] === f);
  if (!mapped.every(agrees)) return null;
  // most of the header must have been read: a grid with one stray column label is not this table;
  // or, with a header a stamp or blur garbled, its rows must hold what the columns do
  const layout = mapped.map((f, i) => std[i] ?? (f && !std.includes(f) ? f : null));
  const read = mapped.filter((f, i) => f !== null && f === std[i]).length;
  if (read < Math.ceil(std.length / 2) && !(content && rowsFit(content.grid, content.headerBands, layout))) return null;
  return layout;
}

/** Share of a column's filled cells that must hold what it should (a figure, or words). */
const FIT_SHARE = 0.75;

/**
 * The grid's data rows hold what `layout` puts in their columns: two rows or more labelled like
 * rows, every figure column filled with figures in most of them, every text column with words.
 */
function rowsFit(grid: Grid, headerBands: number, layout: readonly (ColumnField | null)[]): boolean {
  const bands = range(headerBands, grid.ys.length - 1).filter(
    (r) => !isNumberingBand(grid, r) && grid.at(r, 0).r0 === r && isRowLabel(grid.at(r, 0).text),
  );
  if (bands.length < 2) return false;
  return layout.every((f, c) => {
    if (!f || f === 'no' || c >= grid.xs.length - 1) return true;
    const texts = bands.map((r) => grid.at(r, c).text.trim()).filter(Boolean);
    if (texts.length < bands.length / 2) return false;
    const ok = texts.filter((t) =>
      FIGURE_FIELDS.has(f) ? /\d/.test(t) && !/\p{L}{4,}\s+\p{L}{4,}/u.test(t) : /\p{L}{3,}/u.test(t),
    );
    return ok.length >= FIT_SHARE * texts.length;
  });
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
  const idx = edgeIndex(prev.grid, grid);
  return idx ? idx.slice(0, -1).map((i) => prev.columns[i] ?? null) : [];
}

/** For each column edge of `grid`, the edge of `prev` it lines up with (from the left border); null when one does not. */
function edgeIndex(prev: Grid, grid: Grid): number[] | null {
  const dx = grid.xs[0]! - prev.xs[0]!;
  const at = (x: number) => prev.xs.findIndex((p) => Math.abs(p - (x - dx)) <= EDGE_TOLERANCE);
  const idx = grid.xs.map(at);
  if (idx.some((i) => i < 0) || idx[0] !== 0 || idx[idx.length - 1] !== prev.xs.length - 1) return null;
  return idx;
}

/**
 * A table whose header the page break cut: the earlier part is header only (ending its page), and
 * this page's grid opens with more header under columns that split the earlier ones (`Pagu` over
 * `Anggaran | Realisasi`). Each column's label is the earlier label above it, then its own, as one
 * header on one page would read; null when the parts are not so.
 */
function joinSplitHeader(last: Part, grid: Grid, headerBands: number, labels: readonly string[]): string[] | null {
  const top = last.grid;
  if (grid.page !== top.page + 1 || headerBands === 0) return null;
  if (grid.xs.length <= top.xs.length) return null;
  // every earlier column edge is one of this grid's edges
  const idx = edgeIndex(grid, top);
  if (!idx) return null;
  return labels.map((own, c) => {
    const above = idx.findIndex((j, i) => i + 1 < idx.length && j <= c && c < idx[i + 1]!);
    return [last.labels[above] ?? '', own].join(' ').trim();
  });
}

function edgesLineUp(prev: Grid, grid: Grid): boolean {
  return grid.xs.length === prev.xs.length || edgeIndex(prev, grid) !== null;
}
