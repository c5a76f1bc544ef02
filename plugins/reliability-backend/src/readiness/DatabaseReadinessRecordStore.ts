import { ConflictError } from '@backstage/errors';
import { ReadinessRecord } from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import {
  IdempotencyRecord,
  IdempotencyRequest,
  findIdempotency,
  insertIdempotency,
  writeIdempotently,
} from '../database/idempotency';
import { AUDIT_TABLE, toAuditRow } from '../database/auditLog';
import { AuditInput, RevokeWrite } from './ReadinessStore';
import { readByEntities } from './readByEntities';

const RECORDS = 'reliability_readiness_records';

type RecordRow = {
  id: string;
  entity_ref: string;
  type: string;
  target_kind: string;
  item_id: string | null;
  scorecard_id: string | null;
  check_id: string | null;
  created_by: string;
  created_at: string;
  reason: string;
  evidence_url: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  active_key?: string | null;
};

/**
 * The key of a record while it is active: one per entity, type and target
 * (the unique `active_key` column).
 */
function activeKeyOf(r: ReadinessRecord): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        r.entityRef,
        r.type,
        r.target.kind,
        r.target.kind === 'readiness' ? r.target.itemId : null,
        r.target.kind === 'scorecard-check' ? r.target.scorecardId : null,
        r.target.kind === 'scorecard-check' ? r.target.checkId : null,
      ]),
    )
    .digest('hex');
}

function describeTarget(target: ReadinessRecord['target']): string {
  return target.kind === 'readiness'
    ? `readiness item "${target.itemId}"`
    : `scorecard check "${target.scorecardId}/${target.checkId}"`;
}

function toRecordRow(r: ReadinessRecord): RecordRow {
  return {
    id: r.id,
    entity_ref: r.entityRef,
    type: r.type,
    target_kind: r.target.kind,
    item_id: r.target.kind === 'readiness' ? r.target.itemId : null,
    scorecard_id:
      r.target.kind === 'scorecard-check' ? r.target.scorecardId : null,
    check_id: r.target.kind === 'scorecard-check' ? r.target.checkId : null,
    created_by: r.createdBy,
    created_at: r.createdAt,
    reason: r.reason,
    evidence_url: r.evidenceUrl ?? null,
    expires_at: r.expiresAt ?? null,
    revoked_at: r.revokedAt ?? null,
    revoked_by: r.revokedBy ?? null,
    revoke_reason: r.revokeReason ?? null,
  };
}

function toRecord(r: RecordRow): ReadinessRecord {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    type: r.type as ReadinessRecord['type'],
    target:
      r.target_kind === 'scorecard-check'
        ? {
            kind: 'scorecard-check',
            scorecardId: r.scorecard_id ?? '',
            checkId: r.check_id ?? '',
          }
        : { kind: 'readiness', itemId: r.item_id ?? '' },
    createdBy: r.created_by,
    createdAt: r.created_at,
    reason: r.reason,
    ...(r.evidence_url !== null ? { evidenceUrl: r.evidence_url } : {}),
    ...(r.expires_at !== null ? { expiresAt: r.expires_at } : {}),
    ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
    ...(r.revoked_by !== null ? { revokedBy: r.revoked_by } : {}),
    ...(r.revoke_reason !== null ? { revokeReason: r.revoke_reason } : {}),
  };
}

/**
 * The readiness records (waivers and attestations) of
 * {@link DatabaseReadinessStore}: at most one active record per entity,
 * type and target, and idempotent creation.
 */
export class DatabaseReadinessRecordStore {
  constructor(private readonly db: Knex) {}

