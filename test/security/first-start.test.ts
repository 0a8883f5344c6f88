/**
 * Issue 12 item 9: the first-start admin was created before `listen`; with the port taken the
 * server stopped, the password was never shown and the account existed. Now it is created once the
 * server listens. Real processes, a real port held by another socket.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { Users } from '../../src/store/users.js';
import { freePort, runCli, spawnCli, waitFor } from '../helpers/services.js';

let dir: string;
const env = () => ({ LKJ_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '', LKJ_SAMPLES: '0' });
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-first-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function accounts(): Promise<number> {
  const store = await openStore({ dataDir: dir });
  try {
    return await new Users(store.db).count();
  } finally {
    await store.close();
  }
}

describe('first start', () => {
  it('with the port taken: lkj serve fails and creates no account; the next start creates it and shows its password', {
    timeout: 240_000,
  }, async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((r) =>
      blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const r = await runCli(['serve', '--port', String(port), '--host', '127.0.0.1'], env());
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/EADDRINUSE/);
      expect(r.stdout).not.toMatch(/kata sandi|password/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    expect(await accounts()).toBe(0);

    const free = await freePort();
    const p = spawnCli(['serve', '--port', String(free), '--host', '127.0.0.1'], env());
    try {
      // the CLI speaks Indonesian unless told otherwise
      await waitFor(async () => /kata sandi: \S+/.test(p.output()), 120_000, 'the first-start credentials');
      const password = /kata sandi: (\S+)/.exec(p.output())![1]!;
      const login = await fetch(`http://127.0.0.1:${free}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      p.proc.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    }
  });
});
