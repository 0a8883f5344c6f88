import fs from 'node:fs/promises';
import path from 'node:path';
import { StoredReport, TABLE_FIELDS, TABLE_IDS, byTable, type Report, type TableId } from '../model/contract.js';
import { StoredAnalysis, type Analysis } from '../model/analysis.js';
import { storableJson, storableText } from '../model/printable.js';
import { writeAudit } from './audit.js';
import { loadSettings, type Env } from '../settings/settings.js';
import { DataDirBusy, lockDataDir } from './data-lock.js';
import { folderBlobStore, postgresBlobStore, type BlobStore } from './blobs.js';
import { migrate, pgliteDb, postgresDb, type Db, type Queryable } from './db.js';

export type DocumentStatus = 'queued' | 'processing' | 'clean' | 'flagged' | 'failed';

export interface DocumentRow {
  id: number;
  sha256: string;
  file_name: string;
  size_bytes: number;
  kind: string | null;
  pages: number | null;
  mode: string | null;
  status: DocumentStatus;
  failure_code: string | null;
  failure_reason: string | null;
  priority: number;
  run: number;
  run_reason: string;
  /** times processing of this run started (embedded mode gives up after a few interrupted ones) */
  attempts: number;
  current_version: number | null;
  created_at: Date;
  updated_at: Date;
  processed_at: Date | null;
  /** counted by a nightly summary since its last version was stored */
  summarised: boolean;
  /** the profile (model/profile.ts) it was ingested with; absent before migration 4 */
  profile?: unknown;
}

export interface NewDocument {
  sha256: string;
  fileName: string;
  size: number;
  kind: string | null;
  priority: number;
  /** a template profile for processing it (stored as given, validated at ingest) */
  profile?: unknown;
}

/** The system of record: documents, their report versions (contract JSON + normalised rows), review and audit. */
export class Store {
  /** `holder`: the lkj process that holds the embedded folder this store reaches through it (shared-pglite.ts) */
  constructor(
    readonly db: Db,
    readonly blobs: BlobStore,
    readonly where: string,
    readonly holder: { command: string; pid: number } | null = null,
  ) {}

  /** Register a document by its bytes' hash: `created` is false when the same bytes are already known. */
  async registerDocument(d: NewDocument): Promise<{ doc: DocumentRow; created: boolean }> {
    const rows = await this.db.query<DocumentRow>(
      `INSERT INTO documents (sha256, file_name, size_bytes, kind, priority, status, profile) VALUES ($1, $2, $3, $4, $5, 'queued', $6)
       ON CONFLICT (sha256) DO NOTHING RETURNING *`,
      [d.sha256, d.fileName, d.size, d.kind, d.priority, d.profile === undefined ? null : storableJson(d.profile)],
    );
    if (rows[0]) {
      await this.audit('ingest', 'document-registered', rows[0].id, { file: d.fileName, sha256: d.sha256 });
      return { doc: rows[0], created: true };
    }
    return { doc: (await this.document(d.sha256))!, created: false };
  }

  /** Start a new processing run (`--force`, retry of a failure): the next stored report becomes a new version. */
  async newRun(id: number, reason: string, priority?: number, profile?: unknown): Promise<DocumentRow> {
    const [doc] = await this.db.query<DocumentRow>(
      `UPDATE documents SET run = run + 1, run_reason = $2, status = 'queued', failure_code = NULL, failure_reason = NULL, attempts = 0,
         priority = COALESCE($3, priority), profile = COALESCE($4, profile), updated_at = now() WHERE id = $1 RETURNING *`,
      [id, reason, priority ?? null, profile === undefined ? null : storableJson(profile)],
    );
    if (!doc) throw new Error(`no document ${id}`);
    await this.audit('ingest', 'run-started', id, { run: doc.run, reason });
    return doc;
  }

