import type { Line, Word } from '../model/word.js';
import { normalizeSpace } from './text.js';

/**
 * Narrative lines → paragraphs → sentences, keeping for every character the word it came from, so
 * a claim found in a sentence can point back to its page, box and OCR confidence. Sentences run
 * across line and page breaks; headings, list items and wide vertical gaps end a paragraph.
 */

export interface Token {
  text: string;
  /** offsets in the paragraph text */
  start: number;
  end: number;
  word: Word;
}

export interface Sentence {
  /** whitespace-normalised sentence */
  text: string;
  /** offset of `text` in its paragraph: token offsets minus this are offsets in `text` */
  offset: number;
  tokens: Token[];
}

interface Paragraph {
  text: string;
  tokens: Token[];
}

/** Words closer than this (points) were printed touching: `e` `fi` `siensi` is one word. */
const TOUCHING = 0.8;
/** A line further below the previous one than this many typical line pitches starts a paragraph. */
const PARAGRAPH_PITCH = 1.3;
const PITCH_PERCENTILE = 0.3;
const MIN_PITCHES = 4;

export function sentencesOf(lines: readonly Line[]): Sentence[] {
  return paragraphsOf(dropPageNumbers(lines)).flatMap(splitSentences);
}

/** Page numbers (`5`, `- 5 -`, `Halaman 5`, `ii`) as the first or last line of a page. */
function dropPageNumbers(lines: readonly Line[]): Line[] {
  const isNumber = (l: Line) =>
    /^(?:[-–(]\s*)?(?:\d{1,3}|[ivxlc]{1,6})(?:\s*[-–)])?$|^halaman\s+\d{1,3}$/i.test(normalizeSpace(l.text));
  return lines.filter((l, i) => {
    if (!isNumber(l)) return true;
    const first = lines[i - 1]?.page !== l.page;
    const last = lines[i + 1]?.page !== l.page;
    return !(first || last);
  });
}

/** Headings: `BAB II`, `2.3. EVALUASI …`, `2.4. Hambatan …`, `A. Tugas Pokok …`, all-caps lines. */
function isHeading(text: string): boolean {
  const t = normalizeSpace(text);
  if (/^(\d+\.)+\d*\.?\s+\p{Lu}/u.test(t) && !/^\d{1,2}\.\s/.test(t)) return true;
  if (/^(\d+\.\d+)+\.?\s+\p{Lu}/u.test(t)) return true;
  if (/^[A-H]\.\s+\p{Lu}/u.test(t)) return true;
  const letters = t.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && !/\p{Ll}/u.test(letters);
}

/** List items: `1.`, `a.`, `2)`, bullets and check boxes. */
function isListItem(text: string): boolean {
  return /^(\d{1,2}|[a-z])[.)]\s+\S/.test(text.trim()) || /^[☐☑☒•▪◦●○■□✓✔*]/u.test(text.trim());
}

/**
 * Typical distance between consecutive line tops on each page: a low percentile, because on a
 * page of short paragraphs and list items the gaps between paragraphs can be half the pitches.
 * Pages with too few lines for that borrow the document's value.
 */
function typicalPitch(lines: readonly Line[]): Map<number, number> {
  const byPage = new Map<number, number[]>();
  const all: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    const pitch = b.bbox[1] - a.bbox[1];
    // Lines closer than their own height are one visual line split by the builder (superscripts,
    // OCR skew), not a measure of the line spacing.
    if (a.page !== b.page || pitch < b.bbox[3] - b.bbox[1]) continue;
    byPage.set(a.page, [...(byPage.get(a.page) ?? []), pitch]);
    all.push(pitch);
  }
  const low = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) * PITCH_PERCENTILE)]!;
  const out = new Map<number, number>();
  for (const [page, pitches] of byPage) {
    if (pitches.length >= MIN_PITCHES) out.set(page, low(pitches));
    else if (all.length >= MIN_PITCHES) out.set(page, low(all));
  }
  return out;
}

