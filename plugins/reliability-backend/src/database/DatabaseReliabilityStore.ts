import { Entity } from '@backstage/catalog-model';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Incident,
  SloHistoryEntry,
  SloSpec,
  StoredToilItem,
  ReliabilitySection,
  ReliabilitySectionName,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import type { AuditInput } from '../readiness/ReadinessStore';
import { DatabaseEntitySectionStore } from './DatabaseEntitySectionStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseSloStore } from './DatabaseSloStore';
import { DatabaseToilStore } from './DatabaseToilStore';
import {
  EntitySectionWrite,
  IndexedEntity,
  PagingSyncState,
  ReliabilityStore,
  SectionWrite,
} from './ReliabilityStore';
import { IdempotencyRecord, IdempotencyRequest } from './idempotency';

const migrationsDir = resolvePackagePath(
  '@reliability-kit/backstage-plugin-reliability-backend',
  'migrations',
);

/** The PostgreSQL advisory lock key of the reliability migrations. */
const MIGRATION_LOCK_KEY = 7281926354;

/**
 * The knex implementation of {@link ReliabilityStore}, for SQLite and
 * PostgreSQL: runs the migrations and delegates each method to the store of
 * its feature ({@link DatabaseEntitySectionStore},
 * {@link DatabaseSloStore}, {@link DatabaseIncidentStore},
 * {@link DatabaseToilStore}).
 *
 * @public
 */
