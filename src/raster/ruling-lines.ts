import type { PageRaster } from '../model/image.js';
import { pxToPt } from '../model/image.js';
import type { Segment } from '../model/word.js';
import { otsuThreshold } from './binarize.js';

export interface RulingOptions {
  /** gray level below which a pixel is ink (default: Otsu) */
  threshold?: number;
  /** shortest horizontal rule, inches (a narrow table column is wider) */
  minHorizontalIn?: number;
  /** shortest vertical rule, inches (a one-line table row is taller; a letter's stem is shorter) */
  minVerticalIn?: number;
  /** thickest rule, inches (thicker is a filled area or a blob) */
  maxThicknessIn?: number;
  /** steepest rule, degrees: what deskew leaves behind */
  maxSlopeDeg?: number;
}

const DEFAULTS = { minHorizontalIn: 0.2, minVerticalIn: 0.15, maxThicknessIn: 0.04, maxSlopeDeg: 2.5 };
/** Ink runs shorter than this (inches) are never part of a rule: most of a glyph's strokes. */
const MIN_RUN_IN = 0.1;
/** Length over thickness below which a chain is a glyph stroke (a bold stem is ~7, a 1-row rule ~15+). */
const MIN_ASPECT = 12;
/** A line reaching this close to the page's edge (fraction of its size) is no table rule: tables stay inside the margins. */
const EDGE_FRACTION = 0.02;
/** Paper gaps up to this (inches) inside a rule are bridged: scanner dropouts, JPEG blotches. */
const GAP_IN = 0.012;

/**
 * Runs of ink along one axis: run r lies on line `k[r]` (a row for horizontal runs, a column for
 * vertical ones) from `a[r]` to `b[r]` inclusive. Ordered by k, then a.
 */
interface Runs {
  k: number[];
  a: number[];
  b: number[];
}

/**
 * Table borders of a scanned page as horizontal and vertical Segments in page points, ready for
 * `findGrids`. Long ink runs (with small gaps bridged) are collected in one pass over the pixels,
 * runs touching in adjacent rows (columns) are chained, which follows a rule that drifts by a few
 * pixels under residual skew, and each chain is kept when it is long, thin and straight: glyphs are
 * short, filled areas thick, a stamp's circle curved. A skewed rule comes out level at its mean
 * position, so deskew first: after that the drift is a pixel or two.
 */
export function detectRulingLines(raster: PageRaster, opts: RulingOptions = {}): Segment[] {
  const o = { ...DEFAULTS, ...opts };
  const { image: img, dpi, page } = raster;
  const t = opts.threshold ?? otsuThreshold(img);
  const minRun = Math.max(8, Math.round(MIN_RUN_IN * dpi));
  const gap = Math.max(1, Math.round(GAP_IN * dpi));
  const { h, v } = collectRuns(img.data, img.width, img.height, t, minRun, gap);
  const shape = {
    maxThickness: Math.max(2, o.maxThicknessIn * dpi),
    maxSlope: Math.tan((o.maxSlopeDeg * Math.PI) / 180),
    linkGap: gap,
  };
  const pt = (px: number) => pxToPt(px, dpi);
  const grayAt = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < img.width && y < img.height ? img.data[y * img.width + x]! : 255;
  const grayAtT = (along: number, across: number) => grayAt(across, along);
  const horizontal = mergeCollinear(
    chainRuns(h, { ...shape, ink: inkOf(grayAt, t) }).filter((l) => clearSides(l, grayAt, t)),
    gap * 3,
  ).filter((l) => l.to - l.from >= o.minHorizontalIn * dpi);
  const vertical = mergeCollinear(
    chainRuns(v, { ...shape, ink: inkOf(grayAtT, t) }).filter((l) => clearSides(l, grayAtT, t)),
    gap * 3,
  ).filter((l) => l.to - l.from >= o.minVerticalIn * dpi);
  // a streak along the feed (dirt on the glass, a worn drum) runs from the page's edge; a table's
  // rule stops at the margin. Left in, one streak joins every table it crosses into one grid.
  const edgeX = EDGE_FRACTION * img.width,
    edgeY = EDGE_FRACTION * img.height;
  const maxMark = MAX_MARK_IN * dpi;
  const droppedH = dropStreaks(horizontal, grayAt, t, img.width, edgeX, maxMark, gap);
  const droppedV = dropStreaks(vertical, grayAtT, t, img.height, edgeY, maxMark, gap);
  const keepH = droppedH.map((l) => trimLightEnds(l, droppedV, grayAt, t, gap));
  const keepV = droppedV.map((l) => trimLightEnds(l, droppedH, grayAtT, t, gap));
  return [
    ...keepH.map((l) => ({ page, x0: pt(l.from), y0: pt(l.at), x1: pt(l.to), y1: pt(l.at) })),
    ...keepV.map((l) => ({ page, x0: pt(l.at), y0: pt(l.from), x1: pt(l.at), y1: pt(l.to) })),
  ];
}

