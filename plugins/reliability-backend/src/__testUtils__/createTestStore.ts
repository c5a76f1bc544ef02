import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/**
 * A fresh database of `databaseId` and a store created on it (with the
 * package's migrations, as the store's `create` runs them).
 */
export async function createTestStore<TStore>(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  create: (options: {
    database: { getClient(): Promise<Knex> };
  }) => Promise<TStore>,
): Promise<{ knex: Knex; store: TStore }> {
  const knex = await databases.init(databaseId);
  const store = await create({ database: { getClient: async () => knex } });
  return { knex, store };
}
