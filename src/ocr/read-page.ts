import { cleanWordText, type PageContent, type Word, type BBox } from '../model/word.js';
import { groupLines } from '../pages/lines.js';
import { unionBBox } from '../parse/layout.js';
import { parseNip } from '../parse/nip.js';
import type { GrayImage, PageRaster } from '../model/image.js';
import { findGrids, type Grid } from '../tables/grid.js';
import { preprocessPage } from '../raster/preprocess.js';
import { detectRulingLines } from '../raster/ruling-lines.js';
import { cellCrop, type CellCrop } from './cell-crop.js';
import { isRowLabel } from '../tables/rows.js';
import { crop, scaleGray } from '../raster/gray.js';
import { packGray } from '../raster/packed.js';
import type { OcrWord } from './pool.js';
import type { OcrPools } from './shared-pool.js';

/** A scanned page after OCR: its words and lines, and the corrected raster they refer to. */
export interface OcrPage {
  content: PageContent;
  /** upright, deskewed raster the words' coordinates refer to (for re-reads and ink checks) */
  raster: PageRaster;
  blank: boolean;
  orientation: number;
  skew: number;
  grids: Grid[];
  /** ms per step: preprocess, lines, ocr */
  timings: Record<string, number>;
}

/** The raster a document keeps for its re-reads, packed (~3× smaller): a long scan holds every page. */
const kept = (r: PageRaster): PageRaster => ({ ...r, image: packGray(r.image) });

export function toPoints(b: readonly number[], k: number, ox = 0, oy = 0): BBox {
  return [(b[0]! + ox) / k, (b[1]! + oy) / k, (b[2]! + ox) / k, (b[3]! + oy) / k];
}

/**
 * Read a scanned page: turn it upright, deskew, find its table grid from the ruling lines, then
 * OCR every table cell on its own (clean single-cell crops read far more exactly than a page of
 * tables) and the rest of the page with the tables masked out. All through the worker pool, so
 * cells and pages run on every core. Words come back in page points like a text layer's.
 */
export async function readScannedPage(input: PageRaster, pools: OcrPools): Promise<OcrPage> {
  const t = performance.now();
  const pre = preprocessPage(await atLeastDpi(input, MIN_OCR_DPI));
  // returned, not awaited: this frame (and the decoded input it holds, ~9 MB a page) ends here
  return readPreprocessed(pre, pools, performance.now() - t);
}

async function readPreprocessed(pre: ReturnType<typeof preprocessPage>, pools: OcrPools, preprocessMs: number): Promise<OcrPage> {
  const { raster } = pre;
  const image = raster.image;
  const k = raster.dpi / 72;
  const width = image.width / k, height = image.height / k;
  const timings: Record<string, number> = { preprocess: preprocessMs };
  if (pre.blank) {
    return { content: { page: raster.page, width, height, mode: 'ocr', words: [], segments: [] }, raster: kept(raster), blank: true, orientation: 0, skew: 0, grids: [], timings };
  }
  let t = performance.now();
  const segments = detectRulingLines(raster);
  const grids = findGrids(raster.page, segments, []);
  timings.lines = performance.now() - t;
  t = performance.now();

  const cellJobs = grids.flatMap((g) => g.cells.map(async (cell) => {
    const c = cellCrop(image, cell.bbox, k);
    if (!c) return [];
    // one line of text (most cells) reads best as a line; wrapped text as a block
    let words = await pools.cells.recognize({ image: c.image, psm: c.lines > 1 ? '6' : '7', dpi: raster.dpi, tag: 'cell' });
    if (cell.c0 === 0 && cell.r0 > 0) words = await readRowLabel(words, c, pools, raster.dpi);
    return words.map((w) => toWord(w, raster.page, k, c.x, c.y));
  }));
  const narrativeJob = (async () => {
    const masked = maskRegions(image, grids.map((g) => g.bbox), k);
    if (!hasInk(masked)) return [];
    // in bands: Tesseract's heap grows with the image it is given and never shrinks; bands also
    // skip blank space and let the workers share a long page
    const margin = Math.round(0.1 * raster.dpi);
    // at the resolution the text needs (below): the re-reads that follow work at full resolution
    const s = narrativeScale(masked);
    const bands = await Promise.all(textBands(masked, raster.dpi).map(async ([y0, y1]) => {
      const [x0, x1] = inkColumns(masked, y0, y1, margin);
      const band = bandImage(masked, y0, y1, margin, x0, x1);
      const image = s < 1 ? await scaleGray(band, s) : band;
      const sx = band.width / image.width, sy = band.height / image.height;
      const ws = await pools.text.recognize({ image, psm: '3', dpi: Math.round(raster.dpi / sx), tag: 'page' });
      return ws.map((w) => toWord({ ...w, bbox: [w.bbox[0] * sx, w.bbox[1] * sy, w.bbox[2] * sx, w.bbox[3] * sy] }, raster.page, k, x0, y0 - margin));
    }));
    const found = bands.flat();
    const spots = await rereadTroubleSpots(found, masked, k, pools, raster.dpi);
    const lines = await rereadWeakLines(spots, masked, k, pools, raster.dpi);
    const nips = await repairNips(lines, masked, k, pools, raster.dpi);
    return repairPercents(nips, masked, k, pools, raster.dpi);
  })();
  const words = [...(await narrativeJob), ...(await Promise.all(cellJobs)).flat()];
  const packed = kept(raster);
  timings.ocr = performance.now() - t;
  return {
    content: { page: raster.page, width, height, mode: 'ocr', words, segments },
    raster: packed, blank: false, orientation: pre.turned, skew: pre.skew, grids, timings,
  };
}

