import type { GrayImage, PageRaster } from '../model/image.js';
import { otsuThreshold } from './binarize.js';
import { downsample } from './gray.js';

type Pt = [number, number];

/** The sheet is looked for on a copy about this many pixels on its long side. */
const FIND_LONG_SIDE = 600;
/** A scan has paper (or the glass's white) all along its edges; a photo has the desk there. */
const MAX_PAPER_ON_EDGES = 0.6;
/** The sheet covers at least this much of a photo. */
const MIN_SHEET_AREA = 0.3;
/** A sheet whose measured proportions are this close to A4's is taken to be A4. */
const A4_TOLERANCE = 0.15;
/** Width of an A4 sheet, inches: the flattened page's resolution follows from it. */
const A4_WIDTH_IN = 8.27;

/**
 * The four corners (top-left, top-right, bottom-right, bottom-left, image pixels) of a sheet of
 * paper photographed on a darker background, or null when the image is not such a photo (a scan:
 * paper reaches its edges). The sheet is the largest bright region of a small copy; its corners
 * are the region's extreme points along the two diagonals, which holds for the mild perspective of
 * a page photographed from above.
 */
export function findSheet(img: GrayImage): [Pt, Pt, Pt, Pt] | null {
  const f = Math.max(1, Math.floor(Math.max(img.width, img.height) / FIND_LONG_SIDE));
  const small = downsample(img, f);
  const { width: w, height: h, data } = small;
  if (w < 20 || h < 20) return null;
  const t = otsuThreshold(small);
  const bright0 = (i: number) => data[i]! >= t;
  let edge = 0,
    edgeN = 0;
  for (let x = 0; x < w; x++) {
    edge += +bright0(x) + +bright0((h - 1) * w + x);
    edgeN += 2;
  }
  for (let y = 0; y < h; y++) {
    edge += +bright0(y * w) + +bright0(y * w + w - 1);
    edgeN += 2;
  }
  if (edge / edgeN > MAX_PAPER_ON_EDGES) return null;
  // paper against the desk, not ink against the rest: one threshold let a sheet on a light desk
  // leak into its brighter patches (corners off by a tenth of the page), so the threshold follows
  // the light: halfway between the desk there (fitted to the photo's border) and the paper
  const local = sheetThreshold(small, t);
  const bright = (i: number) => data[i]! >= local[i]!;
  // the largest 4-connected bright region
  const label = new Int32Array(w * h);
  let best = 0,
    bestSize = 0,
    next = 0;
  const stack: number[] = [];
  for (let i = 0; i < w * h; i++) {
    if (label[i] || !bright(i)) continue;
    const id = ++next;
    let size = 0;
    label[i] = id;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      size++;
      const x = j % w,
        y = (j - x) / w;
      for (const q of [x > 0 ? j - 1 : -1, x < w - 1 ? j + 1 : -1, y > 0 ? j - w : -1, y < h - 1 ? j + w : -1]) {
        if (q >= 0 && !label[q] && bright(q)) {
          label[q] = id;
          stack.push(q);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = id;
    }
  }
  if (bestSize < MIN_SHEET_AREA * w * h) return null;
  const ext = { tl: [Infinity, 0, 0], tr: [-Infinity, 0, 0], br: [-Infinity, 0, 0], bl: [-Infinity, 0, 0] };
  for (let i = 0; i < w * h; i++) {
    if (label[i] !== best) continue;
    const x = i % w,
      y = (i - x) / w;
    if (x + y < ext.tl[0]!) ext.tl = [x + y, x, y];
    if (x - y > ext.tr[0]!) ext.tr = [x - y, x, y];
    if (x + y > ext.br[0]!) ext.br = [x + y, x, y];
    if (y - x > ext.bl[0]!) ext.bl = [y - x, x, y];
  }
  const full = (p: Pt): Pt => [(p[0] + 0.5) * f, (p[1] + 0.5) * f];
  const rough: [Pt, Pt, Pt, Pt] = [
    [ext.tl[1]!, ext.tl[2]!],
    [ext.tr[1]!, ext.tr[2]!],
    [ext.br[1]!, ext.br[2]!],
    [ext.bl[1]!, ext.bl[2]!],
  ];
  // where the region leaked into a bright patch of the desk its extreme points are off: the sides,
  // fitted along their middles, place the corners
  const refined = sheetEdges(label, best, w, h, rough) ?? rough;
  return [full(refined[0]), full(refined[1]), full(refined[2]), full(refined[3])];
}

/**
 * Corners that make a sheet: a convex quadrilateral, each corner turning the same way by a fair
 * angle (a photographed rectangle's corners stay far from flat). A bright region of another shape
 * (a scan darkened towards its edges, a streak) gives corners that coincide or lie in line; the
 * page is then read as it is.
 */
function isSheetShaped(q: readonly Pt[]): boolean {
  const turns = q.map((p, i) => {
    const a = q[(i + 3) % 4]!,
      b = q[(i + 1) % 4]!;
    const u: Pt = [p[0] - a[0], p[1] - a[1]],
      v: Pt = [b[0] - p[0], b[1] - p[1]];
    const lu = Math.hypot(u[0], u[1]),
      lv = Math.hypot(v[0], v[1]);
    // the sine of the turn at p: 1 for a right angle, 0 for corners in line or coinciding
    return lu && lv ? (u[0] * v[1] - u[1] * v[0]) / (lu * lv) : 0;
  });
  return turns.every((t) => t > MIN_CORNER_SINE) || turns.every((t) => t < -MIN_CORNER_SINE);
}

/** A photographed sheet's corner stays within about 55° of a right angle (sin 35°). */
const MIN_CORNER_SINE = 0.57;

/** A side of the sheet: y = a + b·x (top, bottom) or x = a + b·y (left, right). */
type EdgeLine = { a: number; b: number };

/**
 * The sheet's four sides fitted as straight lines to the region's outline along the middle of
 * each side (a bright patch of background leaking into the region near a corner moved that corner
 * by a tenth of the page), each fit trimmed of its worst points; the corners are where the lines
 * meet. Null when a side has too few points (the rough corners stand).
 */
function sheetEdges(
  label: Int32Array,
  id: number,
  w: number,
  h: number,
  [tl, tr, br, bl]: [Pt, Pt, Pt, Pt],
): [Pt, Pt, Pt, Pt] | null {
  const inside = (x: number, y: number) => label[y * w + x] === id;
  const span = (a: number, b: number) => {
    const lo = Math.min(a, b),
      hi = Math.max(a, b);
    return [Math.ceil(lo + 0.2 * (hi - lo)), Math.floor(hi - 0.2 * (hi - lo))] as const;
  };
  const collect = (from: number, to: number, first: (k: number) => number | null): Pt[] => {
    const pts: Pt[] = [];
    for (let k = from; k <= to; k++) {
      const v = first(k);
      if (v !== null) pts.push([k, v]);
    }
    return pts;
  };
  const scan = (n: number, test: (i: number) => boolean, reverse: boolean): number | null => {
    for (let j = 0; j < n; j++) {
      const i = reverse ? n - 1 - j : j;
      if (test(i)) return i;
    }
    return null;
  };
  const [tx0, tx1] = span(tl[0], tr[0]),
    [bx0, bx1] = span(bl[0], br[0]),
    [ly0, ly1] = span(tl[1], bl[1]),
    [ry0, ry1] = span(tr[1], br[1]);
  const top = fitEdge(
    collect(tx0, tx1, (x) => scan(h, (y) => inside(x, y), false)),
    -1,
  );
  const bottom = fitEdge(
    collect(bx0, bx1, (x) => scan(h, (y) => inside(x, y), true)),
    1,
  );
  const left = fitEdge(
    collect(ly0, ly1, (y) => scan(w, (x) => inside(x, y), false)),
    -1,
  );
  const right = fitEdge(
    collect(ry0, ry1, (y) => scan(w, (x) => inside(x, y), true)),
    1,
  );
  if (!top || !bottom || !left || !right) return null;
  // y = a1 + b1·x meets x = a2 + b2·y
  const meet = (hz: EdgeLine, vt: EdgeLine): Pt => {
    const y = (hz.a + hz.b * vt.a) / (1 - hz.b * vt.b);
    return [vt.a + vt.b * y, y];
  };
  return [meet(top, left), meet(top, right), meet(bottom, right), meet(bottom, left)];
}

/**
 * Least-squares line v = a + b·k through a side's outline points, refitted without the points
 * lying outward of it (`outward`: the sign of v's direction away from the sheet) by more than a
 * pixel or two, and without the tenth lying farthest inward. A leak into the desk only ever
 * pushes the outline outward, so the fit settles on the sheet's own edge.
 */
function fitEdge(pts: readonly Pt[], outward: 1 | -1): EdgeLine | null {
  if (pts.length < 10) return null;
  const leastSquares = (ps: readonly Pt[]): EdgeLine => {
    const n = ps.length;
    let sk = 0,
      sv = 0,
      skk = 0,
      skv = 0;
    for (const [k, v] of ps) {
      sk += k;
      sv += v;
      skk += k * k;
      skv += k * v;
    }
    const den = n * skk - sk * sk;
    const b = den ? (n * skv - sk * sv) / den : 0;
    return { a: (sv - b * sk) / n, b };
  };
  let line = leastSquares(pts);
  for (let pass = 0; pass < 4; pass++) {
    const res = pts.map(([k, v]) => outward * (v - (line.a + line.b * k)));
    const inward = [...res].sort((x, y) => x - y)[Math.floor(res.length * 0.1)]!;
    const kept = pts.filter((_, i) => res[i]! <= 1.5 && res[i]! >= inward);
    if (kept.length < 10) break;
    line = leastSquares(kept);
  }
  return line;
}

/**
 * Per pixel of `img`, the gray level halfway between the background (a quadratic surface fitted to
 * the image's border, refitted once without the samples it fits worst: where the sheet touches
 * the border) and the paper (the median of the centre's pixels brighter than `otsu`).
 */
function sheetThreshold(img: GrayImage, otsu: number): Float32Array {
  const { width: w, height: h, data } = img;
  const samples: [number, number, number][] = [];
  for (let x = 0; x < w; x += 2) samples.push([x / w, 0, data[x]!], [x / w, 1, data[(h - 1) * w + x]!]);
  for (let y = 0; y < h; y += 2) samples.push([0, y / h, data[y * w]!], [1, y / h, data[y * w + w - 1]!]);
  const terms = (x: number, y: number) => [1, x, y, x * x, x * y, y * y];
  let coef = fitSurface(samples, terms);
  const at = (c: number[], x: number, y: number) => terms(x, y).reduce((s, v, i) => s + v * c[i]!, 0);
  const res = samples.map(([x, y, v]) => Math.abs(v - at(coef, x, y))).sort((a, b) => a - b);
  const cut = res[Math.floor(res.length * 0.8)]! * 2 + 2;
  coef = fitSurface(
    samples.filter(([x, y, v]) => Math.abs(v - at(coef, x, y)) <= cut),
    terms,
  );
  const centre: number[] = [];
  for (let y = Math.floor(h * 0.3); y < h * 0.7; y++)
    for (let x = Math.floor(w * 0.3); x < w * 0.7; x++) if (data[y * w + x]! >= otsu) centre.push(data[y * w + x]!);
  centre.sort((a, b) => a - b);
  const paper = centre[centre.length >> 1] ?? 255;
  // light falls on desk and sheet alike: the paper is brighter than the desk beside it by the same
  // factor everywhere, the one measured at the centre
  const bgCentre = at(coef, 0.5, 0.5);
  const ratio = bgCentre > 0 ? paper / bgCentre : 1;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const bg = Math.max(1, at(coef, x / w, y / h));
      // too little contrast to tell the desk from the paper: the global threshold
      out[y * w + x] = paper - bgCentre < MIN_SHEET_CONTRAST || ratio <= 1 ? otsu : (bg * (1 + ratio)) / 2;
    }
  return out;
}

