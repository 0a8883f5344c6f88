import { z } from 'zod';
import { BBox } from './word.js';

/**
 * The output contract of `lkj extract --json` (schemaVersion 2). Every boundary (CLI output, store,
 * API) speaks this; `lkj schema` prints the JSON Schema derived from it. Version 2 only adds
 * optional fields to version 1 (docs/contract.md), so a stored version-1 report reads as one
 * (`StoredReport`).
 */
export const SCHEMA_VERSION = 2 as const;

const num = z.number().nullable();
const text = z.string().nullable();

/** A range printed in a numeric cell (`80 - 90 %`): the field itself is null. */
export const Range = z.object({ min: z.number(), max: z.number() });
/**
 * What a row carries besides its fields (all optional, schemaVersion 2): the `Satuan` and
 * `Keterangan` columns, other text columns the header names (`Sumber Data`, `Formula`) by their
 * printed header, a range printed where a number belongs, and what a numeric cell printed beside
 * or instead of its number (`n/a`, `(>100%)`).
 */
const RowExtras = {
  satuan: text.optional(),
  keterangan: text.optional(),
  extra: z.record(z.string(), z.string()).optional(),
  ranges: z.record(z.string(), Range).optional(),
  notes: z.record(z.string(), z.string()).optional(),
};
/** The template's own text columns a row keeps when the table prints them (schemaVersion 2). */
export const OPTIONAL_FIELDS = ['satuan', 'keterangan'] as const satisfies readonly (keyof typeof RowExtras)[];

export const Row21 = z.object({ no: z.string(), sasaran: text, indikator: text, target: num, ...RowExtras });
export const Row22 = z.object({ no: z.string(), min: num, max: num, kriteria: text });
export const Row23 = z.object({
  no: z.string(),
  sasaran: text,
  indikator: text,
  target: num,
  realisasi: num,
  capaian: num,
  ...RowExtras,
});
export const Row24 = z.object({
  no: z.string(),
  sasaran: text,
  indikator: text,
  pagu: num,
  realisasiAnggaran: num,
  capaianAnggaran: num,
  target: num,
  realisasi: num,
  capaian: num,
  ...RowExtras,
});
export const Row25 = z.object({ no: z.string(), uraian: text, pagu: num, realisasi: num, capaian: num, ...RowExtras });

/** What a field holds: a percentage (in percent), money (rupiah), another number (a target, a count), or text. */
export const FieldKind = z.enum(['pct', 'money', 'number', 'text']);
export type FieldKind = z.infer<typeof FieldKind>;

/** A record's fields: its keys besides the row label `no` and the optional extras. */
type FieldOf<R extends z.ZodObject> = Exclude<keyof z.infer<R> & string, 'no' | keyof typeof RowExtras>;

interface TableDef<R extends z.ZodObject> {
  /** what the table is, whatever number a document gives it (the keys 2.1–2.5 are roles) */
  role: string;
  /** one record of the table in the contract */
  row: R;
  /** the kind of each numeric field; the others are text */
  kinds: Partial<Record<FieldOf<R>, Exclude<FieldKind, 'text'>>>;
  /** rows numbered 1, 2, 3… (`flat`), or programs and their kegiatan 1, 1.1, 1.2 (`hierarchical`) */
  labels: 'flat' | 'hierarchical';
}
const table = <R extends z.ZodObject>(def: TableDef<R>): TableDef<R> => def;

/**
 * The contract's tables, the one definition every module iterates over or indexes by: the ids
 * (2.1–2.5, in this order), what each is, its record schema, the kind of number each field holds
 * and how its rows are numbered.
 */
export const TABLES = {
  '2.1': table({ role: 'Perjanjian Kinerja', row: Row21, kinds: { target: 'number' }, labels: 'flat' }),
  '2.2': table({ role: 'skala nilai', row: Row22, kinds: { min: 'pct', max: 'pct' }, labels: 'flat' }),
  '2.3': table({
    role: 'capaian kinerja',
    row: Row23,
    kinds: { target: 'number', realisasi: 'number', capaian: 'pct' },
    labels: 'flat',
  }),
  '2.4': table({
    role: 'cost per outcome',
    row: Row24,
    labels: 'flat',
    kinds: {
      pagu: 'money',
      realisasiAnggaran: 'money',
      capaianAnggaran: 'pct',
      target: 'number',
      realisasi: 'number',
      capaian: 'pct',
    },
  }),
  '2.5': table({
    role: 'realisasi anggaran',
    row: Row25,
    kinds: { pagu: 'money', realisasi: 'money', capaian: 'pct' },
    labels: 'hierarchical',
  }),
};

export type TableId = keyof typeof TABLES;
/** The table ids in order. */
export const TABLE_IDS = Object.keys(TABLES) as TableId[];
export const TableId = z.enum(TABLE_IDS as [TableId, ...TableId[]]);

