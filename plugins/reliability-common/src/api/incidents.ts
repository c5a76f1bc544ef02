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
  current: IncidentPeriodKpis;
  previous: IncidentPeriodKpis;
  overdueActions: number;
  oldestOverdueDays: number | null;
  stalledActions: number;
}

/**
 * `GET /entities/:kind/:namespace/:name/incidents`.
 *
 * @public
 */
export interface EntityIncidentsResponse {
  entityRef: string;
  period: IncidentPeriodKind;
  severities: string[];
  requiredSeverities: string[];
  slaBusinessDays: number;
  kpis: IncidentKpiSet;
  /** Incidents with a severity (or requiring a postmortem) of the last 12 months, newest first. */
  incidents: IncidentRecord[];
  /** Counts per calendar month (UTC) and severity, the last 12 months, oldest first; `none` for no severity. */
  monthly: Array<{ month: string; counts: Record<string, number> }>;
  actions: CorrectiveActionRecord[];
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
  period: IncidentPeriodKind;
  severities: string[];
  requiredSeverities: string[];
  tiers: Array<{ tier: string | null; entities: number; kpis: IncidentKpiSet }>;
  fleet: IncidentKpiSet;
  stalledActions: CorrectiveActionRecord[];
}
