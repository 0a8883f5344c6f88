/** Debian's chromium as the tests drive it through playwright-core (no browser is downloaded). */
import fs from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.LKJ_CHROMIUM ?? '/usr/bin/chromium';

/** stack-notes: what Debian's chromium needs to run headless as root in a container */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A clear error, before anything else is set up, when chromium is not installed. */
export async function assertChromium(): Promise<void> {
  await fs.access(CHROMIUM).catch(() => {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
