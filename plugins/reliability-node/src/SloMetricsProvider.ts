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
  /** The entity the SLO belongs to. */
  entityRef: string;
  /** The SLO to measure. */
  slo: SloSpec;
  /** The configured metrics instance, from `reliability-kit.io/prometheus-instance`. */
  instance?: string;
  /**
   * The windows to measure, in milliseconds: the SLO window and the burn-rate
   * windows.
   */
  windowsMs: number[];
  /** The end of every window (the evaluation time). */
  at: Date;
  /** Aborts the measurement. */
  signal?: AbortSignal;
}

/**
 * A request for an SLO's error ratio over its trailing window, sampled
 * between `start` and `end`, e.g. once a day for a burn-down chart.
 *
 * @public
 */
export interface SloMeasureRangeRequest {
  /** The entity the SLO belongs to. */
  entityRef: string;
  /** The SLO to measure. */
  slo: SloSpec;
  /** The configured instance to ask; the default one when not set. */
  instance?: string;
  /** The window each point measures, in milliseconds. */
  windowMs: number;
  /** The time of the first point. */
  start: Date;
  /** The time of the last point. */
  end: Date;
  /** The time between points, in seconds. */
  stepSeconds: number;
  /** Aborts the measurement. */
  signal?: AbortSignal;
}

/**
 * An SLO found in the metrics backend through recording rules (Sloth's
 * `sloth_slo_info`, Pyrra's `pyrra_objective`), with its error ratios.
 *
 * @public
 */
export interface DiscoveredSlo {
  /** The tool whose recording rules describe the SLO. */
  origin: 'sloth' | 'pyrra';
  /** The configured instance the SLO was found on. */
  instance: string;
  /** Unique among the instance's discovered SLOs. */
  key: string;
  /** The SLO name in the recording rules. */
  name: string;
  /** The service label of the recording rules, if any. */
  service?: string;
  /** The labels entity selectors are matched against. */
  labels: Record<string, string>;
  /** The objective, a ratio in (0, 1), e.g. 0.999. */
  objective: number;
  /** The SLO window, in milliseconds. */
  windowMs: number;
  /** Error ratio by window in milliseconds (burn-rate windows and the SLO window). */
  errorRatios: Map<number, number | null>;
}

/**
 * A request for a discovered SLO's recorded error ratio over one of its
 * recorded windows (e.g. Sloth's `slo:sli_error:ratio_rate5m`, Pyrra's
 * `<metric>:burnrate5m`), sampled between `start` and `end`.
 *
 * @public
 */
export interface DiscoveredSloRangeRequest {
  /** The discovered SLO (its `instance` says where to read). */
  slo: DiscoveredSlo;
  /** The recorded window, in milliseconds, e.g. 300000 for 5 minutes. */
  windowMs: number;
  /** The time of the first point. */
  start: Date;
  /** The time of the last point. */
  end: Date;
  /** The time between points, in seconds. */
  stepSeconds: number;
  /** Aborts the read. */
  signal?: AbortSignal;
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
  /**
   * Reads a discovered SLO's recorded error ratio at regular points in time
   * (null where nothing was recorded). Optional: without it, MTTD is not
   * searched on discovered SLOs.
   */
  discoveredErrorRatioRange?(
    request: DiscoveredSloRangeRequest,
  ): Promise<Array<{ at: Date; errorRatio: number | null }>>;
}
