import type { Line, Word } from '../../../src/model/word.js';

/**
 * Builds Lines the way the line builder would: one Word per space-separated token, 5 pt per
 * character, one space (5 pt) between words, 10 pt high, text layer unless told otherwise.
 */
export interface At {
  page?: number;
  x?: number;
  y?: number;
  conf?: number | ((word: string) => number);
}

const CHAR = 5;
const HEIGHT = 10;

export function wordsAt(text: string, at: At = {}): Word[] {
  const page = at.page ?? 1;
  const y = at.y ?? 100;
  let x = at.x ?? 85;
  const out: Word[] = [];
  for (const t of text.split(/\s+/).filter(Boolean)) {
    const conf = typeof at.conf === 'function' ? at.conf(t) : (at.conf ?? 100);
    out.push({
      text: t,
      page,
      bbox: [x, y, x + t.length * CHAR, y + HEIGHT],
      conf,
      source: conf === 100 ? 'text' : 'ocr',
    });
    x += (t.length + 1) * CHAR;
  }
  return out;
}

export function lineOf(words: Word[]): Line {
  const first = words[0]!;
  return {
    text: words.map((w) => w.text).join(' '),
    page: first.page,
    bbox: [
      Math.min(...words.map((w) => w.bbox[0])),
      Math.min(...words.map((w) => w.bbox[1])),
      Math.max(...words.map((w) => w.bbox[2])),
      Math.max(...words.map((w) => w.bbox[3])),
    ],
    words,
  };
}

export function line(text: string, at: At = {}): Line {
  return lineOf(wordsAt(text, at));
}

/** One visual line holding several pieces at given x positions (e.g. two signature blocks). */
export function row(page: number, y: number, pieces: Array<[x: number, text: string]>): Line {
  return lineOf(pieces.flatMap(([x, text]) => wordsAt(text, { page, x, y })));
}

/** Consecutive lines of running text, `pitch` points apart, starting at y. */
export function block(texts: string[], at: At & { pitch?: number } = {}): Line[] {
  const pitch = at.pitch ?? 15;
  const y0 = at.y ?? 100;
  return texts.map((t, i) => line(t, { ...at, y: y0 + i * pitch }));
}

/** Breaks running text into lines of at most `width` characters, like a justified paragraph. */
export function wrap(text: string, width = 90): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + w.length > width) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}
