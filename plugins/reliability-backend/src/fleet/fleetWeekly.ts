import { FleetTrendPoint } from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import {
  TREND_AGGREGATIONS,
  sqlAggregations,
  sqlValues,
  trendPointOf,
} from './fleetKpis';
import { FleetWeeklyRow, WEEKLY, whereTier } from './fleetRows';
import { compareKeys } from '../lib/compareKeys';

/**
 * Reads of the weekly table (one row per entity and ISO week, kept by
 * {@link FleetWriter}): its rows and the trend points aggregated by the
 * database.
 */
export class FleetWeekly {
  constructor(private readonly db: Knex) {}

  /** Weekly rows from `fromWeek` (inclusive), optionally of some tiers. */
  async listWeekly(options: {
    fromWeek: string;
    toWeek?: string;
    tier?: string[];
  }): Promise<FleetWeeklyRow[]> {
    const q = this.db(WEEKLY).where('week', '>=', options.fromWeek);
    if (options.toWeek) q.where('week', '<=', options.toWeek);
    whereTier(q, options.tier);
    return q.select().orderBy(['week', 'entity_ref']);
  }

  /** Trend points per week and tier, aggregated by the database. */
  async trends(options: {
    fromWeek: string;
    tier?: string[];
  }): Promise<FleetTrendPoint[]> {
    const q = this.db(WEEKLY)
      .where('week', '>=', options.fromWeek)
      .select('week', 'tier')
      .select(sqlAggregations(this.db, TREND_AGGREGATIONS))
      .groupBy('week', 'tier');
    whereTier(q, options.tier);
    const rows: Array<Record<string, unknown>> = await q;
    return rows
      .map(r =>
        trendPointOf(
          String(r.week),
          (r.tier as string | null) ?? null,
          sqlValues(TREND_AGGREGATIONS, r),
        ),
      )
      .sort(
        (a, b) => compareKeys(a.week, b.week) || compareKeys(a.tier, b.tier),
      );
  }
}
