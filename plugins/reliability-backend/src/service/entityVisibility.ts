import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { reliabilityEntityReadPermission } from '@reliability-kit/backstage-plugin-reliability-common';

/** Refs per catalog / permission request when filtering by visibility. */
const VISIBILITY_BATCH = 500;

/**
 * Which entities' reliability data a caller may see in a list: `all`
 * (ALLOW), `none` (DENY), or a function that keeps the visible refs of a
 * batch (CONDITIONAL).
 */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'some'; visible(refs: string[]): Promise<Set<string>> };

/**
 * The caller's visibility for list endpoints, from the policy's decision on
 * `reliability.entity.read`. A CONDITIONAL decision keeps the entities that
 * the catalog lets the caller read and whose conditions hold (the catalog
 * evaluates them with its own rules).
 */
export async function visibilityOf(
  credentials: BackstageCredentials,
  deps: { permissions: PermissionsService; catalog: CatalogService },
): Promise<Visibility> {
  const { permissions, catalog } = deps;
  const [decision] = await permissions.authorizeConditional(
    [{ permission: reliabilityEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return { kind: 'all' };
  if (decision.result === AuthorizeResult.DENY) return { kind: 'none' };
  return {
    kind: 'some',
    async visible(refs) {
      const visible = new Set<string>();
      for (let i = 0; i < refs.length; i += VISIBILITY_BATCH) {
        const batch = refs.slice(i, i + VISIBILITY_BATCH);
        // What the catalog lets the caller see (catalog.entity.read) ...
        const { items } = await catalog.getEntitiesByRefs(
          {
            entityRefs: batch,
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        );
        const seen = items.flatMap(e => (e ? [stringifyEntityRef(e)] : []));
        if (seen.length === 0) continue;
        // ... and the conditions of reliability.entity.read, evaluated per
        // entity by the permission framework (the catalog applies them).
        const decisions = await permissions.authorize(
          seen.map(resourceRef => ({
            permission: reliabilityEntityReadPermission,
            resourceRef,
          })),
          { credentials },
        );
        decisions.forEach((d, j) => {
          if (d.result === AuthorizeResult.ALLOW) visible.add(seen[j]);
        });
      }
      return visible;
    },
  };
}
