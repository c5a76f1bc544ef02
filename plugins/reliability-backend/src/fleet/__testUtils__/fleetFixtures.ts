import { IncidentReviewSource } from '../weeklyIncidentReview';
import {
  TestDatabaseId,
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  FleetPage,
  FleetRow,
  FleetSortKey,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestStore } from '../../__testUtils__/createTestStore';
import { testDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../../database/DatabaseReliabilityStore';
import { IndexedEntity } from '../../database/ReliabilityStore';
import { FleetStore, SLO_RANK } from '../FleetStore';
import { toDbColumns } from '../fleetRows';
import { addFleetRoutes } from '../fleetRoutes';
import { fixedClock } from '../../lib/Clock';

export const databases = testDatabases();

export const NOW = new Date('2026-11-26T12:00:00.000Z');
export const user = mockCredentials.user.header();

export const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
export const DENY: PolicyDecision = { result: AuthorizeResult.DENY };
/**
 * A condition the fleet table cannot express (an annotation): the catalog
 * evaluates it per entity (here: `allowed`).
 */
export const CONDITIONAL: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'HAS_ANNOTATION',
    resourceType: 'catalog-entity',
    params: { annotation: 'example.com/reliability-visible' },
  },
};

/** Conditions on owner and kind, which the database evaluates. */
export const conditionalOn = (
  conditions: Extract<
    PolicyDecision,
    { result: AuthorizeResult.CONDITIONAL }
  >['conditions'],
): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions,
});
export const ownedBy = (...claims: string[]) => ({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims },
});
export const ofKind = (...kinds: string[]) => ({
  rule: 'IS_ENTITY_KIND',
  resourceType: 'catalog-entity',
  params: { kinds },
});

/**
 * Permissions answering `read` for the list query; per-entity decisions
 * allow the refs in `allowed` (as the catalog would evaluate the
 * conditions).
 */
