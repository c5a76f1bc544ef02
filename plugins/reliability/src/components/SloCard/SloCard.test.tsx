import { configApiRef } from '@backstage/core-plugin-api';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import { screen, waitFor, within } from '@testing-library/react';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import {
  createBurnRates,
  createSloHistory,
  createSloSnapshot,
} from '../../testUtils/createSloSnapshot';
import { SloCard } from './SloCard';

jest.mock('recharts', () =>
  require('../../testUtils/mockRecharts').mockRecharts(),
);

const HOUR_MS = 60 * 60 * 1000;
const entityRef = { kind: 'Component', namespace: 'default', name: 'checkout' };

function renderCard(
  slo: SloSnapshot,
  api: Partial<ReliabilityApi> = {
    getSloHistory: async () => createSloHistory(0),
  },
) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <SloCard entityRef={entityRef} slo={slo} />
    </TestApiProvider>,
  );
}

const breaching = createSloSnapshot({
  status: 'breaching',
  sli: 0.9965,
  budgetConsumed: 3.5,
  budgetRemaining: -2.5,
  burnRates: createBurnRates([20, 15, 14.4, 10, 6, 3, 1]),
  alerts: {
    page: true,
    ticket: false,
    firing: [
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: 13.44,
        longBurn: 14.4,
        shortBurn: 20,
      },
    ],
  },
  forecast: {
    status: 'exhausted',
    exhaustsAt: null,
    msToExhaustion: 0,
    windowEnd: new Date().toISOString(),
    beforeWindowEnd: true,
  },
});

const noData = createSloSnapshot({
  id: 'latency',
  name: 'latency',
  displayName: undefined,
  status: 'no-data',
  sli: null,
  budgetConsumed: null,
  budgetRemaining: null,
  noDataReason: 'No requests in the window',
  burnRates: [
    { window: '5m', errorRatio: null, burnRate: null },
    { window: '30m', errorRatio: null, burnRate: null },
    { window: '1h', errorRatio: null, burnRate: null },
    { window: '2h', errorRatio: null, burnRate: null },
    { window: '6h', errorRatio: null, burnRate: null },
    { window: '1d', errorRatio: null, burnRate: null },
    { window: '3d', errorRatio: null, burnRate: null },
  ],
  forecast: {
    status: 'no-data',
    exhaustsAt: null,
    msToExhaustion: null,
    windowEnd: new Date().toISOString(),
    beforeWindowEnd: false,
  },
});

