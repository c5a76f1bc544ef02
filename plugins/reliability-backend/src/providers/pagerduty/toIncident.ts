import { LoggerService } from '@backstage/backend-plugin-api';
import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import { History } from './incidentHistory';
import { createdMs, parseTime } from './parseTime';
import { PdAnalyticsIncident, PdIncident } from './types';

/**
 * The incidents as `Incident`s, oldest first (then by id), completed with
 * their histories and analytics records; those without an id or a readable
 * `created_at` are left out (with a warning).
 */
export function toIncidents(
  incidents: PdIncident[],
  histories: Map<string, History>,
  analytics: Map<string, PdAnalyticsIncident>,
  logger: LoggerService,
): Incident[] {
  const out: Incident[] = [];
  let skipped = 0;
  for (const pd of incidents) {
    const incident = toIncident(
      pd,
      histories.get(pd.id!),
      analytics.get(pd.id!),
    );
    if (incident) {
      out.push(incident);
    } else {
      skipped++;
    }
  }
  if (skipped > 0) {
    logger.warn(
      `PagerDuty: left out ${skipped} incidents without an id or a readable created_at`,
    );
  }
  return out.sort(
    (a, b) =>
      Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
      (a.id < b.id ? -1 : 1),
  );
}

/**
 * Maps a PagerDuty incident, its log-entry history (when read) and its
 * analytics record (when read) to an `Incident`.
 */
export function toIncident(
  pd: PdIncident,
  history: History | undefined,
  analytics: PdAnalyticsIncident | undefined,
): Incident | undefined {
  const created = createdMs(pd);
  if (typeof pd.id !== 'string' || !pd.id || !Number.isFinite(created)) {
    return undefined;
  }
  const status =
    pd.status === 'acknowledged' || pd.status === 'resolved'
      ? pd.status
      : 'triggered';

  // first acknowledgement: log entries, then analytics; the incident's
  // own acknowledgements (cleared on resolve) only as a last resort
  const ackCandidates: number[] = [];
  if (history && history.firstAckMs !== null) {
    ackCandidates.push(history.firstAckMs);
  }
  const secondsToAck = analytics?.seconds_to_first_ack;
  if (
    typeof secondsToAck === 'number' &&
    Number.isFinite(secondsToAck) &&
    secondsToAck >= 0
  ) {
    ackCandidates.push(created + secondsToAck * 1000);
  }
  if (ackCandidates.length === 0 && status === 'acknowledged') {
    for (const a of pd.acknowledgements ?? []) {
      const at = parseTime(a?.at);
      if (at !== undefined) {
        ackCandidates.push(at);
      }
    }
  }
  const firstAckMs =
    ackCandidates.length > 0 ? Math.min(...ackCandidates) : null;

  let resolvedMs: number | null = null;
  if (status === 'resolved') {
    // resolved is final, so the last status change is the resolution
    resolvedMs =
      parseTime(pd.resolved_at) ??
      history?.resolvedMs ??
      parseTime(analytics?.resolved_at) ??
      parseTime(pd.last_status_change_at) ??
      null;
  }

  let escalations: number | undefined;
  if (history) {
    escalations = history.escalations;
  } else if (
    typeof analytics?.escalation_count === 'number' &&
    Number.isFinite(analytics.escalation_count) &&
    analytics.escalation_count >= 0
  ) {
    escalations = analytics.escalation_count;
  }

  const key = typeof pd.incident_key === 'string' ? pd.incident_key : '';
  const title =
    (typeof pd.title === 'string' && pd.title) ||
    (typeof pd.summary === 'string' && pd.summary) ||
    pd.id;
  return {
    id: pd.id,
    source: 'pagerduty',
    ...(typeof pd.service?.id === 'string' ? { serviceId: pd.service.id } : {}),
    title,
    alertKey: key.trim() ? key : null,
    urgency: pd.urgency === 'high' ? 'high' : 'low',
    status,
    createdAt: new Date(created).toISOString(),
    firstAcknowledgedAt:
      firstAckMs === null ? null : new Date(firstAckMs).toISOString(),
    resolvedAt: resolvedMs === null ? null : new Date(resolvedMs).toISOString(),
    ...(escalations === undefined ? {} : { escalations }),
    ...priorityOf(pd, analytics),
  };
}

/** The priority name and major flag, as `reliability.incidents.severity` reads them. */
function priorityOf(
  pd: PdIncident,
  analytics: PdAnalyticsIncident | undefined,
): { priority?: string; major?: boolean } {
  const name =
    (typeof pd.priority?.name === 'string' && pd.priority.name) ||
    (typeof pd.priority?.summary === 'string' && pd.priority.summary) ||
    (typeof analytics?.priority_name === 'string' && analytics.priority_name) ||
    undefined;
  const major =
    analytics?.major === true || pd.incident_type?.name === 'major_incident';
  return { ...(name ? { priority: name } : {}), ...(major ? { major } : {}) };
}

/** Whether an analytics record still describes the incident. */
export function analyticsFresh(
  incident: PdIncident,
  a: PdAnalyticsIncident,
  lagStartMs: number,
): boolean {
  const lastChange =
    parseTime(incident.last_status_change_at) ?? createdMs(incident);
  if (!(lastChange < lagStartMs)) {
    return false;
  }
  const analyticsUpdated = parseTime(a.updated_at);
  return analyticsUpdated === undefined || analyticsUpdated >= lastChange;
}

/** The incidents with an id, once each: the last copy, in the place of the first. */
export function dedupe(incidents: PdIncident[]): PdIncident[] {
  const byId = new Map<string, PdIncident>();
  for (const incident of incidents) {
    if (typeof incident?.id === 'string' && incident.id) {
      byId.set(incident.id, incident);
    }
  }
  return [...byId.values()];
}
