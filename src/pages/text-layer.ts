import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { pdfjs } from './pdfjs.js';
import { cleanWordText, type Word } from '../model/word.js';
import { joinLetterSpaced } from './letter-spacing.js';

type Matrix = [number, number, number, number, number, number];

/**
 * The page's text layer as words in top-left page points. pdfjs gives runs of text (a phrase, a
 * line); a run is split at spaces and each word gets its share of the run's width in proportion
 * to its characters — precise enough to put a word in the right table cell.
 */
export async function textLayerWords(page: PDFPageProxy, pageNo: number): Promise<Word[]> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ disableNormalization: false });
  const words: Word[] = [];
  let spacedBaseline: number | null = null;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const it = item as TextItem;
    if (!it.str?.trim()) continue;
    const m = pdfjs.Util.transform(viewport.transform, it.transform) as Matrix;
    const size = Math.hypot(m[2], m[3]);
    const horizontal = Math.abs(m[1]) < 1e-3 && Math.abs(m[2]) < 1e-3;
    if (!horizontal || size <= 0) continue; // rotated text (stamps, watermarks) is not table text
    const x0 = m[4];
    const baseline = m[5];
    const width = it.width * (viewport.scale ?? 1);
    const top = baseline - size * 0.8;
    const bottom = baseline + size * 0.2;
    const joined = joinLetterSpaced(it.str, spacedBaseline !== null && Math.abs(spacedBaseline - baseline) < 1);
    spacedBaseline = joined.spaced
      ? baseline
      : spacedBaseline !== null && Math.abs(spacedBaseline - baseline) < 1
        ? spacedBaseline
        : null;
    if (joined.spaced)
      words.push({ text: joined.text, page: pageNo, bbox: [x0, top, x0 + width, bottom], conf: 100, source: 'text' });
    else pushSplitWords(words, it.str, x0, width, top, bottom, pageNo);
  }
  return words;
}

function pushSplitWords(
  out: Word[],
  str: string,
  x0: number,
  width: number,
  top: number,
  bottom: number,
  page: number,
): void {
  const n = str.length;
  if (n === 0) return;
  const perChar = width / n;
  const re = /\S+/g;
  for (let m = re.exec(str); m !== null; m = re.exec(str)) {
    const a = x0 + m.index * perChar;
    const b = x0 + (m.index + m[0].length) * perChar;
    const text = cleanWordText(m[0]);
    if (text) out.push({ text, page, bbox: [a, top, b, bottom], conf: 100, source: 'text' });
  }
}
