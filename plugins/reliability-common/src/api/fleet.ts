import { EntitySloStatus } from '../slo';

/**
 * Readiness of an entity for its tier (filled by the readiness feature;
 * `unknown` until it exists).
 *
 * @public
 */
export type FleetReadiness =
  | 'ready'
  | 'not-ready'
  | 'expiring'
  | 'exempt'
  | 'unknown';

/**
 * One row of the fleet table: the denormalised, indexed summary of an entity
 * that the collectors keep up to date. List endpoints read only this table.
 *
 * @public
 */
export interface FleetRow {
  /** The entity ref. */
  entityRef: string;
  /** The entity kind, lower case. */
  kind: string;
  /** The entity namespace. */
  namespace: string;
  /** The entity name. */
  name: string;
  /** The entity title, if any. */
  title?: string;
  /** The owning group ref; null without an owner. */
  ownerRef: string | null;
  /** The system ref; null without a system. */
  systemRef: string | null;
  /** A configured tier id, or null when missing or invalid. */
  tier: string | null;
  /** The worst status of the entity's SLOs. */
  sloStatus: EntitySloStatus;
  /** How many SLOs the entity has. */
  sloCount: number;
  /** The lowest budget remaining of the entity's SLOs; null without data. */
  worstBudgetRemaining: number | null;
  /** Pages per week over the last 28 days; null without a paging source. */
  pagesPerWeek: number | null;
  /** Pages per on-call person-week over the last 28 days; null without shifts. */
  pagesPerOnCallWeek: number | null;
  /** Median MTTA / MTTR of the last 28 days, in milliseconds. */
  mttaMs: number | null;
  /** Median time to resolve of the last 28 days, in milliseconds. */
  mttrMs: number | null;
  /** Share of the pages of the last 28 days that were noise. */
  noiseRatio: number | null;
  /** Share of the alerting rules with a runbook. */
  runbookCoverage: number | null;
  /** The production readiness status. */
  readiness: FleetReadiness;
  /** The golden-path level reached, e.g. `gold`; null when none. */
  goldenPathLevel: string | null;
  /** The error-budget policy state, e.g. `exhausted`; absent when none. */
  policyState?: string;
  /**
   * Incidents of the severities that require a postmortem (SEV0/SEV1)
   * created in the last 28 days; absent until the incidents collector ran.
   */
  majorIncidents?: number;
  /** Mean time to restore of those incidents (ms); absent when none resolved. */
  majorMttrMs?: number;
  /** Open corrective actions past their due date; absent until the incidents collector ran. */
  overdueActions?: number;
  /** When any of the figures last changed (ISO 8601). */
  updatedAt: string;
}

/**
 * The sort keys of `GET /fleet`.
 *
 * @public
 */
export const FLEET_SORT_KEYS = [
  'entityRef',
  'tier',
  'sloStatus',
  'worstBudgetRemaining',
  'pagesPerWeek',
  'mttaMs',
  'mttrMs',
  'noiseRatio',
  'runbookCoverage',
  'majorIncidents',
  'majorMttrMs',
  'overdueActions',
] as const;

/**
 * A sort key of `GET /fleet`.
 *
 * @public
 */
export type FleetSortKey = (typeof FLEET_SORT_KEYS)[number];

/**
 * The answer of
 * `GET /api/reliability/fleet?tier&sloStatus&owner&system&readiness&sort&cursor&limit`
 * (`sort` is `<key>` or `-<key>` for descending; filters may repeat).
 *
 * @public
 */
export interface FleetPage {
  /** The rows of this page. */
  items: FleetRow[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  /** Rows matching the filters (after permission filtering). */
  totalCount: number;
}

/**
 * KPIs of one group of entities (a tier, an owner or a system).
 *
 * @public
 */
export interface FleetGroupSummary {
  /** The tier id, owner ref or system ref; null for none. */
  key: string | null;
  /** Entities in the group. */
  entities: number;
  /** Entities with at least one SLO. */
  withSlos: number;
  /** Share of entities with SLOs whose SLOs are all healthy (no breach, not at risk); null without SLOs. */
  sloAttainmentRate: number | null;
  /** Entities whose SLO status is breaching or at-risk. */
  burningAbovePolicy: number;
  /** Pages per week of the group; null without paging data. */
  pagesPerWeek: number | null;
  /** Mean of the entities' pages per on-call person-week (28 days). */
  pagesPerOnCallWeek: number | null;
  /** Median time to acknowledge, in milliseconds. */
  mttaMs: number | null;
  /** Median time to resolve, in milliseconds. */
  mttrMs: number | null;
  /** Share of the pages that were noise. */
  noiseRatio: number | null;
  /** Share of the alerting rules with a runbook. */
  runbookCoverage: number | null;
  /** Share of entities that are ready (or exempt) for their tier; null when unknown. */
  readinessCoverage: number | null;
  /** Share of entities at any golden-path level; null when unknown. */
  goldenPathAdoption: number | null;
}

/**
 * The answer of `GET /api/reliability/fleet/summary?groupBy=tier|owner|system`.
 *
 * @public
 */
export interface FleetSummary {
  /** What the groups are. */
  groupBy: 'tier' | 'owner' | 'system';
  /** One summary per group. */
  groups: FleetGroupSummary[];
  /** When the summary was computed (ISO 8601). */
  computedAt: string;
}

/**
 * One week of the fleet trend (from stored history).
 *
 * @public
 */
export interface FleetTrendPoint {
  /** ISO week start (Monday, UTC), e.g. `2026-11-23`. */
  week: string;
  /** The tier id; null for entities without a tier. */
  tier: string | null;
  /** Entities of the tier that week. */
  entities: number;
  /** Share of the SLOs that met their objective; null without SLOs. */
  sloAttainmentRate: number | null;
  /** Entities with a breaching SLO. */
  breaching: number;
  /** Pages of the week; null without paging data. */
  pagesPerWeek: number | null;
}
