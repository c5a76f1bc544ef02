/**
 * A sample value that is not a finite number, as Prometheus writes it.
 * `NaN` typically comes from 0/0 (no traffic) and should be read as no data.
 *
 * @public
 */
export type PromNonFiniteValue = 'NaN' | '+Inf' | '-Inf';

/**
 * A label set.
 *
 * @public
 */
export type PromLabels = Record<string, string>;

/**
 * A native histogram value. Counts and bounds are numbers; non-finite bounds
 * are `Infinity`/`-Infinity`.
 *
 * @public
 */
export interface PromHistogram {
  count: number;
  sum: number;
  /** `[boundaryRule, lower, upper, count]` as Prometheus sends them. */
  buckets: Array<[number, number, number, number]>;
}

/**
 * One sample of an instant vector.
 *
 * @public
 */
export interface PromSample {
  metric: PromLabels;
  /** Unix time in seconds (may have decimals). */
  timestamp: number;
  /**
   * The value; `null` when it is not finite (see `nonFinite`) or the sample
   * is a native histogram (see `histogram`).
   */
  value: number | null;
  /** Set when the value was `NaN`, `+Inf` or `-Inf`. */
  nonFinite?: PromNonFiniteValue;
  /** Set for native histogram samples. */
  histogram?: PromHistogram;
}

/**
 * One series of a range vector (matrix).
 *
 * @public
 */
export interface PromSeries {
  metric: PromLabels;
  /**
   * `[unixSeconds, value]` points; the value is `null` when it was `NaN`,
   * `+Inf` or `-Inf`.
   */
  values: Array<[number, number | null]>;
  /** `[unixSeconds, histogram]` points of native histogram series. */
  histograms?: Array<[number, PromHistogram]>;
}

/**
 * A scalar result.
 *
 * @public
 */
export interface PromScalar {
  timestamp: number;
  value: number | null;
  nonFinite?: PromNonFiniteValue;
}

/**
 * The data of a query response, by result type.
 *
 * @public
 */
export type PromQueryData =
  | { resultType: 'vector'; result: PromSample[] }
  | { resultType: 'matrix'; result: PromSeries[] }
  | { resultType: 'scalar'; result: PromScalar }
  | { resultType: 'string'; result: { timestamp: number; value: string } };

/**
 * Annotations of a successful response.
 *
 * @public
 */
export interface PromResponseMeta {
  /** Warnings the upstream reported; the data is still usable. */
  warnings: string[];
  /** Info-level annotations the upstream reported. */
  infos: string[];
}

/**
 * The result of {@link PrometheusClient.instantQuery}: the data (narrow on
 * `resultType`) plus warnings.
 *
 * @public
 */
export type PromInstantResult = PromQueryData & PromResponseMeta;

/**
 * The result of {@link PrometheusClient.rangeQuery}.
 *
 * @public
 */
export interface PromRangeResult extends PromResponseMeta {
  resultType: 'matrix';
  result: PromSeries[];
  /** The step used, in seconds (chosen automatically when not given). */
  step: number;
}

/**
 * An active alert of an alerting rule.
 *
 * @public
 */
export interface PromRuleAlert {
  labels: PromLabels;
  annotations: PromLabels;
  /** `pending` or `firing` (some servers also report `inactive`). */
  state: string;
  /** RFC 3339 time the alert became active, when reported. */
  activeAt?: string;
  /** The value of the alert expression; `null` when not finite or unparsable. */
  value: number | null;
  /** The value as sent, e.g. `1e+00`. */
  valueText: string;
}

/**
 * Fields common to alerting and recording rules.
 *
 * @public
 */
export interface PromRuleBase {
  name: string;
  /** The PromQL expression. */
  query: string;
  labels: PromLabels;
  /** `ok`, `err` or `unknown`. */
  health: string;
  lastError?: string;
  /** Seconds the last evaluation took. */
  evaluationTime?: number;
  /** RFC 3339 time of the last evaluation. */
  lastEvaluation?: string;
}

/**
 * An alerting rule.
 *
 * @public
 */
export interface PromAlertingRule extends PromRuleBase {
  type: 'alerting';
  annotations: PromLabels;
  /** `inactive`, `pending` or `firing`. */
  state: string;
  /** The `for` duration in seconds. */
  duration: number;
  /** The `keep_firing_for` duration in seconds. */
  keepFiringFor?: number;
  /** Active alerts; empty when the server was asked to exclude them. */
  alerts: PromRuleAlert[];
}

/**
 * A recording rule.
 *
 * @public
 */
export interface PromRecordingRule extends PromRuleBase {
  type: 'recording';
}

/**
 * An alerting or recording rule.
 *
 * @public
 */
export type PromRule = PromAlertingRule | PromRecordingRule;

/**
 * A rule group.
 *
 * @public
 */
export interface PromRuleGroup {
  name: string;
  file: string;
  /** Evaluation interval in seconds. */
  interval: number;
  limit?: number;
  evaluationTime?: number;
  lastEvaluation?: string;
  rules: PromRule[];
}

/**
 * The result of {@link PrometheusClient.rules}.
 *
 * @public
 */
export interface PromRulesResult extends PromResponseMeta {
  groups: PromRuleGroup[];
  /** Set when the server paginates rule groups. */
  groupNextToken?: string;
}
