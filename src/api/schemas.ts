/**
 * The API's request and response shapes (zod): validation at run time, the OpenAPI document, and
 * the web app's types (web/src/types.ts imports them as types only). Everything that came from a
 * PDF is returned as data (JSON strings), never as markup.
 *
 * This module imports zod, model/ and accounts/roles.ts only, so the web app's typecheck reaches
 * no server code (test/unit/web-types.test.ts); turning rows into answers is listing.ts's.
 */
import { z } from 'zod';
import { Report, Severity, TableId, byTable } from '../model/contract.js';
import { ExtractedClaim, ExtractedRow } from '../model/extracted.js';
import { Role, Username } from '../accounts/roles.js';

export const DocStatus = z.enum(['queued', 'processing', 'clean', 'flagged', 'failed']);
export const ReviewStateName = z.enum(['open', 'claimed', 'reviewed', 'none']);

/** `a,b` or `?x=a&x=b` */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 52),
});

export const FilterQuery = z.object({
  status: list(DocStatus).optional().describe('document status, comma-separated'),
  kecamatan: z.string().trim().min(1).max(100).optional(),
  kabupaten: z.string().trim().min(1).max(100).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  period: z
    .string()
    .regex(
      /^(?:(?:tribulan|semester)(?:-[1-4])?|tahunan)$/,
      'tribulan, tribulan-N (1–4), semester, semester-N (1–2) or tahunan',
    )
    .optional()
    .describe('tribulan | tribulan-2 | semester | semester-1 | tahunan'),
  rule: z
    .string()
    .regex(/^[A-Z]\d{1,2}$/)
    .optional()
    .describe('a rule with a finding in the current version (R1…R9, T1, S1, G1…G4)'),
  severity: Severity.optional().describe('a finding of this severity (with rule: of that rule and severity)'),
  review: list(ReviewStateName).optional().describe('review state: open, claimed, reviewed, none (never flagged)'),
  q: z.string().max(200).optional().describe('part of the file name'),
});
export type FilterQuery = z.output<typeof FilterQuery>;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const iso = z.string().describe('ISO 8601 date-time');

export const ReviewInfo = z.object({
  state: ReviewStateName,
  claimedBy: z.string().nullable(),
  claimExpires: iso.nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: iso.nullable(),
});

export const DocumentSummary = z.object({
  id: z.number().int(),
  sha256: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  kind: z.string().nullable().describe('pdf, png, jpeg, tiff'),
  pages: z.number().int().nullable(),
  mode: z.string().nullable().describe('text, ocr, mixed'),
  status: DocStatus,
  failure: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
  createdAt: iso,
  processedAt: iso.nullable(),
  version: z.number().int().nullable().describe('current report version'),
  unit: z.string().nullable(),
  kecamatan: z.string().nullable(),
  kabupaten: z.string().nullable(),
  period: z
    .object({ kind: z.string(), number: z.number().int().nullable(), year: z.number().int().nullable() })
    .nullable(),
  discrepancies: z.object({ error: z.number().int(), uncertain: z.number().int(), warning: z.number().int() }),
  review: ReviewInfo,
  url: z.string().describe('this document in the API'),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentList = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(DocumentSummary),
});

export const Decision = z.object({
  outcome: z.enum(['confirmed', 'dismissed']),
  reason: z.string().nullable(),
  by: z.string(),
  at: iso,
  version: z.number().int().describe('the version the decision was taken on'),
});

export const DiscrepancyView = z.object({
  index: z.number().int().describe('position in report.discrepancies'),
  finding: z.string().describe('rule|table|row|field|stated|expected: a decision follows the finding across versions'),
  decision: Decision.nullable(),
  evidenceUrl: z.string().nullable().describe('the highlighted crop (null when the finding has no evidence box)'),
});

export const VersionInfo = z.object({
  version: z.number().int(),
  reason: z.string(),
  status: z.string(),
  createdAt: iso,
  url: z.string(),
});

export const DocumentDetail = z.object({
  document: DocumentSummary,
  report: Report.nullable().describe('the output contract of the current version, once processed'),
  discrepancies: z.array(DiscrepancyView),
  versions: z.array(VersionInfo),
  pageUrl: z
    .string()
    .nullable()
    .describe('page image template: replace {n} by the page number; ?dpi=72|100|150|200; pixel = point × dpi / 72'),
});

