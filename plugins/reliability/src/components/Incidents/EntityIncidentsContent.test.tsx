import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityIncidentsResponse } from '@reliability-kit/backstage-plugin-reliability-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import {
  createActionRecord,
  createEntityIncidents,
  createIncidentRecord,
} from '../../testUtils';
import { EntityIncidentsContent } from './EntityIncidentsContent';

jest.mock('recharts', () =>
  require('../../testUtils/mockRecharts').mockRecharts(),
);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
};

function renderWith(api: Partial<ReliabilityApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityIncidentsContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const kpi = (id: string) =>
  screen
    .getAllByTestId('incident-kpi')
    .find(el => el.getAttribute('data-kpi') === id)!;

describe('EntityIncidentsContent', () => {
  it('shows the KPIs, the SEV chart, the incidents with their postmortems and the actions', async () => {
    const data = createEntityIncidents({
      incidents: [
        createIncidentRecord(),
        createIncidentRecord({
          id: 'P2',
          severity: 'SEV1',
          title: 'Refunds stuck',
          mttdMs: null,
          impactStartFrom: null,
          postmortem: {
            status: 'missing',
            state: 'overdue',
            dueAt: '2026-11-20T23:59:59.999Z',
            publishedAt: null,
          },
        }),
      ],
      actions: [
        createActionRecord(),
        createActionRecord({
          id: 'A2',
          title: 'Document the failover',
          ticket: undefined,
          ticketUrl: undefined,
          statusName: undefined,
          state: 'no-ticket',
          overdueDays: 20,
          stalled: true,
        }),
      ],
    });
    const getEntityIncidents = jest.fn(async () => data);
    await renderWith({ getEntityIncidents });
    await screen.findByTestId('entity-incidents');
    expect(getEntityIncidents).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      'month',
    );

    expect(kpi('count-SEV0')).toHaveTextContent('1');
    expect(kpi('postmortems-on-time')).toHaveTextContent('50% (1/2)');
    expect(kpi('overdue-actions')).toHaveTextContent('1 (oldest 9 d)');

    const chart = screen.getByTestId('sev-per-month-chart');
    expect(chart).toHaveAttribute('data-months', '2');
    // incidents without a severity are not in the chart
    expect(chart).toHaveAttribute('data-incidents', '2');

    const incidents = screen.getByTestId('incidents-table');
    const states = within(incidents).getAllByTestId('postmortem-state');
    expect(states.map(s => s.getAttribute('data-state'))).toEqual([
      'late',
      'overdue',
    ]);
    expect(within(incidents).getByText('Missing')).toBeInTheDocument();
    expect(
      within(incidents).getByLabelText(/Impact start unknown/),
    ).toBeInTheDocument();

    const actions = screen.getByTestId('actions-table');
    expect(
      within(actions)
        .getAllByTestId('action-state')
        .map(s => s.getAttribute('data-state')),
    ).toEqual(['open', 'no-ticket']);
    const overdue = within(actions).getAllByTestId('action-overdue');
    expect(overdue.map(o => o.textContent)).toEqual(['9 d', '20 d · stalled']);
    expect(
      within(actions).getByRole('link', { name: /OPS-12/ }),
    ).toHaveAttribute('href', 'https://example.atlassian.net/browse/OPS-12');

    const anchors = new Set(
      screen
        .getAllByTestId('definition-link')
        .map(l => l.getAttribute('data-anchor')),
    );
    expect([...anchors].sort()).toEqual(
      [
        'actions-closed-on-time',
        'incident-kpi-periods',
        'incident-severity',
        'mttd',
        'mttr-per-severity',
        'overdue-actions',
        'postmortem-sla',
        'postmortems-on-time',
        'sev0sev1-count',
        'stalled-actions',
      ].sort(),
    );
  });

  it('reads the quarter when asked', async () => {
    const getEntityIncidents = jest.fn(async (_ref: unknown, period?: string) =>
      createEntityIncidents({
        period: period as EntityIncidentsResponse['period'],
      }),
    );
    await renderWith({ getEntityIncidents });
    await screen.findByTestId('entity-incidents');
    await userEvent.click(screen.getByTestId('incident-period-quarter'));
    await waitFor(() =>
      expect(getEntityIncidents).toHaveBeenLastCalledWith(
        expect.anything(),
        'quarter',
      ),
    );
    expect(await screen.findAllByText('This quarter')).not.toHaveLength(0);
  });

  it('shows the problems of the postmortems and tickets', async () => {
    await renderWith({
      getEntityIncidents: async () =>
        createEntityIncidents({
          problems: [
            { source: 'incidents', message: 'ticket OPS-9: 401 Unauthorized' },
          ],
        }),
    });
    expect(await screen.findByTestId('incidents-problem')).toHaveTextContent(
      'OPS-9',
    );
  });

  it('shows the error of the backend', async () => {
    await renderWith({
      getEntityIncidents: async () => {
        throw new Error('the backend is down');
      },
    });
    expect(
      (await screen.findAllByText(/the backend is down/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('entity-incidents')).toBeNull();
  });
});
