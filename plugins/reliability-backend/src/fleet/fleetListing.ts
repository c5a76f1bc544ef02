import {
  EntitySloStatus,
  FleetRow,
  FleetSortKey,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { EntityFilter, applyEntityFilter } from '../service/request';
import {
  FLEET,
  FleetDbRow,
  FleetFilters,
  FleetPosition,
  FleetSort,
  toFleetRow,
  whereTier,
} from './fleetRows';
import { chunk } from '../lib/chunk';

type SortSpec = { column: string; nullable: boolean };

const SORT_COLUMNS: Record<FleetSortKey, SortSpec> = {
  entityRef: { column: 'entity_ref', nullable: false },
  tier: { column: 'tier', nullable: true },
  sloStatus: { column: 'slo_rank', nullable: false },
  worstBudgetRemaining: { column: 'worst_budget_remaining', nullable: true },
  pagesPerWeek: { column: 'pages_per_week', nullable: true },
  mttaMs: { column: 'mtta_ms', nullable: true },
  mttrMs: { column: 'mttr_ms', nullable: true },
  noiseRatio: { column: 'noise_ratio', nullable: true },
  runbookCoverage: { column: 'runbook_coverage', nullable: true },
};

/**
 * Reads of fleet rows: the keyset listing of `GET /fleet` (see the README
 * for the order and the pagination guarantee), counts, refs and rows.
 */
export class FleetListing {
  constructor(private readonly db: Knex) {}

  private filtered(filters: FleetFilters): Knex.QueryBuilder {
    const q = whereTier(this.db(FLEET), filters.tier);
    if (filters.sloStatus?.length) q.whereIn('slo_status', filters.sloStatus);
    if (filters.owner?.length) q.whereIn('owner_ref', filters.owner);
    if (filters.system?.length) q.whereIn('system_ref', filters.system);
    if (filters.readiness?.length) q.whereIn('readiness', filters.readiness);
    if (filters.entityRefs) {
      const parts = chunk(filters.entityRefs, 1000);
      q.where(w => {
        if (parts.length === 0) w.whereRaw('1 = 0');
        for (const part of parts) w.orWhereIn('entity_ref', part);
      });
    }
    if (filters.policyState?.length) {
      const states = filters.policyState.filter(s => s !== 'none');
      q.where(w => {
        if (states.length) w.orWhereIn('policy_state', states);
        if (filters.policyState!.includes('none'))
          w.orWhereNull('policy_state');
      });
    }
    return q;
  }

  /** Every entity's policy state (for the catalog labels module). */
  async listPolicyStates(): Promise<Record<string, string>> {
    const rows: Array<{ entity_ref: string; policy_state: string }> =
      await this.db(FLEET)
        .select('entity_ref', 'policy_state')
        .whereNotNull('policy_state');
    return Object.fromEntries(rows.map(r => [r.entity_ref, r.policy_state]));
  }

  /** Every entity's worst SLO status (for the catalog labels module). */
  async listSloStatuses(): Promise<Record<string, EntitySloStatus>> {
    const rows: Array<{ entity_ref: string; slo_status: string }> =
      await this.db(FLEET).select('entity_ref', 'slo_status');
    return Object.fromEntries(
      rows.map(r => [r.entity_ref, r.slo_status as EntitySloStatus]),
    );
  }

  /**
   * Up to `limit` rows after `after` (exclusive) in the order of `sort`:
   * the sort value (nulls last in both directions), then the entity ref in
   * the same direction.
   */
  async listBatch(options: {
    filters: FleetFilters;
    sort: FleetSort;
    after?: FleetPosition;
    limit: number;
  }): Promise<FleetRow[]> {
    const { filters, sort, after, limit } = options;
    const { column, nullable } = SORT_COLUMNS[sort.key];
    const dir = sort.descending ? 'desc' : 'asc';
    const op = sort.descending ? '<' : '>';
    const q = this.filtered(filters);
    if (after) {
      if (column === 'entity_ref') {
        q.where('entity_ref', op, after.entityRef);
      } else if (after.value === null) {
        q.whereNull(column).where('entity_ref', op, after.entityRef);
      } else {
        const v = after.value;
        q.where(w => {
          if (nullable) w.orWhereNull(column);
          w.orWhere(column, op, v).orWhere(inner =>
            inner.where(column, v).where('entity_ref', op, after.entityRef),
          );
        });
      }
    }
    if (nullable) {
      q.orderByRaw(`CASE WHEN ?? IS NULL THEN 1 ELSE 0 END`, [column]);
    }
    if (column !== 'entity_ref') q.orderBy(column, dir);
    q.orderBy('entity_ref', dir);
    const rows: FleetDbRow[] = await q.select().limit(limit);
    return rows.map(toFleetRow);
  }

  async count(filters: FleetFilters): Promise<number> {
    const [row] = await this.filtered(filters).count({ n: '*' });
    return Number((row as { n: number | string }).n);
  }

  /** Refs of all rows matching the filters. */
  async listRefs(filters: FleetFilters): Promise<string[]> {
    return (await this.filtered(filters).select('entity_ref')).map(
      (r: { entity_ref: string }) => r.entity_ref,
    );
  }

  /**
   * The refs of fleet entities matching a permission condition translated
   * into a filter (see `entityConditionFilter.ts`), evaluated by the
   * database.
   */
  async listRefsMatching(filter: EntityFilter): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await applyEntityFilter(
      this.db(FLEET).select('entity_ref'),
      filter,
    ).orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /** The fleet rows of the given entities (those that have one). */
  async getRows(entityRefs: string[]): Promise<Map<string, FleetRow>> {
    const result = new Map<string, FleetRow>();
    for (const part of chunk(entityRefs, 500)) {
      const rows: FleetDbRow[] = await this.db(FLEET)
        .whereIn('entity_ref', part)
        .select();
      rows.forEach(r => result.set(r.entity_ref, toFleetRow(r)));
    }
    return result;
  }

  async listAll(filters: FleetFilters = {}): Promise<FleetRow[]> {
    const rows: FleetDbRow[] = await this.filtered(filters)
      .select()
      .orderBy('entity_ref');
    return rows.map(toFleetRow);
  }
}
