import {
  EntitySloStatus,
  Incident,
  SloStatus,
  addUtcDays,
  isoWeekStart,
  worstSloStatus,
} from '@reliability-kit/backstage-plugin-reliability-common';

/**
 * History from day one: the weekly rows of the weeks before the suite was
 * installed, rebuilt from what is stored (the daily SLO history and the
 * paging incidents). Pure: {@link FleetWriter.backfillHistory} reads the
 * inputs and writes the rows.
 */

/** Weeks rebuilt before the current one. */
export const BACKFILL_WEEKS = 12;

/** One stored daily SLO history point. */
export interface BackfillSloPoint {
  entityRef: string;
  sloId: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  status: SloStatus;
  budgetRemaining: number | null;
}

/** An entity of the fleet table, with what the backfill keeps of it. */
export interface BackfillEntity {
  entityRef: string;
  ownerRef: string | null;
  systemRef: string | null;
  tier: string | null;
  /** True when the entity has a paging source (its pages are counted). */
  paged: boolean;
}

/** A rebuilt weekly row (the columns of `reliability_fleet_weekly`). */
export interface BackfilledWeek {
  week: string;
  entityRef: string;
  ownerRef: string | null;
  systemRef: string | null;
  tier: string | null;
  sloStatus: EntitySloStatus;
  sloCount: number;
  worstBudgetRemaining: number | null;
  breached: boolean;
  pagesPerWeek: number | null;
}

/** The `count` ISO weeks (Mondays) before the week of `now`, oldest first. */
export function backfillWeeks(now: Date, count = BACKFILL_WEEKS): string[] {
  const current = isoWeekStart(now);
  return Array.from({ length: count }, (_, i) =>
    addUtcDays(current, -7 * (count - i)),
  );
}

/**
 * The weekly rows of `weeks` for each entity, from its SLO history points
 * and high-urgency incidents:
 *
 * - per SLO, the last point of the week counts (as the live row keeps the
 *   last figures of the week): the entity's status is the worst of those,
 *   the SLO count is how many SLOs have one, the worst budget is their
 *   lowest budget remaining; `breached` when any point of the week is
 *   breaching. `no-data` points carry no figures and are left out (a
 *   backfill records them for days before the metrics begin);
 * - pages per week: the entity's high-urgency incidents created in the
 *   week, for entities with a paging source and weeks from the week of the
 *   first stored incident (`pagingSince`) on; else null.
 *
 * A week with neither SLO figures nor pages gets no row: history starts
 * where the stored data starts.
 */
export function backfillWeeklyRows(input: {
  weeks: string[];
  entities: BackfillEntity[];
  sloPoints: BackfillSloPoint[];
  incidents: Array<
    Pick<Incident, 'createdAt' | 'urgency'> & { entityRef: string }
  >;
  /** The first stored incident (ISO time); null when there is none. */
  pagingSince: string | null;
}): BackfilledWeek[] {
  const weekSet = new Set(input.weeks);
  const pagingWeek = input.pagingSince ? isoWeekStart(input.pagingSince) : null;
  const points = new Map<string, BackfillSloPoint[]>();
  for (const p of input.sloPoints) {
    if (p.status === 'no-data') continue;
    const key = `${isoWeekStart(`${p.day}T00:00:00Z`)}|${p.entityRef}`;
    points.set(key, [...(points.get(key) ?? []), p]);
  }
  const pages = new Map<string, number>();
  for (const i of input.incidents) {
    if (i.urgency !== 'high') continue;
    const key = `${isoWeekStart(i.createdAt)}|${i.entityRef}`;
    pages.set(key, (pages.get(key) ?? 0) + 1);
  }

  const rows: BackfilledWeek[] = [];
  for (const week of input.weeks) {
    if (!weekSet.has(week)) continue;
    for (const e of input.entities) {
      const key = `${week}|${e.entityRef}`;
      const last = new Map<string, BackfillSloPoint>();
      for (const p of points.get(key) ?? []) {
        const seen = last.get(p.sloId);
        if (!seen || seen.day < p.day) last.set(p.sloId, p);
      }
      const paged = e.paged && pagingWeek !== null && week >= pagingWeek;
      if (last.size === 0 && !paged) continue;
      const budgets = [...last.values()]
        .map(p => p.budgetRemaining)
        .filter((b): b is number => b !== null && Number.isFinite(b));
      rows.push({
        week,
        entityRef: e.entityRef,
        ownerRef: e.ownerRef,
        systemRef: e.systemRef,
        tier: e.tier,
        sloStatus: worstSloStatus([...last.values()].map(p => p.status)),
        sloCount: last.size,
        worstBudgetRemaining: budgets.length ? Math.min(...budgets) : null,
        breached: (points.get(key) ?? []).some(p => p.status === 'breaching'),
        pagesPerWeek: paged ? pages.get(key) ?? 0 : null,
      });
    }
  }
  return rows;
}