/**
 * A rule with a streak running on from its end: past the last rule it crosses, the line goes on
 * through a header row and the words in it (`Kinerja` cut between `r` and `j`, its group's last
 * column then lost), but there it is a streak's grey, not print. Each end piece (from the line's
 * end to the next rule it crosses) much lighter than the line between its crossings is cut off,
 * piece by piece. `across` are the lines of the other direction.
 */
function trimLightEnds(
  l: Line,
  across: readonly Line[],
  grayAt: (along: number, across: number) => number,
  t: number,
  gap: number,
): Line {
  const cuts = across
    .filter((c) => c.from - gap <= l.at && l.at <= c.to + gap && c.at > l.from + gap && c.at < l.to - gap)
    .map((c) => c.at)
    .sort((a, b) => a - b);
  if (!cuts.length) return l;
  const first = cuts[0]!,
    last = cuts[cuts.length - 1]!;
  const part = (from: number, to: number) =>
    coreGray({ ...l, from: Math.round(from), to: Math.round(to) }, grayAt, END_TRACK);
  // the line between its crossings, or (one crossing) the darker side of it, is its print
  const core = cuts.length > 1 ? part(first, last) : Math.min(part(l.from, first), part(first, l.to));
  const light = (g: number) => g > core + LIGHT_SHARE * (t - core);
  // piece by piece from each end: the streak may cross the table's own top rule before the header
  let from = l.from,
    to = l.to;
  for (let i = 0; i < cuts.length && cuts[i]! < to && light(part(from, cuts[i]!)); i++) from = cuts[i]!;
  for (let i = cuts.length - 1; i >= 0 && cuts[i]! > from && light(part(cuts[i]!, to)); i--) to = cuts[i]!;
  return from === l.from && to === l.to ? l : { ...l, from, to };
}

/** Pixels either side of a line's fitted centre its ends are read in: a streak chained with a rule drifts off the fit. */
const END_TRACK = 3;

/** A rule's ink along its centre: the median over its length of the darkest pixel within `reach` pixels of it. */
function coreGray(l: Line, grayAt: (along: number, across: number) => number, reach = 1): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let p = l.from; p < l.to; p += 2) {
    const c = Math.round(l.at - 0.5 + l.slope * (p - l.mid));
    let g = 255;
    for (let d = -reach; d <= reach; d++) g = Math.min(g, grayAt(p, c + d));
    hist[g]!++;
    n++;
  }
  let acc = 0;
  for (let g = 0; g < 256; g++) {
    acc += hist[g]!;
    if (acc * 2 >= n) return g;
  }
  return 255;
}

/**
 * A scanner streak is drawn by the scanner, not printed: it runs from the page's edge, and where it
 * is light (the usual dirt on the glass) its gray is far lighter than the printed rules'. Dropped:
 * every line reaching the edge; a line lighter than the page's rules that lies on the track of
 * another such light line (a light streak leaves pieces wherever it crosses a shaded header); and a
 * short light line (below `maxMark` pixels): a stamp's ring or a pen stroke in coloured ink is
 * nearly straight where it crosses one row, and a printed rule is as dark as the others.
 */
