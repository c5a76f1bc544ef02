import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { OnCallShift } from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingIncidentsRequest,
  PagingOnCallRequest,
  PagingProvider,
  PagingServiceRef,
  PagingSyncRange,
  PagingSyncRequest,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { IncidentSync } from './IncidentSync';
import { OnCallCache } from './OnCallCache';
import { OnCallShifts } from './OnCallShifts';
import { PagerDutyAnalytics } from './PagerDutyAnalytics';
import { PagerDutyClient, PagerDutyClientOptions } from './PagerDutyClient';
import {
  PagerDutyAccountConfig,
  readPagerDutyAccounts,
} from './readPagerDutyAccounts';
import {
  BatchMember,
  SyncContext,
  fulfilled,
  groupContext,
  positiveInteger,
  splitByService,
  syncContext,
  validRange,
  validServiceIds,
} from './syncContext';
import {
  CursorReset,
  encodeCursor,
  fingerprintOf,
  previousSync,
} from './syncCursor';

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
  /**
   * How long the batch on-call listing reuses the services' escalation
   * policies it read. Default 1 hour.
   */
  onCallPolicyCacheMs?: number;
  /**
   * How often the batch on-call listing reads the whole range again; in
   * between, a run reads only the on-calls since the previous run. Default
   * 6 hours.
   */
  onCallFullListingMs?: number;
  /**
   * A batch on-call listing sooner than this after the previous one reads
   * nothing and answers from what it has. Default 30 minutes.
   */
  onCallMinListingIntervalMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

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
  readonly #maxCursorAgeMs: number;
  readonly #incidents: IncidentSync;
  readonly #onCalls: OnCallShifts;

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
    const batchSize = positiveInteger(
      options.serviceBatchSize ?? 100,
      'serviceBatchSize',
    );
    const concurrency = positiveInteger(
      options.concurrency ?? 4,
      'concurrency',
    );
    this.#maxCursorAgeMs = options.maxCursorAgeMs ?? 7 * DAY_MS;
    this.#incidents = new IncidentSync({
      logger: options.logger,
      now: options.now ?? options.client?.now ?? Date.now,
      batchSize,
      concurrency,
      analytics: new PagerDutyAnalytics({
        logger: options.logger,
        enabled: options.useAnalytics ?? true,
      }),
      analyticsLagMs: options.analyticsLagMs ?? DAY_MS,
      overlapMs: options.overlapMs ?? 10 * 60 * 1000,
    });
    this.#onCalls = new OnCallShifts({
      logger: options.logger,
      batchSize,
      concurrency,
      cache: new OnCallCache({
        now: options.now ?? options.client?.now ?? Date.now,
        policyTtlMs: options.onCallPolicyCacheMs ?? HOUR_MS,
        fullRefreshMs: options.onCallFullListingMs ?? 6 * HOUR_MS,
        minListingIntervalMs: options.onCallMinListingIntervalMs ?? HOUR_MS / 2,
      }),
      levels: options.onCallEscalationLevels
        ? new Set(options.onCallEscalationLevels)
        : undefined,
    });
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

  async syncIncidents(
    request: PagingIncidentsRequest,
  ): Promise<PagingSyncResult> {
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
        ? await this.#incidents.backfill(ctx, sinceMs, untilMs)
        : await this.#incidents.incremental(ctx, sinceMs, untilMs, previous);
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
          const ctx = groupContext(client, group, signal);
          try {
            const incidents =
              previous === undefined
                ? await this.#incidents.backfill(ctx, sinceMs, untilMs)
                : await this.#incidents.incremental(
                    ctx,
                    sinceMs,
                    untilMs,
                    previous,
                  );
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

  async listOnCallShifts(request: PagingOnCallRequest): Promise<OnCallShift[]> {
    const [sinceMs, untilMs] = validRange(request);
    const ctx = this.#context(request.services, request.signal);
    return this.#onCalls.list(ctx, sinceMs, untilMs);
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
      [...byAccount].map(([client, members]) =>
        this.#onCalls.listForMembers(
          groupContext(client, members, signal),
          members,
          sinceMs,
          untilMs,
          results,
        ),
      ),
    );
    return results;
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

  /**
   * The time of the previous sync a cursor tells, or why it is not used
   * (a backfill then): it belongs to other services, or is too old.
   */
  #previousSync(
    cursor: string | undefined,
    fingerprint: string,
    untilMs: number,
  ): { previous?: number; reset?: CursorReset } {
    return previousSync(cursor, fingerprint, untilMs, this.#maxCursorAgeMs);
  }

  #maxCursorAgeDays(): number {
    return Math.round(this.#maxCursorAgeMs / DAY_MS);
  }

  #context(services: PagingServiceRef, signal?: AbortSignal): SyncContext {
    const { client, serviceIds } = this.#resolve(services);
    return syncContext(client, serviceIds, signal);
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
    return { client, serviceIds: validServiceIds(services.serviceIds) };
  }
}
