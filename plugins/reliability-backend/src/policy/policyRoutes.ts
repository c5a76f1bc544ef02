import {
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PolicyException,
  reliabilityPolicyExceptPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Clock } from '../lib/Clock';
import { actorOf } from '../readiness/readinessRoutes';
import {
  EntityResolver,
  grantReason,
  isoTime,
  parseBody,
} from '../service/request';
import { PolicyEvaluator, ownerRefOf } from './PolicyEvaluator';
import { PolicyStore } from './PolicyStore';

const DAY_MS = 24 * 60 * 60 * 1000;

const exceptionInput = z
  .object({
    kind: z.string().min(1).max(64),
    reason: grantReason,
    expiresAt: isoTime,
  })
  .strict();

export interface PolicyRouteOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  evaluator: PolicyEvaluator;
  store: PolicyStore;
  entity: EntityResolver;
  clock: Clock;
}

/**
 * The entity's policy (state, exceptions, history), exceptions and their
 * revocation (`reliability.policy.except`; an entity's owners may not
 * grant their own unless `reliability.policy.exceptions.allowOwners`), and
 * the deploy gate for users and service credentials (CI, static tokens).
 */
export function addPolicyRoutes(
  router: express.Router,
  options: PolicyRouteOptions,
) {
  const { httpAuth, permissions, userInfo, evaluator, store, entity } = options;
  const base = '/entities/:kind/:namespace/:name/policy';

  router.get(base, async (req, res) => {
    const { entity: e, entityRef } = await entity(req);
    res.json(await evaluator.view(e, entityRef, options.clock.now()));
  });

  router.get('/gate/:kind/:namespace/:name', async (req, res) => {
    const { entity: e, entityRef } = await entity(req);
    res.json(await evaluator.gate(e, entityRef, options.clock.now()));
  });

  /** The actor, after `reliability.policy.except` and the owner rule. */
  const authorizeException = async (
    req: express.Request,
    entityRef: string,
    ownerRef: string | undefined,
  ) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [
        {
          permission: reliabilityPolicyExceptPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not grant or revoke exceptions to the error-budget policy of ${entityRef} (reliability.policy.except)`,
      );
    }
    if (!evaluator.config.exceptions.allowOwners && ownerRef) {
      const info = await userInfo.getUserInfo(credentials);
      const claims = [info.userEntityRef, ...info.ownershipEntityRefs].map(r =>
        r.toLocaleLowerCase('en-US'),
      );
      if (claims.includes(ownerRef.toLocaleLowerCase('en-US'))) {
        throw new NotAllowedError(
          `The owners of ${entityRef} cannot approve its exceptions themselves (reliability.policy.exceptions.allowOwners is false)`,
        );
      }
    }
    return actorOf(credentials);
  };

  router.post(`${base}/exceptions`, async (req, res) => {
    const { entity: e, entityRef } = await entity(req);
    const actor = await authorizeException(req, entityRef, ownerRefOf(e));
    const input = parseBody(exceptionInput, req.body, 'exception');
    const { kinds, maxDays } = evaluator.config.exceptions;
    if (!kinds.includes(input.kind)) {
      throw new InputError(
        `Invalid exception: "kind" must be one of ${kinds.join(', ')}`,
      );
    }
    const now = options.clock.now();
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) {
      throw new InputError(
        'Invalid exception: "expiresAt" must be in the future',
      );
    }
    if (expiresAt.getTime() > now.getTime() + maxDays * DAY_MS) {
      throw new InputError(
        `Invalid exception: "expiresAt" must be at most ${maxDays} days ahead (reliability.policy.exceptions.maxDays)`,
      );
    }
    const exception: PolicyException = {
      id: randomUUID(),
      entityRef,
      kind: input.kind,
      reason: input.reason,
      createdBy: actor,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
    await store.createException(exception, {
      at: exception.createdAt,
      actor,
      action: 'policy.except',
      entityRef,
      target: `policy-exception:${exception.kind}`,
      details: { ...exception },
    });
    res.status(201).json(exception);
  });

  router.post(`${base}/exceptions/:id/revoke`, async (req, res) => {
    const { entity: e, entityRef } = await entity(req);
    const actor = await authorizeException(req, entityRef, ownerRefOf(e));
    const id = z.string().uuid().safeParse(req.params.id);
    if (!id.success) {
      throw new NotFoundError(
        `No exception "${req.params.id}" of ${entityRef}`,
      );
    }
    const at = options.clock.now().toISOString();
    const revoked = await store.revokeException(
      entityRef,
      id.data,
      { revokedBy: actor, revokedAt: at },
      {
        at,
        actor,
        action: 'policy.revoke',
        entityRef,
        target: `policy-exception:${id.data}`,
        details: { id: id.data },
      },
    );
    if (!revoked) {
      throw new NotFoundError(
        `No exception "${id.data}" of ${entityRef} that is not revoked`,
      );
    }
    res.json(revoked);
  });
}
