import request from 'supertest';
import { FleetStore } from './FleetStore';
import { encodeCursor } from './fleetRoutes';
import {
  databases,
  user,
  DENY,
  CONDITIONAL,
  conditionalOn,
  ownedBy,
  ofKind,
  appOf,
  pageThrough,
  refs,
  ref,
  handMade as handMadeOf,
  withReviewData as withReviewDataOf,
} from './__testUtils__/fleetFixtures';

// Permissions of the fleet routes: DENY, ALLOW and CONDITIONAL decisions.

jest.setTimeout(120_000);

describe.each(databases.eachSupportedId())('fleet on %s', databaseId => {
  describe('a small hand-made fleet', () => {
    const handMade = () => handMadeOf(databaseId);
    const withReviewData = () => withReviewDataOf(databaseId);

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
        ].map(m =>
          jest.spyOn(fleet, m as Exclude<keyof FleetStore, 'projection'>),
        );
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
          'readiness-expiring,,,,,,,,,,,,,readiness is not collected yet,,,,,,',
          'incidents,,,,,,,,,,,,,the incidents feature is not running,,,,,,',
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
