import type { BBox, Word } from '../model/word.js';
import type { Grid, GridCell } from './grid.js';
import { FIGURE_FIELDS, type ColumnField } from './columns.js';
import { unionBBox } from '../model/lines.js';
import { editDistance } from '../parse/edit-distance.js';

/** Row labels as printed: 1, 1., 1.1, 2.3.1, budget codes (4.01.05.1.01.001), a., I, JUMLAH, TOTAL. */
const ROW_LABEL = /^(\d{1,2}(\.\d{1,3}){0,6}\.?|[a-z]\.|[ivx]{1,4}\.?|jumlah(\s+total)?|total|sub\s*total)$/i;

export function isRowLabel(text: string): boolean {
  return ROW_LABEL.test(normalizeLabel(text));
}

/**
 * A row label as printed, with OCR's slips on the total row mended: `JUMLAN`, `JUMIAH`, `TOTA1`,
 * `J/UMLAH` are JUMLAH and TOTAL (the letters differ by at most two from the word).
 */
export function normalizeLabel(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const letters = t.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  if (letters.length >= 4 && letters.length <= 8 && !/^\d+$/.test(letters)) {
    // also the word itself with a stray mark in it (`J/UMLAH`: the merged cell's rule read as `/`)
    for (const word of ['JUMLAH', 'TOTAL'])
      if (editDistance(letters, word) <= 2 && !/^(jumlah|total)$/i.test(t)) return word;
  }
  return t;
}

/** The distinct cells of band r, left to right (a merged cell once). */
export function bandCells(grid: Grid, r: number): GridCell[] {
  const out: GridCell[] = [];
  for (let c = 0; c < grid.xs.length - 1; c++) {
    const cell = grid.at(r, c);
    if (!out.includes(cell)) out.push(cell);
  }
  return out;
}

/**
 * The `1 2 3 4 …` row under a header (also `6 = 4/5` style formulas): the cells count up by one
 * from the left. OCR may drop or garble one of them (`|` for `1`), so most cells — not all — must
 * fit, each where its column says it should be, and no cell may hold a real word.
 */
export function isNumberingBand(grid: Grid, r: number): boolean {
  const cells = bandCells(grid, r);
  const texts = cells.map((c) => c.text.trim());
  if (texts.filter(Boolean).length < 3) return false;
  const worded = texts.filter((t) => /[A-Za-z]{3,}/.test(t) && !/=/.test(t)).length;
  if (worded > 1) return false;
  let fit = 0;
  cells.forEach((c, i) => {
    // a stray mark after the figure (`4,` on a skewed scan, `3 [£` by a stamp) leaves it in place
    const m = /^\(?(\d{1,2})[.,:;)]*(\s*=.*|\s+[^\p{L}\d\s]{1,3})?$/u.exec(texts[i]!);
    if (m && (Number(m[1]) === i + 1 || Number(m[1]) === c.c0 + 1)) fit++;
  });
  // one cell a stamp made letters of (`1 2 3 [£ ANN 5 6 /`) when five or more figures count in place
  if (fit >= Math.max(worded ? 5 : 3, Math.ceil(0.7 * cells.length))) return true;
  if (worded) return false;
  // on a streaked or blurred scan more of the small figures garble (`- 2 3 ad 5 6 /`): still no
  // data row, whose text columns hold words, when every cell is a mark of three characters at
  // most and at least half of them (four or more) count in place
  if (fit >= 4 && fit >= 0.5 * cells.length && texts.every((t) => t.length <= 3 && !/[A-Za-z]{3}/.test(t))) return true;
  // the numbers count up one by one from the left, whatever cells they sit in (merged header
  // cells above, a column left unnumbered): `1 2 3 4 5 6` under seven columns is no data row
  const numbers = texts.filter(Boolean).map((t) => /^\(?(\d{1,2})\)?(\s*=.*)?$/.exec(t)?.[1]);
  if (numbers.length < 4 || numbers.some((n) => n === undefined) || numbers.length < 0.6 * cells.length) return false;
  return Number(numbers[0]) <= 2 && numbers.every((n, i) => i === 0 || Number(n) === Number(numbers[i - 1]) + 1);
}

/** The label of `1.2 d`, `| 3`: one row label among tokens of two characters at most and no word; else null. */
export function labelWithGarble(text: string): string | null {
  const tokens = text.split(' ').filter(Boolean);
  const labels = tokens.filter(isRowLabel);
  if (labels.length !== 1 || tokens.length < 2) return null;
  return tokens.every((t) => t === labels[0] || (t.length <= 2 && !/\p{L}{2}/u.test(t))) ? labels[0]! : null;
}

/**
 * A first cell OCR could not read as a label: empty, or a mark of one or two characters with no
 * word in it (`|` for a thin `1` at low resolution, `.`, `'`). Never `No`, a header word.
 */
export function unreadableLabel(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return !isRowLabel(t) && t.length <= 2 && !/[A-Za-z]{2}/.test(t);
}

