/**
 * The API answers in the caller's language: Accept-Language (the web app sends its switch) or
 * ?lang=, Bahasa Indonesia when neither says. Codes stay the same whatever the language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, login, multipart, requester, startApi, type Session, type TestApi } from './helpers.js';

let api: TestApi;
let call: ReturnType<typeof requester>;
let reviewer: Session;

beforeAll(async () => {
  api = await startApi();
  call = requester(api.app);
  await addUser(api.rt.store, 'rudi', 'reviewer');
  reviewer = await login(api.app, 'rudi');
});
afterAll(async () => {
  await api?.close();
});

const lang = (l: string) => ({ 'accept-language': l });

describe('API messages', () => {
  it('a missing document: Indonesian by default and for id, English for en', async () => {
    const none = await call(reviewer, { url: '/api/documents/99999' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toEqual({ code: 'not-found', message: 'dokumen 99999 tidak ditemukan' });
    expect(
      (await call(reviewer, { url: '/api/documents/99999', headers: lang('id-ID,id;q=0.9') })).json().error.message,
    ).toBe('dokumen 99999 tidak ditemukan');
    expect(
      (await call(reviewer, { url: '/api/documents/99999', headers: lang('en-GB,en;q=0.8') })).json().error.message,
    ).toBe('document 99999 not found');
    expect((await call(reviewer, { url: '/api/documents/99999?lang=en' })).json().error.message).toBe(
      'document 99999 not found',
    );
  });

  it("a refused upload says why in the caller's language", async () => {
    const file = [{ name: 'catatan.pdf', bytes: Buffer.from('bukan laporan, hanya catatan') }];
    const id = await call(reviewer, {
      method: 'POST',
      url: '/api/documents',
      ...withHeaders(multipart(file), lang('id')),
    });
    expect(id.statusCode).toBe(415);
    expect(id.json()[0].error).toEqual({
      code: 'not-pdf',
      message: 'catatan.pdf: bukan PDF (tidak ada kepala %PDF-) dan bukan gambar yang didukung (PNG, JPEG, TIFF)',
    });
    const en = await call(reviewer, {
      method: 'POST',
      url: '/api/documents',
      ...withHeaders(multipart(file), lang('en')),
    });
    expect(en.json()[0].error.message).toBe(
      'catatan.pdf: not a PDF (no %PDF- header) nor a supported image (PNG, JPEG, TIFF)',
    );
  });

  it('request checks, logins and roles too', async () => {
    const bad = await call(reviewer, { url: '/api/documents?limit=0', headers: lang('id') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^parameter kueri "limit": Terlalu kecil/);
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'rudi', password: 'not it at all' },
      headers: lang('id'),
    });
    expect(wrong.json().error.message).toBe('nama pengguna atau kata sandi salah');
    const users = await call(reviewer, { url: '/api/users', headers: lang('id') });
    expect(users.statusCode).toBe(403);
    expect(users.json().error.message).toBe('ini memerlukan peran admin; rudi berperan reviewer');
  });
});

function withHeaders(m: { payload: Buffer; headers: Record<string, string> }, h: Record<string, string>) {
  return { payload: m.payload, headers: { ...m.headers, ...h } };
}
