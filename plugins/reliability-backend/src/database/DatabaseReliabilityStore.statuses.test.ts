import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseReliabilityStore } from './DatabaseReliabilityStore';

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const write = (
  store: DatabaseReliabilityStore,
  ref: string,
  statuses: string[],
) =>
  store.writeSection(ref, 'slos', {
    items: statuses.map((status, i) => ({ id: `slo-${i}`, status })),
    problems: [],
    status: 'ok',
    demo: false,
    computedAt: '2026-11-26T10:00:00.000Z',
  });

describe.each(databases.eachSupportedId())(
  'DatabaseReliabilityStore.listSloStatuses on %s',
  databaseId => {
    it('gives each entity the worst status of its SLOs', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseReliabilityStore.create({
        database: { getClient: async () => knex },
      });
      await write(store, 'component:default/a', [
        'healthy',
        'breaching',
        'at-risk',
      ]);
      await write(store, 'component:default/b', ['healthy', 'no-data']);
      await write(store, 'component:default/c', []);
      await store.writeSection('component:default/d', 'readiness', {
        items: [],
        problems: [],
        status: 'ok',
        demo: false,
        computedAt: '2026-11-26T10:00:00.000Z',
      });
      expect(await store.listSloStatuses()).toEqual({
        'component:default/a': 'breaching',
        'component:default/b': 'no-data',
        'component:default/c': 'no-slo',
      });
    });
  },
);
