/**
 * Rows for the exports: the normalised tables, the findings, the review outcomes and the
 * corrections of a set of report versions (the current versions of the selected documents).
 */
import type { TableId } from '../model/contract.js';
import type { Db } from './db.js';
import { TABLE_ROWS } from './store.js';

/** Columns naming the report every exported row belongs to. */
const DOC_COLUMNS = `d.id AS document_id, d.file_name, v.kabupaten, v.kecamatan, v.unit, v.period_kind, v.period_number, v.year, v.version`;

/** Contract field names of a normalised table's columns (snake_case → camelCase). */
export const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export async function tableRows(db: Db, table: TableId, versionIds: number[]): Promise<Record<string, unknown>[]> {
  const { table: name, columns } = TABLE_ROWS[table];
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${DOC_COLUMNS}, x.ord, x.no, ${columns.map((c) => `x.${c}`).join(', ')}
     FROM ${name} x JOIN report_versions v ON v.id = x.version_id JOIN documents d ON d.id = v.document_id
     WHERE v.id = ANY($1::bigint[]) ORDER BY d.id, x.ord`,
    [versionIds],
  );
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v])));
}

/** Stated and expected are stored as text; the numbers among them were written by String(number). */
const back = (v: string | null): number | string | null =>
  v !== null && /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(v) ? Number(v) : v;

export async function findingRows(db: Db, versionIds: number[]): Promise<Record<string, unknown>[]> {
  const rows = await db.query<Record<string, unknown> & { stated: string | null; expected: string | null }>(
    `SELECT ${DOC_COLUMNS}, x.idx, x.rule, x.severity, x.tbl, x.row_no, x.field, x.stated, x.expected, x.message, x.page
     FROM discrepancies x JOIN report_versions v ON v.id = x.version_id JOIN documents d ON d.id = v.document_id
     WHERE v.id = ANY($1::bigint[]) ORDER BY d.id, x.idx`,
    [versionIds],
  );
  return rows.map((r) => ({ ...camelRow(r), stated: back(r.stated), expected: back(r.expected) }));
}

/**
 * One row per finding of each selected report with its latest decision (or none), and the
 * report's review state; a report without findings still gets one row with its state.
 */
export async function reviewRows(db: Db, versionIds: number[]): Promise<Record<string, unknown>[]> {
  const rows = await db.query<Record<string, unknown> & { stated: string | null; expected: string | null }>(
    `SELECT ${DOC_COLUMNS}, d.status, COALESCE(r.state, 'none') AS review_state, r.reviewed_by, r.reviewed_at,
       x.idx, x.rule, x.severity, x.tbl, x.row_no, x.field, x.stated, x.expected,
       dr.outcome, dr.reason, dr.actor AS decided_by, dr.at AS decided_at
     FROM report_versions v JOIN documents d ON d.id = v.document_id
     LEFT JOIN review_state r ON r.document_id = d.id
     LEFT JOIN discrepancies x ON x.version_id = v.id
     LEFT JOIN LATERAL (
       SELECT outcome, reason, actor, at FROM discrepancy_reviews k
       WHERE k.document_id = d.id AND x.idx IS NOT NULL
         AND k.finding = concat_ws('|', x.rule, x.tbl, x.row_no, x.field, COALESCE(x.stated, ''), COALESCE(x.expected, ''))
       ORDER BY k.id DESC LIMIT 1) dr ON true
     WHERE v.id = ANY($1::bigint[]) ORDER BY d.id, x.idx`,
    [versionIds],
  );
  return rows.map((r) => ({
    ...camelRow(r),
    stated: back(r.stated),
    expected: back(r.expected),
    outcome: r.outcome ?? (r.idx === null ? null : 'open'),
  }));
}

/** One row per signature field of each selected report (none for an unsigned one). */
export async function signatureRows(db: Db, versionIds: number[]): Promise<Record<string, unknown>[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${DOC_COLUMNS}, x.idx, x.field, x.kind, x.signer_name, x.signer_nip, x.issuer, x.signed_at, x.covers_whole_document,
       x.modified_after_signing, x.integrity, x.trust, x.matches_signatory
     FROM signatures x JOIN report_versions v ON v.id = x.version_id JOIN documents d ON d.id = v.document_id
     WHERE v.id = ANY($1::bigint[]) ORDER BY d.id, x.idx`,
    [versionIds],
  );
  return rows.map(camelRow);
}

export async function correctionRows(db: Db, documentIds: number[]): Promise<Record<string, unknown>[]> {
  const rows = await db.query<
    Record<string, unknown> & { before: { value: unknown } | null; after: { value: unknown } | null }
  >(
    `SELECT d.id AS document_id, d.file_name, c.from_version, c.to_version, c.tbl, c.row_no, c.field, c.before, c.after, c.actor, c.at
     FROM corrections c JOIN documents d ON d.id = c.document_id WHERE d.id = ANY($1::bigint[]) ORDER BY d.id, c.id`,
    [documentIds],
  );
  return rows.map(({ before, after, ...r }) => ({
    ...camelRow(r),
    valueBefore: before?.value ?? null,
    valueAfter: after?.value ?? null,
  }));
}

const camelRow = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v]));
