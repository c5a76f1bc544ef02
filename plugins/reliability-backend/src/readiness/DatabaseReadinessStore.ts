import {
  AuditEntry,
  ReadinessRecord,
  ScorecardHistoryPoint,
  ScorecardResult,
  ScorecardTrendPoint,
  StoredPushedResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import { IdempotencyRecord, IdempotencyRequest } from '../database/idempotency';
import { DatabasePushedResultStore } from './DatabasePushedResultStore';
import { DatabaseReadinessAuditLog } from './DatabaseReadinessAuditLog';
import { DatabaseReadinessRecordStore } from './DatabaseReadinessRecordStore';
import { DatabaseScorecardResultStore } from './DatabaseScorecardResultStore';
import {
  AuditInput,
  ReadinessStore,
  ScorecardHistoryWrite,
  RevokeWrite,
  ScorecardGroupSummary,
  ScorecardResultListing,
  ScorecardResultQuery,
  ScorecardResultWrite,
} from './ReadinessStore';

/**
 * The knex implementation of {@link ReadinessStore}, for SQLite and
 * PostgreSQL. Its tables come with the package's migrations. Each method
 * is delegated to the store of its tables: records and attestations
 * ({@link DatabaseReadinessRecordStore}), pushed results
 * ({@link DatabasePushedResultStore}), the audit log
 * ({@link DatabaseReadinessAuditLog}) and scorecard results and history
 * ({@link DatabaseScorecardResultStore}).
 *
 * @public
 */
export class DatabaseReadinessStore implements ReadinessStore {
  /**
   * Connects and runs the package's migrations (like
   * {@link DatabaseReliabilityStore.create}, under the same lock), unless
   * skipped.
   */
  static async create(options: {
    database: {
      getClient(): Promise<Knex>;
      migrations?: { skip?: boolean };
    };
    skipMigrations?: boolean;
  }): Promise<DatabaseReadinessStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await DatabaseReliabilityStore.migrate(client);
    }
    return new DatabaseReadinessStore(client);
  }
  private readonly records: DatabaseReadinessRecordStore;
  private readonly pushed: DatabasePushedResultStore;
  private readonly audit: DatabaseReadinessAuditLog;
  private readonly scorecards: DatabaseScorecardResultStore;

  private constructor(db: Knex) {
    this.records = new DatabaseReadinessRecordStore(db);
    this.pushed = new DatabasePushedResultStore(db);
    this.audit = new DatabaseReadinessAuditLog(db);
    this.scorecards = new DatabaseScorecardResultStore(db);
  }

  createRecord(
    record: ReadinessRecord,
    audit: AuditInput,
    idempotency?: IdempotencyRecord,
    options?: { renewBefore?: string },
  ): Promise<ReadinessRecord> {
    return this.records.createRecord(record, audit, idempotency, options);
  }

  findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined> {
    return this.records.findIdempotentResponse(request);
  }

  revokeRecord(
    id: string,
    revoke: RevokeWrite,
    audit: AuditInput,
  ): Promise<ReadinessRecord | undefined> {
    return this.records.revokeRecord(id, revoke, audit);
  }

  getRecord(id: string): Promise<ReadinessRecord | undefined> {
    return this.records.getRecord(id);
  }

  listRecords(
    entityRef: string,
    options: { includeRevoked?: boolean } = {},
  ): Promise<ReadinessRecord[]> {
    return this.records.listRecords(entityRef, options);
  }

  listActiveRecords(
    entityRefs?: string[],
  ): Promise<Map<string, ReadinessRecord[]>> {
    return this.records.listActiveRecords(entityRefs);
  }

  upsertPushedResults(
    results: StoredPushedResult[],
    audit: AuditInput[],
  ): Promise<void> {
    return this.pushed.upsertPushedResults(results, audit);
  }

  insertPushedResultsIfAbsent(
    results: StoredPushedResult[],
    auditOf: (result: StoredPushedResult) => AuditInput,
  ): Promise<StoredPushedResult[]> {
    return this.pushed.insertPushedResultsIfAbsent(results, auditOf);
  }

  listPushedResults(
    entityRefs?: string[],
  ): Promise<Map<string, StoredPushedResult[]>> {
    return this.pushed.listPushedResults(entityRefs);
  }

  appendAudit(entries: AuditInput[]): Promise<void> {
    return this.audit.appendAudit(entries);
  }

  listAudit(
    entityRef: string,
    options: { limit?: number; before?: number } = {},
  ): Promise<AuditEntry[]> {
    return this.audit.listAudit(entityRef, options);
  }

  writeScorecardResults(
    scorecardId: string,
    rows: ScorecardResultWrite[],
    options: { day: string; removeOthers?: boolean },
  ): Promise<void> {
    return this.scorecards.writeScorecardResults(scorecardId, rows, options);
  }

  deleteScorecardResults(
    scorecardId: string,
    entityRefs: string[],
  ): Promise<number> {
    return this.scorecards.deleteScorecardResults(scorecardId, entityRefs);
  }

  deleteScorecardsExcept(scorecardIds: string[]): Promise<number> {
    return this.scorecards.deleteScorecardsExcept(scorecardIds);
  }

  readScorecardResults(entityRef: string): Promise<ScorecardResult[]> {
    return this.scorecards.readScorecardResults(entityRef);
  }

  listScorecardResults(
    scorecardId: string,
    query: ScorecardResultQuery,
  ): Promise<ScorecardResultListing> {
    return this.scorecards.listScorecardResults(scorecardId, query);
  }

  summarizeScorecard(
    scorecardId: string,
    options: { groupBy?: 'owner' | 'tier'; entityRefs?: string[] },
  ): Promise<ScorecardGroupSummary[]> {
    return this.scorecards.summarizeScorecard(scorecardId, options);
  }

  scorecardTrend(
    scorecardId: string,
    options: { fromDay: string; entityRefs?: string[] },
  ): Promise<ScorecardTrendPoint[]> {
    return this.scorecards.scorecardTrend(scorecardId, options);
  }

  addScorecardHistory(
    scorecardId: string,
    points: ScorecardHistoryWrite[],
  ): Promise<void> {
    return this.scorecards.addScorecardHistory(scorecardId, points);
  }

  readScorecardHistory(
    scorecardId: string,
    entityRef: string,
    fromDay: string,
  ): Promise<ScorecardHistoryPoint[]> {
    return this.scorecards.readScorecardHistory(
      scorecardId,
      entityRef,
      fromDay,
    );
  }

  pruneScorecardHistory(beforeDay: string): Promise<number> {
    return this.scorecards.pruneScorecardHistory(beforeDay);
  }
}
