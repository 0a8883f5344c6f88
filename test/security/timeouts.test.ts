/**
 * Issue 12 item 8: a multipart upload whose file name holds a bare LF, with a body of 20 KB or more,
 * was never answered (the parser stops reading it, and fastify turns Node's request timeout off).
 * The server now has header, request and idle timeouts: such a request gets 408 and is closed.
 * A real listening server on 127.0.0.1, raw sockets.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, login, startApi, type Session, type TestApi } from '../api/helpers.js';

let api: TestApi;
let port: number;
let s: Session;

beforeAll(async () => {
  api = await startApi({
    opts: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, idleTimeoutMs: 60_000, bodyIdleMs: 1500 },
  });
  await addUser(api.rt.store, 'rev', 'reviewer');
  s = await login(api.app, 'rev');
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  port = (api.app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await api?.close();
});

/** Send `chunks` on a fresh connection; what came back (status line) and when, or null after `waitMs`. */
function exchange(
  chunks: (string | Buffer)[],
  waitMs: number,
): Promise<{ status: string | null; ms: number; closed: boolean }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let got = '';
    const sock = net.connect(port, '127.0.0.1', () => {
      for (const c of chunks) sock.write(c);
    });
    const done = (closed: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ status: got ? got.split('\r\n')[0]! : null, ms: Date.now() - t0, closed });
    };
    const timer = setTimeout(() => done(false), waitMs);
    sock.on('data', (d) => {
      got += d;
    });
    sock.on('close', () => done(true));
    sock.on('error', () => {});
  });
}

describe('request timeouts', () => {
  it('a multipart file name with a bare LF and a 20 KB body is answered 408', async () => {
    const boundary = 'lkjB';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a\nb.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.alloc(20_000, 0x41),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const head =
      `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${s.cookie}\r\nx-csrf-token: ${s.csrf}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await exchange([head, body], 10_000);
    expect(r.status).toBe('HTTP/1.1 408 Request Timeout');
    expect(r.closed).toBe(true);
    // and the refusal is in the audit log
    const [row] = await api.rt.store.db.query<{ actor: string; detail: { error: { code: string } } }>(
      `SELECT actor, detail FROM audit_log WHERE action = 'upload-rejected' ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toMatchObject({ actor: 'rev', detail: { error: { code: 'request-timeout' } } });
  });

  it('headers that never finish are answered 408', async () => {
    const r = await exchange(['GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '], 10_000);
    expect(r.status).toBe('HTTP/1.1 408 Request Timeout');
  });

  it('a body that stops half way is answered 408', async () => {
    const r = await exchange(
      [
        `POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":`,
      ],
      10_000,
    );
    expect(r.status).toBe('HTTP/1.1 408 Request Timeout');
  });

  it('an ordinary request is answered at once', async () => {
    const r = await exchange(['GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'], 10_000);
    expect(r.status).toBe('HTTP/1.1 200 OK');
    expect(r.ms).toBeLessThan(1000);
  });
});
