import { NotImplementedError } from '@backstage/errors';
import {
  FleetGroupSummary,
  FleetRow,
  FleetTrendPoint,
} from '@reliability-kit/backstage-plugin-reliability-common';
import { Knex } from 'knex';
import { FLEET, FleetWeeklyRow, num, toDbColumns } from './fleetRows';
import { compareKeys } from '../lib/compareKeys';

/**
 * The one definition of the fleet KPIs (`GET /fleet/summary` and
 * `GET /fleet/trends`): a declarative list of aggregations over table
 * columns, and the ratios computed from their values. The list is
 * evaluated either by the database (SQL, for callers who see every entity)
 * or over rows in memory (for callers who see some), with the same
 * meaning: counts, and means over the rows that have the figure.
 */
export type Aggregation =
  | { op: 'count' }
  | { op: 'countIn'; column: string; values: string[] }
  | { op: 'countNotIn'; column: string; values: string[] }
  | { op: 'countTrue'; column: string }
  | { op: 'countNotNull'; column: string }
  | { op: 'mean'; column: string };

type Aggregations<K extends string> = Record<K, Aggregation>;
type Values<K extends string> = Record<K, number | null>;

const count: Aggregation = { op: 'count' };
const withSlos: Aggregation = {
  op: 'countNotIn',
  column: 'slo_status',
  values: ['no-slo'],
};
const healthy: Aggregation = {
  op: 'countIn',
  column: 'slo_status',
  values: ['healthy'],
};
const mean = (column: string): Aggregation => ({ op: 'mean', column });

/** Aggregations of fleet rows, per group. */
export const SUMMARY_AGGREGATIONS = {
  entities: count,
  withSlos,
  healthy,
  burning: {
    op: 'countIn',
    column: 'slo_status',
    values: ['breaching', 'at-risk'],
  },
  pagesPerWeek: mean('pages_per_week'),
  pagesPerOnCallWeek: mean('pages_per_on_call_week'),
  mttaMs: mean('mtta_ms'),
  mttrMs: mean('mttr_ms'),
  noiseRatio: mean('noise_ratio'),
  runbookCoverage: mean('runbook_coverage'),
  readinessKnown: {
    op: 'countNotIn',
    column: 'readiness',
    values: ['unknown'],
  },
  ready: { op: 'countIn', column: 'readiness', values: ['ready', 'exempt'] },
  golden: { op: 'countNotNull', column: 'golden_path_level' },
} satisfies Aggregations<string>;

/** Aggregations of weekly rows, per week and tier. */
export const TREND_AGGREGATIONS = {
  entities: count,
  withSlos,
  healthy,
  breaching: { op: 'countTrue', column: 'breached' },
  pagesPerWeek: mean('pages_per_week'),
} satisfies Aggregations<string>;

type SummaryValues = Values<keyof typeof SUMMARY_AGGREGATIONS>;
type TrendValues = Values<keyof typeof TREND_AGGREGATIONS>;

const ratio = (part: number | null, whole: number | null) =>
  whole ? Number(part) / whole : null;

/** The KPIs of a group from its aggregated values. */
export function groupSummaryOf(
  key: string | null,
  v: SummaryValues,
): FleetGroupSummary {
  return {
    key,
    entities: Number(v.entities),
    withSlos: Number(v.withSlos),
    sloAttainmentRate: ratio(v.healthy, v.withSlos),
    burningAbovePolicy: Number(v.burning),
    pagesPerWeek: v.pagesPerWeek,
    pagesPerOnCallWeek: v.pagesPerOnCallWeek,
    mttaMs: v.mttaMs,
    mttrMs: v.mttrMs,
    noiseRatio: v.noiseRatio,
    runbookCoverage: v.runbookCoverage,
    readinessCoverage: ratio(v.ready, v.readinessKnown),
    goldenPathAdoption: v.golden ? ratio(v.golden, v.entities) : null,
  };
}

/** The trend point of a week and tier from its aggregated values. */
export function trendPointOf(
  week: string,
  tier: string | null,
  v: TrendValues,
): FleetTrendPoint {
  return {
    week,
    tier,
    entities: Number(v.entities),
    sloAttainmentRate: ratio(v.healthy, v.withSlos),
    breaching: Number(v.breaching),
    pagesPerWeek: v.pagesPerWeek,
  };
}

// ------------------------------------------------------------ evaluation

function unknownAggregation(a: never): never {
  throw new NotImplementedError(`Unknown aggregation ${JSON.stringify(a)}`);
}

