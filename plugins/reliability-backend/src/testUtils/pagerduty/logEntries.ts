import { DoubleAccount } from './DoubleAccount';
import { DoubleIncident, DoubleLogEntry, DoubleLogEntryType } from './types';
import {
  iso,
  lowerBound,
  offsetPage,
  pagination,
  parseBoolean,
  parseTime,
} from './validation';

const OVERVIEW_TYPES = new Set<DoubleLogEntryType>([
  'trigger_log_entry',
  'acknowledge_log_entry',
  'unacknowledge_log_entry',
  'escalate_log_entry',
  'resolve_log_entry',
]);

/**
 * `GET /log_entries` (account-wide) or, with `incident`,
 * `GET /incidents/{id}/log_entries`; newest first.
 */
export function listLogEntries(
  account: DoubleAccount,
  q: URLSearchParams,
  incident: DoubleIncident | undefined,
  now: number,
): unknown {
  const page = pagination(q);
  const sinceMs = q.has('since')
    ? parseTime(q.get('since'), 'since')
    : -Infinity;
  const untilMs = q.has('until') ? parseTime(q.get('until'), 'until') : now;
  const overview = parseBoolean(q.get('is_overview'), 'is_overview');
  let source: DoubleLogEntry[];
  if (incident) {
    source = account.entriesByIncident.get(incident.id) ?? [];
  } else {
    const all = account.sortedEntries();
    source = all.slice(
      lowerBound(all, sinceMs, e => e.createdMs),
      lowerBound(all, untilMs, e => e.createdMs),
    );
  }
  const matches: DoubleLogEntry[] = [];
  // newest first, as the live API lists them
  for (let i = source.length - 1; i >= 0; i--) {
    const e = source[i];
    if (
      e.createdMs >= sinceMs &&
      e.createdMs < untilMs &&
      (!overview || OVERVIEW_TYPES.has(e.type))
    ) {
      matches.push(e);
    }
  }
  return offsetPage('log_entries', matches, page, e =>
    renderLogEntry(account, e),
  );
}

/** A log entry as the REST API renders it. */
export function renderLogEntry(
  account: DoubleAccount,
  e: DoubleLogEntry,
): unknown {
  const incident = account.incidentById.get(e.incidentId)!;
  const service = account.serviceById.get(e.serviceId)!;
  const agent = e.userId
    ? account.ref('user', e.userId, account.userNames.get(e.userId) ?? e.userId)
    : account.ref('service', service.id, service.name);
  return {
    id: e.id,
    type: e.type,
    summary: summaryOf(e.type),
    self: `${account.origin}/log_entries/${e.id}`,
    html_url: `https://example.pagerduty.com/incidents/${e.incidentId}/log_entries/${e.id}`,
    created_at: iso(e.createdMs),
    agent,
    channel:
      e.type === 'trigger_log_entry'
        ? {
            type: 'api',
            summary: incident.title,
            ...(incident.incidentKey
              ? { incident_key: incident.incidentKey }
              : {}),
          }
        : { type: e.userId ? 'web_ui' : 'auto' },
    service: account.ref('service', service.id, service.name),
    incident: account.ref(
      'incident',
      incident.id,
      `[#${incident.number}] ${incident.title}`,
    ),
    teams: [],
    contexts: [],
    event_details: {},
  };
}

function summaryOf(type: DoubleLogEntryType): string {
  switch (type) {
    case 'trigger_log_entry':
      return 'Triggered through the API';
    case 'acknowledge_log_entry':
      return 'Acknowledged';
    case 'unacknowledge_log_entry':
      return 'Unacknowledged';
    case 'escalate_log_entry':
      return 'Escalated';
    case 'resolve_log_entry':
      return 'Resolved';
    case 'notify_log_entry':
      return 'Notified';
    default:
      return 'Annotated';
  }
}
