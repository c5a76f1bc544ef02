import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  FleetGroupSummary,
  FleetRow,
  toIsoWeek,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import { scorecardsRouteRef } from '../../routes';
import { mockRecharts } from '../../testUtils/mockRecharts';
import { createFleetIncidents } from '../../testUtils/createIncidents';
import { createCampaignWithProgress } from '../../testUtils/createCampaigns';
import { ReliabilityOverviewPage } from './ReliabilityOverviewPage';

jest.mock('recharts', () =>
  jest.requireActual('../../testUtils/mockRecharts').mockRecharts(),
);
void mockRecharts;

function row(name: string, overrides: Partial<FleetRow> = {}): FleetRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    ownerRef: 'group:default/payments',
    systemRef: 'system:default/shop',
    tier: 'tier-1',
    sloStatus: 'healthy',
    sloCount: 1,
    worstBudgetRemaining: 0.5,
    pagesPerWeek: 2,
    pagesPerOnCallWeek: 1,
    mttaMs: 60_000,
    mttrMs: 3_600_000,
    noiseRatio: 0.25,
    runbookCoverage: 0.75,
    readiness: 'ready',
    goldenPathLevel: 'gold',
    updatedAt: '2026-11-26T00:00:00.000Z',
    ...overrides,
  };
}

function group(
  key: string | null,
  overrides: Partial<FleetGroupSummary> = {},
): FleetGroupSummary {
  return {
    key,
    entities: 4,
    withSlos: 2,
    sloAttainmentRate: 0.5,
    burningAbovePolicy: 1,
    pagesPerWeek: 3,
    pagesPerOnCallWeek: 1.5,
    mttaMs: 60_000,
    mttrMs: 3_600_000,
    noiseRatio: 0.2,
    runbookCoverage: 0.8,
    readinessCoverage: 0.9,
    goldenPathAdoption: 0.4,
    ...overrides,
  };
}

function LocationSearch() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function createApi(overrides: Partial<ReliabilityApi> = {}) {
  return {
    getFleet: jest.fn(async () => ({
      items: [row('checkout'), row('payments', { sloStatus: 'breaching' })],
      totalCount: 2,
    })),
    getFleetSummary: jest.fn(async (groupBy: 'tier' | 'owner' | 'system') => ({
      groupBy,
      groups:
        groupBy === 'tier'
          ? [
              group('tier-1'),
              group('tier-2', {
                withSlos: 0,
                sloAttainmentRate: null,
                pagesPerWeek: null,
                mttaMs: null,
                mttrMs: null,
                noiseRatio: null,
                runbookCoverage: null,
                readinessCoverage: null,
                goldenPathAdoption: null,
              }),
            ]
          : [
              group(
                groupBy === 'owner'
                  ? 'group:default/payments'
                  : 'system:default/shop',
              ),
            ],
      computedAt: '2026-11-26T00:00:00.000Z',
    })),
    getFleetTrends: jest.fn(async () => [
      {
        week: '2026-11-16',
        tier: 'tier-1',
        entities: 4,
        sloAttainmentRate: 0.5,
        breaching: 1,
        pagesPerWeek: 2,
      },
      {
        week: '2026-11-23',
        tier: 'tier-1',
        entities: 4,
        sloAttainmentRate: 0.75,
        breaching: 0,
        pagesPerWeek: 1,
      },
    ]),
    getFleetIncidents: jest.fn(async () => createFleetIncidents()),
    listCampaigns: jest.fn(async () => ({
      items: [
        createCampaignWithProgress({ id: 'burn-alerts', title: 'Burn alerts' }),
        createCampaignWithProgress({ id: 'runbooks', title: 'Runbooks' }),
      ],
    })),
    downloadWeeklyReview: jest.fn(async (week: string, format: string) => ({
      blob: new Blob(['# Review']),
      fileName: `review-${week}.${format}`,
    })),
    ...overrides,
  };
}

