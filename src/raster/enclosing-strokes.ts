import type { GrayImage } from '../model/image.js';
import { histogram, percentile } from './gray.js';
import { TEXT_INK_LEVEL } from './ink.js';
import { connectedPieces, type Piece } from './pieces.js';

/**
 * A reviewer's pen circle round a figure (`(11,47%)` drawn as a ring) makes Tesseract read the
 * cell as nothing: the ring is taken for a frame, or its arcs for glyphs. Printed text never
 * encloses other text, so a stroke that does is a pen's: one connected piece of ink whose box
 * holds at least two other pieces, taller than any of them, and thin for its box (an outline, not
 * a blot). Its ink, and the grey at its edges, becomes paper; what it enclosed stays as printed.
 * Where the ring crossed a digit the two are one piece and neither is removed: that cell stays as
 * it was (and doubtful, see cell-marks).
 */

/** Pieces of ink smaller than this (pixels) are specks: not counted as enclosed text. */
const MIN_PIECE_PX = 4;
/** An outline covers at most this share of its box; a glyph or a blot covers more. */
const MAX_OUTLINE_FILL = 0.25;
/** A ring rises above and below what it encloses: at least this much taller than the tallest piece inside. */
const MIN_RING_HEIGHT = 1.3;
/** Pixels round the ring also made paper: its anti-aliased edge. */
const EDGE_PX = 2;
/** The edge's grey that is cleared: anything this much darker than the paper. */
const EDGE_DEPTH = 12;
/** The paper's level: the level this share of the crop's pixels is darker than. */
const PAPER_SHARE = 0.9;

/** Connected pieces of the pixels darker than `level`. */
const pieces = (img: GrayImage, level: number) => connectedPieces(img.width, img.height, (i) => img.data[i]! < level);

const inside = (a: Piece, b: Piece) => a.x0 > b.x0 && a.x1 < b.x1 && a.y0 > b.y0 && a.y1 < b.y1;
const heightOf = (p: Piece) => p.y1 - p.y0 + 1;

/** The image with every enclosing pen stroke made paper (see above); the same image when there is none. */
export function dropEnclosingStrokes(img: GrayImage): GrayImage {
  // paper is the crop's own grey, not white (a white ring would be an edge of its own); the crop's
  // margin is pure white, so that level is left out
  const hist = histogram(img);
  hist[255] = 0;
  const paper = percentile(hist, PAPER_SHARE);
  // a ring's thin sides are greyer than print's strokes: found at a level halfway to the paper
  const light = Math.round((paper + TEXT_INK_LEVEL) / 2);
  if (light <= TEXT_INK_LEVEL) return img;
  const all = pieces(img, light).filter((p) => p.cells.length >= MIN_PIECE_PX);
  const rings = all.filter((ring) => {
    const area = (ring.x1 - ring.x0 + 1) * heightOf(ring);
    if (ring.cells.length > MAX_OUTLINE_FILL * area) return false;
    const held = all.filter((p) => p !== ring && inside(p, ring));
    return held.length >= 2 && heightOf(ring) >= MIN_RING_HEIGHT * Math.max(...held.map(heightOf));
  });
  if (!rings.length) return img;
  const { width: w, height: h } = img;
  const data = new Uint8Array(img.data);
  // print the ring only grazed at the lighter level is its own piece at print's level: kept
  const print = pieces(img, TEXT_INK_LEVEL);
  const kept = new Set<number>();
  for (const ring of rings) for (const p of print) if (inside(p, ring)) for (const i of p.cells) kept.add(i);
  for (const ring of rings)
    for (const i of ring.cells) {
      if (kept.has(i)) continue;
      const x = i % w,
        y = (i - x) / w;
      for (let dy = -EDGE_PX; dy <= EDGE_PX; dy++)
        for (let dx = -EDGE_PX; dx <= EDGE_PX; dx++) {
          const nx = x + dx,
            ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const j = ny * w + nx;
          if (kept.has(j)) continue;
          if (dx === 0 && dy === 0) data[j] = paper;
          else if (img.data[j]! < paper - EDGE_DEPTH && img.data[j]! >= light) data[j] = paper;
        }
    }
  return { width: w, height: h, data };
}
