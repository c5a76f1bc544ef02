import { Knex } from 'knex';
import {
  EntitySloStatus,
  FleetReadiness,
  FleetRow,
  FleetSortKey,
  SloSnapshot,
  worstSloStatus,
  SLO_STATUS_RANK,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * The fleet's two tables, their row shapes and the helpers every part of
 * the fleet store shares. Only the fleet folder reads or writes these
 * tables.
 */
export const FLEET = 'reliability_fleet';
export const WEEKLY = 'reliability_fleet_weekly';
/** Rows per statement of batched writes (SQLite's variable limit). */
export const WRITE_CHUNK = 100;

/** Severity rank of an entity SLO status: 0 is the worst. */
export const SLO_RANK: Record<EntitySloStatus, number> = SLO_STATUS_RANK;

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

/** The readiness status and golden-path level of one entity. */
export interface FleetReadinessUpdate {
  entityRef: string;
  readiness: FleetReadiness;
  goldenPathLevel: string | null;
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
  /** Error-budget policy states; `none` matches entities without one. */
  policyState?: string[];
  /**
   * Only these entities (e.g. those not done for a campaign); an empty
   * list matches none.
   */
  entityRefs?: string[];
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

export type FleetDbRow = {
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
  policy_state?: string | null;
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
  /** Rebuilt from stored history (weeks before the install). */
  backfilled?: boolean | number;
  updated_at: string;
};

export const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

export function toFleetRow(r: FleetDbRow): FleetRow {
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
    ...(r.policy_state ? { policyState: r.policy_state } : {}),
    updatedAt: r.updated_at,
  };
}

/** The position of a row in a listing sorted by `key`. */
export function positionOf(row: FleetRow, key: FleetSortKey): FleetPosition {
  const value =
    key === 'sloStatus' ? SLO_RANK[row.sloStatus] : (row[key] as never);
  return { value: value ?? null, entityRef: row.entityRef };
}

/** Restricts a query to tier ids; `none` matches a null tier. */
export function whereTier(q: Knex.QueryBuilder, tier?: string[]) {
  if (!tier?.length) return q;
  const tiers = tier.filter(t => t !== 'none');
  const none = tier.includes('none');
  return q.where(w => {
    if (tiers.length) w.orWhereIn('tier', tiers);
    if (none) w.orWhereNull('tier');
  });
}

/** A fleet row in the table's columns (the inverse of {@link toFleetRow}). */
export function toDbColumns(r: FleetRow): FleetDbRow {
  return {
    entity_ref: r.entityRef,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    title: r.title ?? null,
    owner_ref: r.ownerRef,
    system_ref: r.systemRef,
    tier: r.tier,
    slo_status: r.sloStatus,
    slo_rank: SLO_RANK[r.sloStatus],
    slo_count: r.sloCount,
    worst_budget_remaining: r.worstBudgetRemaining,
    pages_per_week: r.pagesPerWeek,
    pages_per_on_call_week: r.pagesPerOnCallWeek,
    mtta_ms: r.mttaMs,
    mttr_ms: r.mttrMs,
    noise_ratio: r.noiseRatio,
    runbook_coverage: r.runbookCoverage,
    readiness: r.readiness,
    golden_path_level: r.goldenPathLevel,
    policy_state: r.policyState ?? null,
    updated_at: r.updatedAt,
  };
}
