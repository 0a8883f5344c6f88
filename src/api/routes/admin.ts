/** Accounts and the audit log: admins only. The audit log is read here and written by every action; nothing changes it. */
import { z } from 'zod';
import { checkPasswordStrength, generatePassword, hashPassword } from '../../accounts/passwords.js';
import { Username } from '../../accounts/roles.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../accounts/secrets.js';
import { writeAudit } from '../../store/audit.js';
import { publicUser, UserAlreadyExists, type TokenRow } from '../../store/users.js';
import type { ApiContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { AuditEntry, NewUser, PublicUserSchema, TokenInfo, UserPatch } from '../schemas.js';

const tokenInfo = (t: TokenRow) => ({
  id: t.id,
  username: t.username,
  label: t.label,
  createdAt: new Date(t.created_at).toISOString(),
  lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
  revokedAt: t.revoked_at ? new Date(t.revoked_at).toISOString() : null,
});

export function adminRoutes({ routes, users, store }: ApiContext): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/users',
      access: 'admin',
      tag: 'admin',
      summary: 'Every account',
      response: z.array(PublicUserSchema),
    },
    async () => (await users.list()).map(publicUser),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/users',
      access: 'admin',
      tag: 'admin',
      summary: 'Create an account; without a password one is generated and returned once',
      status: 201,
      body: NewUser,
      response: z.object({
        user: PublicUserSchema,
        password: z.string().nullable().describe('the generated password, shown this once'),
      }),
      errors: { 409: 'the username is taken' },
    },
    async ({ body, user, reply }) => {
      const generated = body.password === undefined ? generatePassword() : null;
      const password = body.password ?? generated!;
      const weak = checkPasswordStrength(password);
      if (weak) throw new ApiError(400, 'weak-password', weak);
      try {
        const created = await users.create(body.username, body.role, await hashPassword(password));
        await writeAudit(store.db, user!, 'user-created', null, {
          after: { username: created.username, role: created.role },
        });
        return reply.status(201).send({ user: publicUser(created), password: generated });
      } catch (e) {
        if (e instanceof UserAlreadyExists) throw new ApiError(409, 'exists', e.message);
        throw e;
      }
    },
  );

  routes.add(
    {
      method: 'PATCH',
      url: '/api/users/:username',
      access: 'admin',
      tag: 'admin',
      summary: "Change an account's role, disable it (ends its sessions) or set a new password",
      params: z.object({ username: Username }),
      body: UserPatch,
      response: PublicUserSchema,
    },
    async ({ params, body, user }) => {
      const before = await users.byName(params.username);
      if (!before) throw notFound(`user ${params.username}`);
      if (before.id === user!.userId && (body.disabled || (body.role && body.role !== 'admin'))) {
        throw new ApiError(409, 'self', 'an admin cannot disable or demote their own account');
      }
      if (body.password !== undefined) {
        const weak = checkPasswordStrength(body.password);
        if (weak) throw new ApiError(400, 'weak-password', weak);
      }
      const after = await users.update(params.username, {
        role: body.role,
        disabled: body.disabled,
        passwordHash: body.password === undefined ? undefined : await hashPassword(body.password),
      });
      await writeAudit(store.db, user!, 'user-changed', null, {
        username: params.username,
        before: { role: before.role, disabled: before.disabled },
        after: { role: after!.role, disabled: after!.disabled, passwordChanged: body.password !== undefined },
      });
      return publicUser(after!);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/tokens',
      access: 'admin',
      tag: 'admin',
      summary: 'API tokens (never their secret)',
      response: z.array(TokenInfo),
    },
    async () => (await users.tokens()).map(tokenInfo),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/tokens',
      access: 'admin',
      tag: 'admin',
      summary: 'Create an API token acting as a user; the token is returned once, only its hash is kept',
      status: 201,
      body: z.object({ username: Username, label: z.string().max(200).default('') }),
      response: TokenInfo.extend({
        token: z.string().describe('send as Authorization: Bearer <token>; shown this once'),
      }),
    },
    async ({ body, user, reply }) => {
      const owner = await users.byName(body.username);
      if (!owner) throw notFound(`user ${body.username}`);
      const token = newSecret(API_TOKEN_PREFIX);
      const row = await users.createToken(owner.id, body.label, hashSecret(token));
      await writeAudit(store.db, user!, 'token-created', null, {
        after: { id: row.id, username: owner.username, label: body.label },
      });
      return reply.status(201).send({ ...tokenInfo(row), token });
    },
  );

  routes.add(
    {
      method: 'DELETE',
      url: '/api/tokens/:id',
      access: 'admin',
      tag: 'admin',
      summary: 'Revoke an API token (it stays listed, revoked)',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: TokenInfo,
    },
    async ({ params, user }) => {
      const row = await users.revokeToken(params.id);
      if (!row) throw notFound(`active token ${params.id}`);
      await writeAudit(store.db, user!, 'token-revoked', null, { id: row.id, username: row.username });
      return tokenInfo(row);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/audit',
      access: 'admin',
      tag: 'admin',
      summary: 'The audit log, newest first (who, when, what, before/after in detail); page back with ?before=<id>',
      query: z.object({
        documentId: z.coerce.number().int().positive().optional(),
        actor: z.string().max(64).optional(),
        action: z.string().max(64).optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: z.object({ items: z.array(AuditEntry) }),
    },
    async ({ query }) => {
      const rows = await store.db.query<{
        id: number;
        at: Date;
        actor: string;
        action: string;
        document_id: number | null;
        token_id: number | null;
        detail: unknown;
      }>(
        `SELECT id, at, actor, action, document_id, token_id, detail FROM audit_log
       WHERE ($1::bigint IS NULL OR document_id = $1) AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR action = $3) AND ($4::bigint IS NULL OR id < $4)
       ORDER BY id DESC LIMIT $5`,
        [query.documentId ?? null, query.actor ?? null, query.action ?? null, query.before ?? null, query.limit],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actor: r.actor,
          action: r.action,
          documentId: r.document_id,
          tokenId: r.token_id,
          detail: r.detail,
        })),
      };
    },
  );
}
