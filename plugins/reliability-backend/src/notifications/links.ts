import { parseEntityRef } from '@backstage/catalog-model';

/** The path of an entity's Reliability tab in the app. */
export function reliabilityTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/reliability`;
}
