import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { SloMetricsProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import { PrometheusClient } from '../providers/prometheus';
import {
  DemoSloMetricsProvider,
  DemoSloProfile,
} from './DemoSloMetricsProvider';
import { PrometheusSloMetricsProvider } from './PrometheusSloMetricsProvider';
import { SloInstances } from './SloCollector';
import {
  AddedSloMetricsProvider,
  withAddedSloMetricsProviders,
} from './RoutingSloMetricsProvider';

/**
 * Chooses the SLO metrics provider from configuration: the configured
 * Prometheus-compatible instances, else the demo provider when
 * `reliability.demo.enabled`, else none (SLOs are not collected, with a
 * warning). Invalid configuration throws, naming the key.
 */
export function createSloMetricsProvider(options: {
  config: Config;
  logger: LoggerService;
  /** Clients of `reliability.prometheus.instances`, in configuration order. */
  prometheusClients: PrometheusClient[];
  /** Providers added by backend modules (reliabilitySloMetricsExtensionPoint). */
  addedProviders?: ReadonlyArray<AddedSloMetricsProvider>;
}): { provider: SloMetricsProvider; instances: SloInstances } | undefined {
  const added = options.addedProviders ?? [];
  if (added.length === 0) {
    return createBuiltInSloMetricsProvider(options);
  }
  const base =
    options.prometheusClients.length > 0
      ? createBuiltInSloMetricsProvider(options)
      : undefined;
  if (!base && options.config.getOptionalBoolean('reliability.demo.enabled')) {
    options.logger.warn(
      'reliability.demo.enabled is ignored for SLOs: SLO metrics providers are added by backend modules',
    );
  }
  return withAddedSloMetricsProviders(base, added);
}

function createBuiltInSloMetricsProvider(options: {
  config: Config;
  logger: LoggerService;
  /** Clients of `reliability.prometheus.instances`, in configuration order. */
  prometheusClients: PrometheusClient[];
}): { provider: SloMetricsProvider; instances: SloInstances } | undefined {
  const { config, logger, prometheusClients } = options;
  const demo = config.getOptionalBoolean('reliability.demo.enabled') ?? false;

  if (prometheusClients.length > 0) {
    if (demo) {
      logger.warn(
        'reliability.demo.enabled is ignored: Prometheus instances are configured',
      );
    }
    const provider = new PrometheusSloMetricsProvider(prometheusClients);
    return {
      provider,
      instances: {
        names: prometheusClients.map(c => c.name),
        kindOf: instance => provider.kindOf(instance),
        links: (instance, slo) => provider.links(instance, slo),
      },
    };
  }

  if (demo) {
    const profiles: Record<string, DemoSloProfile> = {};
    const profileConfigs =
      config.getOptionalConfigArray('reliability.demo.sloProfiles') ?? [];
    profileConfigs.forEach((c, index) => {
      const value = c.getString('profile');
      if (!DemoSloMetricsProvider.isProfile(value)) {
        throw new Error(
          `Invalid configuration: reliability.demo.sloProfiles[${index}].profile must be one of healthy, at-risk, breaching, no-data, got "${value}"`,
        );
      }
      const entity = c.getString('entity');
      const slo = c.getOptionalString('slo');
      profiles[slo ? `${entity}#${slo}` : entity] = value;
    });
    logger.info('SLOs use the demo provider: the data is synthetic');
    return {
      provider: new DemoSloMetricsProvider(profiles),
      instances: { names: [] },
    };
  }

  logger.warn(
    'No reliability.prometheus.instances configured and reliability.demo.enabled is off: SLOs are not collected',
  );
  return undefined;
}
