import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Incident,
  RELIABILITY_SECTIONS,
  SloHistoryEntry,
  SloSpec,
  StoredToilItem,
  ReliabilitySection,
  ReliabilitySectionName,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import type { AuditInput } from '../readiness/ReadinessStore';
import {
  IndexedEntity,
  PagingSyncState,
  ReliabilityStore,
  SectionWrite,
} from './ReliabilityStore';
import { AUDIT_TABLE, toAuditRow } from './auditLog';
import {
  IdempotencyRecord,
  IdempotencyRequest,
  findIdempotency,
  insertIdempotency,
  writeIdempotently,
} from './idempotency';

const migrationsDir = resolvePackagePath(
  '@reliability-kit/backstage-plugin-reliability-backend',
  'migrations',
);

/** The PostgreSQL advisory lock key of the reliability migrations. */
const MIGRATION_LOCK_KEY = 7281926354;

type EntityRow = {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  owner_ref: string | null;
  system_ref: string | null;
  tier: string | null;
  tier_status: string;
  tier_message: string | null;
  updated_at: string;
};

type SectionRow = {
  entity_ref: string;
  section: string;
  payload: string;
  status: string;
  demo: boolean | number;
  computed_at: string | null;
  stale: boolean | number;
  stale_reason: string | null;
};

type SloHistoryRow = {
  entity_ref: string;
  slo_id: string;
  day: string;
  at: string;
  objective: number;
  sli: number | null;
  budget_remaining: number | null;
  status: string;
};

type IncidentRow = {
  source: string;
  id: string;
  entity_ref: string;
  service_id: string | null;
  title: string;
  alert_key: string | null;
  urgency: string;
  status: string;
  created_at: string;
  first_acknowledged_at: string | null;
  resolved_at: string | null;
  escalations: number;
  synced_at: string;
};

type ToilRow = {
  id: string;
  entity_ref: string;
  task: string;
  minutes_per_occurrence: number;
  occurrences_per_week: number;
  owner: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  version?: number;
};

const DOCUMENT_PREFIX = 'document:';
const TOIL = 'reliability_toil_items';

