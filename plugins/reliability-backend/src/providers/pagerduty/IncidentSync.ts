import { LoggerService } from '@backstage/backend-plugin-api';
import { Incident } from '@reliability-kit/backstage-plugin-reliability-common';
import { chunk } from '../../lib/chunk';
import { mapWithConcurrency } from '../../lib/mapWithConcurrency';
import { PagerDutyAnalytics } from './PagerDutyAnalytics';
import { PagerDutyRequestError } from './PagerDutyRequestError';
import { History, emptyHistory, historiesFrom } from './incidentHistory';
import {
  PAGERDUTY_MAX_INCIDENT_RANGE_MS,
  listInTimeRange,
} from './listInTimeRange';
import { createdMs } from './parseTime';
import { SyncContext, appendAll } from './syncContext';
import { analyticsFresh, dedupe, toIncidents } from './toIncident';
import { PdAnalyticsIncident, PdIncident, PdLogEntry } from './types';

/** What {@link IncidentSync} needs. */
export interface IncidentSyncOptions {
  logger: LoggerService;
  /** The clock, in milliseconds since the epoch. */
  now: () => number;
  /** Service ids per `service_ids[]` request. */
  batchSize: number;
  /** Requests in flight at once per sync. */
  concurrency: number;
  /** Analytics (or not) of the backfill. */
  analytics: PagerDutyAnalytics;
  /** How far analytics may lag behind live data. */
  analyticsLagMs: number;
  /** An incremental sync re-reads this much before the cursor. */
  overlapMs: number;
}

/**
 * The incidents of a sync context's services: a backfill (incident
 * listings, analytics, then log entries for what analytics cannot vouch
 * for) or an incremental sync since a previous one (new incidents and those
 * the account-wide log entries say changed). See
 * {@link PagerDutyPagingProvider} for what each costs.
 */
export class IncidentSync {
  readonly #logger: LoggerService;
  readonly #now: () => number;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #analytics: PagerDutyAnalytics;
  readonly #analyticsLagMs: number;
  readonly #overlapMs: number;

  constructor(options: IncidentSyncOptions) {
    this.#logger = options.logger;
    this.#now = options.now;
    this.#batchSize = options.batchSize;
    this.#concurrency = options.concurrency;
    this.#analytics = options.analytics;
    this.#analyticsLagMs = options.analyticsLagMs;
    this.#overlapMs = options.overlapMs;
  }

  /** Every incident of the services created in `[sinceMs, untilMs)`. */
  async backfill(
    ctx: SyncContext,
    sinceMs: number,
    untilMs: number,
  ): Promise<Incident[]> {
    const { client } = ctx;
    const nowMs = this.#now();
    const batches = chunk(ctx.serviceIds, this.#batchSize);
    const listed: PdIncident[] = [];
    const analytics = new Map<string, PdAnalyticsIncident>();
    let analyticsOk = this.#analytics.enabledFor(client);

    await mapWithConcurrency(batches, this.#concurrency, async batch => {
      appendAll(
        listed,
        await this.#listIncidents(ctx, batch, sinceMs, untilMs),
      );
      if (analyticsOk) {
        try {
          for (const a of await this.#analytics.list(
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
          if (!this.#analytics.failed(client, e)) {
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
    return toIncidents(incidents, histories, analytics, this.#logger);
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

  /**
   * The incidents of the services created in `[sinceMs, untilMs)` that were
   * created or changed since `previousMs` (less the overlap).
   */
  async incremental(
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
    return toIncidents(
      dedupe([...created, ...changed]),
      histories,
      new Map(),
      this.#logger,
    );
  }

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
}
