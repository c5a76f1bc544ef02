import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  SCREENSHOT_DIR,
  launch,
  openAsGuest,
  openScorecards,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const status = page =>
  page.locator('[data-testid="readiness-status"] [data-state]').first();
const item = (page, id) =>
  page.locator(`[data-testid="readiness-item"][data-item-id="${id}"]`);

test('an owner attests a readiness item and sees the status change', async () => {
  // The demo's notifications service is ready but for a security review
  // attested 356 days ago (valid 365): expiring.
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/notifications/reliability',
  );
  await page
    .locator('[data-testid="readiness-status"] [data-state="expiring"]')
    .waitFor({ timeout: 90_000 });
  const review = item(page, 'security-review');
  assert.equal(await review.getAttribute('data-state'), 'expiring');
  await review.getByText('expires in', { exact: false }).first().waitFor();

  await review.getByRole('button', { name: /^attest/i }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Evidence URL', { exact: false })
    .fill('https://security.example.com/reviews/SEC-412');
  await dialog
    .getByLabel('Comment', { exact: false })
    .fill('Yearly review passed');
  await page.getByTestId('attest-dialog-submit').click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });

  // The backend re-evaluated the entity at once: attested, and ready.
  await page
    .locator(
      '[data-testid="readiness-item"][data-item-id="security-review"][data-state="attested"]',
    )
    .waitFor({ timeout: 30_000 });
  await page
    .locator('[data-testid="readiness-status"] [data-state="ready"]')
    .waitFor({ timeout: 30_000 });
  assert.equal(await status(page).getAttribute('data-state'), 'ready');

  // The change is in the audit log, with who did it.
  await page.getByTestId('readiness-history').click();
  const entry = page.getByTestId('audit-entry').first();
  await entry.waitFor({ timeout: 30_000 });
  assert.match(await entry.innerText(), /guest/);
  assert.match(await entry.innerText(), /attest/i);

  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'notifications-readiness.png'),
    fullPage: true,
  });
});

test('the example components show every readiness state', async () => {
  const expected = {
    checkout: 'ready',
    identity: 'not-ready',
    cart: 'exempt',
    'legacy-billing': 'unknown',
  };
  for (const [name, state] of Object.entries(expected)) {
    const page = await openAsGuest(
      browser,
      `/catalog/default/component/${name}/reliability`,
    );
    await page
      .locator(`[data-testid="readiness-status"] [data-state="${state}"]`)
      .waitFor({ timeout: 90_000 });
    await page.close();
  }
});

test('the scorecard overview shows golden-path adoption per team and drills down', async () => {
  const page = await openScorecards(browser);
  await page
    .getByText('team-payments', { exact: false })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.getByText('Gold', { exact: false }).first().waitFor();
  const text = await page.locator('body').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'scorecards-overview.png'),
    fullPage: true,
  });
});