/** The record of one table. */
export type TableRow<K extends TableId> = z.infer<(typeof TABLES)[K]['row']>;
/** The fields of one table (its record's keys besides `no` and the optional extras). */
export type TableField<K extends TableId> = FieldOf<(typeof TABLES)[K]['row']>;

const EXTRA_KEYS: ReadonlySet<string> = new Set(['no', ...Object.keys(RowExtras)]);
/** The contract's fields of each table, in the record's order (2.2's printed interval is min and max). */
export const TABLE_FIELDS = byTable((id): readonly string[] =>
  Object.keys(TABLES[id].row.shape).filter((k) => !EXTRA_KEYS.has(k)),
) as { readonly [K in TableId]: readonly TableField<K>[] };

/** The kind of value a field of a table holds (text when it is no number). */
export function fieldKind(table: TableId, field: string): FieldKind {
  return (TABLES[table].kinds as Partial<Record<string, FieldKind>>)[field] ?? 'text';
}

/** A value for each table, in table order. */
export function byTable<T>(value: (id: TableId) => T): Record<TableId, T> {
  return Object.fromEntries(TABLE_IDS.map((id) => [id, value(id)])) as Record<TableId, T>;
}

/** Tables whose rows are indicators (they have an `indikator` field): 2.1, 2.3, 2.4. */
export const INDICATOR_TABLES: readonly TableId[] = TABLE_IDS.filter((id) =>
  (TABLE_FIELDS[id] as readonly string[]).includes('indikator'),
);
/** Tables whose rows are numbered 1, 2, 3…: all but the budget. */
export const FLAT_TABLES: readonly TableId[] = TABLE_IDS.filter((id) => TABLES[id].labels === 'flat');

export const Tables = z.object(
  Object.fromEntries(TABLE_IDS.map((id) => [id, z.array(TABLES[id].row)])) as {
    [K in TableId]: z.ZodArray<(typeof TABLES)[K]['row']>;
  },
);
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

/**
 * What kind of document this is: a kecamatan unit's LKj (the template the rules were built for),
 * an instansi's LKIP/LAKIP (OPD or provincial), a Perjanjian Kinerja, a realisasi form, or none of
 * these.
 */
