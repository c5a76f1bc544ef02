import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { reliabilityEntityReadPermission } from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { z } from 'zod';

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

/**
 * Reads an entity with the caller's credentials. The permission policy
 * decides `reliability.entity.read` on it first; then the entity is read
 * from the catalog with the caller's credentials, so the catalog applies
 * its own read permissions too. Either way an entity the caller may not see
 * is not found, with the same answer as one that does not exist, and
 * nothing is read from the store or an upstream. The HTTP routes (through
 * {@link createEntityResolver}) and the actions share it.
 */
export function createEntityReader(deps: {
  permissions: PermissionsService;
  catalog: CatalogService;
}): EntityReader {
  const { permissions, catalog } = deps;
  return async (credentials, params) => {
    const { kind, namespace, name } = parseEntityParams(params);
    const ref = stringifyEntityRef({ kind, namespace, name });
    const [decision] = await permissions.authorize(
      [{ permission: reliabilityEntityReadPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotFoundError(`No entity ${ref} found in the catalog`);
    }
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} found in the catalog`);
    }
    return { entity, entityRef: stringifyEntityRef(entity) };
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
}): EntityResolver {
  const read = createEntityReader(deps);
  return async req => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return read(credentials, req.params);
  };
}
