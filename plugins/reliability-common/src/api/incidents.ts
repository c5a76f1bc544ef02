import { EntityProblem } from './types';
import {
  CorrectiveActionRecord,
  IncidentPeriodKind,
  IncidentPeriodKpis,
  IncidentRecord,
} from '../incidents';

/**
 * The KPIs of a set of entities: the period and the previous one, and the
 * overdue actions now.
 *
 * @public
 */
export interface IncidentKpiSet {
  /** The KPIs of the current period (the month or quarter so far). */
  current: IncidentPeriodKpis;
  /** The KPIs of the whole previous period. */
  previous: IncidentPeriodKpis;
  /** Actions not done whose due date has passed, now, whatever the period. */
  overdueActions: number;
  /** Whole days past due of the oldest overdue action; null when none is overdue. */
  oldestOverdueDays: number | null;
  /** Overdue actions past their tier's stall threshold, now. */
  stalledActions: number;
}

/**
 * `GET /entities/:kind/:namespace/:name/incidents`.
 *
 * @public
 */
export interface EntityIncidentsResponse {
  /** The entity's ref, e.g. `component:default/checkout`. */
  entityRef: string;
  /** The KPI period kind asked for (`period` query; default `month`). */
  period: IncidentPeriodKind;
  /** The configured severity names, most severe first. */
  severities: string[];
  /** The severities that require a postmortem (default SEV0 and SEV1). */
  requiredSeverities: string[];
  /** Business days after resolution within which a postmortem is due. */
  slaBusinessDays: number;
  /** The entity's KPIs for the period and the previous one. */
  kpis: IncidentKpiSet;
  /** Incidents with a severity (or requiring a postmortem) of the last 12 months, newest first. */
  incidents: IncidentRecord[];
  /** Counts per calendar month (UTC) and severity, the last 12 months, oldest first; `none` for no severity. */
  monthly: Array<{ month: string; counts: Record<string, number> }>;
  /** The corrective actions of the entity's postmortems. */
  actions: CorrectiveActionRecord[];
  /** Problems reading the entity's postmortems and tickets. */
  problems: EntityProblem[];
  /** When the postmortems were last read; null before the first run. */
  computedAt: string | null;
}

/**
 * `GET /incidents/fleet`: KPIs per tier and fleet-wide, and the stalled
 * actions for escalation.
 *
 * @public
 */
export interface FleetIncidentsResponse {
  /** The KPI period kind asked for (`period` query; default `month`). */
  period: IncidentPeriodKind;
  /** The configured severity names, most severe first. */
  severities: string[];
  /** The severities that require a postmortem (default SEV0 and SEV1). */
  requiredSeverities: string[];
  /** Per tier (configured order, then `null` for entities without a valid tier): entity count and KPIs. */
  tiers: Array<{ tier: string | null; entities: number; kpis: IncidentKpiSet }>;
  /** The KPIs of all entities the caller may see. */
  fleet: IncidentKpiSet;
  /** Stalled actions, most overdue first, at most 200. */
  stalledActions: CorrectiveActionRecord[];
}
