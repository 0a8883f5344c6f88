import { TABLE_IDS, type TableId } from '../model/contract.js';
import type { Line } from '../model/word.js';
import { parseInterval } from '../parse/interval.js';
import { parseNumber } from '../parse/numbers.js';
import type { ColumnField, MapOptions } from './columns.js';
import { mapColumnsDetailed, REQUIRED_FIELDS } from './columns.js';
import type { Grid } from './grid.js';
import { dataRows, isRowLabel } from './rows.js';

/**
 * Which of the contract's tables a grid is, by what it is rather than by its number. The keys
 * 2.1–2.5 are roles: Perjanjian Kinerja (targets), the rating scale, capaian kinerja, cost per
 * outcome (kinerja and anggaran per indicator), realisasi anggaran. Kabupaten templates number
 * them in any chapter (`Tabel 3.1`, `Tabel III.5.`, `Tabel 19`), print the caption above or below,
 * word the headers their own way and put other tables beside them (population per desa, staff
 * by golongan). Evidence, strongest first: the header (every required field mapped, synonyms per
 * column), the caption's title words, what the rows hold (bands and percent bounds for the scale,
 * money and program/kegiatan labels for the budget), and the caption's number only where the
 * document numbers its tables as the kecamatan template does (Tabel 2.1–2.5).
 */

/** The roles, in the contract's order (model/contract.ts `TABLES`). */
export const ROLES: readonly TableId[] = TABLE_IDS;

export interface Caption {
  line: Line;
  /** the caption as printed, up to its number: `Tabel 3.2`, `TABEL 2.3`, `Tabel III.5` */
  label: string;
  /** its number, normalised: `3.2`, `III.5`, `19` */
  number: string;
  /** the words after the number on its line (and the lines under it, for a caption above) */
  title: string;
  /** `Lanjutan Tabel 3.2`, `Tabel 3.2 (lanjutan)`: the rest of a table begun earlier */
  continued: boolean;
  /** a sentence that starts with `tabel 2.2 berikut`: it names a table, it is no caption */
  mention: boolean;
}

/**
 * `Tabel III.4` read by OCR, whose I is often a 1, l or |: a chapter of three or four such strokes
 * before a section number (`Tabel 111.4`, `Tabel Il.5`) is a Roman chapter, as no template has a
 * hundred chapters. Two digits (`Tabel 11.5`) stay a number: flat numbering reaches 11.
 */
// bounded (at most four strokes), so a line of a thousand `l` costs no more than a short one
const OCR_ROMAN = String.raw`[1Il|]{1,4}(?![1Il|])(?=\s*[.,]\s*\d)`;
const CAPTION = new RegExp(
  String.raw`^\s*((?:(?:[Ll]anjutan|LANJUTAN)\s+)?[Tt][Aa][Bb][Ee][Ll]\s*\.?\s*((?:[IVXL]+(?![A-Za-z])|${OCR_ROMAN}|\d{1,2})(?:\s*[.,]\s*\d{1,2}(?!\d)){0,2}))(?!\d)\s*\.?\s*[:\-–]?\s*(.*)$`,
);
/** The chapter of a caption number as printed: strokes OCR took for digits or letters become I. */
const romanChapter = (n: string) =>
  n.replace(/^[1Il|]+(?=\.)/, (ch) => (/^\d{1,2}$/.test(ch) ? ch : 'I'.repeat(ch.length)));
const MENTION = /^(berikut|di\s*bawah|dibawah|di\s*atas|diatas|sebagai|tersebut|menunjukkan|dapat|ini|dan|di|yang|,)/i;

/**
 * The lines set tight under a caption's line (closer than half a line height, at most two: the
 * title printed under its label, or wrapped), up to a table's own lines (`inTable`) or another
 * caption. A paragraph or a table header sits a spacing lower.
 */
function titleLines(lines: readonly Line[], i: number, inTable: (l: Line) => boolean): string[] {
  const out: string[] = [];
  let prev = lines[i]!;
  for (const next of lines.slice(i + 1, i + 3)) {
    const h = prev.bbox[3] - prev.bbox[1];
    const gap = next.bbox[1] - prev.bbox[3];
    if (next.page !== prev.page || gap < -1 || gap > h / 2 || inTable(next) || CAPTION.test(next.text)) break;
    out.push(next.text.trim());
    prev = next;
  }
  return out;
}

/** Every line that opens with a table caption, in reading order; `inTable` tells a table's own lines. */
export function findCaptions(lines: readonly Line[], inTable: (l: Line) => boolean = () => false): Caption[] {
  const out: Caption[] = [];
  for (const [i, line] of lines.entries()) {
    const m = CAPTION.exec(line.text);
    if (!m) continue;
    const rest = [m[3]!.trim(), ...titleLines(lines, i, inTable)].join(' ').trim();
    const number = romanChapter(m[2]!.replace(/\s+/g, '').replace(/,/g, '.'));
    out.push({
      line,
      label: m[1]!
        .replace(m[2]!, romanChapter(m[2]!))
        .replace(/\s+/g, ' ')
        .replace(/^(lanjutan\s+)/i, '')
        .trim(),
      number,
      title: rest,
      continued: /^lanjutan/i.test(m[1]!) || /\(?\s*lanjutan\s*\)?/i.test(rest),
      mention: /^[a-z]/.test(m[1]!) && MENTION.test(rest),
    });
  }
  return out;
}

