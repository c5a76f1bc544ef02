import { DateTime } from 'luxon';
import { Incident } from '../alertQuality/types';
import {
  addBusinessDays,
  endOfLocalDate,
  wholeDaysBetween,
} from './businessDays';
import {
  CorrectiveActionRecord,
  IncidentPostmortemState,
  IncidentRecord,
} from './records';
import { BusinessCalendar, Postmortem, TicketStatus } from './types';

/**
 * An ISO 8601 instant, or a date (`YYYY-MM-DD`) read as the start of that
 * day in the time zone, as a UTC instant. Undefined when unreadable.
 *
 * @public
 */
export function instantOf(
  value: string | undefined | null,
  timeZone: string,
): string | undefined {
  if (!value) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone: timeZone })
    : DateTime.fromISO(value, { setZone: true });
  return t.isValid
    ? t.toUTC().toISO({ suppressMilliseconds: true })!
    : undefined;
}

/**
 * The postmortem SLA and calendar an incident is judged by.
 *
 * @public
 */
export interface PostmortemPolicy {
  /** Severities that require a postmortem, e.g. `SEV0`, `SEV1`. */
  requiredSeverities: readonly string[];
  /** Business days after resolution, e.g. 5. */
  slaBusinessDays: number;
  /** The owning team's time zone, working days and holidays. */
  calendar: BusinessCalendar;
}

/**
 * One incident as an {@link IncidentRecord}: MTTR from creation to
 * resolution; MTTD from the impact start (the source's own field first,
 * else `sloImpactStartedAt`) to creation, unknown (null) without either;
 * the postmortem state against the SLA. Pure.
 *
 * @public
 */
export function assessIncident(input: {
  entityRef: string;
  incident: Incident;
  severity: string | null;
  /** The impact start found from the SLO burn rate, if any. */
  sloImpactStartedAt?: string | null;
  postmortems: Postmortem[];
  policy: PostmortemPolicy;
  now: string;
}): IncidentRecord {
  const { incident, policy } = input;
  const created = Date.parse(incident.createdAt);
  const resolved = incident.resolvedAt ? Date.parse(incident.resolvedAt) : NaN;
  const sourceStart = instantOf(incident.impactStartedAt, 'UTC');
  const impactStartedAt = sourceStart ?? input.sloImpactStartedAt ?? null;
  let impactStartFrom: 'source' | 'slo' | null = null;
  if (sourceStart) impactStartFrom = 'source';
  else if (input.sloImpactStartedAt) impactStartFrom = 'slo';
  const mttdMs =
    impactStartedAt === null
      ? null
      : Math.max(0, created - Date.parse(impactStartedAt));
  const required =
    input.severity !== null &&
    policy.requiredSeverities.includes(input.severity);
  return {
    entityRef: input.entityRef,
    id: incident.id,
    source: incident.source,
    title: incident.title,
    severity: input.severity,
    createdAt: incident.createdAt,
    resolvedAt: incident.resolvedAt ?? null,
    impactStartedAt,
    impactStartFrom,
    mttdMs,
    mttrMs: Number.isFinite(resolved) ? Math.max(0, resolved - created) : null,
    postmortem: required
      ? postmortemState(incident, input.postmortems, policy, input.now)
      : null,
  };
}

function postmortemState(
  incident: Incident,
  postmortems: Postmortem[],
  policy: PostmortemPolicy,
  now: string,
): IncidentPostmortemState {
  const pm = postmortems.find(p => p.incidentIds.includes(incident.id));
  const dueAt = incident.resolvedAt
    ? addBusinessDays(
        incident.resolvedAt,
        policy.slaBusinessDays,
        policy.calendar,
      )
    : null;
  const publishedAt =
    pm?.status === 'published'
      ? instantOf(pm.publishedAt, policy.calendar.timeZone) ?? null
      : null;
  let state: IncidentPostmortemState['state'];
  if (publishedAt !== null) {
    state = dueAt === null || publishedAt <= dueAt ? 'on-time' : 'late';
  } else if (pm?.status === 'published') {
    // published without a readable date: not provably on time
    state = dueAt !== null && now >= dueAt ? 'late' : 'pending';
  } else {
    state = dueAt !== null && now >= dueAt ? 'overdue' : 'pending';
  }
  return {
    status: pm?.status ?? 'missing',
    state,
    ...(pm
      ? {
          postmortemId: pm.id,
          title: pm.title,
          ...(pm.url ? { url: pm.url } : {}),
        }
      : {}),
    dueAt,
    publishedAt,
  };
}

/**
 * The corrective actions of an entity's postmortems with their tickets'
 * states: `no-ticket` without a ticket, `unknown` when the ticket could not
 * be read; overdue age from the end of the due date in the team's time
 * zone; stalled when overdue by more than `stalledAfterDays`. Pure.
 *
 * @public
 */
export function assessActions(input: {
  entityRef: string;
  postmortems: Postmortem[];
  tickets: Map<string, TicketStatus>;
  calendar: BusinessCalendar;
  stalledAfterDays: number;
  now: string;
}): CorrectiveActionRecord[] {
  return input.postmortems.flatMap(pm =>
    pm.actions.map(action => {
      const ticket = action.ticket
        ? input.tickets.get(action.ticket)
        : undefined;
      let state: CorrectiveActionRecord['state'] = 'no-ticket';
      if (action.ticket) {
        state = ticket ? ticket.state : 'unknown';
      }
      const dueAt = action.due
        ? endOfLocalDate(action.due, input.calendar.timeZone)
        : undefined;
      const overdueDays =
        dueAt !== undefined && state !== 'done' && input.now >= dueAt
          ? wholeDaysBetween(dueAt, input.now)
          : null;
      return {
        entityRef: input.entityRef,
        postmortemId: pm.id,
        postmortemTitle: pm.title,
        id: action.id,
        title: action.title,
        ...(action.owner ? { owner: action.owner } : {}),
        ...(action.due ? { due: action.due, dueAt } : {}),
        ...(action.ticket ? { ticket: action.ticket } : {}),
        ...(ticket?.url ? { ticketUrl: ticket.url } : {}),
        state,
        ...(ticket?.statusName ? { statusName: ticket.statusName } : {}),
        ...(ticket ? { closedAt: ticket.closedAt ?? null } : {}),
        overdueDays,
        stalled: overdueDays !== null && overdueDays > input.stalledAfterDays,
      };
    }),
  );
}
