import {
  SloHistoryEntry,
  SloSpec,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * One stored daily point of an SLO of an entity (the fleet's backfill).
 *
 * @public
 */
export interface SloHistoryDay {
  /** The entity the SLO belongs to. */
  entityRef: string;
  /** The SLO's id within the entity. */
  sloId: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** The SLO's status at the end of that day. */
  status: SloHistoryEntry['status'];
  /** The error budget remaining that day (a ratio), or null when unknown. */
  budgetRemaining: number | null;
}

/**
 * Persistence of file-defined SLO specs and daily SLO history (tables
 * `reliability_slo_definitions` and `reliability_slo_history`).
 *
 * @public
 */
export interface SloStore {
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
   * Every history point of every entity on days `fromDay <= day < toDay`
   * (YYYY-MM-DD), ordered by entity, SLO and day (the fleet's backfill).
   */
  listSloHistoryBetween(
    fromDay: string,
    toDay: string,
  ): Promise<SloHistoryDay[]>;
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
}
