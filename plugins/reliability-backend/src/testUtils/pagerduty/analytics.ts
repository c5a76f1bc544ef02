import { DoubleAccount } from './DoubleAccount';
import { DoubleIncident, DoubleIncidentStatus } from './types';
import { decodeCursor, invalid, iso, isObject, parseTime } from './validation';

/**
 * `POST /analytics/raw/incidents`: the account as it was at `asOf`
 * (analytics lag behind live data).
 */
export function listAnalytics(
  account: DoubleAccount,
  body: unknown,
  asOf: number,
): unknown {
  if (!isObject(body)) {
    throw invalid('The request body must be a JSON object');
  }
  const limit = body.limit ?? 20;
  if (
    typeof limit !== 'number' ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > 1000
  ) {
    throw invalid('limit must be between 1 and 1000');
  }
  const order = body.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw invalid('order must be asc or desc');
  }
  if (body.order_by !== undefined && body.order_by !== 'created_at') {
    throw invalid('this double orders by created_at only');
  }
  const filters = isObject(body.filters) ? body.filters : {};
  const startMs =
    filters.created_at_start === undefined
      ? -Infinity
      : parseTime(filters.created_at_start, 'created_at_start');
  const endMs =
    filters.created_at_end === undefined
      ? Infinity
      : parseTime(filters.created_at_end, 'created_at_end');
  const services = Array.isArray(filters.service_ids)
    ? new Set(filters.service_ids as string[])
    : undefined;
  const urgency = filters.urgency;

  const list = account.sortedIncidents();
  let matches = list.filter(
    i =>
      i.createdMs >= startMs &&
      i.createdMs < endMs &&
      i.createdMs <= asOf &&
      (!services || services.has(i.serviceId)) &&
      (urgency === undefined || i.urgency === urgency),
  );
  if (order === 'desc') {
    matches = matches.reverse();
  }
  let from = 0;
  if (typeof body.starting_after === 'string') {
    const cursor = decodeCursor(body.starting_after);
    from = matches.findIndex(i => i.id === cursor.id) + 1;
    if (from === 0) {
      throw invalid('starting_after is not a valid cursor');
    }
  }
  const page = matches.slice(from, from + limit);
  const cursorOf = (i: DoubleIncident) =>
    Buffer.from(JSON.stringify([i.createdMs, i.id])).toString('base64url');
  return {
    first: page.length > 0 ? cursorOf(page[0]) : null,
    last: page.length > 0 ? cursorOf(page[page.length - 1]) : null,
    limit,
    more: from + limit < matches.length,
    order,
    order_by: 'created_at',
    filters: {
      ...(filters.created_at_start !== undefined
        ? { created_at_start: filters.created_at_start }
        : {}),
      ...(filters.created_at_end !== undefined
        ? { created_at_end: filters.created_at_end }
        : {}),
      ...(services ? { service_ids: [...services] } : {}),
      ...(urgency !== undefined ? { urgency } : {}),
    },
    time_zone: 'Etc/UTC',
    data: page.map(i => renderAnalytics(account, i, asOf)),
  };
}

/** An incident as raw analytics render it, as of `asOf`. */
function renderAnalytics(
  account: DoubleAccount,
  i: DoubleIncident,
  asOf: number,
): unknown {
  const entries = (account.entriesByIncident.get(i.id) ?? []).filter(
    e => e.createdMs <= asOf,
  );
  let firstAck: number | null = null;
  let resolved: number | null = null;
  let escalations = 0;
  let status: DoubleIncidentStatus = 'triggered';
  for (const e of entries) {
    if (e.type === 'acknowledge_log_entry') {
      firstAck ??= e.createdMs;
      status = 'acknowledged';
    } else if (e.type === 'unacknowledge_log_entry') {
      status = 'triggered';
    } else if (e.type === 'escalate_log_entry') {
      escalations++;
    } else if (e.type === 'resolve_log_entry') {
      resolved = e.createdMs;
      status = 'resolved';
    }
  }
  const service = account.serviceById.get(i.serviceId)!;
  return {
    id: i.id,
    incident_number: i.number,
    created_at: iso(i.createdMs),
    updated_at: iso(entries[entries.length - 1]?.createdMs ?? i.createdMs),
    ...(resolved === null
      ? {}
      : {
          resolved_at: iso(resolved),
          seconds_to_resolve: Math.round((resolved - i.createdMs) / 1000),
        }),
    // the live API sends null for incidents never acknowledged
    seconds_to_first_ack:
      firstAck === null ? null : Math.round((firstAck - i.createdMs) / 1000),
    escalation_count: escalations,
    status,
    urgency: i.urgency,
    service_id: service.id,
    service_name: service.name,
    escalation_policy_id: service.escalationPolicyId,
    team_id: null,
    team_name: null,
    priority_id: null,
    priority_name: null,
    priority_order: null,
    major: false,
  };
}