/**
 * A role's number in the kecamatan template (`2.3`), or null for any other numbering, and for a
 * caption whose title names another topic: annual reports reuse the numbers (`Tabel 2.1 Jumlah
 * Penduduk per Desa` in BAB II beside the LKj's own Tabel 2.1).
 */
export function standardNumber(c: Caption): TableId | null {
  if (titleRole(c.title)?.role === 'other') return null;
  return (ROLES as readonly string[]).includes(c.number) ? (c.number as TableId) : null;
}

/** Title words that name a role (strong), hint at one (weak), or name another topic. */
const TITLE_ROLES: { role: TableId; strong: RegExp; weak?: RegExp }[] = [
  {
    role: '2.2',
    strong:
      /skala|interval nilai|peringkat kinerja|kriteria penilaian|kategori (capaian|penilaian)|predikat|nilai capaian kinerja/,
  },
  {
    role: '2.4',
    strong:
      /cost per outcome|kinerja dan anggaran|efisiensi|kinerja dan (realisasi )?keuangan|anggaran per (sasaran|indikator)/,
  },
  {
    role: '2.5',
    strong:
      /realisasi (anggaran|belanja|keuangan)|pagu anggaran|anggaran dan realisasi|serapan anggaran|alokasi anggaran|belanja (operasi|langsung)/,
    weak: /anggaran|belanja|keuangan/,
  },
  {
    role: '2.3',
    strong: /capaian (kinerja|indikator|sasaran)|pengukuran kinerja|realisasi kinerja|pencapaian (kinerja|sasaran)/,
    weak: /capaian|realisasi/,
  },
  {
    role: '2.1',
    strong:
      /perjanjian kinerja|penetapan kinerja|target kinerja|sasaran,? indikator(,)? dan target|rencana kinerja tahunan/,
    weak: /indikator kinerja utama|\biku\b|target/,
  },
];
/**
 * Tables of another planning document, which reuse the LKj's words (`Target Kinerja Renstra
 * 2019-2023` has a Perjanjian Kinerja's header): naming one outranks any role word.
 */
const OTHER_DOCUMENT = /renstra|rencana strategis|rencana aksi|cascading|pohon kinerja/;
/** Other topics, which an LKj table's title may still mention (`Capaian Kinerja … Sarana`): after the role words. */
const OTHER_TOPIC =
  /penduduk|pegawai|\basn\b|\bpns\b|golongan|pendidikan|jabatan|sarana|prasarana|luas wilayah|jumlah desa|aset|inventaris|komposisi|struktur organisasi|kepegawaian|sumber daya manusia/;

/** The role a caption's title names: `strong` when it says so, `weak` when it hints. */
export function titleRole(title: string): { role: TableId | 'other'; strong: boolean } | null {
  const t = title.toLowerCase().replace(/\s+/g, ' ');
  if (OTHER_DOCUMENT.test(t)) return { role: 'other', strong: true };
  for (const r of TITLE_ROLES) if (r.strong.test(t)) return { role: r.role, strong: true };
  if (OTHER_TOPIC.test(t)) return { role: 'other', strong: true };
  for (const r of TITLE_ROLES) if (r.weak?.test(t)) return { role: r.role, strong: false };
  return null;
}

export function fits(table: TableId, columns: readonly (ColumnField | null)[]): boolean {
  return REQUIRED_FIELDS[table].every((f) => columns.includes(f));
}

export interface RoleCandidate {
  table: TableId;
  columns: (ColumnField | null)[];
  score: number;
  /** columns whose header was not understood, mapped by their place in the template's layout */
  byPosition?: number[];
}

/**
 * The roles a header fits, each scored by how much of the header it explains and by what the rows
 * hold. A header fitting no role gives none.
 */
export function headerCandidates(
  grid: Grid,
  headerBands: number,
  labels: readonly string[],
  opts: MapOptions,
): RoleCandidate[] {
  const out: RoleCandidate[] = [];
  // a grid with no row label anywhere whose "header" runs to whole paragraphs is no table of ours
  // (a header cut off by a page break before its first row is short)
  if (headerBands >= grid.ys.length - 1 && labels.some((l) => l.split(/\s+/).length > 12)) return out;
  for (const table of ROLES) {
    const { columns, inferred } = mapColumnsDetailed(table, labels, opts);
    if (!fits(table, columns)) continue;
    const fields = new Set(columns.filter((f): f is ColumnField => !!f && f !== 'other' && !f.startsWith('extra:')));
    const unknown = columns.filter((f, i) => f === null && (labels[i] ?? '').trim()).length;
    out.push({
      table,
      columns,
      score: 10 + fields.size - unknown - inferred.length + contentScore(table, grid, headerBands, columns),
      ...(inferred.length ? { byPosition: inferred } : {}),
    });
  }
  return out;
}

