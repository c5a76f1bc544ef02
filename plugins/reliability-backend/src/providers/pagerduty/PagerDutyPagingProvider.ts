import { DateTime } from 'luxon';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  Incident,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingProvider,
  PagingServiceRef,
  PagingSyncRange,
  PagingSyncRequest,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import {
  PAGERDUTY_MAX_OFFSET_PLUS_LIMIT,
  PAGERDUTY_PAGE_LIMIT,
  PagerDutyClient,
  PagerDutyClientOptions,
  PagerDutyRequestStats,
} from './PagerDutyClient';
import { PagerDutyRequestError } from './PagerDutyRequestError';
import {
  PAGERDUTY_MAX_INCIDENT_RANGE_MS,
  listInTimeRange,
} from './listInTimeRange';
import {
  PagerDutyAccountConfig,
  readPagerDutyAccounts,
} from './readPagerDutyAccounts';
import {
  PdAnalyticsIncident,
  PdAnalyticsPage,
  PdIncident,
  PdLogEntry,
  PdOnCall,
  PdService,
} from './types';

/**
 * Options of {@link PagerDutyPagingProvider}.
 *
 * @public
 */
export interface PagerDutyPagingProviderOptions {
  logger: LoggerService;
  /** Options of the per-account clients (fetch, clock, sleep, retries). */
  client?: Omit<PagerDutyClientOptions, 'logger'>;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Service ids per `service_ids[]` request. Default 100. */
  serviceBatchSize?: number;
  /** Requests in flight at once per sync (per-incident fetches, batches). Default 4. */
  concurrency?: number;
  /**
   * Read first-acknowledgement times and escalation counts of the backfill
   * from `POST /analytics/raw/incidents`. Default true; accounts whose plan
   * lacks analytics (401/402/403) fall back to log entries by themselves.
   */
  useAnalytics?: boolean;
  /** How far analytics may lag behind live data. Default 24 hours. */
  analyticsLagMs?: number;
  /** An incremental sync re-reads this much before the cursor. Default 10 minutes. */
  overlapMs?: number;
  /**
   * A cursor older than this starts a backfill instead of an incremental
   * sync (which costs requests per changed incident). Default 7 days.
   */
  maxCursorAgeMs?: number;
  /** Escalation levels whose on-call time counts. Default all. */
  onCallEscalationLevels?: number[];
}

interface History {
  firstAckMs: number | null;
  resolvedMs: number | null;
  escalations: number;
  changed: boolean;
}

interface SyncContext {
  client: PagerDutyClient;
  serviceIds: string[];
  serviceSet: Set<string>;
  signal?: AbortSignal;
  stats: PagerDutyRequestStats;
}

/** One request of a batch, resolved to its account and services. */
interface BatchMember {
  index: number;
  client: PagerDutyClient;
  /** Sorted, without duplicates. */
  serviceIds: string[];
}

/** Why a sync cursor is not used: it belongs to other services, or is too old. */
type CursorReset = 'mismatch' | 'old';

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

const CURSOR_PREFIX = 'pagerduty.v1.';
const DAY_MS = 24 * 60 * 60 * 1000;
const SERVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ACK = 'acknowledge_log_entry';
const ESCALATE = 'escalate_log_entry';
const RESOLVE = 'resolve_log_entry';
/** Log entries that change what an `Incident` holds. */
const CHANGE_TYPES = new Set([
  ACK,
  'unacknowledge_log_entry',
  ESCALATE,
  RESOLVE,
  'urgency_change_log_entry',
]);

/**
 * Incidents and on-call shifts from PagerDuty (REST API v2), for one or more
 * configured accounts (`reliability.pagerduty.accounts`).
 *
 * @remarks
 *
 * The first backfill costs, per batch of up to 100 services:
 * `ceil(incidents / 100)` pages of `GET /incidents` (time ranges split so
 * that no listing passes PagerDuty's cap of 10,000) and
 * `ceil(incidents / 1000)` pages of `POST /analytics/raw/incidents`, whose
 * `seconds_to_first_ack` and `escalation_count` give first-acknowledgement
 * times and escalations (acknowledgements on an incident are cleared once it
 * is resolved). Analytics lag up to 24 hours, so incidents that analytics do
 * not have, or that changed since the analytics data was computed, are
 * completed from their log entries: account-wide
 * `GET /log_entries?is_overview=true` over the last day, or per incident
 * when that is cheaper (the first page's `total` tells). Accounts without
 * analytics use log entries only.
 *
 * An incremental sync (with the cursor) lists incidents created since the
 * cursor (minus an overlap), reads account-wide overview log entries since
 * then, and fetches the incidents of these services that were acknowledged,
 * resolved, escalated or changed urgency: one `GET /incidents/{id}` each,
 * plus their own log entries when they were created before the cursor (to
 * know their first acknowledgement and escalations exactly). One sync per
 * account with all its services costs far fewer requests than one per
 * entity: the account-wide log entries are read once.
 *
 * {@link PagerDutyPagingProvider.syncIncidentsForMany} (what the
 * alert-quality collector calls) does that for many entities at once: per
 * account, one sync with the union of the entities' services (the incidents
 * then split back by service id), and one cursor per entity, the same one
 * `syncIncidents` would return. Entities whose cursors are missing, do not
 * match their services or are too old are backfilled together; the others
 * are synced incrementally together. A failure rejects only the entities of
 * the sync that failed. {@link PagerDutyPagingProvider.listOnCallShiftsForMany}
 * likewise reads each service's escalation policy once and lists
 * `GET /oncalls` once per account.
 *
 * A missing or `null` acknowledgement or resolution time is never read as 0
 * or "now".
 *
 * @public
 */
