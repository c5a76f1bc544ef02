/**
 * The time window an SLO is measured over.
 *
 * - `rolling`: the last `duration` (e.g. `28d`), `ms` is its length.
 * - `calendar`: the current ISO week (Monday 00:00) or calendar month (the
 *   1st, 00:00) in `timeZone` (UTC when not set).
 *
 * @public
 */
export type SloWindow =
  | {
      kind: 'rolling';
      /** The duration as written, e.g. `28d`. */
      duration: string;
      /** The duration in milliseconds. */
      ms: number;
    }
  | {
      kind: 'calendar';
      unit: 'week' | 'month';
      /** IANA time zone name, e.g. `Europe/Berlin`. */
      timeZone?: string;
    };

/**
 * The comparison operator of a threshold indicator: the measured value is
 * good when `value <operator> threshold` holds.
 *
 * @public
 */
export type SloThresholdOperator = 'lt' | 'lte' | 'gt' | 'gte';

/**
 * How an SLO's events are measured. All queries are PromQL. Queries of specs
 * written for Sloth keep their `{{.window}}` placeholder; see `renderQuery`.
 *
 * - `ratio`: `good / total`, or `1 - bad / total`. Exactly one of `good` and
 *   `bad` is set.
 * - `raw`: a query that already returns a ratio; `rawType` `failure` means it
 *   is the error ratio (Sloth `raw.error_ratio_query`), `success` means it is
 *   the success ratio.
 * - `threshold`: a value compared with a threshold (e.g. p99 latency below
 *   300ms); used with the Timeslices budgeting method.
 *
 * @public
 */
export type SloIndicator =
  | {
      kind: 'ratio';
      good?: string;
      bad?: string;
      total: string;
      /** OpenSLO `counter`: whether the queries return monotonic counters. */
      counter?: boolean;
    }
  | {
      kind: 'raw';
      query: string;
      rawType: 'success' | 'failure';
    }
  | {
      kind: 'threshold';
      query: string;
      operator: SloThresholdOperator;
      value: number;
    };

/**
 * The budgeting method of an SLO (OpenSLO naming).
 *
 * - `Occurrences`: SLI = good events / all events in the window.
 * - `Timeslices`: SLI = good time slices / time slices with data in the window.
 *
 * @public
 */
export type SloBudgetingMethod = 'Occurrences' | 'Timeslices';

/**
 * The file format an SLO was read from. `sloth/v1` is Sloth's
 * `version: prometheus/v1` format (and its `PrometheusServiceLevel` custom
 * resource).
 *
 * @public
 */
export type SloSourceFormat = 'openslo/v1' | 'sloth/v1';

/**
 * Labels and annotations of one generated burn-rate alert (Sloth
 * `page_alert` / `ticket_alert`).
 *
 * @public
 */
export interface SloAlertConfig {
  /** Leave this alert out. */
  disabled?: boolean;
  /** Labels of this alert. */
  labels?: Record<string, string>;
  /** Annotations of this alert. */
  annotations?: Record<string, string>;
}

/**
 * Alerting settings of an SLO (Sloth `alerting`), used when generating
 * Prometheus rules.
 *
 * @public
 */
export interface SloAlertingConfig {
  /** The alert name, e.g. `CheckoutAvailabilitySLO`. */
  name?: string;
  /** Labels of every alert of the SLO. */
  labels?: Record<string, string>;
  /** Annotations of every alert of the SLO. */
  annotations?: Record<string, string>;
  /** The page alert. */
  page?: SloAlertConfig;
  /** The ticket alert. */
  ticket?: SloAlertConfig;
}

/**
 * One SLO in normalized form, whatever format it was written in.
 *
 * @public
 */
export interface SloSpec {
  /** Lowercase letters, digits and dashes; unique within an entity. */
  id: string;
  /** The name as written (OpenSLO `metadata.name`, Sloth `slos[].name`). */
  name: string;
  /** The name to show, if it differs. */
  displayName?: string;
  /** What the SLO promises. */
  description?: string;
  /** The service the SLO is about. */
  service?: string;
  /** The objective as a fraction, above 0 and below 1 (e.g. 0.999). */
  objective: number;
  /** The SLO window. */
  window: SloWindow;
  /** How the error budget is counted. */
  budgetingMethod: SloBudgetingMethod;
  /** Set when `budgetingMethod` is `Timeslices`. */
  timeslice?: {
    /** The share of good events (or the threshold check) a slice needs to be good, (0, 1]. */
    target: number;
    /** The slice length as written, e.g. `5m`. */
    window: string;
    windowMs: number;
  };
  /** The SLI queries. */
  indicator: SloIndicator;
  /** Where the SLO was read: format, file and line. */
  source: {
    format: SloSourceFormat;
    file?: string;
    /** 1-based line of the SLO in its file. */
    line?: number;
  };
  /** Labels of the SLO. */
  labels?: Record<string, string>;
  /** The burn-rate alerts of the SLO. */
  alerting?: SloAlertingConfig;
}

/**
 * A problem found while reading SLO specs. `message` is complete on its own
 * (it names the file and line, the SLO and the field when known); the other
 * fields repeat those parts for display and filtering.
 *
 * @public
 */
export interface SloSpecError {
  /** The file, if known. */
  file?: string;
  /** The SLO's name as written, when the problem belongs to one SLO. */
  slo?: string;
  /** Path of the field in the document, e.g. `spec.objectives[0].target`. */
  field?: string;
  /** 1-based line number. */
  line?: number;
  /** What is wrong. */
  message: string;
}

/**
 * The result of reading SLO specs: the valid SLOs and one error per problem.
 * A broken SLO does not hide the valid ones next to it.
 *
 * @public
 */
export interface SloParseResult {
  /** The SLOs read. */
  slos: SloSpec[];
  /** What could not be read. */
  errors: SloSpecError[];
}
