import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PagingProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { AlertsHistoryPagingProvider, loadAlertRuleSelector } from '../alerts';
import {
  AlertmanagerClient,
  readAlertmanagerInstances,
} from '../providers/alertmanager';
import { PrometheusClient } from '../providers/prometheus';
import {
  PagerDutyPagingProvider,
  readPagerDutyAccounts,
} from '../providers/pagerduty';
import { AlertQualityCollector } from './AlertQualityCollector';
import { ExtensibleAlertQualityCollector } from './ExtensibleAlertQualityCollector';
import { DemoPagingProvider, DemoPagingProfile } from './DemoPagingProvider';
import { selectDemoAlertRules } from './demoAlertRules';
import { DEMO_MAJOR_INCIDENTS } from '../incidents/demo/demoMajorIncidents';
import { Clock } from '../lib/Clock';
import type { FleetProjection } from '../fleet/FleetProjection';

/**
 * Builds the alert-quality collector from configuration: PagerDuty accounts,
 * Alertmanager and the Prometheus rules API where configured, the demo
 * provider in demo mode. Returns undefined, with a warning, when there is no
 * source at all.
 */
export function createAlertQualityCollector(options: {
  config: Config;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
  store: ReliabilityStore;
  /** Told after each alert-quality section write (the fleet table). */
  fleet?: FleetProjection;
  /** Clients of `reliability.prometheus.instances`, in configuration order. */
  prometheusClients: PrometheusClient[];
  clock: Clock;
  /** Paging providers added by backend modules, by id (reliabilityPagingExtensionPoint). */
  pagingProviders?: ReadonlyMap<string, PagingProvider>;
}): AlertQualityCollector | undefined {
  const { config, logger, prometheusClients } = options;
  const alertmanagers = readAlertmanagerInstances(config).map(i =>
    AlertmanagerClient.fromConfig(i, { logger }),
  );
  const pagers = new Map<string, PagingProvider>();
  const demo = config.getOptionalBoolean('reliability.demo.enabled') ?? false;

  if (demo) {
    const profiles = new Map<string, DemoPagingProfile>();
    (
      config.getOptionalConfigArray('reliability.demo.pagingProfiles') ?? []
    ).forEach((c, index) => {
      const profile = c.getString('profile');
      if (profile !== 'quiet' && profile !== 'noisy') {
        throw new Error(
          `Invalid configuration: reliability.demo.pagingProfiles[${index}].profile must be quiet or noisy, got "${profile}"`,
        );
      }
      for (const serviceId of c.getStringArray('serviceIds')) {
        profiles.set(serviceId, profile);
      }
    });
    pagers.set(
      'demo',
      new DemoPagingProvider(
        services =>
          services.serviceIds.some(id => profiles.get(id) === 'noisy')
            ? 'noisy'
            : 'quiet',
        DEMO_MAJOR_INCIDENTS,
      ),
    );
  }

  const pagerDutyAccounts = readPagerDutyAccounts(config);
  if (pagerDutyAccounts.length > 0) {
    pagers.set(
      'pagerduty',
      PagerDutyPagingProvider.create(pagerDutyAccounts, { logger }),
    );
  }

  if (prometheusClients.length > 0) {
    // Incidents from the ALERTS series, for entities without PagerDuty.
    pagers.set(
      'alertmanager',
      AlertsHistoryPagingProvider.create({
        clients: prometheusClients,
        logger,
        severityLabel: config.getOptionalString(
          'reliability.incidents.severity.alerts.label',
        ),
      }),
    );
  }

  const added = options.pagingProviders ?? new Map<string, PagingProvider>();
  if (pagers.size === 0 && alertmanagers.length === 0 && added.size === 0) {
    logger.warn(
      'No paging source configured (reliability.pagerduty, reliability.prometheus, reliability.alertmanager) and demo mode is off: alert quality is not collected',
    );
    return undefined;
  }
  return new ExtensibleAlertQualityCollector(added, {
    ...options,
    pagers,
    demo,
    ...(prometheusClients.length > 0
      ? {
          loadAlertRules: signal =>
            loadAlertRuleSelector(prometheusClients[0], { signal }),
        }
      : {}),
    ...(prometheusClients.length === 0 && demo
      ? { loadAlertRules: async () => selectDemoAlertRules }
      : {}),
    ...(alertmanagers.length > 0
      ? {
          listFiringAlerts: async (matchers, signal) =>
            (
              await Promise.all(
                alertmanagers.map(c => c.listAlerts({ matchers, signal })),
              )
            ).flat(),
        }
      : {}),
    backfillDays: config.getOptionalNumber(
      'reliability.alertQuality.backfillDays',
    ),
    retentionDays: config.getOptionalNumber(
      'reliability.alertQuality.retentionDays',
    ),
  });
}
