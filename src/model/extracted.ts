import { z } from 'zod';
import { BBox } from './word.js';
import { ClaimKind, FieldKind, Range, TABLE_IDS, TableId } from './contract.js';

export { FieldKind };

/**
 * Pipeline-internal values: every extracted value keeps its provenance (page, bbox, confidence)
 * and how it was printed, so verification can judge tolerance from printed precision and a
 * reviewer can be shown the evidence. The contract (model/contract.ts) is derived from these.
 * They are stored with each report version (model/analysis.ts), hence zod.
 */
export const Field = z.object({
  kind: FieldKind,
  /** parsed value: percent for pct, rupiah for money; null for an empty or unreadable cell */
  value: z.union([z.number(), z.string(), z.null()]),
  /** the cell text as printed */
  raw: z.string(),
  /** decimals printed (`19,50%` → 2, `20%` → 0); null for text */
  decimals: z.number().nullable(),
  /** lowest word confidence in the cell, 0–100; 100 for a text layer */
  conf: z.number(),
  /** false when the cell had text that did not parse as the expected kind */
  parsed: z.boolean(),
  /** printed as not applicable (`n/a`, `NA`, `-`): rules that need the value are skipped */
  na: z.boolean().optional(),
  /** text printed beside the number (`(>100%)`), or the n/a text */
  note: z.string().optional(),
  /** a range printed where one number belongs (`80 - 90 %`); `value` is null */
  range: Range.optional(),
  /** a count whose separator the document's number style could not decide (`1.500`): a guess */
  ambiguous: z.boolean().optional(),
  page: z.number(),
  bbox: BBox,
  /** a reviewer's correction (review/correct.ts): who, and when (ISO 8601) */
  correctedBy: z.string().optional(),
  correctedAt: z.string().optional(),
});
export type Field = z.infer<typeof Field>;

export const ExtractedRow = z.object({
  table: TableId,
  /** row label as printed: `1`, `1.1`, `JUMLAH` */
  no: z.string(),
  page: z.number(),
  bbox: BBox,
  fields: z.record(z.string(), Field),
});
export type ExtractedRow = z.infer<typeof ExtractedRow>;

/** The rows of every table (an absent table has none). */
export const ExtractedTables = z.object(
  Object.fromEntries(TABLE_IDS.map((id) => [id, z.array(ExtractedRow)])) as Record<
    TableId,
    z.ZodArray<typeof ExtractedRow>
  >,
);
export type ExtractedTables = z.infer<typeof ExtractedTables>;

export const ExtractedClaim = z.object({
  kind: ClaimKind,
  /** percent for capaianKinerja/serapanAnggaran; the words as printed for kategori/kesimpulan */
  value: z.union([z.number(), z.string()]),
  decimals: z.number().nullable(),
  /** the whole sentence carrying the claim */
  text: z.string(),
  page: z.number(),
  bbox: BBox,
  conf: z.number(),
  /** a reviewer's correction (review/correct.ts): who, and when (ISO 8601) */
  correctedBy: z.string().optional(),
  correctedAt: z.string().optional(),
});
export type ExtractedClaim = z.infer<typeof ExtractedClaim>;
