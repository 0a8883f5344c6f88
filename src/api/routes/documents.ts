/** Documents: upload, list with filters, detail (contract JSON, versions, decisions), provenance, original. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Report, byTable } from '../../model/contract.js';
import { parseProfile, type Profile } from '../../model/profile.js';
import type { Analysis } from '../../pipeline/analyse.js';
import { reverify } from '../../pipeline/extract.js';
import type { Lang } from '../../verify/index.js';
import { isInputError } from '../../intake/errors.js';
import { ingestBytes, PRIORITY } from '../../jobs/stages.js';
import { documentRow, listDocuments } from '../../store/document-queries.js';
import { writeAudit } from '../../store/audit.js';
import { findingKey } from '../../store/review.js';
import type { DocumentRow } from '../../store/store.js';
import type { ApiContext } from '../context.js';
import { ApiError, invalidAnalysis, notFound } from '../errors.js';
import { apiText, requestLang } from '../messages.js';
import { cleanFileName, uploadErrorStatus } from '../upload-check.js';
import { Semaphore } from '../../pipeline/semaphore.js';
import { spool, StallGuard } from '../uploads.js';
import { toFilter, toSummary } from '../listing.js';
import { AnalysisView, DocumentDetail, DocumentList, FilterQuery, IdParam, PageQuery, UploadItem } from '../schemas.js';

const ListQuery = FilterQuery.extend(PageQuery.shape).extend({
  sort: z.enum(['newest', 'oldest', 'severity']).default('newest'),
});

/** The batch's profile from the form's `profile` field (sent before the files), or a 422. */
function profileField(fields: Record<string, unknown>): Profile | undefined {
  const f = fields.profile as { type?: string; value?: unknown } | undefined;
  if (f?.type !== 'field' || typeof f.value !== 'string' || !f.value.trim()) return undefined;
  try {
    return parseProfile(f.value, 'profile');
  } catch (e) {
    throw new ApiError(422, 'bad-profile', (e as Error).message);
  }
}

export const evidenceUrl = (id: number, version: number, index: number) =>
  `/api/documents/${id}/discrepancies/${index}/evidence.png?version=${version}`;

