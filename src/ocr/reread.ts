import type { BBox, PageContent, Word } from '../model/word.js';
import type { ExtractedTables, Field } from '../model/extracted.js';
import type { TableId } from '../model/contract.js';
import { centerIn } from '../model/lines.js';
import { ocrDebugLog } from '../settings/log.js';
import { parseInterval } from '../parse/interval.js';
import { moneyGroupsBroken, parseNumber } from '../parse/numbers.js';
import { cellCrop, oneLine } from './cell-crop.js';
import { scaleGray } from '../raster/gray.js';
import { binarize } from '../raster/binarize.js';
import { dropEnclosingStrokes } from '../raster/enclosing-strokes.js';
import { dropLightInk } from '../raster/ink.js';
import { meanConf } from './page-context.js';
import type { OcrPage } from './read-page.js';
import type { OcrPools } from './shared-pool.js';
import type { Psm } from './pool.js';

/** Confidence given to a value two independent reads agree on. */
export const AGREED_CONF = 95;
/** Confidence given to a value the re-read contradicts: a failed rule on it is `uncertain`. */
export const DISPUTED_CONF = 40;
/**
 * Confidence given to a value two of three reads agree on, after the first two disagreed: the
 * majority's number is kept, but under the default threshold, so a rule failing on it is still
 * `uncertain`, never an error built on one contested reading.
 */
export const VOTED_CONF = 70;
/** The tie-break read's scale: neither the first read's (1×) nor the re-read's (2×), so its errors are its own. */
const TIE_BREAK_SCALE = 1.5;

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
  /** the tie-break read, made only when the first two gave different numbers */
  third?: string;
  agreed: boolean;
  /** which reading the cell now holds */
  kept: 'first' | 'second' | 'third';
}

export const cellKey = (c: CellRef) => `${c.f.page}|${c.f.bbox.map((v) => v.toFixed(1)).join(',')}`;

/**
 * Numeric cells of scanned pages that read doubtfully or did not parse, and those the page's read
 * left empty although the cell holds ink: a figure under a pen circle, or faint under noise, that
 * the full-page read dropped (an empty cell takes no rule, so a wrong figure beside it went unseen).
 */
export function doubtfulCells(
  tables: ExtractedTables,
  scans: ReadonlyMap<number, OcrPage>,
  minConf: number,
): CellRef[] {
  return numericCells(tables, scans, Object.keys(tables) as TableId[]).filter((c) =>
    c.f.raw ? c.f.conf < minConf || !c.f.parsed : hasInk(c.f, scans),
  );
}

function hasInk(f: Field, scans: ReadonlyMap<number, OcrPage>): boolean {
  const scan = scans.get(f.page);
  return !!scan && cellCrop(scan.raster.image, f.bbox, scan.raster.dpi / 72) !== null;
}

/**
 * Tabel 2.2's band cells on scanned pages, one per band (both bounds share the cell): read again
 * as a whole only when a finding rests on them, since a band is an interval, not one number.
 */
export function bandCells(tables: ExtractedTables, scans: ReadonlyMap<number, OcrPage>): CellRef[] {
  return tables['2.2']
    .filter((row) => row.fields.min?.raw && scans.has(row.fields.min.page))
    .map((row) => ({ table: '2.2' as const, row: row.no, field: 'min', f: row.fields.min! }));
}

/** Every numeric cell of the given tables that lies on a scanned page. */
export function numericCells(
  tables: ExtractedTables,
  scans: ReadonlyMap<number, OcrPage>,
  ids: readonly TableId[],
): CellRef[] {
  const out: CellRef[] = [];
  for (const table of ids)
    for (const row of tables[table]) {
      for (const [field, f] of Object.entries(row.fields)) {
        // 2.2's bands are intervals (`90 < X ≤ 100`), not single numbers: never re-read as one
        if (f.kind === 'text' || !scans.has(f.page) || table === '2.2') continue;
        // a field no column held (its header not understood) is boxed with the whole row: no cell
        // of its own to read, and a re-read there would put the row's words into it
        if (f.bbox.every((v, i) => v === row.bbox[i]) && !f.raw) continue;
        out.push({ table, row: row.no, field, f });
      }
    }
  return out;
}

