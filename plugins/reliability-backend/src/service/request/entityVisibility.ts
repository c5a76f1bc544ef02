import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { reliabilityEntityReadPermission } from '@reliability-kit/backstage-plugin-reliability-common';
import { EntityFilter, toEntityFilter } from './entityConditionFilter';

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
  deps: {
    permissions: PermissionsService;
    catalog: CatalogService;
    /**
     * Evaluates a translated condition in the database (the fleet table).
     * Without it, conditions are always evaluated per entity.
     */
    matchingRefs?: (filter: EntityFilter) => Promise<string[]>;
  },
): Promise<Visibility> {
  const { permissions, catalog } = deps;
  const [decision] = await permissions.authorizeConditional(
    [{ permission: reliabilityEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return { kind: 'all' };
  if (decision.result === AuthorizeResult.DENY) return { kind: 'none' };
  const filter =
    deps.matchingRefs &&
    decision.result === AuthorizeResult.CONDITIONAL &&
    decision.pluginId === 'catalog'
      ? toEntityFilter(decision.conditions)
      : undefined;
  if (filter && deps.matchingRefs) {
    // The conditions are catalog rules the fleet table's columns express
    // exactly: the database evaluates them, once per request, and the
    // catalog is asked only which of the matches the caller may see.
    let matching: Promise<Set<string>> | undefined;
    const matchingRefs = deps.matchingRefs;
    return {
      kind: 'some',
      async visible(refs) {
        matching ??= matchingRefs(filter).then(r => new Set(r));
        const allowed = await matching;
        return catalogVisible(
          refs.filter(r => allowed.has(r)),
          credentials,
          catalog,
        );
      },
    };
  }
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

/** The refs (of `refs`) the catalog shows the caller (catalog.entity.read). */
export async function catalogVisible(
  refs: string[],
  credentials: BackstageCredentials,
  catalog: CatalogService,
): Promise<Set<string>> {
  const visible = new Set<string>();
  for (let i = 0; i < refs.length; i += VISIBILITY_BATCH) {
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: refs.slice(i, i + VISIBILITY_BATCH),
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    items.forEach(e => e && visible.add(stringifyEntityRef(e)));
  }
  return visible;
}
