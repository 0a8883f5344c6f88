import { INDICATOR_TABLES } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import { BAND_WORDS } from '../parse/claims.js';
import { editDistance } from '../parse/edit-distance.js';

/**
 * Program names of the national nomenclature (Kepmendagri 050-5889/2021, after Permendagri 90/2019)
 * that a kecamatan's Tabel 2.5 lists. A garbled OCR reading close to one of them is that name.
 */
export const PROGRAM_NAMES: readonly string[] = [
  'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA',
  'PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK',
  'PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN',
  'PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM',
  'PROGRAM PENINGKATAN KETENTERAMAN DAN KETERTIBAN UMUM',
  'PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM',
  'PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA',
  'PROGRAM KOORDINASI PENYELENGGARAAN KEGIATAN PEMERINTAHAN KECAMATAN',
  'PROGRAM PENANGGULANGAN BENCANA',
  'PROGRAM PEMBERDAYAAN SOSIAL',
  'PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL',
  'PROGRAM REHABILITASI SOSIAL',
  'PROGRAM PENANGANAN BENCANA',
  'PROGRAM PENGELOLAAN KEUANGAN DAERAH',
  'PROGRAM KEPEGAWAIAN DAERAH',
  'PROGRAM PENINGKATAN PARTISIPASI MASYARAKAT',
  'PROGRAM PENGEMBANGAN EKONOMI MASYARAKAT',
  'PROGRAM PENATAAN DESA',
  'PROGRAM ADMINISTRASI PEMERINTAHAN DESA',
  'PROGRAM PEMERINTAHAN DAN PELAYANAN PUBLIK',
];

/** Letters and digits only, upper case: OCR's spacing and punctuation slips do not count. */
const letters = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');

/** The marks of a text: what is neither a letter, a digit nor a space. */
const marksOf = (s: string) => new Set(s.replace(/[\p{L}\d\s]/gu, ''));

/** 1 − edit distance over the longer length, on letters only. */
function closeness(a: string, b: string): number {
  const x = letters(a),
    y = letters(b);
  if (!x.length || !y.length) return 0;
  return 1 - editDistance(x, y) / Math.max(x.length, y.length);
}

/** A reading at least this close to its twin is the same text misread; further apart, a different text. */
const SAME_TEXT = 0.7;
/**
 * Twins may differ by whole words (a 2.4 kegiatan `Terlaksananya Pemberdayaan …` against the 2.5
 * kegiatan `Pemberdayaan …`): a reading of a length this different is another text, however alike.
 */
const SAME_LENGTH = 0.9;

function sameText(a: string, b: string): boolean {
  const x = letters(a).length,
    y = letters(b).length;
  return Math.min(x, y) >= SAME_LENGTH * Math.max(x, y) && closeness(a, b) >= SAME_TEXT && !wordsInserted(a, b);
}

/** Letters of whole words one text has between two words both share, for a wording of its own. */
const INSERTED_LETTERS = 3;

/**
 * Whether one text has whole words where the other has none, between words both read alike
 * (`… Perangkat Daerah yang Ada di Kecamatan` against `… perangkat daerah di kecamatan`). A misread
 * garbles a word in place, or loses a small one (`di`); it does not print `yang Ada` into a text.
 * Such twins are two wordings (a 2.4 sasaran `Terselenggaranya urusan …` and its 2.5 kegiatan
 * `Penyelenggaraan Urusan …`), however alike their letters.
 */
export function wordsInserted(a: string, b: string): boolean {
  const x = wordsOf(a),
    y = wordsOf(b);
  // longest common subsequence of words, then walk it: a gap on one side only is an insertion
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let i = 0,
    j = 0,
    gapX = 0,
    gapY = 0,
    matched = false;
  const insertion = () => matched && (gapX === 0) !== (gapY === 0) && gapX + gapY >= INSERTED_LETTERS;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      if (insertion()) return true;
      matched = true;
      gapX = gapY = 0;
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) gapX += x[i++]!.length;
    else gapY += y[j++]!.length;
  }
  return false;
}

