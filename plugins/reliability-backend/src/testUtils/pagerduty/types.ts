/*
 * The data and options of the PagerDuty HTTP double ({@link PagerDutyDouble}).
 */

/** @public */
export type DoubleIncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** @public */
export type DoubleLogEntryType =
  | 'trigger_log_entry'
  | 'acknowledge_log_entry'
  | 'unacknowledge_log_entry'
  | 'escalate_log_entry'
  | 'resolve_log_entry'
  | 'notify_log_entry'
  | 'annotate_log_entry';

/** @public */
export interface DoubleService {
  id: string;
  name: string;
  escalationPolicyId: string;
}

/** @public */
export interface DoubleIncident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  urgency: 'high' | 'low';
  incidentKey: string | null;
  createdMs: number;
  status: DoubleIncidentStatus;
  resolvedMs: number | null;
  lastStatusChangeMs: number;
  updatedMs: number;
  /** Current acknowledgements; cleared on resolve, as the live API does. */
  acknowledgements: Array<{ atMs: number; userId: string }>;
}

/** @public */
export interface DoubleLogEntry {
  id: string;
  type: DoubleLogEntryType;
  createdMs: number;
  incidentId: string;
  serviceId: string;
  userId?: string;
}

/** @public */
export interface DoubleOnCall {
  userId: string;
  escalationPolicyId: string;
  level: number;
  scheduleId?: string;
  /** ISO 8601; `null` for a permanent on-call (no schedule). */
  start: string | null;
  end: string | null;
}

/** @public */
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

/** @public */
export interface DoubleRequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** Whether the right token was sent (the token itself is never logged). */
  authorized: boolean;
  accept: string | null;
  contentType: string | null;
  /** The parsed JSON body of a POST. */
  body?: unknown;
  status: number;
  /** The JSON body answered; only with `keepBodies`. */
  responseBody?: unknown;
  fault?: DoubleFault['kind'];
}

/** @public */
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
  serviceId: string;
  title: string;
  urgency: 'high' | 'low';
  incidentKey?: string | null;
  /** An ISO 8601 time or milliseconds since the epoch. */
  createdAt: string | number;
}
