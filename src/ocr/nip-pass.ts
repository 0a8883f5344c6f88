import type { BBox, Word } from '../model/word.js';
import type { GrayImage, PixelBox } from '../model/image.js';
import { groupLines } from '../model/lines.js';
import { unionBBox } from '../model/lines.js';
import { ocrDebugLog } from '../settings/log.js';
import { isNipBirthDate, nipFromReadings, nipWithCentury, parseNip } from '../parse/nip.js';
import { crop } from '../raster/gray.js';
import { dropLightInk, LIGHT_INK_CUT } from '../raster/ink.js';
import type { OcrWord } from './pool.js';
import { toWord, type PageContext } from './page-context.js';

/**
 * Where the ink is cut when a NIP is read again (fractions of the way from its darkest ink to
 * paper): the default first, then lower. A stamp's ring is lighter than print but, on a blurred
 * scan, darker than the letters' soft edges, so the default cut can leave it across a digit
 * (`19681018` read `19681048` on a noise-blur scan; the cut at 0.25 reads it right).
 */
const NIP_INK_CUTS = [LIGHT_INK_CUT, 0.25, 0.15] as const;

/**
 * A signatory's NIP is 18 digits with a birth date and an appointment month inside. Every NIP line
 * is read again on its own at full resolution (the page pass reads text at the scale the narrative
 * needs) with the lighter ink dropped at a few cuts and only `NIP.:` and digits allowed; the valid
 * reading most reads agree on is kept. A line that read as a valid NIP casts its own vote and keeps
 * its reading on a tie: a digit misread into another valid NIP (`19821105` read `19871105` on a
 * skewed scan) is outvoted by two re-reads that agree, and a line that does not read as a valid
 * one (a stamp over its digits) takes the surer of the re-reads on a tie.
 */
export async function repairNips(ctx: PageContext, img: GrayImage, words: Word[]): Promise<Word[]> {
  const { k, pools, dpi } = ctx;
  const parts = nipParts(words);
  if (!parts.length) return words;
  const fixes = await Promise.all(
    parts.map(async (p) => {
      const first = parseNip(p.text);
      const pad = 0.05 * dpi;
      const box: PixelBox = [
        p.bbox[0] * k - pad,
        p.bbox[1] * k - pad / 2,
        p.bbox[2] * k + 2 * pad,
        p.bbox[3] * k + pad / 2,
      ];
      const region = crop(img, box);
      // the page's own reading: no words to put back, and it wins a tie
      const reads: { nip: string; words: OcrWord[] | null; conf: number; rebuilt?: boolean }[] = first?.valid
        ? [{ nip: first.nip, words: null, conf: Number.POSITIVE_INFINITY }]
        : [];
      // every reading of 18 digits, valid or not: where none is valid, they are put together
      const digits: { nip: string; words: OcrWord[] }[] = [];
      for (const cut of NIP_INK_CUTS) {
        const again = await pools.cells.recognize({
          image: dropLightInk(region, cut),
          psm: '7',
          whitelist: 'NIP.:0123456789 ',
          dpi,
          tag: 'nip',
        });
        const text = again.map((w) => w.text).join(' ');
        ocrDebugLog({ page: p.page, pass: 'nip' })?.debug(
          { first: p.text, second: text, cut },
          `nip reread at ${cut}: ${JSON.stringify(p.text)} → ${JSON.stringify(text)}`,
        );
        const plain = parseNip(text);
        if (plain?.nip.length === 18) digits.push({ nip: plain.nip, words: again });
        // a signature over the label took the birth year's century: the rest still names one NIP
        const rebuilt = plain?.valid ? null : nipWithCentury(text);
        const n = plain?.valid ? plain : rebuilt;
        if (n) reads.push({ nip: n.nip, words: again, conf: digitConf(again), rebuilt: n === rebuilt });
        if (n && reads.filter((r) => r.nip === n.nip).length >= 2) break; // two reads agree: no more
      }
      // no reading valid: each misread a different digit (`19900769 201709`, `19900760 201709`,
      // `19900709 201700` for 19900709 201709); the one valid NIP their digits make is taken
      const joined =
        reads.length || !digits.length ? null : nipFromReadings([first?.nip ?? '', ...digits.map((d) => d.nip)]);
      if (joined) reads.push({ nip: joined.nip, words: digits[digits.length - 1]!.words, conf: 0, rebuilt: true });
      const best = mostVoted(reads);
      if (!best?.words) return null;
      const ox = Math.max(0, Math.round(box[0])),
        oy = Math.max(0, Math.round(box[1]));
      // one line was read (PSM 7): its words lie on that line, whatever stamp ink widened their boxes
      // to (a box reaching into the name above splits the NIP across two lines downstream)
      const onLine = (w: Word): Word => ({ ...w, bbox: [w.bbox[0], p.bbox[1], w.bbox[2], p.bbox[3]] });
      const fresh = best.rebuilt
        ? [rebuiltLine(best.nip, best.words, p, k, ox, oy)]
        : best.words.map((w) => onLine(toWord(w, p.page, k, ox, oy)));
      return { old: new Set(p.words), fresh };
    }),
  );
  let out = words;
  for (const f of fixes) if (f) out = [...out.filter((w) => !f.old.has(w)), ...f.fresh];
  return out;
}

