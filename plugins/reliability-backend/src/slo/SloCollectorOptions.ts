import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MetricsBackendKind,
  SloSpec,
  TierModel,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { ReliabilityStore } from '../database/ReliabilityStore';
import type { FleetProjection } from '../fleet/FleetProjection';
import { Clock } from '../lib/Clock';
import type { PolicyEvaluator } from '../policy/PolicyEvaluator';
import { SloSpecReader } from './SloSpecReader';
import {
  PREVIOUS_SNAPSHOT_READS,
  PreviousSnapshotReads,
} from './PreviousSnapshots';

/** What the collector needs to know about the configured metrics instances. */
export interface SloInstances {
  /** Instance names; the first is the default. Empty for the demo provider. */
  names: string[];
  /** What serves an instance (its configured `kind`), shown on the SLO card. */
  kindOf?(instance: string): MetricsBackendKind | undefined;
  /** Links for users to an SLO's error ratio, e.g. in the Prometheus UI. */
  links?(
    instance: string,
    slo: SloSpec | DiscoveredSlo,
  ): Array<{ title: string; url: string }>;
}

export interface SloCollectorOptions {
  /** The one clock of the plugin (plugin.ts); `run()` without a time uses it. */
  clock: Clock;
  catalog: CatalogService;
  auth: AuthService;
  store: ReliabilityStore;
  /**
   * Told after each write of an entity's `slos` section (never fails the
   * collection: failures are logged).
   */
  fleet?: FleetProjection;
  /**
   * Told after each write of an entity's `slos` section, right after the
   * fleet: evaluates the entity's error-budget policy (never fails the
   * collection: failures are logged).
   */
  policy?: Pick<PolicyEvaluator, 'sloRefreshed'>;
  logger: LoggerService;
  specReader: SloSpecReader;
  provider: SloMetricsProvider;
  instances: SloInstances;
  tierModel: TierModel;
  /** Entities evaluated at once; each costs a few upstream queries. */
  concurrency?: number;
  historyRetentionDays?: number;
  atRiskRemainingShare?: number;
  /**
   * After a run, entities whose worst SLO status changed are refreshed in
   * the catalog, so that the catalog module restamps their status label;
   * this long after the run, so that the module's status cache has expired
   * (the module caches for 10 s; the plugin passes 11 s). Default 0.
   */
  labelRefreshDelayMs?: number;
  /**
   * How many entities' previous snapshots are read in one statement.
   * Default {@link PREVIOUS_SNAPSHOT_READS}.
   */
  previousSnapshotReads?: PreviousSnapshotReads;
}

export interface SloCollectorRunResult {
  entities: number;
  slos: number;
  stale: number;
  problems: number;
}

/** What the evaluation of an entity's SLOs needs of its collector. */
export interface SloEvaluationContext {
  options: SloCollectorOptions;
  /** Days of history kept (and backfilled at most). */
  retentionDays: number;
}
