import request from 'supertest';
import {
  appOf,
  databases,
  handMade,
  ref,
  user,
} from './__testUtils__/fleetFixtures';

// The incident columns of the fleet table: written by the incidents
// collector through the projection, listed and sorted by GET /fleet.

jest.setTimeout(120_000);

const AT = '2026-11-26T13:00:00.000Z';
const LATER = '2026-11-26T13:30:00.000Z';

describe.each(databases.eachSupportedId())(
  'fleet incident columns on %s',
  id => {
    it('stores changed figures only, and lists and sorts by them', async () => {
      const { fleet, knex } = await handMade(id);
      const { app } = appOf(fleet);
      const list = async (sort?: string) =>
        (
          await request(app)
            .get(`/fleet${sort ? `?sort=${sort}` : ''}`)
            .set('Authorization', user)
        ).body.items as Array<Record<string, unknown>>;

      // before the collector ran: the fields are absent
      expect((await list())[0]).not.toHaveProperty('majorIncidents');

      await fleet.projection.incidentsAssessed!(
        [
          {
            entityRef: ref('a'),
            majorIncidents: 2,
            majorMttrMs: 5400000,
            overdueActions: 1,
          },
          {
            entityRef: ref('b'),
            majorIncidents: 0,
            majorMttrMs: null,
            overdueActions: 3,
          },
          // not in the fleet: ignored, never inserted
          {
            entityRef: ref('zz'),
            majorIncidents: 9,
            majorMttrMs: null,
            overdueActions: 0,
          },
        ],
        AT,
      );
      const rows = await list('-majorIncidents');
      expect(
        rows.map(r => [
          r.entityRef,
          r.majorIncidents,
          r.majorMttrMs,
          r.overdueActions,
        ]),
      ).toEqual([
        [ref('a'), 2, 5400000, 1],
        [ref('b'), 0, undefined, 3],
        // never assessed: last, ties by ref (descending too), fields absent
        [ref('e'), undefined, undefined, undefined],
        [ref('d'), undefined, undefined, undefined],
        [ref('c'), undefined, undefined, undefined],
      ]);
      expect(
        (await list('-overdueActions')).map(r => r.entityRef).slice(0, 2),
      ).toEqual([ref('b'), ref('a')]);
      expect(
        await knex('reliability_fleet').where('entity_ref', ref('zz')),
      ).toEqual([]);

      // the same figures again: nothing written (updated_at stays)
      await fleet.projection.incidentsAssessed!(
        [
          {
            entityRef: ref('a'),
            majorIncidents: 2,
            majorMttrMs: 5400000,
            overdueActions: 1,
          },
        ],
        LATER,
      );
      const [a] = await knex('reliability_fleet').where('entity_ref', ref('a'));
      expect(a.updated_at).toBe(AT);
      await fleet.projection.incidentsAssessed!(
        [
          {
            entityRef: ref('a'),
            majorIncidents: 1,
            majorMttrMs: null,
            overdueActions: 0,
          },
        ],
        LATER,
      );
      const [a2] = await knex('reliability_fleet').where(
        'entity_ref',
        ref('a'),
      );
      expect([
        a2.major_incidents,
        a2.major_mttr_ms,
        a2.overdue_actions,
        a2.updated_at,
      ]).toEqual([1, null, 0, LATER]);
    });
  },
);
