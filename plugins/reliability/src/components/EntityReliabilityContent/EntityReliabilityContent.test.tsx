import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  DEFAULT_TIERS,
  EntityReliability,
  ReliabilitySection,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { screen } from '@testing-library/react';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import { EntityReliabilityContent } from './EntityReliabilityContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service' },
};

const empty: ReliabilitySection = {
  status: 'not-collected',
  items: [],
  problems: [],
  demo: false,
  computedAt: null,
  stale: false,
};
const sections = {
  slos: empty,
  alertQuality: empty,
  readiness: empty,
  scorecards: empty,
};
const source = { from: 'annotation' as const, key: 'reliability-kit.io/tier' };

function renderWith(api: Partial<ReliabilityApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityReliabilityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityReliabilityContent', () => {
  it('shows the tier and what it means', async () => {
    const getEntityReliability = jest.fn(
      async (): Promise<EntityReliability> => ({
        entityRef: 'component:default/checkout',
        tier: { status: 'ok', tier: DEFAULT_TIERS[0], source },
        sections,
      }),
    );
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
    await renderWith({
      getEntityReliability: async () => ({
        entityRef: 'component:default/checkout',
        tier: {
          status: 'missing',
          source,
          message:
            'No tier set: add the annotation "reliability-kit.io/tier" with one of tier-1, tier-2, tier-3, tier-4.',
        },
        sections,
      }),
    });
    expect(await screen.findByText('Warning: No tier set')).toBeInTheDocument();
    expect(
      screen.getByText(/add the annotation "reliability-kit.io\/tier"/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/reliability-kit.io\/tier: tier-1/),
    ).toBeInTheDocument();
  });

  it('explains an invalid tier', async () => {
    await renderWith({
      getEntityReliability: async () => ({
        entityRef: 'component:default/checkout',
        tier: {
          status: 'invalid',
          value: 'platinum',
          source,
          message:
            'Unknown tier "platinum" in the annotation "reliability-kit.io/tier": expected one of tier-1, tier-2, tier-3, tier-4.',
        },
        sections,
      }),
    });
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
});
