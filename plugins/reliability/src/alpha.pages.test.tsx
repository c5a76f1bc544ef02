import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { reliabilityOverviewPage, scorecardOverviewPage } from './alpha';
import { ReliabilityApi, ScorecardGroupBy, reliabilityApiRef } from './api';
import { createScorecardSummary } from './testUtils';

jest.mock('recharts', () => require('./testUtils/mockRecharts').mockRecharts());

const api: Partial<ReliabilityApi> = {
  getFleet: jest.fn(async () => ({ items: [], totalCount: 0 })),
  getFleetSummary: jest.fn(async groupBy => ({
    groupBy,
    groups: [],
    computedAt: '2026-11-26T00:00:00.000Z',
  })),
  getFleetTrends: jest.fn(async () => []),
  listScorecards: jest.fn(async () => ({ items: [createScorecardSummary()] })),
  getScorecardAdoption: jest.fn(
    async (id: string, groupBy: ScorecardGroupBy) => ({
      scorecardId: id,
      groupBy,
      groups: [],
    }),
  ),
  getScorecardTrend: jest.fn(async () => []),
  getScorecardResults: jest.fn(async (id: string) => ({
    scorecardId: id,
    items: [],
    totalCount: 0,
  })),
};

// The first render of a whole page can take seconds on a loaded CI machine;
// the default 1 s of findBy* made this test flaky.
const slow = { timeout: 15_000 };
jest.setTimeout(30_000);

describe('the overview pages in the new frontend system', () => {
  it('link the fleet overview to the scorecards', async () => {
    renderTestApp({
      extensions: [reliabilityOverviewPage, scorecardOverviewPage],
      initialRouteEntries: ['/reliability'],
      apis: [[reliabilityApiRef, api]],
    });
    expect(
      await screen.findByTestId('scorecards-link', {}, slow),
    ).toHaveAttribute('href', '/reliability/scorecards');
  });

  it('link the scorecards back to the fleet overview', async () => {
    renderTestApp({
      extensions: [reliabilityOverviewPage, scorecardOverviewPage],
      initialRouteEntries: ['/reliability/scorecards'],
      apis: [[reliabilityApiRef, api]],
    });
    expect(
      await screen.findByRole('link', { name: 'Fleet overview' }, slow),
    ).toHaveAttribute('href', '/reliability');
    expect(
      await screen.findAllByTestId('scorecard-kpi', {}, slow),
    ).toHaveLength(6);
  });
});