/**
 * Read numeric cells a second time, each crop on its own: twice the resolution, one text line,
 * only digits and `.,%Rp` (a Tabel 2.2 band: its two bounds, any glyph). Where both reads give the same number the cell's words are marked
 * agreed (confidence up). Where they give different numbers a third read at another scale breaks
 * the tie: the number two reads share is kept at VOTED_CONF; with no majority the re-read's text
 * replaces the cell, marked disputed. Either way a rule failing on it is `uncertain`, for a human.
 */
export async function rereadCells(
  cells: readonly CellRef[],
  pages: PageContent[],
  scans: ReadonlyMap<number, OcrPage>,
  pools: OcrPools,
  already: Set<string> = new Set(),
): Promise<RereadOutcome[]> {
  // each cell is read a second time once per document: `already` remembers which were
  const unique = cells.filter((c) => {
    const k = cellKey(c);
    if (already.has(k)) return false;
    already.add(k);
    return true;
  });
  const outcomes = await Promise.all(
    unique.map(async (c): Promise<(RereadOutcome & { conf: number | null }) | null> => {
      const scan = scans.get(c.f.page)!;
      const band = c.table === '2.2';
      const k = scan.raster.dpi / 72;
      const cell = cellCrop(scan.raster.image, c.f.bbox, k);
      if (!cell) return null;
      // a number wrapped in a narrow column is read as one line (see oneLine)
      const flat = oneLine(cell);
      // how surely each reading was read (its words' mean confidence), for the tie-break
      const sureness = new Map<string, number>();
      const read = async (scale: number, tag: string, psm?: Psm, image = flat ?? cell.image) => {
        const words = await pools.cells.recognize({
          image: await scaleGray(image, scale),
          // a count with its unit (`12 Kegiatan`) is read whole: a digits-only list would read
          // nothing (money has no unit: letters in its reading are a stamp's or a pen's)
          psm: psm ?? (cell.lines > 1 && !flat ? '6' : '7'),
          // a band keeps its `<`, `≤`, `X`: no list (Tesseract's list takes no `≤`)
          whitelist:
            band || (c.f.kind !== 'money' && /[A-QS-Za-oq-z]{2,}/.test(c.f.raw))
              ? ''
              : (WHITELIST[c.f.kind] ?? WHITELIST.number),
          dpi: Math.round(scan.raster.dpi * scale),
          tag,
        });
        const text = words
          .map((w) => w.text)
          .join(' ')
          .trim()
          // a figure ends at its `%`: separators read after it are a pen's tick (`83,92%.,`)
          .replace(/%[\s.,]+$/, '%');
        sureness.set(text, meanConf(words));
        return text;
      };
      const hint = c.f.kind === 'money' ? 'money' : c.f.kind === 'pct' ? 'pct' : 'number';
      // what two readings must share to agree: the number, or a band's two bounds
      const number = band
        ? (text: string) => {
            const iv = parseInterval(text);
            return iv && (iv.min !== null || iv.max !== null) ? `${iv.min}|${iv.max}` : null;
          }
        : (text: string) => {
            const p = parseNumber(text, hint);
            return p.ok ? p.value : null;
          };
      // a figure under a stamp reads as no number: read with the stamp's lighter ink dropped; one in
      // a pen's ring, with the ring made paper (the cell stays doubtful: cell-marks measures it as
      // it was). Only then: a ring that touched a digit takes the digit with it
      const plain = await read(2, 'reread');
      const inkless =
        band || number(plain) !== null
          ? plain
          : await read(2, 'reread-ink', undefined, dropLightInk(flat ?? cell.image));
      const ringless = band || number(inkless) !== null ? null : dropEnclosingStrokes(flat ?? cell.image);
      const second =
        ringless && ringless !== (flat ?? cell.image) ? await read(2, 'reread-ring', undefined, ringless) : inkless;
      const a = number(c.f.raw);
      // neither read gave a number: a lone figure (`7` read `/`, or nothing) is often lost in line
      // mode, read as one word it is not; one reading alone, so it is kept disputed. Only a cell
      // read as a mark or nothing: a word read of a range (`80 - 90 %`) runs it into `8090`
      const lone = c.f.raw.replace(/\s/g, '').length <= 2;
      if (!band && a === null && lone && number(second) === null && (cell.lines === 1 || flat)) {
        const word = await read(2, 'word', '8');
        if (number(word) !== null)
          return { ...c, first: c.f.raw, second: word, agreed: false, kept: 'second', conf: DISPUTED_CONF };
      }
      const b = number(second);
      if (b === null) {
        // a second reading that gives no number tells nothing: the first stands as it was read
        return { ...c, first: c.f.raw, second, agreed: false, kept: 'first', conf: null };
      }
      if (a === b) return { ...c, first: c.f.raw, second, agreed: true, kept: 'first', conf: AGREED_CONF };
      // the first read gave no number (empty or garbled): the tie-break says whether the second
      // is confirmed (VOTED_CONF) or stands alone (DISPUTED_CONF)
      const third = await read(TIE_BREAK_SCALE, 'tie-break');
      const t = number(third);
      const kept = tieBroken(c.f.kind, {
        a,
        b,
        t,
        second,
        third,
        firstConf: c.f.conf,
        secondConf: sureness.get(second) ?? 0,
        thirdConf: sureness.get(third) ?? 0,
      });
      return {
        ...c,
        first: c.f.raw,
        second,
        third,
        agreed: false,
        kept,
        conf: votedConf(kept, a, b, t),
      };
    }),
  );
  const done: RereadOutcome[] = [];
  for (const o of outcomes) {
    if (!o) continue;
    const page = pages[o.f.page - 1]!;
    if (o.conf !== null) {
      if (o.kept === 'first') setCellConfidence(page, o.f.bbox, o.conf);
      else replaceCellText(page, o.f.bbox, o.kept === 'third' ? o.third! : o.second, o.conf);
    }
    const { conf, ...outcome } = o;
    done.push(outcome);
    const debug = ocrDebugLog({ page: o.f.page, pass: 'cell' });
    if (debug) {
      const verdict = o.agreed
        ? 'agreed'
        : conf === null
          ? 'no number: first kept as read'
          : o.third === undefined
            ? 'disputed'
            : `tie-break ${JSON.stringify(o.third)}: ${conf === VOTED_CONF ? `kept the ${o.kept}` : `disputed, kept the ${o.kept}`}`;
      debug.debug(
        {
          table: o.table,
          row: o.row,
          field: o.field,
          first: o.first,
          second: o.second,
          third: o.third,
          kept: o.kept,
          agreed: o.agreed,
        },
        `reread ${o.table}/${o.row}/${o.field}: ${JSON.stringify(o.first)} (${o.f.conf.toFixed(0)}) → ${JSON.stringify(o.second)} ${verdict}`,
      );
    }
  }
  return done;
}

