import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { Clock } from '../lib/Clock';
import { EntityFilter } from '../service/request';
import { FleetProjection, FleetWriter } from './FleetProjection';
import { FleetListing } from './fleetListing';
import { FleetGroupBy, FleetSummaries } from './fleetKpis';
import { FleetReviewReads } from './fleetReviewReads';
import { FleetFilters, FleetPosition, FleetSort } from './fleetRows';
import { FleetWeekly } from './fleetWeekly';

export type {
  FleetAlertQualityFigures,
  FleetFilters,
  FleetIncidentFigures,
  FleetPosition,
  FleetReadinessUpdate,
  FleetSloFigures,
  FleetSort,
  FleetWeeklyRow,
} from './fleetRows';
export { SLO_RANK, fleetSloFiguresOf, positionOf } from './fleetRows';
export type { FleetGroupBy } from './fleetKpis';
export { GROUP_COLUMNS, summarizeRows } from './fleetKpis';
export type { ExpiringReadinessItem } from './fleetReviewReads';
export type { FleetProjection } from './FleetProjection';
export { addUtcDays as addDays } from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The fleet feature's store: the fleet table (one denormalised row per
 * entity) and its weekly history. Made of one part per job:
 *
 * - {@link FleetWriter} (`FleetProjection.ts`): every write;
 *   {@link FleetStore.projection} is what the producers of the figures
 *   call after their own store writes;
 * - {@link FleetListing}: keyset listing, counts, refs and rows;
 * - {@link FleetSummaries} (`fleetKpis.ts`): KPIs per group;
 * - {@link FleetWeekly}: weekly rows and trends;
 * - {@link FleetReviewReads}: other features' data for the weekly review,
 *   read through their store interface.
 *
 * Reads never touch the snapshots: list, summary and trends are answered
 * from the two indexed tables.
 */
export class FleetStore {
  /** What the indexer, the collectors and the readiness evaluator call. */
  readonly projection: FleetProjection;
  private readonly writer: FleetWriter;
  private readonly listing: FleetListing;
  private readonly summaries: FleetSummaries;
  private readonly weekly: FleetWeekly;
  private readonly review: FleetReviewReads;

  constructor(
    db: Knex,
    options: {
      /** The time of every write made without an explicit `now`. */
      clock: Clock;
      /**
       * Other features' data: incidents and alert sources (alert-quality
       * figures, the weekly review), SLO history and readiness sections
       * (the weekly review).
       */
      store: ReliabilityStore;
      logger?: LoggerService;
    },
  ) {
    this.writer = new FleetWriter(db, options);
    this.projection = this.writer;
    this.listing = new FleetListing(db);
    this.summaries = new FleetSummaries(db);
    this.weekly = new FleetWeekly(db);
    this.review = new FleetReviewReads(options.store, this.listing);
  }

  // ------------------------------------------- writes of figures, directly

  replaceEntities(...args: Parameters<FleetWriter['replaceEntities']>) {
    return this.writer.replaceEntities(...args);
  }
  backfillHistory(...args: Parameters<FleetWriter['backfillHistory']>) {
    return this.writer.backfillHistory(...args);
  }
  updateSlo(...args: Parameters<FleetWriter['updateSlo']>) {
    return this.writer.updateSlo(...args);
  }
  updateAlertQuality(...args: Parameters<FleetWriter['updateAlertQuality']>) {
    return this.writer.updateAlertQuality(...args);
  }
  updateReadiness(...args: Parameters<FleetWriter['updateReadiness']>) {
    return this.writer.updateReadiness(...args);
  }

  // ---------------------------------------------------------------- rows

  /** Every entity's worst SLO status (for the catalog labels module). */
  listSloStatuses() {
    return this.listing.listSloStatuses();
  }

  listPolicyStates() {
    return this.listing.listPolicyStates();
  }
  listBatch(options: {
    filters: FleetFilters;
    sort: FleetSort;
    after?: FleetPosition;
    limit: number;
  }) {
    return this.listing.listBatch(options);
  }
  count(filters: FleetFilters) {
    return this.listing.count(filters);
  }
  listRefs(filters: FleetFilters) {
    return this.listing.listRefs(filters);
  }
  listRefsMatching(filter: EntityFilter) {
    return this.listing.listRefsMatching(filter);
  }
  getRows(entityRefs: string[]) {
    return this.listing.getRows(entityRefs);
  }
  listAll(filters: FleetFilters = {}) {
    return this.listing.listAll(filters);
  }

  // -------------------------------------------------- aggregates, weekly

  summary(groupBy: FleetGroupBy) {
    return this.summaries.summary(groupBy);
  }
  listWeekly(options: Parameters<FleetWeekly['listWeekly']>[0]) {
    return this.weekly.listWeekly(options);
  }
  trends(options: Parameters<FleetWeekly['trends']>[0]) {
    return this.weekly.trends(options);
  }

  // ------------------------------------------------ other features' data

  listExpiringReadiness() {
    return this.review.listExpiringReadiness();
  }
  listBudgetExhaustion(fromDay: string, toDay: string) {
    return this.review.listBudgetExhaustion(fromDay, toDay);
  }
  listIncidentsBetween(from: string, to: string) {
    return this.review.listIncidentsBetween(from, to);
  }
}