/** Gray levels between paper and background under which the fitted background is not trusted. */
const MIN_SHEET_CONTRAST = 12;

/** Least squares of v ≈ Σ c_i · terms(x, y)_i (normal equations, Gaussian elimination). */
function fitSurface(samples: readonly [number, number, number][], terms: (x: number, y: number) => number[]): number[] {
  const n = terms(0, 0).length;
  const A = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (const [x, y, v] of samples) {
    const t = terms(x, y);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) A[i]![j]! += t[i]! * t[j]!;
      A[i]![n]! += t[i]! * v;
    }
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const pv = A[c]![c]!;
    if (Math.abs(pv) < 1e-9)
      return [samples.reduce((s, q) => s + q[2], 0) / Math.max(1, samples.length), 0, 0, 0, 0, 0];
    for (let k = c; k <= n; k++) A[c]![k]! /= pv;
    for (let r = 0; r < n; r++) {
      const m = A[r]![c]!;
      if (r !== c && m !== 0) for (let k = c; k <= n; k++) A[r]![k]! -= m * A[c]![k]!;
    }
  }
  return A.map((row) => row[n]!);
}

/** The 3×3 homography (row-major, h33 = 1) taking the four `from` points to the four `to` points. */
export function homography(from: readonly Pt[], to: readonly Pt[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!,
      [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u], [0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const pv = A[c]![c]!;
    if (Math.abs(pv) < 1e-12) throw new RangeError('degenerate quadrilateral');
    for (let k = c; k < 9; k++) A[c]![k]! /= pv;
    for (let r = 0; r < 8; r++) {
      const m = A[r]![c]!;
      if (r !== c && m !== 0) for (let k = c; k < 9; k++) A[r]![k]! -= m * A[c]![k]!;
    }
  }
  return [...A.map((row) => row[8]!), 1];
}

/**
 * Divide out uneven light: the paper's brightness is estimated per block (its brightest pixels),
 * interpolated across the page, and every pixel scaled so paper is white everywhere. A photo's
 * shading (one side darker) otherwise survives a single global threshold as grey ink.
 */
export function evenLight(img: GrayImage): GrayImage {
  const { width: w, height: h, data } = img;
  const B = Math.max(16, Math.round(Math.max(w, h) / 40));
  const bw = Math.ceil(w / B),
    bh = Math.ceil(h / B);
  const bg = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      const hist = new Uint32Array(256);
      let n = 0;
      for (let y = by * B; y < Math.min(h, (by + 1) * B); y++)
        for (let x = bx * B; x < Math.min(w, (bx + 1) * B); x++) {
          hist[data[y * w + x]!]!++;
          n++;
        }
      // the 90th percentile: paper, unless the block is all ink
      let acc = 0,
        v = 255;
      for (; v > 0; v--) {
        acc += hist[v]!;
        if (acc >= 0.1 * n) break;
      }
      bg[by * bw + bx] = Math.max(v, 40);
    }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / B - 0.5)),
      y0 = Math.floor(fy),
      y1 = Math.min(bh - 1, y0 + 1),
      ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / B - 0.5)),
        x0 = Math.floor(fx),
        x1 = Math.min(bw - 1, x0 + 1),
        tx = fx - x0;
      const b =
        (bg[y0 * bw + x0]! * (1 - tx) + bg[y0 * bw + x1]! * tx) * (1 - ty) +
        (bg[y1 * bw + x0]! * (1 - tx) + bg[y1 * bw + x1]! * tx) * ty;
      out[y * w + x] = Math.min(255, Math.round((data[y * w + x]! * 250) / b));
    }
  }
  return { data: out, width: w, height: h };
}