/** A text read at this confidence or better is kept as read (a spelling of its own). */
const DOUBTFUL_TEXT = 80;
/** A text layer's confidence: exact, never reconciled. */
export const PRINTED = 100;

const isOcr = (f: Field | undefined): f is Field => !!f && f.kind === 'text' && f.conf < PRINTED && !!f.raw;

function adopt(f: Field, from: Field): void {
  f.value = from.value;
  f.raw = from.raw;
  f.conf = Math.max(f.conf, Math.min(from.conf, PRINTED - 1));
}

/**
 * One text printed in several tables (a sasaran or indikator in 2.1, 2.3 and 2.4, rows of the same
 * label): each OCR reading that is close to a surer reading of its twins takes that reading. (A 2.4
 * row's `Sasaran / Kegiatan` and its 2.5 kegiatan are often worded differently: twins only where
 * the texts are that close.)
 * Only text cells are touched, never a number.
 */
function reconcileGroup(fields: readonly (Field | undefined)[]): void {
  const ocr = fields.filter(isOcr);
  if (ocr.length < 2) return;
  const best = [...ocr].sort((a, b) => b.conf - a.conf)[0]!;
  for (const f of ocr) {
    // a clear reading stays as read: twins may differ by a letter in the document itself
    // (`Fasilitas` in one table, `Fasilitasi` in another)
    if (f === best || f.raw === best.raw || f.conf >= best.conf || f.conf >= DOUBTFUL_TEXT) continue;
    if (sameText(f.raw, best.raw)) adopt(f, best);
  }
}

/** Words of a text, letters and digits only, upper case. */
const wordsOf = (s: string) => s.split(/\s+/).map(letters).filter(Boolean);

/**
 * A reading that lost a line of its cell (a streak across it, a line the cell's crop cut): its
 * words are the first or the last words of the text two other copies read alike, two words or
 * more short. It takes their reading. Two copies must agree, so a table that prints a shorter text
 * of its own is not made to print the longer one on a single twin's word.
 */
function restoreLostLines(ocr: readonly Field[]): void {
  const words = ocr.map((f) => wordsOf(f.raw));
  const text = words.map((w) => w.join(' '));
  ocr.forEach((f, i) => {
    const mine = text[i]!;
    if (!mine) return;
    // a longer text two other copies read alike; a line is two words or more (one word short is
    // another wording, not a lost line)
    const j = words.findIndex(
      (full, k) =>
        k !== i &&
        full.length >= words[i]!.length + 2 &&
        text.some((t, h) => h !== i && h !== k && t === text[k]) &&
        (text[k]!.startsWith(`${mine} `) || text[k]!.endsWith(` ${mine}`)),
    );
    if (j >= 0) adopt(f, ocr[j]!);
  });
}

/** A garble left where a word was: two letters or fewer once its marks are gone (`B=`, `RE`). */
const GARBLE_LETTERS = 2;

/** Words of two letters a text may really hold where its twin has a longer word. */
const SHORT_WORDS = new Set(['DI', 'KE', 'SE', 'YG', 'DR']);

/**
 * A reading with a word garbled under a streak or a mark (`penegakan B= Daerah`, `a ar` for
 * `penyelenggaraan`): its words are those of a twin's text, but for one or two tokens of two
 * letters at most standing where one or two words of four letters or more are, with two words or
 * more around them read the same. It takes the twin's reading when two other copies read that
 * text alike, or when the twin was read more surely and the tokens are no words (`di`, `ke`: a
 * wording of its own).
 */
function restoreGarbledWords(ocr: readonly Field[]): void {
  const words = ocr.map((f) => wordsOf(f.raw));
  const text = words.map((w) => w.join(' '));
  ocr.forEach((f, i) => {
    const j = words.findIndex((full, k) => {
      if (k === i || text[k] === text[i]) return false;
      const garble = garbledFrom(words[i]!, full);
      if (!garble) return false;
      const agreed = text.some((t, h) => h !== i && h !== k && t === text[k]);
      return agreed || (f.conf < ocr[k]!.conf && !garble.some((w) => SHORT_WORDS.has(w)));
    });
    if (j >= 0) adopt(f, ocr[j]!);
  });
}

