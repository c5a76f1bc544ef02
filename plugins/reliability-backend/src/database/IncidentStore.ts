import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * Persistence of synced incidents and of the paging sync state (tables
 * `reliability_incidents` and `reliability_paging_sync`).
 *
 * @public
 */
export interface IncidentStore {
  /** Inserts or updates incidents of an entity (keyed by source and id). */
  upsertIncidents(
    entityRef: string,
    incidents: Incident[],
    syncedAt: string,
  ): Promise<void>;
  /** Incidents of an entity created in `[from, to)`, oldest first. */
  listIncidents(
    entityRef: string,
    from: string,
    to: string,
  ): Promise<Incident[]>;
  /**
   * Incidents of every entity created in `[from, to)`, ordered by creation,
   * entity and id.
   */
  listIncidentsBetween(
    from: string,
    to: string,
  ): Promise<Array<Incident & { entityRef: string }>>;
  /** The earliest `created_at` stored for an entity. */
  earliestIncident(entityRef: string): Promise<string | undefined>;
  /** Deletes incidents created before `before`; returns how many. */
  pruneIncidents(before: string): Promise<number>;

  /** The incremental sync state of an entity and paging source. */
  getPagingSync(
    entityRef: string,
    source: string,
  ): Promise<PagingSyncState | undefined>;
  /** Records a successful sync (clears the last error). */
  recordPagingSync(
    entityRef: string,
    source: string,
    state: { cursor: string; syncedAt: string },
  ): Promise<void>;
  /** Records a failed sync; the cursor and the incidents are kept. */
  recordPagingSyncError(
    entityRef: string,
    source: string,
    error: string,
    at: string,
  ): Promise<void>;
}

/**
 * The incremental sync state of one entity and paging source.
 *
 * @public
 */
export interface PagingSyncState {
  /** The cursor of the last successful sync. */
  cursor?: string;
  /** When the last successful sync ended (ISO 8601). */
  syncedAt?: string;
  /** The message of the last failed sync. */
  lastError?: string;
  /** When the last sync failed (ISO 8601). */
  lastErrorAt?: string;
}
