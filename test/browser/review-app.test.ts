/**
 * The review app in Debian's chromium against the real server: log in, the queue, a flagged
 * report with its evidence highlighted, a correction that clears its flag, confirm and dismiss,
 * mark reviewed, exports read back, hostile report text rendered inert, two reviewers claiming
 * at once, upload with progress and status, the dashboard, the language switch. The screenshots
 * of a correction and of hostile text are taken here (the views at both sizes: views.test.ts).
 */
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/contract.js';
import { addUser, BORN, loadFixture, login, screenshot, startApp, watchPage, type AppUnderTest } from './harness.js';

const HOSTILE_NAME = '<img src=x onerror="window.__pwned=\'name\'">laporan.pdf';
const SCRIPT_TEXT = '<script>window.__pwned = "unit"; alert("unit")</script>Kasi Pemerintahan';
const IMG_TEXT = "<img src=x onerror=\"window.__pwned='cell'; alert('cell')\">";
const CLAIM_TEXT = 'Capaian <script>alert("claim")</script> <b onmouseover=alert(1)>tinggi</b>';

let app: AppUnderTest;
let ctx: BrowserContext;
let page: Page;
let seen: ReturnType<typeof watchPage>;
const ids: Record<string, number> = {};

/** A stored report whose text (file name, unit, a cell, a claim, a finding's message) is markup. */
async function hostileReport(): Promise<number> {
  const id = await loadFixture(app.store, 'pasirian-tw1-2023.pdf', HOSTILE_NAME);
  const cur = (await app.store.current(id))!;
  const report = structuredClone(cur.report) as Report;
  report.report.unit = SCRIPT_TEXT;
  report.tables['2.1'][0]!.indikator = IMG_TEXT;
  report.claims.unshift({ kind: 'kesimpulan', value: CLAIM_TEXT, text: CLAIM_TEXT, page: 1 });
  report.discrepancies.push({
    rule: 'R8',
    severity: 'error',
    table: 'narrative',
    row: 'kesimpulan',
    field: 'value',
    stated: IMG_TEXT,
    expected: null,
    message: `Pesan ${IMG_TEXT}${SCRIPT_TEXT}`,
    evidence: { page: 1, bbox: [60, 60, 300, 90] },
  });
  report.status = 'flagged';
  await app.store.saveRevision(id, 'correction', report, cur.analysis);
  return id;
}

/** Red pixels of the evidence crop (the server frames the finding in rgb(224, 0, 0)), counted in the page. */
async function redPixels(p: Page, selector: string): Promise<number> {
  const img = p.locator(selector);
  await img.scrollIntoViewIfNeeded();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 30_000 })
    .toBeGreaterThan(0);
  return img.evaluate((el: HTMLImageElement) => {
    const c = document.createElement('canvas');
    c.width = el.naturalWidth;
    c.height = el.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(el, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > 180 && d[i + 1]! < 80 && d[i + 2]! < 80) n++;
    return n;
  });
}

async function readXlsx(download: Download): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = await fs.readFile((await download.path())!);
  // exceljs' typings want an ArrayBuffer; it reads a Node Buffer as well
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The rows of a sheet as objects keyed by the header row. */
function rowsOf(ws: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, ExcelJS.CellValue> = {};
    (row.values as ExcelJS.CellValue[]).forEach((v, i) => {
      if (header[i]) o[header[i]!] = v;
    });
    out.push(o);
  });
  return out;
}

/** the suite shares two cores with OCR tests: waiting is generous (it is no assertion of speed) */
const POLL = { timeout: 30_000 };

const card = (p: Page, where: string, rule?: string) =>
  p.locator(`article.finding[data-where="${where}"]${rule ? `[data-rule="${rule}"]` : ''}`);

beforeAll(async () => {
  app = await startApp();
  for (const u of ['rudi', 'sari', 'tono']) await addUser(app.store, u, 'reviewer');
  await addUser(app.store, 'vina', 'viewer');
  for (const f of [
    'tempeh-tw2-2023.pdf',
    'candipuro-tw2-2024.pdf',
    'glenmore-tw4-2024.pdf',
    'rogojampi-tw2-2025.pdf',
    'dau-tw4-2025.pdf',
  ]) {
    ids[f] = await loadFixture(app.store, f);
  }
  ids.hostile = await hostileReport();
  ctx = await app.context();
  page = await ctx.newPage();
  seen = watchPage(page);
});

