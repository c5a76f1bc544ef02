import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityReliability,
  HealthResponse,
  RELIABILITY_SECTIONS,
  ReliabilitySection,
  ReliabilitySectionName,
  TierModel,
  readEntityTier,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ReliabilityStore } from '../database/ReliabilityStore';

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

function emptySection(): ReliabilitySection {
  return {
    status: 'not-collected',
    items: [],
    problems: [],
    demo: false,
    computedAt: null,
    stale: false,
  };
}

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  store: ReliabilityStore;
  tierModel: TierModel;
}

/**
 * The HTTP API of the reliability backend. Page views read the catalog (for
 * visibility and the tier) and the store; they never call an upstream.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, store, tierModel } = options;
  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = parseEntityParams(req.params);
    const entityRef = stringifyEntityRef({ kind, namespace, name });

    // The catalog applies its own read permissions: an entity the caller may
    // not see is reported as not found.
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found in the catalog`);
    }

    const stored = await store.readSections(stringifyEntityRef(entity));
    const sections = Object.fromEntries(
      RELIABILITY_SECTIONS.map(section => [
        section,
        stored[section] ?? emptySection(),
      ]),
    ) as Record<ReliabilitySectionName, ReliabilitySection>;

    const body: EntityReliability = {
      entityRef: stringifyEntityRef(entity),
      tier: readEntityTier(entity, tierModel),
      sections,
    };
    res.json(body);
  });

  return router;
}
