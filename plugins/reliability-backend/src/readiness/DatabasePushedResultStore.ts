import { StoredPushedResult } from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import { AUDIT_TABLE, toAuditRow } from '../database/auditLog';
import { insertAudit } from './DatabaseReadinessAuditLog';
import { AuditInput } from './ReadinessStore';
import { WRITE_CHUNK, readByEntities } from './readByEntities';

const PUSHED = 'reliability_pushed_results';

type PushedRow = {
  entity_ref: string;
  check_id: string;
  scorecard_id: string;
  passed: boolean | number;
  value: string | null;
  details: string | null;
  url: string | null;
  pushed_by: string;
  pushed_at: string;
};

function toPushedRow(p: StoredPushedResult): PushedRow {
  return {
    entity_ref: p.entityRef,
    check_id: p.checkId,
    scorecard_id: p.scorecardId,
    passed: p.passed,
    value: p.value === undefined ? null : JSON.stringify(p.value),
    details: p.details ?? null,
    url: p.url ?? null,
    pushed_by: p.pushedBy,
    pushed_at: p.pushedAt,
  };
}

function toPushedResult(r: PushedRow): StoredPushedResult {
  return {
    entityRef: r.entity_ref,
    checkId: r.check_id,
    scorecardId: r.scorecard_id,
    passed: Boolean(r.passed),
    ...(r.value !== null ? { value: JSON.parse(r.value) } : {}),
    ...(r.details !== null ? { details: r.details } : {}),
    ...(r.url !== null ? { url: r.url } : {}),
    pushedBy: r.pushed_by,
    pushedAt: r.pushed_at,
  };
}

/**
 * The pushed check results of {@link DatabaseReadinessStore}, each write
 * audited in its transaction.
 */
export class DatabasePushedResultStore {
  constructor(private readonly db: Knex) {}

  async upsertPushedResults(
    results: StoredPushedResult[],
    audit: AuditInput[],
  ): Promise<void> {
    // One row per key: PostgreSQL rejects an upsert touching a row twice.
    const unique = new Map<string, PushedRow>();
    for (const result of results) {
      unique.set(
        JSON.stringify([result.entityRef, result.checkId]),
        toPushedRow(result),
      );
    }
    await this.db.transaction(async tx => {
      for (const part of chunk([...unique.values()], WRITE_CHUNK)) {
        await tx(PUSHED)
          .insert(part)
          .onConflict(['entity_ref', 'check_id'])
          .merge();
      }
      await insertAudit(tx, audit);
    });
  }

  async insertPushedResultsIfAbsent(
    results: StoredPushedResult[],
    auditOf: (result: StoredPushedResult) => AuditInput,
  ): Promise<StoredPushedResult[]> {
    return this.db.transaction(async tx => {
      const inserted: StoredPushedResult[] = [];
      for (const result of results) {
        // A conditional insert: of two replicas seeding at once, only one
        // inserts (and audits) the row.
        const rows = await tx(PUSHED)
          .insert(toPushedRow(result))
          .onConflict(['entity_ref', 'check_id'])
          .ignore()
          .returning('entity_ref');
        if (rows.length > 0) {
          inserted.push(result);
          await tx(AUDIT_TABLE).insert(toAuditRow(auditOf(result)));
        }
      }
      return inserted;
    });
  }

  async listPushedResults(
    entityRefs?: string[],
  ): Promise<Map<string, StoredPushedResult[]>> {
    const rows = await readByEntities<PushedRow>(entityRefs, refs => {
      const q = this.db<PushedRow>(PUSHED);
      if (refs) q.whereIn('entity_ref', refs);
      return q.select().orderBy(['entity_ref', 'check_id']);
    });
    const out = new Map<string, StoredPushedResult[]>();
    for (const row of rows) {
      const list = out.get(row.entity_ref) ?? [];
      list.push(toPushedResult(row));
      out.set(row.entity_ref, list);
    }
    return out;
  }
}
