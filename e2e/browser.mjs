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

/** Opens the "Alert quality" tab of a component and waits for its pages. */
export async function openAlertQuality(browser, name) {
  const page = await openAsGuest(
    browser,
    `/catalog/default/component/${name}/alert-quality`,
  );
  const pages = page.locator(
    '[data-testid="alert-quality-headline"][data-metric="pages"]',
  );
  await pages.waitFor({ timeout: 60_000 });
  return { page, pages };
}

/** Opens the Reliability overview and waits for the fleet and the KPIs. */
export async function openOverview(browser) {
  const page = await openAsGuest(browser, '/reliability');
  await page.getByTestId('fleet-table').waitFor({ timeout: 60_000 });
  const identity =
    '[data-testid="fleet-row"][data-entity-ref="component:default/identity"]';
  await page.locator(identity).waitFor({ timeout: 30_000 });
  await page
    .locator('[data-testid="tier-kpi-card"][data-tier="tier-1"]')
    .waitFor();
  return page;
}

/** Opens the scorecard overview and waits for adoption and checkout's row. */
export async function openScorecards(browser) {
  const page = await openAsGuest(browser, '/reliability/scorecards');
  await page
    .getByText('Adoption per team')
    .first()
    .waitFor({ timeout: 60_000 });
  // checkout is the demo's gold service.
  await page
    .locator('[data-entity-ref="component:default/checkout"]')
    .first()
    .waitFor({ timeout: 30_000 });
  return page;
}
