import { TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { createTestStore } from './createTestStore';
import { testDatabases } from './testDatabases';

/**
 * The databases of a DatabaseReliabilityStore test (see testDatabases: call
 * it at the top level of the test file) and `createStore`, which creates a
 * fresh store with its migrations on one of them.
 */
export function reliabilityStoreDatabases() {
  const databases = testDatabases();
  const createStore = (databaseId: TestDatabaseId) =>
    createTestStore(databases, databaseId, options =>
      DatabaseReliabilityStore.create(options),
    );
  return { databases, createStore };
}