function startsParagraph(prev: Line, line: Line, pitch: Map<number, number>): boolean {
  if (isHeading(prev.text) || isHeading(line.text) || isListItem(line.text)) return true;
  if (prev.page !== line.page) return false;
  const dy = line.bbox[1] - prev.bbox[1];
  const typical = pitch.get(line.page);
  return dy <= 0 || (typical !== undefined && dy > typical * PARAGRAPH_PITCH + 1);
}

function paragraphsOf(lines: readonly Line[]): Paragraph[] {
  const pitch = typicalPitch(lines);
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let prevLine: Line | null = null;
  for (const line of lines) {
    const words = wordsOf(line);
    if (words.length === 0) continue;
    if (!current || !prevLine || startsParagraph(prevLine, line, pitch)) {
      current = { text: '', tokens: [] };
      paragraphs.push(current);
    }
    appendLine(current, words);
    prevLine = line;
  }
  return paragraphs;
}

/** The line's words left to right, whitespace-normalised; a line without words is one word. */
function wordsOf(line: Line): Word[] {
  const words =
    line.words.length > 0
      ? [...line.words].sort((a, b) => a.bbox[0] - b.bbox[0])
      : [{ text: line.text, page: line.page, bbox: line.bbox, conf: 100, source: 'text' as const }];
  return words.map((w) => ({ ...w, text: normalizeSpace(w.text) })).filter((w) => w.text !== '');
}

function appendLine(p: Paragraph, words: readonly Word[]): void {
  words.forEach((w, i) => {
    let sep = p.text === '' ? '' : ' ';
    const prev = p.tokens[p.tokens.length - 1];
    if (i > 0 && prev && w.bbox[0] - prev.word.bbox[2] < TOUCHING) sep = '';
    // `karunia-` at a line end + `Nya`: one word, the hyphen kept as printed.
    if (i === 0 && /\p{L}-$/u.test(p.text) && /^\p{L}/u.test(w.text)) sep = '';
    p.text += sep;
    const start = p.text.length;
    p.text += w.text;
    p.tokens.push({ text: w.text, start, end: p.text.length, word: w });
  });
}

/** Abbreviations whose dot does not end a sentence (`Plt. Camat`, `No. 46`, `Rp. 48.320.000`). */
const ABBREVIATIONS = new Set([
  'plt',
  'plh',
  'pj',
  'pjs',
  'no',
  'nomor',
  'jl',
  'jln',
  'drs',
  'dra',
  'dr',
  'ir',
  'h',
  'hj',
  'st',
  'tk',
  'kab',
  'kec',
  'kel',
  'prov',
  'bpk',
  'sdr',
  'yth',
  'rp',
  'nip',
  'a.n',
  'u.b',
  'tgl',
  'ttd',
  'hal',
  'lamp',
]);
const BOUNDARY = /[.!?]+["”’')\]]*(?=\s+["“‘(]?[\p{Lu}\d])/gu;

function splitSentences(p: Paragraph): Sentence[] {
  const cuts: number[] = [];
  for (const m of p.text.matchAll(BOUNDARY)) {
    const before = /(\S+)$/.exec(p.text.slice(0, m.index))?.[1] ?? '';
    const word = before.replace(/^["“‘(]+/, '').toLowerCase();
    // A single letter is an initial or a list label (`A.`, `S.`), not a sentence.
    if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    // A numbering label opening the sentence (`1.`, `2.3.`) belongs to what follows.
    if (/^(\d+\.)*\d+$/.test(p.text.slice(cuts[cuts.length - 1] ?? 0, m.index).trim())) continue;
    cuts.push(m.index + m[0].length);
  }
  cuts.push(p.text.length);
  const out: Sentence[] = [];
  let from = 0;
  for (const to of cuts) {
    const raw = p.text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) {
      const offset = from + lead;
      const tokens = p.tokens.filter((t) => t.start >= offset && t.end <= offset + text.length);
      out.push({ text, offset, tokens });
    }
    from = to;
  }
  return out;
}
