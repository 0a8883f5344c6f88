/**
 * Prints a KabSpec with Chromium, as the template's own author would: HTML to PDF, a table pasted
 * as a picture where the spec asks, the running header and page number in the margins.
 */
import type { Browser } from 'playwright-core';
import type { TableId } from '../../../src/model/contract.js';
import { css, periodText, renderHtml, TABLE_HTML } from './html.js';
import type { KabSpec } from './spec.js';

export async function printKab(browser: Browser, spec: KabSpec): Promise<Uint8Array> {
  const images: Partial<Record<TableId, string>> = {};
  for (const role of spec.document?.asImage ?? []) images[role] = await tablePicture(browser, spec, role);
  const page = await browser.newPage();
  try {
    await page.setContent(renderHtml(spec, { images }), { waitUntil: 'load' });
    const running = spec.document?.runningHeader;
    const pdf = await page.pdf({
      format: 'A4',
      preferCSSPageSize: true,
      displayHeaderFooter: !!running,
      headerTemplate: running
        ? `<div style="font-size:8pt;font-family:'DejaVu Sans';width:100%;text-align:right;margin-right:20mm">Laporan Kinerja ${spec.meta.unit} ${periodText(spec)}</div>`
        : '<span></span>',
      footerTemplate: running
        ? `<div style="font-size:8pt;font-family:'DejaVu Sans';width:100%;text-align:center">Halaman <span class="pageNumber"></span></div>`
        : '<span></span>',
    });
    return new Uint8Array(pdf);
  } finally {
    await page.close();
  }
}

/** A table rendered on its own and captured as a 3× PNG, the way a table is pasted from a spreadsheet. */
async function tablePicture(browser: Browser, spec: KabSpec, role: TableId): Promise<string> {
  const page = await browser.newPage({ deviceScaleFactor: 3, viewport: { width: 700, height: 1000 } });
  try {
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>${css(spec)} body{margin:0;background:#fff}</style></head><body><div id="t" style="width:640px;padding:4px">${TABLE_HTML[role](spec)}</div></body></html>`,
    );
    const png = await page.locator('#t').screenshot();
    return `data:image/png;base64,${png.toString('base64')}`;
  } finally {
    await page.close();
  }
}
