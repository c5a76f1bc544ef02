import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AuditEntry,
  EntityAlertQuality,
  StoredToilItem,
  parseAlertQualityWindow,
  reliabilityToilWritePermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TeamHours } from '../config/readTeamsConfig';
import { ReliabilityStore } from '../database/ReliabilityStore';
import {
  idempotencyOf,
  replayOrThrow,
  replayStored,
  parseBody,
  userText,
} from '../service/request';
import { Clock } from '../lib/Clock';
import { ownerOf, readEntityAlertQuality } from './readEntityAlertQuality';

const toilInput = z
  .object({
    task: userText(z.string().trim().min(1).max(200), { multiline: false }),
    minutesPerOccurrence: z
      .number()
      .finite()
      .positive()
      .max(7 * 24 * 60),
    occurrencesPerWeek: z.number().finite().min(0).max(1000),
    owner: z
      .string()
      .max(255)
      .regex(
        /^group:[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/,
        'must be a group entity ref such as group:default/team-a',
      )
      .optional(),
  })
  .strict();

const toilId = z.string().uuid();

/** The ETag of a toil item: its version, a strong validator. */
function etagOf(item: StoredToilItem): string {
  return `"${item.version ?? 1}"`;
}

/**
 * The version an `If-Match` header names (`"3"`, or `3`), or undefined
 * without the header (`*` too: any version). Anything else is a 400.
 */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InputError(
      'Invalid If-Match header: must be the ETag of the toil item, e.g. "3"',
    );
  }
  return Number(match[1]);
}

/**
 * The audit entry of a toil change, by the user who made it: the item
 * after the change, or the deleted item.
 */
function toilAudit(
  action: 'toil.create' | 'toil.update' | 'toil.delete',
  actor: string,
  item: StoredToilItem,
  at: string,
): Omit<AuditEntry, 'id'> {
  return {
    at,
    actor,
    action,
    entityRef: item.entityRef,
    target: `toil:${item.id}`,
    details: { ...item },
  };
}

export interface AlertQualityRouteOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: ReliabilityStore;
  hoursOf(ownerRef: string | undefined): TeamHours;
  autoResolveThresholdMs?: number;
  entity(req: express.Request): Promise<{ entity: Entity; entityRef: string }>;
  /** Checks a given toil owner against the catalog. */
  catalog: CatalogService;
  /** The one clock of the plugin (plugin.ts). */
  clock: Clock;
}

