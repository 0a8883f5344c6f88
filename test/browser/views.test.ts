/**
 * The app as reviewers and admins use it, in chromium at 1440×900 and on a phone (390×844, touch):
 * accounts and API tokens (a secret shown once), the reviewer's flow (loading state, the next
 * undecided finding in view in both panes after a decision, asked before marking a report with
 * undecided findings reviewed, a duplicate upload leading to the report already there, R7 against
 * the recomputed value, the evidence crop with row label and column header, a table cell bringing
 * the page into view, Tabel 2.4 headers whole words), the inspectorate's dashboard (kelengkapan,
 * per-unit lines across periods, flagged share by rule; readable charts), the Indonesian UI free of
 * English and contract keys, and every view without sideways scrolling on a phone. Takes the
 * screenshots in docs/screenshots at both sizes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  BORN,
  loadFixture,
  loadPeriodCopy,
  login,
  PHONE,
  screenshot,
  startApp,
  watchPage,
  type AppUnderTest,
} from './harness.js';

let app: AppUnderTest;
const ids: Record<string, number> = {};
const POLL = { timeout: 30_000 };

beforeAll(async () => {
  app = await startApp();
  await addUser(app.store, 'ani', 'admin');
  await addUser(app.store, 'rudi', 'reviewer');
  for (const f of [
    'candipuro-tw2-2024.pdf',
    'tempeh-tw2-2023.pdf',
    'glenmore-tw4-2024.pdf',
    'dau-tw4-2025.pdf',
    'rogojampi-tw2-2025.pdf',
  ])
    ids[f] = await loadFixture(app.store, f);
  // the same units in other quarters: the dashboard's lines and kelengkapan need more than one period
  await loadPeriodCopy(app.store, 'candipuro-tw2-2024.pdf', { kind: 'tribulan', number: 1, year: 2024 }, 0.6);
  await loadPeriodCopy(app.store, 'candipuro-tw2-2024.pdf', { kind: 'tribulan', number: 3, year: 2024 }, 1.8);
  await loadPeriodCopy(app.store, 'glenmore-tw4-2024.pdf', { kind: 'tribulan', number: 3, year: 2024 }, 0.9);
}, 300_000);
afterAll(async () => {
  await app?.close();
});

// ---- what the tests look at in the page ----------------------------------------------------

/** the page is no wider than the window: nothing scrolls sideways */
const overflow = (p: Page) =>
  p.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    window: window.innerWidth,
  }));

