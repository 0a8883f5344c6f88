import type { BBox, Segment, Word } from '../model/word.js';
import { groupLines, joinLines } from '../model/lines.js';

/** Coordinates closer than this (points) are the same ruling line. */
const SNAP = 2.5;

export interface GridCell {
  /** base row/column span, end-exclusive */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  bbox: BBox;
  words: Word[];
  /** cell text: its lines joined with spaces */
  text: string;
  /** lowest word confidence, 100 for an empty cell */
  conf: number;
}

/** A bordered table on one page: ruling-line positions and merged cells with their words. */
export interface Grid {
  page: number;
  bbox: BBox;
  /** column boundaries (x) and row boundaries (y), ascending */
  xs: number[];
  ys: number[];
  cells: GridCell[];
  /** the merged cell covering base cell (r, c) */
  at(r: number, c: number): GridCell;
}

export type H = { y: number; x0: number; x1: number };
type V = { x: number; y0: number; y1: number };

function mergeCollinear<T>(
  items: T[],
  key: (t: T) => number,
  lo: (t: T) => number,
  hi: (t: T) => number,
  make: (k: number, a: number, b: number) => T,
): T[] {
  const sorted = [...items].sort((a, b) => key(a) - key(b) || lo(a) - lo(b));
  const groups: T[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(key(g[0]!) - key(it)) <= SNAP) g.push(it);
    else groups.push([it]);
  }
  const out: T[] = [];
  for (const g of groups) {
    const k = g.reduce((s, t) => s + key(t), 0) / g.length;
    const spans = g.map((t) => [lo(t), hi(t)] as [number, number]).sort((a, b) => a[0] - b[0]);
    let [a, b] = spans[0]!;
    for (const [s, e] of spans.slice(1)) {
      if (s <= b + SNAP) b = Math.max(b, e);
      else {
        out.push(make(k, a, b));
        a = s;
        b = e;
      }
    }
    out.push(make(k, a, b));
  }
  return out;
}

/** The root of i in a union-find forest, shortening the path on the way. */
function root(parent: number[], i: number): number {
  if (parent[i] !== i) parent[i] = root(parent, parent[i]!);
  return parent[i]!;
}