/** The garbled tokens when `mine` is `full` with one or two words garbled (see restoreGarbledWords). */
function garbledFrom(mine: readonly string[], full: readonly string[]): string[] | null {
  let head = 0;
  while (head < mine.length && head < full.length && mine[head] === full[head]) head++;
  let tail = 0;
  while (
    tail < mine.length - head &&
    tail < full.length - head &&
    mine[mine.length - 1 - tail] === full[full.length - 1 - tail]
  )
    tail++;
  const garble = mine.slice(head, mine.length - tail),
    lost = full.slice(head, full.length - tail);
  const garbled =
    head + tail >= 2 &&
    garble.length >= 1 &&
    garble.length <= 2 &&
    lost.length >= 1 &&
    lost.length <= 2 &&
    garble.every((w) => w.replace(/[^A-Z]/g, '').length <= GARBLE_LETTERS) &&
    lost.every((w) => w.length >= 4);
  return garbled ? garble : null;
}

/** A reading below this confidence is noise OCR made of a mark across the whole cell (`Bel camino`). */
const UNREAD_TEXT = 30;

/**
 * A text cell OCR all but failed to read (a pen mark or stamp over it, read at confidence 0 as
 * `Bel camino`) takes its twins' text, however unlike it is: when two other copies read it alike,
 * or when one copy that always prints the same text (`alike`) read it surely.
 */
function restoreUnread(copies: readonly { f: Field | undefined; alike: boolean }[]): void {
  for (const { f } of copies) {
    if (!isOcr(f) || f.conf >= UNREAD_TEXT) continue;
    const others = copies.filter((c) => c.f !== f && c.f?.raw && c.f.conf >= UNREAD_TEXT);
    const agreed = others.find((c) => others.some((o) => o !== c && letters(o.f!.raw) === letters(c.f!.raw)));
    const sure = others.find((c) => c.alike && c.f!.conf >= DOUBTFUL_TEXT);
    const from = agreed ?? sure;
    if (from) adopt(f, from.f!);
  }
}

/** A token of marks only (`/`, `—`, `~`): what a pen stroke across a text reads as. */
const MARK_TOKEN = /^[^\p{L}\d]+$/u;

/**
 * A pen stroke across a text cell reads as a mark standing between its words (`laporan /
 * penyelenggaraan`). Where a twin reads the very same words without any such token, it is dropped;
 * a mark the document prints (`Kabupaten / Kota`) is in its twins too and stays.
 */
function dropStrayMarks(copies: readonly Field[]): void {
  for (const f of copies) {
    const tokens = f.raw.split(' ');
    if (!tokens.some((t) => MARK_TOKEN.test(t))) continue;
    const clean = copies.some(
      (g) => g !== f && !g.raw.split(' ').some((t) => MARK_TOKEN.test(t)) && letters(g.raw) === letters(f.raw),
    );
    if (!clean) continue;
    f.raw = tokens.filter((t) => !MARK_TOKEN.test(t)).join(' ');
    if (typeof f.value === 'string')
      f.value = f.value
        .split(' ')
        .filter((t) => !MARK_TOKEN.test(t))
        .join(' ');
  }
}

export const byNo = (rows: readonly ExtractedRow[], no: string) => rows.find((r) => r.no === no);

/**
 * Garbled text cells mended against their twins in the other tables and against the national
 * program names. Texts only: numbers are never changed this way.
 */
