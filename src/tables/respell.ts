import type { ExtractedTables, Field } from '../model/extracted.js';
import type { Word } from '../model/word.js';
import { PRINTED } from './reconcile-text.js';

/**
 * Table cells are read with `eng` alone (it reads every `%`), which knows no Indonesian word: a
 * letter it confuses comes out as a word no one writes (`Dacrah`, `pencgasan`, `Penelapan`). The
 * page's text is read with `ind`, whose dictionary spells those words right, and a report's
 * narrative repeats its tables' words. So a word of an OCR'd text cell that the narrative never
 * uses, one confusable letter away from exactly one word it does use, is that word.
 * Only the cell's `value` changes; `raw` stays as read. Text layers are never touched.
 */

/** A narrative word read at least this surely spells a word of the document. */
const SURE_WORD = 85;
/** Shorter words are left alone: too many real words lie one letter apart. */
const MIN_LENGTH = 4;
/** A word this long at least may have lost its last letter: shorter ones are often words themselves. */
const MIN_CUT_LENGTH = 7;

/**
 * Letters the cell reader takes for one another (lower case, either way round). Letters of distinct
 * shapes (`dana`/`data`) are never exchanged: both are words.
 */
const CONFUSABLE = new Set(
  ['ce', 'eo', 'co', 'lt', 'il', 'ft', 'it', 'hb', 'hn', 'nu', 'rn', 'rt', 'vy'].flatMap((p) => [p, p[1]! + p[0]!]),
);

const WORD = /^\p{L}+$/u;

/** How often each word (lower case) occurs among the narrative's sure words (a text layer's are). */
export function narrativeVocabulary(words: readonly Word[]): Map<string, number> {
  const vocab = new Map<string, number>();
  for (const w of words) {
    if (w.source === 'ocr' && w.conf < SURE_WORD) continue;
    const t = w.text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
    if (t.length >= MIN_LENGTH && WORD.test(t)) vocab.set(t, (vocab.get(t) ?? 0) + 1);
  }
  return vocab;
}

/** Respell the OCR'd text cells of every table from the narrative's vocabulary (see above). */
export function respellFromNarrative(tables: ExtractedTables, vocab: ReadonlyMap<string, number>): void {
  if (!vocab.size) return;
  const byLength = new Map<number, string[]>();
  for (const w of vocab.keys()) {
    const same = byLength.get(w.length);
    if (same) same.push(w);
    else byLength.set(w.length, [w]);
  }
  const spell = (word: string): string => {
    // a `|` inside a word: an `l` (`Pe|aksanaan`) when that spells a narrative word, else a streak
    // between two words read with no space (`Kewenangan|yang`) when one of them is a narrative word
    const parts = word.split(/[|¦]/);
    if (parts.length === 2 && parts.every((p) => /^\p{L}+$/u.test(p))) {
      if (vocab.has(parts.join('l').toLowerCase())) return parts.join('l');
      if (parts.some((p) => p.length >= MIN_LENGTH && vocab.has(p.toLowerCase()))) return parts.join(' ');
    }
    const core = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    const lower = core.toLowerCase();
    if (core.length < MIN_LENGTH || !WORD.test(core) || vocab.has(lower)) return word;
    const near = (byLength.get(lower.length) ?? []).filter((v) => oneConfusable(lower, v));
    if (near.length === 1) return word.replace(core, withCase(near[0]!, core));
    // its last letter lost under a streak at the cell's edge (`Peratura`, `Kecamata`)
    // (a word in one case, or capitalised: an abbreviation such as `APBDes` is left as printed)
    const plain = core === lower || core === core.toUpperCase() || core.slice(1) === lower.slice(1);
    const longer =
      plain && lower.length >= MIN_CUT_LENGTH
        ? (byLength.get(lower.length + 1) ?? []).filter((v) => v.startsWith(lower))
        : [];
    if (longer.length === 1) return word.replace(core, withCase(longer[0]!, core + core.slice(-1)));
    return word;
  };
  for (const rows of Object.values(tables))
    for (const row of rows)
      for (const f of Object.values(row.fields) as Field[]) {
        if (f.kind !== 'text' || f.conf >= PRINTED || typeof f.value !== 'string') continue;
        f.value = f.value.split(' ').map(spell).join(' ');
      }
}

/** Same length, one position apart, and those two letters confusable. */
function oneConfusable(a: string, b: string): boolean {
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (at >= 0) return false;
    at = i;
  }
  // Indonesian spells no accented letter: one read (`Terkoordinésinya`) is any letter's slip
  return at >= 0 && (CONFUSABLE.has(a[at]! + b[at]!) || /[^a-z]/.test(a[at]!));
}

/** `word` (lower case) in the case pattern of `like`, letter by letter. */
function withCase(word: string, like: string): string {
  return [...word].map((c, i) => (like[i] === like[i]!.toUpperCase() ? c.toUpperCase() : c)).join('');
}