function toToilItem(r: ToilRow): StoredToilItem {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    task: r.task,
    minutesPerOccurrence: Number(r.minutes_per_occurrence),
    occurrencesPerWeek: Number(r.occurrences_per_week),
    owner: r.owner,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

function toToilRow(i: StoredToilItem): ToilRow {
  return {
    id: i.id,
    entity_ref: i.entityRef,
    task: i.task,
    minutes_per_occurrence: i.minutesPerOccurrence,
    occurrences_per_week: i.occurrencesPerWeek,
    owner: i.owner,
    created_by: i.createdBy,
    created_at: i.createdAt,
    updated_by: i.updatedBy,
    updated_at: i.updatedAt,
  };
}

function toIndexedEntity(r: EntityRow): IndexedEntity {
  return {
    entityRef: r.entity_ref,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    ownerRef: r.owner_ref ?? undefined,
    systemRef: r.system_ref ?? undefined,
    tier: r.tier ?? undefined,
    tierStatus: r.tier_status as IndexedEntity['tierStatus'],
    tierMessage: r.tier_message ?? undefined,
  };
}

// Stay well below SQLite's limit of bound variables per statement.
const BATCH_SIZE = 50;
/** Entity refs per `IN (...)` list. */
const IN_LIST_SIZE = 500;

/**
 * The knex implementation of {@link ReliabilityStore}, for SQLite and
 * PostgreSQL.
 *
 * @public
 */
function incidentOf(r: IncidentRow): Incident {
  return {
    id: r.id,
    source: r.source,
    ...(r.service_id ? { serviceId: r.service_id } : {}),
    title: r.title,
    alertKey: r.alert_key,
    urgency: r.urgency as Incident['urgency'],
    status: r.status as Incident['status'],
    createdAt: r.created_at,
    firstAcknowledgedAt: r.first_acknowledged_at,
    resolvedAt: r.resolved_at,
    escalations: Number(r.escalations),
  };
}

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

  private constructor(private readonly db: Knex) {}

  async replaceEntityIndex(
    entities: IndexedEntity[],
    now: string,
  ): Promise<void> {
    const rows: EntityRow[] = entities.map(e => ({
      entity_ref: e.entityRef,
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      owner_ref: e.ownerRef ?? null,
      system_ref: e.systemRef ?? null,
      tier: e.tier ?? null,
      tier_status: e.tierStatus,
      tier_message: e.tierMessage ?? null,
      updated_at: now,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        await tx<EntityRow>('reliability_entities')
          .insert(rows.slice(i, i + BATCH_SIZE))
          .onConflict('entity_ref')
          .merge();
      }
      // Rows not touched by this refresh belong to entities that are gone.
      await tx<EntityRow>('reliability_entities')
        .where('updated_at', '<>', now)
        .delete();
    });
  }

  async listIndexedEntities(): Promise<IndexedEntity[]> {
    const rows = await this.db<EntityRow>('reliability_entities').orderBy(
      'entity_ref',
    );
    return rows.map(toIndexedEntity);
  }

  async getIndexedEntities(entityRefs: string[]): Promise<IndexedEntity[]> {
    const rows: EntityRow[] = [];
    for (let i = 0; i < entityRefs.length; i += IN_LIST_SIZE) {
      rows.push(
        ...(await this.db<EntityRow>('reliability_entities').whereIn(
          'entity_ref',
          entityRefs.slice(i, i + IN_LIST_SIZE),
        )),
      );
    }
    return rows
      .sort((a, b) => (a.entity_ref < b.entity_ref ? -1 : 1))
      .map(toIndexedEntity);
  }

  async writeSection(
    entityRef: string,
    section: ReliabilitySectionName,
    write: SectionWrite,
  ): Promise<void> {
    await this.db<SectionRow>('reliability_sections')
      .insert({
        entity_ref: entityRef,
        section,
        payload: JSON.stringify({
          items: write.items,
          problems: write.problems,
        }),
        status: write.status,
        demo: write.demo,
        computed_at: write.computedAt,
        stale: false,
        stale_reason: null,
      })
      .onConflict(['entity_ref', 'section'])
      .merge();
  }

  async writeSections(
    writes: Array<{
      entityRef: string;
      section: ReliabilitySectionName;
      write: SectionWrite;
    }>,
  ): Promise<void> {
    if (writes.length === 0) return;
    const rows: SectionRow[] = writes.map(({ entityRef, section, write }) => ({
      entity_ref: entityRef,
      section,
      payload: JSON.stringify({ items: write.items, problems: write.problems }),
      status: write.status,
      demo: write.demo,
      computed_at: write.computedAt,
      stale: false,
      stale_reason: null,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        await tx<SectionRow>('reliability_sections')
          .insert(rows.slice(i, i + BATCH_SIZE))
          .onConflict(['entity_ref', 'section'])
          .merge();
      }
    });
  }

  async readSectionOf(
    section: ReliabilitySectionName,
    entityRefs?: string[],
  ): Promise<Map<string, ReliabilitySection>> {
    const result = new Map<string, ReliabilitySection>();
    for (const row of await this.rowsOf(section, entityRefs)) {
      const payload = JSON.parse(row.payload);
      result.set(row.entity_ref, {
        status: row.status as ReliabilitySection['status'],
        items: payload.items ?? [],
        problems: payload.problems ?? [],
        demo: Boolean(row.demo),
        computedAt: row.computed_at,
        stale: Boolean(row.stale),
        ...(row.stale_reason ? { staleReason: row.stale_reason } : {}),
      });
    }
    return result;
  }

  async readDocumentOf<T>(
    name: string,
    entityRefs?: string[],
  ): Promise<Map<string, T>> {
    const result = new Map<string, T>();
    for (const row of await this.rowsOf(
      `${DOCUMENT_PREFIX}${name}`,
      entityRefs,
    )) {
      result.set(row.entity_ref, JSON.parse(row.payload) as T);
    }
    return result;
  }

  private async rowsOf(
    section: string,
    entityRefs?: string[],
  ): Promise<SectionRow[]> {
    if (!entityRefs) {
      return this.db<SectionRow>('reliability_sections').where({ section });
    }
    const rows: SectionRow[] = [];
    for (let i = 0; i < entityRefs.length; i += IN_LIST_SIZE) {
      rows.push(
        ...(await this.db<SectionRow>('reliability_sections')
          .where({ section })
          .whereIn('entity_ref', entityRefs.slice(i, i + IN_LIST_SIZE))),
      );
    }
    return rows;
  }

  async markSectionStale(
    entityRef: string,
    section: ReliabilitySectionName,
    reason: string,
  ): Promise<void> {
    await this.db<SectionRow>('reliability_sections')
      .where({ entity_ref: entityRef, section })
      .update({ stale: true, stale_reason: reason });
  }

  async listSectionEntityRefs(
    section: ReliabilitySectionName,
  ): Promise<string[]> {
    const rows = await this.db<SectionRow>('reliability_sections')
      .where({ section })
      .select('entity_ref')
      .orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async readSections(
    entityRef: string,
  ): Promise<Partial<Record<ReliabilitySectionName, ReliabilitySection>>> {
    const rows = await this.db<SectionRow>('reliability_sections').where({
      entity_ref: entityRef,
    });
    const result: Partial<Record<ReliabilitySectionName, ReliabilitySection>> =
      {};
    for (const row of rows) {
      if (!(RELIABILITY_SECTIONS as readonly string[]).includes(row.section)) {
        continue;
      }
      const payload = JSON.parse(row.payload);
      result[row.section as ReliabilitySectionName] = {
        status: row.status as ReliabilitySection['status'],
        items: payload.items ?? [],
        problems: payload.problems ?? [],
        demo: Boolean(row.demo),
        computedAt: row.computed_at,
        stale: Boolean(row.stale),
        ...(row.stale_reason ? { staleReason: row.stale_reason } : {}),
      };
    }
    return result;
  }

  async replaceSloDefinitions(
    entityRef: string,
    specs: SloSpec[],
    now: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('reliability_slo_definitions')
        .where({ entity_ref: entityRef })
        .delete();
      for (let i = 0; i < specs.length; i += BATCH_SIZE) {
        await tx('reliability_slo_definitions').insert(
          specs.slice(i, i + BATCH_SIZE).map(spec => ({
            entity_ref: entityRef,
            slo_id: spec.id,
            spec: JSON.stringify(spec),
            updated_at: now,
          })),
        );
      }
    });
  }

  async listSloDefinitions(): Promise<
    Array<{ entityRef: string; spec: SloSpec }>
  > {
    const rows = await this.db<{ entity_ref: string; spec: string }>(
      'reliability_slo_definitions',
    ).orderBy(['entity_ref', 'slo_id']);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      spec: JSON.parse(r.spec) as SloSpec,
    }));
  }

  async upsertSloHistory(
    entityRef: string,
    sloId: string,
    points: SloHistoryEntry[],
  ): Promise<void> {
    const rows: SloHistoryRow[] = points.map(p => ({
      entity_ref: entityRef,
      slo_id: sloId,
      day: p.at.slice(0, 10),
      at: p.at,
      objective: p.objective,
      sli: p.sli,
      budget_remaining: p.budgetRemaining,
      status: p.status,
    }));
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      await this.db<SloHistoryRow>('reliability_slo_history')
        .insert(rows.slice(i, i + BATCH_SIZE))
        .onConflict(['entity_ref', 'slo_id', 'day'])
        .merge();
    }
  }

  async upsertSloHistoryPoints(
    entityRef: string,
    entries: Array<{ sloId: string; point: SloHistoryEntry }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    const rows: SloHistoryRow[] = entries.map(({ sloId, point: p }) => ({
      entity_ref: entityRef,
      slo_id: sloId,
      day: p.at.slice(0, 10),
      at: p.at,
      objective: p.objective,
      sli: p.sli,
      budget_remaining: p.budgetRemaining,
      status: p.status,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        await tx<SloHistoryRow>('reliability_slo_history')
          .insert(rows.slice(i, i + BATCH_SIZE))
          .onConflict(['entity_ref', 'slo_id', 'day'])
          .merge();
      }
    });
  }

  async readSloHistory(
    entityRef: string,
    sloId: string,
    from: string,
    to: string,
  ): Promise<SloHistoryEntry[]> {
    const rows = await this.db<SloHistoryRow>('reliability_slo_history')
      .where({ entity_ref: entityRef, slo_id: sloId })
      .andWhere('at', '>=', from)
      .andWhere('at', '<', to)
      .orderBy('at');
    return rows.map(r => ({
      at: r.at,
      objective: Number(r.objective),
      sli: r.sli === null ? null : Number(r.sli),
      budgetRemaining:
        r.budget_remaining === null ? null : Number(r.budget_remaining),
      status: r.status as SloHistoryEntry['status'],
    }));
  }

  async listBudgetExhaustion(fromDay: string, toDay: string) {
    const rows = await this.db<SloHistoryRow>('reliability_slo_history')
      .where('day', '>=', fromDay)
      .where('day', '<', toDay)
      .where('budget_remaining', '<=', 0)
      .select('entity_ref', 'slo_id', 'day', 'budget_remaining')
      .orderBy(['entity_ref', 'slo_id', 'day']);
    return rows.map(r => ({
      entityRef: String(r.entity_ref),
      sloId: String(r.slo_id),
      day: String(r.day),
      budgetRemaining: Number(r.budget_remaining),
    }));
  }

  async countSloHistory(entityRef: string, sloId: string): Promise<number> {
    const [row] = await this.db('reliability_slo_history')
      .where({ entity_ref: entityRef, slo_id: sloId })
      .count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async pruneSloHistory(beforeDay: string): Promise<number> {
    return this.db('reliability_slo_history')
      .where('day', '<', beforeDay)
      .delete();
  }

  async writeDocument(
    entityRef: string,
    name: string,
    document: unknown,
  ): Promise<void> {
    await this.db<SectionRow>('reliability_sections')
      .insert({
        entity_ref: entityRef,
        section: `${DOCUMENT_PREFIX}${name}`,
        payload: JSON.stringify(document),
        status: 'ok',
        demo: false,
        computed_at: null,
        stale: false,
        stale_reason: null,
      })
      .onConflict(['entity_ref', 'section'])
      .merge();
  }

  async readDocument<T>(
    entityRef: string,
    name: string,
  ): Promise<T | undefined> {
    const row = await this.db<SectionRow>('reliability_sections')
      .where({ entity_ref: entityRef, section: `${DOCUMENT_PREFIX}${name}` })
      .first();
    return row ? (JSON.parse(row.payload) as T) : undefined;
  }

  async upsertIncidents(
    entityRef: string,
    incidents: Incident[],
    syncedAt: string,
  ): Promise<void> {
    const rows: IncidentRow[] = incidents.map(i => ({
      source: i.source,
      id: i.id,
      entity_ref: entityRef,
      service_id: i.serviceId ?? null,
      title: i.title.slice(0, 10_000),
      alert_key: i.alertKey ? i.alertKey.slice(0, 512) : null,
      urgency: i.urgency,
      status: i.status,
      created_at: i.createdAt,
      first_acknowledged_at: i.firstAcknowledgedAt ?? null,
      resolved_at: i.resolvedAt ?? null,
      escalations: i.escalations ?? 0,
      synced_at: syncedAt,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += BATCH_SIZE / 2) {
        await tx<IncidentRow>('reliability_incidents')
          .insert(rows.slice(i, i + BATCH_SIZE / 2))
          .onConflict(['entity_ref', 'source', 'id'])
          .merge();
      }
    });
  }

  async listIncidents(
    entityRef: string,
    from: string,
    to: string,
  ): Promise<Incident[]> {
    const rows = await this.db<IncidentRow>('reliability_incidents')
      .where('entity_ref', entityRef)
      .andWhere('created_at', '>=', from)
      .andWhere('created_at', '<', to)
      .orderBy('created_at');
    return rows.map(incidentOf);
  }

  async listIncidentsBetween(
    from: string,
    to: string,
  ): Promise<Array<Incident & { entityRef: string }>> {
    const rows = await this.db<IncidentRow>('reliability_incidents')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select()
      .orderBy(['created_at', 'entity_ref', 'id']);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      ...incidentOf(r),
    }));
  }

  async earliestIncident(entityRef: string): Promise<string | undefined> {
    const row = await this.db('reliability_incidents')
      .where('entity_ref', entityRef)
      .min({ first: 'created_at' })
      .first();
    return row?.first ?? undefined;
  }

  async pruneIncidents(before: string): Promise<number> {
    return this.db('reliability_incidents')
      .where('created_at', '<', before)
      .delete();
  }

  async getPagingSync(
    entityRef: string,
    source: string,
  ): Promise<PagingSyncState | undefined> {
    const row = await this.db('reliability_paging_sync')
      .where({ entity_ref: entityRef, source })
      .first();
    if (!row) return undefined;
    return {
      ...(row.cursor ? { cursor: row.cursor } : {}),
      ...(row.synced_at ? { syncedAt: row.synced_at } : {}),
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.last_error_at ? { lastErrorAt: row.last_error_at } : {}),
    };
  }

  async recordPagingSync(
    entityRef: string,
    source: string,
    state: { cursor: string; syncedAt: string },
  ): Promise<void> {
    await this.db('reliability_paging_sync')
      .insert({
        entity_ref: entityRef,
        source,
        cursor: state.cursor,
        synced_at: state.syncedAt,
        last_error: null,
        last_error_at: null,
      })
      .onConflict(['entity_ref', 'source'])
      .merge();
  }

  async recordPagingSyncError(
    entityRef: string,
    source: string,
    error: string,
    at: string,
  ): Promise<void> {
    await this.db('reliability_paging_sync')
      .insert({
        entity_ref: entityRef,
        source,
        last_error: error,
        last_error_at: at,
      })
      .onConflict(['entity_ref', 'source'])
      .merge(['last_error', 'last_error_at']);
  }

  async listToilItems(entityRef: string): Promise<StoredToilItem[]> {
    const rows = await this.db<ToilRow>(TOIL)
      .where('entity_ref', entityRef)
      .orderBy(['created_at', 'id']);
    return rows.map(toToilItem);
  }

  async sumToilMinutesPerWeek(
    entityRefs?: string[],
  ): Promise<Map<string, number>> {
    const query = (
      refs?: string[],
    ): Promise<Array<{ entity_ref: string; minutes: number | string }>> =>
      this.db(TOIL)
        .select('entity_ref')
        .sum({
          minutes: this.db.raw('minutes_per_occurrence * occurrences_per_week'),
        })
        .modify(q => {
          if (refs) q.whereIn('entity_ref', refs);
        })
        .groupBy('entity_ref');
    const rows: Array<{ entity_ref: string; minutes: number | string }> = [];
    if (!entityRefs) {
      rows.push(...(await query()));
    } else {
      for (let i = 0; i < entityRefs.length; i += IN_LIST_SIZE) {
        rows.push(...(await query(entityRefs.slice(i, i + IN_LIST_SIZE))));
      }
    }
    return new Map(rows.map(r => [r.entity_ref, Number(r.minutes)]));
  }

  async getToilItem(id: string): Promise<StoredToilItem | undefined> {
    const row = await this.db<ToilRow>(TOIL).where('id', id).first();
    return row ? toToilItem(row) : undefined;
  }

  async createToilItem(
    item: StoredToilItem,
    audit?: AuditInput,
    idempotency?: IdempotencyRecord,
  ): Promise<void> {
    await writeIdempotently(this.db, idempotency, () =>
      this.db.transaction(async tx => {
        // The key first: a concurrent repeat waits for it, then fails.
        if (idempotency) await insertIdempotency(tx, idempotency);
        await tx<ToilRow>(TOIL).insert({ ...toToilRow(item), version: 1 });
        if (audit) await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      }),
    );
  }

  async updateToilItem(
    item: StoredToilItem,
    audit?: AuditInput,
  ): Promise<boolean> {
    return (await this.updateToilItemVersion(item, audit)) !== undefined;
  }

  async updateToilItemVersion(
    item: StoredToilItem,
    audit?: AuditInput,
    ifVersion?: number,
  ): Promise<StoredToilItem | undefined> {
    const { id, created_by: _c, created_at: _a, ...changes } = toToilRow(item);
    delete changes.version;
    return this.db.transaction(async tx => {
      // Conditional on the version read: of two concurrent updates with the
      // same If-Match, the second updates nothing (PostgreSQL re-checks the
      // condition after the first commits; SQLite runs them one by one).
      const q = tx(TOIL).where('id', id);
      if (ifVersion !== undefined) q.where('version', ifVersion);
      const updated = await q.update({
        ...changes,
        version: tx.raw('version + 1'),
      });
      if (updated === 0) {
        const current = await tx<ToilRow>(TOIL).where('id', id).first();
        if (!current) return undefined;
        throw new ConflictError(
          `Toil item ${id} has changed: it is at version ${Number(
            current.version ?? 1,
          )}, not ${ifVersion}; read it again and retry`,
        );
      }
      if (audit) await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      const row = (await tx<ToilRow>(TOIL).where('id', id).first()) as ToilRow;
      return { ...toToilItem(row), version: Number(row.version ?? 1) };
    });
  }

  async getToilItemVersion(id: string): Promise<number | undefined> {
    const row: Pick<ToilRow, 'version'> | undefined = await this.db<ToilRow>(
      TOIL,
    )
      .where('id', id)
      .first('version');
    return row ? Number(row.version ?? 1) : undefined;
  }

  async findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined> {
    return findIdempotency(this.db, request);
  }

  async deleteToilItem(id: string, audit?: AuditInput): Promise<boolean> {
    return this.db.transaction(async tx => {
      const deleted = await tx(TOIL).where('id', id).delete();
      if (deleted === 0) return false;
      if (audit) await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      return true;
    });
  }
}
