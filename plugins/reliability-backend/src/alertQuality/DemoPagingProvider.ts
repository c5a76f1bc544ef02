import {
  Incident,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingIncidentsRequest,
  PagingOnCallRequest,
  PagingProvider,
  PagingServiceRef,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import {
  DemoMajorIncident,
  demoMajorIncidents,
} from '../incidents/demo/demoMajorIncidents';

/** How a demo team is paged. */
export type DemoPagingProfile = 'quiet' | 'noisy';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** A deterministic pseudo-random number in [0, 1) for a key. */
function random(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

const QUIET_ALERTS = [
  'HighLatencyP99',
  'ErrorRateAboveSLO',
  'DiskFillingUp',
  'CertificateExpiresSoon',
];
const NOISY_ALERTS = [
  'PodCrashLooping',
  'QueueBacklogGrowing',
  'HighLatencyP99',
  'UpstreamTimeouts',
  'ConnectionPoolExhausted',
  'CacheHitRateLow',
];

/**
 * Deterministic synthetic incidents and on-call shifts for trying the suite
 * without PagerDuty: the same service and hour always give the same
 * incidents. `quiet` teams get a page every few days, in business hours,
 * acknowledged within minutes; `noisy` teams get several a day, many at
 * night, flapping alerts that resolve themselves, and slow acknowledgements.
 */
export class DemoPagingProvider implements PagingProvider {
  readonly id = 'demo';

  /**
   * @param scripted - SEV incidents added to the random ones (with
   * priorities, major flags and impact starts), for the incidents views
   */
  constructor(
    private readonly profileOf: (
      services: PagingServiceRef,
    ) => DemoPagingProfile,
    private readonly scripted: readonly DemoMajorIncident[] = [],
  ) {}

  /** The incidents that start in one hour of one service. */
  private incidentsOfHour(
    serviceId: string,
    profile: DemoPagingProfile,
    hourStart: number,
  ): Incident[] {
    const key = `${serviceId}#${hourStart}`;
    const hourOfDay = new Date(hourStart).getUTCHours();
    const night = hourOfDay >= 22 || hourOfDay < 7;
    const business = hourOfDay >= 9 && hourOfDay < 18;
    let chance: number;
    if (profile === 'quiet') {
      chance = business ? 0.025 : 0.002;
    } else {
      chance = night ? 0.16 : 0.1;
    }
    if (random(key) >= chance) {
      return [];
    }
    const alerts = profile === 'quiet' ? QUIET_ALERTS : NOISY_ALERTS;
    const alert = alerts[Math.floor(random(`${key}#alert`) * alerts.length)];
    const created =
      hourStart + Math.floor(random(`${key}#minute`) * 60) * 60_000;
    const flapping = profile === 'noisy' && alert === 'PodCrashLooping';
    const autoResolves =
      flapping || random(`${key}#auto`) < (profile === 'noisy' ? 0.35 : 0.05);
    const high =
      profile === 'noisy'
        ? random(`${key}#urgency`) < 0.8
        : random(`${key}#urgency`) < 0.6;
    let acknowledged: number | null = null;
    let resolved: number;
    if (autoResolves) {
      resolved = created + (1 + Math.floor(random(`${key}#res`) * 4)) * 60_000;
    } else {
      const ackMinutes =
        profile === 'quiet'
          ? 1 + random(`${key}#ack`) * 6
          : 3 + random(`${key}#ack`) * 40;
      acknowledged = created + Math.round(ackMinutes * 60_000);
      const repairMinutes =
        profile === 'quiet'
          ? 10 + random(`${key}#fix`) * 50
          : 20 + random(`${key}#fix`) * 160;
      resolved = acknowledged + Math.round(repairMinutes * 60_000);
    }
    return [
      {
        id: `demo-${serviceId}-${hourStart}`,
        source: 'demo',
        serviceId,
        title: `${alert} on ${serviceId}`,
        alertKey: `${serviceId}/${alert}`,
        urgency: high ? 'high' : 'low',
        status: 'resolved',
        createdAt: new Date(created).toISOString(),
        firstAcknowledgedAt:
          acknowledged === null ? null : new Date(acknowledged).toISOString(),
        resolvedAt: new Date(resolved).toISOString(),
        escalations:
          acknowledged !== null && acknowledged - created > 15 * 60_000 ? 1 : 0,
      },
    ];
  }

  private incidents(
    services: PagingServiceRef,
    from: number,
    to: number,
    now: number,
  ): Incident[] {
    const profile = this.profileOf(services);
    const result: Incident[] = [];
    for (const serviceId of services.serviceIds) {
      result.push(
        ...demoMajorIncidents(serviceId, from, to, now, this.scripted),
      );
      for (
        let hour = Math.floor(from / HOUR_MS) * HOUR_MS;
        hour < to;
        hour += HOUR_MS
      ) {
        for (const incident of this.incidentsOfHour(serviceId, profile, hour)) {
          const created = Date.parse(incident.createdAt);
          if (created < from || created >= to) continue;
          // Nothing has happened after now yet.
          const ack = incident.firstAcknowledgedAt
            ? Date.parse(incident.firstAcknowledgedAt)
            : null;
          const resolved = Date.parse(incident.resolvedAt!);
          const acknowledged = ack !== null && ack <= now;
          let status: Incident['status'] = 'triggered';
          if (resolved <= now) {
            status = 'resolved';
          } else if (acknowledged) {
            status = 'acknowledged';
          }
          result.push({
            ...incident,
            firstAcknowledgedAt: acknowledged
              ? incident.firstAcknowledgedAt
              : null,
            resolvedAt: resolved <= now ? incident.resolvedAt : null,
            status,
          });
        }
      }
    }
    return result;
  }

  async syncIncidents(
    request: PagingIncidentsRequest,
  ): Promise<PagingSyncResult> {
    const until = request.until.getTime();
    // Incremental: everything created since the cursor, and the last day
    // again, so that incidents that were open are brought up to date.
    const from = request.cursor
      ? Math.min(Date.parse(request.cursor) - DAY_MS, until)
      : request.since.getTime();
    return {
      incidents: this.incidents(request.services, from, until, until),
      cursor: new Date(until).toISOString(),
      requests: 0,
    };
  }

  async listOnCallShifts(request: PagingOnCallRequest): Promise<OnCallShift[]> {
    // A weekly rotation of four people, handing over on Mondays at 09:00 UTC.
    const people = ['alex', 'blair', 'casey', 'drew'];
    const team = request.services.serviceIds.join(',');
    const week = 7 * DAY_MS;
    const monday = Date.UTC(2026, 0, 5, 9);
    const shifts: OnCallShift[] = [];
    const first = Math.floor((request.since.getTime() - monday) / week);
    for (let n = first; monday + n * week < request.until.getTime(); n++) {
      const start = Math.max(monday + n * week, request.since.getTime());
      const end = Math.min(monday + (n + 1) * week, request.until.getTime());
      const person = people[((n % 4) + 4) % 4];
      shifts.push({
        userId: `${team}:${person}`,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
      });
    }
    return shifts;
  }
}
