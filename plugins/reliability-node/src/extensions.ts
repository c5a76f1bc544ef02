import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { PagingProvider } from './PagingProvider';
import { SloMetricsProvider } from './SloMetricsProvider';

/**
 * A fact value a check can compare: a number, a string, a boolean, a list of
 * strings, or null when the fact is unknown.
 *
 * @public
 */
export type ReliabilityFactValue = number | string | boolean | string[] | null;

/**
 * Supplies facts about entities to readiness items and scorecard checks,
 * e.g. "has a Datadog monitor" from a Datadog integration.
 *
 * @public
 */
export interface ReliabilityFactProvider {
  /** Unique id; facts are addressed as `<id>.<fact>` in checks. */
  readonly id: string;
  /** Returns the facts this provider knows about the entity. */
  getFacts(entity: Entity): Promise<Record<string, ReliabilityFactValue>>;
}

/**
 * The extension point through which backend modules add fact providers to the
 * reliability backend plugin.
 *
 * @public
 */
export interface ReliabilityFactsExtensionPoint {
  /** Adds providers of facts that checks can use. */
  addFactProvider(...providers: ReliabilityFactProvider[]): void;
}

/**
 * Extension point for fact providers.
 *
 * @public
 */
export const reliabilityFactsExtensionPoint =
  createExtensionPoint<ReliabilityFactsExtensionPoint>({
    id: 'reliability.facts',
  });

/**
 * The extension point through which backend modules add SLO metrics
 * providers (e.g. Datadog, Cloud Monitoring) next to the configured
 * Prometheus-compatible instances.
 *
 * Selection: an added provider is a metrics instance. Its name is
 * `options.instance`, or the provider's `id` when not given. An entity's SLOs
 * are measured by it when the entity's `reliability-kit.io/prometheus-instance`
 * annotation names it. Entities without that annotation keep the default
 * instance: the first configured Prometheus instance, or, with none
 * configured, the first added provider. Added providers are real sources, so
 * demo mode is ignored for SLOs once one is added. An instance name may be
 * added once and may not be the name of a configured Prometheus instance (the
 * backend refuses to start). A provider's `discover` results are kept under
 * its instance name.
 *
 * @public
 */
export interface ReliabilitySloMetricsExtensionPoint {
  /** Adds a provider that measures SLOs. */
  addSloMetricsProvider(
    provider: SloMetricsProvider,
    options?: { instance?: string },
  ): void;
}

/**
 * Extension point for SLO metrics providers.
 *
 * @public
 */
export const reliabilitySloMetricsExtensionPoint =
  createExtensionPoint<ReliabilitySloMetricsExtensionPoint>({
    id: 'reliability.slo-metrics',
  });

/**
 * The extension point through which backend modules add paging providers
 * (e.g. Opsgenie, Grafana OnCall) next to PagerDuty and the Alertmanager
 * history.
 *
 * Selection: an entity is paged through an added provider when its
 * `reliability-kit.io/paging-provider` annotation names the provider's id.
 * The provider receives the entity's services as PagerDuty's do: the ids of
 * `pagerduty.com/service-id` (comma-separated) and `pagerduty.com/account`,
 * or, without them, the `reliability-kit.io/alert-selector` value as the one
 * service id. The collector reads only entities with one of those two
 * annotations. Without `reliability-kit.io/paging-provider`, or when it names
 * an id nobody added, the built-in choice applies unchanged (PagerDuty, then
 * the Alertmanager history, then demo). The ids `pagerduty`, `alertmanager`
 * and `demo` are reserved, and an id may be added once.
 *
 * @public
 */
export interface ReliabilityPagingExtensionPoint {
  /** Adds a paging provider under `id`, the id entities select it by. */
  addPagingProvider(id: string, provider: PagingProvider): void;
}

/**
 * Extension point for paging providers.
 *
 * @public
 */
export const reliabilityPagingExtensionPoint =
  createExtensionPoint<ReliabilityPagingExtensionPoint>({
    id: 'reliability.paging',
  });