export class PagerDutyPagingProvider implements PagingProvider {
  readonly id = 'pagerduty';

  readonly #clients: PagerDutyClient[];
  readonly #logger: LoggerService;
  readonly #now: () => number;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #useAnalytics: boolean;
  readonly #analyticsLagMs: number;
  readonly #overlapMs: number;
  readonly #maxCursorAgeMs: number;
  readonly #levels?: Set<number>;
  readonly #noAnalytics = new Set<string>();

  /** A provider for the accounts of `reliability.pagerduty.accounts`. */
  static fromConfig(
    config: Config,
    options: PagerDutyPagingProviderOptions,
  ): PagerDutyPagingProvider {
    return PagerDutyPagingProvider.create(
      readPagerDutyAccounts(config),
      options,
    );
  }

  /** A provider for the given accounts. */
  static create(
    accounts: PagerDutyAccountConfig[],
    options: PagerDutyPagingProviderOptions,
  ): PagerDutyPagingProvider {
    const clients = accounts.map(a =>
      PagerDutyClient.fromConfig(a, {
        ...options.client,
        logger: options.logger,
      }),
    );
    return new PagerDutyPagingProvider(clients, options);
  }

  private constructor(
    clients: PagerDutyClient[],
    options: PagerDutyPagingProviderOptions,
  ) {
    this.#clients = clients;
    this.#logger = options.logger;
    this.#now = options.now ?? options.client?.now ?? Date.now;
    this.#batchSize = positiveInteger(
      options.serviceBatchSize ?? 100,
      'serviceBatchSize',
    );
    this.#concurrency = positiveInteger(
      options.concurrency ?? 4,
      'concurrency',
    );
    this.#useAnalytics = options.useAnalytics ?? true;
    this.#analyticsLagMs = options.analyticsLagMs ?? DAY_MS;
    this.#overlapMs = options.overlapMs ?? 10 * 60 * 1000;
    this.#maxCursorAgeMs = options.maxCursorAgeMs ?? 7 * DAY_MS;
    this.#levels = options.onCallEscalationLevels
      ? new Set(options.onCallEscalationLevels)
      : undefined;
  }

  /** The configured account names; the first is the default. */
  get accountNames(): string[] {
    return this.#clients.map(c => c.name);
  }

  /** The client of an account (the first when `account` is not set). */
  client(account?: string): PagerDutyClient {
    if (this.#clients.length === 0) {
      throw new InputError(
        'No PagerDuty account is configured (reliability.pagerduty.accounts)',
      );
    }
    if (account === undefined || account.trim() === '') {
      return this.#clients[0];
    }
    const client = this.#clients.find(c => c.name === account.trim());
    if (!client) {
      throw new InputError(
        `Unknown PagerDuty account ${JSON.stringify(
          account,
        )}; configured accounts: ${this.accountNames
          .map(n => `"${n}"`)
          .join(', ')}`,
      );
    }
    return client;
  }

  async syncIncidents(request: {
    services: PagingServiceRef;
    since: Date;
    until: Date;
    cursor?: string;
    signal?: AbortSignal;
  }): Promise<PagingSyncResult> {
    const [sinceMs, untilMs] = validRange(request);
    const ctx = this.#context(request.services, request.signal);
    const fingerprint = fingerprintOf(ctx.client.name, ctx.serviceIds);
    const cursor = encodeCursor(untilMs, fingerprint);
    if (ctx.serviceIds.length === 0) {
      return { incidents: [], cursor, requests: 0 };
    }
    const { previous, reset } = this.#previousSync(
      request.cursor,
      fingerprint,
      untilMs,
    );
    if (reset === 'mismatch') {
      this.#logger.info(
        `PagerDuty account "${ctx.client.name}": the sync cursor does not match these services; backfilling`,
      );
    } else if (reset === 'old') {
      this.#logger.info(
        `PagerDuty account "${
          ctx.client.name
        }": the sync cursor is older than ${this.#maxCursorAgeDays()} days; backfilling`,
      );
    }
    const incidents =
      previous === undefined
        ? await this.#backfill(ctx, sinceMs, untilMs)
        : await this.#incremental(ctx, sinceMs, untilMs, previous);
    return { incidents, cursor, requests: ctx.stats.requests };
  }

  /**
   * {@link PagerDutyPagingProvider.syncIncidents} for many entities: per
   * account, the entities to backfill are synced together, and those with a
   * cursor of the same time together, each time with the union of their
   * services (`service_ids[]` in batches of `serviceBatchSize`); the
   * incidents are then split by service id, so two entities sharing a
   * service both get its incidents. Accounts are synced in parallel. A
   * failure rejects the requests of that sync only; an invalid request
   * (unknown account, invalid service id) rejects only itself.
   */
  async syncIncidentsForMany(
    requests: PagingSyncRequest[],
    range: PagingSyncRange,
    signal?: AbortSignal,
  ): Promise<PromiseSettledResult<PagingSyncResult>[]> {
    const [sinceMs, untilMs] = validRange(range);
    const results = new Array<PromiseSettledResult<PagingSyncResult>>(
      requests.length,
    );
    const members = this.#members(
      requests.map(r => r?.services),
      results,
    );
    const cursors = new Map<number, string>();
    const byAccount = new Map<
      PagerDutyClient,
      Map<number | undefined, BatchMember[]>
    >();
    const resets = new Map<PagerDutyClient, Record<CursorReset, number>>();
    for (const member of members) {
      const fingerprint = fingerprintOf(member.client.name, member.serviceIds);
      const cursor = encodeCursor(untilMs, fingerprint);
      if (member.serviceIds.length === 0) {
        results[member.index] = fulfilled({
          incidents: [],
          cursor,
          requests: 0,
        });
        continue;
      }
      cursors.set(member.index, cursor);
      const { previous, reset } = this.#previousSync(
        requests[member.index].cursor,
        fingerprint,
        untilMs,
      );
      if (reset) {
        const counts = resets.get(member.client) ?? { mismatch: 0, old: 0 };
        counts[reset]++;
        resets.set(member.client, counts);
      }
      const groups = byAccount.get(member.client) ?? new Map();
      const group = groups.get(previous) ?? [];
      group.push(member);
      groups.set(previous, group);
      byAccount.set(member.client, groups);
    }
    for (const [client, counts] of resets) {
      this.#logger.info(
        `PagerDuty account "${client.name}": backfilling ${
          counts.mismatch + counts.old
        } entities whose sync cursor does not match their services (${
          counts.mismatch
        }) or is older than ${this.#maxCursorAgeDays()} days (${counts.old})`,
      );
    }

    await Promise.all(
      [...byAccount].map(async ([client, groups]) => {
        // backfills first, then incremental syncs oldest cursor first
        const ordered = [...groups].sort(
          ([a], [b]) => (a ?? -Infinity) - (b ?? -Infinity),
        );
        for (const [previous, group] of ordered) {
          const ctx = this.#groupContext(client, group, signal);
          try {
            const incidents =
              previous === undefined
                ? await this.#backfill(ctx, sinceMs, untilMs)
                : await this.#incremental(ctx, sinceMs, untilMs, previous);
            const split = splitByService(incidents, group);
            if (split.unattributed > 0) {
              this.#logger.warn(
                `PagerDuty account "${client.name}": left out ${split.unattributed} incidents without a service id`,
              );
            }
            for (const [k, member] of group.entries()) {
              results[member.index] = fulfilled({
                incidents: split.incidents[k],
                cursor: cursors.get(member.index)!,
                requests: ctx.stats.requests,
              });
            }
          } catch (error) {
            for (const member of group) {
              results[member.index] = { status: 'rejected', reason: error };
            }
          }
        }
      }),
    );
    return results;
  }

  async listOnCallShifts(request: {
    services: PagingServiceRef;
    since: Date;
    until: Date;
    signal?: AbortSignal;
  }): Promise<OnCallShift[]> {
    const [sinceMs, untilMs] = validRange(request);
    const ctx = this.#context(request.services, request.signal);
    const lookup = await this.#lookUpPolicies(ctx, ctx.serviceIds);
    if (lookup.firstError !== undefined) {
      throw lookup.firstError;
    }
    const policies = new Set(lookup.policyOf.values());
    const onCalls = await this.#listOnCalls(ctx, policies, sinceMs, untilMs);
    return this.#shiftsOf(onCalls, sinceMs, untilMs);
  }

  /**
   * {@link PagerDutyPagingProvider.listOnCallShifts} for many entities: per
   * account, each service's escalation policy is read once however many
   * entities share it (from the paged `GET /services` when the account has
   * more than 100 of them to read and that is cheaper), and `GET /oncalls`
   * is listed once for all their policies. An entity whose service lookup
   * failed is rejected with that failure; after a failure no further lookup
   * starts, and the entities not looked up yet are rejected with the first
   * failure.
   */
  async listOnCallShiftsForMany(
    services: PagingServiceRef[],
    range: PagingSyncRange,
    signal?: AbortSignal,
  ): Promise<PromiseSettledResult<OnCallShift[]>[]> {
    const [sinceMs, untilMs] = validRange(range);
    const results = new Array<PromiseSettledResult<OnCallShift[]>>(
      services.length,
    );
    const byAccount = new Map<PagerDutyClient, BatchMember[]>();
    for (const member of this.#members(services, results)) {
      const list = byAccount.get(member.client) ?? [];
      list.push(member);
      byAccount.set(member.client, list);
    }
    await Promise.all(
      [...byAccount].map(async ([client, members]) => {
        const ctx = this.#groupContext(client, members, signal);
        const lookup = await this.#lookUpPolicies(ctx, ctx.serviceIds);
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
          for (const o of await this.#listOnCalls(ctx, all, sinceMs, untilMs)) {
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
      }),
    );
    return results;
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

  // ----------------------------------------------------------------- batch

  /**
   * Resolves each entry to its account and services; an invalid one is
   * rejected in `results` and left out.
   */
  #members<T>(
    services: Array<PagingServiceRef | undefined>,
    results: PromiseSettledResult<T>[],
  ): BatchMember[] {
    const members: BatchMember[] = [];
    for (const [index, ref] of services.entries()) {
      try {
        const { client, serviceIds } = this.#resolve(ref);
        members.push({ index, client, serviceIds });
      } catch (error) {
        results[index] = { status: 'rejected', reason: error };
      }
    }
    return members;
  }

  /** A context for the union of the members' services. */
  #groupContext(
    client: PagerDutyClient,
    members: BatchMember[],
    signal?: AbortSignal,
  ): SyncContext {
    const serviceIds = [...new Set(members.flatMap(m => m.serviceIds))].sort();
    return {
      client,
      serviceIds,
      serviceSet: new Set(serviceIds),
      signal,
      stats: { requests: 0, retries: 0, rateLimitWaitMs: 0 },
    };
  }

  /**
   * The time of the previous sync a cursor tells, or why it is not used
   * (a backfill then): it belongs to other services, or is too old.
   */
  #previousSync(
    cursor: string | undefined,
    fingerprint: string,
    untilMs: number,
  ): { previous?: number; reset?: CursorReset } {
    if (cursor === undefined) {
      return {};
    }
    const previous = decodeCursor(cursor, fingerprint);
    if (previous === undefined) {
      return { reset: 'mismatch' };
    }
    if (untilMs - previous > this.#maxCursorAgeMs) {
      return { reset: 'old' };
    }
    return { previous };
  }

  #maxCursorAgeDays(): number {
    return Math.round(this.#maxCursorAgeMs / DAY_MS);
  }

  // -------------------------------------------------------------- backfill

  async #backfill(
    ctx: SyncContext,
    sinceMs: number,
    untilMs: number,
  ): Promise<Incident[]> {
    const { client } = ctx;
    const nowMs = this.#now();
    const batches = chunk(ctx.serviceIds, this.#batchSize);
    const listed: PdIncident[] = [];
    const analytics = new Map<string, PdAnalyticsIncident>();
    let analyticsOk = this.#useAnalytics && !this.#noAnalytics.has(client.name);

    await mapWithConcurrency(batches, this.#concurrency, async batch => {
      appendAll(
        listed,
        await this.#listIncidents(ctx, batch, sinceMs, untilMs),
      );
      if (analyticsOk) {
        try {
          for (const a of await this.#listAnalytics(
            ctx,
            batch,
            sinceMs,
            untilMs,
          )) {
            if (typeof a.id === 'string') {
              analytics.set(a.id, a);
            }
          }
        } catch (e) {
          if (!this.#analyticsFailed(client, e)) {
            throw e;
          }
          analyticsOk = false;
        }
      }
    });
    const incidents = dedupe(listed);

    // Which incidents analytics cannot vouch for: missing there, changed
    // since analytics saw them, or changed within the analytics lag.
    const lagStart = nowMs - this.#analyticsLagMs;
    const gaps: PdIncident[] = [];
    for (const incident of incidents) {
      const a = analyticsOk ? analytics.get(incident.id!) : undefined;
      if (!a || !analyticsFresh(incident, a, lagStart)) {
        gaps.push(incident);
      }
    }

    // an hour of margin before the lag: incidents triggered then were
    // still being handled when analytics were computed
    const histories = await this.#historiesOf(
      ctx,
      gaps,
      Math.max(sinceMs, lagStart - 60 * 60 * 1000),
    );
    return this.#toIncidents(incidents, histories, analytics);
  }

  /**
   * Complete log-entry histories of `gaps`, read the cheapest way: one
   * account-wide listing of overview log entries since the oldest gap, or
   * one since `recentStart` for the gaps created since then plus one
   * listing per older incident, or one listing per incident. The first page
   * of an account-wide listing asks for `total`, which tells its cost.
   */
  async #historiesOf(
    ctx: SyncContext,
    gaps: PdIncident[],
    recentStart: number,
  ): Promise<Map<string, History>> {
    const histories = new Map<string, History>();
    if (gaps.length === 0) {
      return histories;
    }
    const logUntilMs = this.#now() + 1000;
    let perIncident = gaps.filter(i => createdMs(i) < recentStart);
    let windowed = gaps.filter(i => createdMs(i) >= recentStart);
    let window: Map<string, History> | undefined;

    // probing an account-wide listing costs a request: not worth it for
    // one or two incidents
    if (perIncident.length > 2) {
      // all gaps from one account-wide listing, if that costs less than
      // fetching the older ones one by one
      const oldest = perIncident.reduce(
        (min, i) => Math.min(min, createdMs(i)),
        Infinity,
      );
      window = await this.#windowHistories(
        ctx,
        oldest,
        logUntilMs,
        perIncident.length,
      );
      if (window) {
        windowed = gaps;
        perIncident = [];
      }
    }
    if (!window && windowed.length === 1) {
      perIncident = gaps;
      windowed = [];
    } else if (!window && windowed.length > 0) {
      window = await this.#windowHistories(
        ctx,
        recentStart,
        logUntilMs,
        windowed.length,
      );
      if (!window) {
        perIncident = gaps;
        windowed = [];
      }
    }
    for (const incident of windowed) {
      histories.set(incident.id!, window?.get(incident.id!) ?? emptyHistory());
    }
    await mapWithConcurrency(perIncident, this.#concurrency, async incident => {
      histories.set(
        incident.id!,
        await this.#incidentHistory(ctx, incident, logUntilMs),
      );
    });
    return histories;
  }

  /**
   * Account-wide overview log entries in `[fromMs, untilMs)` of the context's
   * services, by incident; `undefined` when reading them would take more
   * than `maxPages` pages.
   */
  async #windowHistories(
    ctx: SyncContext,
    fromMs: number,
    untilMs: number,
    maxPages?: number,
  ): Promise<Map<string, History> | undefined> {
    const { client, signal, stats } = ctx;
    const query = { is_overview: true };
    if (maxPages !== undefined) {
      const first = await client.getPage<PdLogEntry>(
        '/log_entries',
        'log_entries',
        {
          ...query,
          since: new Date(fromMs).toISOString(),
          until: new Date(untilMs).toISOString(),
        },
        0,
        { signal, stats, total: true },
      );
      if (first.total !== null && Math.ceil(first.total / 100) > maxPages) {
        return undefined;
      }
      if (!first.more) {
        return historiesFrom(first.items, ctx.serviceSet);
      }
    }
    const entries = await listInTimeRange<PdLogEntry>(
      client,
      '/log_entries',
      'log_entries',
      query,
      fromMs,
      untilMs,
      { signal, stats },
    );
    return historiesFrom(entries, ctx.serviceSet);
  }

  async #incidentHistory(
    ctx: SyncContext,
    incident: PdIncident,
    untilMs: number,
  ): Promise<History> {
    const { client, signal, stats } = ctx;
    const fromMs = createdMs(incident) - 60_000;
    const { items } = await client.listAll<PdLogEntry>(
      `/incidents/${encodeURIComponent(incident.id!)}/log_entries`,
      'log_entries',
      {
        is_overview: true,
        since: new Date(fromMs).toISOString(),
        until: new Date(untilMs).toISOString(),
      },
      { signal, stats },
    );
    return historiesFrom(items, undefined).get(incident.id!) ?? emptyHistory();
  }

  // ----------------------------------------------------------- incremental

  async #incremental(
    ctx: SyncContext,
    sinceMs: number,
    untilMs: number,
    previousMs: number,
  ): Promise<Incident[]> {
    const { client, signal, stats } = ctx;
    const windowStart = Math.min(previousMs - this.#overlapMs, untilMs);
    const logUntilMs = Math.max(untilMs, this.#now() + 1000);

    // incidents created since the previous sync
    const listed: PdIncident[] = [];
    const createdFrom = Math.max(windowStart, sinceMs);
    if (createdFrom < untilMs) {
      await mapWithConcurrency(
        chunk(ctx.serviceIds, this.#batchSize),
        this.#concurrency,
        async batch => {
          appendAll(
            listed,
            await this.#listIncidents(ctx, batch, createdFrom, untilMs),
          );
        },
      );
    }
    const created = dedupe(listed);
    const createdIds = new Set(created.map(i => i.id!));

    // what changed since then: account-wide, filtered to these services
    const window = (await this.#windowHistories(ctx, windowStart, logUntilMs))!;
    const changedIds = [...window]
      .filter(([id, h]) => h.changed && !createdIds.has(id))
      .map(([id]) => id)
      .sort();

    const changed: PdIncident[] = [];
    const histories = new Map<string, History>();
    for (const incident of created) {
      histories.set(incident.id!, window.get(incident.id!) ?? emptyHistory());
    }
    await mapWithConcurrency(changedIds, this.#concurrency, async id => {
      let incident: PdIncident | undefined;
      try {
        const body = (await client.get(
          `/incidents/${encodeURIComponent(id)}`,
          {},
          { signal, stats },
        )) as { incident?: PdIncident | null } | null;
        incident = body?.incident ?? undefined;
      } catch (e) {
        if (e instanceof PagerDutyRequestError && e.statusCode === 404) {
          return; // deleted or merged away
        }
        throw e;
      }
      if (
        incident &&
        typeof incident.id === 'string' &&
        createdMs(incident) >= sinceMs
      ) {
        changed.push(incident);
      }
    });
    // the window holds the whole history of incidents created in it; older
    // ones need theirs read (per incident, or account-wide when cheaper)
    const older: PdIncident[] = [];
    for (const incident of changed) {
      if (createdMs(incident) >= windowStart) {
        histories.set(incident.id!, window.get(incident.id!) ?? emptyHistory());
      } else {
        older.push(incident);
      }
    }
    for (const [id, history] of await this.#historiesOf(
      ctx,
      older,
      windowStart,
    )) {
      histories.set(id, history);
    }
    return this.#toIncidents(
      dedupe([...created, ...changed]),
      histories,
      new Map(),
    );
  }

  // ------------------------------------------------------------- requests

  async #listIncidents(
    ctx: SyncContext,
    serviceIds: string[],
    sinceMs: number,
    untilMs: number,
  ): Promise<PdIncident[]> {
    return listInTimeRange<PdIncident>(
      ctx.client,
      '/incidents',
      'incidents',
      { 'service_ids[]': serviceIds, time_zone: 'UTC' },
      sinceMs,
      untilMs,
      {
        signal: ctx.signal,
        stats: ctx.stats,
        maxRangeMs: PAGERDUTY_MAX_INCIDENT_RANGE_MS,
      },
    );
  }

  async #listAnalytics(
    ctx: SyncContext,
    serviceIds: string[],
    sinceMs: number,
    untilMs: number,
  ): Promise<PdAnalyticsIncident[]> {
    const out: PdAnalyticsIncident[] = [];
    const body: Record<string, unknown> = {
      filters: {
        created_at_start: new Date(sinceMs).toISOString(),
        created_at_end: new Date(untilMs).toISOString(),
        service_ids: serviceIds,
      },
      limit: 1000,
      order: 'asc',
      order_by: 'created_at',
      time_zone: 'Etc/UTC',
    };
    const seen = new Set<string>();
    for (;;) {
      const page = (await ctx.client.post('/analytics/raw/incidents', body, {
        signal: ctx.signal,
        stats: ctx.stats,
      })) as PdAnalyticsPage | null;
      const data = Array.isArray(page?.data) ? page!.data : [];
      appendAll(out, data);
      const last = page?.last;
      // a null cursor (the live API sends one) or a repeated one ends it
      if (page?.more !== true || typeof last !== 'string' || seen.has(last)) {
        return out;
      }
      seen.add(last);
      body.starting_after = last;
    }
  }

  /** True when an analytics failure should fall back to log entries. */
  #analyticsFailed(client: PagerDutyClient, e: unknown): boolean {
    if (e instanceof PagerDutyRequestError) {
      if ([401, 402, 403].includes(e.statusCode)) {
        this.#noAnalytics.add(client.name);
      }
      this.#logger.warn(
        `PagerDuty account "${client.name}": analytics unavailable (${e.statusCode}); reading acknowledgements from log entries instead`,
      );
      return true;
    }
    if ((e as Error)?.name === 'UpstreamUnavailableError') {
      this.#logger.warn(
        `${
          (e as Error).message
        }; reading acknowledgements from log entries instead`,
      );
      return true;
    }
    return false;
  }

  // -------------------------------------------------------------- mapping

  #toIncidents(
    incidents: PdIncident[],
    histories: Map<string, History>,
    analytics: Map<string, PdAnalyticsIncident>,
  ): Incident[] {
    const out: Incident[] = [];
    let skipped = 0;
    for (const pd of incidents) {
      const incident = toIncident(
        pd,
        histories.get(pd.id!),
        analytics.get(pd.id!),
      );
      if (incident) {
        out.push(incident);
      } else {
        skipped++;
      }
    }
    if (skipped > 0) {
      this.#logger.warn(
        `PagerDuty: left out ${skipped} incidents without an id or a readable created_at`,
      );
    }
    return out.sort(
      (a, b) =>
        Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
        (a.id < b.id ? -1 : 1),
    );
  }

  #context(services: PagingServiceRef, signal?: AbortSignal): SyncContext {
    const { client, serviceIds } = this.#resolve(services);
    return {
      client,
      serviceIds,
      serviceSet: new Set(serviceIds),
      signal,
      stats: { requests: 0, retries: 0, rateLimitWaitMs: 0 },
    };
  }

  /** The account and the valid, sorted, distinct service ids of a ref. */
  #resolve(services: PagingServiceRef | undefined): {
    client: PagerDutyClient;
    serviceIds: string[];
  } {
    if (!services || !Array.isArray(services.serviceIds)) {
      throw new InputError('services.serviceIds must be an array');
    }
    const client = this.client(services.account);
    const serviceIds = [
      ...new Set(services.serviceIds.map(id => String(id).trim())),
    ]
      .filter(Boolean)
      .sort();
    for (const id of serviceIds) {
      if (!SERVICE_ID.test(id)) {
        throw new InputError(
          `Invalid PagerDuty service id ${JSON.stringify(id.slice(0, 80))}`,
        );
      }
    }
    return { client, serviceIds };
  }
}

