import {
  BudgetExhaustionForecast,
  SloBudgetingMethod,
  SloBurnRateAlertState,
  SloBurnRateAlertThreshold,
  SloBurnRateWindow,
  SloSourceFormat,
  SloStatus,
  SloWindow,
} from '../slo';

/**
 * Where an SLO of an entity comes from.
 *
 * - `spec`: a file referenced by `reliability-kit.io/slo-spec`.
 * - `sloth`: discovered in Prometheus through Sloth's `sloth_slo_info`.
 * - `pyrra`: discovered in Prometheus through Pyrra's `pyrra_objective`.
 *
 * @public
 */
export type SloOrigin = 'spec' | 'sloth' | 'pyrra';

/**
 * What serves a configured Prometheus-compatible instance (its `kind` in
 * `reliability.prometheus.instances`; default `prometheus`). The query API
 * is the same; `victoriametrics` differs in how `rate` and `increase`
 * extrapolate (see the definitions).
 *
 * @public
 */
export type MetricsBackendKind =
  | 'prometheus'
  | 'victoriametrics'
  | 'thanos'
  | 'mimir'
  | 'cortex';

/**
 * Every {@link MetricsBackendKind} with its display name.
 *
 * @public
 */
export const METRICS_BACKEND_KINDS: Record<MetricsBackendKind, string> = {
  prometheus: 'Prometheus',
  victoriametrics: 'VictoriaMetrics',
  thanos: 'Thanos',
  mimir: 'Grafana Mimir',
  cortex: 'Cortex',
};

/**
 * The burn rate of an SLO over one window.
 *
 * @public
 */
export interface SloBurnRateReading {
  window: SloBurnRateWindow;
  /** Error ratio over the window; null without traffic. */
  errorRatio: number | null;
  /** errorRatio / (1 - objective); null without traffic. */
  burnRate: number | null;
}

/**
 * The stored evaluation of one SLO: what the entity page shows. Computed by
 * the SLO collector from the metrics provider's answers with the pure math
 * of this package.
 *
 * @public
 */
export interface SloSnapshot {
  /** Unique within the entity. */
  id: string;
  name: string;
  displayName?: string;
  description?: string;
  origin: SloOrigin;
  format?: SloSourceFormat;
  /** The spec file (for `spec` SLOs). */
  file?: string;
  /** The configured metrics instance the SLO was evaluated on. */
  instance: string;
  /**
   * What serves that instance (its configured `kind`); absent for the demo
   * provider and providers added by modules.
   */
  backendKind?: MetricsBackendKind;
  objective: number;
  window: SloWindow;
  /** Human label of the window, e.g. `28d rolling` or `calendar month`. */
  windowLabel: string;
  budgetingMethod: SloBudgetingMethod;
  /** The window the SLI covers: [windowStart, windowEnd). */
  windowStart: string;
  windowEnd: string;
  /** good / total over the window; null when there was no traffic. */
  sli: number | null;
  /** Error budget consumed (e / (1 - o)); null when there was no traffic. */
  budgetConsumed: number | null;
  /** 1 - consumed; negative when overspent; null without traffic. */
  budgetRemaining: number | null;
  /** Why there is no number, when there is none. */
  noDataReason?: string;
  burnRates: SloBurnRateReading[];
  /** The multiwindow alert thresholds, scaled to the SLO window. */
  alertThresholds: SloBurnRateAlertThreshold[];
  alerts: SloBurnRateAlertState;
  /** Exhaustion at the burn rate of the last day. */
  forecast: BudgetExhaustionForecast;
  status: SloStatus;
  computedAt: string;
  stale: boolean;
  staleReason?: string;
  /** Links for users: the error ratio in the Prometheus UI, Grafana. */
  links: Array<{ title: string; url: string }>;
  /** True when the numbers come from the demo provider. */
  demo: boolean;
}

/**
 * One daily point of an SLO's history.
 *
 * @public
 */
export interface SloHistoryEntry {
  /** ISO time the point was measured at. */
  at: string;
  /** The objective in force then. */
  objective: number;
  sli: number | null;
  budgetRemaining: number | null;
  status: SloStatus;
}

/**
 * The answer of
 * `GET /api/reliability/entities/:kind/:namespace/:name/slos/:sloId/history`.
 *
 * @public
 */
export interface SloHistoryResponse {
  entityRef: string;
  sloId: string;
  from: string;
  to: string;
  points: SloHistoryEntry[];
}
