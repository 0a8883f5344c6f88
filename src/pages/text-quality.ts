import type { Word } from '../model/word.js';

/**
 * A text layer whose glyphs map to nothing: fonts embedded without a usable ToUnicode map give
 * control characters, private-use code points or a shifted alphabet (`3XML\u0003 V\XNXU` for
 * `Puji syukur`). Such a page is read as a scan. Indonesian (and English) prose has vowels in
 * about two letters of five; a shifted alphabet has few.
 */
export function unreadableText(words: readonly Word[]): boolean {
  const text = words.map((w) => w.text).join(' ');
  const chars = [...text.replace(/\s+/g, '')];
  if (!chars.length) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are junk a text layer should not hold
  const junk = chars.filter((c) => /[\u0000-\u0008\u000e-\u001f\ufffd\ue000-\uf8ff]/u.test(c)).length;
  if (junk / chars.length > 0.05) return true;
  const letters = chars.filter((c) => /[A-Za-z]/.test(c));
  if (letters.length < 60) return false;
  const vowels = letters.filter((c) => /[aeiouAEIOU]/.test(c)).length;
  return vowels / letters.length < 0.2;
}
