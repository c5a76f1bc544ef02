import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { reliabilityCampaignManagePermission } from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { z } from 'zod';
import { actorOf } from '../readiness/readinessRoutes';
import {
  EntityResolver,
  integerParam,
  multi,
  normalizeRefs,
  parseBody,
  parseQuery,
  requirePermission,
  single,
  visibilityOf,
} from '../service/request';
import { CampaignService } from './CampaignService';
import { CampaignWrites } from './campaignWrites';
import {
  campaignInputSchema,
  exemptionInputSchema,
  promoteInputSchema,
} from './campaignInput';
import {
  readCampaignEntities,
  readCampaignHistory,
  readEntityCampaigns,
} from './campaignReads';

const entitiesQuery = z
  .object({
    status: multi(z.enum(['done', 'not-done', 'exempt'])).optional(),
    owner: multi(z.string().min(1).max(255)).optional(),
    cursor: single(z.string().min(1).max(2048)).optional(),
    limit: single(integerParam(1, 500)).optional(),
  })
  .strict();

export interface CampaignRouteOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  service: CampaignService;
  writes: CampaignWrites;
  entity: EntityResolver;
  /** Evaluates a visibility condition in the fleet table. */
  matchingRefs?: Parameters<typeof visibilityOf>[1]['matchingRefs'];
}

/**
 * The campaigns API: reads for every user (entity lists only show the
 * entities the caller may see), writes with `reliability.campaign.manage`.
 */
export function addCampaignRoutes(
  router: express.Router,
  options: CampaignRouteOptions,
) {
  const { httpAuth, permissions, catalog, service, writes, entity } = options;

  const read = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** The actor of a write, after `reliability.campaign.manage`. */
  const manager = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(
      permissions,
      reliabilityCampaignManagePermission,
      credentials,
      'You may not create or change campaigns (reliability.campaign.manage)',
    );
    return actorOf(credentials);
  };

  const idOf = (req: express.Request) => String(req.params.id);

  router.get('/campaigns', async (req, res) => {
    await read(req);
    res.json(await service.list());
  });

  router.post('/campaigns', async (req, res) => {
    const actor = await manager(req);
    const input = parseBody(campaignInputSchema, req.body, 'campaign');
    res.status(201).json(await writes.create(input, actor));
  });

  router.get('/campaigns/:id', async (req, res) => {
    await read(req);
    res.json(await service.get(idOf(req)));
  });

  router.put('/campaigns/:id', async (req, res) => {
    const actor = await manager(req);
    const input = parseBody(campaignInputSchema, req.body, 'campaign');
    res.json(await writes.update(idOf(req), input, actor));
  });

  router.post('/campaigns/:id/end', async (req, res) => {
    const actor = await manager(req);
    res.json(await writes.end(idOf(req), actor));
  });

  router.get('/campaigns/:id/entities', async (req, res) => {
    const credentials = await read(req);
    const query = parseQuery(entitiesQuery, req.query);
    const visibility = await visibilityOf(credentials, {
      permissions,
      catalog,
      matchingRefs: options.matchingRefs,
    });
    res.json(
      await readCampaignEntities(
        service,
        idOf(req),
        { ...query, owner: normalizeRefs('owner', query.owner, 'group') },
        visibility,
      ),
    );
  });

  router.get('/campaigns/:id/history', async (req, res) => {
    await read(req);
    res.json(await readCampaignHistory(service, idOf(req)));
  });

  router.post('/campaigns/:id/exemptions', async (req, res) => {
    const actor = await manager(req);
    const input = parseBody(exemptionInputSchema, req.body, 'exemption');
    res.status(201).json(await writes.exempt(idOf(req), input, actor));
  });

  router.post('/campaigns/:id/promote', async (req, res) => {
    const actor = await manager(req);
    const input = parseBody(promoteInputSchema, req.body, 'promotion');
    res.json(await writes.promote(idOf(req), input, actor));
  });

  router.get('/entity/:kind/:namespace/:name/campaigns', async (req, res) => {
    const { entityRef } = await entity(req);
    res.json(await readEntityCampaigns(service, entityRef));
  });
}
