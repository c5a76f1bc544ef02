import {
  SloHistoryEntry,
  SloSpec,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../lib/chunk';
import { BATCH_SIZE, upsertInBatches } from './batchSizes';
import { SloStore } from './SloStore';

type SloHistoryRow = {
  entity_ref: string;
  slo_id: string;
  day: string;
  at: string;
  objective: number;
  sli: number | null;
  budget_remaining: number | null;
  status: string;
};

const toHistoryRow = (
  entityRef: string,
  sloId: string,
  p: SloHistoryEntry,
): SloHistoryRow => ({
  entity_ref: entityRef,
  slo_id: sloId,
  day: p.at.slice(0, 10),
  at: p.at,
  objective: p.objective,
  sli: p.sli,
  budget_remaining: p.budgetRemaining,
  status: p.status,
});

/** One history point per SLO and day: a later point of the day replaces it. */
const upsertHistoryRows = (
  db: Knex | Knex.Transaction,
  rows: SloHistoryRow[],
) =>
  upsertInBatches(db, 'reliability_slo_history', rows, [
    'entity_ref',
    'slo_id',
    'day',
  ]);

/**
 * The knex implementation of {@link SloStore}.
 */
export class DatabaseSloStore implements SloStore {
  constructor(private readonly db: Knex) {}

  async replaceSloDefinitions(
    entityRef: string,
    specs: SloSpec[],
    now: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('reliability_slo_definitions')
        .where({ entity_ref: entityRef })
        .delete();
      for (const part of chunk(specs, BATCH_SIZE)) {
        await tx('reliability_slo_definitions').insert(
          part.map(spec => ({
            entity_ref: entityRef,
            slo_id: spec.id,
            spec: JSON.stringify(spec),
            updated_at: now,
          })),
        );
      }
    });
  }

  async listSloDefinitions(): Promise<
    Array<{ entityRef: string; spec: SloSpec }>
  > {
    const rows = await this.db<{ entity_ref: string; spec: string }>(
      'reliability_slo_definitions',
    ).orderBy(['entity_ref', 'slo_id']);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      spec: JSON.parse(r.spec) as SloSpec,
    }));
  }

  async upsertSloHistory(
    entityRef: string,
    sloId: string,
    points: SloHistoryEntry[],
  ): Promise<void> {
    await upsertHistoryRows(
      this.db,
      points.map(p => toHistoryRow(entityRef, sloId, p)),
    );
  }

  async upsertSloHistoryPoints(
    entityRef: string,
    entries: Array<{ sloId: string; point: SloHistoryEntry }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map(({ sloId, point }) =>
      toHistoryRow(entityRef, sloId, point),
    );
    await this.db.transaction(tx => upsertHistoryRows(tx, rows));
  }

  async readSloHistory(
    entityRef: string,
    sloId: string,
    from: string,
    to: string,
  ): Promise<SloHistoryEntry[]> {
    const rows = await this.db<SloHistoryRow>('reliability_slo_history')
      .where({ entity_ref: entityRef, slo_id: sloId })
      .andWhere('at', '>=', from)
      .andWhere('at', '<', to)
      .orderBy('at');
    return rows.map(r => ({
      at: r.at,
      objective: Number(r.objective),
      sli: r.sli === null ? null : Number(r.sli),
      budgetRemaining:
        r.budget_remaining === null ? null : Number(r.budget_remaining),
      status: r.status as SloHistoryEntry['status'],
    }));
  }

  async listSloHistoryBetween(fromDay: string, toDay: string) {
    const rows = await this.db<SloHistoryRow>('reliability_slo_history')
      .where('day', '>=', fromDay)
      .where('day', '<', toDay)
      .select('entity_ref', 'slo_id', 'day', 'status', 'budget_remaining')
      .orderBy(['entity_ref', 'slo_id', 'day']);
    return rows.map(r => ({
      entityRef: String(r.entity_ref),
      sloId: String(r.slo_id),
      day: String(r.day),
      status: r.status as SloHistoryEntry['status'],
      budgetRemaining:
        r.budget_remaining === null ? null : Number(r.budget_remaining),
    }));
  }

  async listBudgetExhaustion(fromDay: string, toDay: string) {
    const rows = await this.db<SloHistoryRow>('reliability_slo_history')
      .where('day', '>=', fromDay)
      .where('day', '<', toDay)
      .where('budget_remaining', '<=', 0)
      .select('entity_ref', 'slo_id', 'day', 'budget_remaining')
      .orderBy(['entity_ref', 'slo_id', 'day']);
    return rows.map(r => ({
      entityRef: String(r.entity_ref),
      sloId: String(r.slo_id),
      day: String(r.day),
      budgetRemaining: Number(r.budget_remaining),
    }));
  }

  async countSloHistory(entityRef: string, sloId: string): Promise<number> {
    const [row] = await this.db('reliability_slo_history')
      .where({ entity_ref: entityRef, slo_id: sloId })
      .count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async pruneSloHistory(beforeDay: string): Promise<number> {
    return this.db('reliability_slo_history')
      .where('day', '<', beforeDay)
      .delete();
  }
}
