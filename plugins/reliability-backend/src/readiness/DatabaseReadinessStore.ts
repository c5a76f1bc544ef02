import { ConflictError } from '@backstage/errors';
import {
  AuditEntry,
  ReadinessRecord,
  ScorecardHistoryPoint,
  ScorecardResult,
  ScorecardResultRow,
  ScorecardTrendPoint,
  StoredPushedResult,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { DatabaseReliabilityStore } from '../database/DatabaseReliabilityStore';
import {
  IdempotencyRecord,
  IdempotencyRequest,
  findIdempotency,
  insertIdempotency,
  writeIdempotently,
} from '../database/idempotency';
import {
  AUDIT_TABLE,
  AuditRow,
  toAuditEntry,
  toAuditRow,
} from '../database/auditLog';
import {
  AuditInput,
  ReadinessStore,
  RevokeWrite,
  ScorecardGroupSummary,
  ScorecardResultListing,
  ScorecardResultQuery,
  ScorecardResultWrite,
} from './ReadinessStore';

const RECORDS = 'reliability_readiness_records';
const PUSHED = 'reliability_pushed_results';
const RESULTS = 'reliability_scorecard_results';
const HISTORY = 'reliability_scorecard_history';

/**
 * Rows per insert statement. SQLite compiles a multi-row insert into a
 * compound SELECT, limited to 500 terms; 200 rows also stay far below both
 * databases' limits of bound variables.
 */
const WRITE_CHUNK = 200;
/** Values per `IN (...)` list. */
const IN_CHUNK = 500;
/** Rows per keyset batch when an allow-list is applied in memory. */
const SCAN_BATCH = 1000;
/** The byLevel key of entities below the first level. */
const NO_LEVEL = 'none';

type RecordRow = {
  id: string;
  entity_ref: string;
  type: string;
  target_kind: string;
  item_id: string | null;
  scorecard_id: string | null;
  check_id: string | null;
  created_by: string;
  created_at: string;
  reason: string;
  evidence_url: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  active_key?: string | null;
};

/**
 * The key of a record while it is active: one per entity, type and target
 * (the unique `active_key` column).
 */
function activeKeyOf(r: ReadinessRecord): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        r.entityRef,
        r.type,
        r.target.kind,
        r.target.kind === 'readiness' ? r.target.itemId : null,
        r.target.kind === 'scorecard-check' ? r.target.scorecardId : null,
        r.target.kind === 'scorecard-check' ? r.target.checkId : null,
      ]),
    )
    .digest('hex');
}

function describeTarget(target: ReadinessRecord['target']): string {
  return target.kind === 'readiness'
    ? `readiness item "${target.itemId}"`
    : `scorecard check "${target.scorecardId}/${target.checkId}"`;
}

type PushedRow = {
  entity_ref: string;
  check_id: string;
  scorecard_id: string;
  passed: boolean | number;
  value: string | null;
  details: string | null;
  url: string | null;
  pushed_by: string;
  pushed_at: string;
};

type ResultRow = {
  scorecard_id: string;
  entity_ref: string;
  owner_ref: string | null;
  tier: string | null;
  level: string | null;
  score: number;
  failing: string;
  result: string;
  evaluated_at: string;
};

type HistoryRow = {
  scorecard_id: string;
  entity_ref: string;
  day: string;
  level: string | null;
  score: number;
  owner_ref: string | null;
  tier: string | null;
};

/** The columns of a {@link ScorecardResultRow} (not the result JSON). */
const LISTED_COLUMNS = [
  'entity_ref',
  'owner_ref',
  'tier',
  'level',
  'score',
  'failing',
  'evaluated_at',
] as const;

type ListedRow = Omit<ResultRow, 'scorecard_id' | 'result'>;

type LevelCount = {
  n: number | string;
  total: number | string | null;
  evaluated_at?: string | null;
};

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Code-unit order, null last (the order of summary groups). */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function toRecordRow(r: ReadinessRecord): RecordRow {
  return {
    id: r.id,
    entity_ref: r.entityRef,
    type: r.type,
    target_kind: r.target.kind,
    item_id: r.target.kind === 'readiness' ? r.target.itemId : null,
    scorecard_id:
      r.target.kind === 'scorecard-check' ? r.target.scorecardId : null,
    check_id: r.target.kind === 'scorecard-check' ? r.target.checkId : null,
    created_by: r.createdBy,
    created_at: r.createdAt,
    reason: r.reason,
    evidence_url: r.evidenceUrl ?? null,
    expires_at: r.expiresAt ?? null,
    revoked_at: r.revokedAt ?? null,
    revoked_by: r.revokedBy ?? null,
    revoke_reason: r.revokeReason ?? null,
  };
}

