import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PagingProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { AlertQualityCollector } from './AlertQualityCollector';
import { DemoPagingProvider, DemoPagingProfile } from './DemoPagingProvider';

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
}): AlertQualityCollector | undefined {
  const { config, logger } = options;
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
      new DemoPagingProvider(services =>
        services.serviceIds.some(id => profiles.get(id) === 'noisy')
          ? 'noisy'
          : 'quiet',
      ),
    );
  }

  if (pagers.size === 0) {
    logger.warn(
      'No paging source configured (reliability.pagerduty, reliability.alertmanager) and demo mode is off: alert quality is not collected',
    );
    return undefined;
  }
  return new AlertQualityCollector({
    ...options,
    pagers,
    demo,
    backfillDays: config.getOptionalNumber(
      'reliability.alertQuality.backfillDays',
    ),
    retentionDays: config.getOptionalNumber(
      'reliability.alertQuality.retentionDays',
    ),
  });
}