/**
 * Maps a PagerDuty incident, its log-entry history (when read) and its
 * analytics record (when read) to an `Incident`.
 */
function toIncident(
  pd: PdIncident,
  history: History | undefined,
  analytics: PdAnalyticsIncident | undefined,
): Incident | undefined {
  const created = createdMs(pd);
  if (typeof pd.id !== 'string' || !pd.id || !Number.isFinite(created)) {
    return undefined;
  }
  const status =
    pd.status === 'acknowledged' || pd.status === 'resolved'
      ? pd.status
      : 'triggered';

  // first acknowledgement: log entries, then analytics; the incident's
  // own acknowledgements (cleared on resolve) only as a last resort
  const ackCandidates: number[] = [];
  if (history && history.firstAckMs !== null) {
    ackCandidates.push(history.firstAckMs);
  }
  const secondsToAck = analytics?.seconds_to_first_ack;
  if (
    typeof secondsToAck === 'number' &&
    Number.isFinite(secondsToAck) &&
    secondsToAck >= 0
  ) {
    ackCandidates.push(created + secondsToAck * 1000);
  }
  if (ackCandidates.length === 0 && status === 'acknowledged') {
    for (const a of pd.acknowledgements ?? []) {
      const at = parseTime(a?.at);
      if (at !== undefined) {
        ackCandidates.push(at);
      }
    }
  }
  const firstAckMs =
    ackCandidates.length > 0 ? Math.min(...ackCandidates) : null;

  let resolvedMs: number | null = null;
  if (status === 'resolved') {
    // resolved is final, so the last status change is the resolution
    resolvedMs =
      parseTime(pd.resolved_at) ??
      history?.resolvedMs ??
      parseTime(analytics?.resolved_at) ??
      parseTime(pd.last_status_change_at) ??
      null;
  }

  let escalations: number | undefined;
  if (history) {
    escalations = history.escalations;
  } else if (
    typeof analytics?.escalation_count === 'number' &&
    Number.isFinite(analytics.escalation_count) &&
    analytics.escalation_count >= 0
  ) {
    escalations = analytics.escalation_count;
  }

  const key = typeof pd.incident_key === 'string' ? pd.incident_key : '';
  const title =
    (typeof pd.title === 'string' && pd.title) ||
    (typeof pd.summary === 'string' && pd.summary) ||
    pd.id;
  return {
    id: pd.id,
    source: 'pagerduty',
    ...(typeof pd.service?.id === 'string' ? { serviceId: pd.service.id } : {}),
    title,
    alertKey: key.trim() ? key : null,
    urgency: pd.urgency === 'high' ? 'high' : 'low',
    status,
    createdAt: new Date(created).toISOString(),
    firstAcknowledgedAt:
      firstAckMs === null ? null : new Date(firstAckMs).toISOString(),
    resolvedAt: resolvedMs === null ? null : new Date(resolvedMs).toISOString(),
    ...(escalations === undefined ? {} : { escalations }),
  };
}

