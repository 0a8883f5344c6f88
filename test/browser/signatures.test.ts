/**
 * The signature panel of the review app in chromium, on signed reports stored by the same stage
 * function as the queue: each signature's state, signer and signatory match; what changed after
 * signing; the G findings among the others (no correction offered); the BSrE footer and the QR
 * code's URL shown as text, never a link; both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBytes, processInline, PRIORITY } from '../../src/jobs/stages.js';
import {
  KINDS,
  makeSignedFixtures,
  QR_URL,
  SIGNATORIES,
  type Kind,
  type SignedFixtures,
} from '../helpers/signed-fixtures.js';
import { addUser, login, SCREENSHOTS, startApp, watchPage, type AppUnderTest } from './harness.js';

const POLL = { timeout: 30_000 };
let app: AppUnderTest;
let fx: SignedFixtures;
let ctx: BrowserContext;
let page: Page;
let seen: ReturnType<typeof watchPage>;
const ids = {} as Record<Kind, number>;
const saved = process.env.LKJ_TRUST_ANCHORS;

beforeAll(async () => {
  fx = await makeSignedFixtures();
  process.env.LKJ_TRUST_ANCHORS = fx.anchors;
  app = await startApp();
  await addUser(app.store, 'rudi', 'reviewer');
  for (const k of KINDS) {
    const r = await ingestBytes(app.store, fx.bytes(k), `${k}.pdf`, { priority: PRIORITY.bulk });
    if (r.outcome !== 'queued') throw new Error(`${k}: ${r.outcome}`);
    await processInline(app.store, r.doc);
    ids[k] = r.doc.id;
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  ctx = await app.context();
  page = await ctx.newPage();
  seen = watchPage(page);
  await login(page, 'rudi');
}, 240_000);
afterAll(async () => {
  if (saved === undefined) delete process.env.LKJ_TRUST_ANCHORS;
  else process.env.LKJ_TRUST_ANCHORS = saved;
  await app?.close();
  fx?.remove();
});

const open = async (k: Kind) => {
  await page.goto(`/documents/${ids[k]}`);
  await page.locator('#signatures').waitFor(POLL);
};
const sigCard = (field: string) => page.locator(`#signatures article.sig-card[data-field="${field}"]`);
const badge = (field: string, check: string) => sigCard(field).locator(`[data-check="${check}"]`);

describe('signature panel', { timeout: 180_000 }, () => {
  it("two signatures by the report's signatories: intact, trusted, matched; footer and QR code shown, the URL as text only", async () => {
    await open('signed-two');
    await expect.poll(() => page.locator('#signatures article.sig-card').count(), POLL).toBe(2);
    expect(await badge('Signature1', 'integrity').textContent()).toBe('utuh');
    expect(await badge('Signature1', 'trust').textContent()).toBe('tepercaya');
    expect(await badge('Signature1', 'modified').textContent()).toBe('sesudahnya hanya tanda tangan lain');
    expect(await badge('Signature2', 'modified').textContent()).toBe('mencakup seluruh dokumen');
    expect(await badge('Signature2', 'signatory').textContent()).toBe('penanda tangan laporan');
    expect(await sigCard('Signature1').locator('.sig-details').textContent()).toContain(
      `HARI SUSANTO · NIP ${SIGNATORIES.head.nip} = ${SIGNATORIES.head.name}`,
    );
    expect(await sigCard('Signature1').locator('.sig-details').textContent()).toContain('tidak diperiksa');
    expect(await page.locator('#signature-marks .sig-footer').textContent()).toMatch(
      /Catatan kaki BSrE \(Halaman 1, 2, 3, 4, 5, 6, 7, 8\): .*ditandatangani secara elektronik/,
    );
    expect(await page.locator('#signature-marks .sig-qr-text').textContent()).toBe(QR_URL);
    // never a link: nothing in the page points at the QR code's address
    expect(await page.locator(`a[href*="tte.example.go.id"]`).count()).toBe(0);
    expect(await page.locator('#no-findings').count()).toBe(1);
    // the QR code's page link shows that page
    await page.locator('#signature-marks .sig-qr button.link').click();
    await expect.poll(() => page.locator('#page-label').textContent(), POLL).toContain('8');
    // the panel itself (the page screenshot helper shows the top of the page)
    await page.locator('#signatures').screenshot({ path: path.join(SCREENSHOTS, 'signatures.png') });
  });

  it('a change after signing: the G2 finding (no correction offered) and the panel saying what changed', async () => {
    await open('signed-changed');
    const g2 = page.locator('article.finding[data-rule="G2"]');
    await g2.waitFor(POLL);
    expect(await g2.locator('.message').textContent()).toMatch(
      /Dokumen diubah setelah ditandatangani oleh HARI SUSANTO \(Signature1\): halaman 2 diubah; anotasi Text di halaman 1 ditambahkan/,
    );
    expect(await g2.locator('.rule-text').textContent()).toContain('tidak boleh diubah sesudah ditandatangani');
    expect(await g2.locator('[data-action="correct"]').count()).toBe(0);
    expect(await g2.locator('[data-action="confirm"]').count()).toBe(1);
    expect(await badge('Signature1', 'modified').textContent()).toBe('diubah sesudah ditandatangani');
    expect(await sigCard('Signature1').locator('.sig-changes li').allTextContents()).toEqual([
      'isi halaman 2 diubah · Halaman 2',
      'anotasi Text ditambahkan · Halaman 1',
    ]);
  });

  it("a stranger's signature and a tampered one, in English", async () => {
    await page.locator('#lang-switch').click();
    await open('signed-stranger');
    await expect.poll(() => badge('Signature1', 'trust').textContent(), POLL).toBe('untrusted');
    expect(await badge('Signature1', 'signatory').textContent()).toBe('not a signatory of the report');
    expect(await page.locator('article.finding[data-rule="G4"] .message').textContent()).toMatch(
      /The digital signer BUDI SANTOSO \(NIP 198001012005011001\) \(Signature1\) is none of the report's signatories/,
    );
    await open('signed-tampered');
    await expect.poll(() => badge('Signature1', 'integrity').textContent(), POLL).toBe('not intact');
    expect(await sigCard('Signature1').locator('.sig-problems').textContent()).toContain('the signed content changed');
    await open('unsigned');
    await expect
      .poll(() => page.locator('#no-signatures').textContent(), POLL)
      .toBe('This PDF carries no digital signature.');
    await page.locator('#lang-switch').click();
    expect(seen).toEqual({ dialogs: [], errors: [], cspViolations: [] });
  });
});
