/**
 * The review workflow: the queue, claims, decisions on findings, corrections (re-verified at
 * once into a new version) and the "reviewed" mark. Every action claims the report for its actor
 * (refused while another reviewer holds it) and writes the audit log in the same transaction.
 */
import { z } from 'zod';
import type { Discrepancy } from '../../model/contract.js';
import { reverify } from '../../pipeline/extract.js';
import { applyCorrection, CorrectionError } from '../../review/correct.js';
import { documentRow, listDocuments, queueCounts } from '../../store/document-queries.js';
import { writeAudit } from '../../store/audit.js';
import { ClaimConflict, findingKey, type ReviewStateRow } from '../../store/review.js';
import { StaleVersionError } from '../../store/store.js';
import type { ApiContext } from '../context.js';
import { ApiError, invalidAnalysis, notFound } from '../errors.js';
import { toFilter, toSummary } from '../listing.js';
import {
  ActionAnswer,
  ClaimAnswer,
  CorrectionAnswer,
  CorrectionBody,
  DecisionAnswer,
  FilterQuery,
  IdParam,
  PageQuery,
  QueueAnswer,
  VersionGuard,
} from '../schemas.js';
import { evidenceUrl } from './documents.js';

const IndexParam = IdParam.extend({ index: z.coerce.number().int().min(0).max(100_000) });