describe('SloCard', () => {
  it('shows a breaching SLO with its overspent budget and the firing page alert', async () => {
    await renderCard(breaching);
    const card = screen.getByTestId('slo-card');
    expect(within(card).getByText('Checkout availability')).toBeInTheDocument();
    expect(
      within(card).getByText(
        'objective 99.9% · 28d rolling · spec file slos/checkout.yaml',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-status')).toHaveTextContent('Breaching');
    expect(screen.getByTestId('slo-budget-remaining')).toHaveTextContent(
      '-250.0%',
    );
    expect(screen.getByText('error budget overspent')).toBeInTheDocument();
    expect(screen.getByTestId('slo-sli')).toHaveTextContent('99.65%');
    expect(screen.getByText('Page alert firing')).toBeInTheDocument();
    expect(screen.getByTestId('slo-forecast')).toHaveTextContent(
      'Budget exhausted',
    );

    const conditions = screen.getAllByTestId('slo-alert-condition');
    expect(conditions).toHaveLength(4);
    const firing = conditions.filter(
      row => row.getAttribute('data-firing') === 'true',
    );
    expect(firing).toHaveLength(1);
    expect(firing[0]).toHaveAttribute('data-severity', 'page');
    expect(firing[0]).toHaveTextContent('Page');
    expect(firing[0]).toHaveTextContent('1h and 5m');
    expect(firing[0]).toHaveTextContent('13.44×');
    expect(firing[0]).toHaveTextContent('14.4× / 20×');
    expect(firing[0]).toHaveTextContent('Firing');
    expect(conditions[1]).toHaveTextContent('Not firing');

    // all seven windows, with their error ratio and burn rate
    const windows = card.querySelectorAll('tr[data-window]');
    expect(windows).toHaveLength(7);
    expect(windows[0]).toHaveTextContent('5m2%20×');
  });

  it('shows a dash with its reason for an SLO without data, never a made-up number', async () => {
    await renderCard(noData);
    const card = screen.getByTestId('slo-card');
    expect(within(card).getByText('latency')).toBeInTheDocument();
    expect(screen.getByTestId('slo-status')).toHaveTextContent('No data');
    expect(screen.getByTestId('slo-budget-remaining')).toHaveTextContent('–');
    expect(screen.getByTestId('slo-budget-remaining')).toHaveAttribute(
      'aria-label',
      'No requests in the window',
    );
    expect(screen.getByTestId('slo-sli')).toHaveTextContent('–');
    expect(
      screen.getByText('No data: No requests in the window'),
    ).toBeInTheDocument();
    expect(
      within(card)
        .getAllByTestId('slo-alert-condition')
        .every(row => row.textContent?.includes('No data')),
    ).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId('slo-burndown-chart')).toHaveAttribute(
        'data-state',
        'empty',
      ),
    );
    expect(card.textContent).not.toMatch(/NaN|Infinity|100%/);
  });

  it('warns about stale data with when it was last updated and why', async () => {
    await renderCard(
      createSloSnapshot({
        stale: true,
        staleReason: 'Prometheus unreachable: connect ECONNREFUSED',
        computedAt: new Date(Date.now() - 2 * HOUR_MS - 60_000).toISOString(),
      }),
    );
    expect(screen.getByText('Warning: Stale data')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Last updated 2 h ago: Prometheus unreachable: connect ECONNREFUSED',
      ),
    ).toBeInTheDocument();
  });

  it('marks demo data', async () => {
    await renderCard(createSloSnapshot({ demo: true }));
    expect(screen.getByTestId('slo-demo-chip')).toHaveTextContent('Demo data');
  });

  it.each([
    [{ demo: true }, /by the demo provider$/],
    [{ instance: 'eu-west' }, /by eu-west$/],
    [
      { instance: 'eu-west', backendKind: 'victoriametrics' as const },
      /by eu-west \(VictoriaMetrics\)/,
    ],
    [
      { instance: 'tenant-a', backendKind: 'mimir' as const },
      /by tenant-a \(Grafana Mimir\)/,
    ],
  ])('says which backend computed it (%j)', async (overrides, text) => {
    await renderCard(createSloSnapshot(overrides));
    expect(screen.getByText(/^Computed /)).toHaveTextContent(text);
    // the backend's differences are defined
    expect(
      screen
        .queryAllByTestId('definition-link')
        .filter(
          link =>
            link.getAttribute('data-anchor') ===
            'prometheus-compatible-backends',
        ),
    ).toHaveLength('backendKind' in overrides ? 1 : 0);
  });

  it('does not mark real data as demo or stale', async () => {
    await renderCard(createSloSnapshot());
    expect(screen.queryByTestId('slo-demo-chip')).not.toBeInTheDocument();
    expect(screen.queryByText(/Stale data/)).not.toBeInTheDocument();
    expect(screen.getByTestId('slo-status')).toHaveTextContent('Healthy');
    expect(screen.getByTestId('slo-budget-remaining')).toHaveTextContent(
      '50.0%',
    );
    expect(screen.getByTestId('slo-forecast')).toHaveTextContent(
      /^Runs out in 2\d d( \d+ h)? \(after the window ends\)$/,
    );
  });

  it('draws the burn-down chart from the history of the SLO window', async () => {
    const slo = createSloSnapshot({ status: 'at-risk', budgetRemaining: 0.2 });
    const getSloHistory = jest.fn(async () => createSloHistory(10, -0.5));
    await renderCard(slo, { getSloHistory });
    const chart = screen.getByTestId('slo-burndown-chart');
    await waitFor(() => expect(chart).toHaveAttribute('data-state', 'ready'));
    expect(chart.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(chart.querySelector('.recharts-area')).not.toBeNull();
    expect(chart.querySelector('.recharts-reference-line')).not.toBeNull();
    expect(chart.textContent).toMatch(/-\d+%/);
    expect(getSloHistory).toHaveBeenCalledWith(entityRef, 'availability', {
      from: new Date(slo.windowStart),
      to: expect.any(Date),
    });
  });

  it('tells that the history builds up daily when it is empty', async () => {
    await renderCard(createSloSnapshot());
    expect(await screen.findByText(/it builds up daily/)).toBeInTheDocument();
  });

  it('shows an error of the history inside the card', async () => {
    await renderCard(createSloSnapshot(), {
      getSloHistory: async () => {
        throw new Error('Request failed with 500');
      },
    });
    expect(
      await screen.findByText(/Could not load the history: Request failed/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-status')).toHaveTextContent('Healthy');
  });

  it('links to the SLO elsewhere in a new tab', async () => {
    await renderCard(createSloSnapshot());
    const link = screen.getByText('Prometheus').closest('a');
    expect(link).toHaveAttribute(
      'href',
      'https://prometheus.example.com/graph',
    );
    expect(link).toHaveAttribute('target', '_blank');
  });
});

describe('links to the definitions', () => {
  it('links budget, attainment, forecast and burn rates to docs/definitions.md', async () => {
    await renderCard(breaching);
    const links = await screen.findAllByTestId('definition-link');
    expect(links.map(l => l.getAttribute('data-anchor'))).toEqual([
      'error-budget-remaining',
      'sli',
      'exhaustion-forecast',
      'burn-rate',
      'burn-rate-alerts',
    ]);
    expect(links[0]).toHaveAttribute(
      'href',
      'https://github.com/reliability-kit/reliability-kit/blob/main/docs/definitions.md#error-budget-remaining',
    );
    expect(links[0]).toHaveAccessibleName(
      /^How "error budget left" is computed/,
    );
  });

  it('follows reliability.definitionsUrl', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            reliabilityApiRef,
            { getSloHistory: async () => createSloHistory(0) },
          ],
          [
            configApiRef,
            mockApis.config({
              data: {
                reliability: {
                  definitionsUrl:
                    'https://docs.example.com/reliability/definitions',
                },
              },
            }),
          ],
        ]}
      >
        <SloCard entityRef={entityRef} slo={breaching} />
      </TestApiProvider>,
    );
    const [budget] = await screen.findAllByTestId('definition-link');
    expect(budget).toHaveAttribute(
      'href',
      'https://docs.example.com/reliability/definitions#error-budget-remaining',
    );
  });
});
