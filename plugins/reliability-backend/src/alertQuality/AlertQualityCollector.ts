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
} from '@reliability-kit/backstage-plugin-reliability-node';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { ALERT_SELECTOR_ANNOTATION } from '../alerts/parseAlertSelector';
import {
  LabelMatcher,
  parseLabelMatchers,
} from '../providers/prometheus/LabelMatcher';
import { mapWithConcurrency } from '../slo/mapWithConcurrency';

export const PAGERDUTY_SERVICE_ANNOTATION = 'pagerduty.com/service-id';
export const PAGERDUTY_ACCOUNT_ANNOTATION = 'pagerduty.com/account';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the collector keeps per entity besides incidents. */
export interface AlertSourcesDocument {
  pagingSource: string | null;
  /** The earliest time incidents were synced for. */
  dataSince: string | null;
  shifts: OnCallShift[];
  /** Null when the entity has no alert selector or no rules API is configured. */
  rules: AlertRule[] | null;
  firingAlerts: FiringAlert[];
  problems: EntityProblem[];
  computedAt: string;
  stale: boolean;
  staleReason?: string;
}

/** Selects an entity's alert rules from the fleet's rules. */
export type AlertRuleSelector = (matchers: LabelMatcher[]) => AlertRule[];

export interface AlertQualityCollectorOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: ReliabilityStore;
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The alert-quality collector, a scheduled task: syncs each entity's
 * incidents from its paging provider into the store (a backfill, then only
 * what changed), reads its on-call shifts, alert rules and firing alerts,
 * and keeps them for the alert-quality endpoint, which computes the metrics
 * from the store. An upstream failure keeps everything stored, marked stale.
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
  pagingOf(
    entity: Entity,
  ): { provider: PagingProvider; services: PagingServiceRef } | undefined {
    const { pagers, demo } = this.options;
    const annotations = entity.metadata.annotations ?? {};
    const serviceIds = (annotations[PAGERDUTY_SERVICE_ANNOTATION] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const account = annotations[PAGERDUTY_ACCOUNT_ANNOTATION];
    const services: PagingServiceRef = {
      serviceIds,
      ...(account ? { account } : {}),
    };
    if (serviceIds.length > 0 && pagers.has('pagerduty')) {
      return { provider: pagers.get('pagerduty')!, services };
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
    now: Date = new Date(),
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

    const results = await mapWithConcurrency(
      entities,
      this.options.concurrency ?? 4,
      entity =>
        this.collectEntity(entity, now, selectRules, rulesError).catch(
          error => {
            logger.error(
              `Alert quality collection failed for ${stringifyEntityRef(
                entity,
              )}: ${errorMessage(error)}`,
            );
            return { incidents: 0, failed: true };
          },
        ),
    );
    await store.pruneIncidents(
      new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString(),
    );
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

  private async collectEntity(
    entity: Entity,
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

    // Incidents and on-call shifts.
    const paging = this.pagingOf(entity);
    let shifts = previous?.shifts ?? [];
    let dataSince = previous?.dataSince ?? null;
    if (paging) {
      const { provider, services } = paging;
      const state = await store.getPagingSync(entityRef, provider.id);
      try {
        const since = new Date(now.getTime() - this.backfillDays * DAY_MS);
        const result = await provider.syncIncidents({
          services,
          since,
          until: now,
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
        shifts = await provider.listOnCallShifts({
          services,
          since: new Date(now.getTime() - 2 * 90 * DAY_MS),
          until: now,
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
