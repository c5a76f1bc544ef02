import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityAlertQuality,
  StoredToilItem,
  ToilItemInput,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReliabilityApi } from '../../api';
import {
  createAlertQualityReport,
  createAlertQualitySnapshot,
  createEntityAlertQuality,
  createToilItem,
} from '../../testUtils/createAlertQuality';
import { expectTrendFigure } from '../../__testUtils__/expectTrendFigure';
import { EntityAlertQualityContent } from './EntityAlertQualityContent';
import { renderForEntity } from '../../__testUtils__/renderForEntity';

jest.mock('recharts', () =>
  require('../../testUtils/mockRecharts').mockRecharts(),
);

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

const entityRef = { kind: 'Component', namespace: 'default', name: 'checkout' };

/** Types the task, minutes per occurrence and occurrences per week of toil. */
async function typeToil(dialog: HTMLElement, values: [string, string, string]) {
  const labels = [/^Task/, /^Minutes per occurrence/, /^Occurrences per week/];
  for (const [i, label] of labels.entries()) {
    await userEvent.type(within(dialog).getByLabelText(label), values[i]);
  }
}

async function responseError(
  status: number,
  statusText: string,
  name: string,
  message: string,
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'POST', url: '/x' },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText,
    url: 'http://backstage.test/api/reliability/x',
    headers: {
      get: (header: string) =>
        header.toLowerCase() === 'content-type' ? 'application/json' : null,
    },
    text: async () => body,
  } as unknown as Response);
}

/**
 * An in-memory backend: the toil changes show in the next read.
 */
function createFakeApi(data: EntityAlertQuality = createEntityAlertQuality()) {
  let items: StoredToilItem[] = [...data.toilItems];
  let nextId = 2;
  const api = {
    getAlertQuality: jest.fn(async (_ref: unknown, window: string) => ({
      ...data,
      window: window as EntityAlertQuality['window'],
      toilItems: [...items],
    })),
    createToilItem: jest.fn(async (_ref: unknown, input: ToilItemInput) => {
      const item = createToilItem({
        ...input,
        id: `toil-${nextId++}`,
        owner: input.owner ?? 'group:default/payments',
        updatedBy: 'user:default/ada',
        updatedAt: new Date().toISOString(),
      });
      items = [...items, item];
      return item;
    }),
    updateToilItem: jest.fn(
      async (_ref: unknown, id: string, input: ToilItemInput) => {
        const item = createToilItem({
          ...items.find(i => i.id === id),
          ...input,
          id,
          updatedBy: 'user:default/ada',
          updatedAt: new Date().toISOString(),
        });
        items = items.map(i => (i.id === id ? item : i));
        return item;
      },
    ),
    deleteToilItem: jest.fn(async (_ref: unknown, id: string) => {
      items = items.filter(i => i.id !== id);
    }),
  };
  return api;
}

function renderWith(api: Partial<ReliabilityApi>) {
  return renderForEntity(<EntityAlertQualityContent />, api, entity);
}

function renderData(data: EntityAlertQuality) {
  return renderWith({ getAlertQuality: async () => data });
}

async function findHeadline(metric: string): Promise<HTMLElement> {
  const figures = await screen.findAllByTestId('alert-quality-headline');
  const figure = figures.find(f => f.getAttribute('data-metric') === metric);
  if (!figure) {
    throw new Error(`No headline figure ${metric}`);
  }
  return figure;
}

function toilRows(): HTMLElement[] {
  return within(screen.getByTestId('toil-log'))
    .queryAllByTestId('toil-task')
    .map(cell => cell.closest('tr')!);
}

