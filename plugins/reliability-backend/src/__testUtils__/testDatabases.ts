import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases of a store test: SQLite, and PostgreSQL when the test
 * command provides it (scripts/test.sh starts Debian's postgresql on
 * 127.0.0.1 and sets the connection string). With
 * RELIABILITY_REQUIRE_POSTGRES=1, a missing PostgreSQL fails the suite
 * instead of silently testing SQLite alone.
 *
 * Call it at the top level of a test file: it adds that check as a test
 * there (hence the exception to jest/no-export in this helper).
 */
// eslint-disable-next-line jest/no-export
export function testDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });

  if (process.env.RELIABILITY_REQUIRE_POSTGRES === '1') {
    it('has PostgreSQL to test against', () => {
      expect(databases.supports('POSTGRES_15')).toBe(true);
    });
  }

  return databases;
}
