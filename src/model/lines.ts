import type { BBox, Line, Word } from './word.js';

/** Smallest box holding all the given boxes ([0, 0, 0, 0] for none). */
export function unionBBox(boxes: readonly BBox[]): BBox {
  if (boxes.length === 0) return [0, 0, 0, 0];
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const b of boxes) {
    if (b[0] < x0) x0 = b[0];
    if (b[1] < y0) y0 = b[1];
    if (b[2] > x1) x1 = b[2];
    if (b[3] > y1) y1 = b[3];
  }
  return [x0, y0, x1, y1];
}

/**
 * Whether the centre of box `bb` lies in box `b`, edges included; `scale` first takes `bb` into
 * `b`'s units (page points × k = pixels). Both are [x0, y0, x1, y1].
 */
export function centerIn(bb: readonly number[], b: readonly number[], scale = 1): boolean {
  const cx = ((bb[0]! + bb[2]!) / 2) * scale,
    cy = ((bb[1]! + bb[3]!) / 2) * scale;
  return cx >= b[0]! && cx <= b[2]! && cy >= b[1]! && cy <= b[3]!;
}

function centerY(w: Word): number {
  return (w.bbox[1] + w.bbox[3]) / 2;
}

/**
 * Group words into visual lines: words whose vertical centres lie within half a word height of
 * the line's are one line, ordered left to right. Works the same for text-layer and OCR words.
 */
export function groupLines(words: readonly Word[]): Line[] {
  const sorted = [...words].sort((a, b) => a.page - b.page || centerY(a) - centerY(b) || a.bbox[0] - b.bbox[0]);
  const lines: { page: number; cy: number; h: number; words: Word[] }[] = [];
  for (const w of sorted) {
    const cy = centerY(w);
    const h = w.bbox[3] - w.bbox[1];
    const last = lines[lines.length - 1];
    if (last && last.page === w.page && Math.abs(cy - last.cy) <= Math.max(2, Math.min(h, last.h) * 0.5)) {
      last.words.push(w);
      last.cy = (last.cy * (last.words.length - 1) + cy) / last.words.length;
    } else {
      lines.push({ page: w.page, cy, h, words: [w] });
    }
  }
  return lines.map((l) => {
    const ws = l.words.sort((a, b) => a.bbox[0] - b.bbox[0]);
    return { page: l.page, words: ws, bbox: unionBBox(ws.map((w) => w.bbox)), text: joinWords(ws) };
  });
}

/** Join words of one line; a hyphen at a line end followed by a lowercase word rejoins the word. */
export function joinWords(words: readonly Word[]): string {
  return words.map((w) => w.text).join(' ');
}

export function joinLines(texts: readonly string[]): string {
  let out = '';
  for (const t of texts) {
    const s = t.trim();
    if (!s) continue;
    if (out.endsWith('-') && /^[a-z]/.test(s) && !out.endsWith(' -')) out = out.slice(0, -1) + s;
    else out = out ? `${out} ${s}` : s;
  }
  return out;
}
