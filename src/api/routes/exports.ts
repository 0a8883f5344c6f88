/** Exports of the selected reports (the document filters): tables, findings, review outcomes, corrections; JSON of one report. */
import { z } from 'zod';
import { Report, TABLE_FIELDS, TableId, byTable, fieldKind } from '../../model/contract.js';
import { selectedVersionIds } from '../../store/document-queries.js';
import { correctionRows, findingRows, reviewRows, signatureRows, tableRows } from '../../store/export-queries.js';
import type { ApiContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { toFilter } from '../listing.js';
import { FilterQuery, IdParam } from '../schemas.js';
import { toCsv, toXlsx, type Column, type Sheet } from '../exports/sheet.js';

/** More reports than this in one export is refused: narrow the filters. */
const MAX_REPORTS = 20_000;

const DOC: Column[] = [
  { key: 'documentId', header: 'document_id', type: 'int', width: 10 },
  { key: 'fileName', header: 'file', type: 'text', width: 28 },
  { key: 'kabupaten', header: 'kabupaten', type: 'text', width: 14 },
  { key: 'kecamatan', header: 'kecamatan', type: 'text', width: 14 },
  { key: 'unit', header: 'unit', type: 'text' },
  { key: 'periodKind', header: 'period', type: 'text', width: 10 },
  { key: 'periodNumber', header: 'period_number', type: 'int', width: 8 },
  { key: 'year', header: 'year', type: 'int', width: 8 },
  { key: 'version', header: 'version', type: 'int', width: 8 },
];

const text = (key: string, header = key): Column => ({ key, header, type: 'text' });
/** Each table's columns: `no`, then the contract's fields in order, typed by the kind of value they hold. */
const TABLE_COLUMNS: Record<TableId, Column[]> = byTable((t) => [
  text('no'),
  ...TABLE_FIELDS[t].map((f): Column => ({ key: f, header: f, type: fieldKind(t, f) })),
]);

const FINDING: Column[] = [
  { key: 'idx', header: 'index', type: 'int', width: 7 },
  text('rule'),
  text('severity'),
  text('tbl', 'table'),
  text('rowNo', 'row'),
  text('field'),
  { key: 'stated', header: 'stated', type: 'number' },
  { key: 'expected', header: 'expected', type: 'number' },
];

const SHEETS: Record<string, { title: string; columns: Column[] }> = {
  findings: {
    title: 'Temuan',
    columns: [...DOC, ...FINDING, text('message'), { key: 'page', header: 'page', type: 'int', width: 7 }],
  },
  reviews: {
    title: 'Hasil review',
    columns: [
      ...DOC,
      text('status'),
      text('reviewState', 'review_state'),
      text('reviewedBy', 'reviewed_by'),
      { key: 'reviewedAt', header: 'reviewed_at', type: 'datetime', width: 18 },
      ...FINDING,
      text('outcome'),
      text('reason'),
      text('decidedBy', 'decided_by'),
      { key: 'decidedAt', header: 'decided_at', type: 'datetime', width: 18 },
    ],
  },
  signatures: {
    title: 'Tanda tangan',
    columns: [
      ...DOC,
      { key: 'idx', header: 'index', type: 'int', width: 7 },
      text('field'),
      text('kind'),
      text('signerName', 'signer_name'),
      text('signerNip', 'signer_nip'),
      text('issuer'),
      { key: 'signedAt', header: 'signed_at', type: 'datetime', width: 18 },
      text('coversWholeDocument', 'covers_whole_document'),
      text('modifiedAfterSigning', 'modified_after_signing'),
      text('integrity'),
      text('trust'),
      text('matchesSignatory', 'matches_signatory'),
    ],
  },
  corrections: {
    title: 'Koreksi',
    columns: [
      DOC[0]!,
      DOC[1]!,
      { key: 'fromVersion', header: 'from_version', type: 'int' },
      { key: 'toVersion', header: 'to_version', type: 'int' },
      text('tbl', 'table'),
      text('rowNo', 'row'),
      text('field'),
      { key: 'valueBefore', header: 'value_before', type: 'number' },
      { key: 'valueAfter', header: 'value_after', type: 'number' },
      text('actor', 'by'),
      { key: 'at', header: 'at', type: 'datetime', width: 18 },
    ],
  },
};

const Format = z.enum(['csv', 'xlsx']);

export function exportRoutes({ routes, store }: ApiContext): void {
  const selected = async (q: z.output<typeof FilterQuery>) => {
    const sel = await selectedVersionIds(store.db, toFilter(q), MAX_REPORTS + 1);
    if (sel.length > MAX_REPORTS)
      throw new ApiError(413, 'too-large', `more than ${MAX_REPORTS} reports selected: narrow the filters`);
    return sel;
  };
  const send = async (reply: import('fastify').FastifyReply, base: string, format: 'csv' | 'xlsx', sheets: Sheet[]) => {
    const stamp = new Date().toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="lkj-${base}-${stamp}.${format}"`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(sheets[0]!));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(sheets));
  };
  const tableSheet = async (t: TableId, versionIds: number[]): Promise<Sheet> => ({
    name: `Tabel ${t}`,
    columns: [...DOC, ...TABLE_COLUMNS[t]],
    rows: await tableRows(store.db, t, versionIds),
  });

  const description =
    'Of the selected reports (the filters of GET /api/documents; all processed reports without filters), current versions. Numbers are numeric cells (XLSX) and unquoted (CSV, dot decimal, UTF-8 with BOM); text that a spreadsheet would run as a formula gets a leading apostrophe in CSV.';

  routes.add(
    {
      method: 'GET',
      url: '/api/exports/tables/:table.:format',
      access: 'viewer',
      tag: 'exports',
      summary: 'One table (2.1–2.5) across the selected reports, as CSV or XLSX (/api/exports/tables/2.3.xlsx)',
      description,
      params: z.object({ table: TableId, format: Format }),
      query: FilterQuery,
      produces: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    async ({ params, query, reply }) => {
      const ids = (await selected(query)).map((s) => s.versionId);
      return send(reply, `tabel-${params.table}`, params.format, [await tableSheet(params.table, ids)]);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/exports/:what.:format',
      access: 'viewer',
      tag: 'exports',
      summary:
        "tables.xlsx (one sheet per table), findings, reviews (each finding with its decision and the report's review state), signatures (one row per signature field) or corrections, as CSV or XLSX",
      description,
      params: z.object({
        what: z.enum(['tables', 'findings', 'discrepancies', 'reviews', 'signatures', 'corrections']),
        format: Format,
      }),
      query: FilterQuery,
      produces: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    async ({ params, query, reply }) => {
      const sel = await selected(query);
      const versionIds = sel.map((s) => s.versionId);
      if (params.what === 'tables') {
        if (params.format === 'csv')
          throw new ApiError(400, 'bad-request', 'one CSV per table: /api/exports/tables/2.3.csv');
        const sheets: Sheet[] = [];
        for (const t of TableId.options) sheets.push(await tableSheet(t, versionIds));
        return send(reply, 'tables', 'xlsx', sheets);
      }
      const what = params.what === 'discrepancies' ? 'findings' : params.what;
      const rows =
        what === 'findings'
          ? await findingRows(store.db, versionIds)
          : what === 'reviews'
            ? await reviewRows(store.db, versionIds)
            : what === 'signatures'
              ? await signatureRows(store.db, versionIds)
              : await correctionRows(
                  store.db,
                  sel.map((s) => s.documentId),
                );
      const { title, columns } = SHEETS[what]!;
      return send(reply, what, params.format, [{ name: title, columns, rows }]);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/exports/reports/:id.json',
      access: 'viewer',
      tag: 'exports',
      summary: 'The contract JSON of a report (current version, or ?version=N) as a download',
      params: IdParam,
      query: z.object({ version: z.coerce.number().int().positive().optional() }),
      response: Report,
    },
    async ({ params, query, reply }) => {
      const doc = await store.document(params.id);
      if (!doc) throw notFound(`document ${params.id}`);
      const report = await store.report(doc.id, query.version);
      if (!report)
        throw notFound(
          query.version ? `version ${query.version} of document ${doc.id}` : `a report of document ${doc.id}`,
        );
      const base =
        doc.file_name
          .replace(/\.[A-Za-z0-9]{1,5}$/, '')
          .replace(/[^A-Za-z0-9._-]/g, '_')
          .slice(0, 100) || `document-${doc.id}`;
      reply.header('content-disposition', `attachment; filename="${base}.json"`);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(report, null, 2));
    },
  );
}