/** Whether an analytics record still describes the incident. */
function analyticsFresh(
  incident: PdIncident,
  a: PdAnalyticsIncident,
  lagStartMs: number,
): boolean {
  const lastChange =
    parseTime(incident.last_status_change_at) ?? createdMs(incident);
  if (!(lastChange < lagStartMs)) {
    return false;
  }
  const analyticsUpdated = parseTime(a.updated_at);
  return analyticsUpdated === undefined || analyticsUpdated >= lastChange;
}

function historiesFrom(
  entries: PdLogEntry[],
  services: Set<string> | undefined,
): Map<string, History> {
  const sorted = entries
    .map(e => ({ e, at: parseTime(e.created_at) }))
    .filter(
      (x): x is { e: PdLogEntry; at: number } =>
        x.at !== undefined &&
        typeof x.e.incident?.id === 'string' &&
        (!services ||
          (typeof x.e.service?.id === 'string' &&
            services.has(x.e.service.id))),
    )
    .sort((a, b) => a.at - b.at);
  const out = new Map<string, History>();
  const seen = new Set<string>();
  for (const { e, at } of sorted) {
    if (typeof e.id === 'string') {
      if (seen.has(e.id)) {
        continue; // the same entry in two adjoining ranges
      }
      seen.add(e.id);
    }
    const id = e.incident!.id!;
    const h = out.get(id) ?? emptyHistory();
    if (e.type === ACK && h.firstAckMs === null) {
      h.firstAckMs = at;
    } else if (e.type === ESCALATE) {
      h.escalations++;
    } else if (e.type === RESOLVE) {
      h.resolvedMs = at;
    }
    if (CHANGE_TYPES.has(e.type ?? '')) {
      h.changed = true;
    }
    out.set(id, h);
  }
  return out;
}

