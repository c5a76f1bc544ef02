import {
  AuditEntry,
  EntityProblem,
  Incident,
  SloHistoryEntry,
  SloSpec,
  StoredToilItem,
  ReliabilitySection,
  ReliabilitySectionName,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IdempotencyRecord, IdempotencyRequest } from './idempotency';

/**
 * One row of the entity index.
 *
 * @public
 */
export interface IndexedEntity {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  ownerRef?: string;
  systemRef?: string;
  tier?: string;
  tierStatus: 'ok' | 'missing' | 'invalid';
  tierMessage?: string;
}

/**
 * What a collector stores for one section of one entity.
 *
 * @public
 */
export interface SectionWrite {
  items: unknown[];
  problems: EntityProblem[];
  status: 'ok' | 'error';
  demo: boolean;
  computedAt: string;
}

/**
 * Persistence of the reliability backend.
 *
 * @public
 */
export interface ReliabilityStore {
  /**
   * Replaces the entity index with the given entities, in one transaction:
   * rows of entities that are gone are removed, the others upserted.
   */
  replaceEntityIndex(entities: IndexedEntity[], now: string): Promise<void>;
  /** Lists the entity index, ordered by entity ref. */
  listIndexedEntities(): Promise<IndexedEntity[]>;
  /** The index rows of the given entities (those indexed), ordered by ref. */
  getIndexedEntities(entityRefs: string[]): Promise<IndexedEntity[]>;
  /** Stores a successful refresh of a section: the new data, not stale. */
  writeSection(
    entityRef: string,
    section: ReliabilitySectionName,
    write: SectionWrite,
  ): Promise<void>;
  /**
   * Marks the stored data of a section stale after a failed refresh. The
   * data itself is kept. Does nothing when nothing is stored yet.
   */
  markSectionStale(
    entityRef: string,
    section: ReliabilitySectionName,
    reason: string,
  ): Promise<void>;
  /**
   * Stores several sections (of several entities) in one transaction, like
   * {@link ReliabilityStore.writeSection} each.
   */
  writeSections(
    writes: Array<{
      entityRef: string;
      section: ReliabilitySectionName;
      write: SectionWrite;
    }>,
  ): Promise<void>;
  /** The stored section of every entity that has it (or of the given ones). */
  readSectionOf(
    section: ReliabilitySectionName,
    entityRefs?: string[],
  ): Promise<Map<string, ReliabilitySection>>;
  /** The entities that have stored data of a section. */
  listSectionEntityRefs(section: ReliabilitySectionName): Promise<string[]>;
  /** Reads the stored sections of an entity; missing ones are absent. */
  readSections(
    entityRef: string,
  ): Promise<Partial<Record<ReliabilitySectionName, ReliabilitySection>>>;
  /** Replaces the stored file-defined SLO specs of an entity. */
  replaceSloDefinitions(
    entityRef: string,
    specs: SloSpec[],
    now: string,
  ): Promise<void>;
  /** Lists every stored file-defined SLO spec, ordered by entity and id. */
  listSloDefinitions(): Promise<Array<{ entityRef: string; spec: SloSpec }>>;
  /** Stores daily history points; a point replaces the one of its UTC day. */
  upsertSloHistory(
    entityRef: string,
    sloId: string,
    points: SloHistoryEntry[],
  ): Promise<void>;
  /** Stores one or more SLOs' history points in one transaction. */
  upsertSloHistoryPoints(
    entityRef: string,
    entries: Array<{ sloId: string; point: SloHistoryEntry }>,
  ): Promise<void>;
  /** Reads history points with `from <= at < to`, oldest first. */
  readSloHistory(
    entityRef: string,
    sloId: string,
    from: string,
    to: string,
  ): Promise<SloHistoryEntry[]>;
  /** How many history points an SLO has. */
  countSloHistory(entityRef: string, sloId: string): Promise<number>;
  /** Deletes history points of days before `day` (YYYY-MM-DD). */
  pruneSloHistory(beforeDay: string): Promise<number>;
  /**
   * History points of every entity with a budget remaining <= 0 on days
   * `fromDay <= day < toDay` (YYYY-MM-DD), ordered by entity, SLO and day.
   */
  listBudgetExhaustion(
    fromDay: string,
    toDay: string,
  ): Promise<
    Array<{
      entityRef: string;
      sloId: string;
      day: string;
      budgetRemaining: number;
    }>
  >;

  /** Writes a JSON document private to the backend (not served as a section). */
  writeDocument(
    entityRef: string,
    name: string,
    document: unknown,
  ): Promise<void>;
  /** Reads a document written by {@link ReliabilityStore.writeDocument}. */
  readDocument<T>(entityRef: string, name: string): Promise<T | undefined>;
  /** The document of every entity that has it (or of the given ones). */
  readDocumentOf<T>(
    name: string,
    entityRefs?: string[],
  ): Promise<Map<string, T>>;

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

  listToilItems(entityRef: string): Promise<StoredToilItem[]>;
  /** Self-reported toil in minutes per week, by entity (entities with items). */
  sumToilMinutesPerWeek(entityRefs?: string[]): Promise<Map<string, number>>;
  getToilItem(id: string): Promise<StoredToilItem | undefined>;
  /**
   * Stores a new item. With `audit`, the entry is appended to the audit log
   * in the same transaction: if either fails, neither is stored. (The
   * routes always pass one.)
   */
  createToilItem(
    item: StoredToilItem,
    audit?: Omit<AuditEntry, 'id'>,
    /**
     * The response to store under the request's `Idempotency-Key`, in the
     * same transaction. When a concurrent request stored the key first, an
     * `IdempotentReplay` with that response is thrown.
     */
    idempotency?: IdempotencyRecord,
  ): Promise<void>;
  /**
   * Updates an item; returns false when it does not exist. With `audit`,
   * like {@link ReliabilityStore.createToilItem}; nothing is audited when
   * there is no such item.
   */
  updateToilItem(
    item: StoredToilItem,
    audit?: Omit<AuditEntry, 'id'>,
  ): Promise<boolean>;
  /**
   * Deletes an item; returns false when it did not exist. With `audit`,
   * like {@link ReliabilityStore.updateToilItem}.
   */
  deleteToilItem(id: string, audit?: Omit<AuditEntry, 'id'>): Promise<boolean>;
  /**
   * Updates an item and increments its version: only when its version is
   * `ifVersion`, if given (else a ConflictError naming the current version).
   * The updated item with its new `version`, or undefined when there is no
   * such item. (The other getters leave `version` out.)
   */
  updateToilItemVersion(
    item: StoredToilItem,
    audit?: Omit<AuditEntry, 'id'>,
    ifVersion?: number,
  ): Promise<StoredToilItem | undefined>;
  /** The version of an item (1 when created), or undefined. */
  getToilItemVersion(id: string): Promise<number | undefined>;
  /** The stored response of an `Idempotency-Key`, if any. */
  findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined>;
}

/**
 * The incremental sync state of one entity and paging source.
 *
 * @public
 */
export interface PagingSyncState {
  cursor?: string;
  syncedAt?: string;
  lastError?: string;
  lastErrorAt?: string;
}
