import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  CampaignInput,
  DEFAULT_TIERS,
  DEFAULT_TIER_SOURCE,
  ReadinessItemState,
  reliabilityCampaignManagePermission,
  reliabilityEntityReadPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { parseChecksConfig } from '@reliability-kit/backstage-plugin-reliability-node';
import express from 'express';
import request from 'supertest';
import Router from 'express-promise-router';
import { DatabaseReliabilityStore } from '../../database/DatabaseReliabilityStore';
import { FleetStore, addFleetRoutes } from '../../fleet';
import { Clock } from '../../lib/Clock';
import { createEntityResolver } from '../../service/request';
import { addCampaignRoutes } from '../campaignRoutes';
import { createCampaignsFeature } from '../createCampaignsFeature';

export const TIER_MODEL = { tiers: DEFAULT_TIERS, source: DEFAULT_TIER_SOURCE };
export const MANAGER = 'user:default/manager';
export const DEV = 'user:default/dev';
/** A user who sees only the entities of team A. */
export const TEAM_A_USER = 'user:default/team-a-dev';
export const TEAM_A = 'group:default/team-a';
export const TEAM_B = 'group:default/team-b';
export const TEAM_C = 'group:default/team-c';

const exists = (id: string, annotation: string) => ({
  id,
  title: `Check ${id}`,
  rule: { fact: `annotation:${annotation}`, exists: true },
});

/** Runbooks (tier-1) and dashboards (tier-1, tier-2); a golden path. */
export const CHECKS = parseChecksConfig(
  {
    checks: [
      exists('runbooks-check', 'example.com/runbook'),
      exists('dashboards-check', 'example.com/dashboard'),
      exists('ci', 'example.com/ci'),
      exists('burn', 'example.com/burn'),
      exists('sbom', 'example.com/sbom'),
    ],
    readiness: {
      items: [
        {
          id: 'runbooks',
          title: 'Runbooks',
          kind: 'automatic',
          check: 'runbooks-check',
          tiers: ['tier-1'],
        },
        {
          id: 'dashboards',
          title: 'Dashboards',
          kind: 'automatic',
          check: 'dashboards-check',
          tiers: ['tier-1', 'tier-2'],
        },
      ],
    },
    scorecards: [
      {
        id: 'golden',
        title: 'Golden path',
        levels: [
          { id: 'bronze', title: 'Bronze', checks: [{ check: 'ci' }] },
          { id: 'silver', title: 'Silver', checks: [{ check: 'burn' }] },
          { id: 'gold', title: 'Gold', checks: [{ check: 'sbom' }] },
        ],
      },
    ],
  },
  { tiers: DEFAULT_TIERS },
);

/** One entity of a test fleet. */
export interface TestEntity {
  name: string;
  owner: string | null;
  tier: string | null;
  system?: string;
  lifecycle?: string;
  tags?: string[];
  /** Readiness item states by id. */
  readiness?: Record<string, ReadinessItemState>;
  /** The golden path level reached and check states. */
  golden?: {
    level: string | null;
    checks: Record<string, 'passed' | 'failed' | 'exempt'>;
  };
}

export const refOf = (name: string) => `component:default/${name}`;

/** A test entity whose `runbooks` readiness item is in `state`. */
export const withRunbooks = (
  name: string,
  owner: string,
  tier: string,
  state: ReadinessItemState,
): TestEntity => ({ name, owner, tier, readiness: { runbooks: state } });

/** Four tier-1 entities of three teams (two done) and a tier-3 one. */
export const RUNBOOKS_FLEET: TestEntity[] = [
  withRunbooks('checkout', TEAM_A, 'tier-1', 'passed'),
  withRunbooks('payments', TEAM_A, 'tier-1', 'failed'),
  withRunbooks('search', TEAM_B, 'tier-1', 'not-required'),
  withRunbooks('ledger', TEAM_C, 'tier-1', 'attested'),
  withRunbooks('docs', TEAM_B, 'tier-3', 'failed'),
];

function catalogEntity(e: TestEntity): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: e.name,
      namespace: 'default',
      ...(e.tags ? { tags: e.tags } : {}),
    },
    spec: {
      type: 'service',
      lifecycle: e.lifecycle ?? 'production',
      ...(e.owner ? { owner: e.owner } : {}),
    },
  };
}

/** A campaign input with defaults. */
export function campaignInput(
  overrides: Partial<CampaignInput> = {},
): CampaignInput {
  return {
    id: 'runbooks',
    title: 'Runbooks for tier-1',
    description: 'Every tier-1 service has runbooks.',
    howToFix: 'Add `example.com/runbook`.',
    owner: 'group:default/sre',
    target: { readinessItems: ['runbooks'] },
    audience: { tiers: ['tier-1'] },
    startDate: '2026-03-02',
    dueDate: '2026-03-29',
    timeZone: 'Europe/Berlin',
    published: true,
    ...overrides,
  };
}

/**
 * A database with the package's migrations, a fleet of test entities with
 * stored readiness and scorecard results, the campaigns feature on it and
 * its routes. The clock is the test's (`setNow`).
 */
