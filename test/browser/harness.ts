/**
 * The review app under a real browser: the real server (buildServer over an embedded PGlite in a
 * temp LKJ_DATA_DIR, listening on a free loopback port, processing uploads in the background as
 * `lkj serve` does) serving the built app from dist/web, and Debian's chromium driven by
 * playwright-core.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { assertChromium, launchChromium } from '../helpers/chromium.js';
import { buildServer, type Server } from '../../src/api/server.js';
import { hashPassword } from '../../src/accounts/passwords.js';
import type { Role } from '../../src/accounts/roles.js';
import { ingestBytes, processInline, PRIORITY } from '../../src/jobs/stages.js';
import type { Runtime } from '../../src/queue/runtime.js';
import { openStore, type Store } from '../../src/store/store.js';
import { Users } from '../../src/store/users.js';
import { quietLogger } from '../helpers/log.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BORN = path.join(ROOT, 'fixtures/corpus/born');
export const WEB_DIST = path.join(ROOT, 'dist/web');
/**
 * Screenshots land in docs/screenshots only when asked (`npm run screenshots`); an ordinary test run
 * takes them in a temporary folder, so running the tests leaves the checkout as it was.
 */
export const SCREENSHOTS = process.env.LKJ_SCREENSHOTS_DIR
  ? path.resolve(ROOT, process.env.LKJ_SCREENSHOTS_DIR)
  : path.join(os.tmpdir(), 'lkj-screenshots');
export const PASSWORD = 'correct horse battery';

export interface AppUnderTest {
  base: string;
  store: Store;
  server: Server;
  browser: Browser;
  /** a fresh browser profile (its own cookies and localStorage); 1440×900 unless told */
  context(o?: BrowserContextOptions): Promise<BrowserContext>;
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
  const server = await buildServer(rt, {
    dataDir: dir,
    webDir: WEB_DIST,
    processing: 'background',
    logger: quietLogger(),
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as { port: number };
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    base: `http://127.0.0.1:${port}`,
    store,
    server,
    browser,
    async context(o: BrowserContextOptions = {}) {
      const c = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        acceptDownloads: true,
        baseURL: `http://127.0.0.1:${port}`,
        ...o,
      });
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

/**
 * Another report of the same unit for another period, as the inspectorate receives each quarter:
 * the fixture's bytes made distinct (a PDF comment after the end), its period and Tabel 2.3 capaian
 * changed in the stored report.
 */
export async function loadPeriodCopy(
  store: Store,
  file: string,
  period: { kind: 'tribulan' | 'semester' | 'tahunan'; number: number | null; year: number },
  capaianScale: number,
): Promise<number> {
  const bytes = Buffer.concat([
    await fs.readFile(path.join(BORN, file)),
    Buffer.from(`\n% ${period.kind} ${period.number} ${period.year}\n`),
  ]);
  const name = file.replace(/-(tw|sem)?\d*-?\d{4}\.pdf$/, `-${period.kind}${period.number ?? ''}-${period.year}.pdf`);
  const r = await ingestBytes(store, bytes, name, { priority: PRIORITY.bulk });
  if (r.outcome !== 'queued') throw new Error(`${file}: ${r.outcome}`);
  await processInline(store, r.doc);
  const cur = (await store.current(r.doc.id))!;
  const report = structuredClone(cur.report);
  report.report.period = period;
  for (const row of report.tables['2.3'])
    if (typeof row.capaian === 'number') row.capaian = Math.round(row.capaian * capaianScale * 100) / 100;
  await store.saveRevision(r.doc.id, 'correction', report, cur.analysis);
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

/** The viewport as a PNG in SCREENSHOTS, quantised to a palette (a few tens of kB each). */
export async function screenshot(
  page: Page,
  name: string,
  o: { keepScroll?: boolean; fullPage?: boolean } = {},
): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  if (!o.keepScroll) await page.evaluate(() => window.scrollTo(0, 0));
  const png = await page.screenshot({ fullPage: o.fullPage ?? false });
  await sharp(png)
    .png({ palette: true, quality: 80, effort: 10, compressionLevel: 9 })
    .toFile(path.join(SCREENSHOTS, `${name}.png`));
}

/** Phones (390×844, touch, no hover) or a desktop window (1440×900). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 1,
} as const;
export const DESKTOP = { viewport: { width: 1440, height: 900 } } as const;

/**
 * Everything that ran in the page that should not have: dialogs opened, console errors, CSP
 * violations (an inline script or handler the CSP blocked is still an attempt worth failing on).
 */
export function watchPage(page: Page): { dialogs: string[]; errors: string[]; cspViolations: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[], cspViolations: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
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
