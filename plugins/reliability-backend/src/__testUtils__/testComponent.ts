import { Entity } from '@backstage/catalog-model';

/**
 * A catalog component of the change-pass tests: a service with a tier
 * annotation, owned by `group:default/team-a` (with its relation), and the
 * given etag and extra annotations.
 */
export function testComponent(
  name: string,
  options: {
    tier: string;
    etag: string;
    annotations?: Record<string, string>;
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      etag: options.etag,
      annotations: {
        'reliability-kit.io/tier': options.tier,
        ...options.annotations,
      },
    },
    spec: { type: 'service', owner: 'team-a' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
}
