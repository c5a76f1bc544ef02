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

test('a tier-1 component shows its tier on the Reliability tab', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/checkout/reliability',
  );
  await page.getByRole('heading', { name: 'checkout' }).first().waitFor();
  // The entity page lists the tab, and the tab is the one shown.
  await page.getByText('Reliability', { exact: true }).first().waitFor();
  assert.match(
    page.url(),
    /\/catalog\/default\/component\/checkout\/reliability$/,
  );

  const chip = page.getByTestId('reliability-tier-chip');
  await chip.waitFor({ timeout: 30_000 });
  assert.equal((await chip.innerText()).trim(), 'Tier 1');
  await page
    .getByText('Critical, customer facing.', { exact: false })
    .waitFor();
  await page.getByText('need an objective of at least 99.9%').waitFor();
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'checkout-reliability-tab.png'),
    fullPage: true,
  });
});

test('an unknown tier is explained on that entity only', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/legacy-billing/reliability',
  );
  await page.getByText('Error: Invalid tier').waitFor({ timeout: 30_000 });
  await page
    .getByText(
      'Unknown tier "platinum" in the annotation "reliability-kit.io/tier"',
      {
        exact: false,
      },
    )
    .first()
    .waitFor();
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'legacy-billing-reliability-tab.png'),
    fullPage: true,
  });

  // Other entities keep working.
  await page.goto(page.url().replace('legacy-billing', 'cart'));
  const chip = page.getByTestId('reliability-tier-chip');
  await chip.waitFor({ timeout: 30_000 });
  assert.equal((await chip.innerText()).trim(), 'Tier 2');
});

test('a component without a tier tells how to add one', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/docs-bot/reliability',
  );
  await page.getByText('Warning: No tier set').waitFor({ timeout: 30_000 });
  await page
    .getByText('reliability-kit.io/tier: tier-1', { exact: false })
    .waitFor();
});