export const permissionsOf = (read: PolicyDecision, allowed?: Set<string>) =>
  mockServices.permissions.mock({
    authorizeConditional: async requests => requests.map(() => read),
    authorize: async requests =>
      requests.map(r => ({
        result:
          read.result === AuthorizeResult.ALLOW ||
          (read.result === AuthorizeResult.CONDITIONAL &&
            allowed?.has(r.resourceRef!))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  });

/** A catalog that sees `visible` (or everything). */
export const catalogOf = (visible?: Set<string>) => {
  const getEntitiesByRefs = jest.fn(async (req: { entityRefs: string[] }) => ({
    items: req.entityRefs.map(ref => {
      if (visible && !visible.has(ref)) return undefined;
      const { kind, namespace, name } = parseEntityRef(ref);
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: { namespace, name },
      };
    }),
  }));
  return { getEntitiesByRefs } as unknown as CatalogService & {
    getEntitiesByRefs: typeof getEntitiesByRefs;
  };
};

export async function createFleet(databaseId: TestDatabaseId) {
  const { knex, store } = await createTestStore(
    databases,
    databaseId,
    options => DatabaseReliabilityStore.create(options),
  );
  const fleet = new FleetStore(knex, { store, clock: fixedClock(NOW) });
  return { knex, store, fleet };
}

export function appOf(
  fleet: FleetStore,
  options: {
    read?: PolicyDecision;
    allowed?: Set<string>;
    catalogVisible?: Set<string>;
    incidents?: IncidentReviewSource;
  } = {},
) {
  const router = Router();
  const permissions = permissionsOf(options.read ?? ALLOW, options.allowed);
  const catalog = catalogOf(options.catalogVisible);
  addFleetRoutes(router, {
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    permissions,
    catalog,
    fleet,
    criticalTier: 'tier-1',
    clock: fixedClock(NOW),
    incidents: options.incidents,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, permissions, catalog };
}

// ------------------------------------------------------ generated fleet

export const N = 3000;
export const STATUSES = [
  'breaching',
  'at-risk',
  'no-data',
  'healthy',
  'no-slo',
];
export const pad = (i: number) => String(i).padStart(5, '0');
/** A deterministic hash of (i, salt). */
export const h = (i: number, salt: number) => {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 15), 2246822507);
  x = Math.imul(x ^ (x >>> 13), 3266489909);
  return (x ^ (x >>> 16)) >>> 0;
};

export function generatedRow(i: number): FleetRow {
  const sloStatus = STATUSES[h(i, 1) % 5] as FleetRow['sloStatus'];
  const nullable = (salt: number, value: number) =>
    h(i, salt) % 6 === 0 ? null : value;
  return {
    entityRef: `component:default/svc-${pad(i)}`,
    kind: 'component',
    namespace: 'default',
    name: `svc-${pad(i)}`,
    ownerRef: `group:default/team-${h(i, 2) % 7}`,
    systemRef: h(i, 3) % 5 === 0 ? null : `system:default/sys-${h(i, 3) % 11}`,
    tier: [null, 'tier-1', 'tier-2', 'tier-3'][h(i, 4) % 4],
    sloStatus,
    sloCount: sloStatus === 'no-slo' ? 0 : 1 + (h(i, 5) % 4),
    // Few distinct values: many ties, resolved by the entity ref.
    worstBudgetRemaining:
      sloStatus === 'no-slo' ? null : nullable(6, ((h(i, 7) % 41) - 20) / 20),
    pagesPerWeek: nullable(8, (h(i, 9) % 30) / 2),
    pagesPerOnCallWeek: nullable(19, (h(i, 20) % 20) / 4),
    mttaMs: nullable(10, (h(i, 11) % 50) * 1000),
    mttrMs: nullable(12, (h(i, 13) % 50) * 60000),
    noiseRatio: nullable(14, (h(i, 15) % 11) / 10),
    runbookCoverage: nullable(16, (h(i, 17) % 5) / 4),
    readiness: (['unknown', 'ready', 'not-ready'] as const)[h(i, 18) % 3],
    goldenPathLevel: null,
    updatedAt: '2026-11-26T10:00:00.000Z',
  };
}

export async function insertRows(knex: Knex, rows: FleetRow[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await knex('reliability_fleet').insert(
      rows.slice(i, i + 100).map(toDbColumns),
    );
  }
}

export const sortValue = (r: FleetRow, key: FleetSortKey) =>
  key === 'sloStatus' ? SLO_RANK[r.sloStatus] : r[key];

/** The documented order: value (nulls last either way), then ref, same direction. */
export function referenceSort(
  rows: FleetRow[],
  key: FleetSortKey,
  desc: boolean,
) {
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== vb) return (va! < vb! ? -1 : 1) * sign;
    return (a.entityRef < b.entityRef ? -1 : 1) * sign;
  });
}

