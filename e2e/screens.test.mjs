// Screens that fit: the fleet table, the scorecard drill-down and the
// alert-quality tables at 1280 and 1440 px with the sidebar open (pinned):
// no header cell taller than two lines, no header word broken across lines,
// figures right-aligned. Screenshots of every page at both widths go to
// test-results/e2e/ (gitignored); their paths are printed. Also: the demo's
// trends have history from day one (12 weeks on /reliability, 90 days on
// /reliability/scorecards).
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

const WIDTHS = [1280, 1440];

const PAGES = [
  {
    name: 'reliability',
    path: '/reliability',
    tables: [
      '[data-testid="fleet-table"]',
      '[data-testid^="fleet-rollup-"] table',
    ],
    ready: '[data-testid="fleet-row"]',
  },
  {
    name: 'scorecards',
    path: '/reliability/scorecards',
    tables: ['[data-testid="scorecard-results"]'],
    ready: '[data-testid="scorecard-result-row"]',
  },
  {
    name: 'alert-quality',
    path: '/catalog/default/component/search/alert-quality',
    tables: ['table'],
    ready: '[data-testid="alert-quality-headline"]',
  },
];

/**
 * Measures the header cells and figures of the tables matching `selector`
 * in the page: per header cell its text, its number of text lines and the
 * words broken across lines; per body cell holding a figure (a number,
 * with a unit or %) whether it is right-aligned.
 */
function measureTables(selector) {
  const lineCount = cell => {
    const style = getComputedStyle(cell);
    let lineHeight = parseFloat(style.lineHeight);
    if (!Number.isFinite(lineHeight)) {
      lineHeight = parseFloat(style.fontSize) * 1.2;
    }
    // the lines of the text itself: distinct tops of its line boxes
    const range = document.createRange();
    range.selectNodeContents(cell);
    const tops = new Set(
      [...range.getClientRects()]
        .filter(r => r.width > 0 && r.height > 0)
        .map(r => Math.round(r.top / (lineHeight / 2))),
    );
    const textHeight = [...range.getClientRects()].reduce(
      (acc, r) => ({
        top: Math.min(acc.top, r.top),
        bottom: Math.max(acc.bottom, r.bottom),
      }),
      { top: Infinity, bottom: -Infinity },
    );
    const byHeight =
      textHeight.bottom > textHeight.top
        ? Math.round((textHeight.bottom - textHeight.top) / lineHeight)
        : 0;
    return Math.max(byHeight, tops.size ? 1 : 0);
  };
  const brokenWords = cell => {
    const broken = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const re = /\S+/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(
          [...range.getClientRects()]
            .filter(r => r.width > 0)
            .map(r => Math.round(r.top)),
        );
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  };
  const FIGURE = /^[-+−]?[\d.,]+\s*(%|ms|s|m|h|d|min|x|×)?$/;
  return [...document.querySelectorAll(selector)]
    .filter(table => table.offsetParent !== null)
    .map(table => ({
      headers: [...table.querySelectorAll('thead th')]
        .filter(th => (th.innerText ?? '').trim())
        .map(th => ({
          text: th.innerText.trim().replace(/\s+/g, ' '),
          lines: lineCount(th),
          broken: brokenWords(th),
          width: Math.round(th.getBoundingClientRect().width),
        })),
      figures: [...table.querySelectorAll('tbody td')]
        .filter(td => FIGURE.test((td.innerText ?? '').trim()))
        .map(td => ({
          text: td.innerText.trim(),
          align: getComputedStyle(td).textAlign,
        })),
    }));
}

