import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import { BATCH_SIZE, IN_LIST_SIZE } from '../database/batchSizes';
import { CatalogCursorEntry, CatalogCursorStore } from './CatalogCursorStore';

const TABLE = 'reliability_catalog_cursor';

type CursorRow = { entity_ref: string; etag: string; seen_at: string };

/**
 * The knex implementation of {@link CatalogCursorStore} (SQLite and
 * PostgreSQL). The table is created by the package's migrations, which
 * `DatabaseReliabilityStore.create` runs.
 */
export class DatabaseCatalogCursorStore implements CatalogCursorStore {
  constructor(private readonly db: Knex) {}

  async readCursor(): Promise<Map<string, string>> {
    const rows: Pick<CursorRow, 'entity_ref' | 'etag'>[] = await this.db(
      TABLE,
    ).select('entity_ref', 'etag');
    return new Map(rows.map(r => [r.entity_ref, r.etag]));
  }

  async advanceCursor(
    seen: CatalogCursorEntry[],
    removed: string[],
    now: string,
  ): Promise<void> {
    if (seen.length === 0 && removed.length === 0) {
      return;
    }
    await this.db.transaction(async tx => {
      for (const part of chunk(removed, IN_LIST_SIZE)) {
        await tx(TABLE).whereIn('entity_ref', part).delete();
      }
      for (const part of chunk(seen, BATCH_SIZE)) {
        await tx<CursorRow>(TABLE)
          .insert(
            part.map(e => ({
              entity_ref: e.entityRef,
              etag: e.etag,
              seen_at: now,
            })),
          )
          .onConflict('entity_ref')
          .merge(['etag', 'seen_at']);
      }
    });
  }
}
