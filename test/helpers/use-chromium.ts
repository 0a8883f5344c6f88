/** Chromium for the tests of one file (test/helpers/chromium.ts): launched before them, closed after. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { assertChromium, launchChromium } from './chromium.js';

export function useChromium(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await assertChromium();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('chromium has not started (useChromium runs in beforeAll)');
      return browser;
    },
  };
}