  /** A document by id, sha256 or a unique sha256 prefix (at least 8 hex digits). */
  async document(key: number | string): Promise<DocumentRow | null> {
    if (typeof key === 'number')
      return (await this.db.query<DocumentRow>('SELECT * FROM documents WHERE id = $1', [key]))[0] ?? null;
    if (/^[0-9a-f]{64}$/.test(key))
      return (await this.db.query<DocumentRow>('SELECT * FROM documents WHERE sha256 = $1', [key]))[0] ?? null;
    if (/^[0-9a-f]{8,63}$/.test(key)) {
      const rows = await this.db.query<DocumentRow>('SELECT * FROM documents WHERE sha256 LIKE $1 LIMIT 2', [
        `${key}%`,
      ]);
      return rows.length === 1 ? rows[0]! : null;
    }
    if (/^\d+$/.test(key)) return this.document(Number(key));
    return null;
  }

  async markProcessing(id: number, run: number, pages: number | null, kind: string | null): Promise<void> {
    await this.db.query(
      `UPDATE documents SET status = 'processing', pages = COALESCE($3, pages), kind = COALESCE($4, kind), attempts = attempts + 1, updated_at = now()
       WHERE id = $1 AND run = $2 AND status IN ('queued', 'processing')`,
      [id, run, pages, kind],
    );
  }

