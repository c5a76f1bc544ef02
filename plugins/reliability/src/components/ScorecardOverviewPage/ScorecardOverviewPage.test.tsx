import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  ScorecardAdoption,
  ScorecardResultRow,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { ReliabilityApi, ScorecardGroupBy, reliabilityApiRef } from '../../api';
import { overviewRouteRef } from '../../routes';
import { createScorecardSummary } from '../../testUtils';
import { ScorecardOverviewPage } from './ScorecardOverviewPage';

jest.mock('recharts', () =>
  require('../../testUtils/mockRecharts').mockRecharts(),
);

function resultRow(
  name: string,
  overrides: Partial<ScorecardResultRow> = {},
): ScorecardResultRow {
  return {
    entityRef: `component:default/${name}`,
    ownerRef: 'group:default/payments',
    tier: 'tier-1',
    level: 'bronze',
    score: 0.5,
    failing: ['ci-template', 'techdocs'],
    evaluatedAt: '2026-11-26T00:00:00.000Z',
    ...overrides,
  };
}

function adoption(groupBy: ScorecardGroupBy): ScorecardAdoption {
  return {
    scorecardId: 'golden-path',
    groupBy,
    groups:
      groupBy === 'owner'
        ? [
            {
              key: 'group:default/payments',
              entities: 12,
              byLevel: { none: 2, bronze: 6, silver: 3, gold: 1 },
              adoption: 10 / 12,
              meanScore: 0.55,
            },
            {
              key: 'group:default/search',
              entities: 8,
              byLevel: { none: 4, bronze: 4 },
              adoption: 0.5,
              meanScore: 0.3,
            },
          ]
        : [
            {
              key: 'tier-1',
              entities: 20,
              byLevel: { none: 6, bronze: 10, silver: 3, gold: 1 },
              adoption: 0.7,
              meanScore: 0.45,
            },
          ],
  };
}

function createApi(overrides: Partial<ReliabilityApi> = {}) {
  return {
    listScorecards: jest.fn(async () => ({
      items: [
        createScorecardSummary(),
        createScorecardSummary({
          id: 'security',
          title: 'Security baseline',
          description: undefined,
          entities: 5,
          byLevel: { none: 5, bronze: 0, silver: 0, gold: 0 },
          adoption: 0,
        }),
      ],
    })),
    getScorecardAdoption: jest.fn(async (_id: string, groupBy) =>
      adoption(groupBy),
    ),
    getScorecardTrend: jest.fn(async () => [
      {
        day: '2026-11-24',
        entities: 40,
        byLevel: { none: 12 },
        adoption: 0.7,
        meanScore: 0.5,
      },
      {
        day: '2026-11-25',
        entities: 40,
        byLevel: { none: 10 },
        adoption: 0.75,
        meanScore: 0.52,
      },
    ]),
    getScorecardResults: jest.fn(async () => ({
      scorecardId: 'golden-path',
      items: [
        resultRow('checkout'),
        resultRow('search-api', {
          ownerRef: 'group:default/search',
          level: null,
          score: 0.1,
          failing: ['has-owner'],
        }),
      ],
      totalCount: 2,
    })),
    ...overrides,
  };
}

function LocationSearch() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function renderPage(
  api: Partial<ReliabilityApi>,
  route = '/reliability/scorecards',
) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <ScorecardOverviewPage />
      <LocationSearch />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/reliability': overviewRouteRef,
      },
    },
  );
}

/** Renders the page at `route` and waits for the entity rows; its API. */
async function renderPageWithRows(route: string) {
  const api = createApi();
  await renderPage(api, route);
  await screen.findAllByTestId('scorecard-result-row');
  return api;
}

/** Picks an option of the select with that label. */
async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(within(await screen.findByRole('listbox')).getByText(option));
}

/** The query of the first page of entities with these filters. */
function firstPage(filters: Record<string, unknown> = {}) {
  return { ...filters, cursor: undefined, limit: 25 };
}

function kpi(id: string) {
  return screen
    .getAllByTestId('scorecard-kpi')
    .find(k => k.dataset.kpi === id)!;
}

