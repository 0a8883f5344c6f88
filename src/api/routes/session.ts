/**
 * Logging in and out. Failed logins are throttled per (username, address) and per username, never
 * per address alone: everyone behind one proxy shares it, and one attacker must not lock them out.
 */
import { decoyHash, verifyPassword } from '../../accounts/passwords.js';
import { csrfTokenFor, hashSecret, newSecret } from '../../accounts/secrets.js';
import { writeAudit } from '../../store/audit.js';
import { sessionSecret } from '../auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';
import { Credentials, SessionInfo } from '../schemas.js';

export function sessionRoutes({ routes, users, auth, opts, store }: ApiContext): void {
  routes.add(
    {
      method: 'POST',
      url: '/api/session',
      access: 'public',
      tag: 'session',
      summary: 'Log in: sets the HttpOnly session cookie and returns the CSRF token',
      description: `JSON {username, password}. ${opts.loginMaxFailures} failed attempts for a username from one address, or ${opts.loginMaxFailuresPerUser} from any addresses, within ${opts.loginWindowSec / 60} minutes answer 429 (Retry-After) until the window passes.`,
      body: Credentials,
      response: SessionInfo,
      errors: { 401: 'wrong username or password', 429: 'too many failed attempts' },
    },
    async ({ req, reply, body }) => {
      const username = body.username.trim().toLowerCase();
      const pairKey = `user:${username}|${req.ip}`;
      // counted before the password is checked: parallel guesses cannot all pass a count taken before any was recorded
      const attempt = await users.reserveLoginAttempt(
        [
          { key: pairKey, limit: opts.loginMaxFailures },
          { key: `user:${username}`, limit: opts.loginMaxFailuresPerUser },
        ],
        opts.loginWindowSec,
      );
      if (!attempt.ok) {
        const retryAfter = attempt.retryAfterSec;
        throw new ApiError(
          429,
          'rate-limited',
          `too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minute(s)`,
          { retryAfter },
        );
      }
      const user = await users.byName(username);
      // an unknown user costs the same scrypt as a known one: timing does not tell which names exist
      const ok = await verifyPassword(body.password, user?.password_hash ?? (await decoyHash()));
      if (!user || !ok || user.disabled) {
        await writeAudit(store.db, 'anonymous', 'login-failed', null, { username, ip: req.ip });
        throw new ApiError(401, 'unauthenticated', 'wrong username or password');
      }
      await users.loginSucceeded(attempt.ids, pairKey);
      const secret = newSecret();
      await users.createSession(hashSecret(secret), user.id, opts.sessionHours);
      auth.setSessionCookie(req, reply, secret);
      await writeAudit(store.db, user.username, 'login', null, { ip: req.ip });
      return { user: { username: user.username, role: user.role }, via: 'session', csrfToken: csrfTokenFor(secret) };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/session',
      access: 'viewer',
      tag: 'session',
      summary: 'Who is logged in, and the CSRF token of this session (null for an API token)',
      response: SessionInfo,
    },
    async ({ req, user }) => {
      const secret = user!.via === 'session' ? sessionSecret(req) : null;
      return {
        user: { username: user!.username, role: user!.role },
        via: user!.via,
        csrfToken: secret ? csrfTokenFor(secret) : null,
      };
    },
  );

  routes.add(
    {
      method: 'DELETE',
      url: '/api/session',
      access: 'viewer',
      tag: 'session',
      summary: 'Log out: ends the session and clears the cookie',
      status: 204,
    },
    async ({ req, reply, user }) => {
      const secret = sessionSecret(req);
      if (secret) await users.deleteSession(hashSecret(secret));
      auth.clearSessionCookie(req, reply);
      await writeAudit(store.db, user!, 'logout', null, {});
      return reply.status(204).send();
    },
  );
}
