import { TABLE_IDS, TABLES, byTable, fieldKind, type TableId } from '../model/contract.js';
import type { TableHeader, UnmappedColumn } from '../model/analysis.js';
import type { ExtractedTables } from '../model/extracted.js';
import type { Line, PageContent, Word } from '../model/word.js';
import { findGrids, gridContains, type Grid } from './grid.js';
import { findOpenGrids } from './open-grid.js';
import { splitAtRules } from './split-words.js';
import { locateRoles, type UnreadTable } from './locate.js';
import { columnLabels, dataRows, programText, type RawRow } from './rows.js';
import { toRecord } from './records.js';
import type { MapOptions } from './columns.js';
import { addEvidence, styleEvidence, styleOf, type NumberStyle } from '../parse/number-style.js';
import { reconcileTexts } from './reconcile-text.js';
import { reconcileSeparators } from './reconcile-numbers.js';
import { narrativeVocabulary, respellFromNarrative } from './respell.js';
import { withStandardWords } from './standard-words.js';

export type { TableHeader, UnmappedColumn };

export interface TablesResult {
  tables: ExtractedTables;
  /** each table's header bands, per page it has them: a reviewer's evidence shows the column's name */
  headers: Record<TableId, TableHeader[]>;
  /** every grid on every page, labelled or not: their words are not narrative */
  grids: Grid[];
  missing: TableId[];
  /** each role's caption as printed (`Tabel 3.2`) */
  captions: Partial<Record<TableId, string>>;
  /** tables that point at a role and could not be read as it */
  unread: UnreadTable[];
  /** columns of a role's table whose header says nothing known: their cells are not read */
  unmappedColumns: UnmappedColumn[];
  /** the number style each table was read with (the document's) */
  styles: Partial<Record<TableId, NumberStyle>>;
  /** missing tables a caption names and no other finding explains: their grid was not read (extraction doubt X1, not an absent table) */
  unreadCaptioned: TableId[];
}

export interface TablesOptions extends MapOptions {
  /** a profile's number style, over what the cells show */
  numberStyle?: 'id' | 'en';
}

const PROFILE_STYLES: Record<'id' | 'en', NumberStyle> = {
  id: { dot: 'thousands', comma: 'decimal' },
  en: { dot: 'decimal', comma: 'thousands' },
};

/**
 * Tabel 2.1–2.5 from pages of words and ruling lines: grids found per page, labelled by caption
 * and header, their data rows joined across page breaks, then typed.
 */
export function extractTables(
  pages: readonly PageContent[],
  lines: readonly Line[],
  opts: TablesOptions = {},
): TablesResult {
  const grids = pages.flatMap((p) => {
    const words = splitAtRules(p.words, p.segments);
    const ruled = findGrids(p.page, p.segments, words);
    // tables ruled with horizontal lines only: read as grids too
    return [...ruled, ...findOpenGrids(p.page, p.segments, words, ruled)].sort((a, b) => a.bbox[1] - b.bbox[1]);
  });
  const { located, captions, unread, captioned } = locateRoles(grids, lines, opts);
  const raw = byTable((): RawRow[] => []);
  const unmappedColumns: UnmappedColumn[] = [];
  const headers = byTable((): TableHeader[] => []);
  for (const lg of located) {
    const { grid, headerBands: n } = lg;
    if (n > 0)
      headers[lg.table].push({
        page: grid.page,
        bbox: [grid.xs[0]!, grid.ys[0]!, grid.xs[grid.xs.length - 1]!, grid.ys[n]!],
      });
    const list = raw[lg.table];
    raw[lg.table].push(...dataRows(lg.grid, lg.headerBands, lg.columns, list[list.length - 1] ?? null));
    if (lg.headerBands > 0)
      unmappedColumns.push(...unmapped(lg.table, lg.grid, lg.headerBands, lg.columns, lg.byPosition ?? []));
  }
  for (const id of TABLE_IDS) repairFirstLabel(raw[id]);
  // flat tables count 1, 2, 3…; the budget numbers programs and their kegiatan (1, 1.1, 1.2)
  for (const id of TABLE_IDS) {
    if (TABLES[id].labels === 'flat') repairLabelCount(raw[id]);
    else repairKegiatanLabels(raw[id]);
  }
  const styles = opts.numberStyle ? byTable(() => PROFILE_STYLES[opts.numberStyle!]) : numberStyles(raw);
  const tables: ExtractedTables = byTable((id) => raw[id].map((r) => toRecord(id, r, styles[id])));
  reconcileTexts(tables);
  reconcileSeparators(tables);
  respellFromNarrative(tables, withStandardWords(narrativeVocabulary(outsideGrids(pages, grids))));
  const missing = TABLE_IDS.filter((id) => tables[id].length === 0);
  return {
    tables,
    headers,
    grids,
    missing,
    captions,
    unread,
    unmappedColumns,
    styles,
    unreadCaptioned: missing.filter((id) => captioned.includes(id) && !unread.some((u) => u.table === id)),
  };
}

