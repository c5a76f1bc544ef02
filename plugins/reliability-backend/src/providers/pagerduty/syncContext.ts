import { InputError } from '@backstage/errors';
import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import { PagerDutyClient, PagerDutyRequestStats } from './PagerDutyClient';

/** One sync (or on-call listing) of some services of one account. */
export interface SyncContext {
  client: PagerDutyClient;
  /** Sorted, without duplicates. */
  serviceIds: string[];
  serviceSet: Set<string>;
  signal?: AbortSignal;
  stats: PagerDutyRequestStats;
}

/** One request of a batch, resolved to its account and services. */
export interface BatchMember {
  index: number;
  client: PagerDutyClient;
  /** Sorted, without duplicates. */
  serviceIds: string[];
}

const SERVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A context, with fresh request stats, for sorted distinct service ids. */
export function syncContext(
  client: PagerDutyClient,
  serviceIds: string[],
  signal?: AbortSignal,
): SyncContext {
  return {
    client,
    serviceIds,
    serviceSet: new Set(serviceIds),
    signal,
    stats: { requests: 0, retries: 0, rateLimitWaitMs: 0 },
  };
}

/** A context for the union of the members' services. */
export function groupContext(
  client: PagerDutyClient,
  members: BatchMember[],
  signal?: AbortSignal,
): SyncContext {
  const serviceIds = [...new Set(members.flatMap(m => m.serviceIds))].sort();
  return syncContext(client, serviceIds, signal);
}

/**
 * The valid, sorted, distinct service ids (trimmed, empty ones left out);
 * throws an `InputError` for an invalid one.
 */
export function validServiceIds(serviceIds: unknown[]): string[] {
  const ids = [...new Set(serviceIds.map(id => String(id).trim()))]
    .filter(Boolean)
    .sort();
  for (const id of ids) {
    if (!SERVICE_ID.test(id)) {
      throw new InputError(
        `Invalid PagerDuty service id ${JSON.stringify(id.slice(0, 80))}`,
      );
    }
  }
  return ids;
}

/**
 * The incidents of each member's services, in the order of `incidents`
 * (oldest first); an incident of a service several members share goes to
 * each of them.
 */
export function splitByService(
  incidents: Incident[],
  members: BatchMember[],
): { incidents: Incident[][]; unattributed: number } {
  const byService = new Map<string, Incident[]>();
  const positions = new Map<Incident, number>();
  let unattributed = 0;
  for (const [position, incident] of incidents.entries()) {
    if (incident.serviceId === undefined) {
      unattributed++;
      continue;
    }
    const list = byService.get(incident.serviceId) ?? [];
    list.push(incident);
    byService.set(incident.serviceId, list);
    positions.set(incident, position);
  }
  const out = members.map(member => {
    if (member.serviceIds.length === 1) {
      return [...(byService.get(member.serviceIds[0]) ?? [])];
    }
    const mine: Incident[] = [];
    for (const id of member.serviceIds) {
      appendAll(mine, byService.get(id) ?? []);
    }
    return mine.sort((a, b) => positions.get(a)! - positions.get(b)!);
  });
  return { incidents: out, unattributed };
}

export function validRange(range: {
  since: Date;
  until: Date;
}): [number, number] {
  const sinceMs = validDate(range?.since, 'since');
  const untilMs = validDate(range?.until, 'until');
  if (sinceMs >= untilMs) {
    throw new InputError('since must be before until');
  }
  return [sinceMs, untilMs];
}

function validDate(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(`${name} must be a valid date`);
  }
  return ms;
}

export function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `PagerDutyPagingProvider ${name} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

/** `target.push(...items)` without an argument list as long as `items`. */
export function appendAll<T>(target: T[], items: T[]): void {
  for (const item of items) {
    target.push(item);
  }
}

export function fulfilled<T>(value: T): PromiseFulfilledResult<T> {
  return { status: 'fulfilled', value };
}