function renderPage(api: Partial<ReliabilityApi>, route = '/reliability') {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <ReliabilityOverviewPage />
      <LocationSearch />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('ReliabilityOverviewPage', () => {
  it('links to the scorecards page when the app mounts it', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, createApi()]]}>
        <ReliabilityOverviewPage />
      </TestApiProvider>,
      {
        routeEntries: ['/reliability'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/reliability/scorecards': scorecardsRouteRef,
        },
      },
    );
    expect(await screen.findByTestId('scorecards-link')).toHaveAttribute(
      'href',
      '/reliability/scorecards',
    );
  });

  it('leaves the scorecards link out when the page is not mounted', async () => {
    await renderPage(createApi());
    await screen.findAllByTestId('fleet-row');
    expect(screen.queryByTestId('scorecards-link')).not.toBeInTheDocument();
  });

  it('renders the fleet rows with links to the entity pages', async () => {
    const api = createApi();
    await renderPage(api);
    const rows = await screen.findAllByTestId('fleet-row');
    expect(rows.map(r => r.getAttribute('data-entity-ref'))).toEqual([
      'component:default/checkout',
      'component:default/payments',
    ]);
    expect(screen.getByTestId('fleet-table')).toBeInTheDocument();
    expect(within(rows[0]).getByText('checkout').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout',
    );
    expect(within(rows[1]).getByText('Breaching')).toBeInTheDocument();
    expect(api.getFleet).toHaveBeenCalledWith({
      sort: undefined,
      readiness: undefined,
      cursor: undefined,
      limit: 25,
    });
  });

  it('reads the filters and sort from the URL', async () => {
    const api = createApi();
    await renderPage(
      api,
      '/reliability?tier=tier-1&tier=tier-2&sloStatus=breaching&readiness=not-ready&owner=group%3Adefault%2Fpayments&sort=-pagesPerWeek',
    );
    await screen.findAllByTestId('fleet-row');
    expect(api.getFleet).toHaveBeenLastCalledWith({
      tier: ['tier-1', 'tier-2'],
      sloStatus: ['breaching'],
      owner: ['group:default/payments'],
      readiness: ['not-ready'],
      sort: { key: 'pagesPerWeek', direction: 'desc' },
      cursor: undefined,
      limit: 25,
    });
  });

  it('writes the sort and filters to the URL and queries the backend', async () => {
    const api = createApi();
    await renderPage(api);
    await screen.findAllByTestId('fleet-row');
    // MTTR is a low-priority column: shown with "All columns"
    expect(screen.queryByTestId('fleet-sort-mttrMs')).not.toBeInTheDocument();
    fireEvent.click(
      within(screen.getByTestId('fleet-all-columns')).getByRole('checkbox'),
    );
    fireEvent.click(screen.getByTestId('fleet-sort-mttrMs'));
    await waitFor(() =>
      expect(screen.getByTestId('location-search')).toHaveTextContent(
        '?sort=mttrMs',
      ),
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: { key: 'mttrMs', direction: 'asc' } }),
      ),
    );
    await screen.findAllByTestId('fleet-row');
    fireEvent.click(screen.getByTestId('fleet-sort-mttrMs'));
    await waitFor(() =>
      expect(screen.getByTestId('location-search')).toHaveTextContent(
        '?sort=-mttrMs',
      ),
    );

    await screen.findAllByTestId('fleet-row');
    const tierSelect = screen.getByLabelText('Tier');
    fireEvent.mouseDown(tierSelect);
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Tier 2'),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location-search')).toHaveTextContent(
        '?tier=tier-2&sort=-mttrMs',
      ),
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({
          tier: ['tier-2'],
          sort: { key: 'mttrMs', direction: 'desc' },
        }),
      ),
    );
  });

  it('filters the fleet to the entities not done for a campaign, in the URL', async () => {
    const api = createApi();
    await renderPage(api, '/reliability?tier=tier-1');
    await screen.findAllByTestId('fleet-row');
    const select = screen.getByLabelText('Not done for campaign');
    await waitFor(() =>
      expect(select).not.toHaveAttribute('aria-disabled', 'true'),
    );
    fireEvent.mouseDown(select);
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Runbooks'),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location-search')).toHaveTextContent(
        '?tier=tier-1&campaign=runbooks',
      ),
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith({
        tier: ['tier-1'],
        readiness: undefined,
        campaign: 'runbooks',
        sort: undefined,
        cursor: undefined,
        limit: 25,
      }),
    );
  });

  it('reads the campaign filter from the URL', async () => {
    const api = createApi();
    await renderPage(api, '/reliability?campaign=burn-alerts');
    await screen.findAllByTestId('fleet-row');
    expect(api.getFleet).toHaveBeenLastCalledWith(
      expect.objectContaining({ campaign: 'burn-alerts' }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Not done for campaign')).toHaveTextContent(
        'Burn alerts',
      ),
    );
  });

  it('shows the figures of the low-priority columns in a details row', async () => {
    await renderPage(createApi());
    const [first] = await screen.findAllByTestId('fleet-row');
    const headers = () =>
      within(screen.getByTestId('fleet-table'))
        .getAllByRole('columnheader')
        .map(h => h.textContent);
    expect(headers()).not.toContain('MTTA');
    expect(screen.queryByTestId('fleet-row-details')).not.toBeInTheDocument();
    fireEvent.click(within(first).getByTestId('fleet-row-details-toggle'));
    const details = await screen.findByTestId('fleet-row-details');
    expect(details).toHaveAttribute(
      'data-entity-ref',
      first.getAttribute('data-entity-ref'),
    );
    expect(details).toHaveTextContent(/MTTA\s*1 m/);
    for (const label of [
      'MTTR',
      'Noise ratio',
      'Runbook coverage',
      'Golden path',
    ]) {
      expect(details).toHaveTextContent(label);
    }
    fireEvent.click(within(first).getByTestId('fleet-row-details-toggle'));
    expect(screen.queryByTestId('fleet-row-details')).not.toBeInTheDocument();
    fireEvent.click(
      within(screen.getByTestId('fleet-all-columns')).getByRole('checkbox'),
    );
    expect(headers()).toEqual(expect.arrayContaining(['MTTA', 'Golden path']));
    expect(
      screen.queryByTestId('fleet-row-details-toggle'),
    ).not.toBeInTheDocument();
  });

  it('shows the incident columns with links to their definition, sortable', async () => {
    const getFleet = jest.fn(async () => ({
      items: [
        row('checkout', {
          majorIncidents: 2,
          majorMttrMs: 5_400_000,
          overdueActions: 3,
        }),
        row('search'),
      ],
      totalCount: 2,
    }));
    const api = createApi({ getFleet });
    await renderPage(api);
    const [checkout] = await screen.findAllByTestId('fleet-row');
    // low-priority columns (headers fit at 1280 px): in the details row
    fireEvent.click(within(checkout).getByTestId('fleet-row-details-toggle'));
    const details = await screen.findByTestId('fleet-row-details');
    expect(details).toHaveTextContent(/SEV0\/1[^0-9]*2/);
    expect(details).toHaveTextContent(/SEV0\/1 MTTR[^0-9]*1 h 30 m/);
    expect(details).toHaveTextContent(/Overdue actions[^0-9]*3/);
    expect(
      within(details)
        .getAllByTestId('definition-link')
        .map(l => l.getAttribute('data-anchor')),
    ).toEqual(Array(3).fill('fleet-incident-columns'));
    // with all columns: headers with the definition link, sortable
    fireEvent.click(
      within(screen.getByTestId('fleet-all-columns')).getByRole('checkbox'),
    );
    const header = within(screen.getByTestId('fleet-table'))
      .getAllByRole('columnheader')
      .find(h => h.textContent?.startsWith('SEV0/1'))!;
    expect(within(header).getByTestId('definition-link')).toHaveAttribute(
      'data-anchor',
      'fleet-incident-columns',
    );
    const cells = within(screen.getAllByTestId('fleet-row')[1])
      .getAllByRole('cell')
      .map(c => c.textContent);
    // never assessed by the incidents task: –, never 0
    expect(cells).not.toContain('0');
    fireEvent.click(screen.getByTestId('fleet-sort-majorIncidents'));
    await waitFor(() =>
      expect(getFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({
          sort: { key: 'majorIncidents', direction: 'asc' },
        }),
      ),
    );
  });

  it('pages forward with the cursor and back with the kept cursors', async () => {
    const api = createApi({
      getFleet: jest.fn(async query => ({
        items: [row(query?.cursor ? `page-${query.cursor}` : 'first')],
        nextCursor:
          ({ c1: 'c2', c2: undefined } as Record<string, string | undefined>)[
            query?.cursor ?? ''
          ] ?? (query?.cursor ? undefined : 'c1'),
        totalCount: 3,
      })),
    });
    await renderPage(api);
    await screen.findByText('first');
    expect(screen.getByTestId('fleet-previous-page')).toBeDisabled();
    fireEvent.click(screen.getByTestId('fleet-next-page'));
    await screen.findByText('page-c1');
    fireEvent.click(screen.getByTestId('fleet-next-page'));
    await screen.findByText('page-c2');
    expect(screen.getByTestId('fleet-next-page')).toBeDisabled();
    expect(screen.getByTestId('fleet-page-info')).toHaveTextContent('Page 3');
    fireEvent.click(screen.getByTestId('fleet-previous-page'));
    await screen.findByText('page-c1');
    expect(
      (api.getFleet as jest.Mock).mock.calls.map(([q]) => q.cursor),
    ).toEqual([undefined, 'c1', 'c2', 'c1']);
  });

  it('shows the KPIs per tier with – and a reason for missing values', async () => {
    await renderPage(createApi());
    const cards = await screen.findAllByTestId('tier-kpi-card');
    expect(cards.map(c => c.getAttribute('data-tier'))).toEqual([
      'tier-1',
      'tier-2',
    ]);
    const metric = (card: HTMLElement, name: string) =>
      within(card)
        .getAllByTestId('tier-kpi')
        .find(e => e.getAttribute('data-metric') === name)!;
    expect(metric(cards[0], 'sloAttainmentRate')).toHaveTextContent('50%');
    expect(metric(cards[0], 'mttaMs')).toHaveTextContent('1 m');
    for (const name of [
      'sloAttainmentRate',
      'pagesPerWeek',
      'mttaMs',
      'mttrMs',
      'noiseRatio',
      'runbookCoverage',
      'readinessCoverage',
      'goldenPathAdoption',
    ]) {
      expect(metric(cards[1], name)).toHaveTextContent(/^–$/);
    }
    expect(
      within(cards[1]).getByLabelText('No entity of this tier has SLOs'),
    ).toBeInTheDocument();
    expect(cards[1]).not.toHaveTextContent(/NaN|100%/);
  });

  it('shows the SEV0/SEV1 counts and postmortem KPIs per tier and fleet-wide', async () => {
    const api = createApi();
    await renderPage(api);
    const section = await screen.findByTestId('fleet-incidents');
    expect(api.getFleetIncidents).toHaveBeenCalledWith('month');
    const cards = within(section).getAllByTestId('fleet-incidents-tier');
    expect(cards.map(c => c.getAttribute('data-tier'))).toEqual([
      'fleet',
      'tier-1',
      'tier-2',
    ]);
    const kpi = (card: HTMLElement, id: string) =>
      within(card)
        .getAllByTestId('incident-kpi')
        .find(el => el.getAttribute('data-kpi') === id)!;
    expect(kpi(cards[1], 'count-SEV0')).toHaveTextContent('2');
    expect(kpi(cards[1], 'count-SEV1')).toHaveTextContent('3');
    expect(kpi(cards[2], 'count-SEV0')).toHaveTextContent('0');
    expect(kpi(cards[0], 'count-SEV1')).toHaveTextContent('4');
    expect(kpi(cards[0], 'postmortems-on-time')).toHaveTextContent('50% (1/2)');
    // no action due: a dash with its reason, never 0%
    expect(kpi(cards[0], 'actions-on-time')).toHaveTextContent(/^–$/);
    expect(screen.queryByTestId('fleet-stalled-actions')).toBeNull();
  });

  it('shows the trends and the roll-ups', async () => {
    const api = createApi();
    await renderPage(api);
    expect(await screen.findByTestId('fleet-trends-chart')).toBeInTheDocument();
    expect(api.getFleetTrends).toHaveBeenCalledWith(12);
    // where the history starts: the first week of the points
    expect(screen.getByTestId('fleet-trends-history-start')).toHaveTextContent(
      /^History starts in the week of Nov 16\./,
    );
    expect(await screen.findByTestId('fleet-rollup-owner')).toHaveTextContent(
      'payments',
    );
    expect(await screen.findByTestId('fleet-rollup-system')).toHaveTextContent(
      'shop',
    );
  });

  it('shows the empty and error states', async () => {
    await renderPage(
      createApi({
        getFleet: jest.fn(async () => ({ items: [], totalCount: 0 })),
        getFleetTrends: jest.fn(async () => {
          throw new Error('trends are down');
        }),
      }),
    );
    expect(await screen.findByTestId('fleet-empty')).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/trends are down/)).length,
    ).toBeGreaterThan(0);
  });

  it.each([
    ['markdown', 'Markdown'],
    ['csv', 'CSV'],
  ])(
    'exports the weekly review as %s for the current week',
    async (format, label) => {
      const createObjectURL = jest.fn(() => 'blob:review');
      const revokeObjectURL = jest.fn();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      const click = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(() => {});
      const api = createApi();
      await renderPage(api);
      if (format === 'csv') {
        fireEvent.mouseDown(screen.getByLabelText('Format'));
        fireEvent.click(
          within(await screen.findByRole('listbox')).getByText(label),
        );
      }
      fireEvent.click(screen.getByTestId('export-weekly-review'));
      await waitFor(() =>
        expect(api.downloadWeeklyReview).toHaveBeenCalledWith(
          toIsoWeek(new Date()),
          format,
        ),
      );
      await waitFor(() => expect(click).toHaveBeenCalled());
      expect(createObjectURL).toHaveBeenCalled();
      click.mockRestore();
    },
  );
});

describe('toIsoWeek', () => {
  it.each([
    ['2026-11-26T12:00:00Z', '2026-W48'],
    ['2026-01-01T00:00:00Z', '2026-W01'],
    ['2027-01-01T00:00:00Z', '2026-W53'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
  ])('%s is %s', (date, week) => {
    expect(toIsoWeek(new Date(date))).toBe(week);
  });
});
