import type { Word } from '../model/word.js';
import type { GrayImage, PixelBox } from '../model/image.js';
import { centerIn, groupLines } from '../model/lines.js';
import { ocrDebugLog } from '../settings/log.js';
import { crop } from '../raster/gray.js';
import { dropLightInk, growToBlankRows, uncoveredInk } from '../raster/ink.js';
import { mergeBoxes, overlapRatio } from '../raster/boxes.js';
import { meanConf, toWord, WEAK_WORD_CONF, type PageContext } from './page-context.js';
import { validNips } from './nip-pass.js';

// Passes over a scanned page's narrative after its first read: the spots and lines it read doubtfully.

/** Most a trouble spot grows up or down (inches) to reach blank rows: about a line of body text. */
const SPOT_GROW_IN = 0.15;

/**
 * Second chance for the spots the page pass got wrong: inked regions it left without words
 * (Tesseract's layout took them for a picture) and clusters of doubtful words — typically a
 * grey stamp pressed over a name and NIP. Each spot is read on its own as a block with the lighter
 * ink dropped; the new words replace the old ones there when Tesseract is clearly surer of them.
 */
export async function rereadTroubleSpots(ctx: PageContext, img: GrayImage, words: Word[]): Promise<Word[]> {
  const { k, pools, dpi } = ctx;
  const px = (w: Word) => [w.bbox[0] * k, w.bbox[1] * k, w.bbox[2] * k, w.bbox[3] * k] as PixelBox;
  const pad = 0.12 * dpi;
  const spots = mergeBoxes(
    [
      ...uncoveredInk(
        img,
        words.map((w) => ({ text: w.text, conf: w.conf, bbox: px(w) })),
        dpi,
      ),
      ...words.filter((w) => w.conf < WEAK_WORD_CONF && w.text.length > 1).map((w) => px(w)),
    ].map((b) => [b[0] - pad, b[1] - pad / 2, b[2] + pad, b[3] + pad / 2] as PixelBox),
  );
  const inside = (w: Word, b: PixelBox) => centerIn(w.bbox, b, k);
  const results = await Promise.all(
    spots.map(async (box) => {
      // a spot's edge across a text line (a stamp's box ending inside the NIP under it) is moved
      // to the blank rows past that line
      const b = growToBlankRows(
        img,
        [
          Math.max(0, Math.round(box[0])),
          Math.max(0, Math.round(box[1])),
          Math.min(img.width, Math.round(box[2])),
          Math.min(img.height, Math.round(box[3])),
        ],
        Math.round(SPOT_GROW_IN * dpi),
      );
      const again = await pools.text.recognize({ image: dropLightInk(crop(img, b)), psm: '6', dpi, tag: 'spot' });
      // a signature scribble inside the spot reads as noise words: only the ones read with some certainty count
      const fresh = again.filter((w) => w.conf >= 50).map((w) => toWord(w, ctx.page, k, b[0], b[1]));
      const old = words.filter((w) => inside(w, b));
      ocrDebugLog({ page: ctx.page, pass: 'spot' })?.debug(
        {
          box: b.map((v) => Math.round(v / k)),
          old: old.length,
          oldConf: Math.round(meanConf(old)),
          fresh: fresh.length,
          freshConf: Math.round(meanConf(fresh)),
        },
        `spot ${b.map((v) => Math.round(v / k)).join(',')}: old ${old.length} (${meanConf(old).toFixed(0)}) fresh ${fresh.length} (${meanConf(fresh).toFixed(0)}) ${fresh
          .map((w) => w.text)
          .join(' ')
          .slice(0, 80)}`,
      );
      // replaces the spot's words when surer of them; otherwise adds only the words the page pass
      // missed (text hidden under a stamp), leaving what it read well alone
      const better = !old.length || meanConf(fresh) > meanConf(old) + 5;
      return fresh.length ? { box: b, fresh, better, old } : null;
    }),
  );
  let out = words;
  // a word the spot's edge cut in two (`Sangat` → `Sal`) overlaps the whole word the page pass
  // read beside the spot: fresh words overlapping any word that stays are not added again
  for (const r of results) {
    if (!r) continue;
    const fresh = r.fresh.filter((w) => inside(w, r.box));
    if (r.better) {
      // a valid NIP the page pass read stays unless the spot read it too: the stamp that made the
      // spot doubtful can garble the digits of this reading instead (`NIP. 19800325…` → `ANID 1 NN`)
      const freshNips = new Set(validNips(fresh).map((p) => p.nip));
      const keep = new Set(
        validNips(r.old)
          .filter((p) => !freshNips.has(p.nip))
          .flatMap((p) => p.words),
      );
      // a figure the spot's reading does not cover stays: a doubtful `29,54.` (the fast model's
      // `%` read as `4`) read again as a lone `1` is still the better evidence, and the percent
      // pass re-reads it
      for (const o of r.old) if (FIGURE.test(o.text) && !fresh.some((w) => covers(w, o))) keep.add(o);
      const kept = out.filter((w) => !inside(w, r.box) || keep.has(w));
      out = [...kept, ...fresh.filter((w) => !kept.some((o) => overlapRatio(o.bbox, w.bbox) > 0.3))];
    } else out = [...out, ...fresh.filter((w) => !out.some((o) => overlapRatio(o.bbox, w.bbox) > 0.3))];
  }
  return out;
}

/** A word with two digits or more: a figure a rule may rest on. */
const FIGURE = /\d\D*\d/;

/** Whether a fresh word lies over at least half the width of an old one, on its line. */
function covers(fresh: Word, old: Word): boolean {
  const w = Math.min(fresh.bbox[2], old.bbox[2]) - Math.max(fresh.bbox[0], old.bbox[0]);
  const h = Math.min(fresh.bbox[3], old.bbox[3]) - Math.max(fresh.bbox[1], old.bbox[1]);
  return h > 0 && w >= 0.5 * (old.bbox[2] - old.bbox[0]);
}

/** Then lines that still hold a doubtful word, each read alone as one line. */
export async function rereadWeakLines(ctx: PageContext, img: GrayImage, words: Word[]): Promise<Word[]> {
  const { k, pools, dpi } = ctx;
  const lines = groupLines(words).filter(
    (l) => l.words.length >= 2 && l.words.some((w) => w.conf < WEAK_WORD_CONF && w.text.length > 1),
  );
  const replaced = await Promise.all(
    lines.map(async (l) => {
      const pad = 0.08 * dpi;
      const box: PixelBox = [
        l.bbox[0] * k - pad,
        l.bbox[1] * k - pad / 2,
        l.bbox[2] * k + pad,
        l.bbox[3] * k + pad / 2,
      ];
      const again = await pools.text.recognize({ image: dropLightInk(crop(img, box)), psm: '7', dpi, tag: 'line' });
      const fresh = again.map((w) =>
        toWord(w, l.page, k, Math.max(0, Math.round(box[0])), Math.max(0, Math.round(box[1]))),
      );
      return fresh.length && meanConf(fresh) > meanConf(l.words) + 10 ? { old: new Set(l.words), fresh } : null;
    }),
  );
  let out = words;
  for (const r of replaced) if (r) out = [...out.filter((w) => !r.old.has(w)), ...r.fresh];
  return out;
}