function emptyHistory(): History {
  return { firstAckMs: null, resolvedMs: null, escalations: 0, changed: false };
}

function createdMs(incident: PdIncident): number {
  return parseTime(incident.created_at) ?? NaN;
}

/**
 * Reads a PagerDuty timestamp. REST resources carry an offset; the analytics
 * API answers in the `time_zone` the request names (always UTC here) and
 * often without an offset, which `Date.parse` would read in the machine's
 * zone. Times without an offset are therefore read as UTC.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  const time = parsed.isValid
    ? parsed
    : DateTime.fromSQL(text, { zone: 'utc' });
  return time.isValid ? time.toMillis() : undefined;
}

function dedupe(incidents: PdIncident[]): PdIncident[] {
  const byId = new Map<string, PdIncident>();
  for (const incident of incidents) {
    if (typeof incident?.id === 'string' && incident.id) {
      byId.set(incident.id, incident);
    }
  }
  return [...byId.values()];
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

/** `target.push(...items)` without an argument list as long as `items`. */
function appendAll<T>(target: T[], items: T[]): void {
  for (const item of items) {
    target.push(item);
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

async function mapWithConcurrency<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
}

function fulfilled<T>(value: T): PromiseFulfilledResult<T> {
  return { status: 'fulfilled', value };
}

/**
 * The incidents of each member's services, in the order of `incidents`
 * (oldest first); an incident of a service several members share goes to
 * each of them.
 */
function splitByService(
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

function validRange(range: { since: Date; until: Date }): [number, number] {
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

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `PagerDutyPagingProvider ${name} must be a positive integer, got ${value}`,
    );
  }
  return value;
}

/** FNV-1a of the account and service ids: a cursor belongs to them. */
function fingerprintOf(account: string, serviceIds: string[]): string {
  let hash = 0x811c9dc5;
  for (const ch of `${account}\u0000${serviceIds.join(',')}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function encodeCursor(untilMs: number, fingerprint: string): string {
  return `${CURSOR_PREFIX}${untilMs}.${fingerprint}`;
}

function decodeCursor(cursor: string, fingerprint: string): number | undefined {
  if (typeof cursor !== 'string' || !cursor.startsWith(CURSOR_PREFIX)) {
    return undefined;
  }
  const [ms, fp] = cursor.slice(CURSOR_PREFIX.length).split('.');
  const value = Number(ms);
  if (
    !/^\d+$/.test(ms ?? '') ||
    !Number.isSafeInteger(value) ||
    fp !== fingerprint
  ) {
    return undefined;
  }
  return value;
}
