import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  SloSnapshot,
  computeAlertQuality,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import type { AlertSourcesDocument } from '../alertQuality/AlertSourcesDocument';
import { IndexedEntity, ReliabilityStore } from '../database/ReliabilityStore';
import { Clock } from '../lib/Clock';
import {
  FLEET,
  FleetAlertQualityFigures,
  FleetDbRow,
  FleetIncidentFigures,
  FleetReadinessUpdate,
  FleetSloFigures,
  SLO_RANK,
  WEEKLY,
  WRITE_CHUNK,
  fleetSloFiguresOf,
} from './fleetRows';
import { writeIncidentFigures } from './fleetIncidentFigures';
import { chunk } from '../lib/chunk';
import { backfillWeeklyRows, backfillWeeks } from './fleetHistoryBackfill';
import { isoWeekStart } from '@reliability-kit/backstage-plugin-reliability-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the features that produce the fleet's figures call, right after
 * their own store write, to keep the fleet table (and the current ISO
 * week's row of the weekly table) up to date. None of these calls an
 * upstream.
 *
 * - the entity indexer, after `replaceEntityIndex`: `entitiesIndexed`, and
 *   after `updateEntityIndex` (the change pass): `entitiesChanged` (a
 *   failure of either fails the indexing run, as a failed index write does);
 * - the SLO collector, after writing an entity's `slos` section:
 *   `sloWritten`;
 * - the alert-quality collector, after writing an entity's `alertQuality`
 *   section: `alertQualityWritten`;
 * - the readiness evaluator, after a run: `readinessEvaluated`.
 *
 * The last three never throw: a failed fleet update is logged and never
 * fails a collection.
 */
export interface FleetProjection {
  /** Replaces the fleet's entities with the entity index. */
  entitiesIndexed(entities: IndexedEntity[], now: string): Promise<void>;
  /**
   * Upserts the fleet rows of changed or new entities and removes those of
   * entities gone; other rows stay.
   */
  entitiesChanged(
    upserted: IndexedEntity[],
    removed: string[],
    now: string,
  ): Promise<void>;
  /** Stores the SLO figures of the snapshots just written for an entity. */
  sloWritten(
    entityRef: string,
    snapshots: SloSnapshot[],
    now: string,
  ): Promise<void>;
  /**
   * Computes the entity's 28-day alert-quality figures from the stored
   * incidents and alert sources, and stores them.
   */
  alertQualityWritten(entityRef: string, now: string): Promise<void>;
  /** Stores the readiness status and golden-path level of entities. */
  readinessEvaluated(
    updates: FleetReadinessUpdate[],
    now: string,
  ): Promise<void>;
  /** Stores the error-budget policy state of an entity. */
  policyEvaluated(entityRef: string, state: string, now: string): Promise<void>;
  /**
   * Stores the incident figures of entities (the incidents collector's
   * run); only existing rows that changed are written. Never throws.
   */
  incidentsAssessed?(
    figures: FleetIncidentFigures[],
    now: string,
  ): Promise<void>;
  /**
   * Told by the SLO and alert-quality collectors after each run, with what
   * they store history of: on the first call per source (per backend
   * start), rebuilds the weekly rows of the 12 weeks before the current one
   * from the stored SLO history and incidents (never a row the collectors
   * keep). Never throws.
   */
  historyStored?(source: 'slo' | 'incidents', now: string): Promise<void>;
}

/**
 * The fleet's writes: {@link FleetProjection} and the figure updates it is
 * made of. The only writer of the fleet tables.
 */
export class FleetWriter implements FleetProjection {
  /** Sources whose history was backfilled since this backend started. */
  private readonly historySources = new Set<string>();

  constructor(
    private readonly db: Knex,
    private readonly options: {
      /** The time of every write made without an explicit `now`. */
      clock: Clock;
      /** Read for alert-quality figures (incidents and alert sources). */
      store: ReliabilityStore;
      logger?: LoggerService;
    },
  ) {}

  private nowIso(): string {
    return this.options.clock.now().toISOString();
  }

  // ----------------------------------------------------------- projection

  async entitiesIndexed(entities: IndexedEntity[], now: string) {
    await this.replaceEntities(entities, now);
  }

  async entitiesChanged(
    upserted: IndexedEntity[],
    removed: string[],
    now: string,
  ) {
    if (upserted.length === 0 && removed.length === 0) {
      return;
    }
    await this.db.transaction(async tx => {
      await this.applyEntities(tx, upserted, removed, now);
    });
  }

  async sloWritten(entityRef: string, snapshots: SloSnapshot[], now: string) {
    await this.guard(entityRef, () =>
      this.updateSlo(entityRef, fleetSloFiguresOf(snapshots), now),
    );
  }

  async alertQualityWritten(entityRef: string, now: string) {
    await this.guard(entityRef, () =>
      this.refreshAlertQuality(entityRef, new Date(now)),
    );
  }

  async readinessEvaluated(updates: FleetReadinessUpdate[], now: string) {
    try {
      await this.updateReadiness(updates, now);
    } catch (error) {
      this.options.logger?.warn(
        `Could not update readiness in the fleet table: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }

  async policyEvaluated(entityRef: string, state: string, now: string) {
    await this.guard(entityRef, async () => {
      await this.db(FLEET)
        .where('entity_ref', entityRef)
        .whereRaw('(policy_state is null or policy_state <> ?)', [state])
        .update({ policy_state: state, updated_at: now });
    });
  }

  async incidentsAssessed(figures: FleetIncidentFigures[], now: string) {
    try {
      await writeIncidentFigures(this.db, figures, now);
    } catch (error) {
      this.options.logger?.warn(
        `Could not update incidents in the fleet table: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }

  async historyStored(source: 'slo' | 'incidents', now: string) {
    if (this.historySources.has(source)) return;
    this.historySources.add(source);
    try {
      await this.backfillHistory(new Date(now));
    } catch (error) {
      this.historySources.delete(source);
      this.options.logger?.warn(
        `Could not rebuild the fleet's weekly history: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
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

  // ------------------------------------------------------- figure updates

  /**
   * Replaces the fleet's entities (kind, namespace, name, owner, system,
   * tier); rows of entities gone from the index are removed, together with
   * their row of the current week (earlier weeks are history and stay).
   */
  async replaceEntities(
    entities: IndexedEntity[],
    now: string = this.nowIso(),
  ): Promise<void> {
    const wanted = new Set(entities.map(e => e.entityRef));
    await this.db.transaction(async tx => {
      const existing: string[] = (await tx(FLEET).select('entity_ref')).map(
        (r: { entity_ref: string }) => r.entity_ref,
      );
      const gone = existing.filter(ref => !wanted.has(ref));
      await this.applyEntities(tx, entities, gone, now);
    });
  }

  /**
   * Removes the rows of `gone` (and their row of the current week) and
   * upserts those of `entities`, with their row of the current week.
   */
  private async applyEntities(
    tx: Knex.Transaction,
    entities: IndexedEntity[],
    gone: string[],
    now: string,
  ) {
    const week = isoWeekStart(now);
    for (const part of chunk(gone, WRITE_CHUNK)) {
      await tx(FLEET).whereIn('entity_ref', part).delete();
      await tx(WEEKLY).where('week', week).whereIn('entity_ref', part).delete();
    }
    for (const part of chunk(entities, WRITE_CHUNK)) {
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
    await this.upsertWeekly(
      tx,
      entities.map(e => e.entityRef),
      week,
      now,
    );
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

  /**
   * The entity's 28-day alert-quality figures, computed from the stored
   * incidents and alert sources with `computeAlertQuality` (UTC hours).
   * Without a paging source the paging figures are null.
   */
  async refreshAlertQuality(
    entityRef: string,
    now: Date = this.options.clock.now(),
  ): Promise<void> {
    const { store } = this.options;
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
  }

  /**
   * Stores the readiness status and golden-path level of entities (from the
   * readiness evaluation). Only rows that exist and changed are written.
   */
  async updateReadiness(
    updates: FleetReadinessUpdate[],
    now: string = this.nowIso(),
  ): Promise<void> {
    const current = new Map<
      string,
      { readiness: string; golden_path_level: string | null }
    >();
    for (const part of chunk(updates, 500)) {
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
        for (const part of chunk(group, 500)) {
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

  /**
   * Rebuilds the weekly rows of the {@link BACKFILL_WEEKS} weeks before the
   * week of `now` from the stored SLO history and incidents
   * ({@link backfillWeeklyRows}), for the entities of the fleet table (with
   * their current owner, system and tier). Rows the collectors keep
   * (`backfilled` false) are never touched; earlier backfilled rows are
   * replaced. Returns the rows written.
   */
  async backfillHistory(now: Date = this.options.clock.now()): Promise<number> {
    const weeks = backfillWeeks(now);
    const fromDay = weeks[0];
    const toDay = isoWeekStart(now);
    const { store } = this.options;
    const [fleet, sloPoints, incidents] = await Promise.all([
      this.db(FLEET).select(
        'entity_ref',
        'owner_ref',
        'system_ref',
        'tier',
        'pages_per_week',
      ) as Promise<FleetDbRow[]>,
      store.listSloHistoryBetween(fromDay, toDay),
      store.listIncidentsBetween(
        `${fromDay}T00:00:00.000Z`,
        `${toDay}T00:00:00.000Z`,
      ),
    ]);
    const rows = backfillWeeklyRows({
      weeks,
      entities: fleet.map(r => ({
        entityRef: r.entity_ref,
        ownerRef: r.owner_ref,
        systemRef: r.system_ref,
        tier: r.tier,
        paged: r.pages_per_week !== null,
      })),
      sloPoints,
      incidents,
      pagingSince: incidents[0]?.createdAt ?? null,
    });
    const nowIso = now.toISOString();
    let written = 0;
    await this.db.transaction(async tx => {
      const live = new Set(
        (
          await tx(WEEKLY)
            .where('week', '>=', fromDay)
            .where('week', '<', toDay)
            .where('backfilled', false)
            .select('week', 'entity_ref')
        ).map(
          (r: { week: string; entity_ref: string }) =>
            `${r.week}|${r.entity_ref}`,
        ),
      );
      await tx(WEEKLY)
        .where('week', '>=', fromDay)
        .where('week', '<', toDay)
        .where('backfilled', true)
        .delete();
      const fresh = rows.filter(r => !live.has(`${r.week}|${r.entityRef}`));
      for (const part of chunk(fresh, WRITE_CHUNK)) {
        await tx(WEEKLY).insert(
          part.map(r => ({
            week: r.week,
            entity_ref: r.entityRef,
            owner_ref: r.ownerRef,
            system_ref: r.systemRef,
            tier: r.tier,
            slo_status: r.sloStatus,
            slo_count: r.sloCount,
            worst_budget_remaining: r.worstBudgetRemaining,
            breached: r.breached,
            pages_per_week: r.pagesPerWeek,
            backfilled: true,
            updated_at: nowIso,
          })),
        );
      }
      written = fresh.length;
    });
    this.options.logger?.info(
      `Rebuilt ${written} weekly fleet rows of ${weeks[0]} to ${
        weeks[weeks.length - 1]
      } from the stored SLO history and incidents`,
    );
    return written;
  }

  /** Copies the fleet rows of `refs` into the week's rows. */
  private async upsertWeekly(
    tx: Knex.Transaction,
    refs: string[],
    week: string,
    now: string,
  ) {
    for (const part of chunk(refs, WRITE_CHUNK)) {
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
            backfilled: false,
            updated_at: now,
          })),
        )
        .onConflict(['week', 'entity_ref'])
        .merge([
          'backfilled',
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
}
