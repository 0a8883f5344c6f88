/**
 * Bearer secrets (session cookies, API tokens): 32 random bytes, kept in the database only as
 * their sha256, so a copy of the database does not let anyone in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/**
 * The CSRF token of a session, derived from the session's secret: a page that cannot read the
 * cookie (another site) cannot know it, and the server needs to store nothing more.
 */
export const csrfTokenFor = (sessionSecret: string): string =>
  createHash('sha256').update('lkj-csrf\0').update(sessionSecret).digest('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const API_TOKEN_PREFIX = 'lkj_';
