import {
  AuditEntry,
  ReadinessRecord,
  ScorecardHistoryPoint,
  ScorecardResult,
  ScorecardResultRow,
  ScorecardTrendPoint,
  StoredPushedResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { IdempotencyRecord, IdempotencyRequest } from '../database/idempotency';

/**
 * An audit entry to append: the log assigns the id.
 *
 * @public
 */
export type AuditInput = Omit<AuditEntry, 'id'>;

/**
 * How a record is revoked.
 *
 * @public
 */
export interface RevokeWrite {
  revokedBy: string;
  revokedAt: string;
  reason?: string;
}

/**
 * The result of one scorecard for one entity, to store. The stored level,
 * score, failing checks (state `failed`) and evaluation time are taken from
 * `result`.
 *
 * @public
 */
export interface ScorecardResultWrite {
  entityRef: string;
  ownerRef: string | null;
  tier: string | null;
  result: ScorecardResult;
  /**
   * A hash of `result` without `evaluatedAt`, when the caller has one;
   * otherwise the store computes it.
   */
  resultHash?: string;
}

/**
 * Filters and paging of {@link ReadinessStore.listScorecardResults}.
 * Filters of one field are ORed, different fields ANDed.
 *
 * @public
 */
export interface ScorecardResultQuery {
  /** Owner entity refs. */
  owner?: string[];
  /** Tier ids; `none` matches entities without a tier. */
  tier?: string[];
  /** Level ids; `none` matches entities below the first level. */
  level?: string[];
  /** A check id that must be among the failing checks. */
  failing?: string;
  /**
   * An allow-list of entity refs (e.g. the entities the user may see): only
   * these are listed and counted. Any size: up to 500 refs go into the SQL
   * query; longer lists are applied in memory to keyset batches of the
   * other filters' matches, so no statement binds more than 500 of them.
   */
  entityRefs?: string[];
  /** Keyset cursor: list entity refs after this one (exclusive). */
  after?: string;
  /** At most this many items. */
  limit: number;
}

/**
 * One day of an entity on a scorecard, for
 * {@link ReadinessStore.addScorecardHistory}.
 *
 * @public
 */
export interface ScorecardHistoryWrite {
  entityRef: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  level: string | null;
  score: number;
  ownerRef: string | null;
  tier: string | null;
}

/**
 * One page of {@link ReadinessStore.listScorecardResults}.
 *
 * @public
 */
export interface ScorecardResultListing {
  /** Ordered by entity ref. */
  items: ScorecardResultRow[];
  /** All rows matching the filters and allow-list, ignoring after and limit. */
  totalCount: number;
}

/**
 * One group of {@link ReadinessStore.summarizeScorecard}.
 *
 * @public
 */
export interface ScorecardGroupSummary {
  /** The owner ref or tier; null for entities without one, or when not grouped. */
  key: string | null;
  entities: number;
  /** Entities per level id (highest reached); `none` below the first level. */
  byLevel: Record<string, number>;
  /** Mean score, 0 without entities. */
  meanScore: number;
  /** The latest evaluation time of the group's results; null without entities. */
  evaluatedAt: string | null;
}

/**
 * Persistence of readiness records, the audit log, pushed check results and
 * scorecard results (current and daily history).
 *
 * Every write that carries audit entries stores them in the same
 * transaction: either both the change and its audit entries are stored, or
 * neither.
 *
 * @public
 */
export interface ReadinessStore {
  /**
   * Stores a new attestation or exemption and its audit entry, in one
   * transaction. Returns the record as stored.
   *
   * There is at most one active (not revoked, not expired) record per
   * entity, type and target: when there is one, a ConflictError naming it
   * (enforced by a unique index, so also between replicas). An expired one
   * is superseded, and so is one that expires at or before
   * `renewBefore` (an attestation about to expire can be renewed). With
   * `idempotency`, the response is stored under the request's key in the
   * same transaction; when a concurrent request stored the key first, an
   * `IdempotentReplay` with that response is thrown.
   */
  createRecord(
    record: ReadinessRecord,
    audit: AuditInput,
    idempotency?: IdempotencyRecord,
    options?: { renewBefore?: string },
  ): Promise<ReadinessRecord>;

  /** The stored response of an `Idempotency-Key`, if any. */
  findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined>;

  /**
   * Revokes a record and appends the audit entry, in one transaction.
   * Returns the revoked record, or undefined when there is no such record.
   * Throws a `ConflictError` when it is already revoked (of two concurrent
   * revocations, exactly one succeeds).
   */
  revokeRecord(
    id: string,
    revoke: RevokeWrite,
    audit: AuditInput,
  ): Promise<ReadinessRecord | undefined>;

  /** One record, revoked or not. */
  getRecord(id: string): Promise<ReadinessRecord | undefined>;

  /** The records of an entity, newest first; revoked ones only on request. */
  listRecords(
    entityRef: string,
    options?: { includeRevoked?: boolean },
  ): Promise<ReadinessRecord[]>;

  /**
   * The records that are not revoked (expired ones included: the evaluator
   * decides expiry), newest first, by entity ref. Of all entities when
   * `entityRefs` is undefined. Entities without records have no key.
   */
  listActiveRecords(
    entityRefs?: string[],
  ): Promise<Map<string, ReadinessRecord[]>>;

  /**
   * Stores the pushed results whose entity and check have none yet, each
   * with its audit entry (`auditOf`), in one transaction; existing results
   * are left as they are and get no audit entry. The results stored.
   * For seeds (demo mode), which must never replace what CI pushed.
   */
  insertPushedResultsIfAbsent(
    results: StoredPushedResult[],
    auditOf: (result: StoredPushedResult) => AuditInput,
  ): Promise<StoredPushedResult[]>;

  /**
   * Stores pushed results, each replacing the entity's earlier result of
   * the same check, and their audit entries, all in one transaction. Of
   * several results of one entity and check, the last counts.
   */
  upsertPushedResults(
    results: StoredPushedResult[],
    audit: AuditInput[],
  ): Promise<void>;

  /**
   * The stored pushed results by entity ref (ordered by check id), of all
   * entities when `entityRefs` is undefined.
   */
  listPushedResults(
    entityRefs?: string[],
  ): Promise<Map<string, StoredPushedResult[]>>;

  /** Appends entries to the audit log, in one transaction. */
  appendAudit(entries: AuditInput[]): Promise<void>;

  /**
   * Audit entries of an entity, newest first: at most `limit` (default 100)
   * with an id below `before` when given.
   */
  listAudit(
    entityRef: string,
    options?: { limit?: number; before?: number },
  ): Promise<AuditEntry[]>;

  /**
   * Stores the current results of a scorecard and the history row of `day`
   * (YYYY-MM-DD) of each entity, in one transaction. With `removeOthers`,
   * current rows of entities not in `rows` are deleted (history is kept).
   * Of several rows of one entity, the last counts.
   */
  writeScorecardResults(
    scorecardId: string,
    rows: ScorecardResultWrite[],
    options: { day: string; removeOthers?: boolean },
  ): Promise<void>;

  /**
   * Deletes the current results of a scorecard for the given entities (e.g.
   * those it no longer applies to), in one transaction; history is kept.
   * Returns the number of rows deleted.
   */
  deleteScorecardResults(
    scorecardId: string,
    entityRefs: string[],
  ): Promise<number>;

  /**
   * Deletes the current results of every scorecard not in `scorecardIds`
   * (scorecards no longer configured); history is kept. Returns the number
   * of rows deleted.
   */
  deleteScorecardsExcept(scorecardIds: string[]): Promise<number>;

  /** The stored results of every scorecard for an entity, by scorecard id. */
  readScorecardResults(entityRef: string): Promise<ScorecardResult[]>;

  /** A page of a scorecard's current results, ordered by entity ref. */
  listScorecardResults(
    scorecardId: string,
    query: ScorecardResultQuery,
  ): Promise<ScorecardResultListing>;

  /**
   * Entities per level and mean score of a scorecard's current results, per
   * owner or tier (ordered by key, null last), or as one group with key null
   * when `groupBy` is undefined. Only the `entityRefs` when given.
   */
  summarizeScorecard(
    scorecardId: string,
    options: { groupBy?: 'owner' | 'tier'; entityRefs?: string[] },
  ): Promise<ScorecardGroupSummary[]>;

  /**
   * The daily history of a scorecard from `fromDay` (inclusive), oldest
   * first: entities, entities per level, adoption (share of entities at any
   * level) and mean score per day. Only the `entityRefs` when given.
   */
  scorecardTrend(
    scorecardId: string,
    options: { fromDay: string; entityRefs?: string[] },
  ): Promise<ScorecardTrendPoint[]>;

  /**
   * Adds daily history points of a scorecard for days that have none (an
   * existing point of the entity and day is kept). For history rebuilt
   * after the fact, e.g. the demo's 90 days.
   */
  addScorecardHistory(
    scorecardId: string,
    points: ScorecardHistoryWrite[],
  ): Promise<void>;

  /** The daily history of one entity on a scorecard from `fromDay`, oldest first. */
  readScorecardHistory(
    scorecardId: string,
    entityRef: string,
    fromDay: string,
  ): Promise<ScorecardHistoryPoint[]>;

  /** Deletes history rows of days before `beforeDay`; returns how many. */
  pruneScorecardHistory(beforeDay: string): Promise<number>;
}
