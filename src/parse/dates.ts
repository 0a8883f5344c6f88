import { normalizeSpace } from './text.js';

/**
 * Dates as printed under a signature: `Candipuro, 28 Juni 2024`, `30 Sept 2022`, old spellings
 * `Pebruari`/`Nopember`, and numeric `28-06-2024` / `28/06/2024` (day first, as in Indonesia).
 */

/** Month by lowercase name or abbreviation (Indonesian, old spellings, English). */
const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  pebruari: 2,
  feb: 2,
  peb: 2,
  february: 2,
  maret: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  agustus: 8,
  agt: 8,
  agu: 8,
  ags: 8,
  agst: 8,
  aug: 8,
  august: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nopember: 11,
  nov: 11,
  nop: 11,
  desember: 12,
  des: 12,
  dec: 12,
  december: 12,
};

const NAMED = /(?<!\d)(\d{1,2})\s*[-.]?\s*(\p{L}{3,9})\.?\s*[-.,]?\s*(\d{4})(?!\d)/gu;
const NUMERIC_DMY = /(?<!\d)(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/g;
const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;

/** The first real date in the text as `YYYY-MM-DD`, or null (`31 Juni 2024` is not a date). */
export function parseIndonesianDate(text: string): string | null {
  return findDate(text)?.date ?? null;
}

export interface PlaceDate {
  place: string;
  date: string;
}

/**
 * A signature dateline, the whole text being `Place, date` (`Candipuro, 28 Juni 2024`).
 * Null for anything else, so a sentence that merely contains a date does not qualify.
 */
export function parsePlaceDate(text: string): PlaceDate | null {
  const t = normalizeSpace(text);
  const m = /^(\p{Lu}[\p{L} .'-]{1,40}?)\s*,\s*(.+)$/u.exec(t);
  if (!m) return null;
  const found = findDate(m[2]!);
  if (found?.index !== 0 || found.length < m[2]!.replace(/[\s.]+$/, '').length) return null;
  return { place: m[1]!.trim(), date: found.date };
}

interface Found {
  date: string;
  index: number;
  length: number;
}

function findDate(text: string): Found | null {
  const t = normalizeSpace(text);
  const found: Found[] = [];
  for (const m of t.matchAll(NAMED)) {
    const month = MONTHS[m[2]!.toLocaleLowerCase('id')];
    if (month === undefined) continue;
    push(found, Number(m[3]), month, Number(m[1]), m.index, m[0].length);
  }
  for (const m of t.matchAll(NUMERIC_DMY)) push(found, Number(m[4]), Number(m[3]), Number(m[1]), m.index, m[0].length);
  for (const m of t.matchAll(ISO)) push(found, Number(m[1]), Number(m[2]), Number(m[3]), m.index, m[0].length);
  found.sort((a, b) => a.index - b.index);
  return found[0] ?? null;
}

function push(out: Found[], y: number, m: number, d: number, index: number, length: number): void {
  const date = isoDate(y, m, d);
  if (date) out.push({ date, index, length });
}

/** `YYYY-MM-DD` when y-m-d is a real calendar date (years 1900–2100), else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
