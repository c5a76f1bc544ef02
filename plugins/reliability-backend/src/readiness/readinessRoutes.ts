import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  BasicPermission,
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ReadinessRecord,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessExemptPermission,
} from '@reliability-kit/backstage-plugin-reliability-common';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ReadinessEvaluator } from './ReadinessEvaluator';
import { ReadinessStore } from './ReadinessStore';
import {
  assertScorecardHasCheck,
  configuredScorecard,
} from './configuredScorecard';
import {
  httpUrl,
  integerParam,
  isoTime,
  parseBody,
  parseQuery,
  single,
  userText,
  grantReason,
  idempotencyOf,
  replayOrThrow,
  replayStored,
} from '../service/request';
import { Clock } from '../lib/Clock';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Exemptions always expire, at most this far ahead. */
const MAX_EXEMPTION_DAYS = 366;

const id = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9-]*$/);

const attestationInput = z
  .object({
    evidenceUrl: httpUrl,
    comment: userText(z.string().trim().max(2000), {
      multiline: true,
    }).optional(),
    expiresAt: isoTime.optional(),
  })
  .strict();

const exemptionInput = z
  .object({ reason: grantReason, expiresAt: isoTime })
  .strict();

const revokeInput = z
  .object({
    reason: userText(z.string().trim().max(2000), {
      multiline: true,
    }).optional(),
  })
  .strict();

const auditQuery = z
  .object({ limit: single(integerParam(1, 500)).optional() })
  .strict();

const historyQuery = z
  .object({ days: single(integerParam(1, 400)).optional() })
  .strict();

/** What a record is about, as the audit log names it. */
function auditTarget(target: ReadinessRecord['target']): string {
  return target.kind === 'readiness'
    ? `readiness:${target.itemId}`
    : `scorecard:${target.scorecardId}/${target.checkId}`;
}

/** The principal that did something, for the audit log. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `${principal.type}:${principal.subject ?? 'unknown'}`;
}

export interface ReadinessRouteOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  readinessStore: ReadinessStore;
  evaluator: ReadinessEvaluator;
  entity(req: express.Request): Promise<{ entity: Entity; entityRef: string }>;
  clock: Clock;
}

/**
 * Attestations, exemptions, their revocation, the audit log and an entity's
 * scorecard history. Only the owners of an entity or an admin change its
 * readiness (`reliability.readiness.attest`, `reliability.readiness.exempt`,
 * decided by the permission policy); every change is written with its audit
 * entry in one transaction and re-evaluates the entity at once.
 */