/**
 * Which of three reads a cell keeps once the first two gave different numbers (`a`, `b`; `t` the
 * tie-break's): the first when the tie-break confirms it, or when it was read surely and both
 * others unsurely; else the second; but where no two agree, money in groups of three beats money
 * out of them (`131800.000`, a dot read as `1`, against `13.800.000`).
 */
export function tieBroken(
  kind: Field['kind'],
  r: {
    a: number | string | null;
    b: number | string;
    t: number | string | null;
    second: string;
    third: string;
    /** how surely each reading was read (0–100); unknown counts as sure */
    firstConf?: number;
    secondConf?: number;
    thirdConf?: number;
  },
): 'first' | 'second' | 'third' {
  if (r.a !== null && r.t === r.a) return 'first';
  // two unsure readings do not outvote a sure one: enlarged, a serif `1` at a figure's start is lost in
  // line mode (`15.050.000` read `5.050.000` at 2× and 1.5×, confidence 15 and 0, against 91 at 1×)
  if (
    r.a !== null &&
    (r.firstConf ?? 100) >= SURE_READ &&
    Math.max(r.secondConf ?? 100, r.thirdConf ?? 100) < UNSURE_READ
  )
    return 'first';
  const wellFormed =
    r.t !== null && r.t !== r.b && kind === 'money' && moneyGroupsBroken(r.second) && !moneyGroupsBroken(r.third);
  return wellFormed ? 'third' : 'second';
}

/**
 * How sure a reading kept after a tie-break is: VOTED_CONF when the tie-break gave the kept number,
 * else DISPUTED_CONF. Two readings that gave no number agree on nothing.
 */
export function votedConf(
  kept: 'first' | 'second' | 'third',
  a: number | string | null,
  b: number | string,
  t: number | string | null,
): number {
  if (t === null) return DISPUTED_CONF;
  return (kept === 'first' ? t === a : t === a || t === b) ? VOTED_CONF : DISPUTED_CONF;
}

/** A first reading this sure is not outvoted by re-reads both less sure than UNSURE_READ. */
const SURE_READ = 80;
const UNSURE_READ = 40;