/** What the rows say about the role: bands for the scale, money and programs for budgets. */
function contentScore(table: TableId, grid: Grid, headerBands: number, columns: (ColumnField | null)[]): number {
  const rows = dataRows(grid, headerBands, columns, null);
  if (!rows.length) return -2;
  const text = (f: ColumnField) => rows.map((r) => r.cells[f]?.text ?? '');
  const share = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 0);
  const money = (f: ColumnField) =>
    share(
      text(f)
        .filter(Boolean)
        .map((t) => (parseNumber(t, 'money').value ?? 0) >= 1000),
    );
  switch (table) {
    case '2.2': {
      const bands = share(
        rows.map(
          (r) =>
            parseInterval(r.cells.interval?.text ?? '') !== null && /\p{L}{3,}/u.test(r.cells.kriteria?.text ?? ''),
        ),
      );
      return bands >= 0.6 ? 6 : -6;
    }
    case '2.4':
      return (
        (columns.includes('indikator') ? 2 : -6) +
        (money('pagu') >= 0.5 ? 2 : -2) +
        (columns.includes('target') ? 1 : 0)
      );
    case '2.5': {
      const labelled = share(
        rows.map(
          (r) =>
            /^(\d+(\.\d+)+|jumlah|total)$/i.test(r.no) ||
            /^(program|kegiatan|sub\s*kegiatan)\b/i.test(r.cells.uraian?.text ?? ''),
        ),
      );
      return (columns.includes('indikator') ? -6 : 0) + (money('pagu') >= 0.5 ? 3 : -3) + (labelled >= 0.3 ? 2 : 0);
    }
    default: {
      // targets are numbers (or ranges, n/a): a column of prose is not a target column
      const numeric = share(
        text('target')
          .filter(Boolean)
          .map((t) => /\d/.test(t) || /^n\s*\/?\s*a$/i.test(t.trim())),
      );
      return numeric >= 0.6 ? 1 : -4;
    }
  }
}

/**
 * A rating scale's columns read from its rows, for a scale whose caption names it but whose header
 * OCR garbled (`IINITTIERVAIL INIILAI`): the column of percent intervals, the column of words
 * beside it (the kriteria) and row labels in the first. null when the rows do not show a scale.
 */
export function bandColumnsByContent(grid: Grid, headerBands: number): (ColumnField | null)[] | null {
  const cols = grid.xs.length - 1;
  const body = Array.from({ length: grid.ys.length - 1 - headerBands }, (_, i) => headerBands + i);
  if (body.length < 2 || cols < 2) return null;
  const share = (c: number, test: (t: string) => boolean) =>
    body.filter((r) => test(grid.at(r, c).text.trim())).length / body.length;
  const isBand = (t: string) => {
    const iv = parseInterval(t);
    return !!iv && [iv.min, iv.max].every((v) => v === null || (v >= 0 && v <= 100));
  };
  const isWords = (t: string) => /\p{L}{3,}/u.test(t) && !/\d/.test(t);
  const best = (test: (t: string) => boolean, except: number) => {
    let at = -1,
      top = 0.6;
    for (let c = 0; c < cols; c++)
      if (c !== except && share(c, test) >= top) {
        top = share(c, test);
        at = c;
      }
    return at;
  };
  const interval = best(isBand, -1);
  if (interval < 0) return null;
  const kriteria = best(isWords, interval);
  if (kriteria < 0) return null;
  const out: (ColumnField | null)[] = new Array(cols).fill(null);
  out[interval] = 'interval';
  out[kriteria] = 'kriteria';
  if (interval !== 0 && kriteria !== 0 && share(0, isRowLabel) >= 0.6) out[0] = 'no';
  return out;
}

/** Scores from the caption: its title's words, and its number where the numbering is the template's. */
export function captionScore(table: TableId, caption: Caption | null, standardNumbering: boolean): number {
  if (!caption) return 0;
  let s = 0;
  const named = caption.mention ? null : titleRole(caption.title);
  if (named) {
    if (named.role === 'other') s -= 30;
    else if (named.role === table) s += named.strong ? 20 : 4;
    else if (named.strong) s -= 20;
  }
  const std = standardNumber(caption);
  if (standardNumbering && std) s += std === table ? 8 : -8;
  return s;
}

/**
 * The document numbers its tables as the kecamatan template does: most of Tabel 2.1–2.5 appear,
 * or every caption it prints is one of them.
 */
export function usesStandardNumbering(captions: readonly Caption[]): boolean {
  const real = captions.filter((c) => !c.mention);
  const seen = new Set(real.map(standardNumber).filter(Boolean));
  return seen.size >= 3 || (real.length > 0 && real.every((c) => standardNumber(c) !== null));
}