describe('ScorecardOverviewPage', () => {
  it('shows the KPIs, the adoption per team and tier, and the trend of the first scorecard', async () => {
    const api = createApi();
    await renderPage(api);
    await screen.findAllByTestId('scorecard-kpi');
    expect(kpi('entities')).toHaveTextContent('40');
    expect(kpi('adoption')).toHaveTextContent('75%');
    expect(kpi('level:none')).toHaveTextContent('No level10');
    expect(kpi('level:silver')).toHaveTextContent('Silver12');
    expect(
      screen.getByText('How far a service follows the paved road'),
    ).toBeInTheDocument();

    const owners = await screen.findByTestId('scorecard-adoption-owner');
    expect(owners).toHaveTextContent('Adoption per team');
    const rows = within(owners).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'payments1283.3%55%Entities',
      'search850%30%Entities',
    ]);
    expect(within(rows[0]).getByText('payments').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
    const tiers = await screen.findByTestId('scorecard-adoption-tier');
    expect(tiers).toHaveTextContent('Tier 1');
    expect(api.getScorecardAdoption).toHaveBeenCalledWith(
      'golden-path',
      'owner',
    );
    expect(api.getScorecardAdoption).toHaveBeenCalledWith(
      'golden-path',
      'tier',
    );

    expect(
      await screen.findByTestId('scorecard-trend-chart'),
    ).toBeInTheDocument();
    expect(api.getScorecardTrend).toHaveBeenCalledWith('golden-path', 90);
    expect(
      screen.getByTestId('scorecard-trend-history-start'),
    ).toHaveTextContent(/^History starts on Nov 24,/);
    expect(
      screen.getByRole('link', { name: 'Fleet overview' }),
    ).toHaveAttribute('href', '/reliability');
  });

  it('lists the entities with links and their failing checks', async () => {
    const api = createApi();
    await renderPage(api);
    const rows = await screen.findAllByTestId('scorecard-result-row');
    expect(rows.map(r => r.dataset.entityRef)).toEqual([
      'component:default/checkout',
      'component:default/search-api',
    ]);
    expect(within(rows[0]).getByText('checkout').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout',
    );
    expect(
      within(rows[0])
        .getAllByTestId('scorecard-failing-check')
        .map(c => c.textContent),
    ).toEqual(['Uses the CI template', 'Has TechDocs']);
    expect(rows[1]).toHaveTextContent('No level');
    expect(api.getScorecardResults).toHaveBeenCalledWith(
      'golden-path',
      firstPage(),
    );
  });

  it('drills down into a team and filters by a failing check, through the URL', async () => {
    const api = createApi();
    await renderPage(api);
    const owners = await screen.findByTestId('scorecard-adoption-owner');
    fireEvent.click(
      within(owners).getByRole('button', {
        name: 'Show the entities of search',
      }),
    );
    await waitFor(() =>
      expect(api.getScorecardResults).toHaveBeenLastCalledWith(
        'golden-path',
        firstPage({ owner: ['group:default/search'] }),
      ),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?scorecard=golden-path&owner=group%3Adefault%2Fsearch',
    );

    await choose('Failing check', 'Has TechDocs');
    await waitFor(() =>
      expect(api.getScorecardResults).toHaveBeenLastCalledWith(
        'golden-path',
        firstPage({ owner: ['group:default/search'], failing: 'techdocs' }),
      ),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?scorecard=golden-path&owner=group%3Adefault%2Fsearch&failing=techdocs',
    );
  });

  it('reads the scorecard and the filters from the URL', async () => {
    const api = await renderPageWithRows(
      '/reliability/scorecards?scorecard=security&tier=tier-1&tier=tier-2&level=none',
    );
    expect(api.getScorecardResults).toHaveBeenLastCalledWith(
      'security',
      firstPage({ tier: ['tier-1', 'tier-2'], level: ['none'] }),
    );
    expect(screen.getByTestId('scorecard-picker')).toHaveValue('security');
    expect(api.getScorecardTrend).toHaveBeenCalledWith('security', 90);
  });

  it('switches the scorecard, keeping the owner and tier filters', async () => {
    const api = await renderPageWithRows(
      '/reliability/scorecards?scorecard=golden-path&tier=tier-1&level=gold&failing=slo',
    );
    await choose('Scorecard', 'Security baseline');
    await waitFor(() =>
      expect(screen.getByTestId('location-search')).toHaveTextContent(
        '?scorecard=security&tier=tier-1',
      ),
    );
    await waitFor(() =>
      expect(api.getScorecardResults).toHaveBeenLastCalledWith(
        'security',
        firstPage({ tier: ['tier-1'] }),
      ),
    );
  });

  it('pages with the cursor', async () => {
    const api = createApi({
      getScorecardResults: jest.fn(async (_id, query) => ({
        scorecardId: 'golden-path',
        items: [resultRow(query?.cursor ? `page-${query.cursor}` : 'first')],
        nextCursor: query?.cursor ? undefined : 'c1',
        totalCount: 2,
      })),
    });
    await renderPage(api);
    await screen.findByText('first');
    fireEvent.click(screen.getByTestId('scorecard-next-page'));
    await screen.findByText('page-c1');
    expect(screen.getByTestId('scorecard-page-info')).toHaveTextContent(
      'Page 2 · 2 entities',
    );
    expect(screen.getByTestId('scorecard-next-page')).toBeDisabled();
  });

  it('tells when no scorecard is configured', async () => {
    await renderPage(
      createApi({ listScorecards: jest.fn(async () => ({ items: [] })) }),
    );
    expect(await screen.findByText('No scorecards')).toBeInTheDocument();
  });
});