function dropStreaks(
  lines: Line[],
  grayAt: (along: number, across: number) => number,
  t: number,
  size: number,
  edge: number,
  maxMark: number,
  gap: number,
): Line[] {
  const atEdge = (l: Line) => l.from <= edge || l.to >= size - edge;
  const gray = lines.map((l) => coreGray(l, grayAt));
  const rules = lines.flatMap((l, i) => (atEdge(l) ? [] : [{ g: gray[i]!, w: l.to - l.from }]));
  const ref = weightedMedian(rules);
  // print is at most this light; lines lighter than it are a streak's or a mark's
  const printCut = ref === null ? null : ref + LIGHT_SHARE * (t - ref);
  const light = gray.map((g) => printCut !== null && g > printCut);
  // a streak lying right on a printed rule is one line with it, reaching the edge: the rule is the
  // part of it as dark as print, as long as a rule is and well short of the whole streak
  const underStreaks = lines.flatMap((l, i) =>
    printCut !== null && atEdge(l) && light[i] ? printedSpans(l, grayAt, printCut, t, maxMark, gap) : [],
  );
  // the streak runs at the scan's own angle, which deskew turned the page away from
  const onTrack = (i: number) => {
    const l = lines[i]!;
    return lines.some((m, j) => {
      const apart = Math.max(m.from - l.to, l.from - m.to);
      return j !== i && light[j] && apart > 0 && Math.abs(m.at - l.at) <= STREAK_TRACK + STREAK_SLANT * apart;
    });
  };
  return [
    ...lines.filter((l, i) => !atEdge(l) && !(light[i] && (l.to - l.from < maxMark || onTrack(i)))),
    ...underStreaks.filter((l) => !atEdge(l)),
  ];
}

/**
 * The printed rules a light line reaching the edge holds. A streak runs at the scan's angle and
 * chains with every rule it touches; the rules are level. So each position across the streak's
 * track (and STREAK_TRACK pixels either side) is read along the line's length for print-dark ink
 * (`cut`), gaps up to `gap` pixels bridged: a stretch at least `minLen` long with paper on both
 * sides is a rule. None when such stretches make up most of the line (it is all one dark streak).
 */
function printedSpans(
  l: Line,
  grayAt: (along: number, across: number) => number,
  cut: number,
  t: number,
  minLen: number,
  gap: number,
): Line[] {
  const ends = [l.from, l.to].map((p) => l.at - 0.5 + l.slope * (p - l.mid));
  const lo = Math.floor(Math.min(...ends)) - STREAK_TRACK,
    hi = Math.ceil(Math.max(...ends)) + STREAK_TRACK;
  const found: Line[] = [];
  for (let c = lo; c <= hi; c++) {
    let start = -1,
      lastDark = -Infinity;
    const close = () => {
      if (start >= 0 && lastDark + 1 - start >= minLen)
        found.push({
          at: c + 0.5,
          from: start,
          to: lastDark + 1,
          thickness: 1,
          slope: 0,
          mid: (start + lastDark + 1) / 2,
        });
    };
    for (let p = l.from; p < l.to; p++) {
      if (grayAt(p, c) > cut) continue;
      if (start < 0 || p - lastDark > gap + 1) {
        close();
        start = p;
      }
      lastDark = p;
    }
    close();
  }
  if (found.reduce((n, f) => Math.max(n, f.to - f.from), 0) > STREAK_PRINTED_SHARE * (l.to - l.from)) return [];
  // a rule is a few pixels thick: one line per run of neighbouring positions
  const rules = mergeCollinear(found, gap);
  return rules.filter((r) => clearSides(r, grayAt, t));
}

/** A line reaching the page's edge that is as dark as print over more than this share of it is a dark streak, not a rule under a light one. */
const STREAK_PRINTED_SHARE = 0.5;

/** A light line shorter than this (inches) is a mark, not a rule: a printed table's rules span at least a header and a row. */
const MAX_MARK_IN = 0.5;

/** Pieces of one streak lie this close (pixels) across each other, plus the slant (tan 3°, the steepest skew deskew undoes) over the gap between them. */
const STREAK_TRACK = 6;
const STREAK_SLANT = 0.05;

