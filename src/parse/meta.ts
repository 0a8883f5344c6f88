import type { DocumentKind, Period, ReportMeta } from '../model/contract.js';
import type { MetaDoubt } from '../model/analysis.js';
import type { Line } from '../model/word.js';
import { parsePlaceDate } from './dates.js';
import { documentKind } from './kind.js';
import { splitByGaps } from './layout.js';
import { findPeriods, isAnnual, parsePeriod, parseYear } from './period.js';
import { sentencesOf } from './sentences.js';
import { findSignatories } from './signatures.js';
import { asPrintedName, foldForMatch, isAllCaps, joinLineTexts, titleCase } from './text.js';

export type { MetaDoubt };

/**
 * Report metadata from all lines of a document in reading order, taken from where meta lives:
 * the cover, the sentences that name the report itself (`Laporan Kinerja (LKj) Kasi …
 * Kecamatan … Tribulan II Tahun 2024`) and the signature blocks. Body text names other places
 * (the desa of a kegiatan, the kabupaten of a Perda) and other periods (`realisasi tribulan I`
 * in an annual report): it is not asked. The kecamatan template names its unit, kecamatan and
 * period in several of these places, so most fields are decided by a vote; a single OCR slip or
 * typo (`TRIBUNAN`) cannot win.
 */
export function extractMeta(lines: readonly Line[]): ReportMeta {
  return readMeta(lines).meta;
}

export function readMeta(lines: readonly Line[]): { meta: ReportMeta; doubts: MetaDoubt[] } {
  const cover = coverLines(lines);
  const coverText = joinLineTexts(cover.map((l) => l.text));
  const coverPage = cover[0]?.page;
  const naming = namingText(lines.filter((l) => l.page !== coverPage));
  // ` | ` keeps a cover line and a sentence from reading as one name
  const text = [coverText, naming].filter(Boolean).join(' | ');
  const signedAt = findSignedAt(lines);
  const signatories = findSignatories(lines);
  const kind = documentKind(coverText, naming, lines);
  // the dateline's place is the kecamatan only in a kecamatan's report (a dinas signs in its city)
  const kecamatan = findPlace(text, 'kecamatan') ?? (kind === 'lkj' ? (signedAt?.place ?? null) : null);
  const kabupaten = findPlace(text, 'kabupaten');
  const period = findPeriod(text, coverText);
  const doubts: MetaDoubt[] = [];
  if (kind === 'lkj') {
    if (!kecamatan) doubts.push('kecamatan');
    if (!kabupaten) doubts.push('kabupaten');
    if (!period) doubts.push('period');
    else if (period.year === null) doubts.push('year');
  }
  const meta: ReportMeta = {
    kind,
    unit: findUnit(text, cover),
    kecamatan,
    kabupaten,
    period,
    signedAt: signedAt?.date ?? null,
    signatories,
  };
  return { meta, doubts };
}

/** The cover: the first page that carries text (a scanned or blank first sheet passes on to the next). */
function coverLines(lines: readonly Line[]): Line[] {
  const pages = [...new Set(lines.map((l) => l.page))].slice(0, 2);
  for (const p of pages) {
    const onPage = lines.filter((l) => l.page === p);
    if (onPage.reduce((n, l) => n + l.text.length, 0) >= 20) return onPage;
  }
  return lines.filter((l) => l.page === pages[0]);
}

/** Sentences naming the report itself (and the titles under table captions, which name it too). */
const NAMES_REPORT =
  /laporan\s+(?:akuntabilitas\s+)?kinerja|(?<!\p{L})(?:lkj|lkjip|lkip|lakip)(?!\p{L})|laporan\s+ini|perjanjian\s+kinerja/iu;

function namingText(lines: readonly Line[]): string {
  return sentencesOf(lines)
    .map((s) => s.text)
    .filter((t) => NAMES_REPORT.test(t))
    .join(' | ');
}

export type { DocumentKind };
/** Counts values by a folded key; the most frequent wins, ties go to the first seen. */
class Vote<T> {
  private readonly entries = new Map<string, { count: number; order: number; values: T[] }>();

  add(key: string, value: T, weight = 1): void {
    const e = this.entries.get(key) ?? { count: 0, order: this.entries.size, values: [] };
    e.count += weight;
    e.values.push(value);
    this.entries.set(key, e);
  }

  /** The winning entry's values, in the order they were added. */
  winner(): T[] | null {
    let best: { count: number; order: number; values: T[] } | null = null;
    for (const e of this.entries.values()) {
      if (!best || e.count > best.count || (e.count === best.count && e.order < best.order)) best = e;
    }
    return best?.values ?? null;
  }
}