function toRecord(r: RecordRow): ReadinessRecord {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    type: r.type as ReadinessRecord['type'],
    target:
      r.target_kind === 'scorecard-check'
        ? {
            kind: 'scorecard-check',
            scorecardId: r.scorecard_id ?? '',
            checkId: r.check_id ?? '',
          }
        : { kind: 'readiness', itemId: r.item_id ?? '' },
    createdBy: r.created_by,
    createdAt: r.created_at,
    reason: r.reason,
    ...(r.evidence_url !== null ? { evidenceUrl: r.evidence_url } : {}),
    ...(r.expires_at !== null ? { expiresAt: r.expires_at } : {}),
    ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
    ...(r.revoked_by !== null ? { revokedBy: r.revoked_by } : {}),
    ...(r.revoke_reason !== null ? { revokeReason: r.revoke_reason } : {}),
  };
}

function toPushedRow(p: StoredPushedResult): PushedRow {
  return {
    entity_ref: p.entityRef,
    check_id: p.checkId,
    scorecard_id: p.scorecardId,
    passed: p.passed,
    value: p.value === undefined ? null : JSON.stringify(p.value),
    details: p.details ?? null,
    url: p.url ?? null,
    pushed_by: p.pushedBy,
    pushed_at: p.pushedAt,
  };
}

function toPushedResult(r: PushedRow): StoredPushedResult {
  return {
    entityRef: r.entity_ref,
    checkId: r.check_id,
    scorecardId: r.scorecard_id,
    passed: Boolean(r.passed),
    ...(r.value !== null ? { value: JSON.parse(r.value) } : {}),
    ...(r.details !== null ? { details: r.details } : {}),
    ...(r.url !== null ? { url: r.url } : {}),
    pushedBy: r.pushed_by,
    pushedAt: r.pushed_at,
  };
}

function toResultRowOut(r: ListedRow): ScorecardResultRow {
  return {
    entityRef: r.entity_ref,
    ownerRef: r.owner_ref,
    tier: r.tier,
    level: r.level,
    score: Number(r.score),
    failing: JSON.parse(r.failing),
    evaluatedAt: r.evaluated_at,
  };
}

/** Ids of the checks of a result whose state is `failed`. */
function failingChecks(result: ScorecardResult): string[] {
  return result.checks.filter(c => c.state === 'failed').map(c => c.checkId);
}

/** Adds per-level counts and score sums of several queries. */
class LevelTally {
  entities = 0;
  totalScore = 0;
  byLevel: Record<string, number> = {};
  evaluatedAt: string | null = null;

  add(level: string | null, row: LevelCount) {
    const at = row.evaluated_at ?? null;
    if (at !== null && (this.evaluatedAt === null || at > this.evaluatedAt)) {
      this.evaluatedAt = at;
    }
    const n = Number(row.n);
    this.entities += n;
    this.totalScore += Number(row.total ?? 0);
    const key = level ?? NO_LEVEL;
    this.byLevel[key] = (this.byLevel[key] ?? 0) + n;
  }

  get meanScore(): number {
    return this.entities ? this.totalScore / this.entities : 0;
  }

  get adoption(): number {
    return this.entities
      ? (this.entities - (this.byLevel[NO_LEVEL] ?? 0)) / this.entities
      : 0;
  }
}

type Dialect = 'pg' | 'sqlite' | 'other';

function dialectOf(db: Knex): Dialect {
  const client = String(db.client.config.client);
  if (['pg', 'postgres', 'postgresql'].includes(client)) return 'pg';
  if (['better-sqlite3', 'sqlite3', 'sqlite'].includes(client)) {
    return 'sqlite';
  }
  return 'other';
}

/** Where a nullable column is one of `values`, `none` meaning null. */
function whereNullable(q: Knex.QueryBuilder, column: string, values: string[]) {
  const present = values.filter(v => v !== NO_LEVEL);
  const none = values.includes(NO_LEVEL);
  q.where(w => {
    if (present.length) w.orWhereIn(column, present);
    if (none) w.orWhereNull(column);
  });
}

