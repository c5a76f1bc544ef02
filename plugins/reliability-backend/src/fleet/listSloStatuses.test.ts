import { TestDatabases } from '@backstage/backend-test-utils';
import { SloSnapshot } from '@reliability-kit/backstage-plugin-reliability-common';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { FleetStore, fleetSloFiguresOf } from './FleetStore';
import { fixedClock } from '../lib/Clock';

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const snapshots = (statuses: string[]) =>
  statuses.map(
    (status, i) =>
      ({
        id: `slo-${i}`,
        status,
        budgetRemaining: null,
      } as unknown as SloSnapshot),
  );

describe.each(databases.eachSupportedId())(
  'FleetStore.listSloStatuses on %s',
  databaseId => {
    it('gives each entity the worst status of its SLOs', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      const fleet = new FleetStore(knex, {
        store,
        clock: fixedClock('2026-11-26T10:00:00.000Z'),
      });
      const write = (ref: string, statuses: string[]) =>
        fleet.updateSlo(ref, fleetSloFiguresOf(snapshots(statuses)));
      await write('component:default/a', ['healthy', 'breaching', 'at-risk']);
      await write('component:default/b', ['healthy', 'no-data']);
      await write('component:default/c', []);
      // component:default/d has no SLO figures and no fleet row
      expect(await fleet.listSloStatuses()).toEqual({
        'component:default/a': 'breaching',
        'component:default/b': 'no-data',
        'component:default/c': 'no-slo',
      });
    });
  },
);
