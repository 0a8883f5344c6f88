/**
 * Issue 12 item 4: login throttling counted, then checked, then inserted, so parallel guesses all
 * passed (30 parallel wrong logins: 30 × 401; 200 passed both limits); the per-address limit locked
 * out everyone behind one proxy; LKJ_TRUST_PROXY believed any X-Forwarded-For. Now an attempt is
 * counted atomically before its password is checked, limits are per (user, address) and per user,
 * and only configured hops or proxy addresses are trusted. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverOptions, trustProxyOption } from '../../src/api/config.js';
import { addUser, PASSWORD, startApi, type TestApi } from '../api/helpers.js';
import { freshDatabase } from '../helpers/services.js';

function suite(database: () => Promise<{ url?: string; drop(): Promise<void> }>) {
  let api: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await database();
    drop = db.drop;
    api = await startApi({ databaseUrl: db.url });
    for (const u of ['alice', 'bob', 'carol', 'dewi']) await addUser(api.rt.store, u, 'viewer');
  });
  afterAll(async () => {
    await api?.close();
    await drop?.();
  });

  const attempt = (username: string, password: string, ip: string) =>
    api.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: ip });
  const statuses = async (all: Promise<{ statusCode: number }>[]) => {
    const codes = (await Promise.all(all)).map((r) => r.statusCode);
    return {
      401: codes.filter((c) => c === 401).length,
      429: codes.filter((c) => c === 429).length,
      other: codes.filter((c) => c !== 401 && c !== 429).length,
    };
  };

  it('30 parallel wrong logins for one user from one address: 5 are checked, 25 throttled', async () => {
    const r = await statuses(Array.from({ length: 30 }, () => attempt('alice', 'wrong-password', '10.1.0.1')));
    expect(r).toEqual({ 401: 5, 429: 25, other: 0 });
    expect((await attempt('alice', PASSWORD, '10.1.0.1')).statusCode).toBe(429); // even the right password, from there
    expect((await attempt('alice', PASSWORD, '10.1.0.2')).statusCode).toBe(200); // elsewhere it still works
  });

  it('200 parallel wrong logins for one user from 200 addresses: the per-user limit (20) holds', async () => {
    const r = await statuses(
      Array.from({ length: 200 }, (_, i) => attempt('bob', 'wrong-password', `10.2.${i >> 8}.${i & 255}`)),
    );
    expect(r).toEqual({ 401: 20, 429: 180, other: 0 });
    expect((await attempt('bob', PASSWORD, '10.2.9.9')).statusCode).toBe(429);
  });

  it('many failures from one address (a shared proxy) do not lock out the others behind it', async () => {
    const r = await statuses(
      ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10', 'x11', 'x12'].flatMap((u) =>
        Array.from({ length: 5 }, () => attempt(u, 'wrong-password', '10.3.0.1')),
      ),
    );
    expect(r).toEqual({ 401: 60, 429: 0, other: 0 });
    expect((await attempt('carol', PASSWORD, '10.3.0.1')).statusCode).toBe(200);
  });

  it('a successful login is not counted as a failure', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('dewi', 'wrong-password', '10.4.0.1')).statusCode).toBe(401);
    expect((await attempt('dewi', PASSWORD, '10.4.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt('dewi', 'wrong-password', '10.4.0.1')).statusCode).toBe(401);
    expect((await attempt('dewi', 'wrong-password', '10.4.0.1')).statusCode).toBe(429);
  });
}

describe('login throttling, embedded (PGlite)', () => {
  suite(async () => ({ drop: async () => {} }));
});

describe('login throttling, PostgreSQL', () => {
  suite(async () => freshDatabase());
});

describe('LKJ_TRUST_PROXY', () => {
  it('reads a number of hops or proxy addresses, and refuses anything else', () => {
    expect(serverOptions({}).trustProxy).toBe(false);
    expect(serverOptions({ LKJ_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(serverOptions({ LKJ_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(serverOptions({ LKJ_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(serverOptions({ LKJ_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(trustProxyOption('10.0.0.5, 192.168.0.0/16, ::1')).toEqual(['10.0.0.5', '192.168.0.0/16', '::1']);
    expect(() => trustProxyOption('proxy.example')).toThrow(/LKJ_TRUST_PROXY: "proxy.example"/);
    expect(() => trustProxyOption('10.0.0.0/33')).toThrow(/LKJ_TRUST_PROXY/);
  });

  /** The address a login is recorded under (the audit log's `ip`). */
  async function seenAs(api: TestApi, remoteAddress: string, xff?: string): Promise<string> {
    const headers = xff ? { 'x-forwarded-for': xff } : {};
    const r = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody', password: 'x' },
      remoteAddress,
      headers,
    });
    expect(r.statusCode).toBe(401);
    const [row] = await api.rt.store.db.query<{ detail: { ip: string } }>(
      `SELECT detail FROM audit_log WHERE action = 'login-failed' ORDER BY id DESC LIMIT 1`,
    );
    return row!.detail.ip;
  }

  it("trusts only the configured hops or proxies, never a client's own X-Forwarded-For entries", async () => {
    const hop = await startApi({ opts: { trustProxy: trustProxyOption('1') } });
    const list = await startApi({ opts: { trustProxy: trustProxyOption('10.0.0.5') } });
    const none = await startApi();
    try {
      // behind one proxy: the client wrote "6.6.6.6" itself, the proxy appended the address it saw
      expect(await seenAs(hop, '10.0.0.5', '6.6.6.6, 7.7.7.7')).toBe('7.7.7.7');
      expect(await seenAs(list, '10.0.0.5', '6.6.6.6, 7.7.7.7')).toBe('7.7.7.7');
      // a client reaching the server directly is not a trusted proxy: its header is ignored
      expect(await seenAs(list, '8.8.8.8', '6.6.6.6')).toBe('8.8.8.8');
      expect(await seenAs(none, '10.0.0.5', '6.6.6.6')).toBe('10.0.0.5');
    } finally {
      await Promise.all([hop.close(), list.close(), none.close()]);
    }
  });
});
