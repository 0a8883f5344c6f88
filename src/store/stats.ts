/**
 * Figures for the dashboard over the current versions of the selected reports: capaian kinerja
 * and serapan anggaran by unit (kabupaten, kecamatan, unit) and period, which is also who has
 * reported for which period, the flagged rate, reports processed per day and the
 * most frequent rules. Capaian is the mean of Tabel 2.3's stated capaian; serapan is total
 * realisasi / total pagu of Tabel 2.5's kegiatan (its programs when it lists none).
 */
import type { Db } from './db.js';
import { filterSql, type DocumentFilter } from './document-queries.js';

export interface PlaceStats {
  kabupaten: string | null;
  kecamatan: string | null;
  unit: string | null;
  periodKind: string | null;
  periodNumber: number | null;
  year: number | null;
  reports: number;
  flagged: number;
  capaianKinerja: number | null;
  serapanAnggaran: number | null;
}

const round2 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

// filterSql's aliases: d documents, v current version, r review state
const BASE = `FROM documents d
  LEFT JOIN report_versions v ON v.document_id = d.id AND v.version = d.current_version
  LEFT JOIN review_state r ON r.document_id = d.id`;

const SERAPAN = (rows: string) =>
  `(SELECT SUM(realisasi) / NULLIF(SUM(pagu), 0) * 100 FROM budget WHERE version_id = v.id AND no ~ '${rows}' AND pagu IS NOT NULL AND realisasi IS NOT NULL)`;

export async function dashboardStats(db: Db, f: DocumentFilter, days = 30) {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  /** the filters, and only reports that were read */
  const readOnly = `${where ? `${where} AND` : 'WHERE'} v.status IN ('clean', 'flagged')`;

  const places = await db.query<Record<string, unknown>>(
    `SELECT v.kabupaten, v.kecamatan, v.unit, v.period_kind, v.period_number, v.year, COUNT(*)::int AS reports,
       COUNT(*) FILTER (WHERE v.status = 'flagged')::int AS flagged, AVG(p.capaian) AS capaian, AVG(b.serapan) AS serapan
     ${BASE}
     LEFT JOIN LATERAL (SELECT AVG(x.capaian) AS capaian FROM performance x WHERE x.version_id = v.id) p ON true
     LEFT JOIN LATERAL (SELECT COALESCE(${SERAPAN('^[0-9]+\\.[0-9]+$')}, ${SERAPAN('^[0-9]+$')}) AS serapan) b ON true
     ${readOnly}
     GROUP BY v.kabupaten, v.kecamatan, v.unit, v.period_kind, v.period_number, v.year
     ORDER BY v.kabupaten NULLS LAST, v.kecamatan NULLS LAST, v.unit NULLS LAST, v.year NULLS LAST, v.period_kind, v.period_number`,
    params,
  );
  const byPlace: PlaceStats[] = places.map((r) => ({
    kabupaten: r.kabupaten as string | null,
    kecamatan: r.kecamatan as string | null,
    unit: r.unit as string | null,
    periodKind: r.period_kind as string | null,
    periodNumber: r.period_number as number | null,
    year: r.year as number | null,
    reports: r.reports as number,
    flagged: r.flagged as number,
    capaianKinerja: round2(r.capaian),
    serapanAnggaran: round2(r.serapan),
  }));

  const status = await db.query<{ status: string; n: number }>(
    `SELECT d.status, COUNT(*)::int AS n ${BASE} ${where} GROUP BY d.status`,
    params,
  );
  const by = Object.fromEntries(status.map((s) => [s.status, s.n])) as Record<string, number>;
  const documents = {
    total: status.reduce((a, s) => a + s.n, 0),
    queued: by.queued ?? 0,
    processing: by.processing ?? 0,
    clean: by.clean ?? 0,
    flagged: by.flagged ?? 0,
    failed: by.failed ?? 0,
  };
  const read = documents.clean + documents.flagged;

  const processedPerDay = await db.query<{ day: string; processed: number; flagged: number }>(
    `SELECT to_char(date_trunc('day', d.processed_at), 'YYYY-MM-DD') AS day, COUNT(*)::int AS processed, COUNT(*) FILTER (WHERE d.status = 'flagged')::int AS flagged
     ${BASE} ${readOnly} AND d.processed_at > now() - make_interval(days => $${params.length + 1}) GROUP BY 1 ORDER BY 1`,
    [...params, days],
  );

  const rules = await db.query<{ rule: string; findings: number; reports: number }>(
    `SELECT x.rule, COUNT(*)::int AS findings, COUNT(DISTINCT v.id)::int AS reports
     ${BASE} JOIN discrepancies x ON x.version_id = v.id ${readOnly} GROUP BY x.rule ORDER BY findings DESC, x.rule`,
    params,
  );

  return {
    documents,
    flaggedRate: read ? round2((documents.flagged / read) * 100) : null,
    byPlace,
    processedPerDay,
    rules,
  };
}