/**
 * A row label (`1`, `1.1`, `JUMLAH`) is one short token, which Tesseract reads worst: `1.1` comes
 * back `La`, `5` as `0` at confidence 33. A label that is not one, or is doubtful, is read again
 * at twice the size with only digits and `.` allowed; the new reading is kept when it is a label.
 */
async function readRowLabel(words: OcrWord[], c: CellCrop, pools: OcrPools, dpi: number): Promise<OcrWord[]> {
  const text = words.map((w) => w.text).join(' ').trim();
  const conf = words.length ? Math.min(...words.map((w) => w.conf)) : 0;
  if (/^(no|nomor|n0)\.?$/i.test(text)) return words;
  if (isRowLabel(text) && (conf >= 70 || !/^\d/.test(text))) return words;
  const again = await pools.cells.recognize({ image: await scaleGray(c.image, 2), psm: '7', whitelist: '0123456789.', dpi: dpi * 2, tag: 'label' });
  const label = again.map((w) => w.text).join('').trim();
  if (!/^\d{1,2}(\.\d{1,2}){0,3}\.?$/.test(label)) return words;
  const box = again.reduce((b, w) => [Math.min(b[0], w.bbox[0] / 2), Math.min(b[1], w.bbox[1] / 2), Math.max(b[2], w.bbox[2] / 2), Math.max(b[3], w.bbox[3] / 2)] as OcrWord['bbox'],
    [Infinity, Infinity, -Infinity, -Infinity] as OcrWord['bbox']);
  return [{ text: label, bbox: box, conf: Math.min(...again.map((w) => w.conf)) }];
}

/** Tesseract wants x-heights of ~20 px: a 200 DPI scan's 9-pt table text is too small to read exactly. */
export const MIN_OCR_DPI = 300;

/** Upsample a low-resolution scan (Lanczos) so every later step sees at least `dpi`. */
export async function atLeastDpi(r: PageRaster, dpi: number): Promise<PageRaster> {
  if (r.dpi >= dpi - 1) return r;
  const image = await scaleGray(r.image, dpi / r.dpi);
  return { page: r.page, dpi: (r.dpi * image.width) / r.image.width, image };
}

/** A word read below this confidence marks a trouble spot. */
const WEAK_WORD_CONF = 60;

/**
 * Second chance for the spots the page pass got wrong: inked regions it left without words
 * (Tesseract's layout took them for a picture) and clusters of doubtful words — typically a
 * grey stamp pressed over a name and NIP. Each spot is read on its own as a block with the lighter
 * ink dropped; the new words replace the old ones there when Tesseract is clearly surer of them.
 */
