import type { BBox, PageContent, Word } from '../model/word.js';
import type { ExtractedTables, Field } from '../model/extracted.js';
import type { TableId } from '../model/contract.js';
import { parseNumber } from '../parse/numbers.js';
import { cellCrop } from './cell-crop.js';
import { scaleGray } from '../raster/gray.js';
import type { OcrPage } from './read-page.js';
import type { OcrPools } from './shared-pool.js';

/** Confidence given to a value two independent reads agree on. */
export const AGREED_CONF = 95;
/** Confidence given to a value the re-read contradicts: a failed rule on it is `uncertain`. */
export const DISPUTED_CONF = 40;

const WHITELIST: Record<string, string> = {
  money: '0123456789.,Rp ',
  pct: '0123456789.,% ',
  number: '0123456789.,% ',
};

export interface CellRef {
  table: TableId;
  row: string;
  field: string;
  f: Field;
}

export interface RereadOutcome extends CellRef {
  first: string;
  second: string;
  agreed: boolean;
}

export const cellKey = (c: CellRef) => `${c.f.page}|${c.f.bbox.map((v) => v.toFixed(1)).join(',')}`;

/** Numeric cells of scanned pages that read doubtfully or did not parse. */
export function doubtfulCells(tables: ExtractedTables, scans: ReadonlyMap<number, OcrPage>, minConf: number): CellRef[] {
  return numericCells(tables, scans, Object.keys(tables) as TableId[]).filter((c) => c.f.raw && (c.f.conf < minConf || !c.f.parsed));
}

/** Every numeric cell of the given tables that lies on a scanned page. */
export function numericCells(tables: ExtractedTables, scans: ReadonlyMap<number, OcrPage>, ids: readonly TableId[]): CellRef[] {
  const out: CellRef[] = [];
  for (const table of ids) for (const row of tables[table]) {
    for (const [field, f] of Object.entries(row.fields)) {
      // 2.2's bands are intervals (`90 < X ≤ 100`), not single numbers: never re-read as one
      if (f.kind === 'text' || !scans.has(f.page) || table === '2.2') continue;
      out.push({ table, row: row.no, field, f });
    }
  }
  return out;
}

/**
 * Read numeric cells a second time, each crop on its own: twice the resolution, one text line,
 * only digits and `.,%Rp`. Where both reads give the same number the cell's words are marked
 * agreed (confidence up); where they differ the re-read's text replaces the cell and the value is
 * marked disputed, so a rule failing on it is reported `uncertain` for a human to read.
 */
export async function rereadCells(cells: readonly CellRef[], pages: PageContent[], scans: ReadonlyMap<number, OcrPage>, pools: OcrPools,
  already: Set<string> = new Set()): Promise<RereadOutcome[]> {
  // each cell is read a second time once per document: `already` remembers which were
  const unique = cells.filter((c) => {
    const k = cellKey(c);
    if (already.has(k)) return false;
    already.add(k);
    return true;
  });
  const outcomes = await Promise.all(unique.map(async (c) => {
    const scan = scans.get(c.f.page)!;
    const k = scan.raster.dpi / 72;
    const cell = cellCrop(scan.raster.image, c.f.bbox, k);
    if (!cell) return null;
    const img = cell.image;
    const words = await pools.cells.recognize({
      image: await scaleGray(img, 2),
      // a count with its unit (`12 Kegiatan`) is read whole: a digits-only list would read nothing
      psm: cell.lines > 1 ? '6' : '7', whitelist: /[A-QS-Za-oq-z]{2,}/.test(c.f.raw) ? '' : WHITELIST[c.f.kind] ?? WHITELIST.number, dpi: scan.raster.dpi * 2, tag: 'reread',
    });
    const second = words.map((w) => w.text).join(' ').trim();
    const hint = c.f.kind === 'money' ? 'money' : c.f.kind === 'pct' ? 'pct' : 'number';
    const a = parseNumber(c.f.raw, hint), b = parseNumber(second, hint);
    const agreed = a.ok && b.ok && a.value !== null && a.value === b.value;
    return { ...c, first: c.f.raw, second, agreed, usable: b.ok && b.value !== null };
  }));
  const done: RereadOutcome[] = [];
  for (const o of outcomes) {
    if (!o) continue;
    const page = pages[o.f.page - 1]!;
    if (o.agreed) setCellConfidence(page, o.f.bbox, AGREED_CONF);
    else if (o.usable) replaceCellText(page, o.f.bbox, o.second, DISPUTED_CONF);
    // a second reading that gives no number tells nothing: the first stands as it was read
    done.push({ table: o.table, row: o.row, field: o.field, f: o.f, first: o.first, second: o.second, agreed: o.agreed });
    if (process.env.LKJ_DEBUG_OCR) process.stderr.write(`reread ${o.table}/${o.row}/${o.field}: ${JSON.stringify(o.first)} (${o.f.conf.toFixed(0)}) → ${JSON.stringify(o.second)} ${o.agreed ? 'agreed' : 'disputed'}\n`);
  }
  return done;
}

function inside(w: Word, b: BBox): boolean {
  const cx = (w.bbox[0] + w.bbox[2]) / 2, cy = (w.bbox[1] + w.bbox[3]) / 2;
  return cx >= b[0] && cx <= b[2] && cy >= b[1] && cy <= b[3];
}

function setCellConfidence(page: PageContent, cell: BBox, conf: number): void {
  page.words = page.words.map((w) => (inside(w, cell) ? { ...w, conf } : w));
}

function replaceCellText(page: PageContent, cell: BBox, text: string, conf: number): void {
  const old = page.words.filter((w) => inside(w, cell));
  const kept = page.words.filter((w) => !inside(w, cell));
  const top = old.length ? Math.min(...old.map((w) => w.bbox[1])) : cell[1] + 2;
  const bottom = old.length ? Math.max(...old.map((w) => w.bbox[3])) : cell[3] - 2;
  const word: Word = { text, page: page.page, bbox: [cell[0] + 2, top, cell[2] - 2, bottom], conf, source: 'ocr' };
  page.words = [...kept, word];
}
