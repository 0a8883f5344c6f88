import type { PageContent, Word } from '../model/word.js';
import type { GrayImage, PageRaster } from '../model/image.js';
import { findGrids, type Grid } from '../tables/grid.js';
import { isRowLabel } from '../tables/rows.js';
import { preprocessPage, type PreprocessedPage } from '../raster/preprocess.js';
import { flattenPhoto } from '../raster/flatten.js';
import { detectRulingLines } from '../raster/ruling-lines.js';
import { dropEnclosingStrokes } from '../raster/enclosing-strokes.js';
import { scaleGray } from '../raster/gray.js';
import { hasInk, maskRegions } from '../raster/ink.js';
import { packGray } from '../raster/packed.js';
import { bandImage, inkColumns, narrativeScale, textBands } from '../raster/text-bands.js';
import { cellCrop, type CellCrop } from './cell-crop.js';
import { rereadTroubleSpots, rereadWeakLines } from './narrative-rereads.js';
import { repairNips } from './nip-pass.js';
import { repairPercents } from './percent-pass.js';
import { meanConf, toWord, type PageContext } from './page-context.js';
import type { OcrWord } from './pool.js';
import type { OcrPools } from './shared-pool.js';

export { toPoints } from './page-context.js';

/** A scanned page after OCR: its words and lines, and the corrected raster they refer to. */
export interface OcrPage {
  content: PageContent;
  /** upright, deskewed raster the words' coordinates refer to (for re-reads and ink checks) */
  raster: PageRaster;
  blank: boolean;
  /** ms per step: preprocess, lines, ocr */
  timings: Record<string, number>;
}

/** The raster a document keeps for its re-reads, packed (~3× smaller): a long scan holds every page. */
const kept = (r: PageRaster): PageRaster => ({ ...r, image: packGray(r.image) });

/**
 * Read a scanned page: turn it upright, deskew, find its table grid from the ruling lines, then
 * OCR every table cell on its own (clean single-cell crops read far more exactly than a page of
 * tables) and the rest of the page with the tables masked out. All through the worker pool, so
 * cells and pages run on every core. Words come back in page points like a text layer's.
 */
export async function readScannedPage(input: PageRaster, pools: OcrPools): Promise<OcrPage> {
  const t = performance.now();
  const pre = await prepareScan(input);
  // returned, not awaited: this frame (and the decoded input it holds, ~9 MB a page) ends here
  return readPreprocessed(pre, pools, performance.now() - t);
}

async function readPreprocessed(pre: PreprocessedPage, pools: OcrPools, preprocessMs: number): Promise<OcrPage> {
  const { raster } = pre;
  const image = raster.image;
  const k = raster.dpi / 72;
  const width = image.width / k,
    height = image.height / k;
  const timings: Record<string, number> = { preprocess: preprocessMs };
  if (pre.blank) {
    return {
      content: { page: raster.page, width, height, mode: 'ocr', words: [], segments: [] },
      raster: kept(raster),
      blank: true,
      timings,
    };
  }
  let t = performance.now();
  const segments = detectRulingLines(raster);
  const grids = findGrids(raster.page, segments, []);
  timings.lines = performance.now() - t;
  t = performance.now();
  const ctx: PageContext = { page: raster.page, dpi: raster.dpi, k, pools };
  const cellJobs = readCells(ctx, image, grids);
  const narrativeJob = readNarrative(
    ctx,
    maskRegions(
      image,
      grids.map((g) => g.bbox),
      k,
    ),
  );
  const words = [...(await narrativeJob), ...(await cellJobs)];
  const packed = kept(raster);
  timings.ocr = performance.now() - t;
  return {
    content: { page: raster.page, width, height, mode: 'ocr', words, segments },
    raster: packed,
    blank: false,
    timings,
  };
}

/**
 * Every table cell cut out on its own and read with the cell reader (`eng`, which reads `%`): one
 * line of text as a line, wrapped text as a block (first with the page model, see readWrapped); a
 * row label that did not read as one again.
 */
async function readCells(ctx: PageContext, image: GrayImage, grids: readonly Grid[]): Promise<Word[]> {
  const words = await Promise.all(
    grids.flatMap((g) =>
      g.cells.map(async (cell) => {
        const c = cellCrop(image, cell.bbox, ctx.k);
        if (!c) return [];
        const read = (image: GrayImage, tag: string) =>
          ctx.pools.cells.recognize({ image, psm: c.lines > 1 ? '6' : '7', dpi: ctx.dpi, tag });
        let words = c.lines > 1 ? await readWrapped(ctx, c.image) : [];
        if (!words.length || words.some((w) => HAS_DIGIT.test(w.text))) words = await read(c.image, 'cell');
        // a reviewer's pen ring round a figure or a word reads as nothing or as noise: read again
        // with the ring made paper, kept when surer (a ring that touched a letter takes it along,
        // so never the first choice)
        if (!words.length || meanConf(words) < RINGED_CONF) {
          const ringless = dropEnclosingStrokes(c.image);
          if (ringless !== c.image) {
            const again = await read(ringless, 'cell-ring');
            if (again.length && meanConf(again) > meanConf(words)) words = again;
          }
        }
        if (cell.c0 === 0 && cell.r0 > 0) words = await readRowLabel(words, c, ctx.pools, ctx.dpi);
        return words.map((w) => toWord(w, ctx.page, ctx.k, c.x, c.y));
      }),
    ),
  );
  return words.flat();
}

