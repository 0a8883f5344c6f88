/**
 * The HTTP server: the API under /api, its documentation under /docs, the web app for every
 * other path. `buildServer` is what `lkj serve` listens with and what the tests inject into.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { Runtime } from '../queue/runtime.js';
import { Users } from '../store/users.js';
import { Review } from '../store/review.js';
import { Auth } from './auth.js';
import { serverOptions, type ServerOptions } from './config.js';
import type { ApiContext } from './context.js';
import { installErrorHandler } from './errors.js';
import { apiText, requestLang } from './messages.js';
import { ImageCache } from './images/cache.js';
import { docsPage, DOCS_CSS, openApiDocument } from './openapi.js';
import { processorFor } from './processing.js';
import { ApiRoutes } from './route.js';
import { installSecurityHeaders } from './security-headers.js';
import { StaticFiles } from './static-files.js';
import { UploadChecker } from './upload-check.js';
import { adminRoutes } from './routes/admin.js';
import { documentRoutes } from './routes/documents.js';
import { exportRoutes } from './routes/exports.js';
import { imageRoutes } from './routes/images.js';
import { reviewRoutes } from './routes/review.js';
import { sessionRoutes } from './routes/session.js';
import { statsRoutes } from './routes/stats.js';

export const API_VERSION = '1.0.0';

export interface Server {
  app: FastifyInstance;
  ctx: ApiContext;
}

/** The server over an open runtime (the caller closes the runtime after `app.close()`). */
export async function buildServer(rt: Runtime, over: Partial<ServerOptions> = {}): Promise<Server> {
  const opts = serverOptions(undefined, over);
  // a hop count as a function: fastify takes a bare number as "trust nobody"
  const hops = opts.trustProxy;
  const trustProxy = typeof hops === 'number' ? (_addr: string, i: number) => i < hops : hops;
  const app = Fastify({
    // requests are logged (info: one line as each arrives, one as it is answered) to the same log
    loggerInstance: opts.logger as FastifyBaseLogger,
    trustProxy,
    bodyLimit: 1024 * 1024,
    // fastify turns Node's request timeout off by default: a request whose body stops (or that the
    // multipart parser stops reading: a part header with a bare CR or LF) was never answered
    serverFactory: (handler) => {
      const server = http.createServer(
        {
          headersTimeout: opts.headersTimeoutMs,
          requestTimeout: opts.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(1000, opts.headersTimeoutMs, opts.requestTimeoutMs),
          keepAliveTimeout: 72_000,
        },
        handler,
      );
      server.setTimeout(opts.idleTimeoutMs);
      return server;
    },
  });
  const users = new Users(rt.store.db);
  const auth = new Auth(users, opts);
  installErrorHandler(app);
  installSecurityHeaders(app, (req) => auth.secure(req));
  await app.register(multipart, {
    limits: { fileSize: opts.maxUploadBytes, files: opts.maxUploadFiles },
    throwFileSizeLimit: true,
  });

  const processing = opts.processing ?? (rt.queue ? 'queue' : 'background');
  const ctx: ApiContext = {
    rt,
    store: rt.store,
    users,
    review: new Review(rt.store.db, opts.claimMinutes),
    auth,
    opts,
    images: new ImageCache(path.join(opts.dataDir, 'cache', 'images')),
    processor: processorFor(rt, processing, { lang: opts.lang, logger: opts.logger }),
    routes: new ApiRoutes(app, auth),
    uploadChecker: new UploadChecker(opts.uploadCheck),
  };
  for (const add of [statsRoutes, sessionRoutes, documentRoutes, imageRoutes, reviewRoutes, exportRoutes, adminRoutes])
    add(ctx);
  app.addHook('onClose', async () => {
    await ctx.processor.close();
    await ctx.uploadChecker.close();
  });

  const openapi = JSON.stringify(openApiDocument(ctx.routes.specs, API_VERSION));
  const docs = docsPage(ctx.routes.specs, API_VERSION);
  app.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docs));
  app.get('/docs/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(openapi));
  app.get('/docs/docs.css', async (_req, reply) => reply.type('text/css; charset=utf-8').send(DOCS_CSS));

  const web = new StaticFiles(opts.webDir);
  app.setNotFoundHandler(async (req, reply) => {
    if (!req.url.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const hit = await web.lookup(req.url);
      if (hit)
        return reply
          .type(hit.type)
          .header('cache-control', 'no-cache')
          .send(await fs.readFile(hit.file));
    }
    return reply.status(404).send({
      error: {
        code: 'not-found',
        message: apiText(requestLang(req), `${req.method} ${req.url.split('?')[0]} not found`),
      },
    });
  });
  return { app, ctx };
}
