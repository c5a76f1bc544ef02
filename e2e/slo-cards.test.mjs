import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SCREENSHOT_DIR, launch, openAsGuest } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the breaching example shows its status, budget and burn-down chart', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/identity/reliability',
  );
  const card = page.getByTestId('slo-card').first();
  await card.waitFor({ timeout: 60_000 });

  const status = card.getByTestId('slo-status');
  assert.match(await status.innerText(), /Breaching/);

  // The budget is overspent: a negative percentage, never NaN or Infinity.
  const budget = (
    await card.getByTestId('slo-budget-remaining').innerText()
  ).trim();
  assert.match(budget, /^-\d+(\.\d+)?%$/);

  // The page alert fires and is highlighted.
  await card.getByText('Page alert firing').waitFor();

  // The burn-down chart has loaded history and drawn it.
  const chart = card.getByTestId('slo-burndown-chart');
  await page.waitForFunction(
    el => el?.getAttribute('data-state') === 'ready',
    await chart.elementHandle(),
    { timeout: 30_000 },
  );
  assert.ok((await chart.locator('.recharts-area-area').count()) > 0);
  assert.ok((await chart.locator('.recharts-area-curve').count()) > 0);

  await page.getByText('Demo data', { exact: false }).first().waitFor();
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);

  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'identity-slo-breaching.png'),
    fullPage: true,
  });
});

test('an SLO without traffic shows no data, not 100%', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/inventory-sync/reliability',
  );
  const card = page.getByTestId('slo-card').first();
  await card.waitFor({ timeout: 60_000 });
  assert.match(await card.getByTestId('slo-status').innerText(), /No data/);
  const budget = (
    await card.getByTestId('slo-budget-remaining').innerText()
  ).trim();
  assert.doesNotMatch(budget, /100%|NaN|Infinity/);
});

test('a broken SLO spec shows the file and line, and the valid SLO still shows', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/cart/reliability',
  );
  await page
    .getByText('./slos/cart.yaml:15', { exact: false })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('slo-card').first().waitFor();
  assert.equal(await page.getByTestId('slo-card').count(), 1);
});
