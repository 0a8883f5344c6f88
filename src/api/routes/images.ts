/** Page images and evidence crops, rendered on demand from the stored original and cached on disk. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FileKind } from '../../intake/sniff.js';
import { isInputError } from '../../intake/errors.js';
import type { ApiContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { evidencePng, pagePng, type CellContext } from '../images/evidence.js';
import type { Analysis } from '../../pipeline/analyse.js';
import type { Discrepancy } from '../../model/contract.js';
import { PageOutOfRange, pageRaster } from '../images/page-raster.js';
import { IdParam } from '../schemas.js';
import { InvalidAnalysisError, type DocumentRow } from '../../store/store.js';

/** A few fixed resolutions: the cache cannot be filled with every number a client makes up. */
const PAGE_DPIS = [72, 100, 150, 200] as const;
const EVIDENCE_DPI = 150;
/** bump when the look of a rendered image changes, so cached ones are not served */
const STYLE = 2;

const intParam = z.coerce.number().int().min(0).max(100_000);

export function imageRoutes({ routes, store, images }: ApiContext): void {
  const original = async (doc: DocumentRow) => {
    const bytes = await store.blobs.get(doc.sha256);
    if (!bytes) throw notFound(`the original of document ${doc.id}`);
    return bytes;
  };
  const render = async (doc: DocumentRow, n: number, dpi: number) => {
    try {
      return await pageRaster(await original(doc), (doc.kind ?? 'pdf') as FileKind, doc.file_name, n, dpi);
    } catch (e) {
      if (e instanceof PageOutOfRange) throw notFound(`page ${n} of document ${doc.id} (it has ${e.pages})`);
      if (isInputError(e)) throw new ApiError(422, e.code, e.message);
      throw e;
    }
  };
  const png = (reply: import('fastify').FastifyReply, buf: Buffer) =>
    reply.type('image/png').header('cache-control', 'private, max-age=31536000, immutable').send(buf);

  routes.add(
    {
      method: 'GET',
      url: '/api/documents/:id/pages/:n.png',
      access: 'viewer',
      tag: 'images',
      summary:
        'A page as a gray PNG, rendered on demand and cached (scans shown upright and deskewed, as OCR read them)',
      description: `dpi one of ${PAGE_DPIS.join(', ')} (default 100). Evidence boxes are in points from the top-left: pixel = point × dpi / 72.`,
      params: IdParam.extend({ n: intParam.min(1) }),
      query: z.object({
        dpi: z.coerce
          .number()
          .int()
          .refine((v) => (PAGE_DPIS as readonly number[]).includes(v), `one of ${PAGE_DPIS.join(', ')}`)
          .default(100),
      }),
      produces: 'image/png',
    },
    async ({ params, query, reply }) => {
      const doc = await store.document(params.id);
      if (!doc) throw notFound(`document ${params.id}`);
      if (doc.pages !== null && params.n > doc.pages)
        throw notFound(`page ${params.n} of document ${doc.id} (it has ${doc.pages})`);
      const key = `page-${doc.sha256}-${params.n}-${query.dpi}-s${STYLE}`;
      return png(reply, await images.get(key, async () => pagePng((await render(doc, params.n, query.dpi)).image)));
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/documents/:id/discrepancies/:index/evidence.png',
      access: 'viewer',
      tag: 'images',
      summary:
        'The evidence of a finding: the page around its box with the box marked (red frame, yellow wash), cached',
      description:
        "index: position in report.discrepancies of the version (default: current; the detail's evidenceUrl names it). 404 when the finding has no box (a missing table).",
      params: IdParam.extend({ index: intParam }),
      query: z.object({ version: z.coerce.number().int().positive().optional() }),
      produces: 'image/png',
    },
    async ({ params, query, reply }) => {
      const doc = await store.document(params.id);
      if (!doc) throw notFound(`document ${params.id}`);
      const report = await store.report(doc.id, query.version);
      if (!report)
        throw notFound(
          query.version ? `version ${query.version} of document ${doc.id}` : `a report of document ${doc.id}`,
        );
      const d = report.discrepancies[params.index];
      if (!d) throw notFound(`finding ${params.index} of document ${doc.id}`);
      const { page, bbox } = d.evidence;
      if (page === null || !bbox)
        throw new ApiError(404, 'no-evidence', `finding ${params.index} (${d.rule}) has no place on a page`);
      // keyed by what is drawn, not by the index: versions that keep a finding share its image
      // a stored analysis of no known shape only costs the crop its row and header frame
      const analysis = await store.analysis(doc.id, query.version).catch((e: unknown) => {
        if (e instanceof InvalidAnalysisError) return null;
        throw e;
      });
      const context = cellContext(d, analysis);
      const key = `ev-${createHash('sha256')
        .update(JSON.stringify([doc.sha256, page, bbox, context, EVIDENCE_DPI, STYLE]))
        .digest('hex')}`;
      return png(
        reply,
        await images.get(key, async () => evidencePng(await render(doc, page, EVIDENCE_DPI), bbox, context)),
      );
    },
  );
}

/** A table finding's row and its table's header on the same page, from the stored analysis. */
function cellContext(d: Discrepancy, analysis: Analysis | null): CellContext | undefined {
  const rows = analysis?.tables?.[d.table as keyof Analysis['tables']];
  const [x0, y0] = d.evidence.bbox ?? [];
  const row =
    rows?.find(
      (r) =>
        r.no === d.row &&
        r.page === d.evidence.page &&
        r.fields[d.field]?.bbox[0] === x0 &&
        r.fields[d.field]?.bbox[1] === y0,
    ) ?? rows?.find((r) => r.no === d.row && r.page === d.evidence.page);
  if (!row) return undefined;
  const header = (analysis?.headers?.[row.table] ?? [])
    .filter((h) => h.page === row.page && h.bbox[3] <= row.bbox[1] + 12)
    .sort((a, b) => b.bbox[3] - a.bbox[3])[0];
  return { row: row.bbox, ...(header ? { header: header.bbox } : {}) };
}
