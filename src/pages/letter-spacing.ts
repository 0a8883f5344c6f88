/**
 * Headings printed with letter spacing (`L A P O R A N  K I N E R J A`): the text layer gives each
 * letter as a word, pdfjs putting a space between letters and a wider gap (its own item) between
 * words. A run of single characters is one word again. A run of digits only (`2 0 2 3`) is joined
 * only after a letter-spaced run on the same line: a column-number row `1 2 3` stays as it is.
 */
export function joinLetterSpaced(str: string, afterSpaced: boolean): { text: string; spaced: boolean } {
  const tokens = str.trim().split(/ +/);
  if (tokens.length < 3 || !tokens.every((t) => [...t].length === 1)) return { text: str, spaced: false };
  const letters = tokens.filter((t) => /\p{L}/u.test(t)).length;
  if (letters < 2 && !(afterSpaced && tokens.every((t) => /\d/.test(t)))) return { text: str, spaced: false };
  return { text: tokens.join(''), spaced: true };
}