async function rereadTroubleSpots(words: Word[], img: GrayImage, k: number, pools: OcrPools, dpi: number): Promise<Word[]> {
  const px = (w: Word) => [w.bbox[0] * k, w.bbox[1] * k, w.bbox[2] * k, w.bbox[3] * k] as [number, number, number, number];
  const pad = 0.12 * dpi;
  const spots = mergeBoxes([
    ...uncoveredInk(img, words.map((w) => ({ text: w.text, conf: w.conf, bbox: px(w) })), dpi),
    ...words.filter((w) => w.conf < WEAK_WORD_CONF && w.text.length > 1).map((w) => px(w)),
  ].map((b) => [b[0] - pad, b[1] - pad / 2, b[2] + pad, b[3] + pad / 2] as [number, number, number, number]));
  const mean = (ws: readonly { conf: number }[]) => ws.reduce((s, w) => s + w.conf, 0) / Math.max(1, ws.length);
  const inside = (w: Word, b: readonly number[]) => {
    const cx = ((w.bbox[0] + w.bbox[2]) / 2) * k, cy = ((w.bbox[1] + w.bbox[3]) / 2) * k;
    return cx >= b[0]! && cx <= b[2]! && cy >= b[1]! && cy <= b[3]!;
  };
  const results = await Promise.all(spots.map(async (box) => {
    const b = [Math.max(0, Math.round(box[0])), Math.max(0, Math.round(box[1])), Math.min(img.width, Math.round(box[2])), Math.min(img.height, Math.round(box[3]))] as [number, number, number, number];
    const again = await pools.text.recognize({ image: dropLightInk(crop(img, b)), psm: '6', dpi, tag: 'spot' });
    // a signature scribble inside the spot reads as noise words: only the ones read with some certainty count
    const fresh = again.filter((w) => w.conf >= 50).map((w) => toWord(w, words[0]?.page ?? 1, k, b[0], b[1]));
    const old = words.filter((w) => inside(w, b));
    if (process.env.LKJ_DEBUG_OCR) process.stderr.write(`spot ${b.map((v) => Math.round(v / k)).join(',')}: old ${old.length} (${mean(old).toFixed(0)}) fresh ${fresh.length} (${mean(fresh).toFixed(0)}) ${fresh.map((w) => w.text).join(' ').slice(0, 80)}\n`);
    // replaces the spot's words when surer of them; otherwise adds only the words the page pass
    // missed (text hidden under a stamp), leaving what it read well alone
    const better = !old.length || mean(fresh) > mean(old) + 5;
    return fresh.length ? { box: b, fresh, better, old } : null;
  }));
  let out = words;
  for (const r of results) {
    if (!r) continue;
    const fresh = r.fresh.filter((w) => inside(w, r.box));
    if (r.better) {
      // a valid NIP the page pass read stays unless the spot read it too: the stamp that made the
      // spot doubtful can garble the digits of this reading instead (`NIP. 19800325…` → `ANID 1 NN`)
      const freshNips = new Set(validNips(fresh).map((p) => p.nip));
      const keep = new Set(validNips(r.old).filter((p) => !freshNips.has(p.nip)).flatMap((p) => p.words));
      out = [...out.filter((w) => !inside(w, r.box) || keep.has(w)), ...fresh.filter((w) => ![...keep].some((o) => overlapRatio(o.bbox, w.bbox) > 0.3))];
    } else out = [...out, ...fresh.filter((w) => !r.old.some((o) => overlapRatio(o.bbox, w.bbox) > 0.3))];
  }
  return out;
}

/** Then lines that still hold a doubtful word, each read alone as one line. */
async function rereadWeakLines(words: Word[], img: GrayImage, k: number, pools: OcrPools, dpi: number): Promise<Word[]> {
  const lines = groupLines(words).filter((l) => l.words.length >= 2 && l.words.some((w) => w.conf < WEAK_WORD_CONF && w.text.length > 1));
  const mean = (ws: readonly { conf: number }[]) => ws.reduce((s, w) => s + w.conf, 0) / Math.max(1, ws.length);
  const replaced = await Promise.all(lines.map(async (l) => {
    const pad = 0.08 * dpi;
    const box: [number, number, number, number] = [l.bbox[0] * k - pad, l.bbox[1] * k - pad / 2, l.bbox[2] * k + pad, l.bbox[3] * k + pad / 2];
    const again = await pools.text.recognize({ image: dropLightInk(crop(img, box)), psm: '7', dpi, tag: 'line' });
    const fresh = again.map((w) => toWord(w, l.page, k, Math.max(0, Math.round(box[0])), Math.max(0, Math.round(box[1]))));
    return fresh.length && mean(fresh) > mean(l.words) + 10 ? { old: new Set(l.words), fresh } : null;
  }));
  let out = words;
  for (const r of replaced) if (r) out = [...out.filter((w) => !r.old.has(w)), ...r.fresh];
  return out;
}

