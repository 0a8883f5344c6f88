import type { Period } from '../model/contract.js';
import { normalizeSpace } from './text.js';

/**
 * Reporting period from a title or sentence: `TRIBULAN II Tahun 2024`, the typo `TRIBUNAN II`,
 * `Triwulan 3 Tahun 2023`, `TW II 2024`, `Semester I Tahun 2022`, `Tahunan 2021`,
 * `LAPORAN KINERJA TAHUN 2021`.
 */

/** Quarter words: tribulan, triwulan, the typo tribunan, OCR's tribuian, and TW / Trw. */
const QUARTER = 'tri[bw]u[lni]an|tw|trw';
/** A period number: roman (OCR may print l or | for I), arabic, `ke-2`, or a word. */
const NUMBER = String.raw`(?:ke\s*[-‐]?\s*)?(IV|I{1,3}|[Il|]{1,3}|[1-4]|pertama|kesatu|satu|kedua|dua|ketiga|tiga|keempat|empat)(?![\p{L}\d])`;
const YEAR_AFTER = String.raw`(?:\s*[,.]?\s*(?:tahun(?:\s+anggaran)?|th\.?|ta\.?)?\s*[:.]?\s*((?:19|20)\d{2})(?!\d))?`;

const QUARTER_RE = new RegExp(String.raw`(?<![\p{L}])(?:${QUARTER})\s*[-.]?\s*${NUMBER}${YEAR_AFTER}`, 'iu');
const SEMESTER_RE = new RegExp(String.raw`(?<![\p{L}])semester\s*[-.]?\s*${NUMBER}${YEAR_AFTER}`, 'iu');
/**
 * `Tahunan [Tahun] 2021` (not `Rencana Kerja Tahunan`, a planning document every report cites) or
 * `LAPORAN KINERJA [Instansi Pemerintah] [(LKj)] TAHUN 2021`; group 1 or 2 is the year.
 */
const ANNUAL_RE =
  /(?<!\p{L})(?<!(?:kerja|rencana)\s+)tahunan(?!\p{L})(?:\s+tahun)?(?:\s*((?:19|20)\d{2})(?!\d))?|laporan\s+kinerja(?:\s+instansi\s+pemerintah)?(?:\s*\([^)]{1,10}\))?\s+tahun(?:\s+anggaran)?\s+((?:19|20)\d{2})(?!\d)/iu;

const WORD_NUMBERS: Record<string, number> = {
  pertama: 1,
  kesatu: 1,
  satu: 1,
  kedua: 2,
  dua: 2,
  ketiga: 3,
  tiga: 3,
  keempat: 4,
  empat: 4,
};

/** The period named in the text, or null when it names none. */
export function parsePeriod(text: string): Period | null {
  const t = normalizeSpace(text);
  for (const [kind, re, max] of [
    ['tribulan', QUARTER_RE, 4],
    ['semester', SEMESTER_RE, 2],
  ] as const) {
    const m = re.exec(t);
    if (!m) continue;
    const number = periodNumber(m[1]!);
    if (number === null || number > max) continue;
    const year = m[2] ? Number(m[2]) : parseYear(t);
    return { kind, number, year };
  }
  const annual = ANNUAL_RE.exec(t);
  if (annual) return { kind: 'tahunan', number: null, year: Number(annual[1] ?? annual[2] ?? NaN) || parseYear(t) };
  return null;
}

/** Every tribulan/semester mention in the text, in order (for voting over a whole document). */
export function findPeriods(text: string): Period[] {
  const t = normalizeSpace(text);
  const out: { at: number; period: Period }[] = [];
  for (const [kind, re, max] of [
    ['tribulan', QUARTER_RE, 4],
    ['semester', SEMESTER_RE, 2],
  ] as const) {
    for (const m of t.matchAll(new RegExp(re.source, 'giu'))) {
      const number = periodNumber(m[1]!);
      if (number === null || number > max) continue;
      out.push({ at: m.index, period: { kind, number, year: m[2] ? Number(m[2]) : null } });
    }
  }
  return out.sort((a, b) => a.at - b.at).map((o) => o.period);
}

/** True when the text names a yearly report (`Tahunan`, `LAPORAN KINERJA TAHUN 2021`). */
export function isAnnual(text: string): boolean {
  return ANNUAL_RE.test(normalizeSpace(text));
}

/**
 * The report year: the first year written after `Tahun`/`TA`/`Tahun Anggaran`, else the first
 * plausible bare year (1990–2099).
 */
export function parseYear(text: string): number | null {
  const t = normalizeSpace(text);
  for (const m of t.matchAll(
    /(?<!\p{L})(?:tahun(?:\s+anggaran)?|t\.?a\.?|th\.?)\s*[:.]?\s*((?:19|20)\d{2})(?!\d)/giu,
  )) {
    if (!isRegulationYear(t, m.index)) return Number(m[1]);
  }
  for (const m of t.matchAll(/(?<!\d)(199\d|20\d{2})(?!\d)/g)) {
    if (!isRegulationYear(t, m.index)) return Number(m[1]);
  }
  return null;
}

/**
 * The year of a regulation (`Instruksi Presiden Nomor 7 Tahun 1999`, `Perda No. 3/2008`,
 * `Permenpan RB 53 Tahun 2014`): not the report's.
 */
export function isRegulationYear(text: string, at: number): boolean {
  return /(?:nomor|no\.?|nmr\.?)\s*:?\s*[\w./-]{1,12}\s*(?:tahun\s*)?$|(?:nomor|no\.?)\s*\d+\s*\/\s*$/iu.test(
    text.slice(Math.max(0, at - 40), at),
  );
}

function periodNumber(token: string): number | null {
  const word = WORD_NUMBERS[token.toLocaleLowerCase('id')];
  if (word !== undefined) return word;
  if (/^\d$/.test(token)) return Number(token);
  const roman = token.replace(/[l|]/g, 'I').toUpperCase();
  return ({ I: 1, II: 2, III: 3, IV: 4 } as Record<string, number>)[roman] ?? null;
}
