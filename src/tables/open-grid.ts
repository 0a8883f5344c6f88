import type { BBox, Line, Segment, Word } from '../model/word.js';
import { groupLines, joinLines } from '../model/lines.js';
import type { Grid, GridCell } from './grid.js';
import { isRowLabel } from './rows.js';

/**
 * Tables ruled with horizontal lines only: a rule over the header, one under it and one under the
 * last row (and often one under every row), no vertical lines. The columns are the gaps every
 * body line leaves open; the rows are the rules, and inside a band holding several rows the
 * lines that open with a row label in the first column (`1`, `1.1`, `JUMLAH`). The result is a
 * Grid like a bordered table's, so the rest of the reading does not know the difference.
 */

/** Rules closer than this (points) are one rule; extents within it are the same width. */
const SNAP = 2.5;
const EXTENT_TOLERANCE = 6;
/** Narrower rules are underlines, not a table's. */
const MIN_RULE_WIDTH = 150;
/** An open gap narrower than this (points) is a word space, not a column edge. */
const MIN_COLUMN_GAP = 4;
/** A line with this many words and no wide gap is prose: a table does not run through it. */
const PROSE_WORDS = 9;
const WIDE_GAP = 9;
/** Column edges are sought on at most this many steps across a table (10 000 points at half a point). */
const MAX_EDGE_BINS = 20_000;

interface Rule {
  y: number;
  x0: number;
  x1: number;
}

export function findOpenGrids(
  page: number,
  segments: readonly Segment[],
  words: readonly Word[],
  ruled: readonly Grid[],
): Grid[] {
  const inRuled = (x: number, y: number) =>
    ruled.some((g) => x >= g.bbox[0] - SNAP && x <= g.bbox[2] + SNAP && y >= g.bbox[1] - SNAP && y <= g.bbox[3] + SNAP);
  const rules = mergeRules(
    segments.filter((s) => s.page === page && Math.abs(s.y0 - s.y1) < 0.5 && !inRuled((s.x0 + s.x1) / 2, s.y0)),
  );
  // a vertical rule crossing a horizontal one makes a bordered table: findGrids reads those
  const verticals = segments.filter((s) => s.page === page && Math.abs(s.x0 - s.x1) < 0.5);
  const free = rules.filter(
    (r) =>
      r.x1 - r.x0 >= MIN_RULE_WIDTH &&
      !verticals.some((v) => v.x0 >= r.x0 - SNAP && v.x0 <= r.x1 + SNAP && r.y >= v.y0 - SNAP && r.y <= v.y1 + SNAP),
  );
  const pageWords = words.filter((w) => w.page === page && !inRuled(cx(w), cy(w)));
  const lines = groupLines(pageWords);
  const out: Grid[] = [];
  for (const stack of stacks(free, lines)) {
    // partial rules inside the table (under a group header, under the header's lower row)
    const inner = rules.filter(
      (r) =>
        r.y > stack[0]!.y + SNAP &&
        r.y < stack[stack.length - 1]!.y - SNAP &&
        r.x0 >= stack[0]!.x0 - EXTENT_TOLERANCE &&
        r.x1 <= stack[0]!.x1 + EXTENT_TOLERANCE,
    );
    const grid = openGrid(page, stack, inner, pageWords, lines);
    if (grid) out.push(grid);
  }
  return out;
}

const cx = (w: Word) => (w.bbox[0] + w.bbox[2]) / 2;
const cy = (w: Word) => (w.bbox[1] + w.bbox[3]) / 2;

function mergeRules(segs: readonly Segment[]): Rule[] {
  const sorted = [...segs].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const out: Rule[] = [];
  for (const s of sorted) {
    const x0 = Math.min(s.x0, s.x1),
      x1 = Math.max(s.x0, s.x1);
    const same = out.find((r) => Math.abs(r.y - s.y0) <= SNAP && x0 <= r.x1 + SNAP && x1 >= r.x0 - SNAP);
    if (same) {
      same.x0 = Math.min(same.x0, x0);
      same.x1 = Math.max(same.x1, x1);
    } else out.push({ y: s.y0, x0, x1 });
  }
  return out.sort((a, b) => a.y - b.y);
}

