import {
  SloMeasurement,
  SloSpec,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * A request to measure an SLO over several windows that all end at `at`.
 * Windows are given in milliseconds.
 *
 * @public
 */
export interface SloMeasureRequest {
  entityRef: string;
  slo: SloSpec;
  /** The configured metrics instance, from `reliability-kit.io/prometheus-instance`. */
  instance?: string;
  windowsMs: number[];
  at: Date;
  signal?: AbortSignal;
}

/**
 * A request for an SLO's error ratio over its trailing window, sampled
 * between `start` and `end`, e.g. once a day for a burn-down chart.
 *
 * @public
 */
export interface SloMeasureRangeRequest {
  entityRef: string;
  slo: SloSpec;
  instance?: string;
  windowMs: number;
  start: Date;
  end: Date;
  stepSeconds: number;
  signal?: AbortSignal;
}

/**
 * An SLO found in the metrics backend through recording rules (Sloth's
 * `sloth_slo_info`, Pyrra's `pyrra_objective`), with its error ratios.
 *
 * @public
 */
export interface DiscoveredSlo {
  origin: 'sloth' | 'pyrra';
  instance: string;
  /** Unique among the instance's discovered SLOs. */
  key: string;
  name: string;
  service?: string;
  /** The labels entity selectors are matched against. */
  labels: Record<string, string>;
  objective: number;
  windowMs: number;
  /** Error ratio by window in milliseconds (burn-rate windows and the SLO window). */
  errorRatios: Map<number, number | null>;
}

/**
 * A source of SLO measurements: Prometheus-compatible APIs, or the demo
 * provider.
 *
 * @public
 */
export interface SloMetricsProvider {
  /** Unique id, e.g. `prometheus` or `demo`. */
  readonly id: string;
  /** Measures a query-defined SLO over each requested window. */
  measure(request: SloMeasureRequest): Promise<Map<number, SloMeasurement>>;
  /** Measures a query-defined SLO's error ratio at regular points in time. */
  measureRange(
    request: SloMeasureRangeRequest,
  ): Promise<Array<{ at: Date; measurement: SloMeasurement | null }>>;
  /**
   * Discovers recording-rule SLOs of the whole fleet at once, in a number of
   * queries that does not grow with the number of SLOs.
   */
  discover?(options: {
    at: Date;
    windowsMs: number[];
    signal?: AbortSignal;
  }): Promise<DiscoveredSlo[]>;
}
