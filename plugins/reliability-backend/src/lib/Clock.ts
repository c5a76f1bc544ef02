/**
 * The one source of "now" in the backend plugin. `plugin.ts` creates the
 * system clock and hands it to every collector, store and router; nothing
 * else reads the real clock, so tests fix the time by passing their own.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock. Only `plugin.ts` (and benchmarks) use it. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that always answers `at`; for tests and one-off evaluations. */
export function fixedClock(at: Date | string | number): Clock {
  const ms = at instanceof Date ? at.getTime() : new Date(at).getTime();
  if (!Number.isFinite(ms)) {
    throw new TypeError(`fixedClock: invalid time ${String(at)}`);
  }
  return { now: () => new Date(ms) };
}
