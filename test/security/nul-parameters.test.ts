/**
 * Issue 12 item 7: a NUL (or a lone surrogate) in a text parameter reached PostgreSQL, which refuses
 * it: a 500 with a stack in the log, before authentication too (the login name). Every route's
 * parameters, query and body are now refused with 400 before any query, on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, loadFixtures, login, requester, startApi, type Session, type TestApi } from '../api/helpers.js';
import { unstorableText } from '../../src/api/route.js';
import { freshDatabase } from '../helpers/services.js';
import { capturedLogger } from '../helpers/log.js';

function suite(databaseUrl: () => Promise<{ url?: string; drop(): Promise<void> }>) {
  let api: TestApi;
  let drop: () => Promise<void>;
  const log = capturedLogger('info');
  let admin: Session, reviewer: Session;
  let docId: number;
  beforeAll(async () => {
    const db = await databaseUrl();
    drop = db.drop;
    api = await startApi({ databaseUrl: db.url, opts: { logger: log.logger } });
    await addUser(api.rt.store, 'root', 'admin');
    await addUser(api.rt.store, 'sari', 'reviewer');
    admin = await login(api.app, 'root');
    reviewer = await login(api.app, 'sari');
    docId = (await loadFixtures(api.rt.store, ['candipuro-tw2-2024.pdf'])).get('candipuro-tw2-2024.pdf')!.id;
  });
  afterAll(async () => {
    await api?.close();
    await drop?.();
  });

  const refused = async (who: Session | null, o: Parameters<ReturnType<typeof requester>>[1]) => {
    const r = await requester(api.app)(who, o);
    expect(r.statusCode, `${o.method ?? 'GET'} ${o.url}: ${r.body}`).toBe(400);
    expect(r.json().error.code).toBe('bad-request');
    expect(r.json().error.message).toMatch(/cannot be stored/);
  };

  it('a login name or password with NUL: 400 before authentication, nothing in the log', async () => {
    await refused(null, { method: 'POST', url: '/api/session', payload: { username: 'admin\u0000', password: 'x' } });
    await refused(null, {
      method: 'POST',
      url: '/api/session',
      payload: { username: 'root', password: 'pass\u0000word' },
    });
  });

  it('filters with NUL: 400', async () => {
    await refused(reviewer, { method: 'GET', url: '/api/documents?q=%00' });
    await refused(reviewer, { method: 'GET', url: '/api/documents?kecamatan=a%00b' });
    await refused(reviewer, { method: 'GET', url: '/api/review/queue?kecamatan=%00' });
    await refused(reviewer, { method: 'GET', url: '/api/exports/findings.csv?q=%00' });
    await refused(admin, { method: 'GET', url: '/api/audit?actor=%00' });
  });

  it('a dismiss reason, a note, a corrected value or a token label with NUL or a lone surrogate: 400', async () => {
    await refused(reviewer, {
      method: 'POST',
      url: `/api/documents/${docId}/discrepancies/0/dismiss`,
      payload: { reason: 'salah\u0000baca' },
    });
    await refused(reviewer, {
      method: 'POST',
      url: `/api/documents/${docId}/discrepancies/0/dismiss`,
      payload: { reason: 'salah \ud800 baca' },
    });
    await refused(reviewer, {
      method: 'POST',
      url: `/api/documents/${docId}/discrepancies/0/confirm`,
      payload: { note: '\u0000' },
    });
    await refused(reviewer, {
      method: 'POST',
      url: `/api/documents/${docId}/corrections`,
      payload: { table: '2.5', row: 'JUMLAH', field: 'realisasi', value: '1\u00000' },
    });
    await refused(admin, { method: 'POST', url: '/api/tokens', payload: { username: 'sari', label: 'bot\u0000' } });
  });

  it('no 500 was answered, no stack was logged', () => {
    expect(log.lines.length).toBeGreaterThan(0); // the requests were logged
    expect(log.lines.filter((l) => l.level === 'error' || l.err !== undefined)).toEqual([]);
    expect(log.lines.filter((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 500)).toEqual([]);
  });
}

describe('NUL in text parameters, embedded (PGlite)', () => {
  suite(async () => ({ drop: async () => {} }));
});

describe('NUL in text parameters, PostgreSQL', () => {
  suite(async () => freshDatabase());
});

describe('unstorableText', () => {
  it('finds NUL and lone surrogates in nested values and keys, passes paired surrogates', () => {
    expect(unstorableText({ a: ['ok', { b: 'x\u0000' }] })).toBe('a.1.b');
    expect(unstorableText({ 'k\u0000': 1 })).toBe('k\u0000');
    expect(unstorableText('\udc00')).toBe('');
    expect(unstorableText({ a: 'emoji \ud83d\ude00, tab\t, newline\n' })).toBeNull();
  });
});
