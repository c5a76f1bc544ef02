import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EntitySloStatusPicker } from './EntitySloStatusPicker';
import { EntityTierPicker } from './EntityTierPicker';
import {
  EntitySloStatusFilter,
  EntityTierFilter,
  ReliabilityEntityFilters,
} from './filters';
import { reliabilityColumns } from './columns';

function entity(labels: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', labels },
  };
}

describe('reliability catalog filters', () => {
  it.each<
    [string, { getCatalogFilters(): unknown; toQueryValue(): unknown }, unknown]
  >([
    [
      'tier',
      new EntityTierFilter(['tier-1', 'tier-2']),
      { 'metadata.labels.reliability-kit.io/tier': ['tier-1', 'tier-2'] },
    ],
    [
      'SLO status',
      new EntitySloStatusFilter(['breaching', 'at-risk']),
      {
        'metadata.labels.reliability-kit.io/slo-status': [
          'breaching',
          'at-risk',
        ],
      },
    ],
  ])(
    'the %s filter is a server-side label filter',
    (_name, filter, expected) => {
      expect(filter.getCatalogFilters()).toEqual(expected);
      expect(filter.toQueryValue()).toEqual(
        Object.values(expected as object)[0],
      );
    },
  );

  it.each([
    [{ 'reliability-kit.io/tier': 'tier-1' }, true],
    [{ 'reliability-kit.io/tier': 'tier-3' }, false],
    [{}, false],
  ])('the tier filter matches labels %j: %s', (labels, expected) => {
    expect(
      new EntityTierFilter(['tier-1', 'tier-2']).filterEntity(entity(labels)),
    ).toBe(expected);
  });

  it.each([
    [{ 'reliability-kit.io/slo-status': 'breaching' }, true],
    [{ 'reliability-kit.io/slo-status': 'healthy' }, false],
    [{}, false],
  ])('the SLO status filter matches labels %j: %s', (labels, expected) => {
    expect(
      new EntitySloStatusFilter(['breaching']).filterEntity(entity(labels)),
    ).toBe(expected);
  });
});

const catalogApi = {
  getEntityFacets: jest.fn(async () => ({
    facets: {
      'metadata.labels.reliability-kit.io/tier': [
        { value: 'tier-2', count: 3 },
        { value: 'tier-1', count: 2 },
      ],
    },
  })),
};

function renderPicker(
  picker: JSX.Element,
  value: {
    updateFilters: jest.Mock;
    queryParameters?: Record<string, string | string[]>;
    filters?: Partial<ReliabilityEntityFilters>;
  },
) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <MockEntityListContextProvider<ReliabilityEntityFilters>
        value={{
          updateFilters: value.updateFilters,
          queryParameters: value.queryParameters ?? {},
          filters: value.filters ?? {},
        }}
      >
        {picker}
      </MockEntityListContextProvider>
    </TestApiProvider>,
  );
}

function lastFilters(updateFilters: jest.Mock): Record<string, unknown> {
  return updateFilters.mock.calls[updateFilters.mock.calls.length - 1][0];
}

describe.each([
  {
    name: 'EntityTierPicker',
    picker: <EntityTierPicker />,
    testId: 'reliability-tier-picker',
    key: 'tier',
    Filter: EntityTierFilter,
    fromUrl: ['tier-2'],
    option: 'Tier 1',
    picked: ['tier-1'],
  },
  {
    name: 'EntitySloStatusPicker',
    picker: <EntitySloStatusPicker />,
    testId: 'reliability-slo-status-picker',
    key: 'sloStatus',
    Filter: EntitySloStatusFilter,
    fromUrl: ['breaching', 'no-slo'],
    option: 'At risk',
    picked: ['at-risk'],
  },
])('$name', ({ picker, testId, key, Filter, fromUrl, option, picked }) => {
  it('sets no filter without a selection', async () => {
    const updateFilters = jest.fn();
    await renderPicker(picker, { updateFilters });
    expect(await screen.findByTestId(testId)).toBeInTheDocument();
    await waitFor(() => expect(updateFilters).toHaveBeenCalled());
    expect(lastFilters(updateFilters)).toEqual({ [key]: undefined });
  });

  it('restores its selection from the URL query', async () => {
    const updateFilters = jest.fn();
    await renderPicker(picker, {
      updateFilters,
      queryParameters: { [key]: fromUrl },
    });
    await waitFor(() => expect(updateFilters).toHaveBeenCalled());
    const filter = lastFilters(updateFilters)[key];
    expect(filter).toBeInstanceOf(Filter);
    expect((filter as InstanceType<typeof Filter>).values).toEqual(fromUrl);
  });

  it('updates the catalog filters when an option is picked', async () => {
    const updateFilters = jest.fn();
    await renderPicker(picker, { updateFilters });
    const root = await screen.findByTestId(testId);
    fireEvent.click(within(root).getByRole('button', { name: 'Open' }));
    fireEvent.click(await screen.findByText(option));
    await waitFor(() => {
      const filter = lastFilters(updateFilters)[key];
      expect(filter).toBeInstanceOf(Filter);
      expect((filter as InstanceType<typeof Filter>).values).toEqual(picked);
    });
    expect(
      (
        lastFilters(updateFilters)[key] as InstanceType<typeof Filter>
      ).getCatalogFilters(),
    ).toEqual(new Filter(picked).getCatalogFilters());
  });
});

describe('reliabilityColumns', () => {
  it.each([
    [{ 'reliability-kit.io/tier': 'tier-1' }, 'Tier 1'],
    [{ 'reliability-kit.io/tier': 'gold' }, 'gold'],
    [{}, '–'],
  ])('the tier column of labels %j is %s', async (labels, text) => {
    const column = reliabilityColumns.createTierColumn();
    await renderInTestApp(
      <>{column.render!({ entity: entity(labels) }, 'row')}</>,
    );
    expect(screen.getByTestId('reliability-tier-column')).toHaveTextContent(
      text,
    );
  });

  it.each([
    [{ 'reliability-kit.io/slo-status': 'breaching' }, 'Breaching'],
    [{ 'reliability-kit.io/slo-status': 'bogus' }, '–'],
    [{}, '–'],
  ])('the SLO status column of labels %j is %s', async (labels, text) => {
    const column = reliabilityColumns.createSloStatusColumn();
    await renderInTestApp(
      <>{column.render!({ entity: entity(labels) }, 'row')}</>,
    );
    expect(
      screen.getByTestId('reliability-slo-status-column'),
    ).toHaveTextContent(text);
  });

  it('sorts the SLO status column worst first, no data before healthy, as the fleet table does', () => {
    const column = reliabilityColumns.createSloStatusColumn();
    const rows = ['healthy', 'no-slo', 'no-data', 'breaching', 'at-risk']
      .map(status => ({
        entity: entity({ 'reliability-kit.io/slo-status': status }),
      }))
      .concat([{ entity: entity({}) }]);
    const sorted = [...rows].sort((a, b) => column.customSort!(a, b, 'row'));
    expect(
      sorted.map(
        r => r.entity.metadata.labels?.['reliability-kit.io/slo-status'],
      ),
    ).toEqual([
      'breaching',
      'at-risk',
      'no-data',
      'healthy',
      'no-slo',
      undefined,
    ]);
  });
});
