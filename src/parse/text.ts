/**
 * Small text helpers shared by the parsers. Reports come from Word exports, Chromium prints and
 * OCR, so the same phrase can arrive with odd spaces, curly or straight quotes and any casing.
 */

/** Every quote mark seen around printed values (`“Sedang”`, `"Sedang"`, `‘Sedang’`, `«…»`). */
export const QUOTE_CHARS = '"\'“”„‟‘’‚‛«»`´';

/** NFKC (ligatures like `ﬁ`, full-width digits) and one plain space for every whitespace run. */
export function normalizeSpace(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/** Key for comparing words: normalised, case-folded, quotes dropped. Not for output. */
export function foldForMatch(s: string): string {
  return normalizeSpace(s)
    .toLocaleLowerCase('id')
    .replace(new RegExp(`[${QUOTE_CHARS}]`, 'g'), '');
}

/** Words kept lowercase inside a title-cased name. */
const MINOR_WORDS = new Set(['dan', 'atau', 'di', 'ke', 'dari', 'pada', 'yang', 'untuk', 'serta']);

/**
 * `KASI PEMBERDAYAAN MASYARAKAT` → `Kasi Pemberdayaan Masyarakat`. Only used when a value is
 * printed in capitals; mixed-case text is kept as printed.
 */
export function titleCase(s: string): string {
  return normalizeSpace(s)
    .split(' ')
    .map((w, i) => {
      const lower = w.toLocaleLowerCase('id');
      if (i > 0 && MINOR_WORDS.has(lower)) return lower;
      return lower.replace(/^(\P{L}*)(\p{L})/u, (_m, pre: string, c: string) => pre + c.toLocaleUpperCase('id'));
    })
    .join(' ');
}

/** True when the text has letters and none of them is lowercase (`KECAMATAN CANDIPURO`). */
export function isAllCaps(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

/** Title-cases text printed in capitals, keeps anything else as printed. */
export function asPrintedName(s: string): string {
  const t = normalizeSpace(s);
  return isAllCaps(t) ? titleCase(t) : t;
}

/**
 * Joins line texts into running text: one space between lines, none after a word broken with a
 * hyphen at the line end (`karunia-` + `Nya` → `karunia-Nya`, the hyphen is kept as printed).
 */
export function joinLineTexts(texts: readonly string[]): string {
  // parts joined once at the end: testing the end of a growing string flattens it every time
  // (quadratic: 16 s for the 10 000 lines of a 60-page report)
  const parts: string[] = [];
  let last = '';
  for (const raw of texts) {
    const t = normalizeSpace(raw);
    if (!t) continue;
    parts.push(last === '' || (/\p{L}-$/u.test(last) && /^\p{L}/u.test(t)) ? t : ` ${t}`);
    last = t;
  }
  return parts.join('');
}
