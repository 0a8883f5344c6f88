import type { Word } from '../model/word.js';
import type { GrayImage, PixelBox } from '../model/image.js';
import { groupLines } from '../model/lines.js';
import { ocrDebugLog } from '../settings/log.js';
import { crop } from '../raster/gray.js';
import { unionPx, type PageContext } from './page-context.js';
import type { OcrReader } from './pool.js';

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

/** A figure with one to four decimals: the fast model reads `29,5%` as `29,54` (its `%` a `4`). */
const DECIMAL = /^\d{1,3}[.,]\d{1,4}[.,;:)]?$/;
/** A figure with its `%` or another mark glued on, or a mark as the next word: `42,55%`, `76,70»`, `76,70 °` (the fast model's `%`). */
const FIGURE_WITH_MARK = /^\d{1,3}(?:[.,]\d{1,4})?[^\p{L}\d\s.,;:)]{1,2}[.,;:)]?$/u;
const MARK_WORD = /^[^\p{L}\d\s]{1,3}[.,;:)]?$/u;
/** `100%` or `85%` with its `%` read as `4`: `1004`, `854` (a year such as 2024 is not one). */
const WHOLE_WITH_FOUR = /^(?:100|\d{1,2})4[.,;:)]?$/;

/**
 * Percentages in the narrative are what the claims are made of, and they are read from a band
 * scaled for text, where the page model reads some `%` as digits (`42,55 %` → `42,55 Yo`; the fast
 * model `29,5%.` → `29,54.`) and now and then a digit wrong. Every figure that is or may be a
 * percentage is read again at full resolution with the `eng` cell reader (`best_int`) restricted
 * to digits and `.,%`; the reading replaces the words when it is a percentage. A figure that
 * reads as none again (a year, an amount, a count) keeps its first reading.
 */
export async function repairPercents(ctx: PageContext, img: GrayImage, words: Word[]): Promise<Word[]> {
  const { k, pools, dpi } = ctx;
  const lines = groupLines(words);
  const jobs: { old: Word[]; box: PixelBox }[] = [];
  for (const l of lines) {
    l.words.forEach((w, i) => {
      const next = l.words[i + 1];
      if (/^tabel\.?$/i.test(l.words[i - 1]?.text ?? '')) return; // `Tabel 2.4`: a caption's number
      const ghost = percentFigure(w.text, next?.text);
      if (ghost === 'next') jobs.push({ old: [w, next!], box: unionPx([w, next!], k) });
      else if (ghost === 'glued') jobs.push({ old: [w], box: unionPx([w], k) });
    });
  }
  if (!jobs.length) return words;
  const fixes = await Promise.all(
    jobs.map(async (j) => {
      const pad = 0.04 * dpi;
      const box: PixelBox = [j.box[0] - pad, j.box[1] - pad, j.box[2] + pad, j.box[3] + pad];
      const image = crop(img, box);
      const read = async (reader: OcrReader) => {
        const ws = await reader.recognize({ image, psm: '7', whitelist: '0123456789.,% ', dpi, tag: 'pct' });
        // the crop may take in the sentence's full stop
        const text = ws
          .map((w) => w.text)
          .join('')
          .replace(/\s+/g, '')
          .replace(/(%)[.,]+$/, '$1');
        return { text, conf: Math.min(...ws.map((w) => w.conf)), value: percentValue(text) };
      };
      let again = await read(pools.cells);
      ocrDebugLog({ page: ctx.page, pass: 'pct' })?.debug(
        { first: pageText(j.old), second: again.text },
        `pct reread: ${JSON.stringify(pageText(j.old))} → ${JSON.stringify(again.text)}`,
      );
      if (again.value === null) return null;
      const page = pageText(j.old);
      const before = percentValue(page);
      // a page reading that is no percentage keeps its digits: the re-read may drop a ghost's
      // (`29,54` → `29,5%`), never add any (`5)%` → `550%`: the crop took in a neighbour)
      if (before === null && !digits(page).startsWith(digits(again.text))) return null;
      // the page's digits with the separator lost (`471%` for `47,1%` or `47,1Yo`, a comma a few
      // pixels wide on a low-resolution scan): OCR drops a small mark far more often than it
      // invents one, so the page's figure stands
      const figure = LEADING_FIGURE.exec(page)?.[0] ?? '';
      if (/[.,]/.test(figure) && !/[.,]/.test(again.text) && digits(figure) === digits(again.text))
        return replaced(j.old, `${figure}%`, Math.min(again.conf, ...j.old.map((w) => w.conf)));
      // the page read a percentage too, another one: a third reading (the text models) decides;
      // with none agreeing, the full-resolution reading stands, doubtful
      if (before !== null && before !== again.value) {
        const third = await read(pools.text);
        if (third.value === before) again = third;
        else if (third.value !== again.value) again = { ...again, conf: Math.min(again.conf, DISPUTED_PCT_CONF) };
      }
      return replaced(j.old, again.text, again.conf);
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

/** The page's reading of a figure's words, without the sentence's punctuation after it. */
const pageText = (ws: readonly Word[]) =>
  ws
    .map((w) => w.text)
    .join('')
    .replace(/[.,;:)]+$/, '');
const digits = (t: string) => t.replace(/\D/g, '');
const LEADING_FIGURE = /^\d{1,3}(?:[.,]\d{1,4})?/;

/** One word over the figure's words with the new reading, keeping the sentence punctuation after them. */
function replaced(old: readonly Word[], text: string, conf: number): { old: readonly Word[]; fresh: Word } {
  const bbox = old
    .map((w) => w.bbox)
    .reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  const last = old[old.length - 1]!.text;
  const tail = /[.,;:)]$/.test(last) ? last.slice(-1) : '';
  return { old, fresh: { ...old[0]!, text: text + tail, bbox, conf } };
}

/** A percentage the readings disagree on is read below the rules' confidence bar. */
const DISPUTED_PCT_CONF = 50;

/** The value of a percentage as read (`42,55%` → 42.55), null when the text is none. */
function percentValue(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,3}))?%$/.exec(text);
  return m ? Number(`${m[1]}.${m[2] ?? '0'}`) : null;
}

/**
 * Whether a narrative word is or may be a percentage, to be read again: read with its `%`, or with
 * a ghost for it, glued (`glued`) or as the next word (`next`); null when neither.
 */
export function percentFigure(text: string, next: string | undefined): 'glued' | 'next' | null {
  const ghost = percentGhost(text, next);
  if (ghost) return ghost;
  if (NUMBER.test(text) && next !== undefined && MARK_WORD.test(next)) return 'next';
  if (DECIMAL.test(text) || WHOLE_WITH_FOUR.test(text) || FIGURE_WITH_MARK.test(text)) return 'glued';
  return null;
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
