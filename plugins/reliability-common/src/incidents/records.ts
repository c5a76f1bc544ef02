import { CorrectiveActionState, PostmortemStatus } from './types';

/**
 * Where an incident's impact start came from: the source's own field, the
 * entity's SLO burn rate on Prometheus, or nowhere (MTTD unknown).
 *
 * @public
 */
export type ImpactStartFrom = 'source' | 'slo' | null;

/**
 * The postmortem of an incident whose severity requires one.
 *
 * - `on-time`: published no later than `dueAt`;
 * - `late`: published after `dueAt`;
 * - `pending`: not published, and not due yet (or the incident is open);
 * - `overdue`: not published (or missing) and past `dueAt`.
 *
 * @public
 */
export interface IncidentPostmortemState {
  /** `missing` when no postmortem names the incident. */
  status: PostmortemStatus | 'missing';
  state: 'on-time' | 'late' | 'pending' | 'overdue';
  postmortemId?: string;
  title?: string;
  url?: string;
  /** ISO 8601; null while the incident is open. */
  dueAt: string | null;
  publishedAt: string | null;
}

/**
 * One incident with its severity, detection and restoration times and its
 * postmortem.
 *
 * @public
 */
export interface IncidentRecord {
  entityRef: string;
  id: string;
  source: string;
  title: string;
  /** null: no configured rule gives one ("no severity"). */
  severity: string | null;
  createdAt: string;
  resolvedAt: string | null;
  impactStartedAt: string | null;
  impactStartFrom: ImpactStartFrom;
  /** Impact start to creation, in ms; null when the impact start is unknown. */
  mttdMs: number | null;
  /** Creation to resolution, in ms; null while open. */
  mttrMs: number | null;
  /** null when the severity requires no postmortem. */
  postmortem: IncidentPostmortemState | null;
}

/**
 * One corrective action with the state of its ticket.
 *
 * @public
 */
export interface CorrectiveActionRecord {
  entityRef: string;
  postmortemId: string;
  postmortemTitle: string;
  id: string;
  title: string;
  owner?: string;
  /** `YYYY-MM-DD` as written. */
  due?: string;
  /** ISO 8601: the end of the due date in the owning team's time zone. */
  dueAt?: string;
  ticket?: string;
  ticketUrl?: string;
  state: CorrectiveActionState;
  /** The ticket's own status name. */
  statusName?: string;
  closedAt?: string | null;
  /** Whole days past `dueAt` of an action not done; null when not overdue. */
  overdueDays: number | null;
  /** Overdue by more than the tier's stall threshold. */
  stalled: boolean;
}