function weightedMedian(xs: readonly { g: number; w: number }[]): number | null {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a.g - b.g);
  const total = sorted.reduce((s, x) => s + x.w, 0);
  let acc = 0;
  for (const x of sorted) {
    acc += x.w;
    if (acc * 2 >= total) return x.g;
  }
  return sorted[sorted.length - 1]!.g;
}

/** One pass over the pixels: horizontal runs per row and vertical runs per column (state per column). */
function collectRuns(
  d: Uint8Array,
  w: number,
  hgt: number,
  t: number,
  minRun: number,
  gap: number,
): { h: Runs; v: Runs } {
  const h: Runs = { k: [], a: [], b: [] };
  const vRaw: Runs = { k: [], a: [], b: [] };
  const vStart = new Int32Array(w).fill(-1);
  const vLast = new Int32Array(w);
  for (let y = 0; y < hgt; y++) {
    let start = -1,
      last = 0;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (d[i]! < t) {
        if (start < 0) start = x;
        last = x;
        if (vStart[x]! < 0) vStart[x] = y;
        vLast[x] = y;
      } else {
        if (start >= 0 && x - last > gap) {
          if (last - start + 1 >= minRun) {
            h.k.push(y);
            h.a.push(start);
            h.b.push(last);
          }
          start = -1;
        }
        if (vStart[x]! >= 0 && y - vLast[x]! > gap) {
          if (vLast[x]! - vStart[x]! + 1 >= minRun) {
            vRaw.k.push(x);
            vRaw.a.push(vStart[x]!);
            vRaw.b.push(vLast[x]!);
          }
          vStart[x] = -1;
        }
      }
    }
    if (start >= 0 && last - start + 1 >= minRun) {
      h.k.push(y);
      h.a.push(start);
      h.b.push(last);
    }
  }
  for (let x = 0; x < w; x++) {
    if (vStart[x]! >= 0 && vLast[x]! - vStart[x]! + 1 >= minRun) {
      vRaw.k.push(x);
      vRaw.a.push(vStart[x]!);
      vRaw.b.push(vLast[x]!);
    }
  }
  // vertical runs come out in the order they end: sort by column, then start
  const order = vRaw.k.map((_, i) => i).sort((p, q) => vRaw.k[p]! - vRaw.k[q]! || vRaw.a[p]! - vRaw.a[q]!);
  const v: Runs = { k: order.map((i) => vRaw.k[i]!), a: order.map((i) => vRaw.a[i]!), b: order.map((i) => vRaw.b[i]!) };
  return { h, v };
}

/**
 * A straight rule along the run axis: `at` across it (pixel centre, mean over its length), from..to
 * along it (end-exclusive); across = at + slope · (along − mid).
 */
interface Line {
  at: number;
  from: number;
  to: number;
  thickness: number;
  slope: number;
  mid: number;
}

/** What the chaining needs to know of the page: the rule shape, and how dark runs' ink is. */
interface ChainShape {
  maxThickness: number;
  maxSlope: number;
  linkGap: number;
  ink: RunInk;
}

/** The page's gray along runs, and the ink threshold. */
interface RunInk {
  /** median gray of run r (`along` from a to b on line k) */
  gray(r: Runs, i: number): number;
  threshold: number;
}

function inkOf(grayAt: (along: number, across: number) => number, threshold: number): RunInk {
  return {
    threshold,
    gray(r, i) {
      const a = r.a[i]!,
        b = r.b[i]!,
        k = r.k[i]!;
      const step = Math.max(1, Math.floor((b - a) / 16));
      const gs: number[] = [];
      for (let p = a; p <= b; p += step) gs.push(grayAt(p, k));
      gs.sort((x, y) => x - y);
      return gs[gs.length >> 1]!;
    },
  };
}

