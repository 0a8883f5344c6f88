/**
 * The audit log: its one writer (`writeAudit`) and its hash chain, checked from outside the
 * database. Every row holds the hash of the previous row (`prev_hash`) and its own (`hash`),
 * computed by a trigger over the row's canonical text (migration 5). Here each hash is recomputed in this process from the stored values: a row
 * edited, inserted or deleted by anyone, the app's own role too (it can disable the triggers),
 * breaks the chain. Rewriting the whole chain from the edited row on is caught by an anchor: a
 * `seq:hash` printed earlier by `lkj audit verify` and kept elsewhere.
 */
import { createHash } from 'node:crypto';
import { storableJson } from '../model/printable.js';
import type { Db, Queryable } from './db.js';

/** Who an audit entry is about: a name (`cli`, `worker`…) or a principal, whose API token is recorded too. */
export type AuditActor = string | { username: string; tokenId?: number };

export const actorName = (a: AuditActor): string => (typeof a === 'string' ? a : a.username);

/** One audit entry (the only INSERT into audit_log); the database chains it to the previous one by hash (migration 5). */
export async function writeAudit(
  q: Queryable,
  actor: AuditActor,
  action: string,
  documentId: number | null,
  detail: unknown,
): Promise<void> {
  await q.query('INSERT INTO audit_log (actor, action, document_id, detail, token_id) VALUES ($1, $2, $3, $4, $5)', [
    actorName(actor),
    action,
    documentId,
    storableJson(detail),
    typeof actor === 'string' ? null : (actor.tokenId ?? null),
  ]);
}

/** What is wrong with a row: the CLI words it in the reader's language from `code` and `vars`. */
export type AuditProblemCode = 'unchained' | 'missing' | 'brokenLink' | 'changed' | 'notAnchor' | 'anchorGone';

export interface AuditProblem {
  id: number | null;
  seq: number | null;
  code: AuditProblemCode;
  vars: Record<string, string | number>;
  /** in English, for logs and --json */
  problem: string;
}

const PROBLEMS_EN: Record<AuditProblemCode, string> = {
  unchained: 'not in the chain (written with the chain trigger disabled)',
  missing: 'rows {from}–{to} of the chain are missing (deleted)',
  brokenLink: 'does not follow the previous row (prev_hash differs: a row before it was changed or removed)',
  changed: 'its content does not match its hash (the row was changed)',
  notAnchor: "its hash is not the anchor's {hash}: the history up to it was rewritten",
  anchorGone: "the anchor's row is gone (the log was cut back)",
};

function problem(
  id: number | null,
  seq: number | null,
  code: AuditProblemCode,
  vars: Record<string, string | number> = {},
): AuditProblem {
  return {
    id,
    seq,
    code,
    vars,
    problem: PROBLEMS_EN[code].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')),
  };
}

export interface AuditVerdict {
  rows: number;
  /** the last row: keep `seq:hash` elsewhere to check later that history before it was not rewritten */
  head: { seq: number; hash: string } | null;
  problems: AuditProblem[];
}

/** The canonical text of a row, as the database's audit_row_hash() builds it. */
export function auditRowHash(fields: readonly (string | null)[]): string {
  const text = fields.map((f) => (f === null ? '-;' : `${Buffer.byteLength(f, 'utf8')}:${f};`)).join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface Row {
  id: number;
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
  at: string;
  actor: string;
  action: string;
  document_id: string | null;
  token_id: string | null;
  detail: string;
}

const PAGE = 2000;

/** Walks the whole chain in `seq` order, a page at a time; `anchor` is a `seq:hash` kept from before. */
export async function verifyAuditLog(db: Db, anchor?: { seq: number; hash: string }): Promise<AuditVerdict> {
  const problems: AuditProblem[] = [];
  // rows the trigger never saw (inserted with it disabled) have no place in the chain
  const unchained = await db.query<{ id: number }>(
    'SELECT id FROM audit_log WHERE seq IS NULL OR hash IS NULL ORDER BY id LIMIT 100',
  );
  for (const r of unchained) problems.push(problem(r.id, null, 'unchained'));
  let rows = 0;
  let prev = null as { seq: number; hash: string } | null;
  let anchorSeen = false;
  for (let after = 0; ; ) {
    // every value as text, formatted by the database exactly as audit_row_hash() formats it
    const page = await db.query<Row>(
      `SELECT id, seq::text AS seq, prev_hash, hash, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
         actor, action, document_id::text AS document_id, token_id::text AS token_id, detail::text AS detail
       FROM audit_log WHERE audit_log.seq > $1 ORDER BY audit_log.seq LIMIT $2`,
      [after, PAGE],
    );
    for (const r of page) {
      rows++;
      const seq = Number(r.seq);
      const expectedSeq: number = (prev?.seq ?? 0) + 1;
      if (seq !== expectedSeq) problems.push(problem(r.id, seq, 'missing', { from: expectedSeq, to: seq - 1 }));
      if (r.prev_hash !== (prev?.hash ?? '')) problems.push(problem(r.id, seq, 'brokenLink'));
      const hash = auditRowHash([r.prev_hash, r.seq, r.at, r.actor, r.action, r.document_id, r.token_id, r.detail]);
      if (hash !== r.hash) problems.push(problem(r.id, seq, 'changed'));
      if (anchor && seq === anchor.seq) {
        anchorSeen = true;
        if (r.hash !== anchor.hash) problems.push(problem(r.id, seq, 'notAnchor', { hash: anchor.hash }));
      }
      prev = { seq, hash: r.hash ?? '' };
    }
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1]!.seq);
  }
  if (anchor && !anchorSeen) problems.push(problem(null, anchor.seq, 'anchorGone'));
  return { rows, head: prev, problems };
}