/** Merge overlapping boxes until none overlap. */
function mergeBoxes(boxes: [number, number, number, number][]): [number, number, number, number][] {
  const out = boxes.map((b) => [...b] as [number, number, number, number]);
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) for (let j = i + 1; j < out.length; j++) {
      const a = out[i]!, b = out[j]!;
      if (a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]) {
        out[i] = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
        out.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return out;
}

/**
 * A signatory's NIP is 18 digits with a birth date and an appointment month inside: a NIP line
 * that does not read as a valid one (a stamp over its digits) is read again on its own with the
 * lighter ink dropped and only `NIP.:` and digits allowed, and kept when that reading is valid.
 */
async function repairNips(words: Word[], img: GrayImage, k: number, pools: OcrPools, dpi: number): Promise<Word[]> {
  const bad = nipParts(words).filter((p) => !parseNip(p.text)?.valid);
  if (!bad.length) return words;
  const fixes = await Promise.all(bad.map(async (p) => {
    const pad = 0.05 * dpi;
    const box: [number, number, number, number] = [p.bbox[0] * k - pad, p.bbox[1] * k - pad / 2, p.bbox[2] * k + 2 * pad, p.bbox[3] * k + pad / 2];
    const again = await pools.cells.recognize({ image: dropLightInk(crop(img, box)), psm: '7', whitelist: 'NIP.:0123456789 ', dpi, tag: 'nip' });
    const text = again.map((w) => w.text).join(' ');
    if (process.env.LKJ_DEBUG_OCR) process.stderr.write(`nip reread: ${JSON.stringify(p.text)} → ${JSON.stringify(text)}\n`);
    if (!parseNip(text)?.valid) return null;
    const ox = Math.max(0, Math.round(box[0])), oy = Math.max(0, Math.round(box[1]));
    return { old: new Set(p.words), fresh: again.map((w) => toWord(w, p.page, k, ox, oy)) };
  }));
  let out = words;
  for (const f of fixes) if (f) out = [...out.filter((w) => !f.old.has(w)), ...f.fresh];
  return out;
}

/**
 * The NIP stretches of each line: from each `NIP` word to the next one on the line (two blocks side
 * by side) or the line's end: a stamp can break the digits into pieces far enough apart to look
 * like two columns. A line that opens with NIP digit groups whose label was lost (`199203 1 005`)
 * is one too; its box reaches left to where the label and the first group must be.
 */
function nipParts(words: readonly Word[]): { page: number; words: Word[]; text: string; bbox: BBox }[] {
  return groupLines([...words]).flatMap((l) => {
    const starts = l.words.map((w, i) => (/^N\s?[I1l]\s?P/i.test(w.text) ? i : -1)).filter((i) => i >= 0);
    const t = l.words.map((w) => w.text);
    const tail = t.findIndex((x, i) => /^\d{6}$/.test(x) && /^\d$/.test(t[i + 1] ?? '') && /^\d{3}$/.test(t[i + 2] ?? ''));
    const headless = tail >= 0 && tail <= 2 && (starts[0] === undefined || starts[0] > tail);
    if (headless) starts.unshift(0);
    return starts.map((s, j) => {
      const ws = l.words.slice(s, starts[j + 1] ?? l.words.length);
      const b = unionBBox(ws.map((w) => w.bbox));
      if (headless && j === 0) b[0] = Math.max(0, b[0] - 110);
      return { page: l.page, words: ws, text: (headless && j === 0 ? 'NIP ' : '') + ws.map((w) => w.text).join(' '), bbox: b };
    });
  });
}

/** The NIP stretches that read as a valid NIP, with it. */
function validNips(words: readonly Word[]): { nip: string; words: Word[] }[] {
  return nipParts(words).flatMap((p) => {
    const n = parseNip(p.text);
    return n?.valid ? [{ nip: n.nip, words: p.words }] : [];
  });
}

