import { ConflictError, InputError } from '@backstage/errors';
import express from 'express';
import { createHash } from 'node:crypto';
import {
  IdempotencyRecord,
  IdempotencyRequest,
  IdempotentReplay,
} from '../../database/idempotency';

/** The header of idempotent writes (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * The idempotency of a write request: undefined without an
 * `Idempotency-Key` header; an InputError for a malformed one (1-255
 * visible ASCII characters).
 */
export function idempotencyOf(
  req: express.Request,
  principal: string,
  entityRef: string,
): IdempotencyRequest | undefined {
  const key = req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new InputError(
      `Invalid ${IDEMPOTENCY_HEADER} header: must be 1-255 visible ASCII characters`,
    );
  }
  return {
    principal,
    route: `${req.method} ${req.baseUrl}${req.path}`,
    key,
    entityRef,
    requestHash: createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex'),
  };
}

/**
 * Answers the stored response of a repeated key (same status and body,
 * header `Idempotent-Replayed: true`) and returns true; false when nothing
 * is stored. The same key with another body is a ConflictError (409).
 */
export function replayStored(
  res: express.Response,
  request: IdempotencyRequest,
  stored: IdempotencyRecord | undefined,
): boolean {
  if (!stored) return false;
  if (stored.requestHash !== request.requestHash) {
    throw new ConflictError(
      `${IDEMPOTENCY_HEADER} "${request.key}" was already used with a different request body; use a new key for a different request`,
    );
  }
  res.status(stored.status).set('Idempotent-Replayed', 'true');
  res.json(stored.response);
  return true;
}

/** Answers an {@link IdempotentReplay} thrown by a store; rethrows others. */
export function replayOrThrow(
  res: express.Response,
  request: IdempotencyRequest | undefined,
  error: unknown,
): void {
  if (request && error instanceof IdempotentReplay) {
    replayStored(res, request, error.record);
    return;
  }
  throw error;
}
