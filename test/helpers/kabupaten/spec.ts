/**
 * A kecamatan LKj as another kabupaten's template lays it out, as data: which captions, rulings,
 * header words, extra columns, number style, rating scale, calculation method and budget levels
 * it uses, and which mistakes were put in. `html.ts` prints it, `truth.ts` says what a reader must
 * find. Every derived number (capaian, sums, the narrative's figures) is computed, never typed.
 */
import type { TableId } from '../../../src/model/contract.js';

export type NumberStyleName = 'id' | 'en' | 'mixed';

export interface Indicator {
  sasaran: string;
  indikator: string;
  satuan?: string;
  /** a number, a range `[80, 90]`, or not applicable */
  target: number | [number, number] | 'n/a';
  realisasi: number | 'n/a';
  /** `%` after target and realisasi */
  pct?: boolean;
  /** lower is better: capaian = (2 × target − realisasi) / target × 100 */
  negative?: boolean;
  /** the formula printed in a Formula column */
  formula?: string;
  keterangan?: string;
  sumber?: string;
  /** last year's figures, for a two-year table */
  prev?: { target: number; realisasi: number };
  /** a note printed after the capaian (`(>100%)`) */
  capaianNote?: string;
  /** how a not-applicable figure is printed (default `n/a`) */
  naText?: string;
  /** cost per outcome (Tabel 2.4) */
  pagu: number;
  realisasiAnggaran: number;
}

export interface BudgetRow {
  no: string;
  uraian: string;
  /** own amounts; a parent left empty sums its rows in the reader's head only */
  pagu?: number;
  realisasi?: number;
  children?: BudgetRow[];
  /** a parent printing only its capaian (a flattened table) */
  capaianOnly?: boolean;
}

export interface Band {
  min: number | null;
  max: number | null;
  kriteria: string;
  /** the interval as printed */
  printed: string;
}

/** `dotted`: a period after the word (`Tabel. 2.3`) */
export type CaptionScheme = 'standard' | 'bab3' | 'roman' | 'flat' | 'caps' | 'dotted';

export interface KabSpec {
  id: string;
  meta: {
    unit: string;
    kecamatan: string;
    kabupaten: string;
    period: { kind: 'tribulan' | 'semester' | 'tahunan'; number: number | null; year: number };
    signedAt: string; // ISO
    signatories: { name: string; nip: string; title: string }[];
  };
  style: NumberStyleName;
  /** decimals printed on money (`48,320,000.00`); default 0 */
  moneyDecimals?: 0 | 2;
  captions: { scheme: CaptionScheme; placement: 'above' | 'below'; oneLine: boolean };
  ruling: 'grid' | 'rows' | 'booktabs';
  headers: 'standard' | 'variant';
  /** Tabel 2.3's target, realisasi and capaian headers in the template's own words */
  trio?: [string, string, string];
  columns: {
    satuan?: boolean;
    keterangan?: boolean;
    sumber?: boolean;
    formula?: boolean;
    /** last year beside this one; in Tabel 2.3 grouped by year (`true`) or by measure (`Target 2022 | Target 2023 | Realisasi 2022 …`) */
    twoYear?: boolean | 'byMeasure';
    numbering?: 'plain' | 'paren';
  };
  indicators: Indicator[];
  scale: Band[];
  budget: { rows: BudgetRow[]; jumlah: boolean };
  method?: { cap?: number };
  /** printed overrides (injected mistakes): `2.3/2/capaian` → text */
  print?: Record<string, string>;
  narrative?: { kategori?: string; capaian?: number; serapan?: number; extra?: string[] };
  document?: {
    /** pages of chapter text before BAB II/III (annual reports of 30–80 pages) */
    fillerPages?: number;
    /** non-LKj tables (population per desa, staff by golongan…) */
    otherTables?: number;
    /** the other tables numbered as the LKj's own (`Tabel 2.1 Jumlah Penduduk per Desa`) */
    sameNumbers?: boolean;
    runningHeader?: boolean;
    landscape?: TableId[];
    letterSpaced?: boolean;
    /** roles printed as a picture of the table */
    asImage?: TableId[];
  };
  /** the roles printed (default all five) */
  roles?: TableId[];
  /** the discrepancies the injected mistakes must raise (severity `error` unless said) */
  expect?: { rule: string; table: string; row: string; field: string; severity?: 'error' | 'warning' }[];
}

/** Formats a number the way the document's style prints it. */
export function fmt(v: number, decimals: number, style: NumberStyleName, kind: 'money' | 'pct' | 'number'): string {
  const fixed = (Math.round(v * 10 ** decimals + 1e-9) / 10 ** decimals).toFixed(decimals);
  const [i, f] = fixed.split('.');
  const thousands = style === 'en' ? ',' : '.';
  const decimal = style === 'id' ? ',' : '.';
  const grouped = kind === 'pct' && style !== 'en' ? i! : i!.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return f ? `${grouped}${decimal}${f}` : grouped;
}

/** A capaian as printed: two decimals, trailing zeros kept as `72,50`, whole numbers bare. */
export function pct(v: number, style: NumberStyleName): string {
  const r = Math.round(v * 100 + 1e-9) / 100;
  return `${Number.isInteger(r) ? fmt(r, 0, style, 'pct') : fmt(r, 2, style, 'pct')}%`;
}

/** The value a printed capaian stands for. */
export const round2 = (v: number) => Math.round(v * 100 + 1e-9) / 100;