/** What Indonesian-model OCR makes of `%`: `96`, `90`, `9o`, `Yo`, `Y6`, `46`, `0/0`… */
const PCT_GHOST = /^(9[06o]?|Y[o6]|46|0\/0|%o|o\/o)[.,;:)]?$/i;
const NUMBER = /^\d{1,3}(?:[.,]\d{1,3})?$/;
const NUMBER_WITH_GHOST = /^(\d{1,3}[.,]\d{1,2})(9[06o]?|Y[o6])[.,;:)]?$/;
/** `100%` read as `10096`: a whole number with a two-character ghost (a year may match: its re-read has no `%`) */
const WHOLE_WITH_GHOST = /^\d{1,3}(9[06o]|Y[o6])[.,;:)]?$/;

/**
 * Percentages in the narrative are what the claims are made of, and `ind+eng` still reads some
 * `%` as digits (`29,5%.` → `29,590.`, `42,55 %` → `42,55 Yo`). A number followed by such a ghost
 * is read again with the `eng` cell reader restricted to digits and `.,%`; the reading replaces
 * the words when it ends in `%`.
 */
async function repairPercents(words: Word[], img: GrayImage, k: number, pools: OcrPools, dpi: number): Promise<Word[]> {
  const lines = groupLines(words);
  const jobs: { old: Word[]; box: [number, number, number, number] }[] = [];
  for (const l of lines) {
    l.words.forEach((w, i) => {
      const next = l.words[i + 1];
      if (NUMBER.test(w.text) && next && PCT_GHOST.test(next.text)) jobs.push({ old: [w, next], box: unionPx([w, next], k) });
      else if (NUMBER_WITH_GHOST.test(w.text) || WHOLE_WITH_GHOST.test(w.text)) jobs.push({ old: [w], box: unionPx([w], k) });
    });
  }
  if (!jobs.length) return words;
  const fixes = await Promise.all(jobs.map(async (j) => {
    const pad = 0.04 * dpi;
    const box: [number, number, number, number] = [j.box[0] - pad, j.box[1] - pad, j.box[2] + pad, j.box[3] + pad];
    const again = await pools.cells.recognize({ image: crop(img, box), psm: '7', whitelist: '0123456789.,% ', dpi, tag: 'pct' });
    // the crop may take in the sentence's full stop
    const text = again.map((w) => w.text).join('').replace(/\s+/g, '').replace(/(%)[.,]+$/, '$1');
    if (!/^\d{1,3}(?:[.,]\d{1,3})?%$/.test(text)) return null;
    const first = j.old[0]!;
    const bbox = j.old.map((w) => w.bbox).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
    // keep the sentence punctuation the first reading had after the ghost
    const tail = /[.,;:)]$/.test(j.old[j.old.length - 1]!.text) ? j.old[j.old.length - 1]!.text.slice(-1) : '';
    const conf = Math.min(...again.map((w) => w.conf));
    return { old: j.old, fresh: { ...first, text: text + tail, bbox, conf } as Word };
  }));
  let out = words;
  for (const f of fixes) {
    if (!f) continue;
    const old = new Set(f.old);
    out = [...out.filter((w) => !old.has(w)), f.fresh];
  }
  return out;
}

function unionPx(ws: readonly Word[], k: number): [number, number, number, number] {
  return [Math.min(...ws.map((w) => w.bbox[0])) * k, Math.min(...ws.map((w) => w.bbox[1])) * k, Math.max(...ws.map((w) => w.bbox[2])) * k, Math.max(...ws.map((w) => w.bbox[3])) * k];
}

function toWord(w: OcrWord, page: number, k: number, ox: number, oy: number): Word {
  return { text: cleanWordText(w.text) || '\ufffd', page, bbox: toPoints(w.bbox, k, ox, oy), conf: w.conf, source: 'ocr' };
}

/** A copy of the image with the given regions (page points) painted white. */
function maskRegions(img: GrayImage, boxes: readonly BBox[], k: number): GrayImage {
  if (!boxes.length) return img;
  const data = new Uint8Array(img.data);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b[0] * k) - 3), x1 = Math.min(img.width, Math.ceil(b[2] * k) + 3);
    const y0 = Math.max(0, Math.floor(b[1] * k) - 3), y1 = Math.min(img.height, Math.ceil(b[3] * k) + 3);
    for (let y = y0; y < y1; y++) data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  return { ...img, data };
}

/** A band of the page read on its own is at most about this tall (inches). */
const MAX_BAND_IN = 2.5;
/** Blank rows (inches) that always end a band: the space between them is not read. */
const WIDE_GAP_IN = 0.4;
/** Blank rows (inches) a band may be cut at: the space between two text lines. */
const LINE_GAP_IN = 0.03;
/** A row with fewer dark pixels than this is blank (scanner specks). */
const ROW_INK_PX = 3;