/** Rules of one table: same extent, stacked, with no prose or caption between two of them. */
function stacks(rules: readonly Rule[], lines: readonly Line[]): Rule[][] {
  const out: Rule[][] = [];
  const used = new Set<Rule>();
  for (const first of rules) {
    if (used.has(first)) continue;
    const stack = [first];
    used.add(first);
    for (const r of rules) {
      if (used.has(r) || r.y <= stack[stack.length - 1]!.y) continue;
      if (Math.abs(r.x0 - first.x0) > EXTENT_TOLERANCE || Math.abs(r.x1 - first.x1) > EXTENT_TOLERANCE) continue;
      const last = stack[stack.length - 1]!;
      const between = lines.filter((l) => l.bbox[1] > last.y && l.bbox[3] < r.y);
      if (between.some((l) => isProse(l, first) || /^\s*tabel\s/i.test(l.text))) break;
      stack.push(r);
      used.add(r);
    }
    // one rule makes a table only where rows run on from it to the page's margin (openGrid)
    out.push(stack);
  }
  return out;
}

/** A line of running text: many words, no gap wide enough to part two cells, across the rule's width. */
function isProse(line: Line, rule: Rule): boolean {
  const ws = [...line.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  if (ws.length < PROSE_WORDS || line.bbox[2] - line.bbox[0] < 0.7 * (rule.x1 - rule.x0)) return false;
  return !ws.slice(1).some((w, i) => w.bbox[0] - ws[i]!.bbox[2] >= WIDE_GAP);
}

function openGrid(
  page: number,
  stack: readonly Rule[],
  inner: readonly Rule[],
  words: readonly Word[],
  lines: readonly Line[],
): Grid | null {
  const x0 = Math.min(...stack.map((r) => r.x0)),
    x1 = Math.max(...stack.map((r) => r.x1));
  let top = stack[0]!.y,
    bottom = stack[stack.length - 1]!.y;
  const within = (t: number, b: number) => words.filter((w) => cx(w) >= x0 && cx(w) <= x1 && cy(w) > t && cy(w) < b);
  // a table the page break cut: its last rows run on under the last rule (no rule closes a row a
  // browser splits), or its first rows stand over the first rule (a part without its header)
  // (the columns the rules' own rows show; none when the rules hold only the header)
  const ruledBody = groupLines(within(top, bottom)).some((l) => rowLabelAt(l, x0));
  const probe = ruledBody ? columnEdges(within(top, bottom), [], x0, x1) : [];
  const down = runOn(lines, bottom, x0, x1, 1, probe),
    up = runOn(lines, top, x0, x1, -1, probe);
  if (down) bottom = down;
  if (up) top = up;
  if (stack.length < 2 && !down && !up) return null;
  const inside = within(top, bottom);
  if (!inside.length) return null;
  const headerBottom = headerEnd(groupLines(inside), inner, top, x0);
  const bodyRules = stack.filter((r) => r.y > headerBottom + SNAP && r.y < bottom - SNAP && r.y > top + SNAP);
  const body = inside.filter((w) => cy(w) > headerBottom);
  const header = inside.filter((w) => cy(w) < headerBottom);
  const xs = withoutChanceSplits(
    withoutEmptyHeaders(columnEdges(body.length ? body : inside, header, x0, x1), header),
    body,
    header,
    x0,
  );
  if (xs.length < 4) return null; // three columns at least: a boxed paragraph is no table
  const col = (x: number) =>
    Math.max(
      0,
      Math.min(
        xs.length - 2,
        xs.findIndex((e, i) => x >= e && x < (xs[i + 1] ?? Infinity)),
      ),
    );
  // rows: the rules, and inside a band, the lines that open a row
  const ys: number[] = [top];
  const headerLines = groupLines(inside.filter((w) => cy(w) < headerBottom));
  for (let i = 1; i < headerLines.length; i++) ys.push((headerLines[i - 1]!.bbox[3] + headerLines[i]!.bbox[1]) / 2);
  if (headerBottom > top) ys.push(headerBottom);
  const edgesY = [headerBottom, ...bodyRules.map((r) => r.y), bottom];
  for (let k = 0; k < edgesY.length - 1; k++) {
    const a = edgesY[k]!,
      b = edgesY[k + 1]!;
    const bandLines = groupLines(inside.filter((w) => cy(w) > a && cy(w) < b));
    for (const y of rowStarts(bandLines, xs)) ys.push(y);
    ys.push(b);
  }
  const uniq = [...new Set(ys.map((y) => Math.round(y * 100) / 100))].sort((a, b) => a - b);
  return buildOpenGrid(page, xs, uniq, inside, headerBottom, col);
}

/**
 * The lines running on from a rule (down, or up with `dir` -1) to the page's margin: close to one
 * another, not prose, not a caption, every word inside one column; the line past them (a running
 * header or footer, a page number) stands off by a margin's gap. The new edge, or null.
 */
function runOn(
  lines: readonly Line[],
  from: number,
  x0: number,
  x1: number,
  dir: 1 | -1,
  xs: readonly number[],
): number | null {
  const inRange = lines.filter((l) => l.bbox[0] >= x0 - SNAP && l.bbox[2] <= x1 + SNAP);
  const ordered =
    dir === 1
      ? inRange.filter((l) => l.bbox[1] > from).sort((a, b) => a.bbox[1] - b.bbox[1])
      : inRange.filter((l) => l.bbox[3] < from).sort((a, b) => b.bbox[3] - a.bbox[3]);
  const others = lines.filter((l) => !inRange.includes(l));
  const gap = (edge: number, l: Line) => (dir === 1 ? l.bbox[1] - edge : edge - l.bbox[3]);
  const run: Line[] = [];
  let edge = from;
  for (const l of ordered) {
    const h = l.bbox[3] - l.bbox[1];
    if (gap(edge, l) > 1.6 * h + 2 || /^\s*tabel\s/i.test(l.text) || fitsColumns(l, xs) === false) break;
    run.push(l);
    edge = dir === 1 ? l.bbox[3] : l.bbox[1];
  }
  if (!run.length) return null;
  const h = run[0]!.bbox[3] - run[0]!.bbox[1];
  // nothing else close past the run: the table ran into the page's margin
  const beyond = [...ordered.slice(run.length), ...others].filter((l) =>
    dir === 1 ? l.bbox[1] > edge : l.bbox[3] < edge,
  );
  if (beyond.some((l) => gap(edge, l) <= 2.5 * h)) return null;
  if (!run.some((l) => rowLabelAt(l, x0))) return null;
  return dir === 1 ? edge + 1 : edge - 1;
}

/** The column-number row under a header: `1 2 3 …`, `(1) (2) …`. */
const numberingLine = (l: Line) => l.words.length >= 3 && l.words.every((w) => /^\(?\d{1,2}\)?$/.test(w.text));

/** A line opening a row: a row label at the table's left, and not the column-number row. */
const rowLabelAt = (l: Line, x0: number) => {
  const first = [...l.words].sort((a, b) => a.bbox[0] - b.bbox[0])[0]!;
  return first.bbox[0] - x0 < 40 && isRowLabel(first.text) && !numberingLine(l);
};

/** The line is no prose, and (where columns are known) every word of it inside one column. */
function fitsColumns(l: Line, xs: readonly number[]): boolean {
  const ws = [...l.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  if (ws.length >= PROSE_WORDS && ws.every((w, i) => i === 0 || w.bbox[0] - ws[i - 1]!.bbox[2] < WIDE_GAP))
    return false;
  return xs.length < 4 || ws.every((w) => !xs.slice(1, -1).some((e) => w.bbox[0] < e - 1 && w.bbox[2] > e + 1));
}

/**
 * Where the header ends: at the lowest rule (full or partial) above the first line that opens
 * with a row label (`1`, not the column-number row `1 2 3 …`), else just above that line. No
 * such line: no header.
 */
function headerEnd(lines: readonly Line[], inner: readonly Rule[], top: number, x0: number): number {
  const i = lines.findIndex((l) => rowLabelAt(l, x0));
  if (i <= 0) return top;
  const first = lines[i]!;
  const ruled = inner.filter((r) => r.y < first.bbox[1] + 1).map((r) => r.y);
  return ruled.length ? Math.max(...ruled) : (lines[i - 1]!.bbox[3] + first.bbox[1]) / 2;
}

/**
 * Column edges: x positions no body line covers (a few lines may: `JUMLAH` across No and Uraian).
 * In each such gap the edge goes where it cuts no header word, nearest the gap's middle: a header
 * is centred over its column and may reach past the column's numbers.
 */
function columnEdges(body: readonly Word[], header: readonly Word[], x0: number, x1: number): number[] {
  const lines = groupLines(body);
  if (!(Number.isFinite(x1 - x0) && x1 > x0)) return [x0];
  // half a point; coarser on a page scaled past reason (/UserUnit 1e26), so the tally stays small
  const step = Math.max(0.5, (x1 - x0) / MAX_EDGE_BINS);
  const n = Math.ceil((x1 - x0) / step);
  const cover = new Uint16Array(n);
  for (const l of lines) {
    const seen = new Uint8Array(n);
    for (const w of l.words) {
      const a = Math.max(0, Math.floor((w.bbox[0] - x0) / step)),
        b = Math.min(n - 1, Math.ceil((w.bbox[2] - x0) / step));
      for (let i = a; i <= b; i++) seen[i] = 1;
    }
    for (let i = 0; i < n; i++) cover[i] = cover[i]! + seen[i]!;
  }
  const allowed = Math.floor(0.1 * lines.length);
  const edges: number[] = [x0];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const open = i < n && cover[i]! <= allowed;
    if (open && start < 0) start = i;
    if (!open && start >= 0) {
      const a = x0 + start * step,
        b = x0 + i * step;
      // gaps at the borders are the table's margins, not column edges
      if (b - a >= MIN_COLUMN_GAP && start > 0 && i < n) edges.push(edgeIn(a, b, header));
      start = -1;
    }
  }
  edges.push(x1);
  return edges;
}

function edgeIn(a: number, b: number, header: readonly Word[]): number {
  const mid = (a + b) / 2;
  const cuts = (x: number) => header.some((w) => w.bbox[0] < x && w.bbox[2] > x);
  if (!cuts(mid)) return mid;
  const options = header.flatMap((w) => [w.bbox[0] - 0.5, w.bbox[2] + 0.5]).filter((x) => x > a && x < b && !cuts(x));
  return options.sort((p, q) => Math.abs(p - mid) - Math.abs(q - mid))[0] ?? mid;
}

/**
 * A gap a long line of a text column left open by chance (the other lines end short of its last
 * word): the column it opens holds words of few rows, and the label over the text column reaches
 * across it. Real sparse columns (`Keterangan`) have a label of their own.
 */
function withoutChanceSplits(xs: number[], body: readonly Word[], header: readonly Word[], x0: number): number[] {
  const lines = groupLines(body);
  const rows = lines.filter((l) => rowLabelAt(l, x0)).length;
  if (rows < 2) return xs;
  const out = [xs[0]!];
  for (let i = 1; i < xs.length - 1; i++) {
    const a = xs[i]!,
      b = xs[i + 1]!;
    const used = lines.filter((l) => l.words.some((w) => cx(w) >= a && cx(w) < b)).length;
    const crossed = header.some((w) => w.bbox[0] < a - 0.5 && w.bbox[2] > a + 0.5);
    if (used < Math.max(2, 0.34 * rows) && crossed) continue;
    out.push(a);
  }
  out.push(xs[xs.length - 1]!);
  return out;
}

/**
 * A column whose header is empty while the column left of it has one: a gap the body left open
 * by chance inside a column of text (its lines end short of one long line's last word).
 */
function withoutEmptyHeaders(xs: number[], header: readonly Word[]): number[] {
  if (!header.length) return xs;
  const labelled = (i: number) => header.some((w) => cx(w) >= xs[i]! && cx(w) < xs[i + 1]!);
  const out = [xs[0]!];
  for (let i = 1; i < xs.length - 1; i++) {
    // drop the edge before column i when column i has no header but the one before it does
    if (!labelled(i) && labelled(i - 1)) continue;
    out.push(xs[i]!);
  }
  out.push(xs[xs.length - 1]!);
  return out;
}

/**
 * Where rows start inside a band of lines: a line whose first-column text is a row label opens
 * a row; the boundary before it is the widest gap between the previous label's line and it
 * (cells aligned to the middle leave their label half way down), the nearer one on a tie.
 */
function rowStarts(lines: readonly Line[], xs: readonly number[]): number[] {
  const anchors = lines.map((l, i) => ({ l, i })).filter(({ l }) => rowLabelAt(l, xs[0]!) || firstColumnLabel(l, xs));
  const out: number[] = [];
  const gaps: number[] = [];
  for (let k = 1; k < anchors.length; k++) {
    const from = anchors[k - 1]!.i,
      to = anchors[k]!.i;
    let best = to,
      gap = -Infinity;
    for (let j = from + 1; j <= to; j++) {
      const g = lines[j]!.bbox[1] - lines[j - 1]!.bbox[3];
      if (g > gap + 0.5 || (Math.abs(g - gap) <= 0.5 && j > best)) {
        gap = g;
        best = j;
      }
    }
    gaps.push(gap);
    out.push((lines[best - 1]!.bbox[3] + lines[best]!.bbox[1]) / 2);
  }
  // lines before the first label: the rest of a row the page break cut (set apart by a row's
  // gap), or the first lines of a row whose label sits lower in its cell (a line's gap)
  const first = anchors[0];
  if (first && first.i > 0 && gaps.length) {
    const lead = lines[first.i]!.bbox[1] - lines[first.i - 1]!.bbox[3];
    const typical = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
    if (lead >= 0.8 * typical) out.push((lines[first.i - 1]!.bbox[3] + lines[first.i]!.bbox[1]) / 2);
  }
  return out;
}

/** The first column's words of a line form a row label. */
function firstColumnLabel(l: Line, xs: readonly number[]): boolean {
  const first = l.words
    .filter((w) => cx(w) < xs[1]!)
    .map((w) => w.text)
    .join(' ');
  return !!first && isRowLabel(first) && !numberingLine(l);
}

function buildOpenGrid(
  page: number,
  xs: number[],
  ys: number[],
  words: readonly Word[],
  headerBottom: number,
  col: (x: number) => number,
): Grid {
  const R = ys.length - 1,
    C = xs.length - 1;
  const cellOf: GridCell[] = new Array(R * C);
  const cells: GridCell[] = [];
  const rowOf = (y: number) =>
    Math.max(
      0,
      Math.min(
        R - 1,
        ys.findIndex((e, i) => y >= e && y < (ys[i + 1] ?? Infinity)),
      ),
    );
  const byBand = new Map<number, Word[]>();
  for (const w of words) {
    const r = rowOf(cy(w));
    byBand.set(r, [...(byBand.get(r) ?? []), w]);
  }
  for (let r = 0; r < R; r++) {
    const band = byBand.get(r) ?? [];
    // in the header a phrase spanning columns (`Anggaran` over Pagu, Realisasi, Capaian) is one merged cell
    const spans = ys[r + 1]! <= headerBottom + SNAP ? phraseSpans(band, col) : [];
    for (let c = 0; c < C; c++) {
      if (cellOf[r * C + c]) continue;
      const span = spans.find((s) => s.c0 === c);
      const c1 = span ? span.c1 : c + 1;
      const cell: GridCell = {
        r0: r,
        r1: r + 1,
        c0: c,
        c1,
        bbox: [xs[c]!, ys[r]!, xs[c1]!, ys[r + 1]!],
        words: [],
        text: '',
        conf: 100,
      };
      for (let k = c; k < c1; k++) cellOf[r * C + k] = cell;
      cells.push(cell);
    }
    for (const w of band) cellOf[r * C + col(cx(w))]?.words.push(w);
  }
  for (const cell of cells) {
    cell.text = joinLines(groupLines(cell.words).map((l) => l.text));
    cell.conf = cell.words.length ? Math.min(...cell.words.map((w) => w.conf)) : 100;
  }
  const bbox: BBox = [xs[0]!, ys[0]!, xs[C]!, ys[R]!];
  return { page, bbox, xs, ys, cells, at: (r, c) => cellOf[r * C + c]! };
}

/** Runs of words (no wide gap) in one header line that reach over more than one column. */
function phraseSpans(band: readonly Word[], col: (x: number) => number): { c0: number; c1: number }[] {
  const out: { c0: number; c1: number }[] = [];
  for (const line of groupLines(band)) {
    const ws = [...line.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
    let run: Word[] = [];
    const flush = () => {
      if (!run.length) return;
      const c0 = col(run[0]!.bbox[0] + 0.5),
        c1 = col(run[run.length - 1]!.bbox[2] - 0.5) + 1;
      if (c1 - c0 > 1 && !out.some((s) => s.c0 < c1 && c0 < s.c1)) out.push({ c0, c1 });
      run = [];
    };
    for (const w of ws) {
      const prev = run[run.length - 1];
      if (prev && w.bbox[0] - prev.bbox[2] > 4) flush();
      run.push(w);
    }
    flush();
  }
  return out;
}