/**
 * The document's number style, from the numeric cells of all its tables (a table of whole
 * percentages shows none of its own). A separator the document uses both ways (`749.930.215`
 * beside `93.6`) stays undecided everywhere: the author has shown a lone `1.500` may be either.
 */
function numberStyles(raw: Record<TableId, RawRow[]>): Record<TableId, NumberStyle> {
  let evidence = styleEvidence([]);
  for (const id of TABLE_IDS) {
    if (id === '2.2') continue; // bands (`> 90% - 100%`) are no number style
    evidence = addEvidence(
      evidence,
      styleEvidence(
        raw[id].flatMap((r) =>
          Object.entries(r.cells)
            .filter(([f]) => fieldKind(id, f) !== 'text')
            .map(([, c]) => c!.text),
        ),
      ),
    );
  }
  const doc = styleOf(evidence);
  return byTable(() => doc);
}

/**
 * The columns of a located grid that map to nothing although their header prints something, and
 * those read by their place in the template's layout although the text layer printed a header
 * nobody understood (an OCR-garbled header is expected there, not reported).
 */
function unmapped(
  table: TableId,
  grid: Grid,
  headerBands: number,
  columns: readonly (string | null)[],
  byPosition: readonly number[],
): UnmappedColumn[] {
  const labels = columnLabels(grid, headerBands);
  const out: UnmappedColumn[] = [];
  const bbox = (c: number): Grid['bbox'] => [grid.xs[c]!, grid.ys[0]!, grid.xs[c + 1]!, grid.ys[headerBands]!];
  for (const c of byPosition) {
    const label = (labels[c] ?? '').replace(/\s+/g, ' ').trim();
    const printed = range(headerBands).some((r) => grid.at(r, c).words.some((w) => w.source === 'text'));
    if (label && printed) out.push({ table, label, reason: 'position', page: grid.page, bbox: bbox(c) });
  }
  columns.forEach((f, c) => {
    const label = (labels[c] ?? '').replace(/\s+/g, ' ').trim();
    // a column-number label (`(7)`) or a merged cell's stray mark is no header
    if (f || !/\p{L}{2,}/u.test(label)) return;
    // a grid narrower than its header: a merged label over columns mapped on either side
    if (c > 0 && labels[c - 1] === labels[c] && columns[c - 1]) return;
    out.push({ table, label, reason: 'unknown', page: grid.page, bbox: bbox(c) });
  });
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * A first row labelled `I` (or `l`, `|`) followed by `2` or `1.1` is row `1`: OCR reads a serif `1`
 * as a capital I, which would otherwise pass for a Roman numeral.
 */
export function repairFirstLabel(rows: RawRow[]): void {
  for (let i = 0; i + 1 < rows.length; i++) {
    if (
      /^[Il|]\.?$/.test(rows[i]!.no) &&
      /^(2|1\.1)$/.test(rows[i + 1]!.no) &&
      (i === 0 || !/^\d/.test(rows[i - 1]!.no))
    )
      rows[i]!.no = '1';
  }
}

/**
 * Rows of a flat table are numbered 1, 2, 3…: an OCR'd label that breaks the count where the rows
 * around it keep it (`1, 7, 3`: a 2 read as 7 on a 1-bit scan; or the last row) is the number
 * its place calls for. Only one-level numbers are touched, and only labels read by OCR.
 */
export function repairLabelCount(rows: RawRow[]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const expected = String(i + 1);
    if (!row.labelFromOcr || row.no === expected || !/^\d{1,2}$/.test(row.no)) continue;
    // the rows before must have kept the count, and the next one (if any) must follow the expected label
    if (rows.slice(0, i).some((r, j) => r.no !== String(j + 1))) return;
    const next = rows[i + 1]?.no;
    if (next === undefined || next === String(i + 2) || !/^\d/.test(next)) row.no = expected;
  }
}