/** A cell holding a number as data prints it (`100 %`, `27.500.000`, `72,5`, `12 Kegiatan`), not a header's year. */
function holdsDataNumber(text: string): boolean {
  return (text.match(/(?<![\w.,])\d[\d.,]*(?![\w])/g) ?? []).some((n) => !/^(19|20)\d\d$/.test(n));
}

/**
 * Bands above the first data row are header bands. A data row starts its own first cell and has a
 * row label there; when OCR garbled that label (a thin `1` read `|` on a low-resolution scan) a
 * band below the header whose other cells hold numbers is data all the same: taking it for more
 * header lost the table's first row (or, with the second label garbled too, the whole table).
 */
export function headerBandCount(grid: Grid): number {
  const R = grid.ys.length - 1;
  for (let r = 0; r < R; r++) {
    // the column-number row closes the header: what follows is data even if its label misread
    if (isNumberingBand(grid, r)) return r + 1;
    const first = grid.at(r, 0);
    if (first.r0 !== r) continue;
    if (isRowLabel(first.text)) return r;
    // a data row also holds words (a sasaran, a kegiatan, a kriteria): the column-number row,
    // its own numbers misread (a stamped `4` read `NAN`), does not
    const rest = bandCells(grid, r)
      .slice(1)
      .filter((c) => c.r0 === r);
    if (
      r > 0 &&
      unreadableLabel(first.text) &&
      rest.some((c) => holdsDataNumber(c.text)) &&
      rest.some((c) => /[A-Za-z]{4,}/.test(c.text))
    )
      return r;
  }
  return R;
}

/** Each base column's label: the header cells above it, top to bottom, numbering row left out. */
export function columnLabels(grid: Grid, headerBands: number): string[] {
  const C = grid.xs.length - 1;
  const labels: string[] = [];
  for (let c = 0; c < C; c++) {
    const parts: GridCell[] = [];
    for (let r = 0; r < headerBands; r++) {
      if (isNumberingBand(grid, r)) continue;
      const cell = grid.at(r, c);
      if (!parts.includes(cell)) parts.push(cell);
    }
    labels.push(
      parts
        .map((p) => p.text)
        .join(' ')
        .trim(),
    );
  }
  return labels;
}

/** One cell of a data row as read: its text, words and where it sits. */
export interface RawCell {
  text: string;
  words: Word[];
  bbox: BBox;
  conf: number;
  page: number;
}

export interface RawRow {
  no: string;
  page: number;
  bbox: BBox;
  cells: Partial<Record<ColumnField, RawCell>>;
  /** the label was read by OCR (a slip is possible), not taken from a text layer */
  labelFromOcr?: boolean;
  /** the label's cell is merged across the Uraian column too (a JUMLAH row): its text is the label */
  labelInUraian?: boolean;
}

/**
 * Data rows of a located grid. A band whose first cell is empty continues the row above (its text
 * wrapped past a page or row border); a band sharing its first cell with the band above (a merged
 * `No`) adds to that row too.
 */
