import { z } from 'zod';
import { BBox } from './word.js';
import { ReportMeta, TABLE_IDS, TableId } from './contract.js';
import { ExtractedClaim, ExtractedTables } from './extracted.js';
import { ProfileBand } from './profile.js';

/**
 * The analysis of a document: everything between words and verification (pipeline/analyse.ts),
 * with the provenance of every value. It is stored with each report version, so that
 * verification can run again without the pages (`lkj reprocess --all`, a reviewer's correction,
 * the findings worded in another language) and the app can show where each value was read.
 *
 * Stored, it is read back through `StoredAnalysis`: an analysis without `schemaVersion` was stored
 * before the field existed and has version 1's shape (the fields marked "absent before" may be
 * missing); any other shape is refused, naming the document (`InvalidAnalysisError` in store/).
 */
export const ANALYSIS_VERSION = 1 as const;

/** Where a table's header is printed on a page (a table across pages may have one per page). */
export const TableHeader = z.object({ page: z.number(), bbox: BBox });
export type TableHeader = z.infer<typeof TableHeader>;

/** A table the document prints that could not be read as one of the contract's (item 7 of issue 11). */
export const UnreadTable = z.object({
  /** the role its caption or header points at */
  table: TableId,
  page: z.number(),
  bbox: BBox,
  caption: z.string().nullable(),
  reason: z.enum(['columns', 'duplicate']),
  labels: z.array(z.string()),
});
export type UnreadTable = z.infer<typeof UnreadTable>;

/** A column of a role's table whose header says nothing known: its cells are not read. */
export const UnmappedColumn = z.object({
  table: TableId,
  label: z.string(),
  /** `position`: read as the template's column at that place, its printed header not understood */
  reason: z.enum(['unknown', 'position']).optional(),
  page: z.number(),
  bbox: BBox,
});
export type UnmappedColumn = z.infer<typeof UnmappedColumn>;

/** A meta field read with doubt: nothing where meta lives named it, or what did disagreed. */
export const MetaDoubt = z.enum(['kecamatan', 'kabupaten', 'period', 'year']);
export type MetaDoubt = z.infer<typeof MetaDoubt>;

/** What was read but not understood: said as `uncertain` findings, never silently dropped. */
export const ReadingNotes = z.object({
  unread: z.array(UnreadTable),
  unmappedColumns: z.array(UnmappedColumn),
  metaDoubts: z.array(MetaDoubt),
});
export type ReadingNotes = z.infer<typeof ReadingNotes>;

/**
 * How the report says its capaian are computed, where it says so: lower-is-better indicators
 * (worded as a decrease, or with `(2 × target − realisasi) / target` printed in a formula column),
 * a cap on capaian (`capaian maksimal 120%`), and how a range target is judged. A profile may
 * state the same for a template (`Profile.method`). Verification follows it (verify/method.ts).
 */
export const StatedMethod = z.object({
  /** capaian are capped at this percent; null when nothing caps them */
  cap: z.number().nullable(),
  /** where the cap comes from */
  capSource: z.enum(['document', 'profile']).optional(),
  /** rows (`2.3/1`) whose indicator is lower-is-better, with why */
  negative: z.array(z.object({ row: z.string(), by: z.enum(['wording', 'formula', 'profile']) })),
  /** rows (`2.3/2`) whose printed formula says realisasi / target: never read as lower-is-better */
  positive: z.array(z.string()),
  rangeTargets: z.enum(['nearer', 'lower', 'upper']),
});
export type StatedMethod = z.infer<typeof StatedMethod>;

export const Analysis = z.object({
  schemaVersion: z.literal(ANALYSIS_VERSION),
  tables: ExtractedTables,
  /** where each table's header is, per page (absent before it was kept) */
  headers: z
    .object(
      Object.fromEntries(TABLE_IDS.map((id) => [id, z.array(TableHeader)])) as Record<
        TableId,
        z.ZodArray<typeof TableHeader>
      >,
    )
    .optional(),
  missing: z.array(TableId),
  /** missing tables whose caption was seen (their grid was not read); absent before it was kept */
  unread: z.array(TableId).optional(),
  meta: ReportMeta,
  claims: z.array(ExtractedClaim),
  /** report schemaVersion 2 (absent before): each role's printed caption */
  captions: z.partialRecord(TableId, z.string()).optional(),
  /** report schemaVersion 2: what could not be read (tables, columns, meta) */
  notes: ReadingNotes.optional(),
  /** report schemaVersion 2: the calculation method the document (or its profile) states */
  method: StatedMethod.optional(),
  /** report schemaVersion 2: the profile the document was read with */
  profile: z.string().optional(),
  /** the profile's rating scale, for a report printing none (kept so re-verification needs no profile) */
  profileScale: z.array(ProfileBand).optional(),
});
export type Analysis = z.infer<typeof Analysis>;

/** A stored analysis of any version, read as the current one (see the module comment). */
export const StoredAnalysis = z.preprocess(
  (a) => (a && typeof a === 'object' && !Array.isArray(a) && !('schemaVersion' in a) ? { ...a, schemaVersion: 1 } : a),
  Analysis,
);
