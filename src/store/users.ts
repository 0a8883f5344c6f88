/**
 * Accounts in the system of record: users, API tokens, browser sessions and failed-login counts.
 * Secrets are stored only as hashes (see accounts/secrets.ts); every query takes parameters.
 */
import type { Role } from '../accounts/roles.js';
import type { Db } from './db.js';

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface PublicUser {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const publicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  disabled: u.disabled,
  createdAt: new Date(u.created_at).toISOString(),
});

export interface TokenRow {
  id: number;
  user_id: number;
  username: string;
  label: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Who a request acts as, found from a session or a token. */
export interface Principal {
  userId: number;
  username: string;
  role: Role;
  via: 'session' | 'token';
  /** the API token's id when `via` is token */
  tokenId?: number;
}

const TOKEN_SELECT = `SELECT t.id, t.user_id, u.username, t.label, t.created_at, t.last_used_at, t.revoked_at
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

export class UserAlreadyExists extends Error {
  constructor(readonly username: string) {
    super(`user ${username} already exists`);
  }
}

export class Users {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const [r] = await this.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM users');
    return r?.n ?? 0;
  }

  async create(username: string, role: Role, passwordHash: string): Promise<UserRow> {
    const rows = await this.db.query<UserRow>(
      'INSERT INTO users (username, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING *',
      [username, role, passwordHash],
    );
    if (!rows[0]) throw new UserAlreadyExists(username);
    return rows[0];
  }

  async byName(username: string): Promise<UserRow | null> {
    return (await this.db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]))[0] ?? null;
  }

  async list(): Promise<UserRow[]> {
    return this.db.query<UserRow>('SELECT * FROM users ORDER BY username');
  }

  async update(
    username: string,
    patch: { role?: Role; disabled?: boolean; passwordHash?: string },
  ): Promise<UserRow | null> {
    const rows = await this.db.query<UserRow>(
      `UPDATE users SET role = COALESCE($2, role), disabled = COALESCE($3, disabled), password_hash = COALESCE($4, password_hash), updated_at = now()
       WHERE username = $1 RETURNING *`,
      [username, patch.role ?? null, patch.disabled ?? null, patch.passwordHash ?? null],
    );
    const user = rows[0] ?? null;
    // a disabled account or a new password ends every session of that user
    if (user && (patch.disabled || patch.passwordHash))
      await this.db.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    return user;
  }

  // ---- API tokens ----------------------------------------------------------------------------

  async createToken(userId: number, label: string, tokenHash: string): Promise<TokenRow> {
    const [row] = await this.db.query<{ id: number }>(
      'INSERT INTO api_tokens (user_id, label, token_hash) VALUES ($1, $2, $3) RETURNING id',
      [userId, label, tokenHash],
    );
    return (await this.token(row!.id))!;
  }

  async tokens(): Promise<TokenRow[]> {
    return this.db.query<TokenRow>(`${TOKEN_SELECT} ORDER BY t.id`);
  }

  async token(id: number): Promise<TokenRow | null> {
    return (await this.db.query<TokenRow>(`${TOKEN_SELECT} WHERE t.id = $1`, [id]))[0] ?? null;
  }

  async revokeToken(id: number): Promise<TokenRow | null> {
    const rows = await this.db.query<{ id: number }>(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    return rows[0] ? this.token(id) : null;
  }

  async principalForToken(tokenHash: string): Promise<Principal | null> {
    const [row] = await this.db.query<{
      user_id: number;
      username: string;
      role: Role;
      token_id: number;
      last_used_at: Date | null;
    }>(
      `SELECT u.id AS user_id, u.username, u.role, t.id AS token_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT u.disabled`,
      [tokenHash],
    );
    if (!row) return null;
    // last use to the minute: a busy script should not write a row per request
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
      await this.db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
    }
    return { userId: row.user_id, username: row.username, role: row.role, via: 'token', tokenId: row.token_id };
  }

  // ---- sessions ------------------------------------------------------------------------------

  async createSession(idHash: string, userId: number, hours: number): Promise<Date> {
    // expired sessions go when new ones come: the table stays small without a timer
    await this.db.query('DELETE FROM sessions WHERE expires_at < now()');
    const [row] = await this.db.query<{ expires_at: Date }>(
      'INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at',
      [idHash, userId, hours * 3600],
    );
    return row!.expires_at;
  }

  async principalForSession(idHash: string): Promise<Principal | null> {
    const [row] = await this.db.query<{ user_id: number; username: string; role: Role }>(
      `SELECT u.id AS user_id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [idHash],
    );
    return row ? { userId: row.user_id, username: row.username, role: row.role, via: 'session' } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  // ---- login throttling ----------------------------------------------------------------------

  /**
   * Count a login attempt before its password is checked, atomically: under a lock per key (taken
   * in key order), refuse it when any key already has `limit` failures within the window, else
   * record it as a failure of every key at once. Parallel attempts are counted one by one, so no
   * burst passes the limits; `loginSucceeded` takes the attempt back.
   */
  async reserveLoginAttempt(
    keys: readonly { key: string; limit: number }[],
    windowSec: number,
  ): Promise<{ ok: true; ids: number[] } | { ok: false; retryAfterSec: number }> {
    const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return this.db.tx(async (q) => {
      for (const { key } of sorted) await q.query('SELECT pg_advisory_xact_lock(4242003, hashtext($1))', [key]);
      for (const { key, limit } of sorted) {
        const [row] = await q.query<{ n: number; wait: number | null }>(
          `SELECT COUNT(*)::int AS n, EXTRACT(EPOCH FROM (MIN(at) + make_interval(secs => $2) - now()))::float8 AS wait
           FROM login_failures WHERE key = $1 AND at > now() - make_interval(secs => $2)`,
          [key, windowSec],
        );
        if ((row?.n ?? 0) >= limit)
          return { ok: false as const, retryAfterSec: Math.max(1, Math.ceil(row?.wait ?? windowSec)) };
      }
      const ids: number[] = [];
      for (const { key } of sorted) {
        const [row] = await q.query<{ id: number }>('INSERT INTO login_failures (key) VALUES ($1) RETURNING id', [key]);
        ids.push(row!.id);
      }
      await q.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
      return { ok: true as const, ids };
    });
  }

  /** A reserved attempt that succeeded: it was no failure, and `clearKey`'s earlier failures are forgiven. */
  async loginSucceeded(ids: readonly number[], clearKey: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE id = ANY($1::bigint[]) OR key = $2', [ids, clearKey]);
  }
}
