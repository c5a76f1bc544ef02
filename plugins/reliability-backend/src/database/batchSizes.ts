import { Knex } from 'knex';
import { chunk } from '../lib/chunk';

/** Rows per insert: well below SQLite's limit of bound variables. */
export const BATCH_SIZE = 50;
/** Entity refs per `IN (...)` list. */
export const IN_LIST_SIZE = 500;

/**
 * Inserts `rows` into `table` in batches of `batchSize`, a row whose
 * `conflict` columns match a stored one replacing its values.
 */
export async function upsertInBatches<Row extends {}>(
  db: Knex | Knex.Transaction,
  table: string,
  rows: Row[],
  conflict: string | string[],
  batchSize: number = BATCH_SIZE,
): Promise<void> {
  for (const part of chunk(rows, batchSize)) {
    await db(table)
      .insert(part)
      .onConflict(conflict as string[])
      .merge();
  }
}