/** Chain runs on adjacent lines that overlap (or nearly touch), then keep chains shaped like rules. */
function chainRuns(r: Runs, shape: ChainShape): Line[] {
  const n = r.k.length;
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // runs of line k−1 are [prevStart, curStart); two pointers over both sorted by a
  let prevStart = 0,
    curStart = 0;
  while (curStart < n) {
    let curEnd = curStart;
    while (curEnd < n && r.k[curEnd] === r.k[curStart]) curEnd++;
    const hasPrev = curStart > 0 && r.k[curStart - 1] === r.k[curStart]! - 1;
    if (hasPrev) {
      let p = prevStart;
      for (let c = curStart; c < curEnd; c++) {
        while (p < curStart && r.b[p]! + shape.linkGap < r.a[c]!) p++;
        for (let q = p; q < curStart && r.a[q]! <= r.b[c]! + shape.linkGap; q++) {
          const a = find(c),
            b = find(q);
          if (a !== b) parent[a] = b;
        }
      }
    }
    prevStart = curStart;
    curStart = curEnd;
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const lines: Line[] = [];
  for (const idx of members.values()) {
    const fit = fitChain(r, idx);
    const line = ruleShaped(fit, shape) ? fit : peel(r, idx, fit, shape);
    if (line) lines.push(line);
  }
  return lines;
}

/** A chain's straight-line fit, with the spread of its pixels across that line. */
interface Fit extends Line {
  /** pixels in the chain */
  n: number;
  /** spread across the fitted line (a straight band of thickness T gives about T/√12, times √12) */
  spread: number;
}

/** Extent, pixel count and the pixel-weighted least-squares line k ≈ α + β·c of runs `idx`. */
function fitChain(r: Runs, idx: readonly number[]): Fit {
  let from = Number.POSITIVE_INFINITY,
    to = 0,
    n = 0,
    sc = 0,
    sk = 0,
    scc = 0,
    sck = 0,
    skk = 0;
  for (const i of idx) {
    const a = r.a[i]!,
      b = r.b[i]!,
      k = r.k[i]!;
    const len = b - a + 1,
      c = (a + b) / 2;
    from = Math.min(from, a);
    to = Math.max(to, b + 1);
    n += len;
    sc += len * c;
    sk += len * k;
    // a run's second moment along its length, so one long run alone still defines a slope of 0
    scc += len * c * c + (len * (len * len - 1)) / 12;
    sck += len * c * k;
    skk += len * k * k;
  }
  const mc = sc / n,
    mk = sk / n;
  const vcc = scc / n - mc * mc,
    vck = sck / n - mc * mk,
    vkk = skk / n - mk * mk;
  const slope = vcc > 0 ? vck / vcc : 0;
  const spread = Math.sqrt(12 * Math.max(0, vkk - slope * vck));
  return { at: mk + 0.5, from, to, thickness: n / (to - from), slope, mid: mc, n, spread };
}

function ruleShaped(f: Fit, shape: { maxThickness: number; maxSlope: number }): boolean {
  // a rule is many times longer than thick; a letter's stem or bar (even in a 20 pt title) is not
  if (f.thickness > shape.maxThickness || f.to - f.from < MIN_ASPECT * f.thickness) return false;
  if (Math.abs(f.slope) > shape.maxSlope) return false;
  // a stamp's circle where it runs nearly straight is a lens: wider spread than its mean thickness
  return !(f.spread > f.thickness + 2.8 || f.spread > f.thickness * 1.2 + 0.3);
}

/** Share of a chain's extent a rule peeled out of it must keep (a stamp's arc keeps far less). */
const PEEL_KEEP = 0.9;

/**
 * A chain that fails the shape test may still hold a rule: see `peelAlong` (a pen stroke across
 * it) and `darkRuns` (a light streak chained with it).
 */
function peel(r: Runs, idx: readonly number[], fit: Fit, shape: ChainShape): Line | null {
  const line = peelAlong(r, idx, fit, shape);
  if (line) return line;
  const dark = darkRuns(r, idx, shape.ink);
  if (!dark) return null;
  const f = fitChain(r, dark);
  return ruleShaped(f, shape) ? f : peelAlong(r, dark, f, shape);
}

/**
 * A rule with a pen stroke across it (a circle drawn round a figure, a tick reaching the border)
 * chains with the stroke's flat runs and fails the shape test as a whole, losing a row of the
 * table. Keep the runs lying along the chain's own line, closer each time, and take what is left when it is
 * a rule spanning (nearly) the whole chain: a stamp's or a signature's curve never does.
 */
function peelAlong(r: Runs, idx: readonly number[], fit: Fit, shape: ChainShape): Line | null {
  let line = fit;
  let kept = idx;
  // wide, then the rule's thickness, then its own half-width: a stroke touching the rule side-on
  // (a stamp's ring tangent to a column rule) leaves runs beside it that widen its spread
  for (let pass = 0; pass < 3; pass++) {
    const tol = Math.max(1.5, [shape.maxThickness / 2, line.thickness, line.thickness / 2 + 0.5][pass]!);
    kept = kept.filter((i) => {
      const c = (r.a[i]! + r.b[i]!) / 2;
      return Math.abs(r.k[i]! + 0.5 - (line.at + line.slope * (c - line.mid))) <= tol;
    });
    if (!kept.length) return null;
    line = fitChain(r, kept);
  }
  if (line.to - line.from < PEEL_KEEP * (fit.to - fit.from)) return null;
  return ruleShaped(line, shape) ? line : null;
}

/**
 * A scanner streak that touches a printed rule (running at the scan's angle, it meets the rule
 * somewhere) chains with it over the streak's whole length, and outweighs it. Its ink is light:
 * the runs far darker than it, if any, are the rule's (null when none are, or all are: a stamp's
 * or a pen's curve is as dark as the part of it lying straight).
 */
function darkRuns(r: Runs, idx: readonly number[], ink: RunInk): number[] | null {
  const gray = idx.map((i) => ink.gray(r, i));
  const darkest = gray.reduce((m, g) => Math.min(m, g), 255);
  const cut = darkest + LIGHT_SHARE * (ink.threshold - darkest);
  const dark = idx.filter((_, j) => gray[j]! <= cut);
  return dark.length && dark.length < idx.length ? dark : null;
}

/** Ink lighter than this share of the way from print's gray (the page's rules, a chain's darkest) to the ink threshold is a streak's. */
const LIGHT_SHARE = 0.5;

/** Ink allowed alongside a rule, each side (table rules here: ≤ 0.08; baselines of serif text: ≥ 0.3). */
const MAX_SIDE_INK = 0.2;

/**
 * A rule has paper on both sides (cell padding); a chain of runs that is really the baseline of
 * serif text (bridged feet), the top or crossbars of bold text, or an underline drawn tight under
 * its words has the letters' ink right beside it. Letters are printed as dark as the rule; a light
 * scanner streak running beside a rule is not, and does not count.
 * `grayAt(along, across)` reads the page in the rule's own axes.
 */
function clearSides(l: Line, grayAt: (along: number, across: number) => number, t: number): boolean {
  const off = l.thickness / 2 + 2;
  const dark = Math.min(t, (coreGray(l, grayAt) + t) / 2);
  let a = 0,
    b = 0,
    n = 0;
  for (let p = l.from; p < l.to; p += 2) {
    const c = l.at - 0.5 + l.slope * (p - l.mid);
    for (const d of [off, off + 1.5]) {
      if (grayAt(p, Math.round(c - d)) < dark) a++;
      if (grayAt(p, Math.round(c + d)) < dark) b++;
      n++;
    }
  }
  return n > 0 && a / n <= MAX_SIDE_INK && b / n <= MAX_SIDE_INK;
}

/** Join pieces of one rule broken by a gap up to `maxGap` pixels (a dropout longer than bridging). */
function mergeCollinear(lines: Line[], maxGap: number): Line[] {
  const sorted = [...lines].sort((p, q) => p.at - q.at || p.from - q.from);
  const out: Line[] = [];
  for (const l of sorted) {
    const m = out.find(
      (o) =>
        Math.abs(o.at - l.at) <= Math.max(2, (o.thickness + l.thickness) / 2) &&
        l.from <= o.to + maxGap &&
        o.from <= l.to + maxGap,
    );
    if (!m) {
      out.push({ ...l });
      continue;
    }
    const lenM = m.to - m.from,
      lenL = l.to - l.from;
    m.at = (m.at * lenM + l.at * lenL) / (lenM + lenL);
    m.from = Math.min(m.from, l.from);
    m.to = Math.max(m.to, l.to);
    m.thickness = Math.max(m.thickness, l.thickness);
  }
  return out;
}
