import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  DEFAULT_TIERS,
  EntityReliability,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import {
  createEntityReliability,
  createSloHistory,
  createSloSection,
  createSloSnapshot,
} from '../../testUtils/createSloSnapshot';
import {
  createEntityReadiness,
  createReadinessRecord,
  createReadinessSection,
} from '../../testUtils/createReadiness';
import { EntityReliabilityContent } from './EntityReliabilityContent';

jest.mock('recharts', () =>
  require('../../testUtils/mockRecharts').mockRecharts(),
);

const HOUR_MS = 60 * 60 * 1000;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service' },
};

const source = { from: 'annotation' as const, key: 'reliability-kit.io/tier' };

function renderWith(api: Partial<ReliabilityApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          reliabilityApiRef,
          {
            getSloHistory: async () => createSloHistory(0),
            getEntityPolicy: async () => undefined,
            ...api,
          },
        ],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityReliabilityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

function renderReliability(reliability: EntityReliability) {
  return renderWith({ getEntityReliability: async () => reliability });
}

describe('EntityReliabilityContent', () => {
  it('shows the tier and what it means', async () => {
    const getEntityReliability = jest.fn(async () => createEntityReliability());
    await renderWith({ getEntityReliability });
    expect(await screen.findByText('Tier 1')).toBeInTheDocument();
    expect(screen.getByText(DEFAULT_TIERS[0].description)).toBeInTheDocument();
    expect(
      screen.getByText(/need an objective of at least 99.9%/),
    ).toBeInTheDocument();
    expect(getEntityReliability).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
  });

  it('tells how to set a missing tier', async () => {
    await renderReliability(
      createEntityReliability({
        tier: {
          status: 'missing',
          source,
          message:
            'No tier set: add the annotation "reliability-kit.io/tier" with one of tier-1, tier-2, tier-3, tier-4.',
        },
      }),
    );
    expect(await screen.findByText('Warning: No tier set')).toBeInTheDocument();
    expect(
      screen.getByText(/add the annotation "reliability-kit.io\/tier"/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/reliability-kit.io\/tier: tier-1/),
    ).toBeInTheDocument();
  });

  it('explains an invalid tier', async () => {
    await renderReliability(
      createEntityReliability({
        tier: {
          status: 'invalid',
          value: 'platinum',
          source,
          message:
            'Unknown tier "platinum" in the annotation "reliability-kit.io/tier": expected one of tier-1, tier-2, tier-3, tier-4.',
        },
      }),
    );
    expect(await screen.findByText('Error: Invalid tier')).toBeInTheDocument();
    expect(screen.getByText(/Unknown tier "platinum"/)).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWith({
      getEntityReliability: async () => {
        throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    expect(
      (
        await screen.findAllByText(
          /Request failed with 503 Service Unavailable/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Tier 1')).not.toBeInTheDocument();
  });

  it('tells when SLOs are not collected yet', async () => {
    await renderReliability(createEntityReliability());
    expect(
      await screen.findByText(/SLOs are not collected yet/),
    ).toBeInTheDocument();
    expect(screen.getByText('Tier 1')).toBeInTheDocument();
    expect(screen.queryByText('No SLOs yet')).not.toBeInTheDocument();
  });

  it('explains how to add SLOs when there are none', async () => {
    await renderReliability(
      createEntityReliability({ sections: withSlos(createSloSection()) }),
    );
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    const text = document.body.textContent ?? '';
    expect(text).toContain('reliability-kit.io/slo-spec: ./slos.yaml');
    expect(text).toContain('apiVersion: openslo/v1');
    expect(text).toContain(
      'reliability-kit.io/slo-selector: sloth_service="checkout"',
    );
    expect(screen.queryByTestId('slo-card')).not.toBeInTheDocument();
  });

  it('lists the problems of the SLO specs with file and line', async () => {
    await renderReliability(
      createEntityReliability({
        sloStatus: 'healthy',
        sections: withSlos(
          createSloSection({
            items: [createSloSnapshot()],
            problems: [
              {
                source: 'slo',
                file: 'slos.yaml',
                line: 12,
                message: 'objective must be below 1',
              },
              {
                source: 'slo',
                file: 'slos.yaml',
                line: 30,
                message:
                  'slos.yaml:30: SLO "latency": spec.timeWindow is required',
              },
            ],
          }),
        ),
      }),
    );
    expect(
      await screen.findByText('Error: 2 problems with the SLOs'),
    ).toBeInTheDocument();
    const problems = screen.getAllByTestId('slo-problem');
    expect(problems.map(p => p.textContent)).toEqual([
      'slos.yaml:12: objective must be below 1',
      'slos.yaml:30: SLO "latency": spec.timeWindow is required',
    ]);
    // the valid SLO next to the broken ones is still shown
    expect(screen.getAllByTestId('slo-card')).toHaveLength(1);
    expect(screen.queryByText('No SLOs yet')).not.toBeInTheDocument();
  });

  it('warns when the SLO data is stale', async () => {
    await renderReliability(
      createEntityReliability({
        sloStatus: 'healthy',
        sections: withSlos(
          createSloSection({
            items: [createSloSnapshot()],
            stale: true,
            staleReason: 'Prometheus unreachable',
            computedAt: new Date(
              Date.now() - 2 * HOUR_MS - 60_000,
            ).toISOString(),
          }),
        ),
      }),
    );
    expect(
      await screen.findByText('Warning: Stale SLO data'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Last updated 2 h ago: Prometheus unreachable'),
    ).toBeInTheDocument();
  });

  it('says when the SLOs are demo data', async () => {
    await renderReliability(
      createEntityReliability({
        sloStatus: 'healthy',
        sections: withSlos(
          createSloSection({
            items: [createSloSnapshot({ demo: true })],
            demo: true,
          }),
        ),
      }),
    );
    expect(await screen.findByTestId('slo-demo-notice')).toHaveTextContent(
      /Demo data/,
    );
    expect(screen.getByTestId('slo-demo-chip')).toBeInTheDocument();
  });

  it('shows a card per SLO with the overall status', async () => {
    const getSloHistory = jest.fn(async () => createSloHistory(5));
    await renderWith({
      getEntityReliability: async () =>
        createEntityReliability({
          sloStatus: 'breaching',
          sections: withSlos(
            createSloSection({
              items: [
                createSloSnapshot(),
                createSloSnapshot({
                  id: 'latency',
                  name: 'latency',
                  displayName: 'Checkout latency',
                  status: 'breaching',
                  budgetRemaining: -0.25,
                }),
              ],
            }),
          ),
        }),
      getSloHistory,
    });
    expect(await screen.findAllByTestId('slo-card')).toHaveLength(2);
    expect(screen.getByText('Tier 1')).toBeInTheDocument();
    expect(screen.getAllByTestId('slo-status').map(s => s.textContent)).toEqual(
      ['Healthy', 'Breaching'],
    );
    expect(
      screen.getAllByTestId('slo-budget-remaining').map(s => s.textContent),
    ).toEqual(['50.0%', '-25.0%']);
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('slo-burndown-chart')
          .map(c => c.getAttribute('data-state')),
      ).toEqual(['ready', 'ready']),
    );
    expect(getSloHistory).toHaveBeenCalledTimes(2);
  });
});

describe('EntityReliabilityContent readiness', () => {
  it('shows the checklist below the SLOs and reloads the entity after an attestation', async () => {
    const before = createEntityReliability({
      sections: {
        ...createEntityReliability().sections,
        readiness: createReadinessSection(),
      },
    });
    const attested = createEntityReadiness();
    attested.items = attested.items.map(item =>
      item.id === 'load-test'
        ? {
            ...item,
            state: 'attested',
            detail: 'Attested by ada just now',
            attestation: createReadinessRecord({
              target: { kind: 'readiness', itemId: 'load-test' },
            }),
          }
        : item,
    );
    const after = createEntityReliability({
      sections: {
        ...createEntityReliability().sections,
        readiness: createReadinessSection({ items: [attested] }),
      },
    });
    const getEntityReliability = jest
      .fn()
      .mockResolvedValueOnce(before)
      .mockResolvedValue(after);
    const attestReadinessItem = jest.fn(async () => createReadinessRecord());
    await renderWith({ getEntityReliability, attestReadinessItem });

    const loadTest = await screen.findByText('Load test');
    expect(loadTest.closest('tr')).toHaveAttribute('data-state', 'missing');
    // below the SLOs
    expect(
      screen
        .getByText(/SLOs are not collected yet/)
        .compareDocumentPosition(screen.getByTestId('readiness-checklist')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Attest "Load test"' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Evidence URL/), {
      target: { value: 'https://grafana.example.com/load-test/42' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Attest' }));

    await waitFor(() =>
      expect(screen.getByText('Load test').closest('tr')).toHaveAttribute(
        'data-state',
        'attested',
      ),
    );
    expect(getEntityReliability).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Attested by ada just now')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

function withSlos(
  slos: EntityReliability['sections']['slos'],
): EntityReliability['sections'] {
  return { ...createEntityReliability().sections, slos };
}
