/*
 * The parts of PagerDuty REST API v2 objects this provider reads. Every field
 * is optional and may be `null`: the live API sends `null` where its document
 * says a field cannot be null, and a missing or `null` time is never read as
 * 0 or "now".
 */

/** @internal */
export interface PdReference {
  id?: string | null;
  type?: string | null;
  summary?: string | null;
}

/** @internal */
export interface PdIncident {
  id?: string | null;
  incident_number?: number | null;
  title?: string | null;
  summary?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  status?: string | null;
  urgency?: string | null;
  incident_key?: string | null;
  resolved_at?: string | null;
  last_status_change_at?: string | null;
  service?: PdReference | null;
  acknowledgements?: Array<{ at?: string | null } | null> | null;
  /** The priority (a reference with `summary`, or the full object with `name`). */
  priority?: (PdReference & { name?: string | null }) | null;
  /** The incident type; `major_incident` for a major incident. */
  incident_type?: { name?: string | null } | null;
}

/** @internal */
export interface PdLogEntry {
  id?: string | null;
  type?: string | null;
  created_at?: string | null;
  incident?: PdReference | null;
  service?: PdReference | null;
}

/** @internal */
export interface PdAnalyticsIncident {
  id?: string | null;
  service_id?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  resolved_at?: string | null;
  status?: string | null;
  seconds_to_first_ack?: number | null;
  escalation_count?: number | null;
  /** PagerDuty classifies the incident as a major incident. */
  major?: boolean | null;
  priority_name?: string | null;
}

/** @internal */
export interface PdAnalyticsPage {
  data?: PdAnalyticsIncident[] | null;
  more?: boolean | null;
  last?: string | null;
}

/** @internal */
export interface PdService {
  id?: string | null;
  escalation_policy?: PdReference | null;
}

/** @internal */
export interface PdOnCall {
  user?: PdReference | null;
  escalation_policy?: PdReference | null;
  escalation_level?: number | null;
  start?: string | null;
  end?: string | null;
}