export async function pageThrough(
  app: express.Express,
  query: string,
  onPage?: (page: FleetPage) => Promise<void>,
): Promise<{ items: FleetRow[]; pages: FleetPage[] }> {
  const items: FleetRow[] = [];
  const pages: FleetPage[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const res = await request(app)
      .get(
        `/fleet?${query}${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      )
      .set('Authorization', user);
    expect(res.status).toBe(200);
    pages.push(res.body);
    items.push(...res.body.items);
    if (onPage) await onPage(res.body);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return { items, pages };
}

export const refs = (rows: FleetRow[]) => rows.map(r => r.entityRef);

/** Fractions compared to 9 digits (SQL and JS sum in different orders). */
export function approx(value: unknown) {
  if (typeof value !== 'number' || Number.isInteger(value)) return value;
  return expect.closeTo(value, 9);
}

// A small hand-made fleet (5 entities, 2 weeks).
export const entity = (
  name: string,
  over: Partial<IndexedEntity> = {},
): IndexedEntity => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
  namespace: 'default',
  name,
  ownerRef: 'group:default/team-a',
  systemRef: 'system:default/shop',
  tier: 'tier-1',
  tierStatus: 'ok',
  ...over,
});
export const ref = (name: string) => `component:default/${name}`;
export const LAST_WEEK = '2026-11-17T09:00:00.000Z';
export const THIS_WEEK = NOW.toISOString();

export const slo = (
  sloStatus: FleetRow['sloStatus'],
  worstBudgetRemaining: number | null,
) => ({ sloStatus, sloCount: 2, worstBudgetRemaining });
export const aq = (
  pagesPerWeek: number,
  mttaMs: number | null,
  noiseRatio: number | null,
  runbookCoverage: number,
) => ({
  pagesPerWeek,
  mttaMs,
  mttrMs: mttaMs === null ? null : mttaMs * 10,
  noiseRatio,
  runbookCoverage,
});

/** The five entities of the hand-made fleet (e has an invalid tier). */
const handMadeEntities = () => [
  entity('a'),
  entity('b'),
  entity('c', { ownerRef: 'group:default/team-b' }),
  entity('d', {
    tier: 'tier-2',
    ownerRef: 'group:default/team-b',
    systemRef: undefined,
  }),
  entity('e', { tier: 'x', tierStatus: 'invalid' }),
];

export async function handMade(databaseId: TestDatabaseId) {
  const ctx = await createFleet(databaseId);
  const { fleet } = ctx;
  await fleet.replaceEntities(handMadeEntities(), LAST_WEEK);
  // Last week: a healthy, b breaching, c healthy.
  await fleet.updateSlo(ref('a'), slo('healthy', 0.8), LAST_WEEK);
  await fleet.updateSlo(ref('b'), slo('breaching', -0.2), LAST_WEEK);
  await fleet.updateSlo(ref('c'), slo('healthy', 0.5), LAST_WEEK);
  // This week.
  await fleet.replaceEntities(handMadeEntities(), THIS_WEEK);
  await fleet.updateSlo(ref('a'), slo('healthy', 0.7), THIS_WEEK);
  await fleet.updateSlo(ref('b'), slo('breaching', -0.1), THIS_WEEK);
  await fleet.updateSlo(ref('b'), slo('healthy', 0.3), THIS_WEEK);
  await fleet.updateSlo(ref('c'), slo('at-risk', 0.1), THIS_WEEK);
  await fleet.updateSlo(ref('d'), slo('breaching', -0.5), THIS_WEEK);
  await fleet.updateAlertQuality(ref('a'), aq(10, 60_000, 0.2, 1));
  await fleet.updateAlertQuality(ref('b'), aq(4, 120_000, 0.4, 0.5));
  await fleet.updateAlertQuality(ref('c'), aq(1, null, null, 0));
  return ctx;
}

export async function withReviewData(databaseId: TestDatabaseId) {
  const ctx = await handMade(databaseId);
  await ctx.store.upsertSloHistoryPoints(ref('c'), [
    {
      sloId: 'latency',
      point: {
        at: '2026-11-24T10:00:00.000Z',
        objective: 0.99,
        sli: 0.98,
        budgetRemaining: -0.25,
        status: 'breaching',
      },
    },
    {
      sloId: 'latency',
      point: {
        at: '2026-11-25T10:00:00.000Z',
        objective: 0.99,
        sli: 0.98,
        budgetRemaining: -0.5,
        status: 'breaching',
      },
    },
  ]);
  // Last week's exhaustion is not this week's.
  await ctx.store.upsertSloHistoryPoints(ref('a'), [
    {
      sloId: 'availability',
      point: {
        at: '2026-11-20T10:00:00.000Z',
        objective: 0.99,
        sli: 0.9,
        budgetRemaining: -1,
        status: 'breaching',
      },
    },
  ]);
  const incident = (
    id: string,
    title: string,
    alertKey: string | null,
    createdAt: string,
  ) => ({
    id,
    source: 'demo',
    title,
    alertKey,
    urgency: 'high' as const,
    status: 'resolved' as const,
    createdAt,
    firstAcknowledgedAt: createdAt,
    resolvedAt: new Date(Date.parse(createdAt) + 3600_000).toISOString(),
  });
  await ctx.store.upsertIncidents(
    ref('a'),
    [
      incident('1', 'Disk "full", again', 'disk', '2026-11-23T01:00:00Z'),
      incident('2', 'Disk "full", again', 'disk', '2026-11-24T01:00:00Z'),
      incident('3', 'Old', 'old', '2026-11-20T01:00:00Z'),
    ],
    THIS_WEEK,
  );
  await ctx.store.upsertIncidents(
    ref('d'),
    [
      incident('4', 'Disk "full", again', 'disk', '2026-11-25T01:00:00Z'),
      incident('5', 'Latency high', null, '2026-11-25T02:00:00Z'),
    ],
    THIS_WEEK,
  );
  return ctx;
}
