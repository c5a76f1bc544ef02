import { DoubleAccount } from './DoubleAccount';
import { DoubleIncident } from './types';
import {
  HttpError,
  addMonths,
  checkEnum,
  invalid,
  iso,
  lowerBound,
  offsetPage,
  pagination,
  parseTime,
  setOf,
} from './validation';

/** `GET /incidents`. */
export function listIncidents(
  account: DoubleAccount,
  q: URLSearchParams,
  now: number,
): unknown {
  const page = pagination(q);
  let sinceMs = -Infinity;
  let untilMs = Infinity;
  if (q.get('date_range') !== 'all') {
    untilMs = q.has('until') ? parseTime(q.get('until'), 'until') : now;
    sinceMs = q.has('since')
      ? parseTime(q.get('since'), 'since')
      : addMonths(untilMs, -1);
    if (sinceMs > untilMs) {
      throw invalid('since must be before until');
    }
    if (untilMs > addMonths(sinceMs, 6)) {
      throw new HttpError(400, 2001, 'Invalid Input Provided', [
        'Date range cannot exceed 6 months',
      ]);
    }
  }
  const services = setOf(q.getAll('service_ids[]'));
  const statuses = setOf(
    checkEnum(q.getAll('statuses[]'), 'statuses', [
      'triggered',
      'acknowledged',
      'resolved',
    ]),
  );
  const urgencies = setOf(
    checkEnum(q.getAll('urgencies[]'), 'urgencies', ['high', 'low']),
  );
  const key = q.get('incident_key');

  const list = account.sortedIncidents();
  const from = lowerBound(list, sinceMs, i => i.createdMs);
  const matches: DoubleIncident[] = [];
  for (let i = from; i < list.length && list[i].createdMs < untilMs; i++) {
    const incident = list[i];
    if (
      (!services || services.has(incident.serviceId)) &&
      (!statuses || statuses.has(incident.status)) &&
      (!urgencies || urgencies.has(incident.urgency)) &&
      (key === null || incident.incidentKey === key)
    ) {
      matches.push(incident);
    }
  }
  return offsetPage('incidents', matches, page, i =>
    renderIncident(account, i),
  );
}

/** An incident as the REST API renders it. */
export function renderIncident(
  account: DoubleAccount,
  i: DoubleIncident,
): unknown {
  const service = account.serviceById.get(i.serviceId)!;
  return {
    id: i.id,
    type: 'incident',
    summary: `[#${i.number}] ${i.title}`,
    self: `${account.origin}/incidents/${i.id}`,
    html_url: `https://example.pagerduty.com/incidents/${i.id}`,
    incident_number: i.number,
    title: i.title,
    created_at: iso(i.createdMs),
    updated_at: iso(i.updatedMs),
    status: i.status,
    // the live API sends null for incidents without a key
    incident_key: i.incidentKey,
    service: account.ref('service', service.id, service.name),
    assignments: [],
    assigned_via: 'escalation_policy',
    last_status_change_at: iso(i.lastStatusChangeMs),
    // null while the incident is open
    resolved_at: i.resolvedMs === null ? null : iso(i.resolvedMs),
    first_trigger_log_entry: {
      ...account.ref(
        'trigger_log_entry',
        account.entriesByIncident.get(i.id)?.[0]?.id ?? 'R0',
        'Triggered through the API',
      ),
    },
    alert_counts: {
      all: 1,
      triggered: i.status === 'resolved' ? 0 : 1,
      resolved: i.status === 'resolved' ? 1 : 0,
    },
    is_mergeable: true,
    escalation_policy: account.ref(
      'escalation_policy',
      service.escalationPolicyId,
      account.policyNames.get(service.escalationPolicyId) ?? '',
    ),
    teams: [],
    pending_actions: [],
    acknowledgements: i.acknowledgements.map(a => ({
      at: iso(a.atMs),
      acknowledger: account.ref(
        'user',
        a.userId,
        account.userNames.get(a.userId) ?? a.userId,
      ),
    })),
    urgency: i.urgency,
  };
}
