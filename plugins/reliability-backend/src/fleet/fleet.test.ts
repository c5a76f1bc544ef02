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
  FLEET_SORT_KEYS,
  FleetPage,
  FleetRow,
  FleetSortKey,
  SloSnapshot,
  isoWeekLabel,
  isoWeekStart,
  parseIsoWeek,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestStore } from '../__testUtils__/createTestStore';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { IndexedEntity } from '../database/ReliabilityStore';
import { FleetStore, SLO_RANK, compareKeys, summarizeRows } from './FleetStore';
import { addFleetRoutes, encodeCursor } from './fleetRoutes';
import { withFleetUpdates } from './index';
import { csvField } from './weeklyReview';
import { fixedClock } from '../lib/Clock';

const databases = testDatabases();

jest.setTimeout(120_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');
const user = mockCredentials.user.header();

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };
/**
 * A condition the fleet table cannot express (an annotation): the catalog
 * evaluates it per entity (here: `allowed`).
 */
const CONDITIONAL: PolicyDecision = {
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
const conditionalOn = (
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
const ownedBy = (...claims: string[]) => ({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims },
});
const ofKind = (...kinds: string[]) => ({
  rule: 'IS_ENTITY_KIND',
  resourceType: 'catalog-entity',
  params: { kinds },
});

/**
 * Permissions answering `read` for the list query; per-entity decisions
 * allow the refs in `allowed` (as the catalog would evaluate the
 * conditions).
 */
const permissionsOf = (read: PolicyDecision, allowed?: Set<string>) =>
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
const catalogOf = (visible?: Set<string>) => {
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

async function createFleet(databaseId: TestDatabaseId) {
  const { knex, store } = await createTestStore(
    databases,
    databaseId,
    options => DatabaseReliabilityStore.create(options),
  );
  const fleet = new FleetStore(knex, { store, clock: fixedClock(NOW) });
  return { knex, store, fleet };
}

function appOf(
  fleet: FleetStore,
  options: {
    read?: PolicyDecision;
    allowed?: Set<string>;
    catalogVisible?: Set<string>;
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
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, permissions, catalog };
}

// ------------------------------------------------------ generated fleet

const N = 3000;
const STATUSES = ['breaching', 'at-risk', 'no-data', 'healthy', 'no-slo'];
const pad = (i: number) => String(i).padStart(5, '0');
/** A deterministic hash of (i, salt). */
const h = (i: number, salt: number) => {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 15), 2246822507);
  x = Math.imul(x ^ (x >>> 13), 3266489909);
  return (x ^ (x >>> 16)) >>> 0;
};

