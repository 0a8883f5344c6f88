/**
 * The review app under a real browser: the real server (buildServer over an embedded PGlite in a
 * temp LKJ_DATA_DIR, listening on a free loopback port, processing uploads in the background as
 * `lkj serve` does) serving the built app from dist/web, and Debian's chromium driven by
 * playwright-core.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertChromium, launchChromium } from '../helpers/chromium.js';
import { buildServer, type Server } from '../../src/api/server.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import type { Role } from '../../src/accounts/roles.js';
import { ingestBytes, processInline, PRIORITY } from '../../src/jobs/stages.js';
import type { Runtime } from '../../src/queue/runtime.js';
import { openStore, type Store } from '../../src/store/store.js';
import { Users } from '../../src/store/users.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BORN = path.join(ROOT, 'fixtures/corpus/born');
export const WEB_DIST = path.join(ROOT, 'dist/web');
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
export const PASSWORD = 'correct horse battery';


export interface AppUnderTest {
  base: string;
  store: Store;
  server: Server;
  browser: Browser;
  /** a fresh browser profile (its own cookies and localStorage) */
  context(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startApp(): Promise<AppUnderTest> {
  await fs.access(path.join(WEB_DIST, 'index.html')).catch(() => {
    throw new Error(`${WEB_DIST}/index.html is missing: run \`npm run build\` (npm test does) first`);
  });
  await assertChromium();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-browser-'));
  const store = await openStore({ dataDir: dir });
  const rt: Runtime = { mode: 'embedded', store, redisUrl: null, queue: null, close: () => store.close() };
  const server = await buildServer(rt, { dataDir: dir, webDir: WEB_DIST, processing: 'background', log: () => {} });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as { port: number };
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    base: `http://127.0.0.1:${port}`, store, server, browser,
    async context() {
      const c = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, baseURL: `http://127.0.0.1:${port}` });
      contexts.push(c);
      return c;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.app.close();
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function addUser(store: Store, username: string, role: Role): Promise<void> {
  await new Users(store.db).create(username, role, await hashPassword(PASSWORD));
}

/** Store and process fixtures in this process (deterministic: done before the browser looks). */
export async function loadFixture(store: Store, file: string, name = file): Promise<number> {
  const r = await ingestBytes(store, await fs.readFile(path.join(BORN, file)), name, { priority: PRIORITY.bulk });
  if (r.outcome !== 'queued') throw new Error(`${file}: ${r.outcome}`);
  await processInline(store, r.doc);
  return r.doc.id;
}

/** Log in through the login form. */
export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form.login button[type="submit"]').click();
  await page.locator('header.top .who').getByText(username).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Everything that ran in the page that should not have: dialogs opened, console errors, CSP
 * violations (an inline script or handler the CSP blocked is still an attempt worth failing on).
 */
export function watchPage(page: Page): { dialogs: string[]; errors: string[]; cspViolations: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[], cspViolations: [] as string[] };
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/Content Security Policy/i.test(text)) seen.cspViolations.push(text);
    // expected: a refused upload answers 4xx, a 409 when another reviewer holds the report
    else if (!/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) seen.errors.push(text);
  });
  return seen;
}
