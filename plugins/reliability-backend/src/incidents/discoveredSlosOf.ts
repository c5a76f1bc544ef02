import { Entity } from '@backstage/catalog-model';
import {
  RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE,
  RELIABILITY_ANNOTATION_SLO_SELECTOR,
} from '@reliability-kit/backstage-plugin-reliability-common';
import {
  DiscoveredSlo,
  SloMetricsProvider,
} from '@reliability-kit/backstage-plugin-reliability-node';
import { parseLabelMatchers } from '../providers/prometheus/LabelMatcher';
import { DiscoveredSloIndex } from '../slo/DiscoveredSloIndex';
import { IMPACT_BURN_WINDOW_MS } from './findSloImpactStart';

/**
 * The SLOs discovered in Prometheus (Sloth, Pyrra) bound to each of the
 * given entities by its `reliability-kit.io/slo-selector`, on its
 * `reliability-kit.io/prometheus-instance` (the first configured instance
 * when it names none or an unknown one), as the SLO collector binds them.
 * One discovery for all of them; none when no entity has a selector or the
 * provider cannot discover or read discovered SLOs' ratios. An entity with
 * an invalid selector binds nothing.
 *
 * @throws the provider's error when the discovery fails
 */
export async function discoveredSlosOf(options: {
  provider: SloMetricsProvider;
  /** The configured instance names, the default first. */
  instances: string[];
  /** The entities, by entity ref. */
  entities: Map<string, Entity>;
  at: Date;
}): Promise<Map<string, DiscoveredSlo[]>> {
  const { provider, instances } = options;
  const bound = new Map<string, DiscoveredSlo[]>();
  const selecting = [...options.entities].filter(
    ([, e]) => e.metadata.annotations?.[RELIABILITY_ANNOTATION_SLO_SELECTOR],
  );
  if (
    selecting.length === 0 ||
    !provider.discover ||
    !provider.discoveredErrorRatioRange
  ) {
    return bound;
  }
  const index = new DiscoveredSloIndex(
    await provider.discover({
      at: options.at,
      windowsMs: [IMPACT_BURN_WINDOW_MS],
    }),
  );
  for (const [ref, entity] of selecting) {
    const annotations = entity.metadata.annotations!;
    const requested = annotations[RELIABILITY_ANNOTATION_PROMETHEUS_INSTANCE];
    const instance =
      requested && instances.includes(requested)
        ? requested
        : instances[0] ?? provider.id;
    let matchers;
    try {
      matchers = parseLabelMatchers(
        annotations[RELIABILITY_ANNOTATION_SLO_SELECTOR],
      );
    } catch {
      continue; // the SLO collector reports the invalid selector
    }
    bound.set(ref, index.find(instance, matchers));
  }
  return bound;
}