export function reviewRoutes(ctx: ApiContext): void {
  const { routes, store, review, opts } = ctx;

  const summary = async (id: number) => toSummary((await documentRow(store.db, id))!);
  const conflict = (e: unknown): never => {
    if (e instanceof ClaimConflict)
      throw new ApiError(
        409,
        'claimed',
        `${e.holder} is reviewing this report (claim until ${e.expires.toISOString()})`,
        { claimedBy: e.holder, expires: e.expires.toISOString() },
      );
    if (e instanceof StaleVersionError) throw stale(e.current);
    throw e;
  };
  const stale = (current: number | null) =>
    new ApiError(409, 'stale-version', `the report has changed (now version ${current}); reload it`, { current });

  /** The current report, refused when the reviewer looked at another version. */
  const current = async (id: number, guard?: number) => {
    const doc = await store.document(id);
    if (!doc) throw notFound(`document ${id}`);
    if (doc.status === 'queued' || doc.status === 'processing')
      throw new ApiError(409, 'not-processed', `document ${id} is ${doc.status}`);
    const cur = await store.current(id);
    if (!cur) throw notFound(`a report of document ${id}`);
    if (guard !== undefined && guard !== cur.version) throw stale(cur.version);
    return { doc, ...cur };
  };
  const finding = (report: { discrepancies: Discrepancy[] }, index: number, id: number) => {
    const d = report.discrepancies[index];
    if (!d) throw notFound(`finding ${index} of document ${id}`);
    return d;
  };
  const stateAnswer = async (id: number) => {
    const doc = await summary(id);
    return { document: doc, review: doc.review };
  };

  routes.add(
    {
      method: 'GET',
      url: '/api/review/queue',
      access: 'viewer',
      tag: 'review',
      summary:
        'Flagged reports not yet reviewed: most severe finding first (error, uncertain, warning), then the oldest; with counts',
      query: FilterQuery.extend(PageQuery.shape),
      response: QueueAnswer,
    },
    async ({ query }) => {
      // the queue is flagged reports under review or waiting for it; `review` narrows to open or claimed
      const states = query.review?.length
        ? query.review.filter((r) => r === 'open' || r === 'claimed')
        : ['open' as const, 'claimed' as const];
      const f = {
        ...toFilter(query),
        status: ['flagged' as const],
        review: states,
        ...(states.length ? {} : { ids: [] }),
      };
      const [{ total, rows }, c] = await Promise.all([
        listDocuments(store.db, f, { limit: query.limit, offset: query.offset, order: 'severity' }),
        queueCounts(store.db, toFilter(query)),
      ]);
      return {
        total,
        limit: query.limit,
        offset: query.offset,
        items: rows.map(toSummary),
        counts: {
          total: c.total,
          open: c.open,
          claimed: c.claimed,
          mostSevere: { error: c.errors, uncertain: c.uncertain, warning: c.warnings },
        },
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/review/claim',
      access: 'reviewer',
      tag: 'review',
      summary:
        'Claim the next report of the queue (releasing your other claims); document is null when the queue is empty',
      description: `A claim lasts ${opts.claimMinutes} minutes and is extended by every action. Two reviewers asking at once get different reports. Optional JSON body: the queue filters (kecamatan, kabupaten, year, period, rule, severity).`,
      body: FilterQuery.omit({ status: true, review: true }).optional(),
      response: ClaimAnswer,
    },
    async ({ body, user }) => {
      const claimed = await review.claimNext(user!, toFilter(body ?? {}));
      if (!claimed) return { document: null, expiresAt: null };
      return {
        document: await summary(claimed.document_id),
        expiresAt: new Date(claimed.claim_expires!).toISOString(),
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/documents/:id/claim',
      access: 'reviewer',
      tag: 'review',
      summary: 'Claim (or extend your claim on) this report; 409 while another reviewer holds it',
      params: IdParam,
      response: ActionAnswer,
    },
    async ({ params, user }) => {
      await current(params.id);
      await review
        .act(params.id, user!.username, async (q, before) => {
          await writeAudit(q, user!, 'claim', params.id, { before: before?.state ?? null });
        })
        .catch(conflict);
      return stateAnswer(params.id);
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/documents/:id/release',
      access: 'reviewer',
      tag: 'review',
      summary: 'Give your claim back (the report returns to the queue)',
      params: IdParam,
      response: ActionAnswer,
    },
    async ({ params, user }) => {
      if (!(await store.document(params.id))) throw notFound(`document ${params.id}`);
      if (!(await review.release(params.id, user!)))
        throw new ApiError(409, 'not-claimed', `you hold no claim on document ${params.id}`);
      return stateAnswer(params.id);
    },
  );

  const decide =
    (outcome: 'confirmed' | 'dismissed') =>
    async ({
      params,
      body,
      user,
    }: {
      params: z.output<typeof IndexParam>;
      body: { version?: number; reason?: string; note?: string };
      user: { username: string } | null;
    }) => {
      const { report, version } = await current(params.id, body.version);
      const d = finding(report, params.index, params.id);
      const reason = (outcome === 'dismissed' ? body.reason : body.note)?.trim() || null;
      const decision = await review
        .act(params.id, user!.username, async (q, before) => {
          const dec = await review.decide(q, params.id, version, params.index, d, outcome, reason, user!.username);
          await writeAudit(q, user!, outcome === 'confirmed' ? 'confirm' : 'dismiss', params.id, {
            version,
            index: params.index,
            finding: findingKey(d),
            before: { review: before?.state ?? null },
            after: { outcome, reason },
          });
          return dec;
        })
        .catch(conflict);
      return {
        ...(await stateAnswer(params.id)),
        decision: {
          outcome: decision.outcome,
          reason: decision.reason,
          by: decision.actor,
          at: new Date(decision.at).toISOString(),
          version,
        },
      };
    };

  routes.add(
    {
      method: 'POST',
      url: '/api/documents/:id/discrepancies/:index/confirm',
      access: 'reviewer',
      tag: 'review',
      summary: 'Confirm a finding: the document is wrong there',
      params: IndexParam,
      body: VersionGuard.extend({ note: z.string().max(2000).optional() }),
      response: DecisionAnswer,
    },
    decide('confirmed'),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/documents/:id/discrepancies/:index/dismiss',
      access: 'reviewer',
      tag: 'review',
      summary: 'Dismiss a finding with a reason (a false alarm)',
      params: IndexParam,
      body: VersionGuard.extend({ reason: z.string().trim().min(1, 'give a reason').max(2000) }),
      response: DecisionAnswer,
    },
    decide('dismissed'),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/documents/:id/corrections',
      access: 'reviewer',
      tag: 'review',
      summary:
        'Correct a misread value: verification runs again at once and stores a new version (reason "correction")',
      description:
        "The corrected cell gets confidence 100 and correctedBy. The answer has the new version's status and findings, and which findings the correction cleared or added. " +
        '409 stale-version when `version` is not the current one; 422 for a row, field or value that does not fit.',
      params: IdParam,
      body: CorrectionBody,
      response: CorrectionAnswer,
    },
    async ({ params, body, user }) => {
      const cur = await current(params.id, body.version);
      if (cur.invalidAnalysis) throw invalidAnalysis(cur.invalidAnalysis);
      if (!cur.analysis)
        throw new ApiError(409, 'no-analysis', `document ${params.id} has no stored analysis to correct`);
      let corrected: ReturnType<typeof applyCorrection>;
      try {
        corrected = applyCorrection(cur.analysis, body, user!.username);
      } catch (e) {
        if (e instanceof CorrectionError) throw new ApiError(422, e.code, e.message);
        throw e;
      }
      const report = reverify(corrected.analysis, cur.report, { lang: opts.lang });
      // the claim first (refused while someone else holds it); it survives the new version
      await review.claim(params.id, user!.username).catch(conflict);
      const version = await store
        .saveRevision(params.id, 'correction', report, corrected.analysis, {
          expectVersion: cur.version,
          within: async (q, version) => {
            const where = { table: body.table, row: body.row, occurrence: body.occurrence ?? null, field: body.field };
            await q.query(
              'INSERT INTO corrections (document_id, from_version, to_version, tbl, row_no, field, before, after, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
              [
                params.id,
                cur.version,
                version,
                body.table,
                body.row,
                body.field,
                JSON.stringify(corrected.before),
                JSON.stringify(corrected.after),
                user!.username,
              ],
            );
            await writeAudit(q, user!, 'correct', params.id, {
              ...where,
              fromVersion: cur.version,
              toVersion: version,
              before: corrected.before,
              after: corrected.after,
              status: { before: cur.report.status, after: report.status },
            });
          },
        })
        .catch(conflict);
      const keys = (ds: Discrepancy[]) => new Set(ds.map(findingKey));
      const was = keys(cur.report.discrepancies),
        now = keys(report.discrepancies);
      const brief = (d: Discrepancy) => ({
        rule: d.rule,
        table: d.table,
        row: d.row,
        field: d.field,
        stated: d.stated,
        expected: d.expected,
        severity: d.severity,
      });
      return {
        document: await summary(params.id),
        version,
        status: report.status,
        discrepancies: report.discrepancies,
        evidenceUrls: report.discrepancies.map((d, i) =>
          d.evidence.page !== null && d.evidence.bbox ? evidenceUrl(params.id, version, i) : null,
        ),
        cleared: cur.report.discrepancies.filter((d) => !now.has(findingKey(d))).map(brief),
        added: report.discrepancies.filter((d) => !was.has(findingKey(d))).map(brief),
        before: corrected.before,
        after: corrected.after,
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/documents/:id/reviewed',
      access: 'reviewer',
      tag: 'review',
      summary: 'Mark the report reviewed (releases the claim; it leaves the queue until a new version flags it again)',
      params: IdParam,
      body: VersionGuard.extend({ note: z.string().max(2000).optional() }),
      response: ActionAnswer.extend({
        undecided: z.number().int().describe('findings of the current version without a decision'),
      }),
    },
    async ({ params, body, user }) => {
      const { report, version } = await current(params.id, body.version);
      const decisions = await review.decisions(params.id);
      const undecided = report.discrepancies.filter((d) => !decisions.has(findingKey(d))).length;
      await review
        .act(params.id, user!.username, async (q, before) => {
          const after: ReviewStateRow = await review.markReviewed(q, params.id, user!.username);
          await writeAudit(q, user!, 'reviewed', params.id, {
            version,
            note: body.note?.trim() || null,
            undecided,
            before: { review: before?.state ?? null },
            after: { review: after.state },
          });
        })
        .catch(conflict);
      return { ...(await stateAnswer(params.id)), undecided };
    },
  );
}