/**
 * A NIP rebuilt (its century, or its digits put together from several readings) as one word over
 * the line, printed the usual way so that every later reader of the line reads it; as sure as the
 * least sure digits read, and never more than doubtful.
 */
function rebuiltLine(nip: string, words: readonly OcrWord[], p: NipPart, k: number, ox: number, oy: number): Word {
  const read = words.map((w) => toWord(w, p.page, k, ox, oy));
  const bbox = unionBBox(read.map((w) => w.bbox));
  const text = `NIP. ${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
  return {
    text,
    page: p.page,
    bbox: [bbox[0], p.bbox[1], bbox[2], p.bbox[3]],
    conf: Math.min(REBUILT_CONF, digitConf(words)),
    source: 'ocr',
  };
}

/** A rebuilt NIP's confidence: it was inferred, not read whole. */
const REBUILT_CONF = 60;

export interface NipPart {
  page: number;
  words: Word[];
  text: string;
  bbox: BBox;
}

/** A `NIP` label word, also with its `I` misread (`N1P`) or lost under a stamp (`NP`, `NP.`). */
const NIP_LABEL = /^N\s?[I1l|]\s?P|^NP[.:,]*$/i;

/**
 * The NIP stretches of each line: from each `NIP` word to the next one on the line (two blocks side
 * by side) or the line's end: a stamp can break the digits into pieces far enough apart to look
 * like two columns. A line that opens with NIP digit groups whose label was lost (`199203 1 005`,
 * `11 201301 1015`) or garbled into them (`P419921120°202108 1 007`) is one too, and so is one of
 * which only the birth date was read (`19690604`, a stamp over the rest); its box reaches left to
 * where the label and the first group must be.
 */
export function nipParts(words: readonly Word[]): NipPart[] {
  return groupLines([...words]).flatMap((l) => {
    const starts = l.words.map((w, i) => (NIP_LABEL.test(w.text) ? i : -1)).filter((i) => i >= 0);
    const t = l.words.map((w) => w.text);
    // the appointment month, then the gender digit and the serial (run together as `1015` at times);
    // the month's word may hold the label and birth date too, run together (`P419921120°202108`)
    const tail = t.findIndex(
      (x, i) =>
        /(?:^|\D)(?:\d{8})?\d{6}$/.test(x) &&
        ((/^\d$/.test(t[i + 1] ?? '') && /^\d{3}$/.test(t[i + 2] ?? '')) || /^[12]\d{3}$/.test(t[i + 1] ?? '')),
    );
    // or only the gender digit and serial are left of it (`2 015`): a stamp took the rest
    const serial = t.findIndex((x, i) => i <= 1 && /^[12]$/.test(x) && /^\d{3}$/.test(t[i + 1] ?? ''));
    // or only the birth date is (`19690604`): a stamp over the label and the later groups
    const birth = t.findIndex((x, i) => i <= 1 && isNipBirthDate(x));
    const first = tail >= 0 && tail <= 2 ? tail : serial >= 0 ? serial : birth;
    const headless = first >= 0 && (starts[0] === undefined || starts[0] > first);
    if (headless) starts.unshift(0);
    // a birth date right after a NIP's gender digit and serial opens the next NIP, its label lost
    // (two signature blocks side by side: `NIP 80718 200101 2 006 19810825 200310 1 006`)
    for (let i = 2; i < t.length; i++)
      if (
        isNipBirthDate(t[i]!) &&
        /^[12]$/.test(t[i - 2]!) &&
        /^\d{3}$/.test(t[i - 1]!) &&
        starts.some((s) => s < i) &&
        !starts.includes(i)
      )
        starts.push(i);
    starts.sort((a, b) => a - b);
    const span = NIP_SPAN_HEIGHTS * medianHeight(l.words.filter((w) => /\d/.test(w.text)));
    return starts.map((s, j) => {
      const ws = l.words.slice(s, starts[j + 1] ?? l.words.length);
      const b = unionBBox(ws.map((w) => w.bbox));
      // the box reaches as far as a whole NIP does: a mark can take its last groups off the line
      const next = starts[j + 1] !== undefined ? l.words[starts[j + 1]!]!.bbox[0] - 4 : Number.POSITIVE_INFINITY;
      const end = b[2];
      b[2] = Math.max(end, Math.min(next, b[0] + span));
      // headless: the label and birth date (and the month, when only `2 015` is left) lie to the left
      if (headless && j === 0)
        b[0] = Math.max(
          0,
          tail === first ? b[0] - 110 : birth === first ? b[0] - LABEL_SHARE * span : Math.min(b[0] - 110, end - span),
        );
      return {
        page: l.page,
        words: ws,
        text: (headless && j === 0 ? 'NIP ' : '') + ws.map((w) => w.text).join(' '),
        bbox: b,
      };
    });
  });
}

/** A printed `NIP. 19670110 199610 2 015` is about this many times as wide as its digits are tall… */
const NIP_SPAN_HEIGHTS = 20;
/** …and its label `NIP. ` takes about this share of that width. */
const LABEL_SHARE = 0.2;

function medianHeight(words: readonly Word[]): number {
  const hs = words.map((w) => w.bbox[3] - w.bbox[1]).sort((a, b) => a - b);
  return hs.length ? hs[hs.length >> 1]! : 0;
}

/** The NIP stretches that read as a valid NIP, with it. */
export function validNips(words: readonly Word[]): { nip: string; words: Word[] }[] {
  return nipParts(words).flatMap((p) => {
    const n = parseNip(p.text);
    return n?.valid ? [{ nip: n.nip, words: p.words }] : [];
  });
}

/** The reading most of `reads` agree on, the surer on a tie; none when there are none. */
function mostVoted<T extends { nip: string; conf: number }>(reads: readonly T[]): T | null {
  let best: T | null = null,
    bestVotes = 0;
  for (const r of reads) {
    const votes = reads.filter((o) => o.nip === r.nip).length;
    if (votes > bestVotes || (votes === bestVotes && best && r.conf > best.conf)) [best, bestVotes] = [r, votes];
  }
  return best;
}

/** The lowest confidence among the words holding digits: a NIP is as sure as its least sure group. */
function digitConf(words: readonly { text: string; conf: number }[]): number {
  return Math.min(100, ...words.filter((w) => /\d/.test(w.text)).map((w) => w.conf));
}
