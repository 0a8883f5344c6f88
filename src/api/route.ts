/**
 * Routes declared once: method, path, who may call it, and zod schemas for params, query, body
 * and response. The same declaration checks access, validates the request and feeds the OpenAPI
 * document (openapi.ts), so the docs cannot drift from what the server enforces.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { z, ZodType } from 'zod';
import { isUnstorable } from '../model/printable.js';
import type { Principal } from '../store/users.js';
import type { Access, Auth } from './auth.js';
import { ApiError } from './errors.js';
import { requestLang, zodErrors } from './messages.js';

export interface RouteSpec<
  P extends ZodType | undefined,
  Q extends ZodType | undefined,
  B extends ZodType | undefined,
> {
  method: Extract<HTTPMethods, 'GET' | 'POST' | 'PATCH' | 'DELETE'>;
  /** fastify path syntax (`/api/documents/:id`) */
  url: string;
  access: Access;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** a multipart/form-data upload (the body is read by the handler) */
  multipart?: boolean;
  /** the JSON answer (docs only: responses are not re-validated at run time) */
  response?: ZodType;
  /** a non-JSON answer: its media type */
  produces?: string;
  /** the success status (docs; the handler sets it): 200 by default */
  status?: 200 | 201 | 204;
  /** other statuses worth documenting */
  errors?: Record<number, string>;
}

type Out<T> = T extends ZodType ? z.output<T> : undefined;

export interface RouteContext<P, Q, B> {
  req: FastifyRequest;
  reply: FastifyReply;
  /** null only on public routes */
  user: Principal | null;
  params: P;
  query: Q;
  body: B;
}

export type AnyRouteSpec = RouteSpec<ZodType | undefined, ZodType | undefined, ZodType | undefined>;

export class ApiRoutes {
  readonly specs: AnyRouteSpec[] = [];
  constructor(
    private readonly app: FastifyInstance,
    private readonly auth: Auth,
  ) {}

  add<
    P extends ZodType | undefined = undefined,
    Q extends ZodType | undefined = undefined,
    B extends ZodType | undefined = undefined,
  >(spec: RouteSpec<P, Q, B>, handler: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<unknown>): void {
    this.specs.push(spec as AnyRouteSpec);
    this.app.route({
      method: spec.method,
      url: spec.url,
      handler: async (req, reply) => {
        // access first: a stranger learns nothing from validation messages, and an upload is refused before it is read
        const user = await this.auth.check(req, spec.access);
        const lang = requestLang(req);
        const params = parse(spec.params, req.params, 'path parameter', lang) as Out<P>;
        const query = parse(spec.query, req.query, 'query parameter', lang) as Out<Q>;
        const body = parse(spec.body, spec.multipart ? undefined : (req.body ?? {}), 'body', lang) as Out<B>;
        return handler({ req, reply, user, params, query, body });
      },
    });
  }
}

function parse(schema: ZodType | undefined, value: unknown, where: string, lang: 'id' | 'en'): unknown {
  if (!schema) return undefined;
  // PostgreSQL stores neither NUL nor a lone surrogate (text, jsonb): such a value is the caller's
  // mistake (400), not a database error (500), on every route and before any query
  const bad = unstorableText(value);
  if (bad !== null) {
    const message = 'holds a character that cannot be stored (NUL or a lone surrogate)';
    throw new ApiError(400, 'bad-request', `${where}${bad ? ` "${bad}"` : ''}: ${message}`, {
      issues: [{ path: bad, message }],
    });
  }
  // zod words its own messages in the caller's language; the error handler words `where`
  const r = schema.safeParse(value, { error: zodErrors[lang] });
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0]!;
  throw new ApiError(400, 'bad-request', `${where}${first.path ? ` "${first.path}"` : ''}: ${first.message}`, {
    issues,
  });
}

/** The path of the first string (or key) in `v` holding a character PostgreSQL cannot store, or null. */
export function unstorableText(v: unknown, at: string[] = [], depth = 0): string | null {
  if (typeof v === 'string') return isUnstorable(v) ? at.join('.') : null;
  if (v === null || typeof v !== 'object' || depth > 32) return null;
  for (const [k, item] of Object.entries(v)) {
    if (isUnstorable(k)) return [...at, k].join('.');
    const bad = unstorableText(item, [...at, k], depth + 1);
    if (bad !== null) return bad;
  }
  return null;
}