function generatedRow(i: number): FleetRow {
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

async function insertRows(knex: Knex, rows: FleetRow[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await knex('reliability_fleet').insert(
      rows.slice(i, i + 100).map(r => ({
        entity_ref: r.entityRef,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        owner_ref: r.ownerRef,
        system_ref: r.systemRef,
        tier: r.tier,
        slo_status: r.sloStatus,
        slo_rank: SLO_RANK[r.sloStatus],
        slo_count: r.sloCount,
        worst_budget_remaining: r.worstBudgetRemaining,
        pages_per_week: r.pagesPerWeek,
        pages_per_on_call_week: r.pagesPerOnCallWeek,
        mtta_ms: r.mttaMs,
        mttr_ms: r.mttrMs,
        noise_ratio: r.noiseRatio,
        runbook_coverage: r.runbookCoverage,
        readiness: r.readiness,
        golden_path_level: r.goldenPathLevel,
        updated_at: r.updatedAt,
      })),
    );
  }
}

const sortValue = (r: FleetRow, key: FleetSortKey) =>
  key === 'sloStatus' ? SLO_RANK[r.sloStatus] : r[key];

/** The documented order: value (nulls last either way), then ref, same direction. */
function referenceSort(rows: FleetRow[], key: FleetSortKey, desc: boolean) {
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

async function pageThrough(
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

const refs = (rows: FleetRow[]) => rows.map(r => r.entityRef);

/** Fractions compared to 9 digits (SQL and JS sum in different orders). */
function approx(value: unknown) {
  if (typeof value !== 'number' || Number.isInteger(value)) return value;
  return expect.closeTo(value, 9);
}

describe.each(databases.eachSupportedId())('fleet on %s', databaseId => {
  describe(`${N} generated entities`, () => {
    const rows = Array.from({ length: N }, (_, i) => generatedRow(i));
    let ctx: Awaited<ReturnType<typeof createFleet>>;
    let app: express.Express;

    beforeAll(async () => {
      ctx = await createFleet(databaseId);
      await insertRows(ctx.knex, rows);
      app = appOf(ctx.fleet).app;
    });

    it('lists 50 rows by entity ref by default, with the total count', async () => {
      const res = await request(app).get('/fleet').set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(N);
      expect(res.body.items).toHaveLength(50);
      expect(res.body.items[0]).toEqual(
        Object.fromEntries(
          Object.entries(rows[0]).filter(([, v]) => v !== undefined),
        ),
      );
      expect(refs(res.body.items)).toEqual(refs(rows.slice(0, 50)));
      expect(typeof res.body.nextCursor).toBe('string');
    });

    it.each([
      ['tier=tier-1', (r: FleetRow) => r.tier === 'tier-1'],
      ['tier=none', (r: FleetRow) => r.tier === null],
      [
        'tier=tier-1&tier=tier-2',
        (r: FleetRow) => r.tier === 'tier-1' || r.tier === 'tier-2',
      ],
      ['sloStatus=breaching', (r: FleetRow) => r.sloStatus === 'breaching'],
      [
        'sloStatus=breaching,at-risk',
        (r: FleetRow) => ['breaching', 'at-risk'].includes(r.sloStatus),
      ],
      [
        'owner=group:default/team-3',
        (r: FleetRow) => r.ownerRef === 'group:default/team-3',
      ],
      ['owner=team-3', (r: FleetRow) => r.ownerRef === 'group:default/team-3'],
      ['system=sys-4', (r: FleetRow) => r.systemRef === 'system:default/sys-4'],
      ['readiness=ready', (r: FleetRow) => r.readiness === 'ready'],
      [
        'tier=tier-1&sloStatus=breaching&owner=team-2',
        (r: FleetRow) =>
          r.tier === 'tier-1' &&
          r.sloStatus === 'breaching' &&
          r.ownerRef === 'group:default/team-2',
      ],
      [
        'tier=tier-2&system=system:default/sys-1&readiness=not-ready',
        (r: FleetRow) =>
          r.tier === 'tier-2' &&
          r.systemRef === 'system:default/sys-1' &&
          r.readiness === 'not-ready',
      ],
    ])('filters by %s', async (query, predicate) => {
      const expected = rows.filter(predicate);
      expect(expected.length).toBeGreaterThan(0);
      const { items, pages } = await pageThrough(
        app,
        `${query}&limit=500&sort=-worstBudgetRemaining`,
      );
      expect(refs(items)).toEqual(
        refs(referenceSort(expected, 'worstBudgetRemaining', true)),
      );
      expect(pages.every(p => p.totalCount === expected.length)).toBe(true);
    });

    it.each(
      FLEET_SORT_KEYS.flatMap(k => [
        [k, false],
        [k, true],
      ]) as Array<[FleetSortKey, boolean]>,
    )(
      'sorts by %s (descending: %s), nulls last, ties by ref',
      async (key, desc) => {
        const { items, pages } = await pageThrough(
          app,
          `sort=${desc ? '-' : ''}${key}&limit=500`,
        );
        expect(pages).toHaveLength(N / 500);
        expect(pages[pages.length - 1].nextCursor).toBeUndefined();
        expect(refs(items)).toEqual(refs(referenceSort(rows, key, desc)));
      },
    );

    it('pages in small steps the same as in one go', async () => {
      const small = await pageThrough(app, 'sort=-mttrMs&limit=7&tier=tier-3');
      const expected = referenceSort(
        rows.filter(r => r.tier === 'tier-3'),
        'mttrMs',
        true,
      );
      expect(refs(small.items)).toEqual(refs(expected));
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=10&limit=20', 'limit'],
      ['sort=name', 'sort'],
      ['sort=--tier', 'sort'],
      ['sloStatus=red', 'sloStatus'],
      ['readiness=maybe', 'readiness'],
      ['colour=blue', 'colour'],
      ['cursor=!!!', 'cursor'],
      ['cursor=bm90LWpzb24', 'cursor'],
      [
        `cursor=${encodeCursor('tier', { value: 1, entityRef: 'x' })}`,
        'cursor',
      ],
      [
        `sort=mttaMs&cursor=${encodeCursor('tier', {
          value: 'tier-1',
          entityRef: 'component:default/svc-00001',
        })}`,
        'cursor',
      ],
      [
        `sort=mttaMs&cursor=${encodeCursor('mttaMs', {
          value: 'x',
          entityRef: 'component:default/svc-00001',
        })}`,
        'cursor',
      ],
      ['owner=user:', 'owner'],
    ])('answers 400 to %s', async (query, name) => {
      const res = await request(app)
        .get(`/fleet?${query}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(name);
    });

    it('accepts limits 1 and 500', async () => {
      for (const limit of [1, 500]) {
        const res = await request(app)
          .get(`/fleet?limit=${limit}`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(limit);
      }
    });

    it('requires credentials', async () => {
      const res = await request(app).get('/fleet');
      expect(res.status).toBe(401);
    });

    it('summarises each grouping like the reference definitions', async () => {
      for (const [groupBy, field] of [
        ['tier', 'tier'],
        ['owner', 'ownerRef'],
        ['system', 'systemRef'],
      ] as const) {
        const res = await request(app)
          .get(`/fleet/summary?groupBy=${groupBy}`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
        const keys = [...new Set(rows.map(r => r[field]))].sort(compareKeys);
        const expected = keys.map(k =>
          summarizeRows(
            k,
            rows.filter(r => r[field] === k),
          ),
        );
        expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual(
          keys,
        );
        expect(res.body.groups).toEqual(
          expected.map(g =>
            Object.fromEntries(
              Object.entries(g).map(([name, value]) => [name, approx(value)]),
            ),
          ),
        );
      }
    });

    it('keeps the cursor stable while rows change between pages', async () => {
      const sort = 'worstBudgetRemaining';
      const changed = new Set<string>();
      let step = 0;
      const { items } = await pageThrough(
        app,
        `sort=${sort}&limit=100`,
        async page => {
          step++;
          // Change a row already returned and rows not yet returned, moving
          // them across the cursor in both directions.
          const returned = page.items[step % page.items.length];
          const ahead = rows[(step * 37) % N];
          const ahead2 = rows[(step * 53 + 11) % N];
          for (const [row, value] of [
            [returned, 0.9 - step / 100],
            [ahead, -1.5 + step / 100],
            [ahead2, null],
          ] as const) {
            changed.add(row.entityRef);
            await ctx.fleet.updateSlo(
              row.entityRef,
              {
                sloStatus: 'at-risk',
                sloCount: 1,
                worstBudgetRemaining: value,
              },
              NOW.toISOString(),
            );
          }
        },
      );
      expect(step).toBeGreaterThan(20);
      const unchanged = rows.filter(r => !changed.has(r.entityRef));
      const seen = items.filter(r => !changed.has(r.entityRef));
      // Every unchanged row exactly once, in order.
      expect(refs(seen)).toEqual(
        refs(referenceSort(unchanged, 'worstBudgetRemaining', false)),
      );
    });
  });

  describe('a small hand-made fleet', () => {
    const entity = (
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
    const ref = (name: string) => `component:default/${name}`;
    const LAST_WEEK = '2026-11-17T09:00:00.000Z';
    const THIS_WEEK = NOW.toISOString();

    const slo = (
      sloStatus: FleetRow['sloStatus'],
      worstBudgetRemaining: number | null,
    ) => ({ sloStatus, sloCount: 2, worstBudgetRemaining });
    const aq = (
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

    async function handMade() {
      const ctx = await createFleet(databaseId);
      const { fleet } = ctx;
      await fleet.replaceEntities(
        [
          entity('a'),
          entity('b'),
          entity('c', { ownerRef: 'group:default/team-b' }),
          entity('d', {
            tier: 'tier-2',
            ownerRef: 'group:default/team-b',
            systemRef: undefined,
          }),
          entity('e', { tier: 'x', tierStatus: 'invalid' }),
        ],
        LAST_WEEK,
      );
      // Last week: a healthy, b breaching, c healthy.
      await fleet.updateSlo(ref('a'), slo('healthy', 0.8), LAST_WEEK);
      await fleet.updateSlo(ref('b'), slo('breaching', -0.2), LAST_WEEK);
      await fleet.updateSlo(ref('c'), slo('healthy', 0.5), LAST_WEEK);
      // This week.
      await fleet.replaceEntities(
        [
          entity('a'),
          entity('b'),
          entity('c', { ownerRef: 'group:default/team-b' }),
          entity('d', {
            tier: 'tier-2',
            ownerRef: 'group:default/team-b',
            systemRef: undefined,
          }),
          entity('e', { tier: 'x', tierStatus: 'invalid' }),
        ],
        THIS_WEEK,
      );
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

    it('keeps the rows and the weekly rows up to date', async () => {
      const { fleet, knex } = await handMade();
      const all = await fleet.listAll();
      expect(all.map(r => [r.entityRef, r.tier, r.sloStatus])).toEqual([
        [ref('a'), 'tier-1', 'healthy'],
        [ref('b'), 'tier-1', 'healthy'],
        [ref('c'), 'tier-1', 'at-risk'],
        [ref('d'), 'tier-2', 'breaching'],
        [ref('e'), null, 'no-slo'],
      ]);
      expect(all[0]).toMatchObject({
        readiness: 'unknown',
        goldenPathLevel: null,
        pagesPerWeek: 10,
        mttaMs: 60000,
        mttrMs: 600000,
        runbookCoverage: 1,
      });
      const weekly = await knex('reliability_fleet_weekly')
        .select('week', 'entity_ref', 'slo_status', 'breached')
        .orderBy(['week', 'entity_ref']);
      expect(
        weekly.map(w => [w.week, w.entity_ref, w.slo_status, !!w.breached]),
      ).toEqual([
        ['2026-11-16', ref('a'), 'healthy', false],
        ['2026-11-16', ref('b'), 'breaching', true],
        ['2026-11-16', ref('c'), 'healthy', false],
        ['2026-11-16', ref('d'), 'no-slo', false],
        ['2026-11-16', ref('e'), 'no-slo', false],
        ['2026-11-23', ref('a'), 'healthy', false],
        // Breaching earlier this week: stays marked.
        ['2026-11-23', ref('b'), 'healthy', true],
        ['2026-11-23', ref('c'), 'at-risk', false],
        ['2026-11-23', ref('d'), 'breaching', true],
        ['2026-11-23', ref('e'), 'no-slo', false],
      ]);

      // Entities gone from the index are removed.
      await fleet.replaceEntities([entity('a')], THIS_WEEK);
      expect(refs(await fleet.listAll())).toEqual([ref('a')]);
      expect((await fleet.listAll())[0].sloStatus).toBe('healthy');
    });

    it('answers the summary with exact KPIs per groupBy', async () => {
      const { fleet } = await handMade();
      const { app } = appOf(fleet);
      const tier = await request(app)
        .get('/fleet/summary?groupBy=tier')
        .set('Authorization', user);
      expect(tier.status).toBe(200);
      expect(tier.body).toEqual({
        groupBy: 'tier',
        computedAt: NOW.toISOString(),
        groups: [
          {
            key: 'tier-1',
            entities: 3,
            withSlos: 3,
            sloAttainmentRate: 2 / 3,
            burningAbovePolicy: 1,
            pagesPerWeek: 5,
            pagesPerOnCallWeek: null,
            mttaMs: 90000,
            mttrMs: 900000,
            noiseRatio: expect.closeTo(0.3, 10),
            runbookCoverage: 0.5,
            readinessCoverage: null,
            goldenPathAdoption: null,
          },
          {
            key: 'tier-2',
            entities: 1,
            withSlos: 1,
            sloAttainmentRate: 0,
            burningAbovePolicy: 1,
            pagesPerWeek: null,
            pagesPerOnCallWeek: null,
            mttaMs: null,
            mttrMs: null,
            noiseRatio: null,
            runbookCoverage: null,
            readinessCoverage: null,
            goldenPathAdoption: null,
          },
          {
            key: null,
            entities: 1,
            withSlos: 0,
            sloAttainmentRate: null,
            burningAbovePolicy: 0,
            pagesPerWeek: null,
            pagesPerOnCallWeek: null,
            mttaMs: null,
            mttrMs: null,
            noiseRatio: null,
            runbookCoverage: null,
            readinessCoverage: null,
            goldenPathAdoption: null,
          },
        ],
      });
      const owner = await request(app)
        .get('/fleet/summary?groupBy=owner')
        .set('Authorization', user);
      expect(
        owner.body.groups.map((g: Record<string, unknown>) => [
          g.key,
          g.entities,
          g.withSlos,
          g.sloAttainmentRate,
          g.burningAbovePolicy,
          g.pagesPerWeek,
        ]),
      ).toEqual([
        ['group:default/team-a', 3, 2, 1, 0, 7],
        ['group:default/team-b', 2, 2, 0, 2, 1],
      ]);
      const system = await request(app)
        .get('/fleet/summary?groupBy=system')
        .set('Authorization', user);
      expect(
        system.body.groups.map((g: Record<string, unknown>) => [
          g.key,
          g.entities,
          g.runbookCoverage,
        ]),
      ).toEqual([
        ['system:default/shop', 4, 0.5],
        [null, 1, null],
      ]);
      for (const bad of ['groupBy=team', 'groupBy=tier&x=1']) {
        const res = await request(app)
          .get(`/fleet/summary?${bad}`)
          .set('Authorization', user);
        expect(res.status).toBe(400);
      }
    });

    it('answers the trends per week and tier', async () => {
      const { fleet } = await handMade();
      const { app } = appOf(fleet);
      const res = await request(app)
        .get('/fleet/trends?weeks=2&tier=tier-1')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        {
          week: '2026-11-16',
          tier: 'tier-1',
          entities: 3,
          sloAttainmentRate: 2 / 3,
          breaching: 1,
          pagesPerWeek: null,
        },
        {
          week: '2026-11-23',
          tier: 'tier-1',
          entities: 3,
          sloAttainmentRate: 2 / 3,
          breaching: 1,
          pagesPerWeek: 5,
        },
      ]);
      const one = await request(app)
        .get('/fleet/trends?weeks=1')
        .set('Authorization', user);
      expect(
        one.body.map((p: Record<string, unknown>) => [p.week, p.tier]),
      ).toEqual([
        ['2026-11-23', 'tier-1'],
        ['2026-11-23', 'tier-2'],
        ['2026-11-23', null],
      ]);
      const bad = await request(app)
        .get('/fleet/trends?weeks=0')
        .set('Authorization', user);
      expect(bad.status).toBe(400);
    });

    async function withReviewData() {
      const ctx = await handMade();
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

    it('exports the weekly review as Markdown', async () => {
      const { fleet } = await withReviewData();
      const { app } = appOf(fleet);
      const res = await request(app)
        .get('/reviews/weekly')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="reliability-review-2026-W48.md"',
      );
      expect(res.text).toBe(
        [
          '# Reliability review 2026-W48',
          '',
          'Week of 2026-11-23 to 2026-11-30 (exclusive), UTC.',
          '',
          '## tier-1 SLO status',
          '',
          '| Entity | Owner | SLO status | SLOs | Worst budget remaining |',
          '| --- | --- | --- | --- | --- |',
          '| component:default/a | group:default/team-a | healthy | 2 | 70.0% |',
          '| component:default/b | group:default/team-a | healthy | 2 | 30.0% |',
          '| component:default/c | group:default/team-b | at-risk | 2 | 10.0% |',
          '',
          '## Breaches and budget exhaustion',
          '',
          '| Entity | Tier | Owner | What | SLO | Day | Budget remaining |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          '| component:default/b | tier-1 | group:default/team-a | breaching | – | – | 30.0% |',
          '| component:default/c | tier-1 | group:default/team-b | budget-exhausted | latency | 2026-11-24 | -50.0% |',
          '| component:default/d | tier-2 | group:default/team-b | breaching | – | – | -50.0% |',
          '',
          '## Top noisy alerts',
          '',
          '| Alert | Title | Incidents | Pages | Noise candidates |',
          '| --- | --- | --- | --- | --- |',
          '| disk | Disk "full", again | 3 | 3 | 0 |',
          '| Latency high | Latency high | 1 | 1 | 0 |',
          '',
          '## Readiness items expiring',
          '',
          'None: readiness is not collected yet.',
          '',
          '## Changes since last week',
          '',
          '| Entity | Tier | Last week | This week |',
          '| --- | --- | --- | --- |',
          '| component:default/b | tier-1 | breaching | healthy |',
          '| component:default/c | tier-1 | healthy | at-risk |',
          '| component:default/d | tier-2 | no-slo | breaching |',
          '',
        ].join('\n'),
      );
    });

    it('lists required readiness items expiring soon in the review, for visible entities only', async () => {
      const { fleet, store } = await withReviewData();
      const readiness = (
        itemId: string,
        state: string,
        expiresAt?: string,
      ) => ({
        tier: 'tier-1',
        status: state === 'expiring' ? 'expiring' : 'ready',
        missing: [],
        expiring: state === 'expiring' ? [itemId] : [],
        items: [
          {
            id: itemId,
            title: `Item ${itemId}`,
            group: 'Resilience',
            kind: 'attested',
            required: true,
            state,
            detail: '',
            ...(expiresAt ? { expiresAt } : {}),
          },
        ],
        evaluatedAt: THIS_WEEK,
      });
      const write = (name: string, items: unknown[]) =>
        store.writeSection(ref(name), 'readiness', {
          items,
          problems: [],
          status: 'ok',
          demo: false,
          computedAt: THIS_WEEK,
        });
      await write('a', [
        readiness('backup-restore', 'expiring', '2026-12-05T00:00:00.000Z'),
      ]);
      await write('b', [readiness('load-test', 'attested')]);
      await write('c', [
        readiness('security-review', 'expiring', '2026-12-01T00:00:00.000Z'),
      ]);

      const all = await request(appOf(fleet).app)
        .get('/reviews/weekly?week=2026-W48&format=csv')
        .set('Authorization', user);
      expect(
        all.text.split('\r\n').filter(l => l.startsWith('readiness-expiring')),
      ).toEqual([
        'readiness-expiring,component:default/c,tier-1,group:default/team-b,security-review,,,2026-12-01,,,,,,Item security-review',
        'readiness-expiring,component:default/a,tier-1,group:default/team-a,backup-restore,,,2026-12-05,,,,,,Item backup-restore',
      ]);
      const markdown = await request(appOf(fleet).app)
        .get('/reviews/weekly?week=2026-W48')
        .set('Authorization', user);
      expect(markdown.text).toContain(
        '| component:default/c | tier-1 | group:default/team-b | Item security-review | 2026-12-01 |',
      );

      // c is hidden from this caller: its item is not in the review.
      const { app } = appOf(fleet, {
        read: CONDITIONAL,
        allowed: new Set([ref('a'), ref('b'), ref('d')]),
      });
      const hidden = await request(app)
        .get('/reviews/weekly?week=2026-W48&format=csv')
        .set('Authorization', user);
      expect(
        hidden.text
          .split('\r\n')
          .filter(l => l.startsWith('readiness-expiring')),
      ).toEqual([
        'readiness-expiring,component:default/a,tier-1,group:default/team-a,backup-restore,,,2026-12-05,,,,,,Item backup-restore',
      ]);
    });

    it('exports the weekly review as CSV (RFC 4180)', async () => {
      const { fleet } = await withReviewData();
      const { app } = appOf(fleet);
      const res = await request(app)
        .get('/reviews/weekly?week=2026-W48&format=csv')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="reliability-review-2026-W48.csv"',
      );
      expect(res.text.split('\r\n')).toEqual([
        'section,entity_ref,tier,owner_ref,status,previous_status,slo_id,day,budget_remaining,alert_key,alert_title,incidents,pages,note',
        'critical-tier-slo-status,component:default/a,tier-1,group:default/team-a,healthy,,,,0.7,,,,,',
        'critical-tier-slo-status,component:default/b,tier-1,group:default/team-a,healthy,,,,0.3,,,,,',
        'critical-tier-slo-status,component:default/c,tier-1,group:default/team-b,at-risk,,,,0.1,,,,,',
        'breaches,component:default/b,tier-1,group:default/team-a,breaching,,,,0.3,,,,,',
        'breaches,component:default/c,tier-1,group:default/team-b,budget-exhausted,,latency,2026-11-24,-0.5,,,,,',
        'breaches,component:default/d,tier-2,group:default/team-b,breaching,,,,-0.5,,,,,',
        'noisy-alerts,,,,,,,,,disk,"Disk ""full"", again",3,3,',
        'noisy-alerts,,,,,,,,,Latency high,Latency high,1,1,',
        'readiness-expiring,,,,,,,,,,,,,readiness is not collected yet',
        'changes,component:default/b,tier-1,,healthy,breaching,,,,,,,,',
        'changes,component:default/c,tier-1,,at-risk,healthy,,,,,,,,',
        'changes,component:default/d,tier-2,,breaching,no-slo,,,,,,,,',
        '',
      ]);
      // Last week: a's exhaustion, b's breach; no changes (no week before).
      const last = await request(app)
        .get('/reviews/weekly?week=2026-W47&format=csv')
        .set('Authorization', user);
      expect(
        last.text.split('\r\n').filter(l => /^(breaches|changes)/.test(l)),
      ).toEqual([
        'breaches,component:default/a,tier-1,group:default/team-a,budget-exhausted,,availability,2026-11-20,-1,,,,,',
        'breaches,component:default/b,tier-1,group:default/team-a,breaching,,,,-0.2,,,,,',
      ]);
      for (const bad of [
        'week=2026-48',
        'week=2026-W54',
        'format=pdf',
        'weeks=1',
      ]) {
        const r = await request(app)
          .get(`/reviews/weekly?${bad}`)
          .set('Authorization', user);
        expect(r.status).toBe(400);
      }
    });

    it('is kept up to date through the store the collectors write to', async () => {
      const { fleet, store } = await handMade();
      const wired = withFleetUpdates(store, fleet);
      const snapshot = (status: SloSnapshot['status'], budget: number) =>
        ({
          id: `s-${budget}`,
          name: 'x',
          origin: 'spec',
          instance: 'prom',
          objective: 0.99,
          status,
          budgetRemaining: budget,
        } as unknown as SloSnapshot);
      await wired.writeSection(ref('e'), 'slos', {
        items: [snapshot('healthy', 0.9), snapshot('at-risk', 0.2)],
        problems: [],
        status: 'ok',
        demo: false,
        computedAt: THIS_WEEK,
      });
      const e = (await fleet.listAll()).find(r => r.entityRef === ref('e'));
      expect(e).toMatchObject({
        sloStatus: 'at-risk',
        sloCount: 2,
        worstBudgetRemaining: 0.2,
      });
      expect((await store.readSections(ref('e'))).slos?.items).toHaveLength(2);

      await store.writeDocument(ref('e'), 'alertSources', {
        pagingSource: 'demo',
        dataSince: null,
        shifts: [],
        rules: null,
        firingAlerts: [],
        problems: [],
        computedAt: THIS_WEEK,
        stale: false,
      });
      const recent = new Date(
        Date.parse(THIS_WEEK) - 2 * 86400_000,
      ).toISOString();
      await store.upsertIncidents(
        ref('e'),
        [
          {
            id: 'p1',
            source: 'demo',
            title: 'x',
            urgency: 'high',
            status: 'resolved',
            createdAt: recent,
            firstAcknowledgedAt: new Date(
              Date.parse(recent) + 60_000,
            ).toISOString(),
            resolvedAt: new Date(Date.parse(recent) + 600_000).toISOString(),
          },
        ],
        recent,
      );
      await wired.writeSection(ref('e'), 'alertQuality', {
        items: [],
        problems: [],
        status: 'ok',
        demo: true,
        computedAt: THIS_WEEK,
      });
      const after = (await fleet.listAll()).find(r => r.entityRef === ref('e'));
      expect(after).toMatchObject({
        pagesPerWeek: 0.25,
        mttaMs: 60_000,
        mttrMs: 600_000,
      });
      await wired.replaceEntityIndex([entity('a')], THIS_WEEK);
      expect(refs(await fleet.listAll())).toEqual([ref('a')]);
    });

    describe('permissions', () => {
      it('DENY: empty answers without reading the fleet', async () => {
        const { fleet } = await withReviewData();
        const spies = [
          'listBatch',
          'count',
          'listRefs',
          'listAll',
          'summary',
          'trends',
          'listWeekly',
          'listBudgetExhaustion',
          'listIncidentsBetween',
        ].map(m => jest.spyOn(fleet, m as keyof FleetStore));
        const { app, catalog } = appOf(fleet, { read: DENY });
        const list = await request(app)
          .get('/fleet?sort=-tier')
          .set('Authorization', user);
        expect(list.body).toEqual({ items: [], totalCount: 0 });
        const summary = await request(app)
          .get('/fleet/summary')
          .set('Authorization', user);
        expect(summary.body.groups).toEqual([]);
        const trends = await request(app)
          .get('/fleet/trends')
          .set('Authorization', user);
        expect(trends.body).toEqual([]);
        const review = await request(app)
          .get('/reviews/weekly?format=csv')
          .set('Authorization', user);
        expect(review.text.split('\r\n').slice(1)).toEqual([
          'readiness-expiring,,,,,,,,,,,,,readiness is not collected yet',
          '',
        ]);
        for (const spy of spies) expect(spy).not.toHaveBeenCalled();
        expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
      });

      it('CONDITIONAL: only visible rows, and cursors do not escape the filter', async () => {
        const { fleet } = await withReviewData();
        // The catalog hides b; the conditions allow a, b, d.
        const { app } = appOf(fleet, {
          read: CONDITIONAL,
          catalogVisible: new Set([ref('a'), ref('c'), ref('d'), ref('e')]),
          allowed: new Set([ref('a'), ref('b'), ref('d')]),
        });
        const { items, pages } = await pageThrough(app, 'limit=1');
        expect(refs(items)).toEqual([ref('a'), ref('d')]);
        expect(pages.map(p => p.totalCount)).toEqual([2, 2]);
        expect(pages[1].nextCursor).toBeUndefined();

        // A forged cursor positioned before hidden rows shows only visible ones.
        const forged = encodeCursor('entityRef', {
          value: ref('a'),
          entityRef: ref('a'),
        });
        const after = await request(app)
          .get(`/fleet?limit=10&cursor=${forged}`)
          .set('Authorization', user);
        expect(refs(after.body.items)).toEqual([ref('d')]);

        const summary = await request(app)
          .get('/fleet/summary?groupBy=tier')
          .set('Authorization', user);
        expect(
          summary.body.groups.map((g: Record<string, unknown>) => [
            g.key,
            g.entities,
            g.burningAbovePolicy,
          ]),
        ).toEqual([
          ['tier-1', 1, 0],
          ['tier-2', 1, 1],
        ]);
        const trends = await request(app)
          .get('/fleet/trends?weeks=1')
          .set('Authorization', user);
        expect(
          trends.body.map((p: Record<string, unknown>) => [
            p.tier,
            p.entities,
            p.breaching,
          ]),
        ).toEqual([
          ['tier-1', 1, 0],
          ['tier-2', 1, 1],
        ]);
        const review = await request(app)
          .get('/reviews/weekly')
          .set('Authorization', user);
        expect(review.text).not.toContain('component:default/b');
        expect(review.text).not.toContain('component:default/c');
        expect(review.text).toContain('| disk | Disk "full", again | 3 |');
      });

      it.each<[string, unknown, string[]]>([
        ['owner team-b', ownedBy('group:default/team-b'), [ref('c'), ref('d')]],
        [
          'not owner team-b',
          { not: ownedBy('group:default/team-b') },
          [ref('a'), ref('b'), ref('e')],
        ],
        [
          'owner team-b or not a component',
          {
            anyOf: [
              ownedBy('group:default/team-b'),
              { not: ofKind('Component') },
            ],
          },
          [ref('c'), ref('d')],
        ],
        [
          'a component owned by team-a or team-b',
          {
            allOf: [
              ofKind('COMPONENT'),
              ownedBy('group:default/team-a', 'group:default/team-b'),
            ],
          },
          [ref('a'), ref('b'), ref('c'), ref('d'), ref('e')],
        ],
        ['a kind nobody has', ofKind('API'), []],
      ])(
        'CONDITIONAL on %s: evaluated by the database, not per entity',
        async (_name, conditions, expected) => {
          const { fleet } = await withReviewData();
          const { app, permissions, catalog } = appOf(fleet, {
            read: conditionalOn(conditions as never),
          });
          const { items, pages } = await pageThrough(app, 'limit=2');
          expect(refs(items)).toEqual(expected);
          expect(pages[0].totalCount).toBe(expected.length);
          const summary = await request(app)
            .get('/fleet/summary?groupBy=owner')
            .set('Authorization', user);
          expect(
            summary.body.groups.reduce(
              (n: number, g: { entities: number }) => n + g.entities,
              0,
            ),
          ).toBe(expected.length);
          // No per-entity decisions; the catalog only says what it shows.
          expect(permissions.authorize).not.toHaveBeenCalled();
          for (const [req] of catalog.getEntitiesByRefs.mock.calls) {
            expect(
              req.entityRefs.every((r: string) => expected.includes(r)),
            ).toBe(true);
          }
        },
      );

      it('CONDITIONAL on owner still hides what the catalog does not show', async () => {
        const { fleet } = await withReviewData();
        const { app } = appOf(fleet, {
          read: conditionalOn(ownedBy('group:default/team-b')),
          catalogVisible: new Set([ref('a'), ref('d')]),
        });
        const { items } = await pageThrough(app, 'limit=1');
        expect(refs(items)).toEqual([ref('d')]);
      });

      it('CONDITIONAL with everything visible matches ALLOW', async () => {
        const { fleet } = await handMade();
        const everything = new Set(['a', 'b', 'c', 'd', 'e'].map(n => ref(n)));
        const conditional = appOf(fleet, {
          read: CONDITIONAL,
          allowed: everything,
        }).app;
        const allow = appOf(fleet).app;
        for (const path of [
          '/fleet/summary?groupBy=tier',
          '/fleet/summary?groupBy=owner',
          '/fleet/summary?groupBy=system',
          '/fleet/trends?weeks=3',
          '/fleet?sort=-worstBudgetRemaining&limit=2',
        ]) {
          const a = await request(allow).get(path).set('Authorization', user);
          const c = await request(conditional)
            .get(path)
            .set('Authorization', user);
          expect(c.body).toEqual(a.body);
        }
      });
    });
  });
});

describe('ISO weeks', () => {
  it('reads and writes week labels', () => {
    expect(parseIsoWeek('2026-W48')).toBe('2026-11-23');
    expect(parseIsoWeek('2026-W01')).toBe('2025-12-29');
    expect(parseIsoWeek('2020-W53')).toBe('2020-12-28');
    expect(parseIsoWeek('2026-W53')).toBe('2026-12-28');
    expect(parseIsoWeek('2025-W53')).toBeUndefined();
    expect(parseIsoWeek('2026-W00')).toBeUndefined();
    expect(isoWeekStart('2026-11-29T23:59:59Z')).toBe('2026-11-23');
    expect(isoWeekStart('2026-11-30T00:00:00Z')).toBe('2026-11-30');
    expect(isoWeekLabel('2025-12-29')).toBe('2026-W01');
  });

  it('quotes CSV fields as RFC 4180 says', () => {
    expect(csvField('a')).toBe('a');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });
});
