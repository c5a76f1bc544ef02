import { Knex } from 'knex';

export const IDEMPOTENCY_TABLE = 'reliability_idempotency_keys';

/** What identifies a write sent with an `Idempotency-Key` header. */
export interface IdempotencyRequest {
  /** Who sent it: keys are scoped to their sender. */
  principal: string;
  /** Method and path, e.g. `POST /entities/component/default/x/toil`. */
  route: string;
  key: string;
  entityRef: string;
  /** SHA-256 (hex) of the JSON request body. */
  requestHash: string;
}

/** The response to a write with an `Idempotency-Key`, stored with it. */
export interface IdempotencyRecord extends IdempotencyRequest {
  status: number;
  response: unknown;
  resourceId?: string;
  createdAt: string;
}

type IdempotencyRow = {
  principal: string;
  route: string;
  idempotency_key: string;
  entity_ref: string;
  request_hash: string;
  status: number;
  response: string;
  resource_id: string | null;
  created_at: string;
};

/**
 * Thrown by a store when a write's idempotency key was stored meanwhile (a
 * concurrent repeat committed first): the caller answers the stored
 * response instead.
 */
export class IdempotentReplay extends Error {
  constructor(readonly record: IdempotencyRecord) {
    super(`Idempotency-Key ${record.key} was already used`);
    this.name = 'IdempotentReplay';
  }
}

/** Stores a write's response under its key (in the write's transaction). */
export async function insertIdempotency(
  tx: Knex.Transaction,
  record: IdempotencyRecord,
): Promise<void> {
  const row: IdempotencyRow = {
    principal: record.principal,
    route: record.route,
    idempotency_key: record.key,
    entity_ref: record.entityRef,
    request_hash: record.requestHash,
    status: record.status,
    response: JSON.stringify(record.response),
    resource_id: record.resourceId ?? null,
    created_at: record.createdAt,
  };
  await tx(IDEMPOTENCY_TABLE).insert(row);
}

/** The stored response of a key, if any. */
export async function findIdempotency(
  db: Knex,
  request: Pick<IdempotencyRequest, 'principal' | 'route' | 'key'>,
): Promise<IdempotencyRecord | undefined> {
  const row: IdempotencyRow | undefined = await db<IdempotencyRow>(
    IDEMPOTENCY_TABLE,
  )
    .where({
      principal: request.principal,
      route: request.route,
      idempotency_key: request.key,
    })
    .first();
  return row
    ? {
        principal: row.principal,
        route: row.route,
        key: row.idempotency_key,
        entityRef: row.entity_ref,
        requestHash: row.request_hash,
        status: Number(row.status),
        response: JSON.parse(row.response),
        ...(row.resource_id !== null ? { resourceId: row.resource_id } : {}),
        createdAt: row.created_at,
      }
    : undefined;
}

/** A unique or primary-key violation, on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (typeof e?.message === 'string' &&
      /UNIQUE constraint failed/.test(e.message))
  );
}

/**
 * Runs a write transaction that stored `idempotency` (when given); when it
 * fails on a unique constraint because the key was stored meanwhile, throws
 * {@link IdempotentReplay} with the stored response; otherwise calls
 * `onConflict` for other unique violations (it should throw), or rethrows.
 */
export async function writeIdempotently<T>(
  db: Knex,
  idempotency: IdempotencyRecord | undefined,
  write: () => Promise<T>,
  onConflict?: () => Promise<never>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (idempotency) {
      const stored = await findIdempotency(db, idempotency);
      if (stored) throw new IdempotentReplay(stored);
    }
    if (onConflict) await onConflict();
    throw error;
  }
}
