/*
 * The data and options of the PagerDuty HTTP double ({@link PagerDutyDouble}).
 */

/**
 * The status of an incident in the PagerDuty double.
 *
 * @public
 */
export type DoubleIncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/**
 * The log entry types the PagerDuty double writes.
 *
 * @public
 */
export type DoubleLogEntryType =
  | 'trigger_log_entry'
  | 'acknowledge_log_entry'
  | 'unacknowledge_log_entry'
  | 'escalate_log_entry'
  | 'resolve_log_entry'
  | 'notify_log_entry'
  | 'annotate_log_entry';

/**
 * A service in the PagerDuty double.
 *
 * @public
 */
export interface DoubleService {
  /** The service id. */
  id: string;
  /** The service name. */
  name: string;
  /** The id of the escalation policy that pages for the service. */
  escalationPolicyId: string;
}

/**
 * An incident in the PagerDuty double.
 *
 * @public
 */
export interface DoubleIncident {
  /** The incident id. */
  id: string;
  /** The incident number. */
  number: number;
  /** The incident title. */
  title: string;
  /** The id of its service. */
  serviceId: string;
  /** The urgency. */
  urgency: 'high' | 'low';
  /** The de-duplication key, if any. */
  incidentKey: string | null;
  /** When it was created, in milliseconds since the epoch. */
  createdMs: number;
  /** The current status. */
  status: DoubleIncidentStatus;
  /** When it was resolved, in milliseconds since the epoch. */
  resolvedMs: number | null;
  /** When its status last changed, in milliseconds since the epoch. */
  lastStatusChangeMs: number;
  /** When it last changed, in milliseconds since the epoch. */
  updatedMs: number;
  /** Current acknowledgements; cleared on resolve, as the live API does. */
  acknowledgements: Array<{ atMs: number; userId: string }>;
}

/**
 * A log entry of an incident in the PagerDuty double.
 *
 * @public
 */
export interface DoubleLogEntry {
  /** The log entry id. */
  id: string;
  /** What happened. */
  type: DoubleLogEntryType;
  /** When it happened, in milliseconds since the epoch. */
  createdMs: number;
  /** The id of the incident. */
  incidentId: string;
  /** The id of the incident's service. */
  serviceId: string;
  /** The id of the user who acted, if any. */
  userId?: string;
}

/**
 * An on-call entry in the PagerDuty double.
 *
 * @public
 */
export interface DoubleOnCall {
  /** The id of the user on call. */
  userId: string;
  /** The id of the escalation policy. */
  escalationPolicyId: string;
  /** The escalation level, from 1. */
  level: number;
  /** The id of the schedule, if the entry comes from one. */
  scheduleId?: string;
  /** ISO 8601; `null` for a permanent on-call (no schedule). */
  start: string | null;
  /** When the shift ends (ISO 8601), or null for an open end. */
  end: string | null;
}

/**
 * A fault the PagerDuty double injects into its next answers.
 *
 * @public
 */
export type DoubleFault =
  | {
      kind: 'status';
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
    }
  | { kind: 'headers'; headers: Record<string, string> }
  | { kind: 'network' }
  | { kind: 'hang' };

/**
 * A request the PagerDuty double received.
 *
 * @public
 */
export interface DoubleRequestLogEntry {
  /** The HTTP method. */
  method: string;
  /** The request path. */
  path: string;
  /** The query parameters, by name. */
  query: Record<string, string[]>;
  /** Whether the right token was sent (the token itself is never logged). */
  authorized: boolean;
  /** The Accept header. */
  accept: string | null;
  /** The Content-Type header. */
  contentType: string | null;
  /** The parsed JSON body of a POST. */
  body?: unknown;
  /** The status the double answered. */
  status: number;
  /** The JSON body answered; only with `keepBodies`. */
  responseBody?: unknown;
  /** The injected fault that answered, if any. */
  fault?: DoubleFault['kind'];
}

/**
 * Options of the PagerDuty double.
 *
 * @public
 */
export interface PagerDutyDoubleOptions {
  /** The one accepted API token. */
  token: string;
  /** The double's clock (ms since the epoch). Default `Date.now`. */
  now?: () => number;
  /** How far analytics lag behind live data. Default 0. */
  analyticsLagMs?: number;
  /** The origin used in `self` links. Default `https://api.pagerduty.com`. */
  selfOrigin?: string;
  /** Keep response bodies in the request log (for contract tests). */
  keepBodies?: boolean;
  /**
   * Enforce a rate limit of `limit` requests per fixed window, with
   * `ratelimit-*` headers on every answer. Default none (no headers).
   */
  rateLimit?: { limit: number; windowMs: number };
}

/**
 * An incident to create in the double ({@link PagerDutyDouble.addIncident}).
 *
 * @public
 */
export interface DoubleIncidentInput {
  /** Default a generated id such as `Q00001A`. */
  id?: string;
  /** The id of the service. */
  serviceId: string;
  /** The incident title. */
  title: string;
  /** The urgency. */
  urgency: 'high' | 'low';
  /** The de-duplication key. */
  incidentKey?: string | null;
  /** An ISO 8601 time or milliseconds since the epoch. */
  createdAt: string | number;
}
