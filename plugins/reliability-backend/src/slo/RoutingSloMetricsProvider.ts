import {
  DiscoveredSlo,
  DiscoveredSloRangeRequest,
  SloMeasureRangeRequest,
  SloMeasureRequest,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { SloInstances } from './SloCollector';

/** An SLO metrics provider a backend module added, under its instance name. */
export interface AddedSloMetricsProvider {
  instance: string;
  provider: SloMetricsProvider;
}

/**
 * Measures each SLO with the provider of its instance: an added provider
 * when the instance is one of theirs, else the built-in (Prometheus)
 * provider. Discovery asks every provider that can discover.
 */
export class RoutingSloMetricsProvider implements SloMetricsProvider {
  readonly id: string;
  readonly discover?: SloMetricsProvider['discover'];
  private readonly added: Map<string, SloMetricsProvider>;

  constructor(
    private readonly base: SloMetricsProvider | undefined,
    added: ReadonlyArray<AddedSloMetricsProvider>,
  ) {
    this.added = new Map(added.map(a => [a.instance, a.provider]));
    this.id = base?.id ?? added[0].provider.id;
    const discoverers: Array<{
      instance?: string;
      provider: SloMetricsProvider;
    }> = [
      ...(base?.discover ? [{ provider: base }] : []),
      ...added.filter(a => a.provider.discover),
    ];
    if (discoverers.length > 0) {
      this.discover = async request => {
        const found = await Promise.all(
          discoverers.map(async ({ instance, provider }) => {
            const slos: DiscoveredSlo[] = await provider.discover!(request);
            return instance ? slos.map(d => ({ ...d, instance })) : slos;
          }),
        );
        return found.flat();
      };
    }
  }

  private route(instance: string | undefined): SloMetricsProvider {
    const added = instance === undefined ? undefined : this.added.get(instance);
    return added ?? this.base ?? this.added.values().next().value!;
  }

  measure(request: SloMeasureRequest) {
    return this.route(request.instance).measure(request);
  }

  measureRange(request: SloMeasureRangeRequest) {
    return this.route(request.instance).measureRange(request);
  }

  /**
   * Reads with the provider of the SLO's instance; a provider that cannot
   * read discovered SLOs gives no points (MTTD unknown).
   */
  async discoveredErrorRatioRange(request: DiscoveredSloRangeRequest) {
    const provider = this.route(request.slo.instance);
    if (!provider.discoveredErrorRatioRange) return [];
    return provider.discoveredErrorRatioRange(request);
  }
}

/**
 * Combines the built-in provider (Prometheus instances, or none) with the
 * providers added by backend modules: each added provider is an instance
 * named by its `instance`; the default instance stays the first Prometheus
 * instance, or is the first added one when none is configured.
 *
 * @throws Error when an instance name is added twice or is also the name of
 * a configured Prometheus instance.
 */
export function withAddedSloMetricsProviders(
  base: { provider: SloMetricsProvider; instances: SloInstances } | undefined,
  added: ReadonlyArray<AddedSloMetricsProvider>,
): { provider: SloMetricsProvider; instances: SloInstances } {
  const baseNames = base?.instances.names ?? [];
  const seen = new Set<string>();
  for (const { instance } of added) {
    if (baseNames.includes(instance)) {
      throw new Error(
        `The SLO metrics provider instance "${instance}" is also a configured reliability.prometheus.instances name`,
      );
    }
    if (seen.has(instance)) {
      throw new Error(
        `An SLO metrics provider for the instance "${instance}" is already added`,
      );
    }
    seen.add(instance);
  }
  const baseLinks = base?.instances.links;
  return {
    provider: new RoutingSloMetricsProvider(base?.provider, added),
    instances: {
      names: [...baseNames, ...added.map(a => a.instance)],
      links: (instance, slo) =>
        seen.has(instance) ? [] : baseLinks?.(instance, slo) ?? [],
    },
  };
}