export function reconcileTexts(tables: ExtractedTables): void {
  const labels = new Set(INDICATOR_TABLES.flatMap((t) => tables[t].map((r) => r.no)));
  for (const no of labels) {
    for (const field of ['sasaran', 'indikator']) {
      const twins = INDICATOR_TABLES.map((t) => byNo(tables[t], no)?.fields[field]);
      // 2.4's `Sasaran / Kegiatan` may name the kegiatan, worded as the sasaran without its
      // first word (`Koordinasi …` under `Meningkatnya koordinasi …`): no lost line there
      const copies = INDICATOR_TABLES.flatMap((t, i) => (field === 'sasaran' && t === '2.4' ? [] : [twins[i]])).filter(
        isOcr,
      );
      dropStrayMarks(twins.filter(isOcr));
      restoreLostLines(copies);
      restoreGarbledWords(copies);
      restoreUnread(INDICATOR_TABLES.map((t, i) => ({ f: twins[i], alike: !(field === 'sasaran' && t === '2.4') })));
      reconcileGroup(twins);
    }
  }
  // a 2.5 kegiatan and the 2.4 row named by it (where 2.4 names its rows by kegiatan): the one
  // 2.4 text close enough to be its twin
  const named24 = tables['2.4'].map((r) => r.fields.sasaran).filter(isOcr);
  for (const r of tables['2.5']) {
    const f = r.fields.uraian;
    if (!/^\d+\.\d/.test(r.no) || !isOcr(f)) continue;
    const twins = named24.filter((t) => sameText(t.raw, f.raw));
    if (twins.length === 1) reconcileGroup([f, twins[0]]);
  }
  for (const r of tables['2.2']) mendBandWords(r.fields.kriteria);
  for (const r of tables['2.5']) {
    const f = r.fields.uraian;
    if (!/^\d+$/.test(r.no) || !isOcr(f)) continue;
    // the name's very letters with a mark the name has not (`URUSAN,/ PEMERINTAHAN`): a speck
    const specked = PROGRAM_NAMES.find(
      (n) => letters(n) === letters(f.raw) && [...marksOf(f.raw)].some((m) => !n.includes(m)),
    );
    if (specked) f.value = specked;
    // a doubtful reading only: a program name read clearly is printed as the document has it
    if (f.conf >= DOUBTFUL_TEXT) continue;
    const name = PROGRAM_NAMES.map((n) => ({ n, c: closeness(f.raw, n) })).sort((a, b) => b.c - a.c)[0]!;
    if (name.c >= SAME_TEXT && letters(name.n) !== letters(f.raw)) {
      f.value = f.raw = name.n;
    }
  }
}

/** Words a rating band's name is made of (`Sangat Baik`, `Kurang Memuaskan`, `Tidak Berhasil`). */
const KRITERIA_WORDS = [...BAND_WORDS, 'tidak', 'belum'];

/**
 * A band name (Tabel 2.2 kriteria) read by OCR is words of a small vocabulary: a word that is none
 * of them but close to exactly one (`Vlemuaskan`, `Culkup`, `Ticlak`, `<urang`: one letter off in a
 * word of four letters, two in a longer one) is that word, in the case it was printed in. Otherwise
 * R8 would judge the narrative's kategori against a name the document never printed.
 */
function mendBandWords(f: Field | undefined): void {
  if (!isOcr(f)) return;
  const words = f.raw.trim().split(/\s+/);
  // a stray piece of a letter read as a word of its own (`VM emuaskan`) joins its neighbour
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (Math.min(letterCount(a), letterCount(b)) >= 3) continue;
    const joined = nearestBandWord(a + b);
    if (joined && !nearestBandWord(a)?.exact && !nearestBandWord(b)?.exact) words.splice(i, 2, a + b);
  }
  const mended = words
    .map((w) => {
      const near = nearestBandWord(w);
      if (!near || near.exact) return w;
      const letters = w.replace(/\P{L}/gu, '');
      return letters === letters.toUpperCase() ? near.v.toUpperCase() : near.v[0]!.toUpperCase() + near.v.slice(1);
    })
    .join(' ');
  if (mended !== f.raw) f.value = f.raw = mended;
}

const letterCount = (w: string) => w.replace(/\P{L}/gu, '').length;

/** The one rating word `w` is or is close to (one letter off in four letters, two in longer ones). */
function nearestBandWord(w: string): { v: string; exact: boolean } | null {
  const lower = w.toLowerCase();
  if (KRITERIA_WORDS.includes(lower)) return { v: lower, exact: true };
  if (!/\p{L}{3}/u.test(w)) return null;
  const near = KRITERIA_WORDS.map((v) => ({ v, d: editDistance(lower, v) })).sort((a, b) => a.d - b.d);
  const best = near[0]!;
  if (best.d > (best.v.length > 4 ? 2 : 1) || near[1]?.d === best.d) return null;
  return { v: best.v, exact: false };
}
