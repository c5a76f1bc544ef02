import { EntityReliability } from '@reliability-kit/backstage-plugin-reliability-common';
import { screen, within } from '@testing-library/react';
import { ReliabilityApi } from '../../api';
import {
  createEntityReliability,
  createReliabilityWithSlos,
} from '../../testUtils/createSloSnapshot';
import { EntitySloSummaryCard } from './EntitySloSummaryCard';
import { renderForEntity } from '../../__testUtils__/renderForEntity';

const HOUR_MS = 60 * 60 * 1000;

function renderWith(api: Partial<ReliabilityApi>) {
  return renderForEntity(<EntitySloSummaryCard />, api);
}

function renderReliability(reliability: EntityReliability) {
  return renderWith({ getEntityReliability: async () => reliability });
}

describe('EntitySloSummaryCard', () => {
  it('shows the overall status and a row per SLO, linking to the Reliability tab', async () => {
    await renderReliability(
      createReliabilityWithSlos(
        [
          {},
          {
            id: 'latency',
            name: 'latency',
            displayName: 'Checkout latency',
            objective: 0.99,
            status: 'breaching',
            sli: 0.9875,
            budgetRemaining: -0.25,
          },
          {
            id: 'search',
            name: 'search',
            displayName: undefined,
            status: 'no-data',
            sli: null,
            budgetRemaining: null,
            budgetConsumed: null,
          },
        ],
        { sloStatus: 'breaching' },
      ),
    );
    const card = await screen.findByTestId('slo-summary-card');
    expect(within(card).getByText('SLOs')).toBeInTheDocument();
    expect(within(card).getByTestId('slo-summary-status')).toHaveTextContent(
      'Breaching',
    );
    const rows = within(card).getAllByTestId('slo-summary-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Checkout availability');
    expect(rows[0]).toHaveTextContent('Healthy');
    expect(rows[0]).toHaveTextContent('99.95% / 99.9%');
    expect(rows[0]).toHaveTextContent('50.0%');
    expect(rows[1]).toHaveTextContent('Checkout latency');
    expect(rows[1]).toHaveTextContent('Breaching');
    expect(rows[1]).toHaveTextContent('98.75% / 99%');
    expect(rows[1]).toHaveTextContent('-25.0%');
    expect(rows[2]).toHaveTextContent('search');
    expect(rows[2]).toHaveTextContent('No data');
    expect(rows[2]).toHaveTextContent('– / 99.9%');
    expect(rows[2].textContent).not.toMatch(/NaN|Infinity|100%/);
    expect(within(card).getByText('View SLOs').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/reliability',
    );
  });

  it('tells how to add SLOs when there are none', async () => {
    await renderReliability(createReliabilityWithSlos([]));
    expect(await screen.findByText(/No SLOs yet/)).toBeInTheDocument();
    expect(screen.getByTestId('slo-summary-status')).toHaveTextContent(
      'No SLOs',
    );
    expect(screen.queryByTestId('slo-summary-row')).not.toBeInTheDocument();
  });

  it('tells when SLOs are not collected yet', async () => {
    await renderReliability(createEntityReliability());
    expect(
      await screen.findByText(/SLOs are not collected yet/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No SLOs yet/)).not.toBeInTheDocument();
  });

  it('shows stale and demo data and spec problems', async () => {
    await renderReliability(
      createReliabilityWithSlos([{ demo: true }], {
        sloStatus: 'healthy',
        section: {
          demo: true,
          stale: true,
          staleReason: 'Prometheus unreachable',
          computedAt: new Date(Date.now() - 2 * HOUR_MS - 60_000).toISOString(),
          problems: [
            { source: 'slo', file: 'slos.yaml', line: 3, message: 'bad' },
          ],
        },
      }),
    );
    expect(
      await screen.findByText('Last updated 2 h ago: Prometheus unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByText('Demo data')).toBeInTheDocument();
    expect(
      screen.getByText('1 problem with the SLOs: see the Reliability tab.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWith({
      getEntityReliability: async () => {
        throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    const card = await screen.findByTestId('slo-summary-card');
    expect(
      (await within(card).findAllByText(/Request failed with 503/)).length,
    ).toBeGreaterThan(0);
  });
});
