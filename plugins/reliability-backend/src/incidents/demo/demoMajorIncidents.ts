import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One corrective action of a demo postmortem, its dates relative to the incident's resolution. */
export interface DemoAction {
  title: string;
  owner: string;
  /** Due this many days after the incident was resolved. */
  dueAfterDays: number;
  /** `DEMO-n`; none: an action without a ticket. */
  ticket?: string;
  /** Closed this many days after resolution; unset: the ticket is open. */
  closedAfterDays?: number;
}

/** One scripted major incident of the demo, relative to the clock's day. */
export interface DemoMajorIncident {
  serviceId: string;
  /** Stable per scenario entry: `demo-sev-<service>-<n>`. */
  id: string;
  title: string;
  /** Created this many days before the start of today (UTC), at `hour`. */
  daysAgo: number;
  hour: number;
  durationMinutes: number;
  priority?: string;
  major?: boolean;
  /** Impact began this many minutes before creation (the source's own field). */
  impactMinutesBefore?: number;
  /** Unset: no postmortem names the incident. */
  postmortem?: {
    status: 'draft' | 'in-review' | 'published';
    /** Published this many days after resolution. */
    publishedAfterDays?: number;
    actions: DemoAction[];
  };
}

/**
 * The demo's SEV incidents and postmortems, chosen so that the example
 * entities show every state: checkout has a postmortem on time (one action
 * closed on time, one without a ticket) and a late one with an overdue
 * action; payments has an incident without a postmortem; identity has a
 * stalled action and a draft not due yet; search has a postmortem still in
 * review past its due date.
 */
export const DEMO_MAJOR_INCIDENTS: readonly DemoMajorIncident[] = [
  {
    serviceId: 'PCHK001',
    id: 'demo-sev-PCHK001-1',
    title: 'Checkout returns 503 for all card payments',
    daysAgo: 40,
    hour: 10,
    durationMinutes: 95,
    priority: 'P1',
    impactMinutesBefore: 14,
    postmortem: {
      status: 'published',
      publishedAfterDays: 2,
      actions: [
        {
          title: 'Alert on connection pool saturation',
          owner: 'group:default/team-payments',
          dueAfterDays: 14,
          ticket: 'DEMO-101',
          closedAfterDays: 9,
        },
        {
          title: 'Document the payment gateway failover',
          owner: 'group:default/team-payments',
          dueAfterDays: 60,
        },
      ],
    },
  },
  {
    serviceId: 'PCHK001',
    id: 'demo-sev-PCHK001-2',
    title: 'Checkout latency above 5 s after a config push',
    daysAgo: 25,
    hour: 14,
    durationMinutes: 180,
    major: true,
    postmortem: {
      status: 'published',
      publishedAfterDays: 14,
      actions: [
        {
          title: 'Roll out config pushes by canary',
          owner: 'group:default/team-payments',
          dueAfterDays: 16,
          ticket: 'DEMO-102',
        },
      ],
    },
  },
  {
    serviceId: 'PCHK001',
    id: 'demo-sev-PCHK001-3',
    title: 'Elevated checkout errors in one region',
    daysAgo: 70,
    hour: 16,
    durationMinutes: 40,
    priority: 'P3',
  },
  {
    serviceId: 'PPAY001',
    id: 'demo-sev-PPAY001-1',
    title: 'Refunds stuck in the payment queue',
    daysAgo: 20,
    hour: 9,
    durationMinutes: 130,
    priority: 'P2',
  },
  {
    serviceId: 'PIDN001',
    id: 'demo-sev-PIDN001-1',
    title: 'Login fails for SSO users',
    daysAgo: 50,
    hour: 11,
    durationMinutes: 70,
    priority: 'P1',
    impactMinutesBefore: 25,
    postmortem: {
      status: 'published',
      publishedAfterDays: 3,
      actions: [
        {
          title: 'Rotate the IdP certificate automatically',
          owner: 'group:default/team-identity',
          dueAfterDays: 15,
          ticket: 'DEMO-201',
        },
      ],
    },
  },
  {
    serviceId: 'PIDN001',
    id: 'demo-sev-PIDN001-2',
    title: 'Token refresh errors',
    daysAgo: 2,
    hour: 8,
    durationMinutes: 50,
    priority: 'P2',
    postmortem: { status: 'draft', actions: [] },
  },
  {
    serviceId: 'PSRC001',
    id: 'demo-sev-PSRC001-1',
    title: 'Search returns empty results',
    daysAgo: 12,
    hour: 13,
    durationMinutes: 60,
    priority: 'P2',
    postmortem: {
      status: 'in-review',
      actions: [
        {
          title: 'Check the index alias before the swap',
          owner: 'group:default/team-discovery',
          dueAfterDays: 30,
          ticket: 'DEMO-301',
        },
      ],
    },
  },
];

/** The times of a scripted incident, relative to `now`'s UTC day. */
export function demoIncidentTimes(
  scripted: DemoMajorIncident,
  now: number,
): { created: number; resolved: number } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const created = today - scripted.daysAgo * DAY_MS + scripted.hour * HOUR_MS;
  return { created, resolved: created + scripted.durationMinutes * 60_000 };
}

/**
 * The scripted incidents of a service created in `[from, to)`, as of `now`
 * (an incident not yet resolved by `now` is open).
 */
export function demoMajorIncidents(
  serviceId: string,
  from: number,
  to: number,
  now: number,
  scripted: readonly DemoMajorIncident[] = DEMO_MAJOR_INCIDENTS,
): Incident[] {
  return scripted.flatMap(s => {
    if (s.serviceId !== serviceId) return [];
    const { created, resolved } = demoIncidentTimes(s, now);
    if (created < from || created >= to || created > now) return [];
    const done = resolved <= now;
    return [
      {
        id: s.id,
        source: 'demo',
        serviceId,
        title: s.title,
        alertKey: `${serviceId}/${s.id}`,
        urgency: 'high',
        status: done ? 'resolved' : 'acknowledged',
        createdAt: new Date(created).toISOString(),
        firstAcknowledgedAt: new Date(created + 4 * 60_000).toISOString(),
        resolvedAt: done ? new Date(resolved).toISOString() : null,
        escalations: 0,
        ...(s.priority ? { priority: s.priority } : {}),
        ...(s.major ? { major: true } : {}),
        ...(s.impactMinutesBefore
          ? {
              impactStartedAt: new Date(
                created - s.impactMinutesBefore * 60_000,
              ).toISOString(),
            }
          : {}),
      },
    ];
  });
}