export async function campaignHarness(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: {
    now: string;
    entities: TestEntity[];
    config?: object;
    notifications?: NotificationService;
  },
) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseReliabilityStore.create({
    database: { getClient: async () => knex },
  });
  let now = new Date(options.now);
  const clock: Clock = { now: () => now };
  const fleet = new FleetStore(knex, { store, clock });
  let entities = options.entities;
  let catalog = catalogServiceMock({ entities: entities.map(catalogEntity) });
  const catalogProxy = {
    getEntitiesByRefs: (...args: any[]) =>
      (catalog.getEntitiesByRefs as any)(...args),
    getEntityByRef: (...args: any[]) =>
      (catalog.getEntityByRef as any)(...args),
  } as unknown as typeof catalog;

  /** Stores the fleet rows and the results of `list` (the test's fleet). */
  const setFleet = async (list: TestEntity[]) => {
    entities = list;
    catalog = catalogServiceMock({ entities: list.map(catalogEntity) });
    await fleet.replaceEntities(
      list.map(e => ({
        entityRef: refOf(e.name),
        kind: 'component',
        namespace: 'default',
        name: e.name,
        ownerRef: e.owner ?? undefined,
        systemRef: e.system,
        tier: e.tier ?? undefined,
        tierStatus: e.tier ? ('ok' as const) : ('missing' as const),
      })),
      now.toISOString(),
    );
    const at = now.toISOString();
    const section = (items: unknown[]) => ({
      items,
      problems: [],
      status: 'ok' as const,
      demo: false,
      computedAt: at,
    });
    await store.writeSections(
      list.flatMap(e => [
        {
          entityRef: refOf(e.name),
          section: 'readiness' as const,
          write: section([
            {
              tier: e.tier,
              status: 'unknown',
              missing: [],
              expiring: [],
              evaluatedAt: at,
              items: Object.entries(e.readiness ?? {}).map(([id, state]) => ({
                id,
                title: CHECKS.readiness.find(i => i.id === id)!.title,
                group: 'Operations',
                kind: 'automatic',
                required: true,
                state,
                detail: '',
              })),
            },
          ]),
        },
        {
          entityRef: refOf(e.name),
          section: 'scorecards' as const,
          write: section(
            e.golden
              ? [
                  {
                    scorecardId: 'golden',
                    title: 'Golden path',
                    entityRef: refOf(e.name),
                    level: e.golden.level,
                    checks: Object.entries(e.golden.checks).map(
                      ([checkId, state]) => ({
                        checkId,
                        title: `Check ${checkId}`,
                        level: 'bronze',
                        weight: 1,
                        state,
                        detail: '',
                      }),
                    ),
                  },
                ]
              : [],
          ),
        },
      ]),
    );
  };
  await setFleet(options.entities);

  const logger = mockServices.logger.mock();
  /** The feature as one replica of the backend wires it. */
  const replica = (notifications?: NotificationService) =>
    createCampaignsFeature({
      config: new ConfigReader({ reliability: options.config ?? {} }),
      db: knex,
      fleet,
      sections: store,
      catalog: catalogProxy,
      auth: mockServices.auth(),
      checks: CHECKS,
      tierModel: TIER_MODEL,
      notifications,
      logger,
      clock,
    });
  const feature = replica(options.notifications);

  const permissions = mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const user = (credentials.principal as { userEntityRef?: string })
          .userEntityRef;
        const manage = isPermission(
          r.permission,
          reliabilityCampaignManagePermission,
        );
        return {
          result:
            !manage || user === MANAGER
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => {
        const user = (credentials.principal as { userEntityRef?: string })
          .userEntityRef;
        if (
          user === TEAM_A_USER &&
          isPermission(r.permission, reliabilityEntityReadPermission)
        ) {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [TEAM_A] },
            },
          } as any;
        }
        return { result: AuthorizeResult.ALLOW };
      }),
  });
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.none(),
  });
  const router = Router();
  router.use(express.json());
  addCampaignRoutes(router, {
    httpAuth,
    permissions,
    catalog: catalogProxy,
    service: feature.service,
    writes: feature.writes,
    entity: createEntityResolver({
      httpAuth,
      permissions,
      catalog: catalogProxy,
    }),
    matchingRefs: filter => fleet.listRefsMatching(filter),
  });
  addFleetRoutes(router, {
    httpAuth,
    permissions,
    catalog: catalogProxy,
    fleet,
    clock,
    campaignNotDone: feature.service.notDoneRefs,
  });
  const app = express().use(router).use(mockErrorHandler());

  return {
    knex,
    store,
    fleet,
    feature,
    replica,
    app,
    logger,
    setFleet,
    entities: () => entities,
    setNow(at: string) {
      now = new Date(at);
    },
  };
}

export const as = (user: string) => mockCredentials.user.header(user);

/** The entity refs of a listing's answer. */
export const refsOf = (res: {
  body: { items: Array<{ entityRef: string }> };
}) => res.body.items.map(r => r.entityRef);

/** A request to the harness's app as `user` (chain `.send(...)` for a body). */
export const call = (
  app: express.Express,
  method: 'get' | 'post' | 'put',
  path: string,
  user: string,
) => request(app)[method](path).set('authorization', as(user));
