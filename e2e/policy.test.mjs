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

test('the breaching demo service shows its error-budget policy banner, and its owners are notified', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/identity/reliability',
  );
  const banner = page.getByTestId('policy-banner');
  await banner.waitFor({ timeout: 60_000 });
  // The demo's identity SLO has overspent its budget.
  assert.match(await banner.getAttribute('data-state'), /^(exhausted|frozen)$/);
  assert.match(
    await page.getByTestId('policy-deploys').innerText(),
    /Deploys are stopped except P0 fixes, security fixes/,
  );
  assert.match(
    await page.getByTestId('policy-reasons').innerText(),
    /SLO ".+": budget remaining -[\d.]+% is below/,
  );
  const help = banner.locator(
    '[data-testid="definition-link"][data-anchor="error-budget-policy"]',
  );
  assert.match(
    await help.getAttribute('href'),
    /definitions\.md#error-budget-policy$/,
  );
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'identity-policy-banner.png'),
    fullPage: true,
  });

  // The state change reached the guest (a member of the sre group, a
  // watcher in the demo) on the app's notifications page.
  const inbox = await openAsGuest(browser, '/notifications');
  await inbox
    .getByText(/identity: error-budget policy (ok → )?(exhausted|frozen)/)
    .first()
    .waitFor({ timeout: 60_000 });
  await inbox.screenshot({
    path: join(SCREENSHOT_DIR, 'notifications-policy.png'),
    fullPage: true,
  });
});
