// Browser checks of scripts/install-test.sh: a stock app created with
// @backstage/create-app, with the packed packages installed by following the
// root README, served by its backend on E2E_BASE_URL. Not part of the e2e/
// glob of scripts/test.sh: it needs that app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  SCREENSHOT_DIR,
  launch,
  openAlertQuality,
  openAsGuest,
  openOverview,
  openScorecards,
} from '../browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function shot(page, name) {
  assert.doesNotMatch(
    await page.locator('body').innerText(),
    /NaN|Infinity|Error in extension/,
  );
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `stock-app-${name}.png`),
    fullPage: true,
  });
}

test('the Reliability tab of a component shows its tier and SLOs', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/checkout/reliability',
  );
  const chip = page.getByTestId('reliability-tier-chip');
  await chip.waitFor({ timeout: 60_000 });
  assert.equal((await chip.innerText()).trim(), 'Tier 1');
  await page.getByTestId('slo-card').first().waitFor({ timeout: 60_000 });
  await shot(page, 'reliability-tab');
});

test('the Alert quality tab shows the pages of a noisy team', async () => {
  const { page, pages } = await openAlertQuality(browser, 'search');
  assert.match(await pages.innerText(), /\d/);
  await page.getByTestId('noisy-alerts-table').waitFor();
  await shot(page, 'alert-quality-tab');
});

test('the overview page shows the fleet', async () => {
  const page = await openOverview(browser);
  await shot(page, 'overview');
});

test('the scorecard page shows golden-path adoption', async () => {
  const page = await openScorecards(browser);
  await shot(page, 'scorecards');
});
