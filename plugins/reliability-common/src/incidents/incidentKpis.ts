import { CorrectiveActionRecord, IncidentRecord } from './records';

/**
 * A calendar period in UTC, `[from, to)`.
 *
 * @public
 */
export interface IncidentPeriod {
  /** ISO 8601 UTC instant; the start, inclusive. */
  from: string;
  /** ISO 8601 UTC instant; the end, exclusive. */
  to: string;
}

/**
 * The KPI period kinds.
 *
 * @public
 */
export type IncidentPeriodKind = 'month' | 'quarter';

/**
 * The calendar month or quarter (UTC) that contains `at`, and the one
 * before it. Pure.
 *
 * @public
 */
export function incidentPeriods(
  kind: IncidentPeriodKind,
  at: Date | string,
): { current: IncidentPeriod; previous: IncidentPeriod } {
  const d = new Date(at);
  const months = kind === 'month' ? 1 : 3;
  const startMonth =
    kind === 'month' ? d.getUTCMonth() : Math.floor(d.getUTCMonth() / 3) * 3;
  const iso = (m: number) =>
    new Date(Date.UTC(d.getUTCFullYear(), m, 1)).toISOString();
  return {
    current: { from: iso(startMonth), to: iso(startMonth + months) },
    previous: { from: iso(startMonth - months), to: iso(startMonth) },
  };
}

/**
 * Count, MTTR and MTTD of the incidents of one severity (null: none).
 *
 * @public
 */
export interface SeverityKpis {
  /** The severity name; null for incidents with no severity. */
  severity: string | null;
  /** Incidents of this severity created in the period. */
  count: number;
  /** Mean of creation to resolution of the resolved ones, in ms. */
  mttrMs: number | null;
  /** Mean of impact start to creation where known, in ms. */
  mttdMs: number | null;
  /** How many had a known impact start (the MTTD sample). */
  mttdKnown: number;
}

/**
 * The incident KPIs of one period.
 *
 * @public
 */
export interface IncidentPeriodKpis extends IncidentPeriod {
  /** One entry per configured severity (most severe first), then `null`. */
  bySeverity: SeverityKpis[];
  /** Incidents of the severities that require a postmortem (SEV0/SEV1). */
  majorCount: number;
  /** Postmortems of the incidents created in the period that require one. */
  postmortems: {
    /** Incidents requiring a postmortem whose deadline has passed or that have one published. */
    due: number;
    /** Of those, published within the SLA. */
    onTime: number;
    /** onTime / due; null when nothing is due. */
    share: number | null;
    /** Not due yet and not published. */
    pending: number;
  };
  /** Corrective actions whose due date falls in the period and has passed. */
  actions: {
    /** Actions due in the period, up to now. */
    due: number;
    /** Of those, done no later than their due date. */
    closedOnTime: number;
    /** closedOnTime / due; null when nothing is due. */
    share: number | null;
  };
}

const mean = (xs: number[]) =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;

const within = (iso: string | undefined, p: IncidentPeriod) =>
  iso !== undefined && iso >= p.from && iso < p.to;

/**
 * The KPIs of one period from incident and action records. Incidents count
 * in the period they were created in; actions in the period of their due
 * date, once that date has passed (`now`). Pure.
 *
 * @public
 */
export function computeIncidentPeriodKpis(input: {
  period: IncidentPeriod;
  incidents: IncidentRecord[];
  actions: CorrectiveActionRecord[];
  severities: readonly string[];
  requiredSeverities: readonly string[];
  now: string;
}): IncidentPeriodKpis {
  const { period } = input;
  const inPeriod = input.incidents.filter(i => within(i.createdAt, period));
  const bySeverity = [...input.severities, null].map(severity => {
    const of = inPeriod.filter(i => i.severity === severity);
    const mttd = of.flatMap(i => (i.mttdMs === null ? [] : [i.mttdMs]));
    return {
      severity,
      count: of.length,
      mttrMs: mean(of.flatMap(i => (i.mttrMs === null ? [] : [i.mttrMs]))),
      mttdMs: mean(mttd),
      mttdKnown: mttd.length,
    };
  });
  const major = inPeriod.filter(
    i => i.severity !== null && input.requiredSeverities.includes(i.severity),
  );
  const states = major.map(i => i.postmortem?.state ?? 'pending');
  const pmDue = states.filter(s => s !== 'pending').length;
  const pmOnTime = states.filter(s => s === 'on-time').length;
  const actionsDue = input.actions.filter(
    a =>
      a.dueAt !== undefined && within(a.dueAt, period) && a.dueAt <= input.now,
  );
  const closedOnTime = actionsDue.filter(
    a => a.state === 'done' && !!a.closedAt && a.closedAt <= a.dueAt!,
  ).length;
  return {
    ...period,
    bySeverity,
    majorCount: major.length,
    postmortems: {
      due: pmDue,
      onTime: pmOnTime,
      share: pmDue ? pmOnTime / pmDue : null,
      pending: states.length - pmDue,
    },
    actions: {
      due: actionsDue.length,
      closedOnTime,
      share: actionsDue.length ? closedOnTime / actionsDue.length : null,
    },
  };
}

/**
 * The open overdue actions: how many, the oldest age, and how many stalled.
 * Pure.
 *
 * @public
 */
export function summarizeOverdueActions(actions: CorrectiveActionRecord[]): {
  overdue: number;
  oldestOverdueDays: number | null;
  stalled: number;
} {
  const ages = actions.flatMap(a =>
    a.overdueDays === null ? [] : [a.overdueDays],
  );
  return {
    overdue: ages.length,
    oldestOverdueDays: ages.length ? Math.max(...ages) : null,
    stalled: actions.filter(a => a.stalled).length,
  };
}
