/**
 * The OpenAPI 3.1 document, generated from the route declarations and their zod schemas (the
 * same ones that validate requests), and a plain HTML page listing the routes (no script: the
 * page obeys the same Content-Security-Policy as the app).
 */
import { z, type ZodType } from 'zod';
import type { AnyRouteSpec } from './route.js';
import { ErrorBody } from './schemas.js';

type Json = Record<string, unknown>;

const jsonSchema = (s: ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;

/** `/api/documents/:id/pages/:n.png` → `/api/documents/{id}/pages/{n}.png` */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z_]\w*)/g, '{$1}');

function parameters(schema: ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(s.description ? { description: s.description } : {}),
  }));
}

const ROLE_TEXT = {
  public: 'no login',
  viewer: 'viewer, reviewer or admin',
  reviewer: 'reviewer or admin',
  admin: 'admin',
} as const;

export function openApiDocument(specs: readonly AnyRouteSpec[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const error = {
    description: 'error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  for (const s of specs) {
    const okStatus = String(s.status ?? 200);
    const ok: Json = { description: 'success' };
    if (s.response) ok.content = { 'application/json': { schema: jsonSchema(s.response, 'output') } };
    else if (s.produces)
      ok.content = Object.fromEntries(
        s.produces.split(',').map((t) => [t.trim(), { schema: { type: 'string', format: 'binary' } }]),
      );
    const responses: Json = { [okStatus]: ok, 400: error };
    if (s.access !== 'public') Object.assign(responses, { 401: error, 403: error });
    for (const [status, text] of Object.entries(s.errors ?? {})) responses[status] = { ...error, description: text };
    if (s.url.includes(':')) responses[404] = error;
    const op: Json = {
      operationId: `${s.method.toLowerCase()}${openApiPath(s.url).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: s.summary,
      description: [
        s.description,
        `Access: ${ROLE_TEXT[s.access]}.`,
        s.access !== 'public' && !['GET'].includes(s.method) ? 'Cookie sessions send x-csrf-token.' : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      tags: [s.tag],
      'x-access': s.access,
      parameters: [...parameters(s.params, 'path'), ...parameters(s.query, 'query')],
      responses,
      security: s.access === 'public' ? [] : [{ session: [] }, { token: [] }],
    };
    if (s.body)
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(s.body, 'input') } } };
    if (s.multipart) {
      op.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
            },
          },
        },
      };
    }
    const url = openApiPath(s.url);
    const methods = paths[url] ?? {};
    methods[s.method.toLowerCase()] = op;
    paths[url] = methods;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'lkj API',
      version,
      description:
        'Verified data from Indonesian performance reports (LKj): documents, findings with evidence, review, exports. ' +
        'Log in with POST /api/session (cookie + x-csrf-token) or send Authorization: Bearer <token> (lkj token create).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'lkj_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function docsPage(specs: readonly AnyRouteSpec[], version: string): string {
  const rows = specs
    .map(
      (s) =>
        `<tr><td class="m">${esc(s.method)}</td><td><code>${esc(s.url)}</code></td><td>${esc(s.access)}</td>` +
        `<td>${esc(s.summary)}${s.description ? `<div class="d">${esc(s.description)}</div>` : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lkj API ${esc(version)}</title><link rel="stylesheet" href="/docs/docs.css"></head>
<body><h1>lkj API</h1>
<p>The machine-readable document: <a href="/docs/openapi.json">/docs/openapi.json</a> (OpenAPI 3.1, generated from the same zod schemas that validate requests).</p>
<p>Log in with <code>POST /api/session</code> <code>{"username","password"}</code>: the answer sets an HttpOnly cookie and gives <code>csrfToken</code>, to send as
<code>x-csrf-token</code> on every POST, PATCH and DELETE. Scripts send <code>Authorization: Bearer &lt;token&gt;</code> instead (<code>lkj token create NAME</code>).
Errors are <code>{"error":{"code","message"}}</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>role</th><th>what</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}

export const DOCS_CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;max-width:80rem;color:#1d1d1f}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}
td.m{font-weight:600}code{font:13px ui-monospace,monospace}.d{color:#555;font-size:13px;margin-top:.2rem}
`;
