import { parseEntityRef } from '@backstage/catalog-model';

/** The path of an entity's Reliability tab in the app. */
export function reliabilityTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/reliability`;
}

/** The path of a campaign on the campaigns page of the app. */
export function campaignLink(campaignId: string): string {
  return `/reliability/campaigns/${encodeURIComponent(campaignId)}`;
}
