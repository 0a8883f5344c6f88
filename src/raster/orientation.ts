import type { GrayImage } from '../model/image.js';
import { inkMask, otsuThreshold } from './binarize.js';
import { downsample } from './gray.js';
import { deskew, maskPoints as points, scanAngles } from './skew.js';

export type QuarterTurn = 0 | 90 | 180 | 270;

export interface Orientation {
  /** clockwise quarter turn that makes the page upright (`rotateQuarter(img, angle)`) */
  angle: QuarterTurn;
  /** text lines run across the page (0/180) rather than down it: best row vs column projection, ≥ 1 */
  lineEvidence: number;
  /** ascender-over-descender balance of the text lines, −1…1 after turning; near 0 = undecided */
  uprightEvidence: number;
  /** skew of the lines once turned upright, degrees (as `estimateSkew`; measured on a half-size copy) */
  skew: number;
}

const WORK_WIDTH = 1240;
/** Gap (pixels of the quarter-size copy, ~75 DPI) closed between the letters of a word. */
const WORD_GAP = 3;
/** runDirection ratio (or its inverse) that decides the lines' direction; measured ≥ 3.5 on text pages. */
const MIN_RUN_DIRECTION = 1.5;
/** Skew (degrees) from which the ascender test runs on a straightened copy rather than along the slant. */
const MIN_LEVEL_SKEW = 0.5;
/**
 * Ink above and below the text lines' x-height bands (pixels, per pixel of the working width) the
 * balance needs before it says anything: a page set all in capitals has almost none.
 */
const MIN_BALANCE_INK = 0.08;
/** Below this ascender/descender balance the page is left as it is rather than flipped. */
const MIN_UPRIGHT_EVIDENCE = 0.04;

/**
 * Which way up the page is, from the text itself: lines of text make the row projection far more
 * uneven than the column projection (0/180 vs 90/270), and in Latin script ascenders and capitals
 * put more ink above the x-height band than descenders put below it (0 vs 180).
 */
export function detectOrientation(img: GrayImage): Orientation {
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: a tuned divisor (about A4's aspect); Math.SQRT2 would move the rounding edge
  const factor = Math.max(1, Math.round(Math.max(img.width, img.height) / (WORK_WIDTH * 1.414)));
  const small = downsample(img, factor);
  const t = otsuThreshold(small);
  let mask = inkMask(small, t);
  let { width: w, height: h } = small;

  // line direction and a rough skew need little resolution: half again, coarse angles only
  const tiny = downsample(small, 2);
  const tinyMask = inkMask(tiny, t);
  const rows = scanAngles(points(tinyMask, tiny.width, tiny.height, false), 5, false, 0.5);
  const cols = scanAngles(points(tinyMask, tiny.width, tiny.height, true), 5, false, 0.5);
  // which way the lines run: the letters of a word join along it (runDirection). The projections
  // decide it only where that says nothing: on a page that is mostly a table its column gutters and
  // rules make the column projection as uneven as the rows', and a portrait page was turned
  const runs = runDirection(tinyMask, tiny.width, tiny.height, WORD_GAP);
  const vertical = Math.abs(Math.log(runs)) >= Math.log(MIN_RUN_DIRECTION) ? runs < 1 : cols.best > rows.best;
  const lineEvidence = Math.max(rows.best, cols.best) / Math.max(1, Math.min(rows.best, cols.best));
  if (vertical) {
    // turn the mask a quarter clockwise so the lines run across
    mask = turnMaskClockwise(mask, w, h);
    [w, h] = [h, w];
  }
  // the ascender test needs the skew to a tenth of a degree: refine around the rough angle
  const rough = vertical
    ? scanAngles(points(downsampleMask(mask, w, h), w >> 1, h >> 1, false), 5, false, 0.5).angle
    : rows.angle;
  const skew = scanAngles(points(mask, w, h, false), 0.5, true, 0.25, rough).angle;
  // a skewed table's rules are staircases of short runs that withoutLongRuns keeps, and they hug
  // the text of the cells: measured level, they are long runs again and go
  let level = mask;
  if (Math.abs(skew) >= MIN_LEVEL_SKEW) {
    const turned = vertical ? rotateQuarter(small, 90) : small;
    level = inkMask(deskew(turned, skew), t);
  }
  const upright = ascenderBalance(withoutLongRuns(level, w, h, Math.round(w / 30)), w, h, level === mask ? skew : 0);
  let angle: number = vertical ? 90 : 0;
  if (upright < -MIN_UPRIGHT_EVIDENCE) angle += 180;
  // a half turn leaves the skew as it is: lines descending to the right still do
  return {
    angle: (angle % 360) as QuarterTurn,
    lineEvidence,
    uprightEvidence: upright,
    skew: Math.round(skew * 1000) / 1000,
  };
}

/**
 * How much longer ink runs are across the page than down it once gaps of up to `gap` pixels are
 * closed (rules left out): along a line of text the letters of a word join into one long run,
 * down it a run is one letter high. Length-weighted mean run across over the same down; > 1: the
 * lines run across.
 */
export function runDirection(mask: Uint8Array, w: number, h: number, gap: number): number {
  const clean = withoutLongRuns(mask, w, h, Math.round(Math.max(w, h) / 8));
  const weighted = (across: boolean) => {
    let s1 = 0,
      s2 = 0;
    const outer = across ? h : w,
      inner = across ? w : h;
    for (let o = 0; o < outer; o++) {
      let start = -1,
        last = -1;
      for (let i = 0; i <= inner; i++) {
        const on = i < inner && clean[across ? o * w + i : i * w + o] === 1;
        if (on) {
          if (start < 0) start = i;
          last = i;
        } else if (start >= 0 && (i === inner || i - last > gap)) {
          const len = last - start + 1;
          s1 += len;
          s2 += len * len;
          start = -1;
        }
      }
    }
    return s1 ? s2 / s1 : 0;
  };
  const down = weighted(false);
  return down ? weighted(true) / down : 1;
}

/** Halve a 0/1 mask (a 2×2 block is ink when two or more of its pixels are). */
function downsampleMask(mask: Uint8Array, w: number, h: number): Uint8Array {
  const W = w >> 1,
    H = h >> 1,
    out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = 2 * y * w + 2 * x;
      out[y * W + x] = mask[i]! + mask[i + 1]! + mask[i + w]! + mask[i + w + 1]! >= 2 ? 1 : 0;
    }
  }
  return out;
}