afterAll(async () => {
  await app?.close();
});

// each step waits on the server and the browser, which share two cores with the OCR tests
describe('review app in chromium', { timeout: 180_000 }, () => {
  it('logs in (a wrong password is refused on the form) and shows the queue with counts, most severe first', async () => {
    await page.goto('/');
    await page.locator('#username').fill('rudi');
    await page.locator('#password').fill('not the password');
    await page.locator('form.login button[type="submit"]').click();
    await expect.poll(() => page.locator('#login-error').textContent(), POLL).toContain('salah');

    await login(page, 'rudi');
    const table = page.locator('#queue-table');
    await table.waitFor();
    // five flagged reports (tempeh, candipuro, glenmore, rogojampi, the hostile one); dau is clean
    await expect.poll(() => page.locator('#queue-table tbody tr').count(), POLL).toBe(5);
    expect(await page.locator('#queue-counts').textContent()).toMatch(/^5 dalam antrean/);
    const names = await page.locator('#queue-table tbody tr td:nth-child(2) a').allTextContents();
    expect(names).not.toContain('dau-tw4-2025.pdf');
    expect(await page.locator('#queue-table tbody tr').first().locator('.badge').textContent()).toBe('kesalahan');
    // shortcuts are shown where they apply
    expect(await page.locator('.shortcuts').textContent()).toContain('ambil laporan berikutnya');

    // a filter narrows the list and lives in the URL
    await page.locator('#f-kecamatan').fill('candipuro');
    await page.locator('#apply-filters').click();
    await expect.poll(() => page.locator('#queue-table tbody tr').count(), POLL).toBe(1);
    expect(page.url()).toContain('kecamatan=candipuro');
    await page.locator('.filters button.link').click();
    await expect.poll(() => page.locator('#queue-table tbody tr').count(), POLL).toBe(5);
  });

  it("switches to English (the app and the findings' messages) and keeps the choice across a reload", async () => {
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('#nav-queue').textContent(), POLL).toBe('Queue');
    await page.reload();
    await expect.poll(() => page.locator('#nav-queue').textContent(), POLL).toBe('Queue');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // a report in English: the app's words and the findings' messages (worded by the server)
    await page.goto(`/documents/${ids['tempeh-tw2-2023.pdf']}`);
    const r1 = card(page, '2.3/2/capaian', 'R1');
    await expect.poll(() => r1.locator('.message').textContent(), POLL).toContain('does not equal realisasi / target');
    expect(await r1.locator('.rule-text').textContent()).toContain('must equal realisasi ÷ target × 100');
    await page.locator('#lang-switch').click();
    await expect
      .poll(() => r1.locator('.message').textContent(), POLL)
      .toContain('tidak sama dengan realisasi / target');
    await page.locator('#nav-queue').click();
    await expect.poll(() => page.locator('#nav-queue').textContent(), POLL).toBe('Antrean');
    await page.locator('#queue-table').waitFor();
  });

  it('opens a flagged report: findings with stated vs expected, the evidence crop highlighted, the box on the page', async () => {
    await page.getByRole('link', { name: 'tempeh-tw2-2023.pdf' }).click();
    await page.locator('#report-title').getByText('tempeh-tw2-2023.pdf').waitFor();
    const r1 = card(page, '2.3/2/capaian', 'R1');
    await r1.waitFor();
    expect(await r1.locator('.stated').textContent()).toBe('38,7%');
    expect(await r1.locator('.expected').textContent()).toBe('37,8%');
    expect(await r1.locator('.rule-text').textContent()).toContain('realisasi ÷ target × 100');
    // the crop the server rendered carries the red frame around the cell
    expect(await redPixels(page, 'article.finding[data-where="2.3/2/capaian"] img.evidence-crop')).toBeGreaterThan(50);
    // and the page image carries the box of the selected finding, on the finding's page
    await r1.click();
    await expect.poll(() => page.locator('.page-box.box-selected').count(), POLL).toBe(1);
    // where the box is drawn, as a fraction of the page image, is where the finding's bbox is on the page
    const finding = (await app.store.report(ids['tempeh-tw2-2023.pdf']!))!.discrepancies.find(
      (d) => d.rule === 'R1' && d.table === '2.3',
    )!;
    const [x0, y0, x1, y1] = finding.evidence.bbox!;
    const drawn = await page.evaluate(() => {
      const img = document.querySelector<HTMLImageElement>('#page-image')!;
      const i = img.getBoundingClientRect(),
        b = document.querySelector('.page-box.box-selected')!.getBoundingClientRect();
      // the page in points: the image is rendered at 100 dpi
      const w = (img.naturalWidth * 72) / 100,
        hgt = (img.naturalHeight * 72) / 100;
      return {
        x0: ((b.left - i.left) / i.width) * w,
        y0: ((b.top - i.top) / i.height) * hgt,
        x1: ((b.right - i.left) / i.width) * w,
        y1: ((b.bottom - i.top) / i.height) * hgt,
      };
    });
    for (const [got, want] of [
      [drawn.x0, x0],
      [drawn.y0, y0],
      [drawn.x1, x1],
      [drawn.y1, y1],
    ] as const)
      expect(Math.abs(got - want)).toBeLessThan(3);
    expect(await page.locator('#page-label').textContent()).toBe(`Halaman ${finding.evidence.page} / 10`);
    // the flagged cell is marked in the extracted table
    expect(await page.locator('td[data-cell="2.3/2/capaian"]').getAttribute('class')).toContain('flag');
  });

  it('corrects a misread value with the keyboard (e): verification runs again and the flag clears', async () => {
    await card(page, '2.3/2/capaian', 'R1').click();
    await page.keyboard.press('e');
    const input = page.locator('#correct-value');
    await input.waitFor();
    await input.fill('37,80%');
    await input.press('Enter');
    await expect.poll(() => page.locator('.notice.ok').textContent(), POLL).toMatch(/1 temuan hilang/);
    await expect.poll(() => card(page, '2.3/2/capaian', 'R1').count(), POLL).toBe(0);
    const cell = page.locator('td[data-cell="2.3/2/capaian"]');
    expect(await cell.textContent()).toBe('37,8%');
    expect(await cell.getAttribute('class')).not.toContain('flag');
    expect(await page.locator('.meta-line').textContent()).toContain('Versi 2');
    // the server agrees
    const stored = (await app.store.report(ids['tempeh-tw2-2023.pdf']!))!;
    expect(stored.discrepancies.some((d) => d.rule === 'R1' && d.table === '2.3' && d.row === '2')).toBe(false);
    expect(stored.tables['2.3'].find((r) => r.no === '2')!.capaian).toBe(37.8);
    await screenshot(page, 'correction');
  });

  it('confirms another finding (c), dismisses one with a reason (d), marks the report reviewed (r)', async () => {
    await card(page, '2.4/1/capaianAnggaran', 'R2').click();
    await page.keyboard.press('c');
    await expect
      .poll(() => card(page, '2.4/1/capaianAnggaran', 'R2').locator('.decision').textContent(), POLL)
      .toBe('Dikonfirmasi oleh rudi');

    const warning = page.locator('article.finding.sev-warning').first();
    const where = (await warning.getAttribute('data-where'))!;
    await warning.click();
    await page.keyboard.press('d');
    await page.locator('#dismiss-reason').fill('Skala nilai mengikuti Perbup');
    await page.locator('#dismiss-dialog-submit').click();
    await expect
      .poll(() => card(page, where).first().locator('.decision').textContent(), POLL)
      .toBe('Ditolak oleh rudi — “Skala nilai mengikuti Perbup”');

    await page.keyboard.press('r');
    // findings are still undecided: it asks first
    await page.locator('#reviewed-dialog-submit').click();
    await expect.poll(() => page.locator('#review-state').textContent(), POLL).toContain('selesai');
    await page.locator('.back').click();
    await expect.poll(() => page.locator('#queue-table tbody tr').count(), POLL).toBe(4);
    expect(await page.locator('#queue-table').textContent()).not.toContain('tempeh');
  });

  it('exports findings and review outcomes as XLSX from the queue; they read back with numbers as numbers', async () => {
    const [findings] = await Promise.all([page.waitForEvent('download'), page.locator('#export-findings').click()]);
    expect(findings.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = rowsOf((await readXlsx(findings)).worksheets[0]!);
    const jumlah = rows.find(
      (r) => r.file === 'candipuro-tw2-2024.pdf' && r.rule === 'R5' && r.row === 'JUMLAH' && r.field === 'realisasi',
    );
    expect(jumlah).toBeDefined();
    expect(jumlah!.stated).toBe(16320000);
    expect(jumlah!.expected).toBe(16620000);

    const [reviews] = await Promise.all([page.waitForEvent('download'), page.locator('#export-reviews').click()]);
    const outcomes = rowsOf((await readXlsx(reviews)).worksheets[0]!).filter((r) => r.file === 'tempeh-tw2-2023.pdf');
    const confirmed = outcomes.find((r) => r.rule === 'R2' && r.outcome === 'confirmed');
    expect(confirmed?.decided_by).toBe('rudi');
    expect(confirmed?.stated).toBe(40.1);
    expect(outcomes.some((r) => r.outcome === 'dismissed' && r.reason === 'Skala nilai mengikuti Perbup')).toBe(true);
  });

  it('corrects any cell by double-clicking it in the extracted table (JUMLAH realisasi): that flag clears, the others stay', async () => {
    await page.locator('#queue-table a', { hasText: 'candipuro-tw2-2024.pdf' }).click();
    const jumlah = page.locator('td[data-cell="2.5/JUMLAH/realisasi"]');
    await jumlah.waitFor();
    expect(await jumlah.getAttribute('class')).toContain('flag');
    await jumlah.dblclick();
    await page.locator('#correct-value').fill('16.620.000,00');
    await page.locator('#correct-dialog-submit').click();
    await expect.poll(() => page.locator('.notice.ok').textContent(), POLL).toMatch(/temuan hilang/);
    await expect.poll(() => jumlah.textContent(), POLL).toBe('16.620.000');
    expect(await jumlah.getAttribute('class')).not.toContain('flag');
    expect(await card(page, '2.5/JUMLAH/realisasi', 'R5').count()).toBe(0);
    // the JUMLAH capaian is still wrong (29,5 % against 19,71 %): still flagged
    expect(await card(page, '2.5/JUMLAH/capaian', 'R5').count()).toBe(1);
    await page.locator('.back').click();
    await page.locator('#queue-table').waitFor();
  });

  it('renders a report whose text is markup inert: shown literally, nothing runs', async () => {
    await page.locator('#queue-table a', { hasText: 'laporan.pdf' }).click();
    await page.locator('#report-title').waitFor();
    await expect.poll(() => page.locator('#report-title').textContent(), POLL).toBe(HOSTILE_NAME);
    await page.locator('td[data-cell^="2.1/"][data-cell$="/indikator"]').first().waitFor();
    expect(await page.locator('td[data-cell^="2.1/"][data-cell$="/indikator"]').first().textContent()).toBe(IMG_TEXT);
    expect(await page.locator('#meta dd').first().textContent()).toBe(SCRIPT_TEXT);
    expect(await page.locator('.claim-text').first().textContent()).toBe(CLAIM_TEXT);
    const message = await page
      .locator('article.finding[data-where="narrative/kesimpulan/value"] .message')
      .textContent();
    expect(message).toBe(`Pesan ${IMG_TEXT}${SCRIPT_TEXT}`);
    // the hostile text made no element: no img pointing at "x", no script but the app's, no <b>
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => document.scripts.length)).toBe(1);
    expect(await page.locator('main b').count()).toBe(0);
    await page.locator('.claim-text').first().hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    await screenshot(page, 'hostile-text');
  });

  it('two reviewers claiming at the same moment get different reports; a viewer sees no actions', async () => {
    const [a, b] = await Promise.all([app.context(), app.context()]);
    const [pa, pb] = await Promise.all([a.newPage(), b.newPage()]);
    await Promise.all([login(pa, 'sari'), login(pb, 'tono')]);
    await Promise.all([pa.locator('#claim-next').waitFor(), pb.locator('#claim-next').waitFor()]);
    await Promise.all([pa.locator('#claim-next').click(), pb.locator('#claim-next').click()]);
    await Promise.all([pa.waitForURL(/\/documents\/\d+$/), pb.waitForURL(/\/documents\/\d+$/)]);
    expect(pa.url()).not.toBe(pb.url());
    await expect.poll(() => pa.locator('#review-state').textContent(), POLL).toContain('Anda sedang mereviu');
    await expect.poll(() => pb.locator('#review-state').textContent(), POLL).toContain('Anda sedang mereviu');
    // sari looking at tono's report: held by tono, no actions for her
    await pa.goto(new URL(pb.url()).pathname);
    await expect.poll(() => pa.locator('#review-state').textContent(), POLL).toContain('diambil oleh tono');
    expect(await pa.locator('#mark-reviewed').isDisabled()).toBe(true);
    expect(await pa.locator('article.finding button[data-action]').count()).toBe(0);

    const v = await app.context();
    const pv = await v.newPage();
    await login(pv, 'vina');
    await pv.locator('#queue-table').waitFor();
    expect(await pv.locator('#claim-next').count()).toBe(0);
    await pv.locator('#queue-table tbody tr a').first().click();
    await pv.locator('#report-title').waitFor();
    await pv.locator('article.finding').first().waitFor();
    expect(await pv.locator('article.finding button[data-action]').count()).toBe(0);
  });

  it("uploads several files with per-file progress, then follows each one's status", async () => {
    await page.locator('#nav-upload').click();
    await page.locator('#upload-files').setInputFiles([
      {
        name: 'kalisat-sem1-2022.pdf',
        mimeType: 'application/pdf',
        buffer: await fs.readFile(`${BORN}/kalisat-sem1-2022.pdf`),
      },
      { name: '<svg onload=alert(1)>.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') },
    ]);
    await page.locator('#upload-submit').click();
    const good = page.locator('li.upload[data-file="kalisat-sem1-2022.pdf"]');
    const bad = page.locator('li.upload[data-file="<svg onload=alert(1)>.pdf"]');
    await expect.poll(() => bad.locator('.badge').textContent(), POLL).toBe('ditolak');
    expect(await bad.locator('.upload-name').textContent()).toBe('<svg onload=alert(1)>.pdf');
    expect(await bad.locator('.upload-error').textContent()).not.toBe('');
    expect(await good.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(100);
    // processed by the server's background loop: queued → processing → clean
    await expect.poll(() => good.locator('.badge').textContent(), { timeout: 150_000 }).toBe('bersih');
    expect(await good.locator('a').isVisible()).toBe(true);
    expect(seen.dialogs).toEqual([]);
  });

  it('shows the dashboard: who reported which period, capaian and serapan per unit, flagged rate, daily counts, rules', async () => {
    await page.locator('#nav-dashboard').click();
    await page.locator('#coverage-table').waitFor();
    // one row per unit: 7 reports of 7 units (the hostile pasirian copy and the upload included)
    await expect.poll(() => page.locator('#coverage-table tbody tr').count(), POLL).toBe(7);
    await page.locator('#chart-capaian svg').waitFor();
    expect(await page.locator('#chart-capaian svg').textContent()).toContain('Candipuro');
    expect(await page.locator('#stat-flagged .big').textContent()).toMatch(/^\d+(,\d+)?%$/);
    await page.locator('#chart-nightly svg').waitFor();
    await page.locator('#chart-rules svg').waitFor();
    expect(await page.locator('#chart-rules svg').textContent()).toContain('R5');
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
  });

  it('logs out: the API refuses the old session and the login page shows', async () => {
    await page.locator('#logout').click();
    await page.locator('form.login').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/review/queue')).status);
    expect(status).toBe(401);
  });
});
