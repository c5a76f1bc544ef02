import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertRule,
  EntityProblem,
  FiringAlert,
  OnCallShift,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  PagingProvider,
  PagingServiceRef,
  PagingSyncResult,
} from '@reliability-kit/backstage-plugin-reliability-node';
import {
  PagingSyncState,
  ReliabilityStore,
} from '../database/ReliabilityStore';
import { ALERT_SELECTOR_ANNOTATION } from '../alerts/parseAlertSelector';
import {
  LabelMatcher,
  parseLabelMatchers,
} from '../providers/prometheus/LabelMatcher';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { Clock } from '../lib/Clock';
import {
  PAGERDUTY_SERVICE_ID_ANNOTATION as PAGERDUTY_SERVICE_ANNOTATION,
  getPagingServiceRef,
} from '../providers/pagerduty/getPagingServiceRef';
import type { FleetProjection } from '../fleet/FleetProjection';
import type { AlertSourcesDocument } from './AlertSourcesDocument';

export type { AlertSourcesDocument } from './AlertSourcesDocument';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Selects an entity's alert rules from the fleet's rules. */
export type AlertRuleSelector = (matchers: LabelMatcher[]) => AlertRule[];

export interface AlertQualityCollectorOptions {
  /** The one clock of the plugin (plugin.ts); `run()` without a time uses it. */
  clock: Clock;
  catalog: CatalogService;
  auth: AuthService;
  store: ReliabilityStore;
  /**
   * Told after each write of an entity's `alertQuality` section (never
   * fails the collection: failures are logged).
   */
  fleet?: FleetProjection;
  logger: LoggerService;
  /** Paging providers by id: `pagerduty`, `alertmanager`, `demo`. */
  pagers: Map<string, PagingProvider>;
  /** Demo mode: entities without any source page through the demo provider. */
  demo: boolean;
  /** Fetches the fleet's alert rules once per run (Prometheus rules API). */
  loadAlertRules?: (signal?: AbortSignal) => Promise<AlertRuleSelector>;
  /** Firing alerts and silences (Alertmanager API v2). */
  listFiringAlerts?: (
    matchers: LabelMatcher[],
    signal?: AbortSignal,
  ) => Promise<FiringAlert[]>;
  backfillDays?: number;
  retentionDays?: number;
  concurrency?: number;
}

/** How an entity is paged: its provider and services. */
interface Paging {
  provider: PagingProvider;
  services: PagingServiceRef;
}

/**
 * What a provider's batch methods returned for one entity, read before the
 * entity is collected.
 */
interface Prefetched {
  /** The sync state read for the batch sync. */
  state?: PromiseSettledResult<PagingSyncState | undefined>;
  sync?: PromiseSettledResult<PagingSyncResult>;
  shifts?: PromiseSettledResult<OnCallShift[]>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The value of a settled result, or its reason thrown. */
async function settledValue<T>(result: PromiseSettledResult<T>): Promise<T> {
  if (result.status === 'rejected') {
    throw result.reason;
  }
  return result.value;
}

/** `count` results rejected with `reason`. */
function rejectAll<T>(
  count: number,
  reason: unknown,
): PromiseSettledResult<T>[] {
  return Array.from({ length: count }, () => ({
    status: 'rejected' as const,
    reason,
  }));
}

/**
 * The alert-quality collector, a scheduled task: syncs each entity's
 * incidents from its paging provider into the store (a backfill, then only
 * what changed), reads its on-call shifts, alert rules and firing alerts,
 * and keeps them for the alert-quality endpoint, which computes the metrics
 * from the store. An upstream failure keeps everything stored, marked stale.
 *
 * Providers with batch methods (`syncIncidentsForMany`,
 * `listOnCallShiftsForMany`; PagerDuty) are called once per run with every
 * entity they page, which lets them list each account once for all its
 * services; the others (demo, Alertmanager history) are called per entity.
 * Either way each entity keeps its own sync state (cursor, last sync, last
 * error), and a failure marks stale only the entities it concerns.
 */
export class AlertQualityCollector {
  private readonly backfillDays: number;
  private readonly retentionDays: number;

  constructor(private readonly options: AlertQualityCollectorOptions) {
    this.backfillDays = options.backfillDays ?? 90;
    // Keep at least two 90-day windows (and the backfill), so the 90d report
    // always has its previous window.
    this.retentionDays = Math.max(
      options.retentionDays ?? 400,
      this.backfillDays,
      2 * 90 + 1,
    );
  }

  /** How an entity is paged: PagerDuty, Alertmanager's ALERTS, or demo. */
  pagingOf(entity: Entity): Paging | undefined {
    const { pagers, demo } = this.options;
    const annotations = entity.metadata.annotations ?? {};
    const pagerDuty = getPagingServiceRef(annotations);
    const serviceIds = pagerDuty?.serviceIds ?? [];
    if (pagerDuty && pagers.has('pagerduty')) {
      return { provider: pagers.get('pagerduty')!, services: pagerDuty };
    }
    const selector = annotations[ALERT_SELECTOR_ANNOTATION];
    if (selector && pagers.has('alertmanager')) {
      return {
        provider: pagers.get('alertmanager')!,
        services: { serviceIds: [selector] },
      };
    }
    if (demo && pagers.has('demo') && (serviceIds.length > 0 || selector)) {
      return {
        provider: pagers.get('demo')!,
        services: {
          serviceIds:
            serviceIds.length > 0 ? serviceIds : [entity.metadata.name],
        },
      };
    }
    return undefined;
  }

