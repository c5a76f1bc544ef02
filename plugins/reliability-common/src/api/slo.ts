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
  /** The window of the reading. */
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
  /** The SLO name. */
  name: string;
  /** The name to show, if it differs. */
  displayName?: string;
  /** What the SLO promises. */
  description?: string;
  /** Where the SLO was defined. */
  origin: SloOrigin;
  /** The spec format, for `spec` SLOs. */
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
  /** The objective, a ratio in (0, 1), e.g. 0.999. */
  objective: number;
  /** The SLO window. */
  window: SloWindow;
  /** Human label of the window, e.g. `28d rolling` or `calendar month`. */
  windowLabel: string;
  /** How the error budget is counted. */
  budgetingMethod: SloBudgetingMethod;
  /** The window the SLI covers: [windowStart, windowEnd). */
  windowStart: string;
  /** The end of the evaluated window (ISO 8601). */
  windowEnd: string;
  /** good / total over the window; null when there was no traffic. */
  sli: number | null;
  /** Error budget consumed (e / (1 - o)); null when there was no traffic. */
  budgetConsumed: number | null;
  /** 1 - consumed; negative when overspent; null without traffic. */
  budgetRemaining: number | null;
  /** Why there is no number, when there is none. */
  noDataReason?: string;
  /** The burn rate over each alert window. */
  burnRates: SloBurnRateReading[];
  /** The multiwindow alert thresholds, scaled to the SLO window. */
  alertThresholds: SloBurnRateAlertThreshold[];
  /** Which burn-rate alerts would fire. */
  alerts: SloBurnRateAlertState;
  /** Exhaustion at the burn rate of the last day. */
  forecast: BudgetExhaustionForecast;
  /** The SLO status. */
  status: SloStatus;
  /** When the snapshot was computed (ISO 8601). */
  computedAt: string;
  /** Whether the last refresh failed and these figures are older. */
  stale: boolean;
  /** Why the snapshot is stale. */
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
  /** The SLI over the window ending then; null without data. */
  sli: number | null;
  /** The error budget remaining; null without data. */
  budgetRemaining: number | null;
  /** The SLO status then. */
  status: SloStatus;
}

/**
 * The answer of
 * `GET /api/reliability/entities/:kind/:namespace/:name/slos/:sloId/history`.
 *
 * @public
 */
export interface SloHistoryResponse {
  /** The entity. */
  entityRef: string;
  /** The SLO id. */
  sloId: string;
  /** The start of the history (ISO 8601). */
  from: string;
  /** The end of the history (ISO 8601). */
  to: string;
  /** The points, oldest first. */
  points: SloHistoryEntry[];
}
