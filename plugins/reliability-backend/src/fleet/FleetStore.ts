import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntitySloStatus,
  FleetGroupSummary,
  EntityReadiness,
  FleetReadiness,
  FleetRow,
  FleetSortKey,
  FleetTrendPoint,
  Incident,
  SloSnapshot,
  computeAlertQuality,
  worstSloStatus,
  SLO_STATUS_RANK,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { AlertSourcesDocument } from '../alertQuality/AlertQualityCollector';
import { IndexedEntity, ReliabilityStore } from '../database/ReliabilityStore';
import {
  addUtcDays as addDays,
  isoWeekStart,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Clock } from '../lib/Clock';
import {
  EntityFilter,
  applyEntityFilter,
} from '../service/entityConditionFilter';

const DAY_MS = 24 * 60 * 60 * 1000;
const FLEET = 'reliability_fleet';
const WEEKLY = 'reliability_fleet_weekly';
/** Rows per statement of batched writes (SQLite's variable limit). */
const WRITE_CHUNK = 100;

/** Severity rank of an entity SLO status: 0 is the worst. */
export const SLO_RANK = SLO_STATUS_RANK;

/** SLO figures of one entity, as the SLO collector computes them. */
export interface FleetSloFigures {
  sloStatus: EntitySloStatus;
  sloCount: number;
  worstBudgetRemaining: number | null;
}

/** Alert-quality figures of one entity over the last 28 days. */
export interface FleetAlertQualityFigures {
  pagesPerWeek: number | null;
  /** Pages per on-call person-week; undefined leaves the stored value. */
  pagesPerOnCallWeek?: number | null;
  mttaMs: number | null;
  mttrMs: number | null;
  noiseRatio: number | null;
  runbookCoverage: number | null;
}

/**
 * What the entity indexer and the collectors call to keep the fleet table
 * (and the current ISO week's row of the weekly table) up to date. None of
 * them calls an upstream.
 */
export interface FleetUpdater {
  replaceEntities(entities: IndexedEntity[], now?: string): Promise<void>;
  updateSlo(
    entityRef: string,
    figures: FleetSloFigures,
    now?: string,
  ): Promise<void>;
  /** {@link FleetUpdater.updateSlo} with the figures of SLO snapshots. */
  updateSloFromSnapshots(
    entityRef: string,
    snapshots: SloSnapshot[],
    now?: Date,
  ): Promise<void>;
  updateAlertQuality(
    entityRef: string,
    figures: FleetAlertQualityFigures,
    now?: string,
  ): Promise<void>;
  /**
   * Computes the entity's 28-day alert-quality figures from the stored
   * incidents and alert sources, and stores them.
   */
  refreshAlertQuality(entityRef: string, now?: Date): Promise<void>;
}

/** SLO figures of an entity's SLO snapshots. */
export function fleetSloFiguresOf(snapshots: SloSnapshot[]): FleetSloFigures {
  const budgets = snapshots
    .map(s => s.budgetRemaining)
    .filter((b): b is number => typeof b === 'number' && Number.isFinite(b));
  return {
    sloStatus: worstSloStatus(snapshots.map(s => s.status)),
    sloCount: snapshots.length,
    worstBudgetRemaining: budgets.length ? Math.min(...budgets) : null,
  };
}

export interface FleetFilters {
  /** Tier ids; `none` matches entities without a (valid) tier. */
  tier?: string[];
  sloStatus?: EntitySloStatus[];
  owner?: string[];
  system?: string[];
  readiness?: FleetReadiness[];
}

export interface FleetSort {
  key: FleetSortKey;
  descending: boolean;
}

/** A position in the order of a listing: the sort value and the ref. */
export interface FleetPosition {
  value: string | number | null;
  entityRef: string;
}

type SortSpec = { column: string; nullable: boolean };

const SORT_COLUMNS: Record<FleetSortKey, SortSpec> = {
  entityRef: { column: 'entity_ref', nullable: false },
  tier: { column: 'tier', nullable: true },
  sloStatus: { column: 'slo_rank', nullable: false },
  worstBudgetRemaining: { column: 'worst_budget_remaining', nullable: true },
  pagesPerWeek: { column: 'pages_per_week', nullable: true },
  mttaMs: { column: 'mtta_ms', nullable: true },
  mttrMs: { column: 'mttr_ms', nullable: true },
  noiseRatio: { column: 'noise_ratio', nullable: true },
  runbookCoverage: { column: 'runbook_coverage', nullable: true },
};

