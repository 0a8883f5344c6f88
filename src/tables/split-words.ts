import type { Segment, Word } from '../model/word.js';

/**
 * Words that run across a table's vertical rule. A text layer may give two adjacent cells as one
 * run of glyphs (`210` `230` printed edge to edge read `210230`; `1 | 100` read `1100`); the
 * rule between them says where one cell's text ends. Such a word is cut at the rule, its
 * characters shared out by their share of the word's width (as the text layer placed them).
 */
export function splitAtRules(words: readonly Word[], segments: readonly Segment[]): Word[] {
  const verticals = segments.filter((s) => Math.abs(s.x0 - s.x1) < 0.5);
  if (!verticals.length) return [...words];
  const out: Word[] = [];
  for (const w of words) out.push(...splitWord(w, verticals));
  return out;
}

function splitWord(w: Word, verticals: readonly Segment[]): Word[] {
  const [x0, y0, x1, y1] = w.bbox;
  const midY = (y0 + y1) / 2;
  const chars = [...w.text];
  if (chars.length < 2) return [w];
  const perChar = (x1 - x0) / chars.length;
  const cuts = verticals
    .filter(
      (s) => s.page === w.page && s.x0 > x0 + perChar / 2 && s.x0 < x1 - perChar / 2 && s.y0 <= midY && s.y1 >= midY,
    )
    .map((s) => Math.round((s.x0 - x0) / perChar))
    .filter((k, i, arr) => k > 0 && k < chars.length && arr.indexOf(k) === i)
    .sort((a, b) => a - b);
  if (!cuts.length) return [w];
  const out: Word[] = [];
  let from = 0;
  for (const k of [...cuts, chars.length]) {
    const text = chars.slice(from, k).join('');
    if (text.trim()) out.push({ ...w, text, bbox: [x0 + from * perChar, y0, x0 + k * perChar, y1] });
    from = k;
  }
  return out;
}