describe('EntityAlertQualityContent', () => {
  it('reads the last 28 days by default and another window when chosen', async () => {
    const api = createFakeApi();
    await renderWith(api);
    await screen.findAllByTestId('alert-quality-headline');
    expect(api.getAlertQuality).toHaveBeenCalledWith(entityRef, '28d');
    expect(screen.getByTestId('alert-quality-summary')).toHaveTextContent(
      'Last 28 days (Feb 1, 2026 – Feb 28, 2026, UTC) against the previous 28 days · incidents from PagerDuty · computed 5 min ago',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() =>
      expect(api.getAlertQuality).toHaveBeenLastCalledWith(entityRef, '7d'),
    );
    await waitFor(() =>
      expect(screen.getByTestId('alert-quality-summary')).toHaveTextContent(
        'against the previous 7 days',
      ),
    );
    expect(screen.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('shows every headline figure of the report', async () => {
    await renderData(createEntityAlertQuality());
    const figures = await screen.findAllByTestId('alert-quality-headline');
    expect(figures.map(f => f.getAttribute('data-metric')).sort()).toEqual(
      [
        'autoResolved',
        'escalations',
        'flappingIncidents',
        'incidents',
        'interruptHoursPerWeek',
        'mttaMedianMs',
        'mttaP90Ms',
        'mttrMedianMs',
        'mttrP90Ms',
        'neverAcknowledged',
        'noiseRatio',
        'offHoursPages',
        'pages',
        'pagesPerOnCallWeek',
        'runbookCoverage',
        'sleepPages',
        'toilHoursPerWeek',
      ].sort(),
    );
  });

  it.each([
    // metric, value, previous, direction, tone
    ['pages', '12', '18', 'down', 'better'],
    ['offHoursPages', '6', '9', 'down', 'better'],
    ['mttaMedianMs', '4 m 30 s', '3 m', 'up', 'worse'],
    ['mttaP90Ms', '20 m', '25 m', 'down', 'better'],
    ['mttrMedianMs', '2 h 5 m', '3 h', 'down', 'better'],
    ['mttrP90Ms', '9 h', '9 h', 'flat', 'neutral'],
    ['noiseRatio', '25%', '25%', 'flat', 'neutral'],
    ['flappingIncidents', '3', '0', 'up', 'worse'],
    ['runbookCoverage', '75%', '–', 'unknown', 'neutral'],
    ['toilHoursPerWeek', '6 h', '6 h', 'flat', 'neutral'],
  ])(
    'shows %s as %s (previous %s) with a %s arrow coloured %s',
    async (metric, value, previous, direction, tone) => {
      await renderData(createEntityAlertQuality());
      const figure = await findHeadline(metric);
      expectTrendFigure(figure, { value, previous, direction, tone });
      expect(figure).toHaveAttribute('data-direction', direction);
    },
  );

  it('colours a better change green, a worse one red and no change grey', async () => {
    await renderData(createEntityAlertQuality());
    const colorOf = async (metric: string) =>
      getComputedStyle(
        within(await findHeadline(metric)).getByTestId('trend-arrow'),
      ).color;
    const better = await colorOf('pages');
    const worse = await colorOf('mttaMedianMs');
    const flat = await colorOf('noiseRatio');
    const unknown = await colorOf('runbookCoverage');
    const rgb = (color: string) =>
      (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    const [br, bg] = rgb(better);
    const [wr, wg] = rgb(worse);
    expect(bg).toBeGreaterThan(br); // green
    expect(wr).toBeGreaterThan(wg); // red
    expect(flat).not.toBe(better);
    expect(flat).not.toBe(worse);
    expect(unknown).toBe(flat); // grey
  });

  it('takes higher as better for runbook coverage', async () => {
    const current = createAlertQualitySnapshot();
    const previous = createAlertQualitySnapshot({
      runbookCoverage: {
        rules: 4,
        rulesWithRunbook: 2,
        coverage: 0.5,
        missing: [],
      },
    });
    await renderData(
      createEntityAlertQuality({
        report: createAlertQualityReport(current, previous),
      }),
    );
    const arrow = within(await findHeadline('runbookCoverage')).getByTestId(
      'trend-arrow',
    );
    expect(arrow).toHaveAttribute('data-direction', 'up');
    expect(arrow).toHaveAttribute('data-tone', 'better');
  });

  it('shows – for figures that do not exist, never NaN or Infinity', async () => {
    const empty = createAlertQualitySnapshot({
      incidents: 0,
      pages: 0,
      openPages: 0,
      responseTimes: {
        scope: 'pages',
        mtta: {
          n: 0,
          medianMs: null,
          p90Ms: null,
          meanMs: null,
          dataQualityIssues: 0,
        },
        mttr: {
          n: 0,
          medianMs: null,
          p90Ms: null,
          meanMs: null,
          dataQualityIssues: 0,
        },
      },
      noise: {
        incidents: 0,
        noiseCandidates: 0,
        noiseRatio: null,
        autoResolved: 0,
        neverAcknowledged: 0,
        flappingRuns: 0,
        flappingIncidents: 0,
        autoResolveThresholdMs: 5 * MINUTE_MS,
      },
      pageTimes: { business: 0, off: 0, sleep: 0, offHours: 0 },
      onCall: {
        personHours: 0,
        people: 0,
        invalidShifts: 0,
        pagesPerOnCallWeek: null,
      },
      topNoisyAlerts: [],
      runbookCoverage: {
        rules: 0,
        rulesWithRunbook: 0,
        coverage: null,
        missing: [],
      },
    });
    await renderData(
      createEntityAlertQuality({
        report: createAlertQualityReport(empty, empty),
      }),
    );
    for (const metric of [
      'mttaMedianMs',
      'mttaP90Ms',
      'mttrMedianMs',
      'mttrP90Ms',
      'noiseRatio',
      'pagesPerOnCallWeek',
      'runbookCoverage',
    ]) {
      const figure = await findHeadline(metric);
      expect(
        within(figure).getByTestId('trend-figure-value'),
      ).toHaveTextContent(/^–$/);
      expect(within(figure).getByTestId('trend-arrow')).toHaveAttribute(
        'data-tone',
        'neutral',
      );
    }
    const pages = await findHeadline('pages');
    expect(within(pages).getByTestId('trend-figure-value')).toHaveTextContent(
      '0',
    );
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
    expect(screen.getByTestId('runbook-coverage')).toHaveTextContent(
      'No alert rules match',
    );
    expect(screen.getByTestId('runbook-coverage')).not.toHaveTextContent(
      '100%',
    );
    expect(screen.getByText(/No incidents in this window/)).toBeInTheDocument();
  });

  it('draws the pages per day as three stacked series', async () => {
    await renderData(createEntityAlertQuality());
    const chart = await screen.findByTestId('pages-per-day-chart');
    expect(chart).toHaveAttribute('data-days', '28');
    expect(chart).toHaveAttribute('data-pages', '12');
    expect(chart.querySelectorAll('.recharts-bar')).toHaveLength(3);
    const legend = Array.from(
      chart.querySelectorAll('.recharts-legend-item-text'),
    ).map(item => item.textContent);
    expect(legend).toEqual(['Business hours', 'Off hours', 'Sleep hours']);
    // 5 days with pages: one rectangle per day and series with pages.
    expect(
      chart.querySelectorAll('.recharts-bar-rectangle path').length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('shows MTTA and MTTR of both windows', async () => {
    await renderData(createEntityAlertQuality());
    const chart = await screen.findByTestId('response-times-chart');
    expect(
      within(chart).getByTestId('mtta-chart').querySelectorAll('.recharts-bar'),
    ).toHaveLength(2);
    const rows = within(chart).getAllByTestId('response-time-row');
    expect(rows.map(r => r.textContent)).toEqual([
      'MTTALast 28 days114 m 30 s20 m7 m',
      'MTTAPrevious 28 days163 m25 m6 m',
      'MTTRLast 28 days112 h 5 m9 h3 h',
      'MTTRPrevious 28 days183 h9 h4 h',
    ]);
  });

  it('lists the noisiest alerts', async () => {
    await renderData(createEntityAlertQuality());
    const table = await screen.findByTestId('noisy-alerts-table');
    const titles = within(table).getAllByTestId('noisy-alert-title');
    expect(titles.map(t => t.textContent)).toEqual([
      'High error rate on checkout',
      'Disk almost full',
    ]);
    const first = titles[0].closest('tr')!;
    expect(
      within(first)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'High error rate on checkoutHighErrorRate',
      '8',
      '6',
      '3',
      '50%',
    ]);
    const second = titles[1].closest('tr')!;
    expect(
      within(second)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(['Disk almost full', '5', '0', '2', '0%']);
  });

  it('shows the runbook coverage and the alert rules missing a runbook', async () => {
    await renderData(createEntityAlertQuality());
    const card = await screen.findByTestId('runbook-coverage');
    expect(
      within(card).getByTestId('runbook-coverage-value'),
    ).toHaveTextContent('75%');
    expect(card).toHaveTextContent('3 of 4 alert rules link a runbook');
    const missing = within(card).getAllByTestId('runbook-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toHaveTextContent('DiskAlmostFull');
    expect(missing[0]).toHaveTextContent('group node');
  });

  it('shows the alerts firing now', async () => {
    await renderData(createEntityAlertQuality());
    const table = await screen.findByTestId('firing-alerts');
    const names = within(table).getAllByTestId('firing-alert-name');
    expect(names).toHaveLength(2);
    expect(names[0]).toHaveTextContent(/^HighErrorRate/);
    expect(names[1]).toHaveTextContent(/^DiskAlmostFull$/);
    expect(within(names[0]).getByRole('link')).toHaveAttribute(
      'href',
      'https://runbooks.example.com/high-error-rate',
    );
    const active = names[0].closest('tr')!;
    expect(active).toHaveTextContent('critical');
    expect(active).toHaveTextContent('25 min ago');
    expect(active).toHaveTextContent('Active');
    expect(active).toHaveTextContent('No');
    const silenced = names[1].closest('tr')!;
    expect(silenced).toHaveTextContent('Suppressed');
    expect(silenced).toHaveTextContent('Yes (silence-42)');
  });

  it('tells when no alerts are firing', async () => {
    await renderData(createEntityAlertQuality({ firingAlerts: [] }));
    expect(
      await screen.findByText('No alerts firing now.'),
    ).toBeInTheDocument();
  });

  describe('toil log', () => {
    it('lists the toil items and the total toil', async () => {
      await renderData(createEntityAlertQuality());
      await screen.findByTestId('toil-log');
      const rows = toilRows();
      expect(rows).toHaveLength(1);
      expect(
        within(rows[0])
          .getAllByRole('cell')
          .slice(0, 6)
          .map(cell => cell.textContent),
      ).toEqual([
        'Rotate TLS certificates',
        '30',
        '2',
        '1 h',
        'payments',
        'grace, 2 h ago',
      ]);
      expect(screen.getByTestId('toil-total')).toHaveTextContent(
        '6 h of toil per week = 1 h self-reported + 5 h interrupt time (acknowledgement to resolution of 10 pages in the last 28 days).',
      );
    });

    it('blocks an invalid item and adds a valid one with numbers', async () => {
      const api = createFakeApi();
      await renderWith(api);
      await userEvent.click(await screen.findByTestId('toil-add-button'));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).getByText('Add toil')).toBeInTheDocument();

      await typeToil(dialog, ['Restart the stuck batch job', '-5', '3']);
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add' }),
      );
      expect(
        within(dialog).getByText(
          'Must be more than 0 and at most 10080 (a week)',
        ),
      ).toBeInTheDocument();
      expect(api.createToilItem).not.toHaveBeenCalled();

      const minutes = within(dialog).getByLabelText(/^Minutes per occurrence/);
      await userEvent.clear(minutes);
      await userEvent.type(minutes, '20');
      expect(within(dialog).getByText('1 h per week')).toBeInTheDocument();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add' }),
      );

      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(api.createToilItem).toHaveBeenCalledWith(entityRef, {
        task: 'Restart the stuck batch job',
        minutesPerOccurrence: 20,
        occurrencesPerWeek: 3,
      });
      await waitFor(() => expect(toilRows()).toHaveLength(2));
      expect(toilRows()[1]).toHaveTextContent('Restart the stuck batch job');
      expect(toilRows()[1]).toHaveTextContent('1 h');
      // The report is read again, for the new total.
      await waitFor(() => expect(api.getAlertQuality).toHaveBeenCalledTimes(2));
    });

    it('edits an item', async () => {
      const api = createFakeApi();
      await renderWith(api);
      await userEvent.click(
        await screen.findByRole('button', {
          name: 'Edit "Rotate TLS certificates"',
        }),
      );
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).getByText('Edit toil')).toBeInTheDocument();
      const times = within(dialog).getByLabelText(/^Occurrences per week/);
      expect(times).toHaveValue(2);
      expect(within(dialog).getByLabelText(/^Owner/)).toHaveValue(
        'group:default/payments',
      );
      await userEvent.clear(times);
      await userEvent.type(times, '4');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Save' }),
      );

      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(api.updateToilItem).toHaveBeenCalledWith(entityRef, 'toil-1', {
        task: 'Rotate TLS certificates',
        minutesPerOccurrence: 30,
        occurrencesPerWeek: 4,
        owner: 'group:default/payments',
      });
      await waitFor(() =>
        expect(
          within(toilRows()[0])
            .getAllByRole('cell')
            .slice(0, 4)
            .map(cell => cell.textContent),
        ).toEqual(['Rotate TLS certificates', '30', '4', '2 h']),
      );
    });

    it('deletes an item after confirmation', async () => {
      const api = createFakeApi();
      await renderWith(api);
      await userEvent.click(
        await screen.findByRole('button', {
          name: 'Delete "Rotate TLS certificates"',
        }),
      );
      const dialog = await screen.findByRole('dialog');
      expect(dialog).toHaveTextContent(
        '"Rotate TLS certificates" is removed from the toil log.',
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Delete' }),
      );
      await waitFor(() => expect(toilRows()).toHaveLength(0));
      expect(api.deleteToilItem).toHaveBeenCalledWith(entityRef, 'toil-1');
      expect(
        await screen.findByText(/No toil recorded yet/),
      ).toBeInTheDocument();
    });

    it('shows the server message when the change is not allowed', async () => {
      const error = await responseError(
        403,
        'Forbidden',
        'NotAllowedError',
        'You may not change the toil of component:default/checkout',
      );
      const api = createFakeApi();
      api.createToilItem.mockRejectedValue(error);
      api.deleteToilItem.mockRejectedValue(error);
      await renderWith(api);

      await userEvent.click(await screen.findByTestId('toil-add-button'));
      const dialog = await screen.findByRole('dialog');
      await typeToil(dialog, ['Triage', '10', '1']);
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Add' }),
      );
      expect(
        await within(dialog).findByTestId('toil-item-submit-error'),
      ).toHaveTextContent(
        'You may not change the toil of component:default/checkout',
      );
      expect(screen.getByRole('dialog')).toBeInTheDocument();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Cancel' }),
      );
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(toilRows()).toHaveLength(1);

      await userEvent.click(
        screen.getByRole('button', {
          name: 'Delete "Rotate TLS certificates"',
        }),
      );
      await userEvent.click(
        within(await screen.findByRole('dialog')).getByRole('button', {
          name: 'Delete',
        }),
      );
      expect(await screen.findByTestId('toil-error')).toHaveTextContent(
        'Could not delete "Rotate TLS certificates": You may not change the toil of component:default/checkout',
      );
      expect(toilRows()).toHaveLength(1);
    });
  });

  it('explains the annotations when there is no paging source and no rules', async () => {
    await renderData(
      createEntityAlertQuality({
        pagingSource: null,
        report: null,
        firingAlerts: [],
        toilItems: [],
      }),
    );
    expect(
      await screen.findByText('No paging source and no alert rules'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/pagerduty\.com\/service-id/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getAllByText(/reliability-kit\.io\/alert-selector/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByTestId('alert-quality-headline'),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('pages-per-day-chart')).not.toBeInTheDocument();
    // Toil can still be recorded.
    expect(screen.getByTestId('toil-add-button')).toBeInTheDocument();
    expect(screen.getByTestId('toil-total')).toHaveTextContent(
      '0 h of self-reported toil per week',
    );
  });

  it('tells when alert quality is not computed yet', async () => {
    await renderData(
      createEntityAlertQuality({ report: null, computedAt: null }),
    );
    expect(
      await screen.findByTestId('alert-quality-not-computed'),
    ).toBeInTheDocument();
  });

  it('shows stale data with when and why', async () => {
    await renderData(
      createEntityAlertQuality({
        stale: true,
        staleReason: 'PagerDuty unreachable: 503',
        computedAt: new Date(
          Date.now() - 2 * HOUR_MS - MINUTE_MS,
        ).toISOString(),
      }),
    );
    expect(
      await screen.findByText(
        'Last updated 2 h ago: PagerDuty unreachable: 503',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('alert-quality-headline').length).toBe(17);
  });

  it('says so when it shows demo data', async () => {
    await renderData(
      createEntityAlertQuality({ demo: true, pagingSource: 'demo' }),
    );
    expect(
      await screen.findByTestId('alert-quality-demo-notice'),
    ).toHaveTextContent('Demo data');
    expect(screen.getByTestId('alert-quality-demo-chip')).toBeInTheDocument();
    expect(screen.getByTestId('alert-quality-summary')).toHaveTextContent(
      'incidents from the demo paging provider',
    );
  });

  it('lists the problems', async () => {
    await renderData(
      createEntityAlertQuality({
        problems: [
          {
            source: 'alert-quality',
            message: 'Invalid alert selector: unexpected "="',
          },
          {
            source: 'alert-quality',
            message: 'Unknown PagerDuty account "us-2"',
          },
        ],
      }),
    );
    expect(
      await screen.findByText(/2 problems with the alert quality data/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByTestId('alert-quality-problem').map(p => p.textContent),
    ).toEqual([
      'Invalid alert selector: unexpected "="',
      'Unknown PagerDuty account "us-2"',
    ]);
  });

  it('shows the error when the backend fails', async () => {
    await renderWith({
      getAlertQuality: async () => {
        throw await responseError(
          503,
          'Service Unavailable',
          'ServiceUnavailableError',
          'The store is not reachable',
        );
      },
    });
    expect(
      (await screen.findAllByText(/Request failed with 503/)).length,
    ).toBeGreaterThan(0);
    // The window can still be changed.
    expect(
      screen.getByRole('button', { name: 'Last 90 days' }),
    ).toBeInTheDocument();
  });
});
