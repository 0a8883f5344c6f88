/**
 * The API under test: a server over an embedded store (PGlite in a temp LKJ_DATA_DIR) or a
 * PostgreSQL database, accounts for each role, and requests through fastify's inject.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer, type Server } from '../../src/api/server.js';
import type { ServerOptions } from '../../src/api/config.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import type { Role } from '../../src/accounts/roles.js';
import { ingestBytes, processInline, PRIORITY } from '../../src/jobs/stages.js';
import type { Runtime } from '../../src/queue/runtime.js';
import { openStore, type DocumentRow, type Store } from '../../src/store/store.js';
import { Users } from '../../src/store/users.js';
import { quietLogger } from '../helpers/log.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BORN = path.join(ROOT, 'fixtures/corpus/born');
export const PASSWORD = 'correct horse battery';

export interface TestApi extends Server {
  rt: Runtime;
  dir: string;
  close(): Promise<void>;
}

export async function startApi(o: { databaseUrl?: string; opts?: Partial<ServerOptions> } = {}): Promise<TestApi> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-api-'));
  const store = await openStore(o.databaseUrl ? { databaseUrl: o.databaseUrl } : { dataDir: dir });
  const rt: Runtime = { mode: 'embedded', store, redisUrl: null, queue: null, close: () => store.close() };
  const server = await buildServer(rt, {
    dataDir: dir,
    webDir: path.join(ROOT, 'web'),
    processing: 'none',
    logger: quietLogger(),
    ...o.opts,
  });
  return {
    ...server,
    rt,
    dir,
    async close() {
      await server.app.close();
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function addUser(store: Store, username: string, role: Role, password = PASSWORD): Promise<void> {
  await new Users(store.db).create(username, role, await hashPassword(password));
}

/** A logged-in browser: its cookie and CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = PASSWORD,
  ip = '127.0.0.1',
): Promise<Session> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    remoteAddress: ip,
  });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: r.json().csrfToken };
}

/** Who sends a request: a browser session, an API token, or nobody. */
export type Caller = Session | { token: string } | null;

/**
 * Requests as a caller: a session sends its cookie, and its CSRF token on state changes (unless
 * the test sets the header itself); a token sends Authorization: Bearer.
 */
export function requester(app: FastifyInstance) {
  return (who: Caller, o: InjectOptions & { url: string }): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { ...(o.headers as Record<string, string> | undefined) };
    if (who && 'token' in who) headers.authorization = `Bearer ${who.token}`;
    else if (who) {
      headers.cookie = who.cookie;
      if (o.method && o.method !== 'GET' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = who.csrf;
    }
    return app.inject({ ...o, headers });
  };
}

/** A multipart/form-data body with the given files. */
export function multipart(
  files: { name: string; bytes: Uint8Array; type?: string }[],
  field = 'files',
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lkjtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.from(f.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Store and process born-digital fixtures in this process (no background loop: deterministic). */
export async function loadFixtures(store: Store, names: string[]): Promise<Map<string, DocumentRow>> {
  const out = new Map<string, DocumentRow>();
  for (const name of names) {
    const r = await ingestBytes(store, await fs.readFile(path.join(BORN, name)), name, { priority: PRIORITY.bulk });
    if (r.outcome !== 'queued') throw new Error(`${name}: ${r.outcome}`);
    await processInline(store, r.doc);
    out.set(name, (await store.document(r.doc.id))!);
  }
  return out;
}

export const born = (name: string) => fs.readFile(path.join(BORN, name));
