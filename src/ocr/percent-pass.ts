import type { Word } from '../model/word.js';
import type { GrayImage, PixelBox } from '../model/image.js';
import { groupLines } from '../model/lines.js';
import { crop } from '../raster/gray.js';
import { unionPx, type PageContext } from './page-context.js';

/** What Indonesian-model OCR makes of `%`: `96`, `90`, `9o`, `Yo`, `Y6`, `46`, `0/0`… */
const PCT_GHOST = /^(9[06o]?|Y[o6]|46|0\/0|%o|o\/o)[.,;:)]?$/i;
const NUMBER = /^\d{1,3}(?:[.,]\d{1,3})?$/;
/**
 * A number with a ghost glued on: `29,590` for `29,5%`, and any two-decimal figure grown to four
 * decimals (`61,1526` for `61,15%`): narrative percentages have at most two, and money groups by three.
 */
const NUMBER_WITH_GHOST = /^(?:\d{1,3}[.,]\d{1,2}(?:9[06o]?|Y[o6])|\d{1,3}[.,]\d{4})[.,;:)]?$/;
/** `100%` read as `10096`: a whole number with a two-character ghost (a year may match: its re-read has no `%`) */
const WHOLE_WITH_GHOST = /^\d{1,3}(9[06o]|Y[o6])[.,;:)]?$/;

/**
 * Percentages in the narrative are what the claims are made of, and `ind+eng` still reads some
 * `%` as digits (`29,5%.` → `29,590.`, `42,55 %` → `42,55 Yo`). A number followed by such a ghost
 * is read again with the `eng` cell reader restricted to digits and `.,%`; the reading replaces
 * the words when it ends in `%`.
 */
export async function repairPercents(ctx: PageContext, img: GrayImage, words: Word[]): Promise<Word[]> {
  const { k, pools, dpi } = ctx;
  const lines = groupLines(words);
  const jobs: { old: Word[]; box: PixelBox }[] = [];
  for (const l of lines) {
    l.words.forEach((w, i) => {
      const next = l.words[i + 1];
      const ghost = percentGhost(w.text, next?.text);
      if (ghost === 'next') jobs.push({ old: [w, next!], box: unionPx([w, next!], k) });
      else if (ghost === 'glued') jobs.push({ old: [w], box: unionPx([w], k) });
    });
  }
  if (!jobs.length) return words;
  const fixes = await Promise.all(
    jobs.map(async (j) => {
      const pad = 0.04 * dpi;
      const box: PixelBox = [j.box[0] - pad, j.box[1] - pad, j.box[2] + pad, j.box[3] + pad];
      const again = await pools.cells.recognize({
        image: crop(img, box),
        psm: '7',
        whitelist: '0123456789.,% ',
        dpi,
        tag: 'pct',
      });
      // the crop may take in the sentence's full stop
      const text = again
        .map((w) => w.text)
        .join('')
        .replace(/\s+/g, '')
        .replace(/(%)[.,]+$/, '$1');
      if (!/^\d{1,3}(?:[.,]\d{1,3})?%$/.test(text)) return null;
      const first = j.old[0]!;
      const bbox = j.old
        .map((w) => w.bbox)
        .reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
      // keep the sentence punctuation the first reading had after the ghost
      const tail = /[.,;:)]$/.test(j.old[j.old.length - 1]!.text) ? j.old[j.old.length - 1]!.text.slice(-1) : '';
      const conf = Math.min(...again.map((w) => w.conf));
      return { old: j.old, fresh: { ...first, text: text + tail, bbox, conf } as Word };
    }),
  );
  let out = words;
  for (const f of fixes) {
    if (!f) continue;
    const old = new Set(f.old);
    out = [...out.filter((w) => !old.has(w)), f.fresh];
  }
  return out;
}

/**
 * Whether a narrative word may be a percentage whose `%` OCR read as something else: in the word
 * itself (`glued`), or as the next word (`next`); null when neither.
 */
export function percentGhost(text: string, next: string | undefined): 'glued' | 'next' | null {
  if (NUMBER.test(text) && next !== undefined && PCT_GHOST.test(next)) return 'next';
  if (NUMBER_WITH_GHOST.test(text) || WHOLE_WITH_GHOST.test(text)) return 'glued';
  return null;
}