const HAS_DIGIT = /\d/;

/**
 * A cell of wrapped text (an indicator, a sasaran, a program's name) read first with the page
 * model: the fast Indonesian network reads it in about two thirds of the time `best_int` `eng`
 * takes (one worker, pasirian: 2.3 against 3.2 s for 32 cells, the same output). Figures stay the
 * cell model's: a reading with any digit in it (`4 Dokumen`, a header's `(%)` read as `(96)`) is
 * thrown away and the cell read as a number cell.
 */
function readWrapped(ctx: PageContext, image: GrayImage): Promise<OcrWord[]> {
  return ctx.pools.page.recognize({ image, psm: '6', dpi: ctx.dpi, tag: 'cell-text' });
}

/** A cell read less surely than this may have a pen ring round it (see readCells). */
const RINGED_CONF = 60;

/** The passes over the narrative (the page with its tables masked out), in order. */
const NARRATIVE_PASSES = [rereadTroubleSpots, rereadWeakLines, repairNips, repairPercents] as const;

/**
 * The page outside its tables: read in bands (Tesseract's heap grows with the image it is given
 * and never shrinks; bands also skip blank space and let the workers share a long page) at the
 * scale the text needs, then the re-read passes at full resolution.
 */
async function readNarrative(ctx: PageContext, masked: GrayImage): Promise<Word[]> {
  if (!hasInk(masked)) return [];
  const margin = Math.round(0.1 * ctx.dpi);
  const s = narrativeScale(masked);
  const bands = await Promise.all(
    textBands(masked, ctx.dpi).map(async ([y0, y1]) => {
      const [x0, x1] = inkColumns(masked, y0, y1, margin);
      const band = bandImage(masked, y0, y1, margin, x0, x1);
      const image = s < 1 ? await scaleGray(band, s) : band;
      const sx = band.width / image.width,
        sy = band.height / image.height;
      const ws = await ctx.pools.page.recognize({ image, psm: '3', dpi: Math.round(ctx.dpi / sx), tag: 'page' });
      return ws.map((w) =>
        toWord(
          { ...w, bbox: [w.bbox[0] * sx, w.bbox[1] * sy, w.bbox[2] * sx, w.bbox[3] * sy] },
          ctx.page,
          ctx.k,
          x0,
          y0 - margin,
        ),
      );
    }),
  );
  let words = bands.flat();
  for (const pass of NARRATIVE_PASSES) words = await pass(ctx, masked, words);
  return words;
}

/**
 * A row label (`1`, `1.1`, `JUMLAH`) is one short token, which Tesseract reads worst: `1.1` comes
 * back `La`, `5` as `0` at confidence 33. A label that is not one, or is doubtful, is read again
 * at twice the size with only digits and `.` allowed; the new reading is kept when it is a label.
 */
async function readRowLabel(words: OcrWord[], c: CellCrop, pools: OcrPools, dpi: number): Promise<OcrWord[]> {
  const text = words
    .map((w) => w.text)
    .join(' ')
    .trim();
  const conf = words.length ? Math.min(...words.map((w) => w.conf)) : 0;
  if (/^(no|nomor|n0)\.?$/i.test(text)) return words;
  if (isRowLabel(text) && (conf >= 70 || !/^\d/.test(text))) return words;
  const again = await pools.cells.recognize({
    image: await scaleGray(c.image, 2),
    psm: '7',
    whitelist: '0123456789.',
    dpi: dpi * 2,
    tag: 'label',
  });
  const label = again
    .map((w) => w.text)
    .join('')
    .trim();
  if (!/^\d{1,2}(\.\d{1,2}){0,3}\.?$/.test(label)) return words;
  const box = again.reduce(
    (b, w) =>
      [
        Math.min(b[0], w.bbox[0] / 2),
        Math.min(b[1], w.bbox[1] / 2),
        Math.max(b[2], w.bbox[2] / 2),
        Math.max(b[3], w.bbox[3] / 2),
      ] as OcrWord['bbox'],
    [Infinity, Infinity, -Infinity, -Infinity] as OcrWord['bbox'],
  );
  return [{ text: label, bbox: box, conf: Math.min(...again.map((w) => w.conf)) }];
}

/**
 * A page image as every later step sees it: a phone photo's sheet found and flattened, at least
 * MIN_OCR_DPI, upright, deskewed and contrast-stretched. The page images the API shows go through
 * the same, so boxes found on them line up.
 */
export async function prepareScan(input: PageRaster): Promise<PreprocessedPage> {
  return preprocessPage(await atLeastDpi(flattenPhoto(input) ?? input, MIN_OCR_DPI));
}

/** Tesseract wants x-heights of ~20 px: a 200 DPI scan's 9-pt table text is too small to read exactly. */
export const MIN_OCR_DPI = 300;

/** Upsample a low-resolution scan (Lanczos) so every later step sees at least `dpi`. */
export async function atLeastDpi(r: PageRaster, dpi: number): Promise<PageRaster> {
  if (r.dpi >= dpi - 1) return r;
  const image = await scaleGray(r.image, dpi / r.dpi);
  return { page: r.page, dpi: (r.dpi * image.width) / r.image.width, image };
}
