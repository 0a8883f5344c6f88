/**
 * Listing documents for the API, the review queue and the exports: one filter language, turned
 * into SQL with every value a parameter. Aliases: d = documents, v = the current report version,
 * r = review state, s = the current version's discrepancy counts.
 */
import type { Severity } from '../model/contract.js';
import type { Db } from './db.js';
import type { DocumentRow, DocumentStatus } from './store.js';

export type ReviewStateName = 'open' | 'claimed' | 'reviewed' | 'none';

export interface DocumentFilter {
  status?: DocumentStatus[];
  kecamatan?: string;
  kabupaten?: string;
  year?: number;
  period?: { kind: 'tribulan' | 'semester' | 'tahunan'; number: number | null };
  /** a discrepancy of this rule (and, with `severity`, of that severity) in the current version */
  rule?: string;
  severity?: Severity;
  review?: ReviewStateName[];
  /** part of the file name */
  q?: string;
  ids?: number[];
}

export type DocumentOrder = 'newest' | 'oldest' | 'severity';

/** A claim past its expiry is open again. */
const REVIEW_STATE = `CASE WHEN r.document_id IS NULL THEN 'none' WHEN r.state = 'claimed' AND r.claim_expires <= now() THEN 'open' ELSE r.state END`;
/** error > uncertain (a human must read a number) > warning */
const SEVERITY_RANK = `CASE x.severity WHEN 'error' THEN 3 WHEN 'uncertain' THEN 2 ELSE 1 END`;

/** `reviewJoin` INNER for a query that locks review rows (FOR UPDATE refuses the nullable side of an outer join). */
export const documentFrom = (reviewJoin: 'LEFT' | 'INNER' = 'LEFT') => `FROM documents d
  LEFT JOIN report_versions v ON v.document_id = d.id AND v.version = d.current_version
  ${reviewJoin} JOIN review_state r ON r.document_id = d.id
  LEFT JOIN LATERAL (
    SELECT COUNT(*) FILTER (WHERE x.severity = 'error')::int AS errors,
           COUNT(*) FILTER (WHERE x.severity = 'uncertain')::int AS uncertain,
           COUNT(*) FILTER (WHERE x.severity = 'warning')::int AS warnings,
           COALESCE(MAX(${SEVERITY_RANK}), 0)::int AS rank
    FROM discrepancies x WHERE x.version_id = v.id) s ON true`;
const DOCUMENT_FROM = documentFrom();

const ORDER: Record<DocumentOrder, string> = {
  newest: 'd.id DESC',
  oldest: 'd.id ASC',
  severity: 's.rank DESC, d.created_at ASC, d.id ASC',
};

