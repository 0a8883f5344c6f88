/**
 * Who is asking: a browser session (cookie) or a script (Authorization: Bearer). Cookie sessions
 * must send the session's CSRF token in `x-csrf-token` on every state-changing request; a token
 * request cannot be forged by another site, so it is exempt.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Role } from '../accounts/roles.js';
import { csrfTokenFor, hashSecret, sameSecret } from '../accounts/secrets.js';
import type { Principal, Users } from '../store/users.js';
import type { ServerOptions } from './config.js';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'lkj_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Access = Role | 'public';

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

/** The session cookie's value, when it looks like one of ours (no other text ever reaches a query). */
export function sessionSecret(req: FastifyRequest): string | null {
  const v = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  return v && /^[A-Za-z0-9_-]{43}$/.test(v) ? v : null;
}

function bearer(req: FastifyRequest): string | null | undefined {
  const h = req.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9_-]{10,200})\s*$/i.exec(h);
  return m ? m[1]! : null;
}

export class Auth {
  private readonly resolved = new WeakMap<FastifyRequest, Promise<Principal | null>>();
  constructor(
    private readonly users: Users,
    private readonly opts: ServerOptions,
  ) {}

  principal(req: FastifyRequest): Promise<Principal | null> {
    let p = this.resolved.get(req);
    if (!p) {
      p = this.resolve(req);
      this.resolved.set(req, p);
    }
    return p;
  }

  private async resolve(req: FastifyRequest): Promise<Principal | null> {
    const token = bearer(req);
    if (token === null)
      throw new ApiError(401, 'unauthenticated', 'malformed Authorization header (expected "Bearer <token>")');
    if (token !== undefined) {
      const p = await this.users.principalForToken(hashSecret(token));
      if (!p) throw new ApiError(401, 'unauthenticated', 'unknown or revoked API token');
      return p;
    }
    const secret = sessionSecret(req);
    return secret ? this.users.principalForSession(hashSecret(secret)) : null;
  }

  /** The principal a route with `access` may serve, or a 401/403. */
  async check(req: FastifyRequest, access: Access): Promise<Principal | null> {
    if (access === 'public') return this.principal(req).catch(() => null);
    const p = await this.principal(req);
    if (!p) throw new ApiError(401, 'unauthenticated', 'log in first (POST /api/session) or send an API token');
    if (p.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      const secret = sessionSecret(req)!;
      if (typeof sent !== 'string' || !sameSecret(sent, csrfTokenFor(secret))) {
        throw new ApiError(403, 'csrf', 'missing or wrong x-csrf-token header (GET /api/session gives it)');
      }
    }
    if (!hasRole(p.role, access))
      throw new ApiError(403, 'forbidden', `this needs the ${access} role; ${p.username} is a ${p.role}`);
    return p;
  }

  /** Secure when configured, or (auto) when the request came over TLS, directly or through a proxy. */
  secure(req: FastifyRequest): boolean {
    if (this.opts.secureCookies !== 'auto') return this.opts.secureCookies;
    return (
      req.protocol === 'https' ||
      String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim() === 'https'
    );
  }

  setSessionCookie(req: FastifyRequest, reply: FastifyReply, secret: string): void {
    const attrs = [
      `${SESSION_COOKIE}=${secret}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${Math.round(this.opts.sessionHours * 3600)}`,
    ];
    if (this.secure(req)) attrs.push('Secure');
    reply.header('set-cookie', attrs.join('; '));
  }

  clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
    const attrs = [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
    if (this.secure(req)) attrs.push('Secure');
    reply.header('set-cookie', attrs.join('; '));
  }
}
