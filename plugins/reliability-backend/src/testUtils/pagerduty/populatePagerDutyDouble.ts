/*
 * A deterministic synthetic PagerDuty account for the double: services with
 * a heavy-tailed share of incidents, escalation policies with weekly
 * rotations and a permanent second level, and incidents with realistic
 * lifecycles (acknowledged or not, escalated, auto-resolved, some low-urgency
 * ones left open). For tests and benchmarks.
 */
import { PagerDutyDouble } from './PagerDutyDouble';

/**
 * The size of a generated PagerDuty dataset.
 *
 * @public
 */
export interface PagerDutyDatasetOptions {
  /** How many services to create. */
  services: number;
  /** How many incidents to create, spread over the services. */
  incidents: number;
  /** Incidents are created in `[end - days, end)`. */
  days: number;
  /** The end of the history (ms since the epoch); events after it are not applied. */
  end: number;
  /** Default 1. */
  seed?: number;
  /** Services per escalation policy. Default 4. */
  servicesPerPolicy?: number;
}

/**
 * The ids of a generated PagerDuty dataset.
 *
 * @public
 */
export interface PagerDutyDataset {
  /** The ids of the created services. */
  serviceIds: string[];
  /** The ids of the created escalation policies. */
  policyIds: string[];
  /** The ids of the created users. */
  userIds: string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * mulberry32: a small, fast, deterministic PRNG returning numbers in [0, 1).
 *
 * @public
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function id(prefix: string, n: number): string {
  return `${prefix}${n
    .toString(36)
    .toUpperCase()
    .padStart(7 - prefix.length, '0')}`;
}

/**
 * Fills `double` with a deterministic synthetic account (the same options
 * give the same account); returns its ids.
 *
 * @public
 */
export function populatePagerDutyDouble(
  double: PagerDutyDouble,
  options: PagerDutyDatasetOptions,
): PagerDutyDataset {
  const random = seededRandom(options.seed ?? 1);
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const perPolicy = options.servicesPerPolicy ?? 4;
  const start = options.end - options.days * DAY;

  const serviceIds: string[] = [];
  const policyIds: string[] = [];
  const userIds: string[] = [];
  for (let p = 0; p * perPolicy < options.services; p++) {
    const policyId = id('PEP', p);
    policyIds.push(policyId);
    double.addEscalationPolicy(policyId, `Policy ${p}`);
    const users = [0, 1, 2].map(u => id('PU', p * 3 + u));
    users.forEach((u, k) => double.addUser(u, `User ${p * 3 + k}`));
    userIds.push(...users);
    // level 1: weekly rotation of three people, Mondays 09:00 UTC
    const firstMonday =
      Math.floor((start - 4 * DAY) / WEEK) * WEEK + 4 * DAY + 9 * HOUR;
    for (
      let t = firstMonday - WEEK, k = p;
      t < options.end + WEEK;
      t += WEEK, k++
    ) {
      double.addOnCall({
        userId: users[k % 3],
        escalationPolicyId: policyId,
        level: 1,
        scheduleId: id('PSC', p),
        start: new Date(t).toISOString(),
        end: new Date(t + WEEK).toISOString(),
      });
    }
    // level 2: a permanent on-call (no schedule): null start and end
    double.addOnCall({
      userId: id('PU', 900_000 + p),
      escalationPolicyId: policyId,
      level: 2,
      start: null,
      end: null,
    });
  }
  for (let s = 0; s < options.services; s++) {
    const serviceId = id('PS', s);
    serviceIds.push(serviceId);
    double.addService({
      id: serviceId,
      name: `service-${s}`,
      escalationPolicyId: policyIds[Math.floor(s / perPolicy)],
    });
  }

  // heavy-tailed shares: a few noisy services, many quiet ones
  const cumulative: number[] = [];
  let sum = 0;
  for (let s = 0; s < options.services; s++) {
    sum += 1 / Math.pow(1 + ((s * 7919) % 97), 0.8);
    cumulative.push(sum);
  }
  const pickService = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };

  const alerts = [
    'HighErrorRate',
    'HighLatencyP99',
    'PodCrashLooping',
    'DiskAlmostFull',
    'CertificateExpiring',
    'QueueBacklog',
    'ReplicationLag',
    'TargetDown',
  ];
  const creations: number[] = [];
  for (let n = 0; n < options.incidents; n++) {
    creations.push(start + Math.floor(random() * (options.end - start)));
  }
  creations.sort((a, b) => a - b);

  for (const createdMs of creations) {
    const s = pickService();
    const serviceId = serviceIds[s];
    const policy = Math.floor(s / perPolicy);
    const alert = alerts[Math.floor(Math.pow(random(), 2) * alerts.length)];
    const urgency = random() < 0.65 ? 'high' : 'low';
    const keyed = random() < 0.85;
    const incident = double.addIncident({
      serviceId,
      title: `${alert} on service-${s}`,
      urgency,
      incidentKey: keyed ? `${serviceId}/${alert}` : null,
      createdAt: createdMs,
    });
    const responder = id('PU', policy * 3 + Math.floor(random() * 3));
    const events: Array<[number, () => void]> = [];
    const at = (t: number) => Math.round(createdMs + t);

    events.push([
      at(5_000),
      () => double.notify(incident.id, at(5_000), responder),
    ]);
    const roll = random();
    if (roll < 0.15) {
      // noise: auto-resolved within minutes, never acknowledged
      const r = at(30_000 + exp(2 * MINUTE));
      events.push([r, () => double.resolve(incident.id, r)]);
    } else if (urgency === 'low' && roll > 0.95) {
      // left open: some low-urgency incidents linger for weeks
      if (random() < 0.5) {
        const a = at(exp(3 * HOUR));
        events.push([a, () => double.acknowledge(incident.id, a, responder)]);
      }
    } else {
      const acked = urgency === 'high' ? random() < 0.85 : random() < 0.5;
      const ackAfter =
        urgency === 'high' ? 20_000 + exp(4 * MINUTE) : exp(90 * MINUTE);
      if (!acked || ackAfter > 15 * MINUTE) {
        const e = at(15 * MINUTE);
        events.push([e, () => double.escalate(incident.id, e)]);
      }
      let resolveFrom = createdMs;
      if (acked) {
        const a = at(ackAfter);
        events.push([a, () => double.acknowledge(incident.id, a, responder)]);
        resolveFrom = a;
      }
      const r = Math.round(resolveFrom + 60_000 + exp(45 * MINUTE));
      events.push([r, () => double.resolve(incident.id, r, responder)]);
    }
    events.sort((a, b) => a[0] - b[0]);
    for (const [t, apply] of events) {
      if (t < options.end) {
        apply();
      }
    }
  }
  return { serviceIds, policyIds, userIds };
}
