import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { ReliabilityApi } from '../../api';
import {
  dialog,
  renderWithPermission,
  typeInDialog,
} from '../../__testUtils__/renderWithPermission';
import {
  createCampaign,
  createCampaignWithProgress,
  utcDayFromToday,
} from '../../testUtils';
import { CampaignsPage } from './CampaignsPage';

jest.mock('recharts', () =>
  require('../../testUtils/mockRecharts').mockRecharts(),
);

const ON_TRACK = createCampaignWithProgress();
const LATE = createCampaignWithProgress(
  {
    id: 'runbooks',
    title: 'Runbooks everywhere',
    owner: 'group:default/platform',
    dueDate: utcDayFromToday(-3),
  },
  { inScope: 40, done: 10, notDone: 30, exempt: 0, doneShare: 0.25 },
);

function LocationSearch() {
  return <div data-testid="location-search">{useLocation().search}</div>;
}

function createApi(overrides: Partial<ReliabilityApi> = {}) {
  return {
    listCampaigns: jest.fn(async () => ({ items: [ON_TRACK, LATE] })),
    getCampaign: jest.fn(async (id: string) =>
      id === 'runbooks' ? LATE : ON_TRACK,
    ),
    getCampaignHistory: jest.fn(async (id: string) => ({
      campaignId: id,
      points: [
        { day: '2026-11-24', inScope: 4, done: 1, exempt: 0 },
        { day: '2026-11-25', inScope: 5, done: 3, exempt: 1 },
      ],
    })),
    getCampaignEntities: jest.fn(async () => ({
      items: [
        {
          entityRef: 'component:default/search',
          ownerRef: 'group:default/search',
          tier: 'tier-1',
          status: 'not-done' as const,
          missing: ['Burn-rate alerts'],
        },
        {
          entityRef: 'component:default/checkout',
          ownerRef: 'group:default/payments',
          tier: 'tier-1',
          status: 'not-done' as const,
          missing: ['Burn-rate alerts'],
          joinedAt: '2026-11-20T00:00:00.000Z',
        },
      ],
      left: [
        {
          entityRef: 'component:default/legacy',
          ownerRef: 'group:default/payments',
          leftAt: '2026-11-21T00:00:00.000Z',
        },
      ],
      totalCount: 2,
    })),
    createCampaign: jest.fn(async () => createCampaign({ id: 'new-one' })),
    ...overrides,
  };
}

