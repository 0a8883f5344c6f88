import type { BBox } from './word.js';
import type { ClaimKind, TableId } from './contract.js';

/**
 * Pipeline-internal values: every extracted value keeps its provenance (page, bbox, confidence)
 * and how it was printed, so verification can judge tolerance from printed precision and a
 * reviewer can be shown the evidence. The contract (model/contract.ts) is derived from these.
 */
export type FieldKind = 'pct' | 'money' | 'number' | 'text';

export interface Field {
  kind: FieldKind;
  /** parsed value: percent for pct, rupiah for money; null for an empty or unreadable cell */
  value: number | string | null;
  /** the cell text as printed */
  raw: string;
  /** decimals printed (`19,50%` → 2, `20%` → 0); null for text */
  decimals: number | null;
  /** lowest word confidence in the cell, 0–100; 100 for a text layer */
  conf: number;
  /** false when the cell had text that did not parse as the expected kind */
  parsed: boolean;
  /** printed as not applicable (`n/a`, `NA`, `-`): rules that need the value are skipped */
  na?: boolean;
  /** text printed beside the number (`(>100%)`), or the n/a text */
  note?: string;
  /** a range printed where one number belongs (`80 - 90 %`); `value` is null */
  range?: { min: number; max: number };
  /** a count whose separator the document's number style could not decide (`1.500`): a guess */
  ambiguous?: boolean;
  page: number;
  bbox: BBox;
}

export interface ExtractedRow {
  table: TableId;
  /** row label as printed: `1`, `1.1`, `JUMLAH` */
  no: string;
  page: number;
  bbox: BBox;
  fields: Record<string, Field>;
}

export type ExtractedTables = Record<TableId, ExtractedRow[]>;

export interface ExtractedClaim {
  kind: ClaimKind;
  /** percent for capaianKinerja/serapanAnggaran; the words as printed for kategori/kesimpulan */
  value: number | string;
  decimals: number | null;
  /** the whole sentence carrying the claim */
  text: string;
  page: number;
  bbox: BBox;
  conf: number;
}