/**
 * A phone photo of a page, flattened: the sheet found, mapped onto an upright rectangle of its own
 * size (bilinear), its light evened out, its resolution taken from an A4 sheet's width. Null when
 * the raster is not a photo of a sheet (a scan), so the caller keeps it as it is.
 */
export function flattenPhoto(r: PageRaster): PageRaster | null {
  const q = findSheet(r.image);
  if (!q || !isSheetShaped(q)) return null;
  const [tl, tr, br, bl] = q;
  const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const W = Math.round(Math.max(dist(tl, tr), dist(bl, br)));
  let H = Math.round(Math.max(dist(tl, bl), dist(tr, br)));
  if (W < 100 || H < 100) return null;
  // perspective shortens the far edges: a sheet measured near A4's proportions is A4
  const a4 = H > W ? Math.SQRT2 : Math.SQRT1_2;
  if (Math.abs(H / W / a4 - 1) < A4_TOLERANCE) H = Math.round(W * a4);
  // output pixel → photo pixel
  const m = homography(
    [
      [0, 0],
      [W, 0],
      [W, H],
      [0, H],
    ],
    q,
  );
  const src = r.image,
    sw = src.width,
    sh = src.height,
    sd = src.data;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const d = m[6]! * x + m[7]! * y + 1;
      const u = Math.min(sw - 1.001, Math.max(0, (m[0]! * x + m[1]! * y + m[2]!) / d));
      const v = Math.min(sh - 1.001, Math.max(0, (m[3]! * x + m[4]! * y + m[5]!) / d));
      const x0 = u | 0,
        y0 = v | 0,
        fx = u - x0,
        fy = v - y0,
        i = y0 * sw + x0;
      out[y * W + x] =
        (sd[i]! * (1 - fx) + sd[i + 1]! * fx) * (1 - fy) + (sd[i + sw]! * (1 - fx) + sd[i + sw + 1]! * fx) * fy;
    }
  // a landscape sheet (a page turned 90° in the photo) is as wide as A4 is tall
  const widthIn = W > H ? A4_WIDTH_IN * Math.SQRT2 : A4_WIDTH_IN;
  return { page: r.page, image: evenLight({ data: out, width: W, height: H }), dpi: W / widthIn };
}