/**
 * The knex implementation of {@link ReadinessStore}, for SQLite and
 * PostgreSQL. Its tables come with the package's migrations.
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

  private readonly dialect: Dialect;

  private constructor(private readonly db: Knex) {
    this.dialect = dialectOf(db);
  }

  // ------------------------------------------------------------ records

  async createRecord(
    record: ReadinessRecord,
    audit: AuditInput,
    idempotency?: IdempotencyRecord,
  ): Promise<ReadinessRecord> {
    const row = toRecordRow(record);
    const activeKey = record.revokedAt ? null : activeKeyOf(record);
    await writeIdempotently(
      this.db,
      idempotency,
      () =>
        this.db.transaction(async tx => {
          // The key first: a concurrent repeat waits for it, then fails.
          if (idempotency) await insertIdempotency(tx, idempotency);
          if (activeKey) {
            // An expired record no longer counts as active: superseded.
            await tx<RecordRow>(RECORDS)
              .where('active_key', activeKey)
              .whereNotNull('expires_at')
              .where('expires_at', '<=', record.createdAt)
              .update({ active_key: null });
          }
          // Unique active_key: of concurrent creations one inserts, the
          // others fail (PostgreSQL waits for the first to commit).
          await tx<RecordRow>(RECORDS).insert({
            ...row,
            active_key: activeKey,
          });
          await tx(AUDIT_TABLE).insert(toAuditRow(audit));
        }),
      async () => {
        const existing: RecordRow | undefined = activeKey
          ? await this.db<RecordRow>(RECORDS)
              .where('active_key', activeKey)
              .first()
          : undefined;
        throw new ConflictError(
          existing
            ? `${record.entityRef} already has an active ${
                record.type
              } of ${describeTarget(record.target)}: ${existing.id}, by ${
                existing.created_by
              } at ${existing.created_at}; revoke it first`
            : `${record.entityRef} already has an active ${
                record.type
              } of ${describeTarget(record.target)}`,
        );
      },
    );
    return toRecord(row);
  }

  async findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined> {
    return findIdempotency(this.db, request);
  }

  async revokeRecord(
    id: string,
    revoke: RevokeWrite,
    audit: AuditInput,
  ): Promise<ReadinessRecord | undefined> {
    return this.db.transaction(async tx => {
      // Conditional: of two concurrent revocations, the second updates
      // nothing (PostgreSQL re-checks the condition after the first commits).
      const updated = await tx<RecordRow>(RECORDS)
        .where('id', id)
        .whereNull('revoked_at')
        .update({
          revoked_at: revoke.revokedAt,
          revoked_by: revoke.revokedBy,
          revoke_reason: revoke.reason ?? null,
          active_key: null,
        });
      if (updated === 0) {
        const existing = await tx<RecordRow>(RECORDS)
          .where('id', id)
          .first('id');
        if (!existing) {
          return undefined;
        }
        throw new ConflictError(`Readiness record ${id} is already revoked`);
      }
      await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      const row = (await tx<RecordRow>(RECORDS)
        .where('id', id)
        .first()) as RecordRow;
      return toRecord(row);
    });
  }

  async getRecord(id: string): Promise<ReadinessRecord | undefined> {
    const row: RecordRow | undefined = await this.db<RecordRow>(RECORDS)
      .where('id', id)
      .first();
    return row ? toRecord(row) : undefined;
  }

  async listRecords(
    entityRef: string,
    options: { includeRevoked?: boolean } = {},
  ): Promise<ReadinessRecord[]> {
    const q = this.db<RecordRow>(RECORDS).where('entity_ref', entityRef);
    if (!options.includeRevoked) q.whereNull('revoked_at');
    const rows: RecordRow[] = await q.select().orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    return rows.map(toRecord);
  }

  async listActiveRecords(
    entityRefs?: string[],
  ): Promise<Map<string, ReadinessRecord[]>> {
    const rows = await this.readByEntities<RecordRow>(entityRefs, refs => {
      const q = this.db<RecordRow>(RECORDS).whereNull('revoked_at');
      if (refs) q.whereIn('entity_ref', refs);
      return q.select().orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    });
    const out = new Map<string, ReadinessRecord[]>();
    for (const row of rows) {
      const list = out.get(row.entity_ref) ?? [];
      list.push(toRecord(row));
      out.set(row.entity_ref, list);
    }
    return out;
  }

  // ------------------------------------------------------ pushed results

  async upsertPushedResults(
    results: StoredPushedResult[],
    audit: AuditInput[],
  ): Promise<void> {
    // One row per key: PostgreSQL rejects an upsert touching a row twice.
    const unique = new Map<string, PushedRow>();
    for (const result of results) {
      unique.set(
        JSON.stringify([result.entityRef, result.checkId]),
        toPushedRow(result),
      );
    }
    await this.db.transaction(async tx => {
      for (const part of chunks([...unique.values()], WRITE_CHUNK)) {
        await tx(PUSHED)
          .insert(part)
          .onConflict(['entity_ref', 'check_id'])
          .merge();
      }
      await this.insertAudit(tx, audit);
    });
  }

  async insertPushedResultsIfAbsent(
    results: StoredPushedResult[],
    auditOf: (result: StoredPushedResult) => AuditInput,
  ): Promise<StoredPushedResult[]> {
    return this.db.transaction(async tx => {
      const inserted: StoredPushedResult[] = [];
      for (const result of results) {
        // A conditional insert: of two replicas seeding at once, only one
        // inserts (and audits) the row.
        const rows = await tx(PUSHED)
          .insert(toPushedRow(result))
          .onConflict(['entity_ref', 'check_id'])
          .ignore()
          .returning('entity_ref');
        if (rows.length > 0) {
          inserted.push(result);
          await tx(AUDIT_TABLE).insert(toAuditRow(auditOf(result)));
        }
      }
      return inserted;
    });
  }

  async listPushedResults(
    entityRefs?: string[],
  ): Promise<Map<string, StoredPushedResult[]>> {
    const rows = await this.readByEntities<PushedRow>(entityRefs, refs => {
      const q = this.db<PushedRow>(PUSHED);
      if (refs) q.whereIn('entity_ref', refs);
      return q.select().orderBy(['entity_ref', 'check_id']);
    });
    const out = new Map<string, StoredPushedResult[]>();
    for (const row of rows) {
      const list = out.get(row.entity_ref) ?? [];
      list.push(toPushedResult(row));
      out.set(row.entity_ref, list);
    }
    return out;
  }

  // ----------------------------------------------------------- audit log

  async appendAudit(entries: AuditInput[]): Promise<void> {
    await this.db.transaction(tx => this.insertAudit(tx, entries));
  }

  async listAudit(
    entityRef: string,
    options: { limit?: number; before?: number } = {},
  ): Promise<AuditEntry[]> {
    const limit = Math.max(1, Math.floor(options.limit ?? 100));
    const q = this.db<AuditRow>(AUDIT_TABLE).where('entity_ref', entityRef);
    if (options.before !== undefined) q.where('id', '<', options.before);
    const rows: AuditRow[] = await q
      .select()
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toAuditEntry);
  }

  private async insertAudit(tx: Knex.Transaction, entries: AuditInput[]) {
    for (const part of chunks(entries, WRITE_CHUNK)) {
      await tx(AUDIT_TABLE).insert(part.map(toAuditRow));
    }
  }

  // --------------------------------------------------- scorecard results

  async writeScorecardResults(
    scorecardId: string,
    rows: ScorecardResultWrite[],
    options: { day: string; removeOthers?: boolean },
  ): Promise<void> {
    const unique = new Map<string, ResultRow>();
    for (const r of rows) {
      unique.set(r.entityRef, {
        scorecard_id: scorecardId,
        entity_ref: r.entityRef,
        owner_ref: r.ownerRef,
        tier: r.tier,
        level: r.result.level,
        score: r.result.score,
        failing: JSON.stringify(failingChecks(r.result)),
        result: JSON.stringify(r.result),
        evaluated_at: r.result.evaluatedAt,
      });
    }
    const current = [...unique.values()];
    const history: HistoryRow[] = current.map(r => ({
      scorecard_id: scorecardId,
      entity_ref: r.entity_ref,
      day: options.day,
      level: r.level,
      score: r.score,
      owner_ref: r.owner_ref,
      tier: r.tier,
    }));
    await this.db.transaction(async tx => {
      if (options.removeOthers) {
        const existing: Array<{ entity_ref: string }> = await tx(RESULTS)
          .where('scorecard_id', scorecardId)
          .select('entity_ref');
        const gone = existing
          .map(r => r.entity_ref)
          .filter(ref => !unique.has(ref));
        for (const part of chunks(gone, IN_CHUNK)) {
          await tx(RESULTS)
            .where('scorecard_id', scorecardId)
            .whereIn('entity_ref', part)
            .delete();
        }
      }
      for (const part of chunks(current, WRITE_CHUNK)) {
        await tx(RESULTS)
          .insert(part)
          .onConflict(['scorecard_id', 'entity_ref'])
          .merge();
      }
      for (const part of chunks(history, WRITE_CHUNK)) {
        await tx(HISTORY)
          .insert(part)
          .onConflict(['scorecard_id', 'entity_ref', 'day'])
          .merge();
      }
    });
  }

  async deleteScorecardResults(
    scorecardId: string,
    entityRefs: string[],
  ): Promise<number> {
    let deleted = 0;
    await this.db.transaction(async tx => {
      for (const part of chunks([...new Set(entityRefs)], IN_CHUNK)) {
        deleted += Number(
          await tx(RESULTS)
            .where('scorecard_id', scorecardId)
            .whereIn('entity_ref', part)
            .delete(),
        );
      }
    });
    return deleted;
  }

  async deleteScorecardsExcept(scorecardIds: string[]): Promise<number> {
    const q = this.db(RESULTS);
    if (scorecardIds.length) q.whereNotIn('scorecard_id', scorecardIds);
    return Number(await q.delete());
  }

  async readScorecardResults(entityRef: string): Promise<ScorecardResult[]> {
    const rows: Array<{ result: string }> = await this.db(RESULTS)
      .where('entity_ref', entityRef)
      .select('result')
      .orderBy('scorecard_id');
    return rows.map(r => JSON.parse(r.result));
  }

  /**
   * Allow-lists of up to 500 refs go into the SQL query. Longer ones are
   * counted with one query per 500 refs, and the page is collected from
   * keyset batches of the rows matching the other filters, kept when
   * allowed: the order stays the database's, and no statement binds more
   * than 500 refs however long the list.
   */
  async listScorecardResults(
    scorecardId: string,
    query: ScorecardResultQuery,
  ): Promise<ScorecardResultListing> {
    const limit = Math.max(0, Math.floor(query.limit));
    const refs = query.entityRefs ? [...new Set(query.entityRefs)] : undefined;
    if (refs && refs.length === 0) {
      return { items: [], totalCount: 0 };
    }

    if (!refs || refs.length <= IN_CHUNK) {
      const base = () => {
        const q = this.filteredResults(scorecardId, query);
        if (refs) q.whereIn('entity_ref', refs);
        return q;
      };
      const totalCount = await this.countOf(base());
      const page = base();
      if (query.after !== undefined) page.where('entity_ref', '>', query.after);
      const rows: ListedRow[] = limit
        ? await page
            .select(...LISTED_COLUMNS)
            .orderBy('entity_ref')
            .limit(limit)
        : [];
      return { items: rows.map(toResultRowOut), totalCount };
    }

    let totalCount = 0;
    for (const part of chunks(refs, IN_CHUNK)) {
      totalCount += await this.countOf(
        this.filteredResults(scorecardId, query).whereIn('entity_ref', part),
      );
    }
    const allowed = new Set(refs);
    const items: ScorecardResultRow[] = [];
    let cursor = query.after;
    while (items.length < limit) {
      const q = this.filteredResults(scorecardId, query);
      if (cursor !== undefined) q.where('entity_ref', '>', cursor);
      const batch: ListedRow[] = await q
        .select(...LISTED_COLUMNS)
        .orderBy('entity_ref')
        .limit(SCAN_BATCH);
      for (const row of batch) {
        if (items.length < limit && allowed.has(row.entity_ref)) {
          items.push(toResultRowOut(row));
        }
      }
      if (batch.length < SCAN_BATCH) break;
      cursor = batch[batch.length - 1].entity_ref;
    }
    return { items, totalCount };
  }

  async summarizeScorecard(
    scorecardId: string,
    options: { groupBy?: 'owner' | 'tier'; entityRefs?: string[] },
  ): Promise<ScorecardGroupSummary[]> {
    let column: string | undefined;
    if (options.groupBy === 'owner') column = 'owner_ref';
    else if (options.groupBy === 'tier') column = 'tier';
    const groups = new Map<string | null, LevelTally>();
    if (!column) groups.set(null, new LevelTally());

    await this.forEntityChunks(options.entityRefs, async refs => {
      const q = this.db(RESULTS)
        .where('scorecard_id', scorecardId)
        .select('level')
        .select(
          this.db.raw('COUNT(*) as n'),
          this.db.raw('SUM(score) as total'),
          this.db.raw('MAX(evaluated_at) as evaluated_at'),
        )
        .groupBy('level');
      if (column) q.select({ key: column }).groupBy(column);
      if (refs) q.whereIn('entity_ref', refs);
      const rows: Array<
        LevelCount & { key?: string | null; level: string | null }
      > = await q;
      for (const row of rows) {
        const key = row.key ?? null;
        const tally = groups.get(key) ?? new LevelTally();
        tally.add(row.level, row);
        groups.set(key, tally);
      }
    });

    return [...groups.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, tally]) => ({
        key,
        entities: tally.entities,
        byLevel: tally.byLevel,
        meanScore: tally.meanScore,
        evaluatedAt: tally.evaluatedAt,
      }));
  }

  async scorecardTrend(
    scorecardId: string,
    options: { fromDay: string; entityRefs?: string[] },
  ): Promise<ScorecardTrendPoint[]> {
    const days = new Map<string, LevelTally>();
    await this.forEntityChunks(options.entityRefs, async refs => {
      const q = this.db(HISTORY)
        .where('scorecard_id', scorecardId)
        .where('day', '>=', options.fromDay)
        .select('day', 'level')
        .select(
          this.db.raw('COUNT(*) as n'),
          this.db.raw('SUM(score) as total'),
        )
        .groupBy('day', 'level');
      if (refs) q.whereIn('entity_ref', refs);
      const rows: Array<LevelCount & { day: string; level: string | null }> =
        await q;
      for (const row of rows) {
        const tally = days.get(row.day) ?? new LevelTally();
        tally.add(row.level, row);
        days.set(row.day, tally);
      }
    });
    return [...days.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([day, tally]) => ({
        day,
        entities: tally.entities,
        byLevel: tally.byLevel,
        adoption: tally.adoption,
        meanScore: tally.meanScore,
      }));
  }

  async readScorecardHistory(
    scorecardId: string,
    entityRef: string,
    fromDay: string,
  ): Promise<ScorecardHistoryPoint[]> {
    const rows: Array<Pick<HistoryRow, 'day' | 'level' | 'score'>> =
      await this.db(HISTORY)
        .where({ scorecard_id: scorecardId, entity_ref: entityRef })
        .where('day', '>=', fromDay)
        .select('day', 'level', 'score')
        .orderBy('day');
    return rows.map(r => ({
      day: r.day,
      level: r.level,
      score: Number(r.score),
    }));
  }

  async pruneScorecardHistory(beforeDay: string): Promise<number> {
    return Number(await this.db(HISTORY).where('day', '<', beforeDay).delete());
  }

  // ------------------------------------------------------------- helpers

  /** The current results of a scorecard matching the query's filters. */
  private filteredResults(
    scorecardId: string,
    query: Omit<ScorecardResultQuery, 'limit'>,
  ): Knex.QueryBuilder {
    const q = this.db(RESULTS).where('scorecard_id', scorecardId);
    if (query.owner?.length) q.whereIn('owner_ref', query.owner);
    if (query.tier?.length) whereNullable(q, 'tier', query.tier);
    if (query.level?.length) whereNullable(q, 'level', query.level);
    if (query.failing !== undefined) {
      if (this.dialect === 'pg') {
        q.whereRaw('CAST(failing AS jsonb) @> CAST(? AS jsonb)', [
          JSON.stringify([query.failing]),
        ]);
      } else if (this.dialect === 'sqlite') {
        q.whereRaw(
          `EXISTS (SELECT 1 FROM json_each(${RESULTS}.failing) AS f WHERE f.value = ?)`,
          [query.failing],
        );
      } else {
        const needle = JSON.stringify(query.failing).replace(
          /[\\%_]/g,
          c => `\\${c}`,
        );
        q.whereRaw(`failing LIKE ? ESCAPE '\\'`, [`%${needle}%`]);
      }
    }
    return q;
  }

  private async countOf(q: Knex.QueryBuilder): Promise<number> {
    const [row] = await q.count({ n: '*' });
    return Number((row as { n: number | string }).n);
  }

  /**
   * Runs `fn` once without a ref filter when `entityRefs` is undefined, or
   * once per chunk of (distinct) refs.
   */
  private async forEntityChunks(
    entityRefs: string[] | undefined,
    fn: (refs: string[] | undefined) => Promise<void>,
  ): Promise<void> {
    if (!entityRefs) {
      await fn(undefined);
      return;
    }
    for (const part of chunks([...new Set(entityRefs)], IN_CHUNK)) {
      await fn(part);
    }
  }

  /** The rows `read` returns, of all entities or per chunk of refs. */
  private async readByEntities<T>(
    entityRefs: string[] | undefined,
    read: (refs: string[] | undefined) => Promise<T[]>,
  ): Promise<T[]> {
    const out: T[] = [];
    await this.forEntityChunks(entityRefs, async refs => {
      for (const row of await read(refs)) out.push(row);
    });
    return out;
  }
}