function clusterValues(vals: number[]): number[] {
  const s = [...vals].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of s) {
    const g = out[out.length - 1];
    if (g && v - g[g.length - 1]! <= SNAP) g.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

/** Find the bordered tables of one page from its ruling lines and fill their cells with words. */
export function findGrids(page: number, segments: readonly Segment[], words: readonly Word[]): Grid[] {
  const segs = segments.filter((s) => s.page === page);
  const hs = mergeCollinear<H>(
    segs.filter((s) => Math.abs(s.y0 - s.y1) < 0.5).map((s) => ({ y: s.y0, x0: s.x0, x1: s.x1 })),
    (t) => t.y,
    (t) => t.x0,
    (t) => t.x1,
    (y, x0, x1) => ({ y, x0, x1 }),
  );
  const vs = mergeCollinear<V>(
    segs.filter((s) => Math.abs(s.x0 - s.x1) < 0.5).map((s) => ({ x: s.x0, y0: s.y0, y1: s.y1 })),
    (t) => t.x,
    (t) => t.y0,
    (t) => t.y1,
    (x, y0, y1) => ({ x, y0, y1 }),
  );

  // connected components of crossing lines are tables
  const parent = Array.from({ length: hs.length + vs.length }, (_, i) => i);
  const find = (i: number): number => root(parent, i);
  for (const [i, h] of hs.entries()) {
    for (const [j, v] of vs.entries()) {
      if (v.x >= h.x0 - SNAP && v.x <= h.x1 + SNAP && h.y >= v.y0 - SNAP && h.y <= v.y1 + SNAP) {
        parent[find(i)] = find(hs.length + j);
      }
    }
  }
  const comps = new Map<number, { h: H[]; v: V[] }>();
  hs.forEach((h, i) => {
    const r = find(i);
    if (!comps.has(r)) comps.set(r, { h: [], v: [] });
    comps.get(r)!.h.push(h);
  });
  vs.forEach((v, j) => {
    const r = find(hs.length + j);
    if (!comps.has(r)) comps.set(r, { h: [], v: [] });
    comps.get(r)!.v.push(v);
  });

  const grids: Grid[] = [];
  for (const { h, v } of comps.values()) {
    const ys = closeOpenEdges(clusterValues(h.map((t) => t.y)), v);
    const xs = impliedSideBorders(clusterValues(spanningBands(v, ys).map((t) => t.x)), h);
    if (ys.length < 2 || xs.length < 3) continue; // a box or a rule, not a table
    const w = xs[xs.length - 1]! - xs[0]!,
      ht = ys[ys.length - 1]! - ys[0]!;
    if (w < 60 || ht < 12) continue; // checkboxes, underlines
    grids.push(buildGrid(page, xs, ys, h, v, words));
  }
  return grids.sort((a, b) => a.bbox[1] - b.bbox[1]);
}

/**
 * The verticals of a column edge: all pieces at one x, kept when together they run from one row
 * rule to the next at least once. A stroke of a stamp or a tick crossing one rule (a few points
 * above and below it) bounds no cell, and as a column edge it split a column in two.
 */
function spanningBands(vs: readonly V[], ys: readonly number[]): V[] {
  if (ys.length < 2) return [...vs];
  const groups = new Map<number, V[]>();
  for (const x of clusterValues(vs.map((t) => t.x)))
    groups.set(
      x,
      vs.filter((t) => Math.abs(t.x - x) <= SNAP),
    );
  const out: V[] = [];
  for (const pieces of groups.values()) {
    const spans = ys.slice(1).some((y1, i) => {
      const y0 = ys[i]!;
      // the pieces' union covers [y0, y1]
      let reach = y0;
      for (const p of [...pieces].sort((a, b) => a.y0 - b.y0)) if (p.y0 <= reach + SNAP) reach = Math.max(reach, p.y1);
      return reach >= y1 - SNAP;
    });
    if (spans) out.push(...pieces);
  }
  return out;
}

/** How far (points) a table's horizontal rules must run past its outermost vertical to imply a border there. */
const SIDE_BORDER_MIN = 8;

/**
 * A side border too faint to be found (a thin rule scanned at 200–240 DPI and blurred stays lighter
 * than the text's ink threshold) would drop its whole column: the grid ends at the last rule found.
 * The table's horizontal rules still end where the border is: when its top and bottom rules (and
 * most of the others) run on past the outermost vertical to a common end, that end is a border.
 */
export function impliedSideBorders(xs: number[], hs: readonly H[]): number[] {
  if (xs.length < 2 || hs.length < 2) return xs;
  const byY = [...hs].sort((a, b) => a.y - b.y);
  const top = byY[0]!,
    bottom = byY[byY.length - 1]!;
  const out = [...xs];
  const ends = (end: (t: H) => number, past: (e: number) => boolean): number | null => {
    if (!past(end(top)) || !past(end(bottom)) || Math.abs(end(top) - end(bottom)) > SNAP) return null;
    const e = (end(top) + end(bottom)) / 2;
    const agree = byY.filter((t) => Math.abs(end(t) - e) <= SNAP).length;
    return agree * 2 >= byY.length ? e : null;
  };
  const right = ends(
    (t) => t.x1,
    (e) => e - xs[xs.length - 1]! >= SIDE_BORDER_MIN,
  );
  if (right !== null) out.push(right);
  const left = ends(
    (t) => t.x0,
    (e) => xs[0]! - e >= SIDE_BORDER_MIN,
  );
  if (left !== null) out.unshift(left);
  return out;
}

/** How far (points) the side borders must run past the last rule to be a row cut by the page. */
const OPEN_EDGE_MIN = 8;

/**
 * A row split by a page break (browsers print tall rows across pages) has no rule where the page
 * cuts it: the table's side borders run on past its last rule, or start before its first. Close
 * such an edge where both side borders end, so the cut row is a band with its words, which the
 * row on the next page continues.
 */
function closeOpenEdges(ys: number[], vs: readonly V[]): number[] {
  // one rule is enough: the rest of a cut row opening a page has only the rule under it
  if (ys.length < 1 || vs.length < 2) return ys;
  const xs = vs.map((t) => t.x);
  const left = Math.min(...xs),
    right = Math.max(...xs);
  const onLeft = vs.filter((t) => t.x - left <= SNAP),
    onRight = vs.filter((t) => right - t.x <= SNAP);
  const out = [...ys];
  // the edge is where the shorter of the two side borders ends: both must reach it
  const bottom = Math.min(Math.max(...onLeft.map((t) => t.y1)), Math.max(...onRight.map((t) => t.y1)));
  if (bottom - out[out.length - 1]! >= OPEN_EDGE_MIN) out.push(bottom);
  const top = Math.max(Math.min(...onLeft.map((t) => t.y0)), Math.min(...onRight.map((t) => t.y0)));
  if (out[0]! - top >= OPEN_EDGE_MIN) out.unshift(top);
  return out;
}

function buildGrid(page: number, xs: number[], ys: number[], hs: H[], vs: V[], words: readonly Word[]): Grid {
  const R = ys.length - 1,
    C = xs.length - 1;
  const vAt = (c: number, r: number): boolean => {
    if (c === 0 || c === C) return true;
    const x = xs[c]!,
      mid = (ys[r]! + ys[r + 1]!) / 2;
    return vs.some((t) => Math.abs(t.x - x) <= SNAP && t.y0 <= mid && t.y1 >= mid);
  };
  const hAt = (r: number, c: number): boolean => {
    if (r === 0 || r === R) return true;
    const y = ys[r]!,
      mid = (xs[c]! + xs[c + 1]!) / 2;
    return hs.some((t) => Math.abs(t.y - y) <= SNAP && t.x0 <= mid && t.x1 >= mid);
  };
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => root(parent, i);
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !vAt(c + 1, r)) parent[find(id(r, c))] = find(id(r, c + 1));
      if (r + 1 < R && !hAt(r + 1, c)) parent[find(id(r, c))] = find(id(r + 1, c));
    }
  const byRoot = new Map<number, GridCell>();
  const cellOf: GridCell[] = new Array(R * C);
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      const root = find(id(r, c));
      let cell = byRoot.get(root);
      if (!cell) {
        cell = {
          r0: r,
          r1: r + 1,
          c0: c,
          c1: c + 1,
          bbox: [xs[c]!, ys[r]!, xs[c + 1]!, ys[r + 1]!],
          words: [],
          text: '',
          conf: 100,
        };
        byRoot.set(root, cell);
      } else {
        cell.r0 = Math.min(cell.r0, r);
        cell.r1 = Math.max(cell.r1, r + 1);
        cell.c0 = Math.min(cell.c0, c);
        cell.c1 = Math.max(cell.c1, c + 1);
        cell.bbox = [xs[cell.c0]!, ys[cell.r0]!, xs[cell.c1]!, ys[cell.r1]!];
      }
      cellOf[id(r, c)] = cell;
    }
  const bbox: BBox = [xs[0]!, ys[0]!, xs[C]!, ys[R]!];
  for (const w of words) {
    if (w.page !== page) continue;
    const cx = (w.bbox[0] + w.bbox[2]) / 2,
      cy = (w.bbox[1] + w.bbox[3]) / 2;
    if (cx < bbox[0] || cx > bbox[2] || cy < bbox[1] || cy > bbox[3]) continue;
    if (isRuleRemnant(w, xs)) continue;
    const c = Math.min(C - 1, Math.max(0, upperIndex(xs, cx)));
    const r = Math.min(R - 1, Math.max(0, upperIndex(ys, cy)));
    cellOf[id(r, c)]!.words.push(w);
  }
  const cells = [...byRoot.values()];
  for (const cell of cells) {
    cell.text = joinLines(groupLines(cell.words).map((l) => l.text));
    cell.conf = cell.words.length ? Math.min(...cell.words.map((w) => w.conf)) : 100;
  }
  return { page, bbox, xs, ys, cells, at: (r, c) => cellOf[id(r, c)]! };
}

/** Glyphs OCR reads a vertical rule as. */
const RULE_GLYPHS = /^[|¦[\]!]+$/;

/**
 * A word that is only `|` (or `[`, `]`, `!`) lying on a column rule is that rule, read by OCR: in
 * a cell it turned the label `2` into `2 | |`, no row label, and the row was lost (bilevel scans).
 */
export function isRuleRemnant(w: Word, xs: readonly number[]): boolean {
  if (!RULE_GLYPHS.test(w.text.trim())) return false;
  const cx = (w.bbox[0] + w.bbox[2]) / 2;
  return w.bbox[2] - w.bbox[0] <= 2 * SNAP && xs.some((x) => Math.abs(cx - x) <= SNAP);
}

/** index i such that arr[i] <= v < arr[i+1] */
function upperIndex(arr: number[], v: number): number {
  let lo = 0,
    hi = arr.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function gridContains(g: Grid, w: Word): boolean {
  const cx = (w.bbox[0] + w.bbox[2]) / 2,
    cy = (w.bbox[1] + w.bbox[3]) / 2;
  return w.page === g.page && cx >= g.bbox[0] && cx <= g.bbox[2] && cy >= g.bbox[1] && cy <= g.bbox[3];
}
