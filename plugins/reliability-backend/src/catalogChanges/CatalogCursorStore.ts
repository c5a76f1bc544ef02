/** The catalog etag of one entity, as recorded by a change pass. */
export interface CatalogCursorEntry {
  entityRef: string;
  etag: string;
}

/**
 * Persistence of the catalog cursor (table `reliability_catalog_cursor`):
 * the etag of every component as of the last pass that indexed it and
 * evaluated its readiness.
 */
export interface CatalogCursorStore {
  /** Entity ref to etag, for every entity recorded. */
  readCursor(): Promise<Map<string, string>>;
  /**
   * Records the etags of changed and new entities and forgets removed ones,
   * in one transaction. Does nothing when both are empty.
   */
  advanceCursor(
    seen: CatalogCursorEntry[],
    removed: string[],
    now: string,
  ): Promise<void>;
}
