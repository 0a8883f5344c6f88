/**
 * `npm start` as a newcomer runs it: `lkj serve` on an empty data folder creates the first admin
 * (printed once), loads the sample reports and processes them in the background; `lkj user add`,
 * `lkj token create`, `lkj status` and `lkj report` work between runs and while it serves (through
 * the server's socket in the data folder). Real processes, real HTTP.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/api/security-headers.js';
import { CLI, freePort, ROOT, spawnCli, waitFor, type CliProcess } from '../helpers/services.js';

let dir: string;
// embedded mode whatever the machine's environment says; no scanned samples (OCR takes minutes here)
const env = () => ({ LKJ_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '', LKJ_SAMPLE_SCANS: '0' });

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-serve-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Run the CLI to completion with `input` on stdin. */
function run(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '',
      stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(input);
  });
}

async function serve(port: number): Promise<CliProcess> {
  const p = spawnCli(['serve'], { ...env(), PORT: String(port) });
  await waitFor(async () => p.output().includes(`http://localhost:${port}`), 90_000, 'lkj serve to listen');
  return p;
}

async function stop(p: CliProcess): Promise<number | null> {
  p.proc.kill('SIGTERM');
  return p.exited;
}

async function loginHttp(
  base: string,
  username: string,
  password: string,
): Promise<{ cookie: string; csrf: string; status: number }> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await r.json()) as { csrfToken?: string };
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken ?? '', status: r.status };
}

// a first start creates the database and processes 16 samples: on a loaded machine that is minutes
describe('lkj serve', { timeout: 300_000 }, () => {
  it('first start: prints the admin credentials once, loads and processes the samples, serves the app', async () => {
    const port = await freePort();
    const p = await serve(port);
    const base = `http://localhost:${port}`;
    try {
      const password = /kata sandi: (\S+)/.exec(p.output())?.[1];
      expect(p.output()).toContain('nama pengguna: admin');
      expect(password).toMatch(/^[\w-]{20}$/);
      const s = await loginHttp(base, 'admin', password!);
      expect(s.status).toBe(200);
      const queue = await waitFor(
        async () => {
          const q = (await (await fetch(`${base}/api/review/queue`, { headers: { cookie: s.cookie } })).json()) as {
            total: number;
          };
          return q.total === 10 ? q : null; // the 10 flagged born-digital samples
        },
        120_000,
        'the samples to be processed',
      );
      expect(queue.total).toBe(10);
      const home = await fetch(`${base}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await home.text()).toContain('<html');
      expect((await fetch(`${base}/docs`)).status).toBe(200);
    } finally {
      expect(await stop(p)).toBe(0);
    }
    expect(p.output().match(/kata sandi:/g)).toHaveLength(1);
  });

  it('lkj user add and lkj token create; a second start creates no admin and loads no samples again', async () => {
    const add = await run(
      ['user', 'add', 'Rudi', '--role', 'reviewer', '--password-stdin'],
      'a long enough password\n',
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('pengguna rudi (reviewer) dibuat');
    expect(add.stdout).not.toContain('kata sandi:');
    const gen = await run(['user', 'add', 'vina', '--role', 'viewer']);
    expect(gen.code, gen.stderr).toBe(0);
    const vinaPassword = /kata sandi: (\S+)/.exec(gen.stdout)?.[1];
    expect(vinaPassword).toMatch(/^[\w-]{20}$/);
    expect(
      (await run(['user', 'add', 'rudi', '--role', 'admin', '--password-stdin'], 'another good password')).code,
    ).not.toBe(0);
    expect((await run(['user', 'add', 'x', '--role', 'boss', '--password-stdin'], 'another good password')).code).toBe(
      2,
    );
    expect((await run(['user', 'add', 'weak', '--role', 'viewer', '--password-stdin'], 'short')).stderr).toMatch(
      /minimal 10 karakter/,
    );
    const tok = await run(['token', 'create', 'rudi', '--label', 'ci']);
    expect(tok.code, tok.stderr).toBe(0);
    const token = tok.stdout.trim();
    expect(token).toMatch(/^lkj_[\w-]{43}$/);
    const list = await run(['token', 'list']);
    expect(list.stdout).toMatch(/^\d+\trudi\tci\taktif/m);
    expect(list.stdout).not.toContain(token);

    const port = await freePort();
    const p = await serve(port);
    const base = `http://localhost:${port}`;
    try {
      expect(p.output()).not.toContain('kata sandi:');
      expect(p.output()).not.toContain('laporan contoh');
      // the server holds the embedded database and lets the admin commands in through its socket
      const users = await run(['user', 'list']);
      expect(users.code, users.stderr).toBe(0);
      expect(users.stdout).toMatch(/^rudi\treviewer$/m);
      const sari = await run(
        ['user', 'add', 'sari', '--role', 'reviewer', '--password-stdin'],
        'sari has a long password\n',
      );
      expect(sari.code, sari.stderr).toBe(0);
      expect((await loginHttp(base, 'sari', 'sari has a long password')).status).toBe(200);
      const sariToken = await run(['token', 'create', 'sari', '--label', 'while serving']);
      expect(sariToken.code, sariToken.stderr).toBe(0);
      const bearer = { authorization: `Bearer ${sariToken.stdout.trim()}` };
      expect((await fetch(`${base}/api/session`, { headers: bearer })).status).toBe(200);
      const status = await run(['status', '--json']);
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ mode: 'embedded', documents: { total: 16, pending: 0 } });
      const text = await run(['status']);
      expect(text.stdout).toMatch(/^tertanam \(.*`lkj serve` \(pid \d+\)\)$/m);
      const report = await run(['report', '1', '--json']);
      expect(report.code, report.stderr).toBe(0);
      expect(JSON.parse(report.stdout)).toHaveProperty('schemaVersion');
      const tokenId = /^(\d+)\tsari\t/m.exec((await run(['token', 'list'])).stdout)?.[1];
      expect((await run(['token', 'revoke', tokenId!])).code).toBe(0);
      expect((await fetch(`${base}/api/session`, { headers: bearer })).status).toBe(401);
      // a command that would process documents beside the server is refused, and told what to use
      const busy = await run(['run', path.join(ROOT, 'fixtures/corpus/born/dau-tw4-2025.pdf')]);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toMatch(/`lkj serve` \(pid \d+\) sedang memakai .* `lkj ingest`/);
      const me = await (await fetch(`${base}/api/session`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(me).toMatchObject({ user: { username: 'rudi', role: 'reviewer' }, via: 'token' });
      expect((await loginHttp(base, 'rudi', 'a long enough password')).status).toBe(200);
      expect((await loginHttp(base, 'vina', vinaPassword!)).status).toBe(200);
      const docs = (await (
        await fetch(`${base}/api/documents?limit=1`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { total: number };
      expect(docs.total).toBe(16); // the 16 born-digital samples, not loaded twice
    } finally {
      expect(await stop(p)).toBe(0);
    }
  });
});