/** `row` is a kegiatan (its uraian no program name) right under a program row. */
const underProgram = (above: RawRow, row: RawRow) =>
  programText(above.cells.uraian?.text ?? '') && !programText(row.cells.uraian?.text ?? '');

/**
 * A kegiatan label whose dot OCR lost (`1.1` read `11`): a two-digit label right after program
 * `1` or kegiatan `1.1` that continues that numbering is `1.2`, not program 11; a kegiatan read
 * `1` right under program `1` is `1.1`. Only labels that fit the sequence are touched; a report
 * with eleven programs keeps its `11`.
 */
export function repairKegiatanLabels(rows: RawRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!,
      above = rows[i - 1]!;
    // a kegiatan repeating its program's number right under it (`1`, `1`: the `.1` lost) is the
    // program's first kegiatan; a program is never printed twice
    if (row.labelFromOcr && /^\d+$/.test(row.no) && row.no === above.no && underProgram(above, row)) {
      row.no = `${row.no}.1`;
      continue;
    }
    // `4` after kegiatan `1.3`, naming a kegiatan, not a program: `1.4` with its `1.` lost (a
    // program `4` cannot follow program 1; a `2` there stays for the check below)
    const dotted = /^(\d+)\.(\d+)$/.exec(above.no);
    if (
      dotted &&
      row.labelFromOcr &&
      /^\d+$/.test(row.no) &&
      Number(row.no) === Number(dotted[2]) + 1 &&
      Number(row.no) !== Number(dotted[1]) + 1 &&
      row.cells.uraian?.text &&
      !programText(row.cells.uraian.text)
    ) {
      row.no = `${dotted[1]}.${row.no}`;
      continue;
    }
    const m = /^(\d)(\d)$/.exec(row.no);
    if (!m) continue;
    const [p, k] = [m[1]!, Number(m[2])];
    if ((k === 1 && above.no === p) || above.no === `${p}.${k - 1}`) row.no = `${p}.${k}`;
    // a kegiatan right under its program is that program's first, whatever OCR made of the `.1`
    // (`24` under program 2: the dot lost, the `1` read `4`)
    else if (above.no === p && row.labelFromOcr && underProgram(above, row)) row.no = `${p}.1`;
  }
  // a program label between its program's kegiatan (`1`, `2`, `1.2`: `1.1` read as `2`) cannot be
  // a program: a kegiatan of program 1 never follows program 2. It is the kegiatan the
  // numbering calls for.
  for (let i = 1; i + 1 < rows.length; i++) {
    const label = rows[i]!.no,
      prev = rows[i - 1]!.no;
    const next = /^(\d+)\.(\d+)$/.exec(rows[i + 1]!.no);
    if (!/^\d+$/.test(label) || !next) continue;
    const [p, k] = [next[1]!, Number(next[2])];
    if (p === label || k < 2) continue;
    if (prev === p ? k === 2 : prev === `${p}.${k - 2}`) rows[i]!.no = `${p}.${k - 1}`;
  }
  // a program's first kegiatan `P.1` names its program: an OCR'd program label above it that is not
  // `P` (`14` for `1` with a pen stroke beside it) is `P` when it also follows the row before it
  for (let i = 0; i + 1 < rows.length; i++) {
    const row = rows[i]!;
    const next = /^(\d+)\.1$/.exec(rows[i + 1]!.no);
    if (!next || !row.labelFromOcr || !/^\d+$/.test(row.no) || row.no === next[1]) continue;
    const p = Number(next[1]);
    const prev = rows[i - 1]?.no;
    const follows = prev === undefined ? p === 1 : prev === String(p - 1) || prev.startsWith(`${p - 1}.`);
    if (follows) row.no = next[1]!;
  }
}

/** The words of the pages outside every table grid: the narrative, captions, signature blocks. */
function outsideGrids(pages: readonly PageContent[], grids: readonly Grid[]): Word[] {
  return pages.flatMap((p) => {
    const here = grids.filter((g) => g.page === p.page);
    return p.words.filter((w) => !here.some((g) => gridContains(g, w)));
  });
}