  async createRecord(
    record: ReadinessRecord,
    audit: AuditInput,
    idempotency?: IdempotencyRecord,
    options?: { renewBefore?: string },
  ): Promise<ReadinessRecord> {
    const row = toRecordRow(record);
    const activeKey = record.revokedAt ? null : activeKeyOf(record);
    // Expired records, and those expiring by `renewBefore`, are superseded.
    const supersedeBefore =
      options?.renewBefore && options.renewBefore > record.createdAt
        ? options.renewBefore
        : record.createdAt;
    await writeIdempotently(
      this.db,
      idempotency,
      () =>
        this.db.transaction(async tx => {
          // The key first: a concurrent repeat waits for it, then fails.
          if (idempotency) await insertIdempotency(tx, idempotency);
          if (activeKey) {
            // An expired record no longer counts as active, and one about
            // to expire may be renewed: either is superseded.
            await tx<RecordRow>(RECORDS)
              .where('active_key', activeKey)
              .whereNotNull('expires_at')
              .where('expires_at', '<=', supersedeBefore)
              .update({ active_key: null });
          }
          // Unique active_key: of concurrent creations one inserts, the
          // others fail (PostgreSQL waits for the first to commit).
          await tx<RecordRow>(RECORDS).insert({
            ...row,
            active_key: activeKey,
          });
          await tx(AUDIT_TABLE).insert(toAuditRow(audit));
        }),
      async () => {
        const existing: RecordRow | undefined = activeKey
          ? await this.db<RecordRow>(RECORDS)
              .where('active_key', activeKey)
              .first()
          : undefined;
        throw new ConflictError(
          existing
            ? `${record.entityRef} already has an active ${
                record.type
              } of ${describeTarget(record.target)}: ${existing.id}, by ${
                existing.created_by
              } at ${existing.created_at}; revoke it first`
            : `${record.entityRef} already has an active ${
                record.type
              } of ${describeTarget(record.target)}`,
        );
      },
    );
    return toRecord(row);
  }

  async findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined> {
    return findIdempotency(this.db, request);
  }

  async revokeRecord(
    id: string,
    revoke: RevokeWrite,
    audit: AuditInput,
  ): Promise<ReadinessRecord | undefined> {
    return this.db.transaction(async tx => {
      // Conditional: of two concurrent revocations, the second updates
      // nothing (PostgreSQL re-checks the condition after the first commits).
      const updated = await tx<RecordRow>(RECORDS)
        .where('id', id)
        .whereNull('revoked_at')
        .update({
          revoked_at: revoke.revokedAt,
          revoked_by: revoke.revokedBy,
          revoke_reason: revoke.reason ?? null,
          active_key: null,
        });
      if (updated === 0) {
        const existing = await tx<RecordRow>(RECORDS)
          .where('id', id)
          .first('id');
        if (!existing) {
          return undefined;
        }
        throw new ConflictError(`Readiness record ${id} is already revoked`);
      }
      await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      const row = (await tx<RecordRow>(RECORDS)
        .where('id', id)
        .first()) as RecordRow;
      return toRecord(row);
    });
  }

  async getRecord(id: string): Promise<ReadinessRecord | undefined> {
    const row: RecordRow | undefined = await this.db<RecordRow>(RECORDS)
      .where('id', id)
      .first();
    return row ? toRecord(row) : undefined;
  }

  async listRecords(
    entityRef: string,
    options: { includeRevoked?: boolean } = {},
  ): Promise<ReadinessRecord[]> {
    const q = this.db<RecordRow>(RECORDS).where('entity_ref', entityRef);
    if (!options.includeRevoked) q.whereNull('revoked_at');
    const rows: RecordRow[] = await q.select().orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    return rows.map(toRecord);
  }

  async listActiveRecords(
    entityRefs?: string[],
  ): Promise<Map<string, ReadinessRecord[]>> {
    const rows = await readByEntities<RecordRow>(entityRefs, refs => {
      const q = this.db<RecordRow>(RECORDS).whereNull('revoked_at');
      if (refs) q.whereIn('entity_ref', refs);
      return q.select().orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    });
    const out = new Map<string, ReadinessRecord[]>();
    for (const row of rows) {
      const list = out.get(row.entity_ref) ?? [];
      list.push(toRecord(row));
      out.set(row.entity_ref, list);
    }
    return out;
  }
}
