import { z } from 'zod';
import { UNPRINTABLE } from './printable.js';

/** [x0, y0, x1, y1] in PDF points (1/72 in), origin top-left of the page, y growing downwards. */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

/**
 * One word on a page. The text layer and OCR both produce this type, so nothing downstream cares
 * where a word came from. `conf` is 0–100 (a text-layer word is 100).
 */
export const Word = z.object({
  text: z.string(),
  page: z.number().int().min(1),
  bbox: BBox,
  conf: z.number().min(0).max(100),
  source: z.enum(['text', 'ocr']),
});
export type Word = z.infer<typeof Word>;

/**
 * A word's text as it may be stored and shown: a control character (U+0000–U+001F, U+007F–U+009F)
 * or a lone surrogate is never a printed glyph, and PostgreSQL refuses NUL and lone surrogates in
 * text and jsonb. A font that maps a glyph to one of them (a full-width `＝` read as NUL) leaves
 * U+FFFD in its place, so the word shows a character was unreadable; a word of nothing else is
 * dropped (empty string).
 */
export function cleanWordText(text: string): string {
  const out = text.replace(UNPRINTABLE, '\ufffd');
  return /^\ufffd*$/.test(out) ? '' : out;
}

/** A horizontal or vertical ruling line (table border) on a page, same coordinates as words. */
export const Segment = z.object({
  page: z.number().int().min(1),
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});
export type Segment = z.infer<typeof Segment>;

/**
 * What the page stage hands on: the words and ruling lines of one page. `mixed`: a born-digital
 * page whose pictures (a table pasted as an image) were read by OCR.
 */
export const PageContent = z.object({
  page: z.number().int().min(1),
  width: z.number(),
  height: z.number(),
  mode: z.enum(['text', 'ocr', 'mixed']),
  words: z.array(Word),
  segments: z.array(Segment),
});
export type PageContent = z.infer<typeof PageContent>;

/** Words of one page grouped into a visual line (reading order), used for narrative and meta. */
export interface Line {
  text: string;
  page: number;
  bbox: BBox;
  words: Word[];
}