/** words of the headers that a line break cuts in two */
const brokenWords = (p: Page, selector: string) =>
  p.evaluate((sel) => {
    const out: string[] = [];
    for (const th of document.querySelectorAll(sel)) {
      const text = th.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) continue;
      const s = text.textContent ?? '';
      for (const m of s.matchAll(/\S+/g)) {
        const r = document.createRange();
        r.setStart(text, m.index);
        r.setEnd(text, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
    return out;
  }, selector);

/** `inner` lies within `outer`'s visible box (and the window), to a pixel: layout rounds to fractions of one */
const visibleIn = (p: Page, inner: string, outer: string) =>
  p.evaluate(
    ([i, o]) => {
      const a = document.querySelector(i!)?.getBoundingClientRect(),
        b = document.querySelector(o!)?.getBoundingClientRect();
      if (!a || !b) return false;
      return a.top >= b.top - 1 && a.bottom <= b.bottom + 1 && a.top >= -1 && a.bottom <= window.innerHeight + 1;
    },
    [inner, outer],
  );

/** English words and camelCase keys in the visible text of the Indonesian UI (data aside) */
const ENGLISH =
  /\b(the|of|and|with|not|found|error|report|review|reviewed|uncertain|flagged|clean|failed|version|user|password|ingest|correction|viewer|reviewer|galat|ragu|bertanda|direview)\b|\b[a-z]+[A-Z][a-zA-Z]*\b/g;
const english = (p: Page) =>
  p.evaluate((src) => {
    const re = new RegExp(src, 'g');
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point (innerText skips hidden elements)
    const text = document.body.innerText.replace(/\S+\.(pdf|png|jpg)\b/g, ' ');
    return text.match(re) ?? [];
  }, ENGLISH.source);

async function open(p: Page, url: string, ready: string): Promise<void> {
  await p.goto(url);
  await p.locator(ready).first().waitFor({ timeout: 60_000 });
}

// ---- desktop ----------------------------------------------------------------------------------

describe('at 1440×900', { timeout: 240_000 }, () => {
  let ctx: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watchPage>;
  beforeAll(async () => {
    ctx = await app.context();
    page = await ctx.newPage();
    seen = watchPage(page);
    await page.goto('/');
    await page.locator('#username').waitFor();
    await screenshot(page, 'login');
    await login(page, 'ani');
  });

  it('admin: adds a user (password shown once), makes and revokes an API token (shown once), disables an account', async () => {
    await open(page, '/admin', '#users-table');
    await page.locator('#new-user-name').fill('sari');
    await page.locator('#new-user-role').selectOption('reviewer');
    await page.locator('#new-user-submit').click();
    await page.locator('#secret').waitFor();
    const password = (await page.locator('#secret-value').textContent())!;
    expect(password).toMatch(/^[\w-]{20}$/);
    expect(await page.locator('#secret').textContent()).toContain('Hanya ditampilkan sekali');
    expect(await page.locator('tr[data-user="sari"] select').inputValue()).toBe('reviewer');
    const session = await fetch(`${app.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sari', password }),
    });
    expect(session.status).toBe(200);

    await page.locator('#new-token-user').selectOption('sari');
    await page.locator('#new-token-label').fill('skrip rekap');
    await page.locator('#new-token-submit').click();
    await expect.poll(() => page.locator('#secret-value').textContent(), POLL).toMatch(/^lkj_[\w-]{43}$/);
    const token = (await page.locator('#secret-value').textContent())!;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await fetch(`${app.base}/api/session`, { headers: bearer })).status).toBe(200);
    await screenshot(page, 'admin');
    // shown once: drawn again, the page has it no more
    await page.reload();
    await page.locator('#tokens-table').waitFor();
    expect(await page.locator('#secret').count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    const row = page.locator('#tokens-table tr', { hasText: 'skrip rekap' });
    expect(await row.locator('.badge').textContent()).toBe('aktif');
    await row.locator('button[data-action="revoke"]').click();
    await page.locator('#revoke-dialog-submit').click();
    await expect.poll(() => row.locator('.badge').textContent(), POLL).toBe('dicabut');
    expect((await fetch(`${app.base}/api/session`, { headers: bearer })).status).toBe(401);

    await page.locator('tr[data-user="sari"] button[data-action="disable"]').click();
    await expect.poll(() => page.locator('tr[data-user="sari"] .badge').textContent(), POLL).toBe('nonaktif');
    const refused = await fetch(`${app.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sari', password }),
    });
    expect(refused.status).toBe(401);
    // an admin cannot lock themself out
    expect(await page.locator('tr[data-user="ani"] button[data-action]').count()).toBe(0);
    expect(await english(page)).toEqual([]);
  });

  it('a reviewer has no accounts page', async () => {
    const c = await app.context();
    const p = await c.newPage();
    await login(p, 'rudi');
    expect(await p.locator('#nav-admin').count()).toBe(0);
    await open(p, '/admin', '#admin-only');
  });

  it('the report shows a loading state while it is fetched', async () => {
    const id = ids['candipuro-tw2-2024.pdf']!;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(`**/api/documents/${id}?*`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/documents/${id}`);
    await page.locator('#report-loading').waitFor();
    expect(await page.locator('#report-loading').getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('#report-loading').textContent()).toContain('Memuat laporan');
    release();
    await page.locator('article.finding').first().waitFor();
    expect(await page.locator('#report-loading').count()).toBe(0);
    await page.unroute(`**/api/documents/${id}?*`);
  });

  it('after confirm or dismiss the next undecided finding is selected and in view in both panes', async () => {
    const cards = page.locator('article.finding');
    expect(await cards.count()).toBeGreaterThan(8);
    await page.locator('#claim').click();
    await expect.poll(() => page.locator('#review-state').textContent(), POLL).toContain('Anda sedang mereviu');
    // a finding far down the list, so the pane has to scroll
    const start = cards.nth(6);
    await start.locator('header').click();
    const next = await cards.nth(7).getAttribute('data-index');
    await page.keyboard.press('c');
    await expect.poll(() => cards.nth(6).locator('.decision').count(), POLL).toBe(1);
    await expect.poll(() => page.locator('article.finding.selected').getAttribute('data-index'), POLL).toBe(next);
    await expect.poll(() => visibleIn(page, 'article.finding.selected', '#findings'), POLL).toBe(true);
    await expect.poll(() => visibleIn(page, '.page-box.box-selected', '.page-frame'), POLL).toBe(true);

    const after = await cards.nth(8).getAttribute('data-index');
    await page.keyboard.press('d');
    await page.locator('#dismiss-reason').fill('Sudah dijelaskan di lampiran');
    await page.locator('#dismiss-dialog-submit').click();
    await expect.poll(() => page.locator('article.finding.selected').getAttribute('data-index'), POLL).toBe(after);
    await expect.poll(() => visibleIn(page, 'article.finding.selected', '#findings'), POLL).toBe(true);
    await expect.poll(() => visibleIn(page, '.page-box.box-selected', '.page-frame'), POLL).toBe(true);
  });

  it('"Tandai selesai" with undecided findings asks first', async () => {
    await page.keyboard.press('r');
    const dialog = page.locator('#reviewed-dialog');
    await dialog.waitFor();
    const undecided = await page.locator('article.finding:not(.decided)').count();
    expect(await dialog.textContent()).toContain(`Masih ada ${undecided} temuan yang belum diputuskan`);
    await page.locator('#reviewed-dialog-cancel').click();
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    expect(await page.locator('#review-state').textContent()).not.toContain('selesai');
    await page.locator('#mark-reviewed').click();
    await page.locator('#reviewed-dialog-submit').click();
    await expect.poll(() => page.locator('#review-state').textContent(), POLL).toContain('selesai');
  });

  it('R7 two different stated values is compared with the recomputed value; the evidence crop has the row label and column header', async () => {
    const id = ids['candipuro-tw2-2024.pdf']!;
    await open(page, `/documents/${id}`, 'article.finding');
    const r7 = page.locator('article.finding[data-where="narrative/capaianKinerja/value"]', {
      hasText: 'nilai berbeda',
    });
    expect(await r7.count()).toBe(1);
    // the mean of the recomputed Tabel 2.3 capaian, not the narrative's other claim (42,38 %)
    expect(await r7.locator('.expected').textContent()).toBe('25,89%');
    expect(await r7.locator('header .where').textContent()).toBe('Narasi · Capaian kinerja');

    const card = page.locator('article.finding[data-where="2.5/JUMLAH/realisasi"]');
    const img = card.locator('img.evidence-crop');
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalHeight), POLL)
      .toBeGreaterThan(0);
    const size = await img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }));
    const analysis = (await app.store.analysis(id))!;
    const row = analysis.tables['2.5'].find((r) => r.no === 'JUMLAH')!;
    const header = analysis.headers!['2.5'].find((x) => x.page === row.page)!;
    const k = 150 / 72,
      cell = row.fields.realisasi!.bbox;
    // from the row label (No) to the cell across, the header's height and the row's down
    expect(size.w).toBeGreaterThanOrEqual((cell[2] - row.bbox[0]) * k);
    expect(size.h).toBeGreaterThanOrEqual((header.bbox[3] - header.bbox[1] + row.bbox[3] - row.bbox[1]) * k);
  });

  it('a click on a table cell brings the page into view; Tabel 2.4 headers break between words only', async () => {
    await page.locator('#table-2-3').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 400));
    const paneInView = () =>
      page.evaluate(() => {
        const r = document.querySelector('#page-pane')!.getBoundingClientRect();
        return r.bottom > 40 && r.top < window.innerHeight - 40;
      });
    expect(await paneInView()).toBe(false);
    await page.locator('td[data-cell="2.3/1/target"]').click();
    await expect.poll(paneInView, POLL).toBe(true);
    await expect.poll(() => page.locator('.page-box.box-cell').count(), POLL).toBe(1);
    expect(await brokenWords(page, '#table-2-4 th')).toEqual([]);
    expect(await english(page)).toEqual([]);
  });

  it('uploading a file already stored shows it as present, with a link to its report', async () => {
    await open(page, '/upload', '#upload-files');
    await page.locator('#upload-files').setInputFiles([
      {
        name: 'dau-lagi.pdf',
        mimeType: 'application/pdf',
        buffer: await fs.readFile(path.join(BORN, 'dau-tw4-2025.pdf')),
      },
    ]);
    await page.locator('#upload-submit').click();
    const item = page.locator('li.upload[data-file="dau-lagi.pdf"]');
    await expect.poll(() => item.getAttribute('data-duplicate'), POLL).toBe('true');
    expect(await item.locator('.badge').textContent()).toBe('sudah ada');
    const link = item.locator('a');
    expect(await link.textContent()).toBe('Buka laporan yang sudah ada');
    expect(await link.getAttribute('href')).toBe(`/documents/${ids['dau-tw4-2025.pdf']}`);
    await screenshot(page, 'upload');
    await link.click();
    await expect.poll(() => page.locator('#report-title').textContent(), POLL).toBe('dau-tw4-2025.pdf');
  });

  it('the dashboard: kelengkapan per unit and period, capaian and serapan per unit across periods, flagged share by rule', async () => {
    await open(page, '/dashboard', '#coverage-table');
    await page.locator('#chart-capaian svg').waitFor();
    await page.locator('#chart-nightly svg').waitFor();
    // Candipuro reported Tribulan I, II and III 2024; not the quarters only others reported
    const candipuro = page.locator('#coverage-table tbody tr', { hasText: 'Candipuro' });
    const states = await candipuro
      .locator('td')
      .evaluateAll((tds) =>
        tds.map((td) => `${(td as HTMLElement).dataset.period}=${(td as HTMLElement).dataset.state}`),
      );
    expect(states).toEqual(
      expect.arrayContaining([
        'Tribulan I 2024=flagged',
        'Tribulan II 2024=flagged',
        'Tribulan III 2024=flagged',
        'Tribulan II 2023=missing',
        'Tribulan IV 2024=missing',
      ]),
    );
    const heads = await page.locator('#coverage-table thead th').allTextContents();
    expect(heads.slice(1)).toEqual(
      [
        'Tribulan II 2023',
        'Tribulan I 2024',
        'Tribulan III 2024',
        'Tribulan II 2024',
        'Tribulan IV 2024',
        'Tribulan II 2025',
        'Tribulan IV 2025',
      ].sort((a, b) => order(a) - order(b)),
    );
    expect(await page.locator('#coverage-summary').textContent()).toBe('8 dari 35 laporan masuk');
    expect(await candipuro.locator('td[data-state="flagged"] a').first().getAttribute('href')).toMatch(
      /^\/\?scope=all&kecamatan=Candipuro&kabupaten=Lumajang&year=2024&period=tribulan-1$/,
    );

    // lines: one per unit, with a legend naming each
    const capaian = await page.locator('#chart-capaian svg').textContent();
    for (const unit of [
      'Candipuro · Kasi Pemberdayaan Masyarakat',
      'Glenmore · Kasi Pemberdayaan Masyarakat',
      'Dau · Kasi Pelayanan Umum',
    ])
      expect(capaian).toContain(unit);
    expect(await page.locator('#chart-capaian svg path[stroke-width="2"]').count()).toBeGreaterThanOrEqual(5);
    // every period on the axis, on two lines
    const axis = await page.locator('#chart-serapan svg text').allTextContents();
    for (const p of ['Tribulan II', 'Tribulan III', 'Tribulan IV', '2023', '2024', '2025']) expect(axis).toContain(p);
    // flagged share by rule: R5 in most reports, as a percentage of the read ones
    const rules = await page.locator('#chart-rules svg').textContent();
    expect(rules).toMatch(/R5/);
    expect(rules).toMatch(/\d+(,\d)?%/);
    expect(await page.locator('#stat-rules .rule-legend').textContent()).toContain('JUMLAH');
    // dates as Indonesian writes them
    const days = await page.locator('#chart-nightly svg text').allTextContents();
    expect(
      days.some((d) => /^\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)$/.test(d)),
      days.join('|'),
    ).toBe(true);
    // readable: no text under 11 px in any chart
    const sizes = await page
      .locator('.chart svg text')
      .evaluateAll((ts) =>
        ts.filter((el) => (el.textContent ?? '').trim()).map((el) => parseFloat(getComputedStyle(el).fontSize)),
      );
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    expect(await english(page)).toEqual([]);
    await screenshot(page, 'dashboard', { fullPage: true });
    expect(seen.cspViolations).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('queue and report screenshots; no English or contract keys there', async () => {
    await open(page, '/', '#queue-table');
    expect(await english(page)).toEqual([]);
    await screenshot(page, 'queue');
    await open(page, `/documents/${ids['glenmore-tw4-2024.pdf']}`, 'article.finding');
    await page.locator('article.finding').first().click();
    await expect.poll(() => page.locator('.page-box.box-selected').count(), POLL).toBe(1);
    expect(await english(page)).toEqual([]);
    await screenshot(page, 'report');
  });
});

/** chronological order of `Tribulan II 2024` labels */
function order(label: string): number {
  const [, n, y] = /^Tribulan (\w+) (\d{4})$/.exec(label)!;
  return Number(y) * 10 + ['I', 'II', 'III', 'IV'].indexOf(n!);
}

// ---- phone ------------------------------------------------------------------------------------

describe('on a phone, 390×844 with touch', { timeout: 240_000 }, () => {
  let page: Page;
  beforeAll(async () => {
    const ctx = await app.context(PHONE);
    page = await ctx.newPage();
    await page.goto('/');
    await page.locator('#username').waitFor();
    expect(await overflow(page)).toMatchObject({ scroll: 390 });
    await screenshot(page, 'login-390');
    await login(page, 'ani');
  });

  const fits = async () => {
    const o = await overflow(page);
    expect(o.scroll, `page ${o.scroll}px wide in ${o.window}`).toBeLessThanOrEqual(o.window);
    expect(o.body).toBeLessThanOrEqual(o.window);
  };
  const noKeyboardHints = async () => {
    for (const el of await page.locator('.shortcuts, .key-hint').all()) expect(await el.isVisible()).toBe(false);
  };

  it('the queue and all documents: rows as cards, nothing sideways, no keyboard legend', async () => {
    for (const url of ['/', '/?scope=all']) {
      await open(page, url, '#queue-table');
      await fits();
      await noKeyboardHints();
      expect(await page.locator('.shortcuts').count()).toBe(1); // there, but hidden on touch
      expect(await page.locator('#queue-table thead').isVisible()).toBe(false);
      const card = await page.locator('#queue-table tbody tr').first().boundingBox();
      expect(card!.width).toBeLessThanOrEqual(390);
      expect(
        await page
          .locator('#queue-table tbody td[data-label]')
          .first()
          .evaluate((td) => getComputedStyle(td, '::before').content),
      ).not.toBe('none');
    }
    await open(page, '/', '#queue-table');
    await screenshot(page, 'queue-390');
  });

  it('a report: the page fits, its tables scroll inside their box and keep readable columns', async () => {
    await open(page, `/documents/${ids['glenmore-tw4-2024.pdf']}`, 'article.finding');
    await page.locator('#table-2-4 table').waitFor();
    await fits();
    await noKeyboardHints();
    expect(await page.locator('#mark-reviewed').textContent()).toBe('Tandai selesai (r)'); // the key hint is in the DOM…
    expect(await page.locator('#mark-reviewed .key-hint').isVisible()).toBe(false); // …and hidden on touch
    for (const box of await page.locator('.table-scroll').all())
      expect((await box.boundingBox())!.x + (await box.boundingBox())!.width).toBeLessThanOrEqual(391);
    const t24 = page.locator('#table-2-4 table');
    const scroll = await page
      .locator('#table-2-4 .table-scroll')
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll.scroll).toBeGreaterThan(scroll.client); // wider than the phone: it scrolls in its box
    // columns of text stay readable (not a letter per line) and the table stays short
    const widths = await t24.locator('td.text').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThan(150);
    expect((await t24.boundingBox())!.height).toBeLessThan(900);
    expect(await brokenWords(page, '#table-2-4 th')).toEqual([]);
    await screenshot(page, 'report-390');
  });

  it('upload, dashboard and accounts fit the phone; the charts fit their cards', async () => {
    await open(page, '/upload', '#upload-files');
    await page.locator('#upload-files').setInputFiles([
      {
        name: 'rogojampi-lagi.pdf',
        mimeType: 'application/pdf',
        buffer: await fs.readFile(path.join(BORN, 'rogojampi-tw2-2025.pdf')),
      },
    ]);
    await page.locator('#upload-submit').click();
    await expect.poll(() => page.locator('li.upload').getAttribute('data-duplicate'), POLL).toBe('true');
    await fits();
    await screenshot(page, 'upload-390');

    await open(page, '/dashboard', '#coverage-table');
    await page.locator('#chart-nightly svg').waitFor();
    await fits();
    for (const id of ['#chart-capaian', '#chart-serapan', '#chart-rules', '#chart-nightly']) {
      const [chart, svg] = [await page.locator(id).boundingBox(), await page.locator(`${id} svg`).boundingBox()];
      expect(svg!.width).toBeLessThanOrEqual(chart!.width + 1);
    }
    const cov = await page
      .locator('#stat-coverage .table-scroll')
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(cov.scroll).toBeGreaterThan(cov.client); // seven periods: the grid scrolls in its card
    await screenshot(page, 'dashboard-390', { fullPage: true });

    await open(page, '/admin', '#users-table');
    await fits();
    expect(await page.locator('#users-table thead').isVisible()).toBe(false);
    await screenshot(page, 'admin-390');
  });
});
