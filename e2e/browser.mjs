// Shared helpers of the browser tests: Debian's Chromium driven by
// playwright-core, against the app served on BASE_URL by scripts/test.sh.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://localhost:7007';
export const SCREENSHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'test-results',
  'e2e',
);

export async function launch() {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a page of the app, signing in as guest when the sign-in page shows.
 * `viewport` defaults to 1280 x 900.
 */
export async function openAsGuest(
  browser,
  path,
  viewport = { width: 1280, height: 900 },
) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${BASE_URL}${path}`);
  // The guest sign-in page shows first in a production build; in development
  // the app may sign in on its own.
  const enter = page.getByRole('button', { name: 'Enter' });
  const app = page.locator('nav, [role="tablist"]').first();
  await Promise.race([
    enter.waitFor({ timeout: 60_000 }),
    app.waitFor({ timeout: 60_000 }),
  ]);
  if (await enter.isVisible()) {
    await enter.click();
    await enter.waitFor({ state: 'hidden', timeout: 60_000 });
    if (!page.url().endsWith(path)) {
      await page.goto(`${BASE_URL}${path}`);
    }
  }
  return page;
}