function turnMaskClockwise(mask: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  // new width is h: pixel (x, y) goes to (h − 1 − y, x)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * h + (h - 1 - y)] = mask[y * w + x]!;
  return out;
}

/**
 * The mask without ink runs of `minRun` pixels or more, across or down: a table's rules would
 * otherwise become the densest row of a text line and hide its x-height band, and its vertical
 * rules leave no blank row between the lines of its cells.
 */
function withoutLongRuns(mask: Uint8Array, w: number, h: number, minRun: number): Uint8Array {
  const out = mask.slice();
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; ) {
      if (!mask[row + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < w && mask[row + x]) x++;
      if (x - start >= minRun) out.fill(0, row + start, row + x);
    }
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; ) {
      if (!mask[y * w + x]) {
        y++;
        continue;
      }
      const start = y;
      while (y < h && mask[y * w + x]) y++;
      if (y - start >= minRun) for (let k = start; k < y; k++) out[k * w + x] = 0;
    }
  }
  return out;
}

/**
 * Σ(ink above the x-height band − ink below it) / Σ(both) over the text lines of vertical strips
 * of the page (strips keep lines of side-by-side columns and table cells from blurring together).
 * Positive: upright.
 */
function ascenderBalance(mask: Uint8Array, w: number, h: number, skewDeg: number): number {
  const strips = 3;
  const tan = Math.tan((skewDeg * Math.PI) / 180);
  const pad = Math.ceil(Math.abs(tan) * w) + 2;
  let above = 0,
    below = 0;
  for (let s = 0; s < strips; s++) {
    const x0 = Math.floor((s * w) / strips),
      x1 = Math.floor(((s + 1) * w) / strips);
    const prof = new Float64Array(h + 2 * pad);
    for (let y = 0; y < h; y++) {
      for (let x = x0, i = y * w + x0; x < x1; x++, i++) if (mask[i]) prof[Math.round(y - (x - x0) * tan) + pad]! += 1;
    }
    const r = stripBalance(prof, x1 - x0);
    above += r.above;
    below += r.below;
  }
  // a few specks of ink beside capitals (a cover in capitals and a drawn logo: 18 pixels above, 29
  // below) tell nothing, however lopsided: a text page weighs thousands
  return above + below >= MIN_BALANCE_INK * w ? (above - below) / (above + below) : 0;
}

/** Split a row profile into text lines at blank rows and weigh the ink above and below each core band. */
function stripBalance(prof: Float64Array, stripWidth: number): { above: number; below: number } {
  const lines: [number, number][] = [];
  const blank = Math.max(1, stripWidth * 0.002);
  for (let y = 0; y < prof.length; ) {
    if (prof[y]! <= blank) {
      y++;
      continue;
    }
    const start = y;
    while (y < prof.length && prof[y]! > blank) y++;
    lines.push([start, y]);
  }
  const heights = lines.map(([a, b]) => b - a).sort((a, b) => a - b);
  const median = heights[heights.length >> 1] ?? 0;
  let above = 0,
    below = 0;
  for (const [a, b] of lines) {
    const lh = b - a;
    // rules and specks are too thin to have a band; tall blobs are pictures or merged lines
    if (lh < 6 || lh < median * 0.5 || lh > median * 2.5) continue;
    let max = 0;
    for (let y = a; y < b; y++) max = Math.max(max, prof[y]!);
    let top = a,
      bot = b - 1;
    while (prof[top]! < max * 0.5) top++;
    while (prof[bot]! < max * 0.5) bot--;
    // capitals and digits fill the whole line: no x-height band, nothing to tell up from down
    if (bot - top + 1 > 0.7 * lh) continue;
    for (let y = a; y < top; y++) above += prof[y]!;
    for (let y = bot + 1; y < b; y++) below += prof[y]!;
  }
  return { above, below };
}

/** Turn the image clockwise by a quarter-turn multiple. */
export function rotateQuarter(img: GrayImage, angle: QuarterTurn): GrayImage {
  const { width: w, height: h, data: d } = img;
  if (angle === 0) return img;
  const out = new Uint8Array(d.length);
  if (angle === 180) {
    for (let i = 0, j = d.length - 1; i < d.length; i++, j--) out[j] = d[i]!;
    return { data: out, width: w, height: h };
  }
  // 90: (x, y) → (h − 1 − y, x); 270: (x, y) → (y, w − 1 − x); new width h
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const to = angle === 90 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      out[to] = d[y * w + x]!;
    }
  }
  return { data: out, width: h, height: w };
}
