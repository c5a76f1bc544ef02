import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SCREENSHOT_DIR, launch, openAlertQuality } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the noisy demo team sees its pages, noise and toil on the Alert quality tab', async () => {
  const { page, pages } = await openAlertQuality(browser, 'search');
  // A noisy team: pages in the window, shown as a number.
  assert.match(await pages.innerText(), /\d/);

  const chart = page.getByTestId('pages-per-day-chart');
  await chart.waitFor();
  assert.ok((await chart.locator('.recharts-bar-rectangle').count()) > 0);

  const noisy = page.getByTestId('noisy-alerts-table');
  await noisy.waitFor();
  await noisy.getByText('PodCrashLooping', { exact: false }).first().waitFor();

  await page.getByTestId('runbook-coverage').waitFor();
  await page.getByText('Demo data', { exact: false }).first().waitFor();

  // Record a toil item and see it in the log.
  await page.getByTestId('toil-add-button').click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Task', { exact: false })
    .fill('Restart stuck indexer');
  await dialog.getByLabel('Minutes', { exact: false }).fill('30');
  await dialog.getByLabel('per week', { exact: false }).fill('4');
  await dialog.getByRole('button', { name: /save|add/i }).click();
  await page
    .getByTestId('toil-log')
    .getByText('Restart stuck indexer')
    .waitFor({ timeout: 30_000 });

  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'search-alert-quality.png'),
    fullPage: true,
  });
});