type FleetDbRow = {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  tier: string | null;
  slo_status: string;
  slo_rank: number;
  slo_count: number;
  worst_budget_remaining: number | null;
  pages_per_week: number | null;
  pages_per_on_call_week: number | null;
  mtta_ms: number | null;
  mttr_ms: number | null;
  noise_ratio: number | null;
  runbook_coverage: number | null;
  readiness: string;
  golden_path_level: string | null;
  updated_at: string;
};

export type FleetWeeklyRow = {
  week: string;
  entity_ref: string;
  owner_ref: string | null;
  system_ref: string | null;
  tier: string | null;
  slo_status: string;
  slo_count: number;
  worst_budget_remaining: number | null;
  breached: boolean | number;
  pages_per_week: number | null;
  updated_at: string;
};

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

function toFleetRow(r: FleetDbRow): FleetRow {
  return {
    entityRef: r.entity_ref,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    ...(r.title ? { title: r.title } : {}),
    ownerRef: r.owner_ref,
    systemRef: r.system_ref,
    tier: r.tier,
    sloStatus: r.slo_status as EntitySloStatus,
    sloCount: Number(r.slo_count),
    worstBudgetRemaining: num(r.worst_budget_remaining),
    pagesPerWeek: num(r.pages_per_week),
    pagesPerOnCallWeek: num(r.pages_per_on_call_week),
    mttaMs: num(r.mtta_ms),
    mttrMs: num(r.mttr_ms),
    noiseRatio: num(r.noise_ratio),
    runbookCoverage: num(r.runbook_coverage),
    readiness: r.readiness as FleetReadiness,
    goldenPathLevel: r.golden_path_level,
    updatedAt: r.updated_at,
  };
}

/** The position of a row in a listing sorted by `key`. */
export function positionOf(row: FleetRow, key: FleetSortKey): FleetPosition {
  const value =
    key === 'sloStatus' ? SLO_RANK[row.sloStatus] : (row[key] as never);
  return { value: value ?? null, entityRef: row.entityRef };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

const mean = (values: Array<number | null>): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length
    ? present.reduce((a, b) => a + b, 0) / present.length
    : null;
};

/** KPIs of a group of fleet rows (the definitions of `GET /fleet/summary`). */
export function summarizeRows(
  key: string | null,
  rows: FleetRow[],
): FleetGroupSummary {
  const withSlos = rows.filter(r => r.sloStatus !== 'no-slo');
  const healthy = withSlos.filter(r => r.sloStatus === 'healthy').length;
  const readinessKnown = rows.filter(r => r.readiness !== 'unknown');
  const goldenKnown = rows.some(r => r.goldenPathLevel !== null);
  return {
    key,
    entities: rows.length,
    withSlos: withSlos.length,
    sloAttainmentRate: withSlos.length ? healthy / withSlos.length : null,
    burningAbovePolicy: rows.filter(
      r => r.sloStatus === 'breaching' || r.sloStatus === 'at-risk',
    ).length,
    pagesPerWeek: mean(rows.map(r => r.pagesPerWeek)),
    pagesPerOnCallWeek: mean(rows.map(r => r.pagesPerOnCallWeek)),
    mttaMs: mean(rows.map(r => r.mttaMs)),
    mttrMs: mean(rows.map(r => r.mttrMs)),
    noiseRatio: mean(rows.map(r => r.noiseRatio)),
    runbookCoverage: mean(rows.map(r => r.runbookCoverage)),
    readinessCoverage: readinessKnown.length
      ? readinessKnown.filter(
          r => r.readiness === 'ready' || r.readiness === 'exempt',
        ).length / readinessKnown.length
      : null,
    goldenPathAdoption: goldenKnown
      ? rows.filter(r => r.goldenPathLevel !== null).length / rows.length
      : null,
  };
}

export const GROUP_COLUMNS = {
  tier: 'tier',
  owner: 'owner_ref',
  system: 'system_ref',
} as const;

export type FleetGroupBy = keyof typeof GROUP_COLUMNS;

