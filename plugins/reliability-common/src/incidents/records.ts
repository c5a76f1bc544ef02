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
  /** Against the SLA deadline `dueAt` (see above). */
  state: 'on-time' | 'late' | 'pending' | 'overdue';
  /** The postmortem's id; missing when there is none. */
  postmortemId?: string;
  /** The postmortem's title; missing when there is none. */
  title?: string;
  /** Where to read the postmortem, when known. */
  url?: string;
  /** ISO 8601; null while the incident is open. */
  dueAt: string | null;
  /** ISO 8601 instant; null until published, or when its date is unreadable. */
  publishedAt: string | null;
}

/**
 * One incident with its severity, detection and restoration times and its
 * postmortem.
 *
 * @public
 */
export interface IncidentRecord {
  /** The ref of the entity the incident belongs to. */
  entityRef: string;
  /** The incident id at its source. */
  id: string;
  /** The incident source (a paging provider id, e.g. `pagerduty`). */
  source: string;
  /** The incident title. */
  title: string;
  /** null: no configured rule gives one ("no severity"). */
  severity: string | null;
  /** ISO 8601; when the incident was created (its detection). */
  createdAt: string;
  /** ISO 8601; null while the incident is open. */
  resolvedAt: string | null;
  /** ISO 8601; when the impact began; null when unknown. */
  impactStartedAt: string | null;
  /** Where `impactStartedAt` came from. */
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
  /** The ref of the entity whose postmortem names the action. */
  entityRef: string;
  /** The id of the postmortem the action belongs to. */
  postmortemId: string;
  /** The title of that postmortem. */
  postmortemTitle: string;
  /** The action's id, unique within the postmortem. */
  id: string;
  /** The action's title. */
  title: string;
  /** An entity ref or a person, as written. */
  owner?: string;
  /** `YYYY-MM-DD` as written. */
  due?: string;
  /** ISO 8601: the end of the due date in the owning team's time zone. */
  dueAt?: string;
  /** The ticket key or URL, as written. */
  ticket?: string;
  /** The ticket's web page, as its provider reports it. */
  ticketUrl?: string;
  /** From the ticket; `no-ticket` or `unknown` when it has none or it could not be read. */
  state: CorrectiveActionState;
  /** The ticket's own status name. */
  statusName?: string;
  /** ISO 8601; when the ticket was closed; null when not closed or not known; missing without a ticket state. */
  closedAt?: string | null;
  /** Whole days past `dueAt` of an action not done; null when not overdue. */
  overdueDays: number | null;
  /** Overdue by more than the tier's stall threshold. */
  stalled: boolean;
}
