import { LoggerService } from '@backstage/backend-plugin-api';
import { OnCallShift } from '@reliability-kit/backstage-plugin-reliability-common';
import { chunk } from '../../lib/chunk';
import {
  PAGERDUTY_MAX_OFFSET_PLUS_LIMIT,
  PAGERDUTY_PAGE_LIMIT,
} from './PagerDutyClient';
import { OnCallCache } from './OnCallCache';
import { PagerDutyRequestError } from './PagerDutyRequestError';
import { listInTimeRange } from './listInTimeRange';
import { parseTime } from './parseTime';
import { BatchMember, SyncContext, appendAll, fulfilled } from './syncContext';
import { PdOnCall, PdService } from './types';

/** What {@link OnCallShifts} needs. */
export interface OnCallShiftsOptions {
  logger: LoggerService;
  /** Escalation policy ids per `escalation_policy_ids[]` request. */
  batchSize: number;
  /** Service lookups in flight at once. */
  concurrency: number;
  /** Escalation levels whose on-call time counts; all when not set. */
  levels?: Set<number>;
  /**
   * What the batch listing ({@link OnCallShifts.listForMembers}) keeps
   * between runs; without it every run reads everything.
   */
  cache?: OnCallCache;
}

/** Escalation policies of services, read one service at a time. */
interface PolicyLookup {
  policyOf: Map<string, string>;
  /** Services whose lookup failed (404s are not failures: they are left out). */
  errors: Map<string, unknown>;
  /** The first failure; no lookup started after it. */
  firstError?: unknown;
  /** Services looked up (or found missing) without a failure. */
  done: Set<string>;
}

/**
 * On-call shifts of services: each service's escalation policy, then
 * `GET /oncalls` of those policies, merged per person.
 */
export class OnCallShifts {
  readonly #logger: LoggerService;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #levels?: Set<number>;
  readonly #cache?: OnCallCache;

  constructor(options: OnCallShiftsOptions) {
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.#batchSize = options.batchSize;
    this.#concurrency = options.concurrency;
    this.#levels = options.levels;
  }

  /** The shifts of the context's services in `[sinceMs, untilMs)`. */
  async list(
    ctx: SyncContext,
    sinceMs: number,
    untilMs: number,
  ): Promise<OnCallShift[]> {
    const lookup = await this.#lookUpPolicies(ctx, ctx.serviceIds);
    if (lookup.firstError !== undefined) {
      throw lookup.firstError;
    }
    const policies = new Set(lookup.policyOf.values());
    const onCalls = await this.#listOnCalls(ctx, policies, sinceMs, untilMs);
    return this.#shiftsOf(onCalls, sinceMs, untilMs);
  }