export const DocumentKind = z.enum(['lkj', 'lkip', 'perjanjian-kinerja', 'realisasi', 'other']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const ReportMeta = z.object({
  /** schemaVersion 2 */
  kind: DocumentKind.optional(),
  unit: z.string().nullable(),
  kecamatan: z.string().nullable(),
  kabupaten: z.string().nullable(),
  period: Period.nullable(),
  signedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
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
  table: z.union([TableId, z.literal('narrative'), z.literal('meta'), z.literal('signature')]),
  row: z.string(),
  field: z.string(),
  stated: z.union([z.number(), z.string()]).nullable(),
  expected: z.union([z.number(), z.string()]).nullable(),
  message: z.string(),
  evidence: Evidence,
});
export type Discrepancy = z.infer<typeof Discrepancy>;

// ---- digital signatures (schemaVersion 2) --------------------------------------------------------

/** Why a signature is not valid, not trusted, or could not be checked fully; `detail` is technical (English). */
export const SignatureProblemCode = z.enum([
  /** /ByteRange malformed, outside the file, or not leaving out exactly the /Contents string */
  'byte-range',
  /** /Contents larger than the limit: not parsed */
  'contents-too-large',
  /** the CMS is truncated, not DER, or not a SignedData */
  'cms-unreadable',
  /** a format or an algorithm (OID) this verifier does not know */
  'unsupported',
  /** no certificate in the CMS matches the signer */
  'no-signer-certificate',
  /** the signed messageDigest differs from the hash of the /ByteRange bytes: the signed bytes changed */
  'digest-mismatch',
  /** the signature value does not verify with the signer certificate's key */
  'signature-invalid',
  /** a timestamp token is present but does not verify or does not cover this signature */
  'timestamp-invalid',
  /** the signer certificate was not valid at the signing time */
  'certificate-expired',
  /** no trust anchors configured (LKJ_TRUST_ANCHORS) */
  'no-trust-anchors',
  /** LKJ_TRUST_ANCHORS could not be read */
  'trust-anchors-unreadable',
  /** the certificate chain does not lead to a configured anchor */
  'chain-untrusted',
]);
export type SignatureProblemCode = z.infer<typeof SignatureProblemCode>;
export const SignatureProblem = z.object({ code: SignatureProblemCode, detail: z.string() });
export type SignatureProblem = z.infer<typeof SignatureProblem>;

/** One difference between the signed revision and the document as it is now. */
export const SignatureChange = z.object({
  kind: z.enum(['page', 'annotation', 'form-field', 'signature', 'metadata', 'document', 'unreadable']),
  change: z.enum(['added', 'removed', 'modified']),
  /** 1-based page, when the change is on a page */
  page: z.number().int().nullable(),
  /** field name, annotation subtype, catalog key… */
  name: z.string().nullable(),
  /** a later signature, a timestamp, validation data (DSS) or metadata: what signing itself adds */
  allowed: z.boolean(),
});
export type SignatureChange = z.infer<typeof SignatureChange>;

export const SignatureInfo = z.object({
  /** the signature field's full name (or `object N` for a signature dictionary no field names) */
  field: z.string(),
  /** a signature, or a document timestamp (/DocTimeStamp) */
  kind: z.enum(['signature', 'timestamp']),
  signer: z.object({ name: z.string().nullable(), nip: z.string().nullable(), issuer: z.string().nullable() }),
  /** ISO 8601 date-time; from a timestamp token, else the signed signing-time, else the PDF's unsigned /M */
  signedAt: z.string().nullable(),
  signedAtSource: z.enum(['timestamp', 'signing-time', 'pdf']).nullable(),
  /** the /ByteRange reaches the end of the file (nothing was appended after this signature) */
  coversWholeDocument: z.boolean(),
  /** something other than a later signature, timestamp or validation data was appended after this signature */
  modifiedAfterSigning: z.boolean(),
  integrity: z.enum(['valid', 'invalid']),
  /** chains to a configured anchor (trusted), does not (untrusted), or was not judged: no anchors or no certificate (unknown) */
  trust: z.enum(['trusted', 'untrusted', 'unknown']),
  /** nothing is fetched at run time: CRL/OCSP are never consulted */
  revocation: z.literal('not-checked'),
  /** the signer is one of the report's signatories (by NIP, else by name); null when there is nothing to compare */
  matchesSignatory: z.boolean().nullable(),
  matchedSignatory: z.string().nullable(),
  subFilter: z.string().nullable(),
  certificate: z
    .object({
      subject: z.string(),
      serialNumber: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
      /** valid at signedAt (null without a signing time) */
      validAtSigning: z.boolean().nullable(),
    })
    .nullable(),
  timestamp: z.object({ time: z.string(), authority: z.string().nullable(), valid: z.boolean() }).nullable(),
  /** the signed byte ranges as written, and where the signed revision ends */
  byteRange: z.array(z.number()),
  revisionEnd: z.number().int().nullable(),
  changes: z.array(SignatureChange),
  problems: z.array(SignatureProblem),
  /** the visible signature widget (page, bbox), if any */
  evidence: Evidence,
});
export type SignatureInfo = z.infer<typeof SignatureInfo>;

/** What a page shows of an electronic signature: the BSrE footer sentence and QR codes (URLs are shown, never fetched). */
export const SignatureMarks = z.object({
  footer: z.object({ text: z.string(), pages: z.array(z.number().int()) }).nullable(),
  qrCodes: z.array(
    z.object({ page: z.number().int(), text: z.string(), url: z.string().nullable(), bbox: BBox.nullable() }),
  ),
});
export type SignatureMarks = z.infer<typeof SignatureMarks>;
export const NO_SIGNATURE_MARKS: SignatureMarks = { footer: null, qrCodes: [] };

export const SourceMode = z.enum(['text', 'ocr', 'mixed']);
export const Source = z.object({
  file: z.string(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  pages: z.number().int().nonnegative(),
  mode: SourceMode,
});

export const Status = z.enum(['clean', 'flagged', 'failed']);
export const FailureCode = z.enum([
  'not-found',
  'empty-file',
  'not-pdf',
  'corrupt-pdf',
  'encrypted-pdf',
  'needs-ocr',
  'not-lkj',
  'too-large',
  'internal',
  'bad-image',
  'blank-page',
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
  /** every signature field of a PDF, incremental updates included; empty when unsigned */
  signatures: z.array(SignatureInfo).default([]),
  signatureMarks: SignatureMarks.default(NO_SIGNATURE_MARKS),
  /**
   * schemaVersion 2: the caption each table was printed under (`{"2.3": "Tabel 3.2"}`); the keys
   * are roles (2.1 Perjanjian Kinerja … 2.5 realisasi anggaran), whatever the document numbers them
   */
  captions: z.partialRecord(TableId, z.string()).optional(),
  /** schemaVersion 2: the name of the profile the document was read with (`lkj extract --profile`) */
  profile: z.string().optional(),
  status: Status,
  error: z.object({ code: FailureCode, message: z.string() }).optional(),
});
export type Report = z.infer<typeof Report>;

/**
 * A stored report of any schemaVersion, read as the current one: every field added since version 1
 * is defaulted (a version-1 report has no signatures because none were looked for).
 */
export const StoredReport = z.preprocess(
  (r) =>
    r && typeof r === 'object' && (r as { schemaVersion?: unknown }).schemaVersion === 1
      ? { ...r, schemaVersion: SCHEMA_VERSION }
      : r,
  Report,
);

export function reportJsonSchema(): unknown {
  return z.toJSONSchema(Report, { target: 'draft-2020-12' });
}
