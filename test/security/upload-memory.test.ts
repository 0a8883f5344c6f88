/**
 * Issue 12 item 1: the upload check opened the whole PDF in the server's process: 190 MB of
 * `%PDF-1.4` and zeros (under the 200 MB limit) ended `lkj serve` with "JavaScript heap out of
 * memory" after ~60 s at 4.8 GB. Uploads are now streamed to disk and checked in capped child
 * processes: the real `lkj serve` takes three such uploads at once, refuses each (413, audited),
 * keeps answering, and its own resident memory stays under the bound below.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCli, spawnCli, waitFor, type CliProcess } from '../helpers/services.js';

/** `lkj serve`'s resident memory may not pass this (MB); idle it holds ~200 MB. */
const SERVER_RSS_BOUND_MB = 600;
const ZERO_MB = Number(process.env.LKJ_TEST_ZERO_MB ?? 190);

const PROBE = `const url = process.argv[1];
(async () => { for (;;) { const t = Date.now();
  const ok = await fetch(url, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
  process.stdout.write(JSON.stringify({ ok, ms: Date.now() - t }) + '\\n');
  await new Promise((r) => setTimeout(r, 500)); } })();`;

let dir: string;
let server: CliProcess;
let base: string;
let cookie = '',
  csrf = '';
const env = () => ({ LKJ_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', REDIS_URL: '', LKJ_SAMPLES: '0' });

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-upmem-'));
  const add = await runCli(
    ['user', 'add', 'rev', '--role', 'admin', '--password-stdin'],
    env(),
    'a long enough password\n',
  );
  expect(add.code, add.stderr).toBe(0);
  const port = await freePort();
  server = spawnCli(['serve', '--port', String(port), '--host', '127.0.0.1'], env());
  base = `http://127.0.0.1:${port}`;
  await waitFor(async () => server.output().includes(base), 120_000, 'lkj serve to listen');
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'rev', password: 'a long enough password' }),
  });
  cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
}, 180_000);

afterAll(async () => {
  if (server && server.proc.exitCode === null) {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
  await fs.rm(dir, { recursive: true, force: true });
});

describe('an upload cannot exhaust the server', () => {
  it(`three concurrent ${ZERO_MB} MB uploads of %PDF-1.4 and zeros: refused, audited, the server answering throughout`, {
    timeout: 300_000,
  }, async () => {
    // guard the machine: a server that runs away is stopped (and the test fails on its RSS)
    const before = server.peakRssMb();
    const guard = setInterval(() => {
      if (server.peakRssMb() > 3000) server.proc.kill('SIGKILL');
    }, 200);
    const zeros = new Uint8Array(ZERO_MB * 2 ** 20);
    zeros.set(Buffer.from('%PDF-1.4\n'));
    const blob = new Blob([zeros], { type: 'application/pdf' });
    const upload = (name: string) => {
      const form = new FormData();
      form.append('files', blob, name);
      return fetch(`${base}/api/documents`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
    };
    // /api/health polled from a process of its own (this one is busy sending 570 MB)
    const probe = spawn(process.execPath, ['-e', PROBE, `${base}/api/health`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let probeOut = '';
    probe.stdout.on('data', (d) => {
      probeOut += d;
    });
    try {
      const answers = await Promise.all(
        ['z1.pdf', 'z2.pdf', 'z3.pdf'].map(async (n) => {
          const r = await upload(n);
          return {
            status: r.status,
            body: (await r.json()) as { file: string; error?: { code: string; message: string } }[],
          };
        }),
      );
      for (const a of answers) {
        expect(a.status).toBe(413);
        expect(a.body[0]!.error!.code).toBe('too-large');
        expect(a.body[0]!.error!.message).toMatch(
          /could not be checked within the limits|tidak dapat diperiksa dalam batasnya/,
        );
      }
    } finally {
      probe.kill('SIGTERM');
      await new Promise((r) => probe.once('exit', r));
      clearInterval(guard);
    }
    const probes = probeOut
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { ok: boolean; ms: number });
    const healthChecks = probes.length,
      down = probes.filter((p) => !p.ok).length,
      slowest = Math.max(...probes.map((p) => p.ms));
    expect(server.proc.exitCode).toBeNull(); // still up
    expect(down).toBe(0);
    expect(healthChecks).toBeGreaterThan(3);
    expect(slowest).toBeLessThan(2000);
    const audit = (await (await fetch(`${base}/api/audit?action=upload-rejected`, { headers: { cookie } })).json()) as {
      items: { detail: { file: string; error: { code: string } } }[];
    };
    expect(audit.items.map((i) => i.detail.file).sort()).toEqual(['z1.pdf', 'z2.pdf', 'z3.pdf']);
    // what the server process itself held at most (the checks ran in children, killed at their own cap)
    process.stdout.write(
      `lkj serve peak RSS: ${Math.round(before)} MB before the uploads, ${Math.round(server.peakRssMb())} MB during them (bound ${SERVER_RSS_BOUND_MB} MB); /api/health ${healthChecks}× answered, slowest ${slowest} ms\n`,
    );
    expect(server.peakRssMb()).toBeLessThan(SERVER_RSS_BOUND_MB);
  });

  it('a real PDF uploaded after them is accepted', { timeout: 120_000 }, async () => {
    const form = new FormData();
    form.append(
      'files',
      new Blob([await fs.readFile(path.resolve('fixtures/corpus/born/dau-tw4-2025.pdf'))]),
      'dau.pdf',
    );
    const r = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: form,
    });
    expect(r.status).toBe(201);
  });
});
