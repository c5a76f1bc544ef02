import { Incident } from '../types';

/** One minute and one hour, in milliseconds. */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** Monday 2026-03-02 00:00 UTC: where most alert-quality tests start. */
export const T0 = Date.parse('2026-03-02T00:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

/** `minutes` in milliseconds; null stays null (never / still open). */
export const minutes = (m: number | null) => (m === null ? null : m * MIN);

/**
 * A high-urgency demo incident titled `id`, created at `created` (epoch
 * milliseconds, or a timestamp kept as written), acknowledged and resolved
 * `ackMs` and `resolveMs` after its creation (null: never / still open, then
 * it is `triggered`); `over` sets any other field.
 */
export function timedIncident(
  id: string,
  created: number | string,
  ackMs: number | null,
  resolveMs: number | null,
  over: Partial<Incident> = {},
): Incident {
  const createdMs = typeof created === 'string' ? Date.parse(created) : created;
  return {
    id,
    source: 'demo',
    title: id,
    urgency: 'high',
    status: resolveMs === null ? 'triggered' : 'resolved',
    createdAt: typeof created === 'string' ? created : iso(createdMs),
    firstAcknowledgedAt: ackMs === null ? null : iso(createdMs + ackMs),
    resolvedAt: resolveMs === null ? null : iso(createdMs + resolveMs),
    ...over,
  };
}

/** A day of the pages-per-day series: pages by time of day and their sum. */
export const pageDay = (date: string, business = 0, off = 0, sleep = 0) => ({
  date,
  business,
  off,
  sleep,
  total: business + off + sleep,
});
