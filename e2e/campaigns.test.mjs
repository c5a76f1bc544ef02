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

/** The UTC day `days` days from now, `YYYY-MM-DD` (dates relative to today). */
const utcDay = days =>
  new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

test('a campaign created in the UI shows its progress and appears on an entity page', async () => {
  // A fresh id per run: the e2e database may keep campaigns of earlier runs.
  const id = `e2e-runbooks-${Date.now().toString(36)}`;
  const title = `Runbooks on tier 1 (${id})`;

  const page = await openAsGuest(browser, '/reliability/campaigns');
  // The guest is a member of the sre group, which may manage campaigns.
  const create = page.getByTestId('campaign-new');
  await create.waitFor({ timeout: 60_000 });
  await create.click();
  const dialog = page.getByRole('dialog');
  const fill = (label, value) =>
    dialog.getByLabel(label, { exact: false }).first().fill(value);
  await fill('Id', id);
  await fill('Title', title);
  await fill(
    'Description',
    'Every **tier-1** service links a runbook from its alerts.',
  );
  await fill('How to fix', 'Add `runbook_url` to every alert rule.');
  await fill('Owner', 'group:default/sre');
  await fill('Readiness items', 'runbooks');
  await fill('Tiers', 'tier-1');
  await fill('Start date', utcDay(-1));
  await fill('Due date', utcDay(30));
  await dialog.getByLabel('Published', { exact: false }).check();
  await page.getByTestId('campaign-dialog-submit').click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });

  // The new campaign is listed with its progress over the demo's four
  // tier-1 components, and selected.
  const row = page.locator(
    `[data-testid="campaign-row"][data-campaign-id="${id}"]`,
  );
  await row.waitFor({ timeout: 30_000 });
  assert.equal(await row.getByTestId('campaign-state').innerText(), 'Active');
  assert.equal(await row.getByTestId('campaign-in-scope').innerText(), '4');
  const share = await row
    .getByTestId('campaign-done-share')
    .getAttribute('data-value');
  assert.ok(
    share !== '' && Number(share) >= 0 && Number(share) <= 1,
    `done share ${share}`,
  );
  assert.match(
    await row.getByTestId('campaign-due').innerText(),
    /due in 30 days/,
  );
  const detail = page.locator(
    `[data-testid="campaign-detail"][data-campaign-id="${id}"]`,
  );
  await detail.waitFor({ timeout: 30_000 });
  await detail.locator('strong', { hasText: 'tier-1' }).waitFor();
  await page.getByTestId('campaign-burn-up').waitFor({ timeout: 30_000 });
  assert.doesNotMatch(await page.locator('body').innerText(), /NaN|Infinity/);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'campaigns-page.png'),
    fullPage: true,
  });

  // The campaign applies to checkout (tier 1), on its overview page.
  const entity = await openAsGuest(
    browser,
    '/catalog/default/component/checkout',
  );
  const item = entity.locator(
    `[data-testid="entity-campaign"][data-campaign-id="${id}"]`,
  );
  await item.waitFor({ timeout: 60_000 });
  assert.match(
    await item.getAttribute('data-status'),
    /^(done|not-done|exempt)$/,
  );
  assert.match(
    await item.getByTestId('campaign-due').innerText(),
    /due in 30 days/,
  );
  await entity.screenshot({
    path: join(SCREENSHOT_DIR, 'checkout-campaigns-card.png'),
    fullPage: true,
  });
});
