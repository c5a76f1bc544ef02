/**
 * One incident (alert) of an entity, as delivered by an incident source
 * (PagerDuty, Alertmanager, the demo data).
 *
 * All timestamps are ISO 8601 strings. A timestamp without an offset is read
 * as UTC. A missing or `null` `firstAcknowledgedAt` means the incident was
 * never acknowledged (it is never read as a zero duration); a missing or
 * `null` `resolvedAt` means the incident is still open.
 *
 * @public
 */
export interface Incident {
  /** The incident id at its source. */
  id: string;
  /** Where the incident comes from (a paging provider id). */
  source: 'pagerduty' | 'alertmanager' | 'demo' | string;
  /** The paging service it was raised on. */
  serviceId?: string;
  /** The incident title. */
  title: string;
  /**
   * The key that identifies the alert that raised the incident (PagerDuty
   * incident key, Alertmanager group key). When missing or blank the title
   * identifies the alert instead.
   */
  alertKey?: string | null;
  /** A high-urgency incident is a page. */
  urgency: 'high' | 'low';
  /** The current status. */
  status: 'triggered' | 'acknowledged' | 'resolved';
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; missing or `null` when never acknowledged. */
  firstAcknowledgedAt?: string | null;
  /** ISO 8601; missing or `null` while the incident is open. */
  resolvedAt?: string | null;
  /** Number of escalations; 0 when missing. */
  escalations?: number;
  /** The PagerDuty priority name (e.g. `P1`), when the incident has one. */
  priority?: string | null;
  /** PagerDuty classifies the incident as a major incident. */
  major?: boolean;
  /**
   * The value of the severity label (`reliability.incidents.severity.label`,
   * default `severity`) of an incident rebuilt from `ALERTS`.
   */
  severityLabel?: string | null;
  /** A severity the source sets itself (added providers), e.g. `SEV1`. */
  severity?: string | null;
  /** ISO 8601; when the impact began, where the source records it. */
  impactStartedAt?: string | null;
}

/**
 * One on-call shift of one person. `[start, end)`, ISO 8601.
 *
 * @public
 */
export interface OnCallShift {
  /** The person on call. */
  userId: string;
  /** The start of the shift (inclusive). */
  start: string;
  /** The end of the shift (exclusive). */
  end: string;
}

/**
 * The business hours of the team that owns an entity.
 *
 * @public
 */
export interface BusinessHours {
  /** IANA time zone, e.g. `Europe/Berlin`. Default `UTC`. */
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** Local start of the working day, `HH:mm` (inclusive), e.g. `09:00`. */
  start: string;
  /** Local end of the working day, `HH:mm` (exclusive), e.g. `18:00`; `24:00` allowed. */
  end: string;
}

/**
 * The hours in which a page wakes people up, in the team's time zone
 * (`BusinessHours.timeZone`). `start` is inclusive, `end` exclusive; when
 * `start` is later than `end` the range wraps past midnight (the default,
 * `22:00` to `07:00`). Applies to every day of the week.
 *
 * @public
 */
export interface SleepHours {
  /** `HH:mm`, e.g. `22:00`. */
  start: string;
  /** `HH:mm`, e.g. `07:00`. */
  end: string;
}

/**
 * An alerting rule (e.g. a Prometheus rule), used for runbook coverage.
 *
 * @public
 */
export interface AlertRule {
  /** The alert name. */
  name: string;
  /** The rule group. */
  group?: string;
  /** The rule's annotations, e.g. `runbook_url`. */
  annotations?: Record<string, string>;
  /** The rule's labels, e.g. `severity`. */
  labels?: Record<string, string>;
}

/**
 * A self-reported piece of toil: a manual, repetitive task.
 *
 * @public
 */
export interface ToilItem {
  /** What the manual task is. */
  task: string;
  /** Minutes one occurrence takes. */
  minutesPerOccurrence: number;
  /** How often the task occurs per week. */
  occurrencesPerWeek: number;
}

/**
 * A half-open time range `[start, end)`, ISO 8601.
 *
 * @public
 */
export interface AlertQualityTimeRange {
  /** The start of the range (inclusive, ISO 8601). */
  start: string;
  /** The end of the range (exclusive, ISO 8601). */
  end: string;
}

/**
 * Which incidents MTTA and MTTR are computed over: `pages` (high-urgency
 * incidents only, the headline) or `all` incidents.
 *
 * @public
 */
export type ResponseTimeScope = 'pages' | 'all';

/**
 * The time bucket of a page: `sleep` (in sleep hours, any weekday), else
 * `off` (outside business hours), else `business`.
 *
 * @public
 */
export type PageTimeBucket = 'business' | 'off' | 'sleep';
