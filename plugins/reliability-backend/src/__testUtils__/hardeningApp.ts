import {
  TestDatabases,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_TIERS } from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { FleetStore } from '../fleet';
import { fixedClock } from '../lib/Clock';
import { DatabaseReadinessStore } from '../readiness/DatabaseReadinessStore';
import { createRouter } from '../service/createRouter';
import { testComponent } from './entities';
import { goldenPathScorecard } from './scorecards';
import { TEST_TIER_MODEL, createTestEvaluator } from './testRouter';

/** The time of the hardening tests (issue 19); never the real clock. */
export const HARDENING_NOW = new Date('2026-11-26T10:00:00.000Z');

export const TEAM_A = 'group:default/team-a';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

export const hardeningEntities: Entity[] = [
  testComponent('checkout', {
    annotations: { 'reliability-kit.io/tier': 'tier-1' },
    relations: [{ type: 'ownedBy', targetRef: TEAM_A }],
  }),
  group('team-a'),
  group('team-b'),
];

export const hardeningChecks = parseChecksConfig(
  {
    checks: [
      {
        id: 'has-owner',
        title: 'Has an owner',
        rule: { fact: 'relation:ownedBy', exists: true },
      },
      { id: 'ci-template', title: 'CI template', pushed: true },
    ],
    readiness: {
      items: [
        {
          id: 'backup-restore',
          title: 'Restore tested',
          kind: 'attested',
          validityDays: 180,
          tiers: ['tier-1'],
        },
      ],
    },
    scorecards: [goldenPathScorecard(['has-owner', 'ci-template'])],
  },
  { tiers: DEFAULT_TIERS },
);

/**
 * The stores on one test database, with checkout (tier-1, team-a) in the
 * entity index.
 */
export async function createHardeningStores(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
) {
  const knex = await databases.init(databaseId);
  const database = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const readinessStore = await DatabaseReadinessStore.create({
    database,
    skipMigrations: true,
  });
  await store.replaceEntityIndex(
    [
      {
        entityRef: stringifyEntityRef(hardeningEntities[0]),
        kind: 'component',
        namespace: 'default',
        name: 'checkout',
        ownerRef: TEAM_A,
        tier: 'tier-1',
        tierStatus: 'ok' as const,
      },
    ],
    HARDENING_NOW.toISOString(),
  );
  return { knex, store, readinessStore };
}

/**
 * The whole router (toil, readiness, scorecards, fleet) on one test
 * database, every permission allowed: for the regression tests of issue 19.
 */
export async function createHardeningApp(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
  options: { errorHandler?: express.ErrorRequestHandler } = {},
) {
  const { knex, store, readinessStore } = await createHardeningStores(
    databases,
    databaseId,
  );
  const clock = fixedClock(HARDENING_NOW);
  const catalog = catalogServiceMock({ entities: hardeningEntities });
  const evaluator = createTestEvaluator({
    catalog,
    store,
    readinessStore,
    config: hardeningChecks,
    clock,
  });
  await evaluator.run();
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    catalog,
    store,
    tierModel: TEST_TIER_MODEL,
    permissions: mockServices.permissions(),
    hoursOf: () => ({} as never),
    readinessStore,
    evaluator,
    fleet: new FleetStore(knex, { store, clock }),
    clock,
  });
  const app = express()
    .use(router)
    .use(options.errorHandler ?? mockErrorHandler());
  return { app, knex, store, readinessStore, evaluator };
}
