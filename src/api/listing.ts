/** Request filters to the store's filter language, and the store's rows to the API's answers (schemas.ts). */
import type { DocumentFilter, DocumentListRow } from '../store/document-queries.js';
import type { DocumentSummary, FilterQuery } from './schemas.js';

export function toFilter(q: FilterQuery): DocumentFilter {
  let period: DocumentFilter['period'];
  if (q.period) {
    const [kind, n] = q.period.split('-') as ['tribulan' | 'semester' | 'tahunan', string | undefined];
    period = { kind, number: n ? Number(n) : null };
  }
  return {
    status: q.status,
    kecamatan: q.kecamatan,
    kabupaten: q.kabupaten,
    year: q.year,
    period,
    rule: q.rule,
    severity: q.severity,
    review: q.review,
    q: q.q,
  };
}

const when = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toSummary(r: DocumentListRow): DocumentSummary {
  return {
    id: r.id,
    sha256: r.sha256,
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    kind: r.kind,
    pages: r.pages,
    mode: r.mode,
    status: r.status,
    failure: r.status === 'failed' ? { code: r.failure_code, message: r.failure_reason } : null,
    createdAt: when(r.created_at)!,
    processedAt: when(r.processed_at),
    version: r.current_version,
    unit: r.unit,
    kecamatan: r.kecamatan,
    kabupaten: r.kabupaten,
    period: r.period_kind ? { kind: r.period_kind, number: r.period_number, year: r.year } : null,
    discrepancies: { error: r.errors, uncertain: r.uncertain, warning: r.warnings },
    review: {
      state: r.review_state,
      claimedBy: r.claimed_by,
      claimExpires: when(r.claim_expires),
      reviewedBy: r.reviewed_by,
      reviewedAt: when(r.reviewed_at),
    },
    url: `/api/documents/${r.id}`,
  };
}