/** The alert-quality and toil routes. Metrics are computed from the store. */
export function addAlertQualityRoutes(
  router: express.Router,
  options: AlertQualityRouteOptions,
) {
  const { httpAuth, permissions, store } = options;
  const base = '/entities/:kind/:namespace/:name';

  router.get(`${base}/alert-quality`, async (req, res) => {
    const unknown = Object.keys(req.query).filter(k => k !== 'window');
    if (unknown.length > 0) {
      throw new InputError(`Unknown query parameter "${unknown[0]}"`);
    }
    let window;
    try {
      window = parseAlertQualityWindow(req.query.window ?? '28d');
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    const { entity, entityRef } = await options.entity(req);
    const body: EntityAlertQuality = await readEntityAlertQuality(
      options,
      entity,
      entityRef,
      window,
    );
    res.json(body);
  });

  /** Only those the permission policy lets change an entity's toil. */
  const authorizeToilWrite = async (
    req: express.Request,
    entityRef: string,
  ) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: reliabilityToilWritePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not change the toil log of ${entityRef}: only its owning team can`,
      );
    }
    return { user: credentials.principal.userEntityRef, credentials };
  };

  /**
   * A given owner must be a group the catalog knows, read with the
   * caller's credentials (so a group they cannot see is unknown too).
   */
  const checkOwner = async (
    owner: string | undefined,
    credentials: BackstageCredentials,
  ) => {
    if (owner === undefined) return;
    const group = await options.catalog.getEntityByRef(owner, {
      credentials,
    });
    if (!group) {
      throw new InputError(
        `Invalid toil item: "owner" ${owner} is not a group in the catalog`,
      );
    }
  };

  router.get(`${base}/toil`, async (req, res) => {
    const { entityRef } = await options.entity(req);
    res.json({ items: await store.listToilItems(entityRef) });
  });

  router.post(`${base}/toil`, async (req, res) => {
    const input = parseBody(toilInput, req.body, 'toil item');
    const { entity, entityRef } = await options.entity(req);
    const { user, credentials } = await authorizeToilWrite(req, entityRef);
    await checkOwner(input.owner, credentials);
    const owner = input.owner ?? ownerOf(entity);
    if (!owner) {
      throw new InputError(
        `${entityRef} has no owner: give the toil item an "owner"`,
      );
    }
    const idempotency = idempotencyOf(req, user, entityRef);
    if (
      idempotency &&
      replayStored(
        res,
        idempotency,
        await store.findIdempotentResponse(idempotency),
      )
    ) {
      return;
    }
    const now = options.clock.now().toISOString();
    const item: StoredToilItem = {
      id: randomUUID(),
      entityRef,
      task: input.task,
      minutesPerOccurrence: input.minutesPerOccurrence,
      occurrencesPerWeek: input.occurrencesPerWeek,
      owner,
      createdBy: user,
      createdAt: now,
      updatedBy: user,
      updatedAt: now,
    };
    const body = { ...item, version: 1 };
    try {
      await store.createToilItem(
        item,
        toilAudit('toil.create', user, item, now),
        idempotency && {
          ...idempotency,
          status: 201,
          response: body,
          resourceId: item.id,
          createdAt: now,
        },
      );
    } catch (error) {
      replayOrThrow(res, idempotency, error);
      return;
    }
    res.status(201).set('ETag', etagOf(body)).json(body);
  });

  const existingItem = async (req: express.Request, entityRef: string) => {
    const id = toilId.safeParse(req.params.id);
    if (!id.success) {
      throw new InputError('Invalid toil item id');
    }
    const item = await store.getToilItem(id.data);
    if (!item || item.entityRef !== entityRef) {
      throw new NotFoundError(`${entityRef} has no toil item ${id.data}`);
    }
    return item;
  };

  router.get(`${base}/toil/:id`, async (req, res) => {
    const { entityRef } = await options.entity(req);
    const item = await existingItem(req, entityRef);
    const version = await store.getToilItemVersion(item.id);
    if (version === undefined) {
      throw new NotFoundError(`${entityRef} has no toil item ${item.id}`);
    }
    const body = { ...item, version };
    res.set('ETag', etagOf(body)).json(body);
  });

  router.put(`${base}/toil/:id`, async (req, res) => {
    const input = parseBody(toilInput, req.body, 'toil item');
    const { entityRef } = await options.entity(req);
    const item = await existingItem(req, entityRef);
    const ifVersion = parseIfMatch(req.header('If-Match'));
    const { user, credentials } = await authorizeToilWrite(req, entityRef);
    if (input.owner !== item.owner) {
      await checkOwner(input.owner, credentials);
    }
    const updated: StoredToilItem = {
      ...item,
      task: input.task,
      minutesPerOccurrence: input.minutesPerOccurrence,
      occurrencesPerWeek: input.occurrencesPerWeek,
      owner: input.owner ?? item.owner,
      updatedBy: user,
      updatedAt: options.clock.now().toISOString(),
    };
    const audit = toilAudit('toil.update', user, updated, updated.updatedAt);
    // Without If-Match the last write wins, as before; with it, only the
    // version the caller read is updated (409 otherwise).
    const stored = await store.updateToilItemVersion(updated, audit, ifVersion);
    if (!stored) {
      throw new NotFoundError(`${entityRef} has no toil item ${item.id}`);
    }
    res.set('ETag', etagOf(stored)).json(stored);
  });

  router.delete(`${base}/toil/:id`, async (req, res) => {
    const { entityRef } = await options.entity(req);
    const item = await existingItem(req, entityRef);
    const { user } = await authorizeToilWrite(req, entityRef);
    const at = options.clock.now().toISOString();
    await store.deleteToilItem(
      item.id,
      toilAudit('toil.delete', user, item, at),
    );
    res.status(204).end();
  });
}