  /**
   * The last resort when not even a failed report can be stored: the document leaves the queue as
   * failed with its reason (no version), so it blocks nothing; `lkj reprocess --failed` retries it.
   */
  async markFailed(id: number, run: number, code: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE documents SET status = 'failed', failure_code = $3, failure_reason = $4, processed_at = now(), summarised = false, updated_at = now()
       WHERE id = $1 AND run = $2 AND status IN ('queued', 'processing')`,
      [id, run, code, storableText(reason)],
    );
    await this.audit('worker', 'document-failed', id, { run, code, reason });
  }

  async savePageResult(
    id: number,
    run: number,
    page: number,
    content: unknown,
    scan: unknown,
    raster: Uint8Array | null,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO page_results (document_id, run, page, content, scan, raster) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (document_id, run, page) DO UPDATE SET content = EXCLUDED.content, scan = EXCLUDED.scan, raster = EXCLUDED.raster`,
      [
        id,
        run,
        page,
        storableJson(content),
        scan === null ? null : storableJson(scan),
        raster ? Buffer.from(raster) : null,
      ],
    );
  }

  async pageResults(
    id: number,
    run: number,
  ): Promise<{ page: number; content: unknown; scan: unknown; raster: Uint8Array | null }[]> {
    return this.db.query(
      'SELECT page, content, scan, raster FROM page_results WHERE document_id = $1 AND run = $2 ORDER BY page',
      [id, run],
    );
  }

  /**
   * Store the report of a run as the document's next version, once: a second call for the same run
   * (a job re-run after a crash between commit and acknowledgement) returns the stored version.
   */
  async saveReport(
    id: number,
    run: number,
    reason: string,
    report: Report,
    analysis?: Analysis,
  ): Promise<{ version: number; created: boolean }> {
    return this.db.tx(async (q) => {
      // one writer per document at a time: concurrent failures of two page jobs store one version
      await q.query('SELECT id FROM documents WHERE id = $1 FOR UPDATE', [id]);
      const existing = await q.query<{ version: number }>(
        'SELECT version FROM report_versions WHERE document_id = $1 AND run = $2',
        [id, run],
      );
      if (existing[0]) return { version: existing[0].version, created: false };
      return { version: await this.storeVersion(q, id, run, reason, report, analysis), created: true };
    });
  }

  /**
   * A re-verified report that differs from the stored one: a new run and version without re-reading the pages.
   * `expectVersion` refuses the revision (StaleVersionError) when another version was stored meanwhile;
   * `within` runs in the same transaction once the version is stored (a reviewer's correction and its audit).
   */
  async saveRevision(
    id: number,
    reason: string,
    report: Report,
    analysis: Analysis | null,
    opts: { expectVersion?: number; within?: (q: Queryable, version: number) => Promise<void> } = {},
  ): Promise<number> {
    return this.db.tx(async (q) => {
      if (opts.expectVersion !== undefined) {
        const [cur] = await q.query<{ current_version: number | null }>(
          'SELECT current_version FROM documents WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (cur?.current_version !== opts.expectVersion)
          throw new StaleVersionError(id, opts.expectVersion, cur?.current_version ?? null);
      }
      const [doc] = await q.query<{ run: number }>(
        'UPDATE documents SET run = run + 1, run_reason = $2 WHERE id = $1 RETURNING run',
        [id, reason],
      );
      if (!doc) throw new Error(`no document ${id}`);
      const version = await this.storeVersion(q, id, doc.run, reason, report, analysis);
      await opts.within?.(q, version);
      return version;
    });
  }

  private async storeVersion(
    q: Queryable,
    id: number,
    run: number,
    reason: string,
    report: Report,
    analysis: Analysis | null | undefined,
  ): Promise<number> {
    const version = await this.insertVersion(q, id, run, reason, report, analysis);
    await q.query(
      `UPDATE documents SET status = $3, pages = $4, mode = $5, failure_code = $6, failure_reason = $7, current_version = $8,
         processed_at = now(), summarised = false, updated_at = now() WHERE id = $1 AND run = $2`,
      [
        id,
        run,
        report.status,
        report.source.pages,
        report.status === 'failed' ? null : report.source.mode,
        report.error?.code ?? null,
        storableText(report.error?.message ?? null),
        version,
      ],
    );
    await q.query('DELETE FROM page_results WHERE document_id = $1 AND run <= $2', [id, run]);
    if (report.status === 'flagged') {
      // a new flagged version reopens the review, but a reviewer's live claim survives it (their own correction makes one)
      const live = `review_state.state = 'claimed' AND review_state.claim_expires > now()`;
      await q.query(
        `INSERT INTO review_state (document_id) VALUES ($1) ON CONFLICT (document_id) DO UPDATE SET
        state = CASE WHEN ${live} THEN 'claimed' ELSE 'open' END,
        claimed_by = CASE WHEN ${live} THEN review_state.claimed_by END,
        claim_expires = CASE WHEN ${live} THEN review_state.claim_expires END`,
        [id],
      );
    }
    await writeAudit(q, 'worker', 'report-stored', id, {
      version,
      run,
      reason,
      status: report.status,
      discrepancies: report.discrepancies.length,
    });
    return version;
  }

  private async insertVersion(
    q: Queryable,
    id: number,
    run: number,
    reason: string,
    r: Report,
    analysis: Analysis | null | undefined,
  ): Promise<number> {
    const [{ version }] = (await q.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM report_versions WHERE document_id = $1',
      [id],
    )) as [{ version: number }];
    const m = r.report;
    const [{ id: vid }] = (await q.query<{ id: number }>(
      `INSERT INTO report_versions (document_id, version, run, reason, status, unit, kecamatan, kabupaten, period_kind, period_number, year, report, analysis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        id,
        version,
        run,
        reason,
        r.status,
        m.unit,
        m.kecamatan,
        m.kabupaten,
        m.period?.kind ?? null,
        m.period?.number ?? null,
        m.period?.year ?? null,
        storableJson(r),
        analysis == null ? null : storableJson(analysis),
      ],
    )) as [{ id: number }];
    for (const t of TABLE_IDS) {
      const { table, columns } = TABLE_ROWS[t];
      const rows = r.tables[t] as Record<string, unknown>[];
      if (!rows.length) continue;
      const fields = TABLE_FIELDS[t];
      const params: unknown[] = [];
      const tuples = rows.map((row, i) => {
        const vals = [vid, i, row.no, ...fields.map((f) => storableCell(row[f]))];
        params.push(...vals);
        return `(${vals.map((_, k) => `$${params.length - vals.length + k + 1}`).join(', ')})`;
      });
      await q.query(
        `INSERT INTO ${table} (version_id, ord, no, ${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
        params,
      );
    }
    for (const [i, g] of r.signatures.entries()) {
      await q.query(
        `INSERT INTO signatures (version_id, idx, field, kind, signer_name, signer_nip, issuer, signed_at, covers_whole_document,
           modified_after_signing, integrity, trust, matches_signatory) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          vid,
          i,
          g.field,
          g.kind,
          g.signer.name,
          g.signer.nip,
          g.signer.issuer,
          g.signedAt,
          g.coversWholeDocument,
          g.modifiedAfterSigning,
          g.integrity,
          g.trust,
          g.matchesSignatory,
        ],
      );
    }
    for (const [i, d] of r.discrepancies.entries()) {
      await q.query(
        `INSERT INTO discrepancies (version_id, idx, rule, severity, tbl, row_no, field, stated, expected, message, page)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          vid,
          i,
          d.rule,
          d.severity,
          d.table,
          d.row,
          d.field,
          d.stated === null ? null : String(d.stated),
          d.expected === null ? null : String(d.expected),
          d.message,
          d.evidence.page,
        ],
      );
    }
    return version;
  }

  /** The stored report of a document (its current version, or a given one). */
  async report(id: number, version?: number): Promise<Report | null> {
    const rows = await this.db.query<{ report: Report }>(
      version === undefined
        ? 'SELECT v.report FROM report_versions v JOIN documents d ON d.id = v.document_id AND v.version = d.current_version WHERE d.id = $1'
        : 'SELECT report FROM report_versions WHERE document_id = $1 AND version = $2',
      version === undefined ? [id] : [id, version],
    );
    return rows[0] ? StoredReport.parse(rows[0].report) : null; // the contract's key order (jsonb keeps its own), older versions upgraded
  }

  /**
   * The stored analysis (tables, meta and claims with provenance) of the current version, or a
   * given one; null when none was stored (a failed document). An analysis of no known shape
   * throws InvalidAnalysisError, naming the document.
   */
  async analysis(id: number, version?: number): Promise<Analysis | null> {
    const rows = await this.db.query<{ version: number; file_name: string; analysis: unknown }>(
      `SELECT v.version, d.file_name, v.analysis FROM report_versions v JOIN documents d ON d.id = v.document_id
       WHERE d.id = $1 AND v.version = ${version === undefined ? 'd.current_version' : '$2'}`,
      version === undefined ? [id] : [id, version],
    );
    const row = rows[0];
    if (!row) return null;
    const read = readAnalysis(id, row.file_name, row.version, row.analysis);
    if (read instanceof InvalidAnalysisError) throw read;
    return read;
  }

  /**
   * The current version's report and stored analysis (for re-verification). A stored analysis of
   * no known shape does not hide the report: `analysis` is null and `invalidAnalysis` says why,
   * naming the document, for what needs the analysis to refuse.
   */
  async current(id: number): Promise<{
    version: number;
    report: Report;
    analysis: Analysis | null;
    invalidAnalysis: InvalidAnalysisError | null;
  } | null> {
    const rows = await this.db.query<{ version: number; file_name: string; report: Report; analysis: unknown }>(
      `SELECT v.version, d.file_name, v.report, v.analysis FROM report_versions v JOIN documents d ON d.id = v.document_id AND v.version = d.current_version
       WHERE d.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const read = readAnalysis(id, row.file_name, row.version, row.analysis);
    const invalid = read instanceof InvalidAnalysisError;
    return {
      version: row.version,
      report: StoredReport.parse(row.report),
      analysis: invalid ? null : read,
      invalidAnalysis: invalid ? read : null,
    };
  }

  async versions(
    id: number,
  ): Promise<{ version: number; run: number; reason: string; status: string; created_at: Date }[]> {
    return this.db.query(
      'SELECT version, run, reason, status, created_at FROM report_versions WHERE document_id = $1 ORDER BY version',
      [id],
    );
  }

  /** Documents not finished yet: what the queue must hold (after a Redis restart it holds nothing). */
  async unfinished(limit = 10_000): Promise<DocumentRow[]> {
    return this.db.query<DocumentRow>(
      `SELECT * FROM documents WHERE status IN ('queued', 'processing') ORDER BY priority, id LIMIT $1`,
      [limit],
    );
  }

  async documentsWhere(status: DocumentStatus[] | 'all'): Promise<DocumentRow[]> {
    return status === 'all'
      ? this.db.query<DocumentRow>('SELECT * FROM documents ORDER BY id')
      : this.db.query<DocumentRow>('SELECT * FROM documents WHERE status = ANY($1) ORDER BY id', [status]);
  }

  async counts(): Promise<{ total: number; pending: number; clean: number; flagged: number; failed: number }> {
    const rows = await this.db.query<{ status: DocumentStatus; n: number }>(
      'SELECT status, COUNT(*)::int AS n FROM documents GROUP BY status',
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<DocumentStatus, number>>;
    const pending = (by.queued ?? 0) + (by.processing ?? 0);
    return {
      total: rows.reduce((s, r) => s + r.n, 0),
      pending,
      clean: by.clean ?? 0,
      flagged: by.flagged ?? 0,
      failed: by.failed ?? 0,
    };
  }

  /** Documents finished per minute over the last `minutes`. */
  async throughput(minutes = 60): Promise<{ lastMinutes: number; done: number; perMinute: number }> {
    const [row] = await this.db.query<{ n: number; first: Date | null }>(
      `SELECT COUNT(*)::int AS n, MIN(processed_at) AS first FROM documents WHERE processed_at > now() - make_interval(mins => $1)`,
      [minutes],
    );
    const n = row?.n ?? 0;
    const span = row?.first ? Math.max(1, (Date.now() - new Date(row.first).getTime()) / 60_000) : minutes;
    return { lastMinutes: minutes, done: n, perMinute: n ? n / Math.min(span, minutes) : 0 };
  }

  async recentFailures(
    limit = 10,
  ): Promise<{ id: number; sha256: string; file: string; code: string | null; reason: string | null; at: Date }[]> {
    return this.db.query(
      `SELECT id, sha256, file_name AS file, failure_code AS code, failure_reason AS reason, updated_at AS at
      FROM documents WHERE status = 'failed' ORDER BY updated_at DESC, id DESC LIMIT $1`,
      [limit],
    );
  }

  /**
   * Record a nightly summary with the documents finished since the last one. The summary claims what it
   * counts in the same transaction, so a document whose version commits while a summary is written is
   * counted by the next one: never lost, never twice, whatever the timing or the number of schedulers.
   */
  async recordNightly(intake: {
    inbox: string;
    found: number;
    queued: number;
    duplicates: number;
    rejected: number;
  }): Promise<{ processed: number; flagged: number; failed: number }> {
    return this.db.tx(async (q) => {
      const [done] = await q.query<{ processed: number; flagged: number; failed: number }>(
        `WITH counted AS (UPDATE documents SET summarised = true WHERE processed_at IS NOT NULL AND NOT summarised RETURNING status)
         SELECT COUNT(*)::int AS processed, COUNT(*) FILTER (WHERE status = 'flagged')::int AS flagged,
           COUNT(*) FILTER (WHERE status = 'failed')::int AS failed FROM counted`,
      );
      const counts = { processed: done?.processed ?? 0, flagged: done?.flagged ?? 0, failed: done?.failed ?? 0 };
      await q.query(
        `INSERT INTO nightly_summaries (inbox, found, queued, duplicates, rejected, processed, flagged, failed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          intake.inbox,
          intake.found,
          intake.queued,
          intake.duplicates,
          intake.rejected,
          counts.processed,
          counts.flagged,
          counts.failed,
        ],
      );
      return counts;
    });
  }

  async audit(actor: string, action: string, documentId: number | null, detail: unknown = {}): Promise<void> {
    await writeAudit(this.db, actor, action, documentId, detail);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** A revision computed from a version that is no longer the current one. */
export class StaleVersionError extends Error {
  constructor(
    readonly documentId: number,
    readonly expected: number,
    readonly current: number | null,
  ) {
    super(`document ${documentId}: version ${expected} is no longer the current one (${current ?? 'none'})`);
    this.name = 'StaleVersionError';
  }
}

/** A stored analysis that has the shape of no version of model/analysis.ts: which document, which version, and what is wrong. */
export class InvalidAnalysisError extends Error {
  constructor(
    readonly documentId: number,
    readonly fileName: string,
    readonly version: number,
    readonly problems: string,
  ) {
    super(`document ${documentId} (${fileName}), version ${version}: the stored analysis is not valid (${problems})`);
    this.name = 'InvalidAnalysisError';
  }
}

/** A stored analysis read as the current version, or why it cannot be; null when none was stored. */
function readAnalysis(
  id: number,
  fileName: string,
  version: number,
  stored: unknown,
): Analysis | InvalidAnalysisError | null {
  if (stored === null || stored === undefined) return null;
  const parsed = StoredAnalysis.safeParse(stored);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const problems = issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(the whole)'}: ${i.message}`)
    .join('; ');
  return new InvalidAnalysisError(
    id,
    fileName,
    version,
    issues.length > 3 ? `${problems}; and ${issues.length - 3} more` : problems,
  );
}

/** The normalised SQL table of each contract table (store/migrations.ts). */
const SQL_TABLES: Record<TableId, string> = {
  '2.1': 'pk_targets',
  '2.2': 'rating_scale',
  '2.3': 'performance',
  '2.4': 'cost_per_outcome',
  '2.5': 'budget',
};
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Normalised table per contract table: the contract's camelCase fields as snake_case columns, in the contract's order. */
export const TABLE_ROWS: Record<TableId, { table: string; columns: string[] }> = byTable((id) => ({
  table: SQL_TABLES[id],
  columns: TABLE_FIELDS[id].map(snake),
}));

export interface StoreConfig {
  databaseUrl?: string;
  dataDir?: string;
  /** embedded: serve the database to other local lkj processes while this one holds it (src/store/shared-pglite.ts) */
  share?: boolean;
  /** embedded: when another process holds the folder and shares it, use it through that process */
  attach?: boolean;
}

export function storeConfig(env?: Env): StoreConfig {
  const s = loadSettings(env);
  return { databaseUrl: s.databaseUrl, dataDir: s.dataDir };
}

/** `DATABASE_URL` → PostgreSQL with originals in it; otherwise PGlite and an originals folder under `LKJ_DATA_DIR` (./data). */
export async function openStore(cfg: StoreConfig = storeConfig()): Promise<Store> {
  if (cfg.databaseUrl) {
    const db = postgresDb(cfg.databaseUrl);
    await migrate(db);
    return new Store(db, postgresBlobStore(db), redactUrl(cfg.databaseUrl));
  }
  const dir = path.resolve(cfg.dataDir ?? 'data');
  let db: Db;
  await fs.mkdir(dir, { recursive: true });
  let unlock: () => Promise<void>;
  try {
    unlock = await lockDataDir(dir);
  } catch (e) {
    if (!(e instanceof DataDirBusy)) throw e;
    const { attachOverSocket, isShared } = await import('./shared-pglite.js');
    e.shared = await isShared(dir);
    if (!cfg.attach || !e.shared) throw e;
    const shared = await attachOverSocket(dir);
    if (!shared) throw e;
    // the holder migrated the database when it opened it
    return new Store(
      shared,
      folderBlobStore(path.join(dir, 'originals')),
      `${dir}, \`lkj ${e.command}\` (pid ${e.pid})`,
      { command: e.command, pid: e.pid },
    );
  }
  try {
    db = await pgliteDb(path.join(dir, 'db'));
    await migrate(db);
  } catch (e) {
    await unlock();
    throw new Error(`cannot open the embedded database in ${dir}/db (${(e as Error).message})`);
  }
  let unshare: (() => Promise<void>) | null = null;
  if (cfg.share && db.share) {
    const { socketPath } = await import('./shared-pglite.js');
    // without the socket the folder still works for this process; other commands wait for it
    unshare = await db.share(socketPath(dir)).catch((e: Error) => {
      process.stderr.write(`lkj: other lkj commands cannot use ${dir} while this process runs (${e.message})\n`);
      return null;
    });
  }
  const locked: Db = {
    ...db,
    close: async () => {
      try {
        await unshare?.();
        await db.close();
      } finally {
        await unlock();
      }
    },
  };
  return new Store(locked, folderBlobStore(path.join(dir, 'originals')), dir);
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** A table cell for its column: text with what PostgreSQL refuses replaced (see `storableJson`). */
function storableCell(v: unknown): unknown {
  return typeof v === 'string' ? storableText(v) : (v ?? null);
}
