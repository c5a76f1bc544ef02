import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  campaignsPage,
  reliabilityOverviewPage,
  scorecardOverviewPage,
} from './alpha';
import { ReliabilityApi, ScorecardGroupBy, reliabilityApiRef } from './api';
import { createFleetIncidents, createScorecardSummary } from './testUtils';

jest.mock('recharts', () => require('./testUtils/mockRecharts').mockRecharts());

const api: Partial<ReliabilityApi> = {
  getFleet: jest.fn(async () => ({ items: [], totalCount: 0 })),
  getFleetSummary: jest.fn(async groupBy => ({
    groupBy,
    groups: [],
    computedAt: '2026-11-26T00:00:00.000Z',
  })),
  getFleetTrends: jest.fn(async () => []),
  getFleetIncidents: jest.fn(async () => createFleetIncidents()),
  listScorecards: jest.fn(async () => ({ items: [createScorecardSummary()] })),
  getScorecardAdoption: jest.fn(
    async (id: string, groupBy: ScorecardGroupBy) => ({
      scorecardId: id,
      groupBy,
      groups: [],
    }),
  ),
  getScorecardTrend: jest.fn(async () => []),
  // No rows: their owner links need the catalog's entity route.
  listCampaigns: jest.fn(async () => ({ items: [] })),
  getScorecardResults: jest.fn(async (id: string) => ({
    scorecardId: id,
    items: [],
    totalCount: 0,
  })),
};

describe('the overview pages in the new frontend system', () => {
  it('link the fleet overview to the scorecards', async () => {
    renderTestApp({
      extensions: [reliabilityOverviewPage, scorecardOverviewPage],
      initialRouteEntries: ['/reliability'],
      apis: [[reliabilityApiRef, api]],
    });
    expect(await screen.findByTestId('scorecards-link')).toHaveAttribute(
      'href',
      '/reliability/scorecards',
    );
  });

  it('link the scorecards back to the fleet overview', async () => {
    renderTestApp({
      extensions: [reliabilityOverviewPage, scorecardOverviewPage],
      initialRouteEntries: ['/reliability/scorecards'],
      apis: [[reliabilityApiRef, api]],
    });
    expect(
      await screen.findByRole('link', { name: 'Fleet overview' }),
    ).toHaveAttribute('href', '/reliability');
    expect(await screen.findAllByTestId('scorecard-kpi')).toHaveLength(6);
  });

  it('link the fleet overview to the campaigns and back', async () => {
    renderTestApp({
      extensions: [reliabilityOverviewPage, campaignsPage],
      initialRouteEntries: ['/reliability'],
      apis: [[reliabilityApiRef, api]],
    });
    expect(await screen.findByTestId('campaigns-link')).toHaveAttribute(
      'href',
      '/reliability/campaigns',
    );
  });

  it('show the campaigns page with a link to the fleet overview', async () => {
    renderTestApp({
      extensions: [reliabilityOverviewPage, campaignsPage],
      initialRouteEntries: ['/reliability/campaigns'],
      apis: [[reliabilityApiRef, api]],
    });
    expect(await screen.findByText('No campaigns')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Fleet overview' }),
    ).toHaveAttribute('href', '/reliability');
  });
});