export class DatabaseReliabilityStore implements ReliabilityStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReliabilityStore> {
    const client = await options.database.getClient();
    if (client.client.config.client === 'better-sqlite3') {
      // Write-ahead logging: a refresh's many small commits no longer each
      // wait for several disk syncs (see docs/performance.md). NORMAL is
      // SQLite's recommended sync level with WAL (durable across process
      // crashes; a power loss may lose the last commits), set here rather
      // than left to the driver's build default.
      await client.raw('PRAGMA journal_mode = WAL');
      await client.raw('PRAGMA synchronous = NORMAL');
    }
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await DatabaseReliabilityStore.migrate(client);
    }
    return new DatabaseReliabilityStore(client);
  }

  /**
   * Runs the migrations shipped in this package. Safe from several replicas
   * at once: on PostgreSQL they take turns under an advisory lock, because
   * knex creates its migration tables without one (two processes on a fresh
   * database would both try to create them). The lock is held by a
   * transaction on one pooled connection while the migrations run on
   * another, and released when that transaction ends.
   */
  static async migrate(client: Knex): Promise<void> {
    const run = () =>
      client.migrate.latest({
        directory: migrationsDir,
        tableName: 'reliability_knex_migrations',
      });
    if (client.client.config.client !== 'pg') {
      await run();
      return;
    }
    await client.transaction(async trx => {
      await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
      await run();
    });
  }

  private readonly sections: DatabaseEntitySectionStore;
  private readonly slos: DatabaseSloStore;
  private readonly incidents: DatabaseIncidentStore;
  private readonly toil: DatabaseToilStore;

  private constructor(db: Knex) {
    this.sections = new DatabaseEntitySectionStore(db);
    this.slos = new DatabaseSloStore(db);
    this.incidents = new DatabaseIncidentStore(db);
    this.toil = new DatabaseToilStore(db);
  }

  // Entity index, sections and documents

  replaceEntityIndex(entities: IndexedEntity[], now: string): Promise<void> {
    return this.sections.replaceEntityIndex(entities, now);
  }

  updateEntityIndex(
    upserted: IndexedEntity[],
    removed: string[],
    now: string,
  ): Promise<void> {
    return this.sections.updateEntityIndex(upserted, removed, now);
  }

  listIndexedEntities(): Promise<IndexedEntity[]> {
    return this.sections.listIndexedEntities();
  }

  getIndexedEntities(entityRefs: string[]): Promise<IndexedEntity[]> {
    return this.sections.getIndexedEntities(entityRefs);
  }

  readIndexedEntity(entityRef: string): Promise<Entity | undefined> {
    return this.sections.readIndexedEntity(entityRef);
  }

  writeSection(
    entityRef: string,
    section: ReliabilitySectionName,
    write: SectionWrite,
  ): Promise<void> {
    return this.sections.writeSection(entityRef, section, write);
  }

  writeSections(writes: EntitySectionWrite[]): Promise<void> {
    return this.sections.writeSections(writes);
  }

  readSectionOf(
    section: ReliabilitySectionName,
    entityRefs?: string[],
  ): Promise<Map<string, ReliabilitySection>> {
    return this.sections.readSectionOf(section, entityRefs);
  }

  readDocumentOf<T>(
    name: string,
    entityRefs?: string[],
  ): Promise<Map<string, T>> {
    return this.sections.readDocumentOf<T>(name, entityRefs);
  }

  markSectionStale(
    entityRef: string,
    section: ReliabilitySectionName,
    reason: string,
  ): Promise<void> {
    return this.sections.markSectionStale(entityRef, section, reason);
  }

  listSectionEntityRefs(section: ReliabilitySectionName): Promise<string[]> {
    return this.sections.listSectionEntityRefs(section);
  }

  readSections(
    entityRef: string,
  ): Promise<Partial<Record<ReliabilitySectionName, ReliabilitySection>>> {
    return this.sections.readSections(entityRef);
  }

  writeDocument(
    entityRef: string,
    name: string,
    document: unknown,
  ): Promise<void> {
    return this.sections.writeDocument(entityRef, name, document);
  }

  readDocument<T>(entityRef: string, name: string): Promise<T | undefined> {
    return this.sections.readDocument<T>(entityRef, name);
  }

  // SLO definitions and history

  replaceSloDefinitions(
    entityRef: string,
    specs: SloSpec[],
    now: string,
  ): Promise<void> {
    return this.slos.replaceSloDefinitions(entityRef, specs, now);
  }

  listSloDefinitions(): Promise<Array<{ entityRef: string; spec: SloSpec }>> {
    return this.slos.listSloDefinitions();
  }

  upsertSloHistory(
    entityRef: string,
    sloId: string,
    points: SloHistoryEntry[],
  ): Promise<void> {
    return this.slos.upsertSloHistory(entityRef, sloId, points);
  }

  upsertSloHistoryPoints(
    entityRef: string,
    entries: Array<{ sloId: string; point: SloHistoryEntry }>,
  ): Promise<void> {
    return this.slos.upsertSloHistoryPoints(entityRef, entries);
  }

  readSloHistory(
    entityRef: string,
    sloId: string,
    from: string,
    to: string,
  ): Promise<SloHistoryEntry[]> {
    return this.slos.readSloHistory(entityRef, sloId, from, to);
  }

  listBudgetExhaustion(fromDay: string, toDay: string) {
    return this.slos.listBudgetExhaustion(fromDay, toDay);
  }

  listSloHistoryBetween(fromDay: string, toDay: string) {
    return this.slos.listSloHistoryBetween(fromDay, toDay);
  }

  countSloHistory(entityRef: string, sloId: string): Promise<number> {
    return this.slos.countSloHistory(entityRef, sloId);
  }

  pruneSloHistory(beforeDay: string): Promise<number> {
    return this.slos.pruneSloHistory(beforeDay);
  }

  // Incidents and paging sync state

  upsertIncidents(
    entityRef: string,
    incidents: Incident[],
    syncedAt: string,
  ): Promise<void> {
    return this.incidents.upsertIncidents(entityRef, incidents, syncedAt);
  }

  listIncidents(
    entityRef: string,
    from: string,
    to: string,
  ): Promise<Incident[]> {
    return this.incidents.listIncidents(entityRef, from, to);
  }

  listIncidentsBetween(
    from: string,
    to: string,
  ): Promise<Array<Incident & { entityRef: string }>> {
    return this.incidents.listIncidentsBetween(from, to);
  }

  earliestIncident(entityRef: string): Promise<string | undefined> {
    return this.incidents.earliestIncident(entityRef);
  }

  pruneIncidents(before: string): Promise<number> {
    return this.incidents.pruneIncidents(before);
  }

  getPagingSync(
    entityRef: string,
    source: string,
  ): Promise<PagingSyncState | undefined> {
    return this.incidents.getPagingSync(entityRef, source);
  }

  recordPagingSync(
    entityRef: string,
    source: string,
    state: { cursor: string; syncedAt: string },
  ): Promise<void> {
    return this.incidents.recordPagingSync(entityRef, source, state);
  }

  recordPagingSyncError(
    entityRef: string,
    source: string,
    error: string,
    at: string,
  ): Promise<void> {
    return this.incidents.recordPagingSyncError(entityRef, source, error, at);
  }

  // Toil items

  listToilItems(entityRef: string): Promise<StoredToilItem[]> {
    return this.toil.listToilItems(entityRef);
  }

  sumToilMinutesPerWeek(entityRefs?: string[]): Promise<Map<string, number>> {
    return this.toil.sumToilMinutesPerWeek(entityRefs);
  }

  getToilItem(id: string): Promise<StoredToilItem | undefined> {
    return this.toil.getToilItem(id);
  }

  createToilItem(
    item: StoredToilItem,
    audit?: AuditInput,
    idempotency?: IdempotencyRecord,
  ): Promise<void> {
    return this.toil.createToilItem(item, audit, idempotency);
  }

  updateToilItem(item: StoredToilItem, audit?: AuditInput): Promise<boolean> {
    return this.toil.updateToilItem(item, audit);
  }

  updateToilItemVersion(
    item: StoredToilItem,
    audit?: AuditInput,
    ifVersion?: number,
  ): Promise<StoredToilItem | undefined> {
    return this.toil.updateToilItemVersion(item, audit, ifVersion);
  }

  getToilItemVersion(id: string): Promise<number | undefined> {
    return this.toil.getToilItemVersion(id);
  }

  findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined> {
    return this.toil.findIdempotentResponse(request);
  }

  deleteToilItem(id: string, audit?: AuditInput): Promise<boolean> {
    return this.toil.deleteToilItem(id, audit);
  }
}