/** Code-unit order, null last. */
export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * The fleet table and its weekly history. Reads never touch the snapshots:
 * list, summary and trends are answered from these two indexed tables.
 */
/** A required readiness item of an entity that expires soon. */
export interface ExpiringReadinessItem {
  entityRef: string;
  tier: string | null;
  ownerRef: string | null;
  itemId: string;
  title: string;
  expiresAt: string;
}

export class FleetStore implements FleetUpdater {
  constructor(
    private readonly db: Knex,
    private readonly options: {
      /** The time of every write made without an explicit `now`. */
      clock: Clock;
      /** Read for alert-quality figures (incidents and alert sources). */
      store?: ReliabilityStore;
      logger?: LoggerService;
    },
  ) {}

  private nowIso(): string {
    return this.options.clock.now().toISOString();
  }

  // ---------------------------------------------------------------- writes

  async replaceEntities(
    entities: IndexedEntity[],
    now: string = this.nowIso(),
  ): Promise<void> {
    const week = isoWeekStart(now);
    const wanted = new Set(entities.map(e => e.entityRef));
    await this.db.transaction(async tx => {
      const existing: string[] = (await tx(FLEET).select('entity_ref')).map(
        (r: { entity_ref: string }) => r.entity_ref,
      );
      const gone = existing.filter(ref => !wanted.has(ref));
      for (const part of chunks(gone, WRITE_CHUNK)) {
        await tx(FLEET).whereIn('entity_ref', part).delete();
        await tx(WEEKLY)
          .where('week', week)
          .whereIn('entity_ref', part)
          .delete();
      }
      for (const part of chunks(entities, WRITE_CHUNK)) {
        await tx(FLEET)
          .insert(
            part.map(e => ({
              entity_ref: e.entityRef,
              kind: e.kind,
              namespace: e.namespace,
              name: e.name,
              owner_ref: e.ownerRef ?? null,
              system_ref: e.systemRef ?? null,
              tier: e.tierStatus === 'ok' ? e.tier ?? null : null,
              updated_at: now,
            })),
          )
          .onConflict('entity_ref')
          .merge([
            'kind',
            'namespace',
            'name',
            'owner_ref',
            'system_ref',
            'tier',
          ]);
      }
      await this.upsertWeekly(tx, [...wanted], week, now);
    });
  }

  async updateSlo(
    entityRef: string,
    figures: FleetSloFigures,
    now: string = this.nowIso(),
  ): Promise<void> {
    await this.updateFigures(
      entityRef,
      {
        slo_status: figures.sloStatus,
        slo_rank: SLO_RANK[figures.sloStatus],
        slo_count: figures.sloCount,
        worst_budget_remaining: figures.worstBudgetRemaining,
      },
      now,
    );
  }

  async updateSloFromSnapshots(
    entityRef: string,
    snapshots: SloSnapshot[],
    now: Date = this.options.clock.now(),
  ): Promise<void> {
    await this.guard(entityRef, () =>
      this.updateSlo(
        entityRef,
        fleetSloFiguresOf(snapshots),
        now.toISOString(),
      ),
    );
  }

  async updateAlertQuality(
    entityRef: string,
    figures: FleetAlertQualityFigures,
    now: string = this.nowIso(),
  ): Promise<void> {
    await this.updateFigures(
      entityRef,
      {
        pages_per_week: figures.pagesPerWeek,
        ...(figures.pagesPerOnCallWeek !== undefined
          ? { pages_per_on_call_week: figures.pagesPerOnCallWeek }
          : {}),
        mtta_ms: figures.mttaMs,
        mttr_ms: figures.mttrMs,
        noise_ratio: figures.noiseRatio,
        runbook_coverage: figures.runbookCoverage,
      },
      now,
    );
  }

