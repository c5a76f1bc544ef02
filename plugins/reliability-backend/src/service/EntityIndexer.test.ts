import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IndexedEntity, ReliabilityStore } from '../database/ReliabilityStore';
import { EntityIndexer } from './EntityIndexer';
import { fixedClock } from '../lib/Clock';

function component(
  name: string,
  tier: string | undefined,
  relations: Entity['relations'] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: tier ? { 'reliability-kit.io/tier': tier } : {},
    },
    spec: { type: 'service' },
    relations,
  };
}

describe('EntityIndexer', () => {
  it('indexes tier, owner and system of catalog entities', async () => {
    let stored: IndexedEntity[] = [];
    const store = {
      replaceEntityIndex: jest.fn(async (rows: IndexedEntity[]) => {
        stored = rows;
      }),
    } as unknown as ReliabilityStore;
    const catalog = catalogServiceMock({
      entities: [
        component('checkout', 'tier-1', [
          { type: 'ownedBy', targetRef: 'group:default/team-payments' },
          { type: 'partOf', targetRef: 'system:default/shop' },
        ]),
        component('legacy', 'platinum'),
        component('bot', undefined),
      ],
    });
    const indexer = new EntityIndexer({
      clock: fixedClock('2026-11-26T10:00:00Z'),
      catalog,
      auth: mockServices.auth(),
      store,
      tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
      logger: mockServices.logger.mock(),
    });

    await expect(
      indexer.run(new Date('2026-11-26T10:00:00Z')),
    ).resolves.toEqual({
      // Without a cursor, every entity counts as changed.
      indexed: 3,
      changed: 3,
      removed: 0,
    });
    expect(store.replaceEntityIndex).toHaveBeenCalledWith(
      expect.any(Array),
      '2026-11-26T10:00:00.000Z',
    );
    const byName = Object.fromEntries(stored.map(r => [r.name, r]));
    expect(byName.checkout).toEqual({
      entityRef: 'component:default/checkout',
      kind: 'component',
      namespace: 'default',
      name: 'checkout',
      ownerRef: 'group:default/team-payments',
      systemRef: 'system:default/shop',
      tier: 'tier-1',
      tierStatus: 'ok',
      tierMessage: undefined,
      // The entity itself, for the entity endpoints (without its status).
      entity: expect.objectContaining({
        kind: 'Component',
        metadata: expect.objectContaining({ name: 'checkout' }),
        relations: expect.arrayContaining([
          { type: 'partOf', targetRef: 'system:default/shop' },
        ]),
      }),
    });
    expect(byName.legacy).toMatchObject({
      tier: undefined,
      tierStatus: 'invalid',
      tierMessage: expect.stringContaining('Unknown tier "platinum"'),
    });
    expect(byName.bot).toMatchObject({ tierStatus: 'missing' });
  });

  it('tells the fleet projection right after the index write', async () => {
    const calls: string[] = [];
    const store = {
      replaceEntityIndex: jest.fn(async () => {
        calls.push('replaceEntityIndex');
      }),
    } as unknown as ReliabilityStore;
    const fleet = {
      entitiesIndexed: jest.fn(async () => {
        calls.push('entitiesIndexed');
      }),
      entitiesChanged: jest.fn(),
      sloWritten: jest.fn(),
      alertQualityWritten: jest.fn(),
      readinessEvaluated: jest.fn(),
      policyEvaluated: jest.fn(),
    };
    const indexer = new EntityIndexer({
      clock: fixedClock('2026-11-26T10:00:00Z'),
      catalog: catalogServiceMock({
        entities: [component('checkout', 'tier-1')],
      }),
      auth: mockServices.auth(),
      store,
      fleet,
      tierModel: { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE },
      logger: mockServices.logger.mock(),
    });
    await indexer.run();
    expect(calls).toEqual(['replaceEntityIndex', 'entitiesIndexed']);
    expect(fleet.entitiesIndexed).toHaveBeenCalledWith(
      [expect.objectContaining({ entityRef: 'component:default/checkout' })],
      '2026-11-26T10:00:00.000Z',
    );
  });
});
