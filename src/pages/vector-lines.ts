import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { pdfjs } from './pdfjs.js';
import type { Segment } from '../model/word.js';

type Matrix = [number, number, number, number, number, number];
const OPS = pdfjs.OPS as Record<string, number>;
const PAINT_STROKE = new Set([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const PAINT_FILL = new Set([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 };

/** Thinner than this (points) a filled rectangle is a drawn line (Chromium draws borders so). */
const MAX_RULE_THICKNESS = 3;
/** Shorter than this a segment is a glyph or tick, not a table border. */
const MIN_RULE_LENGTH = 4;

function mul(a: Matrix, b: Matrix): Matrix {
  return pdfjs.Util.transform(a, b) as Matrix;
}
function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * Horizontal and vertical ruling lines drawn on a page (stroked lines and thin filled
 * rectangles), in top-left page points. Table borders of born-digital PDFs come from here;
 * scanned pages get the same Segment type from the image.
 */
export async function vectorSegments(page: PDFPageProxy, pageNo: number): Promise<Segment[]> {
  return (await pageGraphics(page, pageNo)).segments;
}

/** An image drawn on a page: its box in top-left page points. */
export type ImageBox = [number, number, number, number];

const PAINT_IMAGE = new Set(
  [OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObject].filter(
    (v) => v !== undefined,
  ),
);

/** The page's ruling lines and the boxes of the images drawn on it, from one walk of its operators. */
export async function pageGraphics(
  page: PDFPageProxy,
  pageNo: number,
): Promise<{ segments: Segment[]; images: ImageBox[] }> {
  const viewport = page.getViewport({ scale: 1 });
  const ops = await page.getOperatorList();
  const out: Segment[] = [];
  const images: ImageBox[] = [];
  let ctm: Matrix = viewport.transform as Matrix;
  const stack: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as unknown as Matrix);
    else if (PAINT_IMAGE.has(fn!)) {
      // an image fills the unit square of its matrix
      const pts = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
      images.push([
        Math.min(...pts.map((p) => p[0])),
        Math.min(...pts.map((p) => p[1])),
        Math.max(...pts.map((p) => p[0])),
        Math.max(...pts.map((p) => p[1])),
      ]);
    } else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      const subpaths = toSubpaths(data, ctm);
      if (PAINT_STROKE.has(paint)) for (const sp of subpaths) strokeSegments(sp, pageNo, out);
      if (PAINT_FILL.has(paint)) for (const sp of subpaths) fillSegment(sp, pageNo, out);
    }
  }
  return { segments: out, images };
}

function toSubpaths(d: ArrayLike<number>, ctm: Matrix): { pts: [number, number][]; closed: boolean }[] {
  const subs: { pts: [number, number][]; closed: boolean }[] = [];
  let cur: { pts: [number, number][]; closed: boolean } | null = null;
  for (let k = 0; k < d.length; ) {
    const op = d[k++];
    if (op === DRAW.moveTo) {
      cur = { pts: [apply(ctm, d[k]!, d[k + 1]!)], closed: false };
      subs.push(cur);
      k += 2;
    } else if (op === DRAW.lineTo) {
      cur?.pts.push(apply(ctm, d[k]!, d[k + 1]!));
      k += 2;
    } else if (op === DRAW.curveTo) {
      cur?.pts.push(apply(ctm, d[k + 4]!, d[k + 5]!));
      if (cur) (cur as { curved?: boolean }).curved = true; // curves mark non-line shapes below
      k += 6;
    } else if (op === DRAW.quadraticCurveTo) {
      cur?.pts.push(apply(ctm, d[k + 2]!, d[k + 3]!));
      if (cur) (cur as { curved?: boolean }).curved = true;
      k += 4;
    } else if (op === DRAW.closePath) {
      if (cur) cur.closed = true;
    } else break; // unknown op: stop rather than misread coordinates
  }
  return subs.filter((s) => !(s as { curved?: boolean }).curved);
}

function strokeSegments(sp: { pts: [number, number][]; closed: boolean }, page: number, out: Segment[]): void {
  const pts = sp.closed && sp.pts.length > 2 ? [...sp.pts, sp.pts[0]!] : sp.pts;
  for (let j = 1; j < pts.length; j++) pushAxisAligned(pts[j - 1]!, pts[j]!, page, out);
}

function pushAxisAligned(a: [number, number], b: [number, number], page: number, out: Segment[]): void {
  const dx = Math.abs(a[0] - b[0]);
  const dy = Math.abs(a[1] - b[1]);
  if (dy < 0.5 && dx >= MIN_RULE_LENGTH) {
    const y = (a[1] + b[1]) / 2;
    out.push({ page, x0: Math.min(a[0], b[0]), y0: y, x1: Math.max(a[0], b[0]), y1: y });
  } else if (dx < 0.5 && dy >= MIN_RULE_LENGTH) {
    const x = (a[0] + b[0]) / 2;
    out.push({ page, x0: x, y0: Math.min(a[1], b[1]), x1: x, y1: Math.max(a[1], b[1]) });
  }
}

function fillSegment(sp: { pts: [number, number][] }, page: number, out: Segment[]): void {
  if (sp.pts.length < 4 || sp.pts.length > 5) return;
  const xs = sp.pts.map((p) => p[0]);
  const ys = sp.pts.map((p) => p[1]);
  const x0 = Math.min(...xs),
    x1 = Math.max(...xs),
    y0 = Math.min(...ys),
    y1 = Math.max(...ys);
  // only axis-aligned rectangles: every point sits on the bounding box corners
  if (!sp.pts.every((p) => (near(p[0], x0) || near(p[0], x1)) && (near(p[1], y0) || near(p[1], y1)))) return;
  const w = x1 - x0,
    h = y1 - y0;
  if (h <= MAX_RULE_THICKNESS && w >= MIN_RULE_LENGTH && w > h) {
    out.push({ page, x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 });
  } else if (w <= MAX_RULE_THICKNESS && h >= MIN_RULE_LENGTH && h > w) {
    out.push({ page, x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 });
  }
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.05;
}