/** The aggregations as SQL select expressions, aliased by their names. */
export function sqlAggregations(
  db: Knex,
  aggregations: Aggregations<string>,
): Knex.Raw[] {
  return Object.entries(aggregations).map(([alias, a]) => {
    const list = (values: string[]) => values.map(() => '?').join(', ');
    switch (a.op) {
      case 'count':
        return db.raw('COUNT(*) as ??', [alias]);
      case 'countIn':
        return db.raw(
          `SUM(CASE WHEN ?? IN (${list(a.values)}) THEN 1 ELSE 0 END) as ??`,
          [a.column, ...a.values, alias],
        );
      case 'countNotIn':
        return db.raw(
          `SUM(CASE WHEN ?? NOT IN (${list(
            a.values,
          )}) THEN 1 ELSE 0 END) as ??`,
          [a.column, ...a.values, alias],
        );
      case 'countTrue':
        return db.raw('SUM(CASE WHEN ?? THEN 1 ELSE 0 END) as ??', [
          a.column,
          alias,
        ]);
      case 'countNotNull':
        return db.raw('COUNT(??) as ??', [a.column, alias]);
      case 'mean':
        return db.raw('AVG(??) as ??', [a.column, alias]);
      default:
        return unknownAggregation(a);
    }
  });
}

/** The values of SQL aggregations in a result row, as numbers or null. */
export function sqlValues<K extends string>(
  aggregations: Aggregations<K>,
  row: Record<string, unknown>,
): Values<K> {
  return Object.fromEntries(
    Object.keys(aggregations).map(k => [k, num(row[k])]),
  ) as Values<K>;
}

/** Evaluates the aggregations over rows in memory (in table columns). */
export function rowValues<K extends string>(
  aggregations: Aggregations<K>,
  rows: Array<Record<string, unknown>>,
): Values<K> {
  const evaluate = (a: Aggregation): number | null => {
    switch (a.op) {
      case 'count':
        return rows.length;
      case 'countIn':
        return rows.filter(r => a.values.includes(r[a.column] as string))
          .length;
      case 'countNotIn':
        return rows.filter(
          r =>
            r[a.column] !== null &&
            r[a.column] !== undefined &&
            !a.values.includes(r[a.column] as string),
        ).length;
      case 'countTrue':
        return rows.filter(r => Boolean(r[a.column])).length;
      case 'countNotNull':
        return rows.filter(
          r => r[a.column] !== null && r[a.column] !== undefined,
        ).length;
      case 'mean': {
        const present = rows
          .map(r => num(r[a.column]))
          .filter((v): v is number => v !== null);
        return present.length
          ? present.reduce((x, y) => x + y, 0) / present.length
          : null;
      }
      default:
        return unknownAggregation(a);
    }
  };
  return Object.fromEntries(
    Object.entries(aggregations).map(([k, a]) => [
      k,
      evaluate(a as Aggregation),
    ]),
  ) as Values<K>;
}

// --------------------------------------------------------------- summary

export const GROUP_COLUMNS = {
  tier: 'tier',
  owner: 'owner_ref',
  system: 'system_ref',
} as const;

export type FleetGroupBy = keyof typeof GROUP_COLUMNS;

/** KPIs of a group of fleet rows (evaluated in memory). */
export function summarizeRows(
  key: string | null,
  rows: FleetRow[],
): FleetGroupSummary {
  return groupSummaryOf(
    key,
    rowValues(SUMMARY_AGGREGATIONS, rows.map(toDbColumns)),
  );
}

/** KPIs per group of the given rows, ordered by key (null last). */
export function summarizeGroups(
  groupBy: FleetGroupBy,
  rows: FleetRow[],
): FleetGroupSummary[] {
  const field = (
    { tier: 'tier', owner: 'ownerRef', system: 'systemRef' } as const
  )[groupBy];
  const byKey = new Map<string | null, FleetRow[]>();
  for (const row of rows) {
    const k = row[field];
    byKey.set(k, [...(byKey.get(k) ?? []), row]);
  }
  return [...byKey.entries()]
    .map(([k, r]) => summarizeRows(k, r))
    .sort((a, b) => compareKeys(a.key, b.key));
}

/** Trend points per week and tier of weekly rows (evaluated in memory). */
export function trendsOfRows(rows: FleetWeeklyRow[]): FleetTrendPoint[] {
  const groups = new Map<string, FleetWeeklyRow[]>();
  for (const r of rows) {
    const k = JSON.stringify([r.week, r.tier]);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([k, rs]) => {
      const [week, tier] = JSON.parse(k);
      return trendPointOf(week, tier, rowValues(TREND_AGGREGATIONS, rs));
    });
}

/** KPIs per group of the fleet table, aggregated by the database. */
export class FleetSummaries {
  constructor(private readonly db: Knex) {}

  /** KPIs per group (no permission filter), ordered by key (null last). */
  async summary(groupBy: FleetGroupBy): Promise<FleetGroupSummary[]> {
    const col = GROUP_COLUMNS[groupBy];
    const rows: Array<Record<string, unknown>> = await this.db(FLEET)
      .select({ key: col })
      .select(sqlAggregations(this.db, SUMMARY_AGGREGATIONS))
      .groupBy(col);
    return rows
      .map(r =>
        groupSummaryOf(
          (r.key as string | null) ?? null,
          sqlValues(SUMMARY_AGGREGATIONS, r),
        ),
      )
      .sort((a, b) => compareKeys(a.key, b.key));
  }
}
