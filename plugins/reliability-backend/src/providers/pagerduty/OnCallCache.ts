import { PdOnCall } from './types';
import { parseTime } from './parseTime';

/** How long what the cache holds is used. */
export interface OnCallCacheOptions {
  now: () => number;
  /** Services' escalation policies are read again after this long. */
  policyTtlMs: number;
  /**
   * On-calls are listed in full again after this long (picking up past
   * overrides); in between only the time since the last listing is read.
   */
  fullRefreshMs: number;
  /**
   * A run sooner than this after the last listing lists nothing and
   * answers from the cache (the window's last minutes then lack that
   * much on-call time).
   */
  minListingIntervalMs: number;
}

interface Listed {
  policies: Set<string>;
  sinceMs: number;
  untilMs: number;
  fullAtMs: number;
  /** Clipped to the listed range, so a later listing adds what follows. */
  onCalls: PdOnCall[];
}

interface AccountEntry {
  policyOf?: { atMs: number; map: Map<string, string | undefined> };
  listed?: Listed;
}

/**
 * What the batch on-call listing of an account read last: its services'
 * escalation policies, and the on-calls of its policies, so that the next
 * run reads only the on-calls since then. Bounded in time by the options;
 * per process (another replica starts with an empty cache).
 */
export class OnCallCache {
  readonly #options: OnCallCacheOptions;
  readonly #accounts = new WeakMap<object, AccountEntry>();

  constructor(options: OnCallCacheOptions) {
    this.#options = options;
  }

  #entry(account: object): AccountEntry {
    let entry = this.#accounts.get(account);
    if (!entry) {
      entry = {};
      this.#accounts.set(account, entry);
    }
    return entry;
  }

  /** The cached policy of each service (undefined: it has none), if fresh. */
  policies(account: object): Map<string, string | undefined> | undefined {
    const cached = this.#accounts.get(account)?.policyOf;
    if (!cached) return undefined;
    return this.#options.now() - cached.atMs < this.#options.policyTtlMs
      ? cached.map
      : undefined;
  }

  /** Adds looked-up policies; a fresh lookup of all replaces the cache. */
  rememberPolicies(
    account: object,
    found: Map<string, string | undefined>,
    options: { replace: boolean },
  ) {
    const entry = this.#entry(account);
    if (options.replace || !entry.policyOf) {
      entry.policyOf = { atMs: this.#options.now(), map: new Map(found) };
    } else {
      for (const [id, policy] of found) entry.policyOf.map.set(id, policy);
    }
  }

  /**
   * The on-calls of `policies` overlapping `[sinceMs, untilMs)`: from the
   * cache plus a listing of the time since the last one when the cache
   * covers these policies from `sinceMs` on and is not due for a full
   * listing; otherwise listed in full.
   */
  async onCalls(
    account: object,
    policies: Set<string>,
    sinceMs: number,
    untilMs: number,
    list: (
      policies: Set<string>,
      sinceMs: number,
      untilMs: number,
    ) => Promise<PdOnCall[]>,
  ): Promise<PdOnCall[]> {
    const entry = this.#entry(account);
    const now = this.#options.now();
    const cached = entry.listed;
    const usable =
      cached &&
      now - cached.fullAtMs < this.#options.fullRefreshMs &&
      cached.sinceMs <= sinceMs &&
      cached.untilMs <= untilMs &&
      [...policies].every(p => cached.policies.has(p));
    // The cache keeps the on-calls as listed (a shift still going on keeps
    // its scheduled end); each answer clips them to its own window, so an
    // answer from the cache ends an ongoing shift at `untilMs`, as a fresh
    // listing would.
    if (!usable) {
      const onCalls = await list(policies, sinceMs, untilMs);
      entry.listed = { policies, sinceMs, untilMs, fullAtMs: now, onCalls };
      return clip(onCalls, sinceMs, untilMs);
    }
    const kept = (o: PdOnCall) =>
      policies.has(o.escalation_policy?.id ?? '') &&
      (parseTime(o.end) ?? untilMs) > sinceMs;
    if (untilMs - cached.untilMs < this.#options.minListingIntervalMs) {
      return clip(cached.onCalls.filter(kept), sinceMs, untilMs);
    }
    const added =
      untilMs > cached.untilMs
        ? await list(policies, cached.untilMs, untilMs)
        : [];
    const seen = new Set(cached.onCalls.map(shiftKey));
    const onCalls = [
      ...cached.onCalls.filter(kept),
      ...added.filter(o => !seen.has(shiftKey(o))),
    ];
    entry.listed = {
      policies,
      sinceMs,
      untilMs,
      fullAtMs: cached.fullAtMs,
      onCalls,
    };
    return clip(onCalls, sinceMs, untilMs);
  }
}

/** One shift: who, on which policy and level, from when. */
function shiftKey(o: PdOnCall): string {
  return [
    o.user?.id,
    o.escalation_policy?.id,
    o.escalation_level,
    parseTime(o.start),
  ].join('|');
}

/** The on-calls with their start and end clipped to `[sinceMs, untilMs]`. */
function clip(onCalls: PdOnCall[], sinceMs: number, untilMs: number) {
  const out: PdOnCall[] = [];
  for (const o of onCalls) {
    const start = Math.max(parseTime(o.start) ?? sinceMs, sinceMs);
    const end = Math.min(parseTime(o.end) ?? untilMs, untilMs);
    if (end > start) {
      out.push({
        ...o,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
      });
    }
  }
  return out;
}
