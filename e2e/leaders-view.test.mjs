import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SCREENSHOT_DIR,
  launch,
  openAsGuest,
  openOverview,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const entityNames = async page =>
  (await page.locator('table tbody tr td:first-child a').allInnerTexts())
    .map(t => t.trim())
    .filter(Boolean)
    .sort();

test('the catalog filters by tier and SLO status: tier-1 and breaching is identity', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog?filters[kind]=component&filters[user]=all',
  );
  await page
    .getByTestId('reliability-tier-picker')
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('reliability-slo-status-picker').waitFor();

  // The labels come from the catalog module; wait until the examples have
  // been restamped after the first SLO refresh.
  let names = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(
      `${
        new URL(page.url()).origin
      }/catalog?filters[kind]=component&filters[user]=all&filters[tier]=tier-1&filters[sloStatus]=breaching`,
    );
    await page.locator('table').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    names = await entityNames(page);
    if (names.length === 1) break;
    await page.waitForTimeout(5000);
  }
  assert.deepEqual(names, ['identity']);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'catalog-tier-1-breaching.png'),
    fullPage: true,
  });
});

test('the overview page shows the fleet and KPIs, and exports the weekly review', async () => {
  const page = await openOverview(browser);
  await page.getByTestId('fleet-trends-chart').waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), /NaN|Infinity/);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-weekly-review').click();
  const file = await download;
  const path = join(SCREENSHOT_DIR, file.suggestedFilename());
  await file.saveAs(path);
  const review = await readFile(path, 'utf8');
  assert.match(
    file.suggestedFilename(),
    /^reliability-review-\d{4}-W\d{2}\.(md|csv)$/,
  );
  assert.match(review, /identity/);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'reliability-overview.png'),
    fullPage: true,
  });
});
