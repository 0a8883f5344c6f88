/**
 * The review workflow in the database: claims (one reviewer per report at a time, expiring),
 * decisions on findings, corrections and the "reviewed" mark, each written together with its
 * audit-log entry in one transaction.
 */
import type { Discrepancy } from '../model/contract.js';
import { actorName, writeAudit, type AuditActor } from './audit.js';
import type { Db, Queryable } from './db.js';
import { documentFrom, filterSql, type DocumentFilter } from './document-queries.js';

export interface ReviewStateRow {
  document_id: number;
  state: 'open' | 'claimed' | 'reviewed';
  claimed_by: string | null;
  claim_expires: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

export interface DecisionRow {
  id: number;
  document_id: number;
  version: number;
  idx: number;
  finding: string;
  outcome: 'confirmed' | 'dismissed';
  reason: string | null;
  actor: string;
  at: Date;
}

/** A finding's identity across versions: the same rule on the same cell with the same numbers. */
export function findingKey(d: Pick<Discrepancy, 'rule' | 'table' | 'row' | 'field' | 'stated' | 'expected'>): string {
  return [d.rule, d.table, d.row, d.field, d.stated ?? '', d.expected ?? ''].map(String).join('|');
}

export class ClaimConflict extends Error {
  constructor(
    readonly documentId: number,
    readonly holder: string,
    readonly expires: Date,
  ) {
    super(`document ${documentId} is claimed by ${holder} until ${expires.toISOString()}`);
  }
}

export class Review {
  constructor(
    private readonly db: Db,
    private readonly claimMinutes: number,
  ) {}

  async state(documentId: number): Promise<ReviewStateRow | null> {
    return (
      (await this.db.query<ReviewStateRow>('SELECT * FROM review_state WHERE document_id = $1', [documentId]))[0] ??
      null
    );
  }

  /**
   * Take (or extend) the claim on one report for `actor`. Refused with ClaimConflict while another
   * reviewer's claim is live. One statement: the row lock of ON CONFLICT makes it atomic.
   */
  async claim(documentId: number, actor: string, q: Queryable = this.db): Promise<ReviewStateRow> {
    const rows = await q.query<ReviewStateRow>(
      `INSERT INTO review_state (document_id, state, claimed_by, claim_expires) VALUES ($1, 'claimed', $2, now() + make_interval(mins => $3))
       ON CONFLICT (document_id) DO UPDATE SET state = 'claimed', claimed_by = EXCLUDED.claimed_by, claim_expires = EXCLUDED.claim_expires
       WHERE review_state.state <> 'claimed' OR review_state.claimed_by = EXCLUDED.claimed_by OR review_state.claim_expires <= now()
       RETURNING *`,
      [documentId, actor, this.claimMinutes],
    );
    if (rows[0]) return rows[0];
    const [held] = await q.query<ReviewStateRow>('SELECT * FROM review_state WHERE document_id = $1', [documentId]);
    throw new ClaimConflict(documentId, held?.claimed_by ?? '?', new Date(held?.claim_expires ?? Date.now()));
  }

  /**
   * Claim the most urgent open report (most severe finding first, then the oldest), releasing the
   * reviewer's other claims first (moving on means leaving the previous one). Two reviewers asking
   * at once get different reports: the candidate row is locked with SKIP LOCKED, so the second
   * request passes over it (PGlite is one connection: requests are serialised anyway).
   */
  async claimNext(who: AuditActor, f: DocumentFilter = {}): Promise<ReviewStateRow | null> {
    const actor = actorName(who);
    return this.db.tx(async (q) => {
      const released = await q.query<{ document_id: number }>(
        `UPDATE review_state SET state = 'open', claimed_by = NULL, claim_expires = NULL WHERE state = 'claimed' AND claimed_by = $1 RETURNING document_id`,
        [actor],
      );
      for (const r of released)
        await writeAudit(q, who, 'release', r.document_id, { reason: 'claimed the next report' });
      const params: unknown[] = [actor, this.claimMinutes, released.map((r) => r.document_id)];
      const where = filterSql({ ...f, status: ['flagged'] }, params);
      const rows = await q.query<ReviewStateRow>(
        `WITH next AS (
           SELECT r.document_id ${documentFrom('INNER')}
           ${where} AND NOT (r.document_id = ANY($3::bigint[]))
             AND (r.state = 'open' OR (r.state = 'claimed' AND r.claim_expires <= now()))
           ORDER BY s.rank DESC, d.created_at ASC, d.id ASC
           LIMIT 1
           FOR UPDATE OF r SKIP LOCKED)
         UPDATE review_state rs SET state = 'claimed', claimed_by = $1, claim_expires = now() + make_interval(mins => $2)
         FROM next WHERE rs.document_id = next.document_id RETURNING rs.*`,
        params,
      );
      if (rows[0])
        await writeAudit(q, who, 'claim', rows[0].document_id, { next: true, expires: rows[0].claim_expires });
      return rows[0] ?? null;
    });
  }

  /** Give a claim back (only its holder, or anyone once it expired). */
  async release(documentId: number, who: AuditActor): Promise<boolean> {
    const actor = actorName(who);
    return this.db.tx(async (q) => {
      const rows = await q.query(
        `UPDATE review_state SET state = 'open', claimed_by = NULL, claim_expires = NULL WHERE document_id = $1 AND state = 'claimed' AND claimed_by = $2 RETURNING document_id`,
        [documentId, actor],
      );
      if (rows.length) await writeAudit(q, who, 'release', documentId, {});
      return rows.length > 0;
    });
  }

  /** Claim for `actor` (refused while another holds it) and record an action with its audit entry, in one transaction. */
  async act<T>(
    documentId: number,
    actor: string,
    fn: (q: Queryable, before: ReviewStateRow | null) => Promise<T>,
  ): Promise<T> {
    return this.db.tx(async (q) => {
      const [before] = await q.query<ReviewStateRow>('SELECT * FROM review_state WHERE document_id = $1 FOR UPDATE', [
        documentId,
      ]);
      await this.claim(documentId, actor, q);
      return fn(q, before ?? null);
    });
  }

  async decide(
    q: Queryable,
    documentId: number,
    version: number,
    idx: number,
    d: Discrepancy,
    outcome: 'confirmed' | 'dismissed',
    reason: string | null,
    actor: string,
  ): Promise<DecisionRow> {
    const [row] = await q.query<DecisionRow>(
      `INSERT INTO discrepancy_reviews (document_id, version, idx, finding, rule, tbl, row_no, field, outcome, reason, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [documentId, version, idx, findingKey(d), d.rule, d.table, d.row, d.field, outcome, reason, actor],
    );
    return row!;
  }

  /** The latest decision on each finding of a document. */
  async decisions(documentId: number): Promise<Map<string, DecisionRow>> {
    const rows = await this.db.query<DecisionRow>(
      'SELECT DISTINCT ON (finding) * FROM discrepancy_reviews WHERE document_id = $1 ORDER BY finding, id DESC',
      [documentId],
    );
    return new Map(rows.map((r) => [r.finding, r]));
  }

  async markReviewed(q: Queryable, documentId: number, actor: string): Promise<ReviewStateRow> {
    const [row] = await q.query<ReviewStateRow>(
      `UPDATE review_state SET state = 'reviewed', reviewed_by = $2, reviewed_at = now(), claimed_by = NULL, claim_expires = NULL
       WHERE document_id = $1 RETURNING *`,
      [documentId, actor],
    );
    return row!;
  }
}