  async refreshAlertQuality(
    entityRef: string,
    now: Date = this.options.clock.now(),
  ): Promise<void> {
    const store = this.options.store;
    if (!store) {
      return;
    }
    await this.guard(entityRef, async () => {
      const sources = await store.readDocument<AlertSourcesDocument>(
        entityRef,
        'alertSources',
      );
      const incidents = await store.listIncidents(
        entityRef,
        new Date(now.getTime() - 2 * 28 * DAY_MS - DAY_MS).toISOString(),
        now.toISOString(),
      );
      const { current } = computeAlertQuality({
        incidents,
        shifts: sources?.shifts,
        rules: sources?.rules ?? undefined,
        window: '28d',
        now,
      });
      const paged = Boolean(sources?.pagingSource);
      await this.updateAlertQuality(
        entityRef,
        {
          pagesPerWeek: paged ? current.pages / 4 : null,
          pagesPerOnCallWeek: paged ? current.onCall.pagesPerOnCallWeek : null,
          mttaMs: paged ? current.responseTimes.mtta.medianMs : null,
          mttrMs: paged ? current.responseTimes.mttr.medianMs : null,
          noiseRatio: paged ? current.noise.noiseRatio : null,
          runbookCoverage: current.runbookCoverage?.coverage ?? null,
        },
        now.toISOString(),
      );
    });
  }

