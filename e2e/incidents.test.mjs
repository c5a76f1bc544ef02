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

/**
 * Reloads until `selector` shows: the incidents task reads the demo
 * postmortems after the alert-quality task stored the demo's incidents.
 */
async function waitWithReloads(page, selector, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await page.locator(selector).first().waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await page.reload();
    }
  }
}

test('checkout shows its SEV incidents with a late postmortem and an overdue action', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/checkout/incidents',
  );
  await waitWithReloads(
    page,
    '[data-testid="postmortem-state"][data-state="late"]',
  );
  const incidents = page.getByTestId('incidents-table');
  const states = await incidents
    .getByTestId('postmortem-state')
    .evaluateAll(els => els.map(e => e.getAttribute('data-state')));
  // the demo: one postmortem published on time, one late
  assert.ok(states.includes('on-time'), `states: ${states}`);
  assert.ok(states.includes('late'), `states: ${states}`);
  await incidents.getByText('SEV0').first().waitFor();

  const actions = page.getByTestId('actions-table');
  const overdue = actions.getByTestId('action-overdue');
  await overdue.first().waitFor();
  const days = Number(await overdue.first().getAttribute('data-days'));
  assert.ok(days > 0, `overdue by ${days} days`);
  const actionStates = await actions
    .getByTestId('action-state')
    .evaluateAll(els => els.map(e => e.getAttribute('data-state')));
  // the demo's actions (closed on time, without a ticket, overdue) and the
  // action of the example postmortem file (examples/postmortems/checkout/)
  assert.deepEqual([...actionStates].sort(), [
    'done',
    'no-ticket',
    'no-ticket',
    'open',
  ]);
  await actions.getByText('Write the regional failover runbook').waitFor();

  await page.getByTestId('sev-per-month-chart').waitFor();
  const chartIncidents = Number(
    await page
      .getByTestId('sev-per-month-chart')
      .getAttribute('data-incidents'),
  );
  assert.equal(chartIncidents, 3);
  const links = await page
    .getByTestId('definition-link')
    .evaluateAll(els => els.map(e => e.getAttribute('data-anchor')));
  for (const anchor of ['mttd', 'postmortems-on-time', 'overdue-actions']) {
    assert.ok(links.includes(anchor), `a definition link to ${anchor}`);
  }
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'checkout-incidents.png'),
    fullPage: true,
  });
});

test('the overview shows the SEV0/SEV1 counts per tier', async () => {
  const page = await openAsGuest(browser, '/reliability');
  await page.getByTestId('fleet-incidents').waitFor({ timeout: 60_000 });
  /** SEV0 + SEV1 of a tier's card, this period and the previous one. */
  const sevCount = async tier => {
    const card = page.locator(
      `[data-testid="fleet-incidents-tier"][data-tier="${tier}"]`,
    );
    await card.waitFor();
    let sum = 0;
    for (const testId of ['incident-kpi', 'incident-kpi-previous']) {
      for (const sev of ['SEV0', 'SEV1']) {
        const text = await card
          .locator(`[data-testid="${testId}"][data-kpi="count-${sev}"]`)
          .innerText();
        assert.match(text.trim(), /^\d+$/);
        sum += Number(text.trim());
      }
    }
    return sum;
  };
  // The demo's SEV incidents of the last 28 days (always within this and
  // the previous month): checkout, payments and identity are tier 1,
  // search is tier 2.
  await waitWithReloads(
    page,
    '[data-testid="fleet-incidents-tier"][data-tier="tier-1"]',
  );
  assert.ok((await sevCount('tier-1')) >= 3);
  assert.ok((await sevCount('tier-2')) >= 1);
  assert.ok((await sevCount('fleet')) >= 4);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'overview-incidents.png'),
    fullPage: true,
  });
});

test('the fleet table shows SEV0/1 counts, their MTTR and overdue actions', async () => {
  // sorted by SEV0/1, most first: the demo's SEV entities lead once the
  // incidents task wrote the fleet's incident columns (low-priority
  // columns: in the details row, or with "All columns")
  const page = await openAsGuest(browser, '/reliability?sort=-majorIncidents', {
    width: 1280,
    height: 900,
  });
  const row =
    '[data-testid="fleet-row"][data-entity-ref="component:default/checkout"]';
  await waitWithReloads(page, row);
  /** The details row of an entity, as figure title (without its link) to text. */
  const detailsOf = async ref => {
    const r = page
      .locator(`[data-testid="fleet-row"][data-entity-ref="${ref}"]`)
      .first();
    await r.getByTestId('fleet-row-details-toggle').click();
    const details = page.locator(
      `[data-testid="fleet-row-details"][data-entity-ref="${ref}"]`,
    );
    await details.waitFor();
    const figures = await details.locator('dl > div, div').evaluateAll(divs =>
      divs.flatMap(d => {
        const dt = d.querySelector(':scope > dt');
        const dd = d.querySelector(':scope > dd');
        return dt && dd
          ? [[dt.firstChild?.textContent?.trim() ?? '', dd.innerText.trim()]]
          : [];
      }),
    );
    await r.getByTestId('fleet-row-details-toggle').click();
    return Object.fromEntries(figures);
  };
  // reload until the incidents task has run: checkout has a SEV0/1 count
  const end = Date.now() + 120_000;
  let figures = await detailsOf('component:default/checkout');
  while (!/^[1-9]\d*$/.test(figures['SEV0/1'] ?? '')) {
    assert.ok(Date.now() < end, `checkout: ${JSON.stringify(figures)}`);
    await page.reload();
    await page.locator(row).first().waitFor({ timeout: 30_000 });
    figures = await detailsOf('component:default/checkout');
  }
  // checkout has SEV incidents in the last 28 days and an overdue action
  assert.ok(figures['SEV0/1 MTTR'], JSON.stringify(figures));
  assert.match(figures['Overdue actions'], /^[1-9]\d*$/);
  // the first row, sorted by SEV0/1, has at least as many
  const first = await page
    .locator('[data-testid="fleet-row"]')
    .first()
    .getAttribute('data-entity-ref');
  const firstFigures = await detailsOf(first);
  assert.ok(
    Number(firstFigures['SEV0/1']) >= Number(figures['SEV0/1']),
    `${first}: ${JSON.stringify(firstFigures)}`,
  );
  // with all columns: the header links to the definition
  await page.getByTestId('fleet-all-columns').locator('input').check();
  await page
    .locator(
      '[data-testid="fleet-table"] thead th [data-testid="definition-link"][data-anchor="fleet-incident-columns"]',
    )
    .first()
    .waitFor();
  await page.close();
});