/**
 * Horizontal bands [y0, y1) of the image that hold ink, cut only at rows without ink across the
 * whole width (so no glyph and no line is split, whatever the columns): at every wide blank gap,
 * and at the last line gap once a band grows past MAX_BAND_IN.
 */
export function textBands(img: GrayImage, dpi: number): [number, number][] {
  const { width: w, height: h, data } = img;
  const inked = new Uint8Array(h);
  for (let y = 0; y < h; y++) {
    let dark = 0;
    for (let i = y * w, end = i + w; i < end && dark < ROW_INK_PX; i++) if (data[i]! < 128) dark++;
    inked[y] = dark >= ROW_INK_PX ? 1 : 0;
  }
  const wide = Math.round(WIDE_GAP_IN * dpi), lineGap = Math.max(2, Math.round(LINE_GAP_IN * dpi));
  const maxH = Math.round(MAX_BAND_IN * dpi);
  const bands: [number, number][] = [];
  let start = -1, lastInk = -1, cut = -1;
  for (let y = 0; y < h; y++) {
    if (!inked[y]) {
      if (start < 0) continue;
      if (y - lastInk >= wide) { bands.push([start, lastInk + 1]); start = -1; }
      else if (y - lastInk === lineGap) cut = lastInk + 1;
      continue;
    }
    if (start < 0) { start = y; cut = -1; }
    else if (y - start > maxH && cut > start) {
      // end the band at the last line gap; the next one starts with the line after it
      bands.push([start, cut]);
      start = y;
      for (let u = cut; u < y; u++) if (inked[u]) { start = u; break; }
      cut = -1;
    }
    lastInk = y;
  }
  if (start >= 0) bands.push([start, lastInk + 1]);
  return bands;
}

/**
 * Tesseract scales every text line it recognises to a fixed height (36 px for the LSTM models)
 * before reading it; what it does at the scan's own resolution before that (thresholding,
 * connected components, layout) costs time in proportion to the pixels. So the narrative is read
 * with its lines brought to about this height (ink top to bottom), never enlarged. Measured on the
 * eval and corpus scans (12-pt text, lines ~47 px at 300 DPI): the page pass takes ~28 % less
 * time with every score unchanged; doubtful words are re-read at full resolution anyway.
 */
export const NARRATIVE_LINE_PX = 36;
/** Never below this scale: a page of large type (a cover) keeps enough pixels per stroke. */
const MIN_NARRATIVE_SCALE = 0.5;

/** The scale that brings the page's typical text line to NARRATIVE_LINE_PX (≤ 1). */
export function narrativeScale(img: GrayImage): number {
  const h = typicalLineHeight(img);
  if (!h) return 1;
  return Math.min(1, Math.max(MIN_NARRATIVE_SCALE, NARRATIVE_LINE_PX / h));
}

/**
 * The median height (px) of the runs of inked rows: on a page of text, one run per text line. Runs
 * under 8 px (rules, specks) are not lines. 0 when there are none.
 */
export function typicalLineHeight(img: GrayImage): number {
  const { width: w, height: h, data } = img;
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y <= h; y++) {
    let dark = 0;
    if (y < h) for (let i = y * w, end = i + w; i < end && dark < ROW_INK_PX; i++) if (data[i]! < 128) dark++;
    if (dark >= ROW_INK_PX) { run++; continue; }
    if (run >= 8) runs.push(run);
    run = 0;
  }
  if (!runs.length) return 0;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

/**
 * Columns [x0, x1) of rows [y0, y1) from the first to the last inked column, widened by `margin`
 * and clamped: the page's side margins are a quarter of its pixels, and Tesseract's work before
 * recognition grows with every pixel it is given.
 */
export function inkColumns(img: GrayImage, y0: number, y1: number, margin: number): [number, number] {
  const { width: w, data } = img;
  let lo = w, hi = -1;
  for (let y = y0; y < y1; y++) {
    const row = y * w;
    for (let x = 0; x < lo; x++) if (data[row + x]! < 128) { lo = x; break; }
    for (let x = w - 1; x > hi; x--) if (data[row + x]! < 128) { hi = x; break; }
  }
  if (hi < lo) return [0, w];
  return [Math.max(0, lo - margin), Math.min(w, hi + 1 + margin)];
}