/** Confidence of a number read under a pen mark (cell-marks.ts): a rule failing on it is `uncertain`. */
export const MARKED_CONF = 50;

/** Lower the confidence of these cells' words to at most `conf` (a doubt found after reading). */
export function doubtCells(cells: readonly CellRef[], pages: PageContent[], conf: number): void {
  for (const c of cells) {
    const page = pages[c.f.page - 1]!;
    page.words = page.words.map((w) => (centerIn(w.bbox, c.f.bbox) && w.conf > conf ? { ...w, conf } : w));
  }
}

function setCellConfidence(page: PageContent, cell: BBox, conf: number): void {
  page.words = page.words.map((w) => (centerIn(w.bbox, cell) ? { ...w, conf } : w));
}

function replaceCellText(page: PageContent, cell: BBox, text: string, conf: number): void {
  const old = page.words.filter((w) => centerIn(w.bbox, cell));
  const kept = page.words.filter((w) => !centerIn(w.bbox, cell));
  const top = old.length ? Math.min(...old.map((w) => w.bbox[1])) : cell[1] + 2;
  const bottom = old.length ? Math.max(...old.map((w) => w.bbox[3])) : cell[3] - 2;
  const word: Word = { text, page: page.page, bbox: [cell[0] + 2, top, cell[2] - 2, bottom], conf, source: 'ocr' };
  page.words = [...kept, word];
}

/** A cell whose reading breaks a shape every report has, with the test a reading must pass. */
export interface ShapeCell {
  table: TableId;
  row: string;
  field: string;
  f: Field;
  /** whether a reading of the whole cell fits the shape (a band bound in 0–100, money in groups of three) */
  fits(text: string): boolean;
  whitelist: string;
}

/**
 * The reads tried on a cell whose shape is broken, in order: what the first reads did not try,
 * each the cell alone: three times the size, then binarised (Otsu) at twice and at its own size,
 * so a glyph the earlier reads split or merged (a `7` read `71` at 150 DPI) gets other pixels.
 */
const SHAPE_READS: readonly { scale: number; binarise: boolean }[] = [
  { scale: 3, binarise: false },
  { scale: 2, binarise: true },
  { scale: 1, binarise: true },
];

/**
 * Read again the cells whose reading breaks a shape; the first reading that fits it replaces the
 * cell's words at VOTED_CONF (a rule failing on it stays `uncertain`). Cells no reading fixes stay
 * as they were, for a structure finding (X1). Returns the cells fixed.
 */
export async function rereadShapes(
  cells: readonly ShapeCell[],
  pages: PageContent[],
  scans: ReadonlyMap<number, OcrPage>,
  pools: OcrPools,
): Promise<ShapeCell[]> {
  const fixed = await Promise.all(
    cells.map(async (c) => {
      const scan = scans.get(c.f.page);
      if (!scan) return null;
      const k = scan.raster.dpi / 72;
      const cell = cellCrop(scan.raster.image, c.f.bbox, k);
      if (!cell) return null;
      for (const r of SHAPE_READS) {
        const scaled = r.scale === 1 ? cell.image : await scaleGray(cell.image, r.scale);
        const image = r.binarise ? binarize(scaled) : scaled;
        const text = (
          await pools.cells.recognize({
            image,
            psm: cell.lines > 1 ? '6' : '7',
            whitelist: c.whitelist,
            dpi: Math.round(scan.raster.dpi * r.scale),
            tag: 'shape',
          })
        )
          .map((w) => w.text)
          .join(' ')
          .trim();
        ocrDebugLog({ page: c.f.page, pass: 'shape' })?.debug(
          {
            table: c.table,
            row: c.row,
            field: c.field,
            first: c.f.raw,
            second: text,
            scale: r.scale,
            binarise: r.binarise,
            fits: c.fits(text),
          },
          `shape reread ${c.table}/${c.row}/${c.field}: ${JSON.stringify(c.f.raw)} → ${JSON.stringify(text)} (×${r.scale}${r.binarise ? ', binarised' : ''}) ${c.fits(text) ? 'fits' : 'still broken'}`,
        );
        if (text && c.fits(text)) return { c, text };
      }
      return null;
    }),
  );
  const out: ShapeCell[] = [];
  for (const x of fixed) {
    if (!x) continue;
    replaceCellText(pages[x.c.f.page - 1]!, x.c.f.bbox, x.text, VOTED_CONF);
    out.push(x.c);
  }
  return out;
}