/** The WHERE clause for `f`, appending its values to `params`. */
export function filterSql(f: DocumentFilter, params: unknown[]): string {
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.status?.length) where.push(`d.status = ANY(${p(f.status)}::text[])`);
  if (f.kecamatan) where.push(`lower(v.kecamatan) = lower(${p(f.kecamatan)})`);
  if (f.kabupaten) where.push(`lower(v.kabupaten) = lower(${p(f.kabupaten)})`);
  if (f.year !== undefined) where.push(`v.year = ${p(f.year)}`);
  if (f.period) {
    where.push(`v.period_kind = ${p(f.period.kind)}`);
    if (f.period.number !== null) where.push(`v.period_number = ${p(f.period.number)}`);
  }
  if (f.rule || f.severity) {
    const conds = ['y.version_id = v.id'];
    if (f.rule) conds.push(`y.rule = ${p(f.rule)}`);
    if (f.severity) conds.push(`y.severity = ${p(f.severity)}`);
    where.push(`EXISTS (SELECT 1 FROM discrepancies y WHERE ${conds.join(' AND ')})`);
  }
  if (f.review?.length) where.push(`(${REVIEW_STATE}) = ANY(${p(f.review)}::text[])`);
  if (f.q) where.push(`d.file_name ILIKE ${p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (f.ids) where.push(`d.id = ANY(${p(f.ids)}::bigint[])`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** A document as the list shows it: its row (less the run bookkeeping) with its current report's meta and findings. */
export interface DocumentListRow extends Omit<DocumentRow, 'run' | 'run_reason' | 'updated_at' | 'summarised'> {
  unit: string | null;
  kecamatan: string | null;
  kabupaten: string | null;
  period_kind: string | null;
  period_number: number | null;
  year: number | null;
  errors: number;
  uncertain: number;
  warnings: number;
  review_state: ReviewStateName;
  claimed_by: string | null;
  claim_expires: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

const COLUMNS = `d.id, d.sha256, d.file_name, d.size_bytes, d.kind, d.pages, d.mode, d.status, d.failure_code, d.failure_reason,
  d.priority, d.created_at, d.processed_at, d.current_version, v.unit, v.kecamatan, v.kabupaten, v.period_kind, v.period_number, v.year,
  COALESCE(s.errors, 0) AS errors, COALESCE(s.uncertain, 0) AS uncertain, COALESCE(s.warnings, 0) AS warnings,
  ${REVIEW_STATE} AS review_state,
  CASE WHEN r.state = 'claimed' AND r.claim_expires > now() THEN r.claimed_by END AS claimed_by,
  CASE WHEN r.state = 'claimed' AND r.claim_expires > now() THEN r.claim_expires END AS claim_expires,
  r.reviewed_by, r.reviewed_at`;

export async function listDocuments(
  db: Db,
  f: DocumentFilter,
  page: { limit: number; offset: number; order?: DocumentOrder },
): Promise<{ total: number; rows: DocumentListRow[] }> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  const [count] = await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n ${DOCUMENT_FROM} ${where}`, params);
  const rows = await db.query<DocumentListRow>(
    `SELECT ${COLUMNS} ${DOCUMENT_FROM} ${where} ORDER BY ${ORDER[page.order ?? 'newest']} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { total: count?.n ?? 0, rows };
}

export async function documentRow(db: Db, id: number): Promise<DocumentListRow | null> {
  return (await db.query<DocumentListRow>(`SELECT ${COLUMNS} ${DOCUMENT_FROM} WHERE d.id = $1`, [id]))[0] ?? null;
}

/** Ids of the documents `f` selects, processed ones only (for exports), oldest first. */
export async function selectedVersionIds(
  db: Db,
  f: DocumentFilter,
  limit: number,
): Promise<{ documentId: number; versionId: number }[]> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  const rows = await db.query<{ document_id: number; version_id: number }>(
    `SELECT d.id AS document_id, v.id AS version_id ${DOCUMENT_FROM} ${where ? `${where} AND` : 'WHERE'} v.id IS NOT NULL ORDER BY d.id LIMIT $${params.length + 1}`,
    [...params, limit],
  );
  return rows.map((r) => ({ documentId: r.document_id, versionId: r.version_id }));
}

/** Flagged reports waiting for review: counts for the queue's header. */
export async function queueCounts(
  db: Db,
  f: DocumentFilter,
): Promise<{ total: number; open: number; claimed: number; errors: number; uncertain: number; warnings: number }> {
  const params: unknown[] = [];
  const where = filterSql({ ...f, status: ['flagged'], review: ['open', 'claimed'] }, params);
  const [row] = await db.query<{
    total: number;
    open: number;
    claimed: number;
    errors: number;
    uncertain: number;
    warnings: number;
  }>(
    `SELECT COUNT(*)::int AS total,
       COUNT(*) FILTER (WHERE ${REVIEW_STATE} = 'open')::int AS open,
       COUNT(*) FILTER (WHERE ${REVIEW_STATE} = 'claimed')::int AS claimed,
       COUNT(*) FILTER (WHERE s.rank = 3)::int AS errors,
       COUNT(*) FILTER (WHERE s.rank = 2)::int AS uncertain,
       COUNT(*) FILTER (WHERE s.rank = 1)::int AS warnings
     ${DOCUMENT_FROM} ${where}`,
    params,
  );
  return row!;
}