/** The prefix, then up to four words on the same line (a name may be several: `Bandar Kedung Mulyo`). */
const PLACE_PATTERNS = {
  kecamatan: /(?<!\p{L})(?:[Kk]ecamatan|KECAMATAN|[Kk]ec\.|KEC\.)\s*(\p{L}[\p{L}-]*(?: +\p{L}[\p{L}-]*){0,3})/gu,
  kabupaten: /(?<!\p{L})(?:[Kk]abupaten|KABUPATEN|[Kk]ab\.|KAB\.)\s*(\p{L}[\p{L}-]*(?: +\p{L}[\p{L}-]*){0,3})/gu,
};
const PLACE_WORDS = 4;
/** Words that end a place name: the next name's prefix, or what follows a name in a title. */
const AFTER_PLACE = new Set(['provinsi', 'pemerintah', 'kab', 'kec', 'laporan', 'kata', 'pengantar', 'bab', 'tabel']);
/** Words that follow `Kecamatan`/`Kabupaten` without being a name (`Kecamatan dan Kelurahan`). */
const NOT_A_PLACE = new Set([
  'dan',
  'atau',
  'kelurahan',
  'desa',
  'kecamatan',
  'kabupaten',
  'kota',
  'tingkat',
  'se',
  'yang',
  'di',
  'pada',
  'setempat',
  'lainnya',
  'tribulan',
  'triwulan',
  'semester',
  'tahun',
  'dalam',
  'untuk',
]);

/**
 * Kecamatan or kabupaten name without its prefix (`Candipuro`), mixed case as printed. The first
 * word is voted on; the name runs on over the capitalised words after it that at least half of its
 * mentions, and two or more, print alike (`Kecamatan Bandar Kedung Mulyo Kabupaten …`), so that
 * whatever follows a name in one title (`KECAMATAN CANDIPURO KATA PENGANTAR`) is not part of it.
 */
export function findPlace(text: string, kind: keyof typeof PLACE_PATTERNS): string | null {
  const vote = new Vote<string[]>();
  for (const m of text.matchAll(PLACE_PATTERNS[kind])) {
    const words: string[] = [];
    for (const w of m[1]!.split(/ +/)) {
      // Names are capitalised; a lowercase word after the prefix is running text.
      if (!/^\p{Lu}/u.test(w) || NOT_A_PLACE.has(foldForMatch(w)) || AFTER_PLACE.has(foldForMatch(w))) break;
      words.push(w);
    }
    if (words.length) vote.add(foldForMatch(words[0]!), words);
  }
  const mentions = vote.winner();
  if (!mentions) return null;
  let n = 1;
  for (; n < PLACE_WORDS; n++) {
    const next = mentions.filter((w) => w.length > n).map((w) => foldForMatch(w.slice(0, n + 1).join(' ')));
    const top = Math.max(0, ...next.map((k) => next.filter((x) => x === k).length));
    if (top < 2 || top < mentions.length / 2) break;
  }
  const named = mentions.filter((w) => w.length >= n);
  const key = (w: string[]) => foldForMatch(w.slice(0, n).join(' '));
  const counts = new Map<string, number>();
  for (const w of named) counts.set(key(w), (counts.get(key(w)) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return printedForm(named.filter((w) => key(w) === top).map((w) => w.slice(0, n).join(' ')));
}

/** Prefers a mixed-case printing (`Candipuro`) over capitals (`CANDIPURO` → title-cased). */
function printedForm(forms: string[] | null): string | null {
  if (!forms || forms.length === 0) return null;
  return forms.find((f) => !isAllCaps(f)) ?? titleCase(forms[0]!);
}

/**
 * The unit (`Kasi Pemberdayaan Masyarakat`): preferably from the sentences naming the report,
 * `Laporan Kinerja (LKj) <unit> Kecamatan <name> …`, where it is printed in normal case; else from
 * the cover, where it sits between `LAPORAN KINERJA` and the period.
 */
export function findUnit(text: string, cover: readonly Line[]): string | null {
  const vote = new Vote<string>();
  for (const m of text.matchAll(/laporan\s+kinerja/giu)) {
    const unit = unitAfter(text.slice(m.index + m[0].length));
    if (unit) vote.add(foldForMatch(unit), unit);
  }
  const fromText = vote.winner();
  if (fromText) return asPrintedName(fromText.find((u) => !isAllCaps(u)) ?? fromText[0]!);
  return unitFromCover(cover);
}

const UNIT_MAX_WORDS = 8;
const UNIT_CONNECTORS = new Set(['dan', '&', '/', 'serta']);
const NOT_A_UNIT =
  /^(instansi|tribulan|triwulan|semester|tahun|tahunan|ini|sebagai|pada|merupakan|adalah|disusun|dapat|yang)$/i;

/** The capitalised words before `Kecamatan` at the start of `rest`, or null. */
function unitAfter(rest: string): string | null {
  const words = rest
    .replace(/^\s*\([^)]{1,12}\)/, '')
    .trim()
    .split(/\s+/);
  const unit: string[] = [];
  for (const w of words.slice(0, UNIT_MAX_WORDS + 1)) {
    if (/^(kecamatan|kec\.)$/i.test(w)) break;
    const capitalised = /^\p{Lu}[\p{L}./-]*$/u.test(w);
    if (!capitalised && !UNIT_CONNECTORS.has(w.toLowerCase())) return null;
    unit.push(w);
  }
  if (unit.length === 0 || unit.length > UNIT_MAX_WORDS || NOT_A_UNIT.test(unit[0]!)) return null;
  if (UNIT_CONNECTORS.has(unit[unit.length - 1]!.toLowerCase())) return null;
  // The loop must have stopped at `Kecamatan`, not run out of words.
  const next = words[unit.length];
  return next && /^(kecamatan|kec\.)$/i.test(next) ? unit.join(' ') : null;
}

/** Cover lines after `LAPORAN KINERJA` up to the period, the place or the year. */
function unitFromCover(cover: readonly Line[]): string | null {
  const start = cover.findIndex((l) => /laporan\s+kinerja/i.test(l.text));
  if (start < 0) return null;
  const parts: string[] = [];
  const head = cover[start]!.text.replace(/^.*?laporan\s+kinerja\s*(\([^)]{1,12}\))?/i, '').trim();
  if (head) parts.push(head);
  for (const l of cover.slice(start + 1)) {
    if (
      parsePeriod(l.text) ||
      parseYear(l.text) ||
      /^(pemerintah|kecamatan|kabupaten|tahun)(?!\p{L})/iu.test(l.text.trim())
    )
      break;
    parts.push(l.text);
  }
  const unit = plausibleUnit(joinLineTexts(parts));
  return unit ? asPrintedName(unit) : null;
}

