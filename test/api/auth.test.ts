/**
 * Accounts and security: login, sessions, CSRF, tokens, roles, throttling, headers, static files,
 * and every non-public route refusing a request without credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/accounts/passwords.js';
import { CONTENT_SECURITY_POLICY } from '../../src/api/security-headers.js';
import { addUser, login, multipart, PASSWORD, requester, startApi, type Session, type TestApi } from './helpers.js';

let api: TestApi;
let call: ReturnType<typeof requester>;
let admin: Session, reviewer: Session, viewer: Session;

beforeAll(async () => {
  api = await startApi();
  call = requester(api.app);
  await addUser(api.rt.store, 'ana', 'admin');
  await addUser(api.rt.store, 'rudi', 'reviewer');
  await addUser(api.rt.store, 'vina', 'viewer');
  [admin, reviewer, viewer] = await Promise.all([
    login(api.app, 'ana'),
    login(api.app, 'rudi'),
    login(api.app, 'vina'),
  ]);
});
afterAll(async () => {
  await api?.close();
});

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified in constant time', async () => {
    const a = await hashPassword('s3cret-password'),
      b = await hashPassword('s3cret-password');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b); // salted
    expect(await verifyPassword('s3cret-password', a)).toBe(true);
    expect(await verifyPassword('s3cret-passwore', a)).toBe(false);
    expect(await verifyPassword('s3cret-password', 'plain')).toBe(false);
  });

  it('the users table holds no password', async () => {
    const rows = await api.rt.store.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.password_hash).not.toContain(PASSWORD);
  });
});

describe('sessions', () => {
  it('a login sets an HttpOnly SameSite=Strict cookie, Secure only behind TLS', async () => {
    const plain = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'vina', password: PASSWORD },
    });
    expect(plain.statusCode).toBe(200);
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toMatch(/^lkj_session=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect(plain.json()).toMatchObject({
      user: { username: 'vina', role: 'viewer' },
      via: 'session',
      csrfToken: expect.any(String),
    });
    const tls = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'vina', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(tls.headers['set-cookie'])).toContain('; Secure');
    expect(tls.headers['strict-transport-security']).toBeDefined();
  });

  it('wrong password or unknown user → 401 with the same message', async () => {
    const a = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'vina', password: 'wrong-password' },
      remoteAddress: '10.9.9.1',
    });
    const b = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody', password: 'wrong-password' },
      remoteAddress: '10.9.9.1',
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
    expect(a.headers['set-cookie']).toBeUndefined();
  });

  it('a form post cannot log in (JSON only: no cross-site login form)', async () => {
    const r = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: `username=vina&password=${PASSWORD}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.statusCode).toBe(415);
  });

  it('GET /api/session gives the user and the CSRF token; logging out ends the session', async () => {
    const s = await login(api.app, 'vina');
    const me = await call(s, { url: '/api/session' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: { username: 'vina', role: 'viewer' }, via: 'session', csrfToken: s.csrf });
    const out = await call(s, { method: 'DELETE', url: '/api/session' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await call(s, { url: '/api/session' })).statusCode).toBe(401);
  });

  it('5 failed logins for a username from one address → 429, even with the right password; other addresses unaffected', async () => {
    await addUser(api.rt.store, 'target', 'viewer');
    const attempt = (password: string, ip: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'target', password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 5; i++) expect((await attempt('not-the-password', '10.1.1.1')).statusCode).toBe(401);
    const blocked = await attempt(PASSWORD, '10.1.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(60); // most of the 15-minute window is left
    expect((await attempt(PASSWORD, '10.1.1.2')).statusCode).toBe(200);
  });

  it('a disabled account cannot log in and its sessions end', async () => {
    await addUser(api.rt.store, 'leaver', 'reviewer');
    const s = await login(api.app, 'leaver');
    const r = await call(admin, { method: 'PATCH', url: '/api/users/leaver', payload: { disabled: true } });
    expect(r.statusCode).toBe(200);
    expect((await call(s, { url: '/api/session' })).statusCode).toBe(401);
    await expect(login(api.app, 'leaver')).rejects.toThrow(/401/);
  });
});

describe('CSRF', () => {
  it('a state change with a session cookie needs the x-csrf-token header', async () => {
    const none = await call(reviewer, { method: 'POST', url: '/api/review/claim', headers: { 'x-csrf-token': '' } });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('csrf');
    const wrong = await call(reviewer, {
      method: 'POST',
      url: '/api/review/claim',
      headers: { 'x-csrf-token': admin.csrf },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await call(reviewer, { method: 'POST', url: '/api/review/claim' });
    expect(right.statusCode).toBe(200);
  });

  it('reads need no token', async () => {
    expect((await call(viewer, { url: '/api/documents' })).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('an admin creates a token (shown once, stored hashed); Bearer requests need no CSRF; a revoked token is refused', async () => {
    const created = await call(admin, {
      method: 'POST',
      url: '/api/tokens',
      payload: { username: 'rudi', label: 'nightly script' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^lkj_[\w-]{43}$/);
    const stored = await api.rt.store.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [id],
    );
    expect(stored[0]!.token_hash).not.toContain(token.slice(4));
    expect(JSON.stringify((await call(admin, { url: '/api/tokens' })).json())).not.toContain(token);

    const me = await call({ token }, { url: '/api/session' });
    expect(me.json()).toMatchObject({ user: { username: 'rudi', role: 'reviewer' }, via: 'token', csrfToken: null });
    expect((await call({ token }, { method: 'POST', url: '/api/review/claim' })).statusCode).toBe(200);

    expect((await call(admin, { method: 'DELETE', url: `/api/tokens/${id}` })).statusCode).toBe(200);
    const after = await call({ token }, { url: '/api/documents' });
    expect(after.statusCode).toBe(401);
    expect(
      (await call({ token: 'lkj_not-a-real-token-at-all-xxxxxxxxxxxxxxxxxxxx' }, { url: '/api/documents' })).statusCode,
    ).toBe(401);
    expect((await api.app.inject({ url: '/api/documents', headers: { authorization: 'Basic abc' } })).statusCode).toBe(
      401,
    );
  });
});

describe('roles', () => {
  it('viewers read but cannot act; reviewers act but cannot manage accounts or read the audit log', async () => {
    expect((await call(viewer, { url: '/api/review/queue' })).statusCode).toBe(200);
    const correct = await call(viewer, {
      method: 'POST',
      url: '/api/documents/1/corrections',
      payload: { table: '2.3', row: '1', field: 'capaian', value: 1 },
    });
    expect(correct.statusCode).toBe(403);
    expect(correct.json().error.code).toBe('forbidden');
    expect((await call(viewer, { method: 'POST', url: '/api/review/claim' })).statusCode).toBe(403);
    const upload = multipart([{ name: 'a.pdf', bytes: Buffer.from('%PDF-1.4 tiny') }]);
    expect((await call(viewer, { method: 'POST', url: '/api/documents', ...upload })).statusCode).toBe(403);
    expect(await api.rt.store.documentsWhere('all')).toEqual([]);
    const mkUser = await call(reviewer, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'eve', role: 'admin' },
    });
    expect(mkUser.statusCode).toBe(403);
    expect((await call(reviewer, { url: '/api/audit' })).statusCode).toBe(403);
    expect(
      (await call(reviewer, { method: 'POST', url: '/api/tokens', payload: { username: 'rudi' } })).statusCode,
    ).toBe(403);
    expect((await call(admin, { url: '/api/audit' })).statusCode).toBe(200);
  });

  it('an admin creates accounts (a generated password returned once) and changes roles', async () => {
    const r = await call(admin, { method: 'POST', url: '/api/users', payload: { username: 'Budi', role: 'viewer' } });
    expect(r.statusCode).toBe(201);
    const { user, password } = r.json();
    expect(user).toMatchObject({ username: 'budi', role: 'viewer', disabled: false });
    expect(password).toMatch(/^[\w-]{20}$/);
    await login(api.app, 'budi', password);
    expect(
      (await call(admin, { method: 'POST', url: '/api/users', payload: { username: 'budi', role: 'viewer' } }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await call(admin, {
          method: 'POST',
          url: '/api/users',
          payload: { username: 'weak', role: 'viewer', password: 'short' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(admin, { method: 'POST', url: '/api/users', payload: { username: '../etc', role: 'viewer' } }))
        .statusCode,
    ).toBe(400);
    const up = await call(admin, { method: 'PATCH', url: '/api/users/budi', payload: { role: 'reviewer' } });
    expect(up.json().role).toBe('reviewer');
    expect(
      (await call(admin, { method: 'PATCH', url: '/api/users/ana', payload: { role: 'viewer' } })).statusCode,
    ).toBe(409);
    expect((await call(admin, { url: '/api/users' })).json().map((u: { username: string }) => u.username)).toContain(
      'budi',
    );
  });
});

describe('every non-public route', () => {
  it('answers 401 without credentials, 401 with a bad token', async () => {
    const specs = api.ctx.routes.specs.filter((s) => s.access !== 'public');
    expect(specs.length).toBeGreaterThan(20);
    for (const s of specs) {
      const url = s.url
        .replace(':table', '2.3')
        .replace(':format', 'csv')
        .replace(':what', 'findings')
        .replace(':username', 'ana')
        .replace(/:\w+/g, '1');
      const anon = await api.app.inject({ method: s.method, url, payload: s.method === 'GET' ? undefined : {} });
      expect(anon.statusCode, `${s.method} ${s.url}`).toBe(401);
      expect(anon.json().error.code).toBe('unauthenticated');
      const forged = await api.app.inject({
        method: s.method,
        url,
        headers: { authorization: 'Bearer lkj_forgedforgedforgedforgedforgedforgedforge' },
      });
      expect(forged.statusCode, `${s.method} ${s.url}`).toBe(401);
    }
  });

  it('the audit log has no route that changes it', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      const r = await api.app.inject({
        method,
        url: '/api/audit',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        payload: {},
      });
      expect(r.statusCode, method).toBe(404);
    }
    expect(api.ctx.routes.specs.filter((s) => s.url.startsWith('/api/audit')).map((s) => s.method)).toEqual(['GET']);
  });
});

describe('headers and static files', () => {
  it('every response carries the strict CSP, nosniff and no framing', async () => {
    const responses = [
      await api.app.inject({ url: '/' }),
      await api.app.inject({ url: '/docs' }),
      await api.app.inject({ url: '/api/documents' }),
      await api.app.inject({ url: '/api/nope' }),
      await call(viewer, { url: '/api/documents' }),
      await api.app.inject({ url: '/api/health' }),
      await api.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: '{bad json',
        headers: { 'content-type': 'application/json' },
      }),
    ];
    for (const r of responses) {
      expect(r.headers['content-security-policy'], r.raw.req.url).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data:");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(responses[2]!.headers['cache-control']).toBe('no-store');
  });

  it('serves the web app, falls back to index.html for app paths, never leaves the web folder', async () => {
    const index = await api.app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.body).not.toMatch(/<script(?![^>]*\bsrc=)/i); // no inline script
    expect((await api.app.inject({ url: '/app.css' })).headers['content-type']).toContain('text/css');
    expect((await api.app.inject({ url: '/review/12' })).body).toBe(index.body);
    for (const url of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fsrc%2fapi%2fserver.ts',
      '/web/index.html.bak',
      '/x.js',
    ]) {
      const r = await api.app.inject({ url });
      expect(r.statusCode, url).toBe(404);
      expect(r.body).not.toContain('"name": "lkj"');
    }
  });

  it('the API documentation is generated from the route schemas', async () => {
    const r = await api.app.inject({ url: '/docs/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const s of api.ctx.routes.specs) {
      const p = s.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[p]?.[s.method.toLowerCase()];
      expect(op, `${s.method} ${p}`).toBeDefined();
      expect(op['x-access']).toBe(s.access);
    }
    expect(
      doc.paths['/api/documents/{id}'].get.responses['200'].content['application/json'].schema.properties.report,
    ).toBeDefined();
    expect(
      doc.paths['/api/documents/{id}/corrections'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['table', 'row', 'field', 'value']));
    const page = await api.app.inject({ url: '/docs' });
    expect(page.body).toContain('/api/documents/:id/discrepancies/:index/evidence.png');
    expect(page.body).not.toMatch(/<script|<style|style=/i);
  });
});
