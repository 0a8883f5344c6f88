import { z } from 'zod';
import { BBox } from './word.js';

/**
 * The output contract of `lkj extract --json` (schemaVersion 1). Every boundary (CLI output, store,
 * API) speaks this; `lkj schema` prints the JSON Schema derived from it.
 */
export const SCHEMA_VERSION = 1 as const;

export const TableId = z.enum(['2.1', '2.2', '2.3', '2.4', '2.5']);
export type TableId = z.infer<typeof TableId>;

const num = z.number().nullable();
const text = z.string().nullable();

export const Row21 = z.object({ no: z.string(), sasaran: text, indikator: text, target: num });
export const Row22 = z.object({ no: z.string(), min: num, max: num, kriteria: text });
export const Row23 = z.object({
  no: z.string(), sasaran: text, indikator: text, target: num, realisasi: num, capaian: num,
});
export const Row24 = z.object({
  no: z.string(), sasaran: text, indikator: text, pagu: num, realisasiAnggaran: num,
  capaianAnggaran: num, target: num, realisasi: num, capaian: num,
});
export const Row25 = z.object({ no: z.string(), uraian: text, pagu: num, realisasi: num, capaian: num });

export const Tables = z.object({
  '2.1': z.array(Row21),
  '2.2': z.array(Row22),
  '2.3': z.array(Row23),
  '2.4': z.array(Row24),
  '2.5': z.array(Row25),
});
export type Tables = z.infer<typeof Tables>;

export const PeriodKind = z.enum(['tribulan', 'semester', 'tahunan']);
export const Period = z.object({
  kind: PeriodKind,
  /** 1–4 for tribulan, 1–2 for semester, null for tahunan */
  number: z.number().int().nullable(),
  year: z.number().int().nullable(),
});
export type Period = z.infer<typeof Period>;

export const Signatory = z.object({
  name: z.string(),
  nip: z.string().nullable(),
  title: z.string().nullable(),
  /** false when the printed NIP is not a valid 18-digit NIP (bad date, month, gender digit) */
  nipValid: z.boolean().optional(),
});
export type Signatory = z.infer<typeof Signatory>;

export const ReportMeta = z.object({
  unit: z.string().nullable(),
  kecamatan: z.string().nullable(),
  kabupaten: z.string().nullable(),
  period: Period.nullable(),
  signedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  signatories: z.array(Signatory),
});
export type ReportMeta = z.infer<typeof ReportMeta>;

export const ClaimKind = z.enum(['capaianKinerja', 'serapanAnggaran', 'kategori', 'kesimpulan']);
export type ClaimKind = z.infer<typeof ClaimKind>;
export const Claim = z.object({
  kind: ClaimKind,
  value: z.union([z.number(), z.string()]),
  text: z.string(),
  page: z.number().int(),
});
export type Claim = z.infer<typeof Claim>;

export const Severity = z.enum(['error', 'warning', 'uncertain']);
export type Severity = z.infer<typeof Severity>;
export const Evidence = z.object({ page: z.number().int().nullable(), bbox: BBox.nullable() });
export const Discrepancy = z.object({
  rule: z.string(),
  severity: Severity,
  table: z.union([TableId, z.literal('narrative'), z.literal('meta')]),
  row: z.string(),
  field: z.string(),
  stated: z.union([z.number(), z.string()]).nullable(),
  expected: z.union([z.number(), z.string()]).nullable(),
  message: z.string(),
  evidence: Evidence,
});
export type Discrepancy = z.infer<typeof Discrepancy>;

export const SourceMode = z.enum(['text', 'ocr', 'mixed']);
export const Source = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  pages: z.number().int().nonnegative(),
  mode: SourceMode,
});

export const Status = z.enum(['clean', 'flagged', 'failed']);
export const FailureCode = z.enum([
  'not-found', 'empty-file', 'not-pdf', 'corrupt-pdf', 'encrypted-pdf', 'needs-ocr', 'not-lkj', 'too-large', 'internal',
  'bad-image', 'blank-page',
]);
export type FailureCode = z.infer<typeof FailureCode>;

export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: Source,
  report: ReportMeta,
  tables: Tables,
  claims: z.array(Claim),
  discrepancies: z.array(Discrepancy),
  /** tables the document lacks or that could not be read: the report is partial */
  missingTables: z.array(TableId).optional(),
  status: Status,
  error: z.object({ code: FailureCode, message: z.string() }).optional(),
});
export type Report = z.infer<typeof Report>;

export function reportJsonSchema(): unknown {
  return z.toJSONSchema(Report, { target: 'draft-2020-12' });
}