for (const width of WIDTHS) {
  for (const target of PAGES) {
    test(`${target.path} fits at ${width} px with the sidebar open`, async () => {
      const page = await openAsGuest(browser, target.path, {
        width,
        height: 900,
      });
      await page.evaluate(() =>
        window.localStorage.setItem('sidebarPinState', 'true'),
      );
      await page.reload();
      await page.locator(target.ready).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      // the sidebar is open: the page content starts right of its 224 px
      const sidebar = await page.evaluate(() => {
        const nav = document.querySelector('nav');
        return nav ? Math.round(nav.getBoundingClientRect().width) : 0;
      });
      assert.ok(sidebar >= 200, `sidebar is ${sidebar} px wide, not open`);

      const file = join(SCREENSHOT_DIR, `screens-${target.name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshot: ${file}`);

      const tables = (
        await Promise.all(
          target.tables.map(selector => page.evaluate(measureTables, selector)),
        )
      ).flat();
      assert.ok(tables.length > 0, `no table on ${target.path}`);
      for (const table of tables) {
        assert.ok(table.headers.length > 0, 'a table without headers');
        for (const header of table.headers) {
          assert.ok(
            header.lines <= 2,
            `header "${header.text}" takes ${header.lines} lines (${header.width} px wide) at ${width} px`,
          );
          assert.deepEqual(
            header.broken,
            [],
            `header "${header.text}" breaks inside a word at ${width} px`,
          );
        }
        for (const figure of table.figures) {
          assert.ok(
            ['right', 'end'].includes(figure.align),
            `figure "${figure.text}" is aligned ${figure.align}, not right`,
          );
        }
      }
      await page.close();
    });
  }
}

test('the fleet table shows hidden figures in a details row', async () => {
  const page = await openAsGuest(browser, '/reliability', {
    width: 1280,
    height: 900,
  });
  const row = page
    .locator(
      '[data-testid="fleet-row"][data-entity-ref="component:default/identity"]',
    )
    .first();
  await row.waitFor({ timeout: 60_000 });
  const headers = async () =>
    (await page.locator('[data-testid="fleet-table"] thead th').allInnerTexts())
      .map(t => t.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
  assert.ok(!(await headers()).includes('MTTA'));
  await row.getByTestId('fleet-row-details-toggle').click();
  const details = page.locator(
    '[data-testid="fleet-row-details"][data-entity-ref="component:default/identity"]',
  );
  await details.waitFor();
  const text = await details.innerText();
  for (const label of ['MTTA', 'MTTR', 'Noise ratio', 'Runbook coverage']) {
    assert.match(text, new RegExp(label));
  }
  await page.getByTestId('fleet-all-columns').locator('input').check();
  await page.waitForTimeout(300);
  assert.ok((await headers()).includes('MTTA'));
  await page.close();
});

/** The most points of a recharts line inside `container`. */
async function linePoints(page, container) {
  const paths = await page
    .locator(`${container} path.recharts-line-curve`)
    .evaluateAll(nodes => nodes.map(n => n.getAttribute('d') ?? ''));
  // one M, then one L (linear) or C (monotone) per further point; a line
  // broken by missing values has several M
  return Math.max(
    0,
    ...paths.map(d =>
      Math.max(
        0,
        ...d.split('M').map(part => (part.match(/[LC]/g) ?? []).length + 1),
      ),
    ),
  );
}

test('the demo has history from day one: 12-week fleet trends, a 90-day scorecard trend', async () => {
  const page = await openAsGuest(browser, '/reliability');
  const fleet = page.getByTestId('fleet-trends-chart');
  await fleet.waitFor({ timeout: 60_000 });
  await page
    .locator('[data-testid="fleet-trends-chart"] path.recharts-line-curve[d]')
    .first()
    .waitFor({ state: 'attached' });
  const weeks = await linePoints(page, '[data-testid="fleet-trends-chart"]');
  // 12 weeks before the current one, and the current one
  assert.ok(weeks >= 12, `the fleet trend has ${weeks} weeks`);
  assert.match(
    await page.getByTestId('fleet-trends-history-start').innerText(),
    /History starts in the week of/,
  );
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'fleet-trends-history.png'),
    fullPage: true,
  });

  await page.goto(new URL('/reliability/scorecards', page.url()).toString());
  await page
    .locator(
      '[data-testid="scorecard-trend-chart"] path.recharts-line-curve[d]',
    )
    .first()
    .waitFor({ state: 'attached', timeout: 60_000 });
  const days = await linePoints(page, '[data-testid="scorecard-trend-chart"]');
  assert.ok(days >= 90, `the scorecard trend has ${days} days`);
  assert.match(
    await page.getByTestId('scorecard-trend-history-start').innerText(),
    /History starts on/,
  );
  await page.close();
});
