import type { BBox, Line, Word } from '../model/word.js';
import { normalizeSpace } from './text.js';
import { unionBBox } from '../model/lines.js';

/**
 * Geometry helpers for reading lines. A "line" from the line builder spans the whole page width,
 * so two signature blocks side by side arrive as one line; splitting at wide gaps gives them back.
 */

/** A piece of a line between wide horizontal gaps. Same shape as a Line. */
export type LinePart = Line;

/** Gap (points) between words wider than any word space or justified stretch in body text. */
export const COLUMN_GAP = 40;

/**
 * Splits a line where the horizontal gap between consecutive words exceeds `minGap` points, or
 * (by default) three times the line's typical word space: two signature blocks side by side may
 * sit only ~25 pt apart, while a justified line stretches all its spaces alike.
 */
export function splitByGaps(line: Line, minGap?: number): LinePart[] {
  if (line.words.length === 0) return [{ ...line, text: normalizeSpace(line.text) }];
  const words = [...line.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  if (minGap === undefined) {
    const gaps = words
      .slice(1)
      .map((w, i) => w.bbox[0] - words[i]!.bbox[2])
      .filter((g) => g > 0)
      .sort((a, b) => a - b);
    const typical = gaps.length ? gaps[Math.floor((gaps.length - 1) / 2)]! : COLUMN_GAP;
    minGap = Math.min(COLUMN_GAP, Math.max(18, 3 * typical));
  }
  const parts: Word[][] = [];
  let current: Word[] = [];
  for (const w of words) {
    const prev = current[current.length - 1];
    if (prev && w.bbox[0] - prev.bbox[2] > minGap) {
      parts.push(current);
      current = [];
    }
    current.push(w);
  }
  if (current.length > 0) parts.push(current);
  return parts.map((ws) => ({
    text: normalizeSpace(ws.map((w) => w.text).join(' ')),
    page: line.page,
    bbox: unionBBox(ws.map((w) => w.bbox)),
    words: ws,
  }));
}

/** Horizontal overlap of two boxes as a share of the narrower one (0–1). */
export function horizontalOverlap(a: BBox, b: BBox): number {
  const overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const narrower = Math.min(a[2] - a[0], b[2] - b[0]);
  if (narrower <= 0) return overlap >= 0 ? 1 : 0;
  return Math.max(0, overlap) / narrower;
}

export function width(b: BBox): number {
  return b[2] - b[0];
}
