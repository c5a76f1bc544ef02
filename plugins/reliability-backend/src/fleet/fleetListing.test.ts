import {
  FLEET_SORT_KEYS,
  FleetRow,
  FleetSortKey,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import request from 'supertest';
import { summarizeRows } from './FleetStore';
import { compareKeys } from '../lib/compareKeys';
import { encodeCursor } from './fleetRoutes';
import {
  databases,
  NOW,
  user,
  createFleet,
  appOf,
  N,
  generatedRow,
  insertRows,
  referenceSort,
  pageThrough,
  refs,
  approx,
} from './__testUtils__/fleetFixtures';

// GET /fleet over many generated rows: order, keyset pages, limits, the
// summary against the reference definitions, cursor stability.

jest.setTimeout(120_000);

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
});
