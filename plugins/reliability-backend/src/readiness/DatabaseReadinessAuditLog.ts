import { AuditEntry } from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import {
  AUDIT_TABLE,
  AuditRow,
  toAuditEntry,
  toAuditRow,
} from '../database/auditLog';
import { AuditInput } from './ReadinessStore';
import { WRITE_CHUNK } from './readByEntities';

/** Appends audit entries in the transaction `tx`. */
export async function insertAudit(
  tx: Knex.Transaction,
  entries: AuditInput[],
): Promise<void> {
  for (const part of chunk(entries, WRITE_CHUNK)) {
    await tx(AUDIT_TABLE).insert(part.map(toAuditRow));
  }
}

/** The audit log appends and reads of {@link DatabaseReadinessStore}. */
export class DatabaseReadinessAuditLog {
  constructor(private readonly db: Knex) {}

  async appendAudit(entries: AuditInput[]): Promise<void> {
    await this.db.transaction(tx => insertAudit(tx, entries));
  }

  async listAudit(
    entityRef: string,
    options: { limit?: number; before?: number } = {},
  ): Promise<AuditEntry[]> {
    const limit = Math.max(1, Math.floor(options.limit ?? 100));
    const q = this.db<AuditRow>(AUDIT_TABLE).where('entity_ref', entityRef);
    if (options.before !== undefined) q.where('id', '<', options.before);
    const rows: AuditRow[] = await q
      .select()
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toAuditEntry);
  }
}