/** Rows [y0, y1), columns [x0, x1) of the image as their own image, with a white margin above and below. */
function bandImage(img: GrayImage, y0: number, y1: number, margin: number, x0 = 0, x1 = img.width): GrayImage {
  const h = y1 - y0 + 2 * margin, w = x1 - x0;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = y0; y < y1; y++) data.set(img.data.subarray(y * img.width + x0, y * img.width + x1), (y - y0 + margin) * w);
  return { data, width: w, height: h };
}

/** Enough dark pixels to be worth a Tesseract call (an empty cell is not). */
export function hasInk(img: GrayImage, minDark = 12): boolean {
  let dark = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i++) if (d[i]! < 128 && ++dark >= minDark) return true;
  return false;
}

/**
 * Regions with ink that no recognised word covers, as pixel boxes: connected groups of inked
 * 0.1-inch tiles away from every word. Small specks (noise, a full stop) are left alone.
 */
export function uncoveredInk(img: GrayImage, words: readonly OcrWord[], dpi: number): [number, number, number, number][] {
  const S = Math.max(8, Math.round(dpi / 10));
  const cols = Math.ceil(img.width / S), rows = Math.ceil(img.height / S);
  const ink = new Uint32Array(cols * rows);
  for (let y = 0; y < img.height; y++) {
    const r = Math.floor(y / S) * cols, row = y * img.width;
    for (let x = 0; x < img.width; x++) if (img.data[row + x]! < 128) ink[r + Math.floor(x / S)]!++;
  }
  const covered = new Uint8Array(cols * rows);
  for (const w of words) {
    const c0 = Math.max(0, Math.floor((w.bbox[0] - S / 2) / S)), c1 = Math.min(cols - 1, Math.floor((w.bbox[2] + S / 2) / S));
    const r0 = Math.max(0, Math.floor((w.bbox[1] - S / 2) / S)), r1 = Math.min(rows - 1, Math.floor((w.bbox[3] + S / 2) / S));
    for (let r = r0; r <= r1; r++) covered.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
  const minInk = S * S * 0.02;
  const hot = (i: number) => !covered[i] && ink[i]! >= minInk;
  const seen = new Uint8Array(cols * rows);
  const boxes: [number, number, number, number][] = [];
  for (let i = 0; i < cols * rows; i++) {
    if (seen[i] || !hot(i)) continue;
    let c0 = cols, c1 = -1, r0 = rows, r1 = -1, n = 0;
    const stack = [i];
    seen[i] = 1;
    while (stack.length) {
      const j = stack.pop()!;
      const r = Math.floor(j / cols), c = j % cols;
      n++;
      c0 = Math.min(c0, c); c1 = Math.max(c1, c); r0 = Math.min(r0, r); r1 = Math.max(r1, r);
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr, cc = c + dc;
        if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
        const q = rr * cols + cc;
        if (!seen[q] && hot(q)) { seen[q] = 1; stack.push(q); }
      }
    }
    if (n < 4) continue;
    boxes.push([Math.max(0, (c0 - 1) * S), Math.max(0, (r0 - 1) * S), Math.min(img.width, (c1 + 2) * S), Math.min(img.height, (r1 + 2) * S)]);
  }
  return boxes;
}

/**
 * Turn ink much lighter than the region's text to paper: a grey stamp pressed over a name and NIP
 * then no longer breaks their glyphs (measured: NIP `9710215` → `19710215`). The cut-off follows
 * the region's darkest ink, so faint text is kept.
 */
export function dropLightInk(img: GrayImage): GrayImage {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v]!++;
  let acc = 0, dark = 0;
  const target = img.data.length * 0.02;
  for (let v = 0; v < 256; v++) { acc += hist[v]!; if (acc >= target) { dark = v; break; } }
  const cut = Math.max(90, Math.min(170, Math.round(dark + 0.4 * (255 - dark))));
  return { ...img, data: img.data.map((v) => (v > cut ? 255 : v)) };
}

/** Intersection over the smaller box. */
function overlapRatio(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!), h = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  if (w <= 0 || h <= 0) return 0;
  const area = (x: readonly number[]) => (x[2]! - x[0]!) * (x[3]! - x[1]!);
  return (w * h) / Math.max(1, Math.min(area(a), area(b)));
}