  async run(
    now: Date = this.options.clock.now(),
  ): Promise<{ entities: number; incidents: number; failures: number }> {
    const { catalog, auth, logger, store } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: [
          {
            [`metadata.annotations.${PAGERDUTY_SERVICE_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${ALERT_SELECTOR_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
      },
      { credentials },
    )) {
      entities.push(...page);
    }

    let selectRules: AlertRuleSelector | undefined;
    let rulesError: string | undefined;
    if (
      this.options.loadAlertRules &&
      entities.some(e => e.metadata.annotations?.[ALERT_SELECTOR_ANNOTATION])
    ) {
      try {
        selectRules = await this.options.loadAlertRules();
      } catch (error) {
        rulesError = errorMessage(error);
        logger.warn(`Could not read alert rules: ${rulesError}`);
      }
    }

    const pagings = entities.map(entity => this.pagingOf(entity));
    const prefetched = await this.prefetchBatches(entities, pagings, now);
    const results = await mapWithConcurrency(
      entities,
      this.options.concurrency ?? 4,
      (entity, index) =>
        this.collectEntity(
          entity,
          pagings[index],
          prefetched.get(index),
          now,
          selectRules,
          rulesError,
        ).catch(error => {
          logger.error(
            `Alert quality collection failed for ${stringifyEntityRef(
              entity,
            )}: ${errorMessage(error)}`,
          );
          return { incidents: 0, failed: true };
        }),
    );
    await store.pruneIncidents(
      new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString(),
    );
    // The fleet's weeks before the install, with the incidents stored above.
    await this.options.fleet?.historyStored?.('incidents', now.toISOString());
    const summary = {
      entities: entities.length,
      incidents: results.reduce((n, r) => n + r.incidents, 0),
      failures: results.filter(r => r.failed).length,
    };
    logger.info(
      `Synced ${summary.incidents} incidents of ${summary.entities} entities (${summary.failures} failed)`,
    );
    return summary;
  }

  /** The time range of the incident backfill. */
  private backfillRange(now: Date): { since: Date; until: Date } {
    return {
      since: new Date(now.getTime() - this.backfillDays * DAY_MS),
      until: now,
    };
  }

  /** The time range of the on-call shifts: two 90-day windows. */
  private shiftsRange(now: Date): { since: Date; until: Date } {
    return { since: new Date(now.getTime() - 2 * 90 * DAY_MS), until: now };
  }

  /**
   * Calls the batch methods of the providers that have them, once per
   * provider with all the entities it pages (by index in `entities`).
   * Providers run in parallel; a provider that throws rejects all its
   * entities.
   */
  private async prefetchBatches(
    entities: Entity[],
    pagings: Array<Paging | undefined>,
    now: Date,
  ): Promise<Map<number, Prefetched>> {
    const { store } = this.options;
    const byProvider = new Map<PagingProvider, number[]>();
    for (const [index, paging] of pagings.entries()) {
      if (
        paging &&
        (paging.provider.syncIncidentsForMany ||
          paging.provider.listOnCallShiftsForMany)
      ) {
        const list = byProvider.get(paging.provider) ?? [];
        list.push(index);
        byProvider.set(paging.provider, list);
      }
    }
    const out = new Map<number, Prefetched>();
    await Promise.all(
      [...byProvider].map(async ([provider, indexes]) => {
        if (provider.syncIncidentsForMany) {
          const states = await mapWithConcurrency(
            indexes,
            this.options.concurrency ?? 4,
            async index => {
              try {
                const state = await store.getPagingSync(
                  stringifyEntityRef(entities[index]),
                  provider.id,
                );
                return { status: 'fulfilled' as const, value: state };
              } catch (reason) {
                return { status: 'rejected' as const, reason };
              }
            },
          );
          // an entity whose state cannot be read fails on its own
          const readable = indexes.filter(
            (_, k) => states[k].status === 'fulfilled',
          );
          for (const [k, index] of indexes.entries()) {
            out.set(index, { state: states[k] });
          }
          let synced: PromiseSettledResult<PagingSyncResult>[];
          try {
            synced = await provider.syncIncidentsForMany(
              readable.map(index => {
                const state = out.get(index)!.state!;
                const cursor =
                  state.status === 'fulfilled'
                    ? state.value?.cursor
                    : undefined;
                return {
                  services: pagings[index]!.services,
                  ...(cursor ? { cursor } : {}),
                };
              }),
              this.backfillRange(now),
            );
          } catch (error) {
            synced = rejectAll(readable.length, error);
          }
          for (const [k, index] of readable.entries()) {
            out.get(index)!.sync =
              synced[k] ??
              rejectAll(1, new Error('no result from the batch sync'))[0];
          }
        }
        if (provider.listOnCallShiftsForMany) {
          let shifts: PromiseSettledResult<OnCallShift[]>[];
          try {
            shifts = await provider.listOnCallShiftsForMany(
              indexes.map(index => pagings[index]!.services),
              this.shiftsRange(now),
            );
          } catch (error) {
            shifts = rejectAll(indexes.length, error);
          }
          for (const [k, index] of indexes.entries()) {
            const entry = out.get(index) ?? {};
            entry.shifts =
              shifts[k] ??
              rejectAll(1, new Error('no result from the batch listing'))[0];
            out.set(index, entry);
          }
        }
      }),
    );
    return out;
  }

  private async collectEntity(
    entity: Entity,
    paging: Paging | undefined,
    prefetched: Prefetched | undefined,
    now: Date,
    selectRules: AlertRuleSelector | undefined,
    rulesError: string | undefined,
  ): Promise<{ incidents: number; failed: boolean }> {
    const { store } = this.options;
    const entityRef = stringifyEntityRef(entity);
    const previous = await store.readDocument<AlertSourcesDocument>(
      entityRef,
      'alertSources',
    );
    const problems: EntityProblem[] = [];
    const staleReasons: string[] = [];
    let synced = 0;

    // Incidents and on-call shifts: read by the provider's batch methods
    // before (prefetched), or now for this entity alone.
    let shifts = previous?.shifts ?? [];
    let dataSince = previous?.dataSince ?? null;
    if (paging) {
      const { provider, services } = paging;
      const state = prefetched?.state
        ? await settledValue(prefetched.state)
        : await store.getPagingSync(entityRef, provider.id);
      try {
        const { since, until } = this.backfillRange(now);
        const result = prefetched?.sync
          ? await settledValue(prefetched.sync)
          : await provider.syncIncidents({
              services,
              since,
              until,
              cursor: state?.cursor,
            });
        await store.upsertIncidents(
          entityRef,
          result.incidents,
          now.toISOString(),
        );
        await store.recordPagingSync(entityRef, provider.id, {
          cursor: result.cursor,
          syncedAt: now.toISOString(),
        });
        synced = result.incidents.length;
        if (!state?.cursor) {
          dataSince = since.toISOString();
        }
      } catch (error) {
        const reason = `${provider.id}: ${errorMessage(error)}`;
        staleReasons.push(reason);
        await store.recordPagingSyncError(
          entityRef,
          provider.id,
          reason,
          now.toISOString(),
        );
      }
      try {
        shifts = prefetched?.shifts
          ? await settledValue(prefetched.shifts)
          : await provider.listOnCallShifts({
              services,
              ...this.shiftsRange(now),
            });
      } catch (error) {
        staleReasons.push(`${provider.id} on-calls: ${errorMessage(error)}`);
      }
    }

    // Alert rules and firing alerts, by label selector.
    let rules = previous?.rules ?? null;
    let firingAlerts = previous?.firingAlerts ?? [];
    const selector = entity.metadata.annotations?.[ALERT_SELECTOR_ANNOTATION];
    if (selector) {
      let matchers: LabelMatcher[] | undefined;
      try {
        matchers = parseLabelMatchers(selector);
      } catch (error) {
        problems.push({
          source: 'alert-quality',
          message: `invalid ${ALERT_SELECTOR_ANNOTATION}: ${errorMessage(
            error,
          )}`,
        });
        rules = null;
        firingAlerts = [];
      }
      if (matchers) {
        if (selectRules) {
          rules = selectRules(matchers);
        } else if (rulesError) {
          staleReasons.push(`alert rules: ${rulesError}`);
        }
        if (this.options.listFiringAlerts) {
          try {
            firingAlerts = await this.options.listFiringAlerts(matchers);
          } catch (error) {
            staleReasons.push(`Alertmanager: ${errorMessage(error)}`);
          }
        }
      }
    }

    const document: AlertSourcesDocument = {
      pagingSource: paging?.provider.id ?? null,
      dataSince,
      shifts,
      rules,
      firingAlerts,
      problems,
      computedAt:
        staleReasons.length > 0 && previous
          ? previous.computedAt
          : now.toISOString(),
      stale: staleReasons.length > 0,
      ...(staleReasons.length > 0
        ? { staleReason: staleReasons.join('; ') }
        : {}),
    };
    await store.writeDocument(entityRef, 'alertSources', document);
    await store.writeSection(entityRef, 'alertQuality', {
      items: [],
      problems,
      status: problems.length > 0 && !paging && !rules ? 'error' : 'ok',
      demo: paging?.provider.id === 'demo',
      computedAt: document.computedAt,
    });
    await this.options.fleet?.alertQualityWritten(
      entityRef,
      document.computedAt,
    );
    if (document.stale) {
      await store.markSectionStale(
        entityRef,
        'alertQuality',
        document.staleReason!,
      );
    }
    return { incidents: synced, failed: document.stale };
  }
}