function renderPage(
  api: Partial<ReliabilityApi>,
  options: { allow?: boolean; route?: string } = {},
) {
  return renderWithPermission(
    <>
      <CampaignsPage />
      <LocationSearch />
    </>,
    api,
    {
      allow: options.allow,
      app: {
        routeEntries: [options.route ?? '/reliability/campaigns'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    },
  );
}

const rowOf = (id: string) =>
  screen
    .getAllByTestId('campaign-row')
    .find(r => r.getAttribute('data-campaign-id') === id)!;

const type = typeInDialog;

describe('CampaignsPage', () => {
  it('lists campaigns with state, done share, counts, due date and owner', async () => {
    await renderPage(createApi());
    await screen.findAllByTestId('campaign-row');
    const onTrack = rowOf('burn-alerts');
    expect(within(onTrack).getByTestId('campaign-state')).toHaveTextContent(
      'Active',
    );
    expect(
      within(onTrack).getByTestId('campaign-done-share'),
    ).toHaveTextContent('75%');
    expect(within(onTrack).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '75',
    );
    expect(within(onTrack).getByTestId('campaign-in-scope')).toHaveTextContent(
      '5',
    );
    expect(within(onTrack).getByTestId('campaign-due')).toHaveTextContent(
      'due in 10 days',
    );
    expect(within(onTrack).getByText('sre')).toBeInTheDocument();
    const late = rowOf('runbooks');
    expect(within(late).getByTestId('campaign-due')).toHaveTextContent(
      `${utcDayFromToday(-3)} (3 days late)`,
    );
    expect(within(late).getByTestId('campaign-not-done')).toHaveTextContent(
      '30',
    );
    const anchors = screen
      .getAllByTestId('definition-link')
      .map(a => a.getAttribute('data-anchor'));
    expect(anchors).toEqual(
      expect.arrayContaining([
        'campaign-done-share',
        'campaign-progress',
        'campaign-due',
      ]),
    );
  });

  it('shows a campaign: Markdown, figures, burn-up, entities by owner, joined and left', async () => {
    const api = createApi();
    await renderPage(api, {
      route: '/reliability/campaigns?campaign=burn-alerts',
    });
    const detail = await screen.findByTestId('campaign-detail');
    expect(api.getCampaign).toHaveBeenCalledWith('burn-alerts');
    expect(
      within(detail)
        .getByTestId('campaign-description')
        .querySelector('strong'),
    ).toHaveTextContent('pages on burn rate');
    expect(
      within(detail).getByTestId('campaign-how-to-fix').querySelector('code'),
    ).toHaveTextContent('multiwindow');
    const figure = (id: string) =>
      within(detail)
        .getAllByTestId('campaign-figure')
        .find(f => f.getAttribute('data-figure') === id)!;
    expect(figure('notDone')).toHaveTextContent('1');
    expect(figure('joined')).toHaveTextContent('1');
    expect(figure('left')).toHaveTextContent('2');
    expect(within(detail).getByTestId('campaign-target')).toHaveTextContent(
      'Readiness item burn-rate-alerts',
    );
    expect(await screen.findByTestId('campaign-burn-up')).toHaveAttribute(
      'data-points',
      '2',
    );
    const rows = await screen.findAllByTestId('campaign-entity-row');
    // grouped by owner: payments before search
    expect(rows.map(r => r.getAttribute('data-entity-ref'))).toEqual([
      'component:default/checkout',
      'component:default/search',
    ]);
    expect(api.getCampaignEntities).toHaveBeenCalledWith('burn-alerts', {
      status: 'not-done',
      owner: undefined,
      cursor: undefined,
      limit: 25,
    });
    expect(screen.getByTestId('campaign-left')).toHaveTextContent('legacy');
    // drill down to an owner
    fireEvent.click(within(rows[0]).getByTestId('campaign-entity-owner'));
    await waitFor(() =>
      expect(api.getCampaignEntities).toHaveBeenLastCalledWith('burn-alerts', {
        status: 'not-done',
        owner: 'group:default/payments',
        cursor: undefined,
        limit: 25,
      }),
    );
    // manage actions are hidden without the permission
    expect(screen.queryByTestId('campaign-edit')).not.toBeInTheDocument();
  });

  it('hides "New campaign" without reliability.campaign.manage', async () => {
    const { authorize } = await renderPage(createApi(), { allow: false });
    await screen.findAllByTestId('campaign-row');
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize.mock.calls[0]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'reliability.campaign.manage',
          }),
        }),
      ]),
    );
    expect(screen.queryByTestId('campaign-new')).not.toBeInTheDocument();
  });

  it('creates a campaign with the permission, showing the backend 400 next to the form', async () => {
    const reject = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message: 'dueDate must be on or after startDate',
          },
          request: { method: 'POST', url: '/campaigns' },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const createCampaignMock = jest
      .fn()
      .mockRejectedValueOnce(reject)
      .mockResolvedValueOnce(createCampaign({ id: 'new-one' }));
    const api = createApi({ createCampaign: createCampaignMock });
    await renderPage(api, { allow: true });
    fireEvent.click(await screen.findByTestId('campaign-new'));
    // the form's own checks first
    fireEvent.click(screen.getByTestId('campaign-dialog-submit'));
    expect(
      await within(dialog()).findByText('Give the campaign a title'),
    ).toBeInTheDocument();
    expect(createCampaignMock).not.toHaveBeenCalled();

    type(/^Id/, 'new-one');
    type(/^Title/, 'Runbooks for tier 1');
    type(/^Description/, 'Every page has a runbook.');
    type(/^Owner\s*\*?$/, 'group:default/sre');
    type(/^Readiness items/, 'runbooks, on-call');
    type(/^Tiers/, 'tier-1');
    type(/^Start date/, '2027-02-01');
    type(/^Due date/, '2027-01-01');
    fireEvent.click(within(dialog()).getByLabelText(/Published/));
    fireEvent.click(screen.getByTestId('campaign-dialog-submit'));
    expect(
      await screen.findByTestId('campaign-dialog-submit-error'),
    ).toHaveTextContent('dueDate must be on or after startDate');
    expect(createCampaignMock).toHaveBeenLastCalledWith({
      id: 'new-one',
      title: 'Runbooks for tier 1',
      description: 'Every page has a runbook.',
      owner: 'group:default/sre',
      target: { readinessItems: ['runbooks', 'on-call'] },
      audience: { tiers: ['tier-1'] },
      startDate: '2027-02-01',
      dueDate: '2027-01-01',
      timeZone: 'UTC',
      published: true,
    });

    type(/^Due date/, '2027-03-31');
    fireEvent.click(screen.getByTestId('campaign-dialog-submit'));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?campaign=new-one',
    );
    expect(api.listCampaigns).toHaveBeenCalledTimes(2);
  });

  it('ends an active campaign with the permission', async () => {
    const endCampaign = jest.fn(async () => createCampaign());
    const api = createApi({ endCampaign });
    await renderPage(api, {
      allow: true,
      route: '/reliability/campaigns?campaign=burn-alerts',
    });
    fireEvent.click(await screen.findByTestId('campaign-end'));
    expect(screen.queryByTestId('campaign-promote')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('campaign-end-dialog-submit'));
    await waitFor(() =>
      expect(endCampaign).toHaveBeenCalledWith('burn-alerts'),
    );
    await waitFor(() => expect(api.getCampaign).toHaveBeenCalledTimes(2));
  });

  it('promotes an ended campaign into a scorecard level', async () => {
    const ended = createCampaignWithProgress({
      id: 'ended-one',
      state: 'ended',
    });
    const promoteCampaign = jest.fn(async () => createCampaign());
    const api = createApi({
      getCampaign: jest.fn(async () => ended),
      promoteCampaign,
    });
    await renderPage(api, {
      allow: true,
      route: '/reliability/campaigns?campaign=ended-one',
    });
    fireEvent.click(await screen.findByTestId('campaign-promote'));
    expect(screen.queryByTestId('campaign-end')).not.toBeInTheDocument();
    fireEvent.mouseDown(within(dialog()).getByLabelText(/Into/));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('A scorecard'),
    );
    type(/^Scorecard/, 'golden-path');
    fireEvent.click(screen.getByTestId('campaign-promote-dialog-submit'));
    expect(
      await within(dialog()).findByText('The level the checks join'),
    ).toBeInTheDocument();
    type(/^Level/, 'silver');
    fireEvent.click(screen.getByTestId('campaign-promote-dialog-submit'));
    await waitFor(() =>
      expect(promoteCampaign).toHaveBeenCalledWith('ended-one', {
        kind: 'scorecard',
        id: 'golden-path',
        level: 'silver',
      }),
    );
  });

  it('shows the empty state and errors', async () => {
    await renderPage(
      createApi({ listCampaigns: jest.fn(async () => ({ items: [] })) }),
    );
    expect(await screen.findByText('No campaigns')).toBeInTheDocument();
  });
});
