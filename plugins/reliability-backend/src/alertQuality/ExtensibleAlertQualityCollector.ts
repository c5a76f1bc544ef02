import { Entity } from '@backstage/catalog-model';
import {
  PAGERDUTY_ANNOTATION_ACCOUNT,
  PAGERDUTY_ANNOTATION_SERVICE_ID,
  RELIABILITY_ANNOTATION_ALERT_SELECTOR,
  RELIABILITY_ANNOTATION_PAGING_PROVIDER,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { PagingProvider } from '@reliability-kit/backstage-plugin-reliability-node';
import {
  AlertQualityCollector,
  AlertQualityCollectorOptions,
} from './AlertQualityCollector';

/** Ids of the built-in paging providers; modules may not add these. */
export const BUILT_IN_PAGING_PROVIDER_IDS = [
  'pagerduty',
  'alertmanager',
  'demo',
] as const;

/**
 * The alert-quality collector with the paging providers backend modules added
 * through `reliabilityPagingExtensionPoint`: an entity whose
 * `reliability-kit.io/paging-provider` annotation names an added provider is
 * paged through it, with the services of `pagerduty.com/service-id` (and
 * `pagerduty.com/account`), or else the `reliability-kit.io/alert-selector`
 * value as its one service id. Every other entity is paged as before.
 */
export class ExtensibleAlertQualityCollector extends AlertQualityCollector {
  constructor(
    private readonly addedPagers: ReadonlyMap<string, PagingProvider>,
    options: AlertQualityCollectorOptions,
  ) {
    super(options);
  }

  override pagingOf(
    entity: Entity,
  ): ReturnType<AlertQualityCollector['pagingOf']> {
    const annotations = entity.metadata.annotations ?? {};
    const id = annotations[RELIABILITY_ANNOTATION_PAGING_PROVIDER]?.trim();
    const provider = id ? this.addedPagers.get(id) : undefined;
    if (!provider) {
      return super.pagingOf(entity);
    }
    const serviceIds = (annotations[PAGERDUTY_ANNOTATION_SERVICE_ID] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const account = annotations[PAGERDUTY_ANNOTATION_ACCOUNT];
    if (serviceIds.length > 0) {
      return {
        provider,
        services: { serviceIds, ...(account ? { account } : {}) },
      };
    }
    const selector = annotations[RELIABILITY_ANNOTATION_ALERT_SELECTOR];
    return selector
      ? { provider, services: { serviceIds: [selector] } }
      : super.pagingOf(entity);
  }
}

/** Refuses reserved ids of added paging providers. */
export function checkAddedPagingProviderId(id: string): void {
  if (!id.trim() || id !== id.trim()) {
    throw new Error(
      `A reliability paging provider id must be a non-empty trimmed string, got "${id}"`,
    );
  }
  if ((BUILT_IN_PAGING_PROVIDER_IDS as readonly string[]).includes(id)) {
    throw new Error(
      `The reliability paging provider id "${id}" is reserved for a built-in provider`,
    );
  }
}
