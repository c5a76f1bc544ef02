import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { reliabilityEntityReadPermission } from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { z } from 'zod';
import { matchesEntityFilter, toEntityFilter } from './entityConditionFilter';
import { PermissionDecisionCache } from './permissionDecisionCache';

/** Catalog name rules: letters, digits and `-_.`, at most 63 characters. */
const namePart = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

const entityParams = z.object({
  kind: namePart,
  namespace: namePart,
  name: namePart,
});

function parseEntityParams(params: unknown) {
  const parsed = entityParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid entity ${issue.path.join(
        '.',
      )}: must be 1-63 letters, digits, dashes, underscores or dots`,
    );
  }
  return parsed.data;
}

/** The entity of a request's `:kind/:namespace/:name`, as the caller sees it. */
export type EntityResolver = (
  req: express.Request,
) => Promise<{ entity: Entity; entityRef: string }>;

/**
 * An entity as a caller sees it, from its `kind`, `namespace` and `name`
 * (validated; a bad one is an InputError naming the part).
 */
export type EntityReader = (
  credentials: BackstageCredentials,
  params: unknown,
) => Promise<{ entity: Entity; entityRef: string }>;

/** The entity index as the entity endpoints read it (the store). */
export interface IndexedEntitySource {
  /** The entity as last indexed; undefined when not indexed (yet). */
  readIndexedEntity(entityRef: string): Promise<Entity | undefined>;
}

const notFound = (ref: string) =>
  new NotFoundError(`No entity ${ref} found in the catalog`);

/**
 * What a decision on a `catalog-entity` permission says about a stored
 * entity: visible, hidden, or unknown here (conditions with rules the
 * stored entity cannot answer; the catalog decides).
 */
function decideOn(
  entity: Entity,
  decision: PolicyDecision,
): 'visible' | 'hidden' | 'unknown' {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW ? 'visible' : 'hidden';
  }
  const filter =
    decision.pluginId === 'catalog' &&
    decision.resourceType === 'catalog-entity'
      ? toEntityFilter(decision.conditions)
      : undefined;
  if (!filter) return 'unknown';
  return matchesEntityFilter(entity, filter) ? 'visible' : 'hidden';
}

/**
 * Reads an entity with the caller's credentials. An entity the caller may
 * not see is not found, with the same answer as one that does not exist,
 * and nothing is read from the store or an upstream. The HTTP routes
 * (through {@link createEntityResolver}) and the actions share it.
 *
 * With an `index`, an indexed entity is resolved without the catalog: the
 * policy's decisions on `reliability.entity.read` and on the catalog's own
 * `catalog.entity.read` (one conditional permission request) are applied to
 * the entity as last indexed. ALLOW shows it, DENY hides it, and the
 * conditions of the catalog rules the stored entity answers exactly
 * (`IS_ENTITY_OWNER`, `IS_ENTITY_KIND`) are evaluated on it. Anything else
 * (other rules, an entity not indexed yet, another kind) goes to the catalog
 * as without an index: the policy decides `reliability.entity.read` on the
 * entity, then the entity is read from the catalog with the caller's
 * credentials, so the catalog applies its own read permission.
 *
 * The stored entity is as fresh as the catalog-changes pass keeps it: an
 * entity deleted or re-owned in the catalog is served as before until the
 * next pass (its interval, a minute by default). The decisions are taken on
 * every request, or, with `decisions` (the decision cache,
 * `reliability.permissions.decisionCacheSeconds`), kept for a user for that
 * long when none is DENY.
 */
export function createEntityReader(deps: {
  permissions: PermissionsService;
  catalog: CatalogService;
  index?: IndexedEntitySource;
  decisions?: PermissionDecisionCache;
}): EntityReader {
  const { permissions, catalog, index, decisions: cache } = deps;
  const ENTITY_READ = [
    reliabilityEntityReadPermission.name,
    catalogEntityReadPermission.name,
  ];
  const decideEntityRead = (credentials: BackstageCredentials) => {
    const ask = () =>
      permissions.authorizeConditional(
        [
          { permission: reliabilityEntityReadPermission },
          { permission: catalogEntityReadPermission },
        ],
        { credentials },
      );
    return cache ? cache.decide(credentials, ENTITY_READ, ask) : ask();
  };
  const fromCatalog = async (
    credentials: BackstageCredentials,
    ref: string,
  ) => {
    const [decision] = await permissions.authorize(
      [{ permission: reliabilityEntityReadPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) throw notFound(ref);
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw notFound(ref);
    return { entity, entityRef: stringifyEntityRef(entity) };
  };
  return async (credentials, params) => {
    const { kind, namespace, name } = parseEntityParams(params);
    const ref = stringifyEntityRef({ kind, namespace, name });
    if (!index) return fromCatalog(credentials, ref);
    // The decisions first: on DENY nothing is read, not even the index.
    const decisions = await decideEntityRead(credentials);
    if (decisions.some(d => d.result === AuthorizeResult.DENY)) {
      throw notFound(ref);
    }
    const stored = await index.readIndexedEntity(ref);
    if (stored) {
      const verdicts = decisions.map(d => decideOn(stored, d));
      if (verdicts.includes('hidden')) throw notFound(ref);
      if (verdicts.every(v => v === 'visible')) {
        return { entity: stored, entityRef: stringifyEntityRef(stored) };
      }
    }
    return fromCatalog(credentials, ref);
  };
}

/**
 * The entity of a request's `:kind/:namespace/:name`, read by
 * {@link createEntityReader} with the request's user or service
 * credentials.
 */
export function createEntityResolver(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  index?: IndexedEntitySource;
  decisions?: PermissionDecisionCache;
}): EntityResolver {
  const read = createEntityReader(deps);
  return async req => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return read(credentials, req.params);
  };
}
