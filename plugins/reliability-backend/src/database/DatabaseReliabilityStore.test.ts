import { reliabilityStoreDatabases } from '../__testUtils__/reliabilityStoreDatabases';
import { DatabaseReliabilityStore } from './DatabaseReliabilityStore';
import { entity } from '../fleet/__testUtils__/fleetFixtures';

const { databases, createStore } = reliabilityStoreDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseReliabilityStore on %s',
  databaseId => {
    it('runs its migrations twice without harm', async () => {
      const { knex } = await createStore(databaseId);
      await DatabaseReliabilityStore.migrate(knex);
      expect(await knex.schema.hasTable('reliability_entities')).toBe(true);
      expect(await knex.schema.hasTable('reliability_sections')).toBe(true);
    });

    it('replaces the entity index, removing entities that are gone', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceEntityIndex(
        [entity('b'), entity('a'), entity('c')],
        '2026-11-26T10:00:00.000Z',
      );
      expect((await store.listIndexedEntities()).map(e => e.name)).toEqual([
        'a',
        'b',
        'c',
      ]);

      await store.replaceEntityIndex(
        [
          entity('a', {
            tier: undefined,
            tierStatus: 'invalid',
            tierMessage: 'Unknown tier "x"',
          }),
          entity('d', { ownerRef: undefined, systemRef: undefined }),
        ],
        '2026-11-26T10:05:00.000Z',
      );
      expect(await store.listIndexedEntities()).toEqual([
        entity('a', {
          tier: undefined,
          tierStatus: 'invalid',
          tierMessage: 'Unknown tier "x"',
        }),
        entity('d', { ownerRef: undefined, systemRef: undefined }),
      ]);
    });

    it('stores the indexed entity for the entity endpoints, not in the listings', async () => {
      const { store } = await createStore(databaseId);
      const catalogEntity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'a', namespace: 'default', title: 'A' },
        spec: { owner: 'team-a' },
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
      };
      await store.replaceEntityIndex(
        [entity('a', { entity: catalogEntity }), entity('b')],
        '2026-11-26T10:00:00.000Z',
      );
      expect(await store.readIndexedEntity('component:default/a')).toEqual(
        catalogEntity,
      );
      // Names are case-insensitive (the frontend asks in lower case).
      expect(await store.readIndexedEntity('component:default/A')).toEqual(
        catalogEntity,
      );
      // Indexed without it, or not indexed: the caller asks the catalog.
      expect(await store.readIndexedEntity('component:default/b')).toBe(
        undefined,
      );
      expect(await store.readIndexedEntity('component:default/z')).toBe(
        undefined,
      );
      expect(await store.listIndexedEntities()).toEqual([
        entity('a'),
        entity('b'),
      ]);
      expect(await store.getIndexedEntities(['component:default/a'])).toEqual([
        entity('a'),
      ]);

      await store.updateEntityIndex(
        [],
        ['component:default/a'],
        '2026-11-26T10:01:00.000Z',
      );
      expect(await store.readIndexedEntity('component:default/a')).toBe(
        undefined,
      );
    });

    it('indexes more entities than fit in one statement', async () => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 1234 }, (_, i) =>
        entity(`svc-${String(i).padStart(4, '0')}`),
      );
      await store.replaceEntityIndex(many, '2026-11-26T10:00:00.000Z');
      const listed = await store.listIndexedEntities();
      expect(listed).toHaveLength(1234);
      expect(listed[1233].name).toBe('svc-1233');
    });

    it('keeps a section when a refresh fails, marking it stale', async () => {
      const { store } = await createStore(databaseId);
      const ref = 'component:default/checkout';
      expect(await store.readSections(ref)).toEqual({});

      // Nothing stored yet: marking stale stores nothing.
      await store.markSectionStale(ref, 'slos', 'Prometheus unreachable');
      expect(await store.readSections(ref)).toEqual({});

      await store.writeSection(ref, 'slos', {
        items: [{ id: 'availability', sli: 0.9995 }],
        problems: [],
        status: 'ok',
        demo: false,
        computedAt: '2026-11-26T10:00:00.000Z',
      });
      await store.markSectionStale(
        ref,
        'slos',
        'Prometheus unreachable: connect ECONNREFUSED',
      );
      expect(await store.readSections(ref)).toEqual({
        slos: {
          status: 'ok',
          items: [{ id: 'availability', sli: 0.9995 }],
          problems: [],
          demo: false,
          computedAt: '2026-11-26T10:00:00.000Z',
          stale: true,
          staleReason: 'Prometheus unreachable: connect ECONNREFUSED',
        },
      });

      // The next successful refresh replaces the data and clears the flag.
      await store.writeSection(ref, 'slos', {
        items: [{ id: 'availability', sli: 0.999 }],
        problems: [
          { source: 'slo', message: 'bad', file: 'slos.yaml', line: 3 },
        ],
        status: 'ok',
        demo: true,
        computedAt: '2026-11-26T10:05:00.000Z',
      });
      expect(await store.readSections(ref)).toEqual({
        slos: {
          status: 'ok',
          items: [{ id: 'availability', sli: 0.999 }],
          problems: [
            { source: 'slo', message: 'bad', file: 'slos.yaml', line: 3 },
          ],
          demo: true,
          computedAt: '2026-11-26T10:05:00.000Z',
          stale: false,
        },
      });
    });

    it('keeps sections of different entities apart', async () => {
      const { store } = await createStore(databaseId);
      const write = {
        items: [],
        problems: [],
        status: 'ok' as const,
        demo: false,
        computedAt: '2026-11-26T10:00:00.000Z',
      };
      await store.writeSection('component:default/a', 'slos', write);
      await store.writeSection('component:default/b', 'readiness', write);
      expect(
        Object.keys(await store.readSections('component:default/a')),
      ).toEqual(['slos']);
      expect(
        Object.keys(await store.readSections('component:default/b')),
      ).toEqual(['readiness']);
    });
  },
);