export function addReadinessRoutes(
  router: express.Router,
  options: ReadinessRouteOptions,
) {
  const { httpAuth, permissions, readinessStore, evaluator } = options;
  const clock = () => options.clock.now();
  const base = '/entities/:kind/:namespace/:name';
  const config = () => evaluator.config;
  const scorecardOf = (scorecardId: string) =>
    configuredScorecard(config(), scorecardId);

  /**
   * Checks the caller, a user, may do what `permission` allows on the
   * entity; the actor to audit, or a NotAllowedError saying that only the
   * owners or an administrator `can` do it.
   */
  const authorize = async (
    req: express.Request,
    permission: ResourcePermission | BasicPermission,
    entityRef: string,
    can: string,
  ) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [
        'resourceType' in permission
          ? { permission, resourceRef: entityRef }
          : { permission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${entityRef} or an administrator can ${can}`,
      );
    }
    return actorOf(credentials);
  };

  const readinessItem = (itemId: string) => {
    const parsed = id.safeParse(itemId);
    const item = parsed.success
      ? config().readiness.find(i => i.id === parsed.data)
      : undefined;
    if (!item) {
      throw new NotFoundError(`No readiness item "${itemId}" is configured`);
    }
    return item;
  };

  const exemptionExpiry = (expiresAt: string, now: Date) => {
    const at = new Date(expiresAt);
    if (at.getTime() <= now.getTime()) {
      throw new InputError(
        'Invalid exemption: "expiresAt" must be in the future',
      );
    }
    if (at.getTime() > now.getTime() + MAX_EXEMPTION_DAYS * DAY_MS) {
      throw new InputError(
        `Invalid exemption: "expiresAt" must be at most ${MAX_EXEMPTION_DAYS} days ahead`,
      );
    }
    return at.toISOString();
  };

  /** A new record of the entity by `actor`, created `now`. */
  const newRecord = (
    entityRef: string,
    actor: string,
    now: Date,
    {
      type,
      target,
      ...rest
    }: Pick<
      ReadinessRecord,
      'type' | 'target' | 'reason' | 'evidenceUrl' | 'expiresAt'
    >,
  ): ReadinessRecord => ({
    id: randomUUID(),
    entityRef,
    type,
    target,
    createdBy: actor,
    createdAt: now.toISOString(),
    ...rest,
  });

  /**
   * Stores a new record with its audit entry, re-evaluates the entity and
   * answers 201 with the stored record.
   */
  const save = async (
    req: express.Request,
    res: express.Response,
    record: ReadinessRecord,
    action: 'attest' | 'exempt',
  ) => {
    const idempotency = idempotencyOf(req, record.createdBy, record.entityRef);
    if (
      idempotency &&
      replayStored(
        res,
        idempotency,
        await readinessStore.findIdempotentResponse(idempotency),
      )
    ) {
      return;
    }
    let saved: ReadinessRecord;
    try {
      saved = await readinessStore.createRecord(
        record,
        {
          at: record.createdAt,
          actor: record.createdBy,
          action,
          entityRef: record.entityRef,
          target: auditTarget(record.target),
          details: { ...record },
        },
        idempotency && {
          ...idempotency,
          status: 201,
          response: record,
          resourceId: record.id,
          createdAt: record.createdAt,
        },
        // An active record that is `expiring` (within the warning window)
        // is renewed by the new one; a fresher one is a conflict.
        {
          renewBefore: new Date(
            Date.parse(record.createdAt) +
              evaluator.config.expiryWarningDays * DAY_MS,
          ).toISOString(),
        },
      );
    } catch (error) {
      replayOrThrow(res, idempotency, error);
      return;
    }
    await evaluator.evaluateEntities([record.entityRef]);
    res.status(201).json(saved);
  };

  /**
   * Exempts the entity of `req` from `targetOf()` (which fails when there
   * is no such target) with the reason and expiry of the request body.
   */
  const exempt = async (
    req: express.Request,
    res: express.Response,
    targetOf: () => ReadinessRecord['target'],
    from: string,
  ) => {
    const input = parseBody(exemptionInput, req.body, 'exemption');
    const { entityRef } = await options.entity(req);
    const target = targetOf();
    const actor = await authorize(
      req,
      reliabilityReadinessExemptPermission,
      entityRef,
      `exempt it from ${from}`,
    );
    const now = clock();
    const record = newRecord(entityRef, actor, now, {
      type: 'exemption',
      target,
      reason: input.reason,
      expiresAt: exemptionExpiry(input.expiresAt, now),
    });
    await save(req, res, record, 'exempt');
  };

  router.post(`${base}/readiness/:itemId/attestations`, async (req, res) => {
    const input = parseBody(attestationInput, req.body, 'attestation');
    const { entityRef } = await options.entity(req);
    const item = readinessItem(req.params.itemId);
    if (item.kind !== 'attested') {
      throw new InputError(
        `Readiness item "${item.id}" is checked automatically and cannot be attested; fix it or exempt the entity from it`,
      );
    }
    const actor = await authorize(
      req,
      reliabilityReadinessAttestPermission,
      entityRef,
      'attest its readiness items',
    );
    const now = clock();
    const limit = item.validityDays
      ? now.getTime() + item.validityDays * DAY_MS
      : undefined;
    let expiresAt = limit ? new Date(limit).toISOString() : undefined;
    if (input.expiresAt) {
      const at = new Date(input.expiresAt).getTime();
      if (at <= now.getTime()) {
        throw new InputError(
          'Invalid attestation: "expiresAt" must be in the future',
        );
      }
      if (limit && at > limit) {
        throw new InputError(
          `Invalid attestation: "expiresAt" must be within the item's validity of ${item.validityDays} days`,
        );
      }
      expiresAt = new Date(at).toISOString();
    }
    const record = newRecord(entityRef, actor, now, {
      type: 'attestation',
      target: { kind: 'readiness', itemId: item.id },
      reason: input.comment ?? '',
      evidenceUrl: input.evidenceUrl,
      ...(expiresAt ? { expiresAt } : {}),
    });
    await save(req, res, record, 'attest');
  });

  router.post(`${base}/readiness/:itemId/exemptions`, (req, res) =>
    exempt(
      req,
      res,
      () => ({
        kind: 'readiness',
        itemId: readinessItem(req.params.itemId).id,
      }),
      'readiness items',
    ),
  );

  router.post(
    `${base}/scorecards/:scorecardId/checks/:checkId/exemptions`,
    (req, res) =>
      exempt(
        req,
        res,
        () => {
          const scorecard = scorecardOf(req.params.scorecardId);
          assertScorecardHasCheck(scorecard, req.params.checkId);
          return {
            kind: 'scorecard-check',
            scorecardId: scorecard.id,
            checkId: req.params.checkId,
          };
        },
        'scorecard checks',
      ),
  );

  router.post(
    `${base}/readiness-records/:recordId/revoke`,
    async (req, res) => {
      const input = parseBody(revokeInput, req.body ?? {}, 'revocation');
      const { entityRef } = await options.entity(req);
      const recordId = z.string().uuid().safeParse(req.params.recordId);
      const record = recordId.success
        ? await readinessStore.getRecord(recordId.data)
        : undefined;
      if (!record || record.entityRef !== entityRef) {
        throw new NotFoundError(
          `${entityRef} has no attestation or exemption "${req.params.recordId}"`,
        );
      }
      const actor = await authorize(
        req,
        record.type === 'attestation'
          ? reliabilityReadinessAttestPermission
          : reliabilityReadinessExemptPermission,
        entityRef,
        `revoke its ${record.type}s`,
      );
      const now = clock().toISOString();
      const revoked = await readinessStore.revokeRecord(
        record.id,
        { revokedBy: actor, revokedAt: now, reason: input.reason },
        {
          at: now,
          actor,
          action: 'revoke',
          entityRef,
          target: auditTarget(record.target),
          details: { id: record.id, type: record.type, reason: input.reason },
        },
      );
      if (!revoked) {
        throw new NotFoundError(
          `${entityRef} has no attestation or exemption "${record.id}"`,
        );
      }
      await evaluator.evaluateEntities([entityRef]);
      res.json(revoked);
    },
  );

  router.get(`${base}/readiness-records`, async (req, res) => {
    parseQuery(z.object({}).strict(), req.query);
    const { entityRef } = await options.entity(req);
    res.json({
      items: await readinessStore.listRecords(entityRef, {
        includeRevoked: true,
      }),
    });
  });

  router.get(`${base}/audit`, async (req, res) => {
    const { limit } = parseQuery(auditQuery, req.query);
    const { entityRef } = await options.entity(req);
    res.json({
      items: await readinessStore.listAudit(entityRef, { limit: limit ?? 100 }),
    });
  });

  router.get(`${base}/scorecards/:scorecardId/history`, async (req, res) => {
    const { days } = parseQuery(historyQuery, req.query);
    const { entityRef } = await options.entity(req);
    const scorecard = scorecardOf(req.params.scorecardId);
    const from = new Date(clock().getTime() - (days ?? 90) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    res.json({
      items: await readinessStore.readScorecardHistory(
        scorecard.id,
        entityRef,
        from,
      ),
    });
  });
}