  /**
   * Stores the readiness status and golden-path level of entities (from the
   * readiness evaluation). Only rows that exist and changed are written.
   */
  async updateReadiness(
    updates: Array<{
      entityRef: string;
      readiness: FleetReadiness;
      goldenPathLevel: string | null;
    }>,
    now: string = this.nowIso(),
  ): Promise<void> {
    const current = new Map<
      string,
      { readiness: string; golden_path_level: string | null }
    >();
    for (const part of chunks(updates, 500)) {
      const rows = await this.db(FLEET)
        .select('entity_ref', 'readiness', 'golden_path_level')
        .whereIn(
          'entity_ref',
          part.map(u => u.entityRef),
        );
      rows.forEach(r => current.set(r.entity_ref, r));
    }
    const changed = updates.filter(u => {
      const row = current.get(u.entityRef);
      return (
        row &&
        (row.readiness !== u.readiness ||
          row.golden_path_level !== u.goldenPathLevel)
      );
    });
    if (changed.length === 0) return;
    // One UPDATE per distinct (readiness, level) pair and chunk of refs.
    const groups = new Map<string, typeof changed>();
    for (const u of changed) {
      const key = JSON.stringify([u.readiness, u.goldenPathLevel]);
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    await this.db.transaction(async tx => {
      for (const group of groups.values()) {
        for (const part of chunks(group, 500)) {
          await tx(FLEET)
            .whereIn(
              'entity_ref',
              part.map(u => u.entityRef),
            )
            .update({
              readiness: group[0].readiness,
              golden_path_level: group[0].goldenPathLevel,
              updated_at: now,
            });
        }
      }
      await this.upsertWeekly(
        tx,
        changed.map(u => u.entityRef),
        isoWeekStart(now),
        now,
      );
    });
  }

  /** Fleet updates must not fail a collection: failures are logged. */
  private async guard(entityRef: string, fn: () => Promise<void>) {
    try {
      await fn();
    } catch (error) {
      this.options.logger?.warn(
        `Could not update the fleet row of ${entityRef}: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }

  private async updateFigures(
    entityRef: string,
    figures: Record<string, string | number | null>,
    now: string,
  ) {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    await this.db.transaction(async tx => {
      await tx(FLEET)
        .insert({
          entity_ref: entityRef,
          kind,
          namespace,
          name,
          ...figures,
          updated_at: now,
        })
        .onConflict('entity_ref')
        .merge([...Object.keys(figures), 'updated_at']);
      await this.upsertWeekly(tx, [entityRef], isoWeekStart(now), now);
    });
  }

  /** Copies the fleet rows of `refs` into the week's rows. */
  private async upsertWeekly(
    tx: Knex.Transaction,
    refs: string[],
    week: string,
    now: string,
  ) {
    for (const part of chunks(refs, WRITE_CHUNK)) {
      const rows: FleetDbRow[] = await tx(FLEET)
        .whereIn('entity_ref', part)
        .select();
      if (rows.length === 0) continue;
      await tx(WEEKLY)
        .insert(
          rows.map(r => ({
            week,
            entity_ref: r.entity_ref,
            owner_ref: r.owner_ref,
            system_ref: r.system_ref,
            tier: r.tier,
            slo_status: r.slo_status,
            slo_count: r.slo_count,
            worst_budget_remaining: r.worst_budget_remaining,
            breached: r.slo_status === 'breaching',
            pages_per_week: r.pages_per_week,
            updated_at: now,
          })),
        )
        .onConflict(['week', 'entity_ref'])
        .merge([
          'owner_ref',
          'system_ref',
          'tier',
          'slo_status',
          'slo_count',
          'worst_budget_remaining',
          'pages_per_week',
          'updated_at',
        ]);
      // `breached` is sticky within a week: set, never cleared.
      await tx(WEEKLY)
        .where('week', week)
        .whereIn('entity_ref', part)
        .where('slo_status', 'breaching')
        .update({ breached: true });
    }
  }

  // ----------------------------------------------------------------- reads

  private filtered(filters: FleetFilters): Knex.QueryBuilder {
    const q = this.db(FLEET);
    if (filters.tier?.length) {
      const tiers = filters.tier.filter(t => t !== 'none');
      const none = filters.tier.includes('none');
      q.where(w => {
        if (tiers.length) w.orWhereIn('tier', tiers);
        if (none) w.orWhereNull('tier');
      });
    }
    if (filters.sloStatus?.length) q.whereIn('slo_status', filters.sloStatus);
    if (filters.owner?.length) q.whereIn('owner_ref', filters.owner);
    if (filters.system?.length) q.whereIn('system_ref', filters.system);
    if (filters.readiness?.length) q.whereIn('readiness', filters.readiness);
    return q;
  }

  /**
   * Up to `limit` rows after `after` (exclusive) in the order of `sort`:
   * the sort value (nulls last in both directions), then the entity ref in
   * the same direction.
   */
  /** Every entity's worst SLO status (for the catalog labels module). */
  async listSloStatuses(): Promise<Record<string, EntitySloStatus>> {
    const rows: Array<{ entity_ref: string; slo_status: string }> =
      await this.db(FLEET).select('entity_ref', 'slo_status');
    return Object.fromEntries(
      rows.map(r => [r.entity_ref, r.slo_status as EntitySloStatus]),
    );
  }

  async listBatch(options: {
    filters: FleetFilters;
    sort: FleetSort;
    after?: FleetPosition;
    limit: number;
  }): Promise<FleetRow[]> {
    const { filters, sort, after, limit } = options;
    const { column, nullable } = SORT_COLUMNS[sort.key];
    const dir = sort.descending ? 'desc' : 'asc';
    const op = sort.descending ? '<' : '>';
    const q = this.filtered(filters);
    if (after) {
      if (column === 'entity_ref') {
        q.where('entity_ref', op, after.entityRef);
      } else if (after.value === null) {
        q.whereNull(column).where('entity_ref', op, after.entityRef);
      } else {
        const v = after.value;
        q.where(w => {
          if (nullable) w.orWhereNull(column);
          w.orWhere(column, op, v).orWhere(inner =>
            inner.where(column, v).where('entity_ref', op, after.entityRef),
          );
        });
      }
    }
    if (nullable) {
      q.orderByRaw(`CASE WHEN ?? IS NULL THEN 1 ELSE 0 END`, [column]);
    }
    if (column !== 'entity_ref') q.orderBy(column, dir);
    q.orderBy('entity_ref', dir);
    const rows: FleetDbRow[] = await q.select().limit(limit);
    return rows.map(toFleetRow);
  }

  async count(filters: FleetFilters): Promise<number> {
    const [row] = await this.filtered(filters).count({ n: '*' });
    return Number((row as { n: number | string }).n);
  }

  /** Refs of all rows matching the filters. */
  async listRefs(filters: FleetFilters): Promise<string[]> {
    return (await this.filtered(filters).select('entity_ref')).map(
      (r: { entity_ref: string }) => r.entity_ref,
    );
  }

  /** All rows matching the filters (for permission-filtered aggregates). */
  /**
   * The refs of fleet entities matching a permission condition translated
   * into a filter (see `entityConditionFilter.ts`), evaluated by the
   * database.
   */
  async listRefsMatching(filter: EntityFilter): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await applyEntityFilter(
      this.db(FLEET).select('entity_ref'),
      filter,
    ).orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Required readiness items whose attestation or exemption runs out soon
   * (state `expiring`), from the stored readiness sections; null when
   * readiness was never evaluated.
   */
  async listExpiringReadiness(): Promise<ExpiringReadinessItem[] | null> {
    const store = this.options.store;
    if (!store) return null;
    const sections = await store.readSectionOf('readiness');
    if (sections.size === 0) return null;
    const rows = await this.getRows([...sections.keys()]);
    const items: ExpiringReadinessItem[] = [];
    for (const [entityRef, section] of sections) {
      const readiness = section.items[0] as EntityReadiness | undefined;
      for (const item of readiness?.items ?? []) {
        if (item.state !== 'expiring' || !item.expiresAt) continue;
        items.push({
          entityRef,
          tier: readiness?.tier ?? null,
          ownerRef: rows.get(entityRef)?.ownerRef ?? null,
          itemId: item.id,
          title: item.title,
          expiresAt: item.expiresAt,
        });
      }
    }
    return items.sort(
      (a, b) =>
        compareKeys(a.expiresAt, b.expiresAt) ||
        compareKeys(a.entityRef, b.entityRef) ||
        compareKeys(a.itemId, b.itemId),
    );
  }

  /** The fleet rows of the given entities (those that have one). */
  async getRows(entityRefs: string[]): Promise<Map<string, FleetRow>> {
    const result = new Map<string, FleetRow>();
    for (const part of chunks(entityRefs, 500)) {
      const rows: FleetDbRow[] = await this.db(FLEET)
        .whereIn('entity_ref', part)
        .select();
      rows.forEach(r => result.set(r.entity_ref, toFleetRow(r)));
    }
    return result;
  }

  async listAll(filters: FleetFilters = {}): Promise<FleetRow[]> {
    const rows: FleetDbRow[] = await this.filtered(filters)
      .select()
      .orderBy('entity_ref');
    return rows.map(toFleetRow);
  }

  /** KPIs per group, aggregated by the database (no permission filter). */
  async summary(groupBy: FleetGroupBy): Promise<FleetGroupSummary[]> {
    const col = GROUP_COLUMNS[groupBy];
    const raw = this.db.raw.bind(this.db);
    const rows = await this.db(FLEET)
      .select({ key: col })
      .select(
        raw('COUNT(*) as entities'),
        raw(
          `SUM(CASE WHEN slo_status <> 'no-slo' THEN 1 ELSE 0 END) as with_slos`,
        ),
        raw(
          `SUM(CASE WHEN slo_status = 'healthy' THEN 1 ELSE 0 END) as healthy`,
        ),
        raw(
          `SUM(CASE WHEN slo_status IN ('breaching', 'at-risk') THEN 1 ELSE 0 END) as burning`,
        ),
        raw('AVG(pages_per_week) as pages_per_week'),
        raw('AVG(pages_per_on_call_week) as pages_per_on_call_week'),
        raw('AVG(mtta_ms) as mtta_ms'),
        raw('AVG(mttr_ms) as mttr_ms'),
        raw('AVG(noise_ratio) as noise_ratio'),
        raw('AVG(runbook_coverage) as runbook_coverage'),
        raw(
          `SUM(CASE WHEN readiness <> 'unknown' THEN 1 ELSE 0 END) as readiness_known`,
        ),
        raw(
          `SUM(CASE WHEN readiness IN ('ready', 'exempt') THEN 1 ELSE 0 END) as ready`,
        ),
        raw('COUNT(golden_path_level) as golden'),
      )
      .groupBy(col);
    return rows
      .map((r: Record<string, unknown>): FleetGroupSummary => {
        const entities = Number(r.entities);
        const withSlos = Number(r.with_slos);
        const known = Number(r.readiness_known);
        const golden = Number(r.golden);
        return {
          key: (r.key as string | null) ?? null,
          entities,
          withSlos,
          sloAttainmentRate: withSlos ? Number(r.healthy) / withSlos : null,
          burningAbovePolicy: Number(r.burning),
          pagesPerWeek: num(r.pages_per_week),
          pagesPerOnCallWeek: num(r.pages_per_on_call_week),
          mttaMs: num(r.mtta_ms),
          mttrMs: num(r.mttr_ms),
          noiseRatio: num(r.noise_ratio),
          runbookCoverage: num(r.runbook_coverage),
          readinessCoverage: known ? Number(r.ready) / known : null,
          goldenPathAdoption: golden ? golden / entities : null,
        };
      })
      .sort((a, b) => compareKeys(a.key, b.key));
  }

  /** Weekly rows from `fromWeek` (inclusive), optionally of some tiers. */
  async listWeekly(options: {
    fromWeek: string;
    toWeek?: string;
    tier?: string[];
  }): Promise<FleetWeeklyRow[]> {
    const q = this.db(WEEKLY).where('week', '>=', options.fromWeek);
    if (options.toWeek) q.where('week', '<=', options.toWeek);
    if (options.tier?.length) {
      const tiers = options.tier.filter(t => t !== 'none');
      const none = options.tier.includes('none');
      q.where(w => {
        if (tiers.length) w.orWhereIn('tier', tiers);
        if (none) w.orWhereNull('tier');
      });
    }
    return q.select().orderBy(['week', 'entity_ref']);
  }

  /** Trend points per week and tier, aggregated by the database. */
  async trends(options: {
    fromWeek: string;
    tier?: string[];
  }): Promise<FleetTrendPoint[]> {
    const raw = this.db.raw.bind(this.db);
    const q = this.db(WEEKLY)
      .where('week', '>=', options.fromWeek)
      .select('week', 'tier')
      .select(
        raw('COUNT(*) as entities'),
        raw(
          `SUM(CASE WHEN slo_status <> 'no-slo' THEN 1 ELSE 0 END) as with_slos`,
        ),
        raw(
          `SUM(CASE WHEN slo_status = 'healthy' THEN 1 ELSE 0 END) as healthy`,
        ),
        raw(`SUM(CASE WHEN breached THEN 1 ELSE 0 END) as breaching`),
        raw('AVG(pages_per_week) as pages_per_week'),
      )
      .groupBy('week', 'tier');
    if (options.tier?.length) {
      const tiers = options.tier.filter(t => t !== 'none');
      const none = options.tier.includes('none');
      q.where(w => {
        if (tiers.length) w.orWhereIn('tier', tiers);
        if (none) w.orWhereNull('tier');
      });
    }
    const rows = await q;
    return rows
      .map((r: Record<string, unknown>) => {
        const withSlos = Number(r.with_slos);
        return {
          week: String(r.week),
          tier: (r.tier as string | null) ?? null,
          entities: Number(r.entities),
          sloAttainmentRate: withSlos ? Number(r.healthy) / withSlos : null,
          breaching: Number(r.breaching),
          pagesPerWeek: num(r.pages_per_week),
        };
      })
      .sort(
        (a: FleetTrendPoint, b: FleetTrendPoint) =>
          compareKeys(a.week, b.week) || compareKeys(a.tier, b.tier),
      );
  }

  /** SLO history points with budget_remaining <= 0 in `[fromDay, toDay)`. */
  async listBudgetExhaustion(
    fromDay: string,
    toDay: string,
  ): Promise<
    Array<{
      entityRef: string;
      sloId: string;
      day: string;
      budgetRemaining: number;
    }>
  > {
    const rows = await this.db('reliability_slo_history')
      .where('day', '>=', fromDay)
      .where('day', '<', toDay)
      .where('budget_remaining', '<=', 0)
      .select('entity_ref', 'slo_id', 'day', 'budget_remaining')
      .orderBy(['entity_ref', 'slo_id', 'day']);
    return rows.map((r: Record<string, unknown>) => ({
      entityRef: String(r.entity_ref),
      sloId: String(r.slo_id),
      day: String(r.day),
      budgetRemaining: Number(r.budget_remaining),
    }));
  }

  /** Stored incidents of all entities created in `[from, to)`. */
  async listIncidentsBetween(
    from: string,
    to: string,
  ): Promise<Array<Incident & { entityRef: string }>> {
    const rows = await this.db('reliability_incidents')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select()
      .orderBy(['created_at', 'entity_ref', 'id']);
    return rows.map((r: Record<string, any>) => ({
      entityRef: r.entity_ref,
      id: r.id,
      source: r.source,
      ...(r.service_id ? { serviceId: r.service_id } : {}),
      title: r.title,
      alertKey: r.alert_key,
      urgency: r.urgency,
      status: r.status,
      createdAt: r.created_at,
      firstAcknowledgedAt: r.first_acknowledged_at,
      resolvedAt: r.resolved_at,
      escalations: Number(r.escalations),
    }));
  }
}

export { addDays };