/**
 * A unit's name as a cover prints it, or null: `Instansi Pemerintah (LKIP)` and what follows the
 * name (`Provinsi Jawa Barat`, `Kecamatan X`, `Tahun 2016`) cut off; a sentence, a running footer
 * (`… Tahun 201637`) or a long paragraph is no name.
 */
export function plausibleUnit(text: string): string | null {
  const t = text
    .replace(/^\s*(?:\([^)]{1,12}\)\s*)?(?:instansi\s+pemerintah\s*)?(?:\([^)]{1,12}\)\s*)?/i, '')
    .replace(/\s+(?:kecamatan|kec\.|provinsi|kabupaten|kab\.|kota|tahun|tribulan|triwulan|semester)(?!\p{L}).*$/iu, '')
    .trim();
  if (!t || /\d|[.:;,!?]\s|\s[—–-]\s/.test(t) || t.split(/\s+/).length > 10) return null;
  if (t.split(/\s+/).some((w) => /^\p{Ll}/u.test(w) && !UNIT_CONNECTORS.has(w))) return null;
  return t;
}

/**
 * The period by vote over every `Tribulan II Tahun 2024`-like mention (the cover counts double);
 * the year is the one most written with the winning period, else the cover's. With no tribulan or
 * semester anywhere, a cover naming the report and a year makes it `tahunan`.
 */
export function findPeriod(text: string, coverText: string): Period | null {
  const vote = new Vote<Period>();
  for (const p of findPeriods(text)) vote.add(`${p.kind}:${p.number}`, p);
  for (const p of findPeriods(coverText)) vote.add(`${p.kind}:${p.number}`, p, 2);
  const mentions = vote.winner();
  const coverAnnual = isAnnual(coverText) && findPeriods(coverText).length === 0;
  if (mentions && !coverAnnual) {
    const first = mentions[0]!;
    const years = new Vote<number>();
    for (const m of mentions) if (m.year !== null) years.add(String(m.year), m.year);
    const year = years.winner()?.[0] ?? parseYear(coverText);
    return { kind: first.kind, number: first.number, year };
  }
  if (
    coverAnnual ||
    /laporan\s+(?:akuntabilitas\s+)?kinerja|(?<!\p{L})(?:lkj|lkjip|lkip|lakip)(?!\p{L})/iu.test(coverText)
  ) {
    const year = parsePeriod(coverText)?.year ?? parseYear(coverText);
    if (year !== null) return { kind: 'tahunan', number: null, year };
  }
  return null;
}

/** The last signature dateline (`Candipuro, 28 Juni 2024`) of the document. */
export function findSignedAt(lines: readonly Line[]): { place: string; date: string } | null {
  let last: { place: string; date: string } | null = null;
  for (const part of lines.flatMap((l) => splitByGaps(l))) {
    const pd = parsePlaceDate(part.text);
    if (pd) last = pd;
  }
  return last;
}