  /**
   * The shifts of each member (all of one account, whose services `ctx`
   * holds), into `results` at the member's index: each service's policy is
   * looked up once however many members share it, and `GET /oncalls` is
   * listed once for all their policies. A member whose service lookup
   * failed is rejected with that failure; after a failure no further lookup
   * starts, and the members not looked up yet are rejected with the first
   * failure.
   */
  async listForMembers(
    ctx: SyncContext,
    members: BatchMember[],
    sinceMs: number,
    untilMs: number,
    results: PromiseSettledResult<OnCallShift[]>[],
  ): Promise<void> {
    const lookup = await this.#cachedPolicies(ctx);
    const ok: Array<{ member: BatchMember; policies: Set<string> }> = [];
    for (const member of members) {
      const failed = member.serviceIds.find(id => lookup.errors.has(id));
      if (failed !== undefined) {
        results[member.index] = {
          status: 'rejected',
          reason: lookup.errors.get(failed),
        };
      } else if (!member.serviceIds.every(id => lookup.done.has(id))) {
        results[member.index] = {
          status: 'rejected',
          reason: lookup.firstError,
        };
      } else {
        const policies = new Set<string>();
        for (const id of member.serviceIds) {
          const policy = lookup.policyOf.get(id);
          if (policy !== undefined) {
            policies.add(policy);
          }
        }
        ok.push({ member, policies });
      }
    }
    if (ok.length === 0) {
      return;
    }
    try {
      const all = new Set(ok.flatMap(o => [...o.policies]));
      const byPolicy = new Map<string, PdOnCall[]>();
      const listed = this.#cache
        ? await this.#cache.onCalls(
            ctx.client,
            all,
            sinceMs,
            untilMs,
            (p, s, u) => this.#listOnCalls(ctx, p, s, u),
          )
        : await this.#listOnCalls(ctx, all, sinceMs, untilMs);
      for (const o of listed) {
        const policy = o.escalation_policy?.id;
        if (typeof policy === 'string' && all.has(policy)) {
          const list = byPolicy.get(policy) ?? [];
          list.push(o);
          byPolicy.set(policy, list);
        }
      }
      for (const { member, policies } of ok) {
        const mine = [...policies].flatMap(p => byPolicy.get(p) ?? []);
        results[member.index] = fulfilled(
          this.#shiftsOf(mine, sinceMs, untilMs),
        );
      }
    } catch (error) {
      for (const { member } of ok) {
        results[member.index] = { status: 'rejected', reason: error };
      }
    }
  }

  /**
   * {@link OnCallShifts.#lookUpPolicies} of the services the cache does not
   * know (all of them when it holds nothing fresh).
   */
  async #cachedPolicies(ctx: SyncContext): Promise<PolicyLookup> {
    const cache = this.#cache;
    if (!cache) return this.#lookUpPolicies(ctx, ctx.serviceIds);
    const known = cache.policies(ctx.client);
    const unknown = known
      ? ctx.serviceIds.filter(id => !known.has(id))
      : ctx.serviceIds;
    const lookup: PolicyLookup =
      unknown.length > 0
        ? await this.#lookUpPolicies(ctx, unknown)
        : { policyOf: new Map(), errors: new Map(), done: new Set() };
    const found = new Map<string, string | undefined>();
    for (const id of lookup.done) found.set(id, lookup.policyOf.get(id));
    cache.rememberPolicies(ctx.client, found, { replace: !known });
    if (known) {
      for (const id of ctx.serviceIds) {
        if (!known.has(id)) continue;
        const policy = known.get(id);
        if (policy !== undefined) lookup.policyOf.set(id, policy);
        lookup.done.add(id);
      }
    }
    return lookup;
  }

  /**
   * The escalation policy of each service. More than a page of services
   * (100) are read from the account's paged `GET /services` when that
   * takes fewer requests than one `GET /services/{id}` each (its first page
   * tells its total); otherwise `concurrency` lookups at a time. A service
   * the account does not have is left out (with a warning); after any
   * other failure no further lookup starts.
   */
  async #lookUpPolicies(
    ctx: SyncContext,
    serviceIds: string[],
  ): Promise<PolicyLookup> {
    const { client, signal, stats } = ctx;
    const lookup: PolicyLookup = {
      policyOf: new Map(),
      errors: new Map(),
      done: new Set(),
    };
    const missing: string[] = [];
    const warnMissing = () => {
      if (missing.length > 0) {
        const shown = missing.sort().slice(0, 20).join(', ');
        const more =
          missing.length > 20 ? ` and ${missing.length - 20} more` : '';
        this.#logger.warn(
          `PagerDuty account "${client.name}" has no service ${shown}${more}; ${
            missing.length === 1 ? 'its' : 'their'
          } on-call shifts are left out`,
        );
      }
    };

    if (serviceIds.length > PAGERDUTY_PAGE_LIMIT) {
      let listed: Map<string, string | undefined> | undefined;
      try {
        listed = await this.#listServicePolicies(ctx, serviceIds.length - 1);
      } catch (e) {
        lookup.firstError = e;
        return lookup;
      }
      if (listed) {
        for (const id of serviceIds) {
          if (!listed.has(id)) {
            missing.push(id);
          }
          const policy = listed.get(id);
          if (policy !== undefined) {
            lookup.policyOf.set(id, policy);
          }
          lookup.done.add(id);
        }
        warnMissing();
        return lookup;
      }
    }

    let next = 0;
    const worker = async () => {
      while (lookup.firstError === undefined && next < serviceIds.length) {
        const id = serviceIds[next++];
        try {
          const body = (await client.get(
            `/services/${encodeURIComponent(id)}`,
            {},
            { signal, stats },
          )) as { service?: PdService | null } | null;
          const policy = body?.service?.escalation_policy?.id;
          if (typeof policy === 'string' && policy) {
            lookup.policyOf.set(id, policy);
          }
          lookup.done.add(id);
        } catch (e) {
          if (e instanceof PagerDutyRequestError && e.statusCode === 404) {
            missing.push(id);
            lookup.done.add(id);
          } else {
            lookup.errors.set(id, e);
            if (lookup.firstError === undefined) {
              lookup.firstError = e;
            }
          }
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(this.#concurrency, serviceIds.length) },
        worker,
      ),
    );
    warnMissing();
    return lookup;
  }

  /**
   * Every service of the account and its escalation policy, from the paged
   * `GET /services`; `undefined` when that would take more than `maxPages`
   * requests (or pass the 10,000 offset cap).
   */
  async #listServicePolicies(
    ctx: SyncContext,
    maxPages: number,
  ): Promise<Map<string, string | undefined> | undefined> {
    const { client, signal, stats } = ctx;
    const out = new Map<string, string | undefined>();
    let page = await client.getPage<PdService>('/services', 'services', {}, 0, {
      signal,
      stats,
      total: true,
    });
    const pages =
      page.total === null
        ? undefined
        : Math.ceil(page.total / PAGERDUTY_PAGE_LIMIT);
    if (
      pages !== undefined &&
      (pages > maxPages ||
        pages * PAGERDUTY_PAGE_LIMIT > PAGERDUTY_MAX_OFFSET_PLUS_LIMIT)
    ) {
      return undefined;
    }
    for (let read = 1; ; read++) {
      for (const service of page.items) {
        if (typeof service?.id === 'string' && service.id) {
          const policy = service.escalation_policy?.id;
          out.set(
            service.id,
            typeof policy === 'string' && policy ? policy : undefined,
          );
        }
      }
      if (!page.more || page.items.length === 0) {
        return out;
      }
      const offset = page.offset + PAGERDUTY_PAGE_LIMIT;
      if (
        read >= maxPages ||
        offset + PAGERDUTY_PAGE_LIMIT > PAGERDUTY_MAX_OFFSET_PLUS_LIMIT
      ) {
        return undefined; // no total, and more pages than lookups
      }
      page = await client.getPage<PdService>(
        '/services',
        'services',
        {},
        offset,
        { signal, stats },
      );
    }
  }

  /** The on-calls of the policies overlapping `[sinceMs, untilMs)`. */
  async #listOnCalls(
    ctx: SyncContext,
    policies: Set<string>,
    sinceMs: number,
    untilMs: number,
  ): Promise<PdOnCall[]> {
    const onCalls: PdOnCall[] = [];
    for (const batch of chunk([...policies].sort(), this.#batchSize)) {
      appendAll(
        onCalls,
        await listInTimeRange<PdOnCall>(
          ctx.client,
          '/oncalls',
          'oncalls',
          { 'escalation_policy_ids[]': batch },
          sinceMs,
          untilMs,
          { signal: ctx.signal, stats: ctx.stats },
        ),
      );
    }
    return onCalls;
  }

  /** Per person, the merged on-call time within the range. */
  #shiftsOf(
    onCalls: PdOnCall[],
    sinceMs: number,
    untilMs: number,
  ): OnCallShift[] {
    const byUser = new Map<string, Array<[number, number]>>();
    for (const o of onCalls) {
      const userId = o.user?.id;
      if (typeof userId !== 'string' || !userId) {
        continue;
      }
      if (
        this.#levels &&
        !(
          typeof o.escalation_level === 'number' &&
          this.#levels.has(o.escalation_level)
        )
      ) {
        continue;
      }
      // null start or end: a permanent on-call; clip it to the range
      const start = Math.max(parseTime(o.start) ?? sinceMs, sinceMs);
      const end = Math.min(parseTime(o.end) ?? untilMs, untilMs);
      if (end <= start) {
        continue;
      }
      const list = byUser.get(userId) ?? [];
      list.push([start, end]);
      byUser.set(userId, list);
    }
    const shifts: OnCallShift[] = [];
    for (const [userId, intervals] of [...byUser].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      for (const [start, end] of mergeIntervals(intervals)) {
        shifts.push({
          userId,
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
        });
      }
    }
    return shifts;
  }
}

function mergeIntervals(intervals: Array<[number, number]>) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else {
      merged.push([start, end]);
    }
  }
  return merged;
}
