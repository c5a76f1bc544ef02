import { EntitySloStatus } from '../slo';
import { EntityTier } from '../tiers';
import { SloSnapshot } from './slo';
import { EntityReadiness, ScorecardResult } from './readiness';

/**
 * How fresh a stored answer is. Every section the backend serves carries it:
 * page views read the store, so data can be stale but is never silently
 * missing.
 *
 * @public
 */
export interface Freshness {
  /** When the data was computed (ISO 8601), or null if it never was. */
  computedAt: string | null;
  /** True when the last refresh failed and the data shown is older. */
  stale: boolean;
  /** Why the data is stale, e.g. `Prometheus unreachable: ...`. */
  staleReason?: string;
}

/**
 * A problem with one entity's reliability data (a broken SLO spec, an invalid
 * selector), shown to the entity's users and never affecting other entities.
 *
 * @public
 */
export interface EntityProblem {
  /** Which part of the suite reported it, e.g. `slo`. */
  source: string;
  /** What is wrong, for users. */
  message: string;
  /** The file the problem is in, where there is one. */
  file?: string;
  /** The line in the file, if known. */
  line?: number;
}

/**
 * One section of an entity's reliability data, as stored by a collector.
 *
 * @public
 */
export interface ReliabilitySection<TItem = unknown> extends Freshness {
  /** `not-collected` until a collector has stored data for the entity. */
  status: 'not-collected' | 'ok' | 'error';
  /** The items of the section. */
  items: TItem[];
  /** Problems to show. */
  problems: EntityProblem[];
  /** True when the data comes from the demo providers. */
  demo: boolean;
}

/**
 * The names of the sections of an entity's reliability data.
 *
 * @public
 */
export const RELIABILITY_SECTIONS = [
  'slos',
  'alertQuality',
  'readiness',
  'scorecards',
] as const;

/**
 * The name of one section of an entity's reliability data.
 *
 * @public
 */
export type ReliabilitySectionName = (typeof RELIABILITY_SECTIONS)[number];

/**
 * The answer of `GET /api/reliability/entities/:kind/:namespace/:name`.
 *
 * @public
 */
export interface EntityReliability {
  /** The entity reference, e.g. `component:default/checkout`. */
  entityRef: string;
  /** The entity's tier. */
  tier: EntityTier;
  /** The worst status of the entity's SLOs; `no-slo` without SLOs. */
  sloStatus: EntitySloStatus;
  /** The stored sections, by feature. */
  sections: {
    slos: ReliabilitySection<SloSnapshot>;
    alertQuality: ReliabilitySection;
    /** One item, the entity's readiness, once evaluated. */
    readiness: ReliabilitySection<EntityReadiness>;
    /** One item per scorecard that applies to the entity. */
    scorecards: ReliabilitySection<ScorecardResult>;
  };
}

/**
 * The answer of `GET /api/reliability/health`.
 *
 * @public
 */
export interface HealthResponse {
  /** Always `ok` when the backend answers. */
  status: 'ok';
}
