import { centerIn } from '../model/lines.js';
import type { PageContent, Segment, Word } from '../model/word.js';
import type { ImageBox } from './vector-lines.js';

/**
 * Pictures on a born-digital page that hold what its text layer does not: a table pasted as an
 * image, a scanned attachment. Such a region is read by OCR and its words and ruling lines join
 * the page's text layer (`mergeRegions`). A picture carrying the text layer's own words (an OCR'd
 * scan with its text laid over it), a logo, a signature or a stamp is none.
 */
const MIN_AREA_SHARE = 0.06;
const MIN_WIDTH = 120;
/** Text-layer words over a picture above this many mean the picture's text is already there. */
const MAX_WORDS_OVER = 4;

export function pictureRegions(
  images: readonly ImageBox[],
  words: readonly Word[],
  width: number,
  height: number,
): ImageBox[] {
  return images.filter((b) => {
    const w = b[2] - b[0],
      h = b[3] - b[1];
    if (w < MIN_WIDTH || (w * h) / (width * height) < MIN_AREA_SHARE) return false;
    const over = words.filter((x) => centerIn(x.bbox, b)).length;
    return over <= MAX_WORDS_OVER;
  });
}

/**
 * The page as read from both: the text layer's words and vector lines outside the pictures, the
 * OCR's words and ruling lines inside them.
 */
export function mergeRegions(text: PageContent, ocr: PageContent, regions: readonly ImageBox[]): PageContent {
  const inAny = (bb: readonly number[]) => regions.some((r) => centerIn(bb, r));
  const segIn = (s: Segment) => inAny([s.x0, s.y0, s.x1, s.y1]);
  return {
    ...text,
    mode: 'mixed',
    words: [...text.words.filter((w) => !inAny(w.bbox)), ...ocr.words.filter((w) => inAny(w.bbox))],
    segments: [...text.segments.filter((s) => !segIn(s)), ...ocr.segments.filter(segIn)],
  };
}
