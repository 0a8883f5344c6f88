import type { FastifyError, FastifyInstance } from 'fastify';
import type { InvalidAnalysisError } from '../store/store.js';
import { apiText, requestLang } from './messages.js';

/** An error the API answers with as `{"error":{"code","message"}}` and its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not-found', `${what} not found`);

/** A stored analysis of no known shape (store.ts): the server's data is broken there, and the answer names the document. */
export const invalidAnalysis = (e: InvalidAnalysisError) =>
  new ApiError(
    500,
    'invalid-analysis',
    `the stored analysis of document ${e.documentId} (${e.fileName}), version ${e.version}, is not valid: ${e.problems}`,
  );

/** Every error leaves as JSON in one shape, its message in the caller's language (messages.ts); internal details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((e: FastifyError | ApiError, req, reply) => {
    if (e instanceof ApiError) {
      if (e.status === 429 && e.details && typeof e.details === 'object' && 'retryAfter' in e.details)
        reply.header('retry-after', String(e.details.retryAfter));
      return reply.status(e.status).send({
        error: {
          code: e.code,
          message: apiText(requestLang(req), e.message),
          ...(e.details === undefined ? {} : { details: e.details }),
        },
      });
    }
    const status = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err: e }, `${req.method} ${req.url.split('?')[0]}: ${e.message}`);
      return reply
        .status(status)
        .send({ error: { code: 'internal', message: apiText(requestLang(req), 'internal error') } });
    }
    // fastify's own: unsupported media type, body too large, malformed JSON…
    const code = status === 413 ? 'too-large' : status === 415 ? 'unsupported-media-type' : 'bad-request';
    return reply.status(status).send({ error: { code, message: e.message } });
  });
}
