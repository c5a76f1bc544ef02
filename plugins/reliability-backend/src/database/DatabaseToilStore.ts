import { StoredToilItem } from '@reliability-kit/backstage-plugin-reliability-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import type { AuditInput } from '../readiness/ReadinessStore';
import { AUDIT_TABLE, toAuditRow } from './auditLog';
import { IN_LIST_SIZE } from './batchSizes';
import { fromColumns, toColumns } from './columns';
import {
  IdempotencyRecord,
  IdempotencyRequest,
  findIdempotency,
  insertIdempotency,
  writeIdempotently,
} from './idempotency';
import { ToilStore } from './ToilStore';

type ToilRow = {
  id: string;
  entity_ref: string;
  task: string;
  minutes_per_occurrence: number;
  occurrences_per_week: number;
  owner: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  version?: number;
};

const TOIL = 'reliability_toil_items';

/** The fields of a toil item, each stored in its snake_case column. */
const TOIL_FIELDS: readonly (keyof StoredToilItem)[] = [
  'id',
  'entityRef',
  'task',
  'minutesPerOccurrence',
  'occurrencesPerWeek',
  'owner',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
];

function toToilItem(r: ToilRow): StoredToilItem {
  const item = fromColumns<StoredToilItem>(r, TOIL_FIELDS);
  // PostgreSQL returns numeric columns as strings.
  return {
    ...item,
    minutesPerOccurrence: Number(item.minutesPerOccurrence),
    occurrencesPerWeek: Number(item.occurrencesPerWeek),
  };
}

function toToilRow(i: StoredToilItem): ToilRow {
  return toColumns(i, TOIL_FIELDS) as ToilRow;
}

/**
 * The knex implementation of {@link ToilStore}.
 */
export class DatabaseToilStore implements ToilStore {
  constructor(private readonly db: Knex) {}

  async listToilItems(entityRef: string): Promise<StoredToilItem[]> {
    const rows = await this.db<ToilRow>(TOIL)
      .where('entity_ref', entityRef)
      .orderBy(['created_at', 'id']);
    return rows.map(toToilItem);
  }

  async sumToilMinutesPerWeek(
    entityRefs?: string[],
  ): Promise<Map<string, number>> {
    const query = (
      refs?: string[],
    ): Promise<Array<{ entity_ref: string; minutes: number | string }>> =>
      this.db(TOIL)
        .select('entity_ref')
        .sum({
          minutes: this.db.raw('minutes_per_occurrence * occurrences_per_week'),
        })
        .modify(q => {
          if (refs) q.whereIn('entity_ref', refs);
        })
        .groupBy('entity_ref');
    const rows: Array<{ entity_ref: string; minutes: number | string }> = [];
    if (!entityRefs) {
      rows.push(...(await query()));
    } else {
      for (const part of chunk(entityRefs, IN_LIST_SIZE)) {
        rows.push(...(await query(part)));
      }
    }
    return new Map(rows.map(r => [r.entity_ref, Number(r.minutes)]));
  }

  async getToilItem(id: string): Promise<StoredToilItem | undefined> {
    const row = await this.db<ToilRow>(TOIL).where('id', id).first();
    return row ? toToilItem(row) : undefined;
  }

  async createToilItem(
    item: StoredToilItem,
    audit?: AuditInput,
    idempotency?: IdempotencyRecord,
  ): Promise<void> {
    await writeIdempotently(this.db, idempotency, () =>
      this.db.transaction(async tx => {
        // The key first: a concurrent repeat waits for it, then fails.
        if (idempotency) await insertIdempotency(tx, idempotency);
        await tx<ToilRow>(TOIL).insert({ ...toToilRow(item), version: 1 });
        if (audit) await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      }),
    );
  }

  async updateToilItem(
    item: StoredToilItem,
    audit?: AuditInput,
  ): Promise<boolean> {
    return (await this.updateToilItemVersion(item, audit)) !== undefined;
  }

  async updateToilItemVersion(
    item: StoredToilItem,
    audit?: AuditInput,
    ifVersion?: number,
  ): Promise<StoredToilItem | undefined> {
    const { id, created_by: _c, created_at: _a, ...changes } = toToilRow(item);
    delete changes.version;
    return this.db.transaction(async tx => {
      // Conditional on the version read: of two concurrent updates with the
      // same If-Match, the second updates nothing (PostgreSQL re-checks the
      // condition after the first commits; SQLite runs them one by one).
      const q = tx(TOIL).where('id', id);
      if (ifVersion !== undefined) q.where('version', ifVersion);
      const updated = await q.update({
        ...changes,
        version: tx.raw('version + 1'),
      });
      if (updated === 0) {
        const current = await tx<ToilRow>(TOIL).where('id', id).first();
        if (!current) return undefined;
        throw new ConflictError(
          `Toil item ${id} has changed: it is at version ${Number(
            current.version ?? 1,
          )}, not ${ifVersion}; read it again and retry`,
        );
      }
      if (audit) await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      const row = (await tx<ToilRow>(TOIL).where('id', id).first()) as ToilRow;
      return { ...toToilItem(row), version: Number(row.version ?? 1) };
    });
  }

  async getToilItemVersion(id: string): Promise<number | undefined> {
    const row: Pick<ToilRow, 'version'> | undefined = await this.db<ToilRow>(
      TOIL,
    )
      .where('id', id)
      .first('version');
    return row ? Number(row.version ?? 1) : undefined;
  }

  async findIdempotentResponse(
    request: IdempotencyRequest,
  ): Promise<IdempotencyRecord | undefined> {
    return findIdempotency(this.db, request);
  }

  async deleteToilItem(id: string, audit?: AuditInput): Promise<boolean> {
    return this.db.transaction(async tx => {
      const deleted = await tx(TOIL).where('id', id).delete();
      if (deleted === 0) return false;
      if (audit) await tx(AUDIT_TABLE).insert(toAuditRow(audit));
      return true;
    });
  }
}