export const UploadItem = z.object({
  file: z.string().describe('the uploaded file name'),
  id: z.number().int().nullable(),
  sha256: z.string().nullable(),
  status: z.string().describe('the document status (queued, processing, clean, flagged, failed) or "rejected"'),
  duplicate: z.boolean().describe('these bytes were already stored'),
  url: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type UploadItem = z.infer<typeof UploadItem>;

export const Credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

export const SessionInfo = z.object({
  user: z.object({ username: z.string(), role: Role }),
  via: z.enum(['session', 'token']),
  csrfToken: z.string().nullable().describe('send as x-csrf-token on every POST/PATCH/DELETE of this session'),
});

export const PublicUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
  createdAt: iso,
});
export const NewUser = z.object({
  username: Username,
  role: Role,
  password: z.string().max(1024).optional().describe('generated and returned once when absent'),
});
export const UserPatch = z.object({
  role: Role.optional(),
  disabled: z.boolean().optional(),
  password: z.string().max(1024).optional(),
});
export const TokenInfo = z.object({
  id: z.number().int(),
  username: z.string(),
  label: z.string(),
  createdAt: iso,
  lastUsedAt: iso.nullable(),
  revokedAt: iso.nullable(),
});

export const VersionGuard = z.object({
  version: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('the version the reviewer looked at: refused (409) when it is no longer current'),
});

export const CorrectionBody = VersionGuard.extend({
  table: z.union([TableId, z.literal('narrative')]),
  row: z.string().min(1).max(100).describe('row label as printed (1, 1.2, JUMLAH), or the claim kind for narrative'),
  occurrence: z.number().int().min(0).max(1000).optional().describe('0-based, when the label repeats'),
  field: z.string().min(1).max(40),
  value: z
    .union([z.number(), z.string().max(2000), z.null()])
    .describe('a number, a string as printed ("19,50%"), or null for an empty cell'),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: iso,
  actor: z.string(),
  action: z.string(),
  documentId: z.number().int().nullable(),
  tokenId: z
    .number()
    .int()
    .nullable()
    .describe('the API token the actor acted through (null: a session or the system)'),
  detail: z.unknown(),
});

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

// ---- answers the app reads (declared here so web/src/types.ts can name them) ----------------------

export const QueueAnswer = DocumentList.extend({
  counts: z.object({
    total: z.number().int(),
    open: z.number().int(),
    claimed: z.number().int(),
    mostSevere: z.object({ error: z.number().int(), uncertain: z.number().int(), warning: z.number().int() }),
  }),
});

export const ClaimAnswer = z.object({ document: DocumentSummary.nullable(), expiresAt: z.string().nullable() });
export const ActionAnswer = z.object({ document: DocumentSummary, review: ReviewInfo });
export const DecisionAnswer = ActionAnswer.extend({
  decision: z.object({
    outcome: z.string(),
    reason: z.string().nullable(),
    by: z.string(),
    at: z.string(),
    version: z.number().int(),
  }),
});

const ChangedFinding = z.object({
  rule: z.string(),
  table: z.string(),
  row: z.string(),
  field: z.string(),
  stated: z.unknown(),
  expected: z.unknown(),
  severity: z.string(),
});
export const CorrectionAnswer = z.object({
  document: DocumentSummary,
  version: z.number().int(),
  status: z.string(),
  discrepancies: z.array(z.unknown()).describe("the new version's report.discrepancies"),
  evidenceUrls: z.array(z.string().nullable()),
  cleared: z.array(ChangedFinding),
  added: z.array(ChangedFinding),
  before: z.unknown(),
  after: z.unknown(),
});

/** A row of the provenance answer: the stored row, its label's occurrence among equal labels, no table (the key says it). */
export const AnalysisRowView = ExtractedRow.omit({ table: true }).extend({
  occurrence: z.number().int().describe('0-based, among rows with this label'),
});
export const AnalysisView = z.object({
  version: z.number().int(),
  tables: z.object(byTable(() => z.array(AnalysisRowView))),
  claims: z.array(ExtractedClaim),
  missing: z.array(TableId),
});

export const PlaceStats = z.object({
  kabupaten: z.string().nullable(),
  kecamatan: z.string().nullable(),
  unit: z.string().nullable(),
  periodKind: z.string().nullable(),
  periodNumber: z.number().nullable(),
  year: z.number().nullable(),
  reports: z.number(),
  flagged: z.number(),
  capaianKinerja: z.number().nullable(),
  serapanAnggaran: z.number().nullable(),
});
export const StatsAnswer = z.object({
  documents: z.object({
    total: z.number(),
    queued: z.number(),
    processing: z.number(),
    clean: z.number(),
    flagged: z.number(),
    failed: z.number(),
  }),
  flaggedRate: z.number().nullable(),
  byPlace: z.array(PlaceStats),
  processedPerDay: z.array(z.object({ day: z.string(), processed: z.number(), flagged: z.number() })),
  rules: z.array(z.object({ rule: z.string(), findings: z.number(), reports: z.number() })),
});
