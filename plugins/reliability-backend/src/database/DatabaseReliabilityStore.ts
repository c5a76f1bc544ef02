import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  RELIABILITY_SECTIONS,
  SloHistoryEntry,
  SloSpec,
  ReliabilitySection,
  ReliabilitySectionName,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import {
  IndexedEntity,
  ReliabilityStore,
  SectionWrite,
} from './ReliabilityStore';

const migrationsDir = resolvePackagePath(
  '@reliability-kit/backstage-plugin-reliability-backend',
  'migrations',
);

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

// Stay well below SQLite's limit of bound variables per statement.
const BATCH_SIZE = 50;

/**
 * The knex implementation of {@link ReliabilityStore}, for SQLite and
 * PostgreSQL.
 *
 * @public
 */
export class DatabaseReliabilityStore implements ReliabilityStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReliabilityStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await DatabaseReliabilityStore.migrate(client);
    }
    return new DatabaseReliabilityStore(client);
  }

  /** Runs the migrations shipped in this package. */
  static async migrate(client: Knex): Promise<void> {
    await client.migrate.latest({
      directory: migrationsDir,
      tableName: 'reliability_knex_migrations',
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
    return rows.map(r => ({
      entityRef: r.entity_ref,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      ownerRef: r.owner_ref ?? undefined,
      systemRef: r.system_ref ?? undefined,
      tier: r.tier ?? undefined,
      tierStatus: r.tier_status as IndexedEntity['tierStatus'],
      tierMessage: r.tier_message ?? undefined,
    }));
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

  async markSectionStale(
    entityRef: string,
    section: ReliabilitySectionName,
    reason: string,
  ): Promise<void> {
    await this.db<SectionRow>('reliability_sections')
      .where({ entity_ref: entityRef, section })
      .update({ stale: true, stale_reason: reason });
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
}