export function documentRoutes(ctx: ApiContext): void {
  const { routes, store, opts, processor, review, uploadChecker } = ctx;
  const uploadDir = path.join(opts.dataDir, 'tmp', 'uploads');
  // one accepted file at a time is read into memory to be stored (checks run in child processes)
  const accepting = new Semaphore(1);
  void removeStale(uploadDir);

  routes.add(
    {
      method: 'POST',
      url: '/api/documents',
      access: 'reviewer',
      tag: 'documents',
      multipart: true,
      status: 201,
      summary: 'Upload one or many files (multipart/form-data, any field name): PDF, JPG, PNG or TIFF',
      description:
        `Each file is checked by its magic bytes, size (≤ ${opts.maxUploadBytes} bytes), pages (≤ ${opts.maxPages}) and pixels; the same bytes twice are one document (duplicate: true). ` +
        'Accepted files are processed with upload priority. 201 when a new document was stored, 200 when all were duplicates; when every file is refused: ' +
        '400 (empty), 413 (too large), 415 (not a PDF or image), 422 (encrypted or corrupt). The answer lists every file either way. ' +
        'An optional text field `profile` sent before the files (a template profile as JSON, docs/contract.md) is kept with each new document of the batch and used to process it; an invalid one answers 422 `bad-profile`.',
      response: z.array(UploadItem),
    },
    async ({ req, reply, user }) => {
      if (!req.isMultipart())
        throw new ApiError(415, 'unsupported-media-type', 'send the files as multipart/form-data');
      const lang = requestLang(req);
      const items: UploadItem[] = [];
      const queued: DocumentRow[] = [];
      // every file decided is audited at once: a request that ends in an error still leaves its trace
      const decided = async (it: UploadItem) => {
        items.push(it);
        await writeAudit(store.db, user!, it.error ? 'upload-rejected' : 'upload', it.id, {
          file: it.file,
          sha256: it.sha256,
          duplicate: it.duplicate,
          error: it.error,
        });
      };
      const stall = new StallGuard(req, opts.bodyIdleMs);
      // a file past the size limit is cut short and marked truncated (not thrown: the other files still count)
      const parts = req
        .files({
          limits: {
            fileSize: opts.maxUploadBytes,
            files: opts.maxUploadFiles,
            fields: 20,
            parts: opts.maxUploadFiles + 20,
          },
          throwFileSizeLimit: false,
        })
        [Symbol.asyncIterator]();
      let file = 'upload';
      let profile: Profile | undefined;
      try {
        for (;;) {
          const next = await stall.wait(parts.next());
          if (next.done) break;
          const part = next.value;
          profile ??= profileField(part.fields);
          file = cleanFileName(part.filename);
          // to disk, never whole in memory; checked in a capped child process; read back only when accepted
          const spooled = await spool(part.file, uploadDir, stall);
          try {
            if (spooled.truncated) {
              await decided(
                rejected(
                  file,
                  null,
                  'too-large',
                  apiText(lang, `the file is above the ${opts.maxUploadBytes}-byte limit`),
                ),
              );
              continue;
            }
            const digest = spooled.size ? spooled.sha256 : null;
            try {
              await uploadChecker.check(spooled.path, file, { maxBytes: opts.maxUploadBytes, maxPages: opts.maxPages });
            } catch (e) {
              if (!isInputError(e)) throw e;
              await decided(rejected(file, digest, e.code, e.text(lang)));
              continue;
            }
            const r = await accepting.run(async () =>
              ingestBytes(store, await fs.readFile(spooled.path), file, {
                priority: PRIORITY.upload,
                maxBytes: opts.maxUploadBytes,
                profile,
                lang,
              }),
            );
            if (r.outcome === 'rejected' || !r.doc) {
              await decided(rejected(file, digest, 'rejected', r.outcome === 'rejected' ? r.reason : 'not stored'));
              continue;
            }
            if (r.outcome === 'queued') queued.push(r.doc);
            await decided({
              file,
              id: r.doc.id,
              sha256: r.doc.sha256,
              status: r.doc.status,
              duplicate: r.outcome === 'duplicate',
              url: `/api/documents/${r.doc.id}`,
            });
          } finally {
            await fs.rm(spooled.path, { force: true });
          }
        }
      } catch (e) {
        const err = e as { statusCode?: number; status?: number; code?: string; message?: string };
        const status = err instanceof ApiError ? err.status : (err.statusCode ?? 500);
        const code =
          err instanceof ApiError
            ? err.code
            : status === 413
              ? 'too-large'
              : status >= 500
                ? 'internal'
                : 'bad-request';
        await writeAudit(store.db, user!, 'upload-rejected', null, {
          file,
          error: { code, message: err.message },
          status,
        }).catch(() => {});
        // the body may not have been read to its end: this connection cannot carry another request
        if (status === 408) reply.header('connection', 'close');
        throw e;
      } finally {
        if (queued.length) {
          const { warning } = await processor.submitted(queued);
          if (warning) reply.header('x-lkj-warning', warning);
        }
      }
      if (!items.length) throw new ApiError(400, 'no-files', 'the upload holds no file');
      const accepted = items.filter((i) => !i.error);
      if (!accepted.length) return reply.status(uploadErrorStatus(items[0]!.error!.code)).send(items);
      return reply.status(accepted.some((i) => !i.duplicate) ? 201 : 200).send(items);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/documents',
      access: 'viewer',
      tag: 'documents',
      summary: 'Documents with filters and paging (newest first by default)',
      query: ListQuery,
      response: DocumentList,
    },
    async ({ query }) => {
      const { total, rows } = await listDocuments(store.db, toFilter(query), {
        limit: query.limit,
        offset: query.offset,
        order: query.sort,
      });
      return { total, limit: query.limit, offset: query.offset, items: rows.map(toSummary) };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/documents/:id',
      access: 'viewer',
      tag: 'documents',
      summary:
        'A document: its status, the contract JSON of the current version once processed, each finding with its decision and evidence URL, the versions',
      description:
        "`lang=id|en` words the findings' messages in that language (re-rendered from the stored analysis; S1 messages stay as stored).",
      params: IdParam,
      query: z.object({ lang: z.enum(['id', 'en']).optional() }),
      response: DocumentDetail,
    },
    async ({ params, query }) => {
      const row = await documentRow(store.db, params.id);
      if (!row) throw notFound(`document ${params.id}`);
      const [cur, versions, decisions] = await Promise.all([
        store.current(row.id),
        store.versions(row.id),
        review.decisions(row.id),
      ]);
      const report = cur && query.lang ? inLanguage(cur.report, cur.analysis, query.lang) : (cur?.report ?? null);
      const version = row.current_version;
      return {
        document: toSummary(row),
        report,
        discrepancies: (report?.discrepancies ?? []).map((d, index) => {
          const finding = findingKey(d);
          const dec = decisions.get(finding);
          return {
            index,
            finding,
            decision: dec
              ? {
                  outcome: dec.outcome,
                  reason: dec.reason,
                  by: dec.actor,
                  at: new Date(dec.at).toISOString(),
                  version: dec.version,
                }
              : null,
            evidenceUrl:
              d.evidence.page !== null && d.evidence.bbox && version ? evidenceUrl(row.id, version, index) : null,
          };
        }),
        versions: versions.map((v) => ({
          version: v.version,
          reason: v.reason,
          status: v.status,
          createdAt: new Date(v.created_at).toISOString(),
          url: `/api/documents/${row.id}/versions/${v.version}`,
        })),
        pageUrl: row.pages ? `/api/documents/${row.id}/pages/{n}.png` : null,
      };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/documents/:id/versions/:version',
      access: 'viewer',
      tag: 'documents',
      summary: 'The contract JSON of one version',
      params: IdParam.extend({ version: z.coerce.number().int().positive() }),
      response: Report,
    },
    async ({ params }) => {
      const report = await store.report(params.id, params.version);
      if (!report) throw notFound(`version ${params.version} of document ${params.id}`);
      return report;
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/documents/:id/analysis',
      access: 'viewer',
      tag: 'documents',
      summary:
        'Provenance of the current version: every cell with its value, text as printed, confidence, page and box (points); corrected cells carry correctedBy',
      description:
        'For showing where each value is on the page and offering corrections. Rows are listed per table in document order; `occurrence` numbers repeated row labels.',
      params: IdParam,
      response: AnalysisView,
      errors: { 500: 'invalid-analysis: the stored analysis has no known shape (the message names the document)' },
    },
    async ({ params }) => {
      const cur = await store.current(params.id);
      if (cur?.invalidAnalysis) throw invalidAnalysis(cur.invalidAnalysis);
      if (!cur?.analysis) throw notFound(`analysis of document ${params.id}`);
      const a = cur.analysis;
      const tables = byTable((t) => {
        const seen = new Map<string, number>();
        return a.tables[t].map((r) => {
          const occurrence = seen.get(r.no) ?? 0;
          seen.set(r.no, occurrence + 1);
          return { no: r.no, occurrence, page: r.page, bbox: r.bbox, fields: r.fields };
        });
      });
      return { version: cur.version, tables, claims: a.claims, missing: a.missing } satisfies z.output<
        typeof AnalysisView
      >;
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/documents/:id/original',
      access: 'viewer',
      tag: 'documents',
      summary: 'The original file as uploaded (a download)',
      params: IdParam,
      produces: 'application/pdf, image/*',
    },
    async ({ params, reply }) => {
      const doc = await store.document(params.id);
      if (!doc) throw notFound(`document ${params.id}`);
      const bytes = await store.blobs.get(doc.sha256);
      if (!bytes) throw notFound(`the original of document ${params.id}`);
      const type =
        { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff' }[doc.kind ?? ''] ??
        'application/octet-stream';
      const ascii = doc.file_name.replace(/[^A-Za-z0-9._-]/g, '_');
      return (
        reply
          .type(type)
          .header(
            'content-disposition',
            `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`,
          )
          // the file is the author's, not ours: a browser must never run it in our origin
          .header('content-security-policy', "sandbox; default-src 'none'")
          .header('cache-control', 'private, max-age=31536000, immutable')
          .send(Buffer.from(bytes))
      );
    },
  );
}

/**
 * The report with its findings' messages in `lang`: verification runs again on the stored analysis
 * only to word them, and they are used only when it finds exactly the stored findings, in order.
 */
function inLanguage(report: Report, analysis: Analysis | null, lang: Lang): Report {
  if (!analysis || report.status === 'failed') return report;
  const again = reverify(analysis, report, { lang }).discrepancies;
  const same =
    again.length === report.discrepancies.length &&
    again.every((d, i) => findingKey(d) === findingKey(report.discrepancies[i]!));
  return same
    ? {
        ...report,
        discrepancies: report.discrepancies.map((d, i) => (d.rule === 'S1' ? d : { ...d, message: again[i]!.message })),
      }
    : report;
}

/** Spooled files a killed server left behind (a day old: another server may share the folder). */
async function removeStale(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const n of names) {
    const f = path.join(dir, n);
    const st = await fs.stat(f).catch(() => null);
    if (st && n.endsWith('.part') && Date.now() - st.mtimeMs > 86_400_000) await fs.rm(f, { force: true });
  }
}

function rejected(file: string, digest: string | null, code: string, message: string): UploadItem {
  return { file, id: null, sha256: digest, status: 'rejected', duplicate: false, url: null, error: { code, message } };
}
