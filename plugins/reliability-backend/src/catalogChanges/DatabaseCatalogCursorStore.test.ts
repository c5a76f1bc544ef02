import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestStore } from '../__testUtils__/createTestStore';
import { testDatabases } from '../__testUtils__/testDatabases';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { DatabaseCatalogCursorStore } from './DatabaseCatalogCursorStore';

const databases = testDatabases();

const createCursor = async (databaseId: TestDatabaseId) => {
  // The reliability store runs the migrations, the cursor table included.
  const { knex } = await createTestStore(databases, databaseId, options =>
    DatabaseReliabilityStore.create(options),
  );
  return { knex, cursor: new DatabaseCatalogCursorStore(knex) };
};

const ref = (name: string) => `component:default/${name}`;

describe.each(databases.eachSupportedId())(
  'DatabaseCatalogCursorStore on %s',
  databaseId => {
    it('records etags, replaces changed ones and forgets removed ones', async () => {
      const { cursor } = await createCursor(databaseId);
      expect(await cursor.readCursor()).toEqual(new Map());

      await cursor.advanceCursor(
        [
          { entityRef: ref('a'), etag: 'a1' },
          { entityRef: ref('b'), etag: 'b1' },
          { entityRef: ref('c'), etag: 'c1' },
        ],
        [],
        '2026-12-08T10:00:00.000Z',
      );
      expect(await cursor.readCursor()).toEqual(
        new Map([
          [ref('a'), 'a1'],
          [ref('b'), 'b1'],
          [ref('c'), 'c1'],
        ]),
      );

      await cursor.advanceCursor(
        [
          { entityRef: ref('b'), etag: 'b2' },
          { entityRef: ref('d'), etag: 'd1' },
        ],
        [ref('c')],
        '2026-12-08T10:01:00.000Z',
      );
      expect(await cursor.readCursor()).toEqual(
        new Map([
          [ref('a'), 'a1'],
          [ref('b'), 'b2'],
          [ref('d'), 'd1'],
        ]),
      );
    });

    it('keeps more entities than one insert or IN list holds', async () => {
      const { cursor } = await createCursor(databaseId);
      const many = Array.from({ length: 1234 }, (_, i) => ({
        entityRef: ref(`svc-${i}`),
        etag: `e${i}`,
      }));
      await cursor.advanceCursor(many, [], '2026-12-08T10:00:00.000Z');
      await cursor.advanceCursor(
        [],
        many.slice(0, 700).map(e => e.entityRef),
        '2026-12-08T10:01:00.000Z',
      );
      const read = await cursor.readCursor();
      expect(read.size).toBe(534);
      expect(read.get(ref('svc-700'))).toBe('e700');
      expect(read.has(ref('svc-699'))).toBe(false);
    });

    it('sends no statement when there is nothing to record', async () => {
      const { knex, cursor } = await createCursor(databaseId);
      const statements: string[] = [];
      const onQuery = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', onQuery);
      try {
        await cursor.advanceCursor([], [], '2026-12-08T10:00:00.000Z');
      } finally {
        knex.removeListener('query', onQuery);
      }
      expect(statements).toEqual([]);
    });
  },
);