export function dataRows(
  grid: Grid,
  headerBands: number,
  columns: readonly (ColumnField | null)[],
  prev: RawRow | null,
): RawRow[] {
  const R = grid.ys.length - 1;
  const rows: RawRow[] = [];
  let last: RawRow | null = prev;
  for (let r = headerBands; r < R; r++) {
    if (isNumberingBand(grid, r)) continue;
    const cells = new Map<ColumnField, GridCell[]>();
    for (let c = 0; c < columns.length; c++) {
      const f = columns[c];
      if (!f) continue;
      const cell = grid.at(r, c);
      const list = cells.get(f) ?? [];
      if (!list.includes(cell)) list.push(cell);
      cells.set(f, list);
    }
    const noCell = grid.at(r, 0);
    let label = normalizeLabel(noCell.text);
    // a label with a pen's or a stamp's stroke read beside it (`1.2 d`: a ring round the next
    // cell's word reaching into this one) is the label
    if (!isRowLabel(label) && noCell.words.some((w) => w.source === 'ocr')) label = labelWithGarble(label) ?? label;
    // in a budget outline a kegiatan band right under its program row is that program's first
    // kegiatan (`a1` read from `1.1` under program 1 is `1.1`, not program 2)
    const underProgramRow = !!last && /^\d+$/.test(last.no) && programText(last.cells.uraian?.text ?? '');
    const kegiatan = columns.includes('uraian') && !programRow(grid, r, columns) && underProgramRow;
    const next = (prev: string) => (kegiatan ? `${prev}.1` : nextLabel(prev, programRow(grid, r, columns)));
    // an empty label over a band with numbers of its own is a row whose label was not read (OCR)
    // or not printed: it follows the row above. A band holding only more text continues that row.
    if (label === '' && noCell.r0 === r && last && hasOwnNumbers(grid, r, columns)) label = next(last.no);
    // the table's first row, its label unreadable (`|`, empty), over numbers of its own: row 1
    if (!last && unreadableLabel(label) && noCell.r0 === r && hasOwnNumbers(grid, r, columns)) label = '1';
    // a short unreadable label (`a` read from a 4) over a band with numbers of its own: the next one
    if (
      !isRowLabel(label) &&
      label.length <= 3 &&
      noCell.r0 === r &&
      last &&
      hasOwnNumbers(grid, r, columns) &&
      noCell.words.some((w) => w.source === 'ocr')
    )
      label = next(last.no);
    // a doubtful label that breaks the count (`0` after `4`, read from a 5) is the next one; not in
    // a budget outline, where `12` may be kegiatan `1.2` whose dot was lost and `2` the next program
    if (
      noCell.conf < 60 &&
      last &&
      !columns.includes('uraian') &&
      /^\d+$/.test(label) &&
      /^\d+$/.test(last.no) &&
      label !== next(last.no)
    )
      label = next(last.no);
    // the budget's last band, its label cell merged across No and Uraian over amounts of its own,
    // is its total whatever OCR made of the word (`JNUMILAIE!` on a JPEG-blotched scan)
    if (
      !isRowLabel(label) &&
      last &&
      r === R - 1 &&
      columns.includes('uraian') &&
      noCell.r0 === r &&
      grid.at(r, 1) === noCell &&
      hasOwnNumbers(grid, r, columns) &&
      noCell.words.some((w) => w.source === 'ocr') &&
      !/rata/i.test(label)
    )
      label = 'JUMLAH';
    const continuesAbove = noCell.r0 < r || label === '';
    const bandBox: BBox = [grid.xs[0]!, grid.ys[r]!, grid.xs[grid.xs.length - 1]!, grid.ys[r + 1]!];
    if (continuesAbove) {
      if (!last) continue; // stray band before any row
      for (const [f, list] of cells) {
        const own = list.filter((cell) => cell.r0 === r && cell.text);
        if (!own.length) continue;
        last.cells[f] = mergeCell(last.cells[f], toRaw(own, grid.page));
      }
      if (last.page === grid.page) last.bbox = unionBBox([last.bbox, bandBox]);
      continue;
    }
    if (!isRowLabel(label)) continue; // a repeated header or a note inside the grid
    const row: RawRow = {
      no: label.replace(/\.$/, ''),
      page: grid.page,
      bbox: bandBox,
      cells: {},
      labelFromOcr: noCell.words.some((w) => w.source === 'ocr') || !noCell.words.length,
      ...(columns.includes('uraian') && grid.at(r, columns.indexOf('uraian')) === noCell
        ? { labelInUraian: true }
        : {}),
    };
    for (const [f, list] of cells) if (f !== 'no') row.cells[f] = toRaw(list, grid.page);
    // JUMLAH printed across No and Uraian
    rows.push(row);
    last = row;
  }
  return rows;
}

const NUMERIC_FIELDS = new Set<ColumnField>([...FIGURE_FIELDS, 'interval']);

function hasOwnNumbers(grid: Grid, r: number, columns: readonly (ColumnField | null)[]): boolean {
  return columns.some((f, c) => f && NUMERIC_FIELDS.has(f) && grid.at(r, c).r0 === r && /\d/.test(grid.at(r, c).text));
}

/** The label after `1` is `2`, after `1.2` is `1.3`; after `1.2`, a program's row is `2`. */
function nextLabel(prev: string, program = false): string {
  if (program && /^\d+\.\d/.test(prev)) return String(Number(prev.split('.')[0]) + 1);
  const m = /^(.*?)(\d+)$/.exec(prev);
  return m ? `${m[1]}${Number(m[2]) + 1}` : '';
}

/** A budget row naming a program (`PROGRAM PENYELENGGARAAN …`, in capitals), not a kegiatan. */
function programRow(grid: Grid, r: number, columns: readonly (ColumnField | null)[]): boolean {
  const c = columns.indexOf('uraian');
  return c >= 0 && programText(grid.at(r, c).text);
}

/** A budget label naming a program: it starts `PROGRAM`, or is mostly capitals. */
export function programText(raw: string): boolean {
  const text = raw.trim();
  const letters = text.replace(/[^A-Za-z]/g, '');
  return (
    /^program\b/i.test(text) || (letters.length >= 12 && letters.replace(/[^A-Z]/g, '').length >= 0.8 * letters.length)
  );
}

function toRaw(list: GridCell[], page: number): RawCell {
  const words = list.flatMap((c) => c.words);
  return {
    text: list
      .map((c) => c.text)
      .filter(Boolean)
      .join(' '),
    words,
    bbox: unionBBox(list.map((c) => c.bbox)),
    conf: words.length ? Math.min(...words.map((w) => w.conf)) : 100,
    page,
  };
}

function mergeCell(a: RawCell | undefined, b: RawCell): RawCell {
  if (!a?.text) return b;
  return {
    text: `${a.text} ${b.text}`.trim(),
    words: [...a.words, ...b.words],
    bbox: a.page === b.page ? unionBBox([a.bbox, b.bbox]) : a.bbox,
    conf: Math.min(a.conf, b.conf),
    page: a.page,
  };
}
